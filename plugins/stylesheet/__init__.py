from .stylesheet import register

__all__ = ["register"]
