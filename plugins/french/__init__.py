from .french import register

__all__ = ["register"]
