from .once import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = ("render_once",)

__all__ = ["TEMPLATE_NAMES", "register"]
