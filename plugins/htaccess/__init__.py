from .htaccess import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = ("content_security_policy",)

__all__ = ["TEMPLATE_NAMES", "register"]
