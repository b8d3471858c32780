"""A template error, in French, at the theme's file and line where it is, with
what to do: the plugin that gives the missing name, when one does."""

import re
import traceback
from pathlib import Path

import jinja2

from bimoc import ROOT
from plugins import format_message, missing_plugin

# The name a template error is about: undefined, a missing attribute, filter or test.
TEMPLATE_NAME = re.compile(r"'(\w+)' is undefined|attribute '(\w+)'|named '(\w+)'")


def template_location(error: jinja2.TemplateError) -> str:
    """'theme/templates/partials/footer.html:5': where in the theme the error is."""
    place: tuple[str, int | None]
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        place = (error.filename, error.lineno)
    else:  # Jinja's frames of template code carry the template's file and line
        frames = traceback.extract_tb(error.__traceback__)
        templates = [f for f in frames if f.filename.endswith((".html", ".svg", ".xml"))]
        place = (templates[-1].filename, templates[-1].lineno) if templates else ("thème", None)
    path = Path(place[0])
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else place[0]
    return f"{name}:{place[1]}" if place[1] else name


def template_problem(error: jinja2.TemplateError, loaded: list) -> str:
    """A template error, in French, with what to do: a missing plugin named."""
    match = TEMPLATE_NAME.search(str(error))
    where = template_location(error)
    if not match:
        return format_message(where, "template_error", detail=str(error))
    name = next(group for group in match.groups() if group)
    plugin = missing_plugin(name, loaded)
    if plugin:
        return format_message(where, "missing_plugin", name=name, plugin=plugin)
    return format_message(where, "template_undefined", name=name)
