from .agenda import register

# What the templates get from this plugin: a build without it says so by name.
TEMPLATE_NAMES = (
    "events",
    "upcoming_events",
    "history_by_year",
    "history_title",
    "history_pages",
    "history_page",
    "upcoming_page",
    "recent_articles",
    "meeting",
    "AGENDA_WEBCAL",
    "BUILD_DATE",
)

__all__ = ["TEMPLATE_NAMES", "register"]
