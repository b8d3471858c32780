from .navigation import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = ("aria_current", "menu", "sections", "section_leads")

__all__ = ["TEMPLATE_NAMES", "register"]
