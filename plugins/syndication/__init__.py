from .syndication import register

__all__ = ["register"]
