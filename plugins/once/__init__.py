from .once import register

__all__ = ["register"]
