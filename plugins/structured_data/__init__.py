from .structured_data import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = ("organization_json_ld", "article_json_ld", "event_json_ld", "breadcrumb_json_ld")

__all__ = ["TEMPLATE_NAMES", "register"]
