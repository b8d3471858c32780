from .drafts import Draft, drafts_in, drafts_url, register

__all__ = ["Draft", "drafts_in", "drafts_url", "register"]
