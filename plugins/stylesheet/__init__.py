from .stylesheet import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = ("STYLESHEET_URL",)

__all__ = ["TEMPLATE_NAMES", "register"]
