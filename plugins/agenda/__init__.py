from .agenda import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = ("events", "upcoming_events", "past_events_by_year", "AGENDA_WEBCAL", "BUILD_DATE")

__all__ = ["TEMPLATE_NAMES", "register"]
