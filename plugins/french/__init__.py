from .french import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = (
    "french_date",
    "french_span",
    "french_when",
    "tel_uri",
    "superscripts",
    "no_break",
)

__all__ = ["TEMPLATE_NAMES", "register"]
