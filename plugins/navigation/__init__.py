from .navigation import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = (
    "aria_current",
    "made_with",
    "menu",
    "section_leads",
    "section_parts",
    "sections",
    "site_part",
    "table_of_contents",
)

__all__ = ["TEMPLATE_NAMES", "register"]
