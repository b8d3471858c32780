from .htaccess import register

__all__ = ["register"]
