from .addresses import register

__all__ = ["register"]
