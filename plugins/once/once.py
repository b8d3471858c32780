"""Work Pelican repeats that this build does once.

- Each content's address. Pelican recomputes `url` and `save_as` from the URL
  pattern at every use (templates, feeds, sitemap, checks: about twenty times
  per news item, each a `str.format` with a date and a path computation). Once
  every content is read, nothing changes what they depend on (slug, date,
  status), so they are computed then and kept in Pelican's own `override_url`
  and `override_save_as`, which it returns as they are.
- Each template's compilation. Every generator has its own Jinja environment,
  and every build compiled the whole theme again in each. Compiled templates
  are now kept in `.cache/templates/` (Jinja's bytecode cache, next to the
  theme), shared by the generators and by later builds. Jinja recompiles a
  template whose text changed, and ignores code from another Jinja version;
  what else shapes the compiled code (the Jinja options, the extensions' code,
  such as the french plugin's typography of template text) names the folder,
  so a change there starts a fresh cache. Templates do not change during a
  build, so Jinja need not check their files before each use either.
- Each partial that is the same on every page (the footer, the logo): the
  templates call `render_once("partials/footer.html")` instead of including it,
  and get the text rendered for the first page. A partial that depends on the
  page (the menu, which marks the current item) must stay an include."""

import hashlib
import shutil
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator


def fix_urls(generators: list[Generator]) -> None:
    for content in generators[0].context["generated_content"].values():
        if content is not None:  # None: a file that failed to read
            content.override_url = content.url
            content.override_save_as = content.save_as


def template_cache(environment: Environment, settings: dict) -> FileSystemBytecodeCache:
    fingerprint = hashlib.sha256()
    for name in ("JINJA_ENVIRONMENT", "PLAIN_TEXT_TEMPLATES"):
        fingerprint.update(repr(settings.get(name)).encode())
    for extension in environment.extensions.values():
        package = Path(str(sys.modules[type(extension).__module__].__file__)).parent
        for source in sorted(package.glob("*.py")):
            fingerprint.update(source.read_bytes())
    caches = Path(settings["THEME"]).parent / ".cache" / "templates"
    folder = caches / fingerprint.hexdigest()[:16]
    if not folder.is_dir():  # a new fingerprint: the old caches will never serve again
        shutil.rmtree(caches, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def share_templates(generators: list[Generator]) -> None:
    """Once every extension is in place, before any page is written."""
    cache = template_cache(generators[0].env, generators[0].settings)
    for generator in generators:
        generator.env.bytecode_cache = cache
        generator.env.auto_reload = False


@pass_context
def render_once(context: Context, name: str) -> Markup:
    rendered = context.environment.rendered_once  # type: ignore[attr-defined]
    if name not in rendered:
        rendered[name] = Markup(context.environment.get_template(name).render(context.get_all()))
    return rendered[name]


def add_render_once(generator: Generator) -> None:
    generator.env.extend(rendered_once={})
    generator.env.globals["render_once"] = render_once


def register() -> None:
    signals.generator_init.connect(add_render_once)
    signals.all_generators_finalized.connect(fix_urls)
    signals.all_generators_finalized.connect(share_templates)
