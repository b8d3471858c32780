"""Work Pelican repeats that this build does once.

- Each content's address. Pelican recomputes `url` and `save_as` from the URL
  pattern at every use (templates, feeds, sitemap, checks: about twenty times
  per news item, each a `str.format` with a date and a path computation). Once
  every content is read, nothing changes what they depend on (slug, date,
  status), so they are computed then and kept in Pelican's own `override_url`
  and `override_save_as`, which it returns as they are.
- Each template's compilation. Every generator has its own Jinja environment
  and compiled the whole theme again; they now share the compiled code (Jinja's
  bytecode cache, in memory: nothing outlives the build). Templates do not
  change during a build, so Jinja need not check their files before each use."""

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from pelican import signals
from pelican.generators import Generator


class SharedBytecode(BytecodeCache):
    """Compiled templates, shared by the generators of one build."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def share_templates(generator: Generator) -> None:
    context = generator.context
    context.setdefault("_compiled_templates", SharedBytecode())
    generator.env.bytecode_cache = context["_compiled_templates"]
    generator.env.auto_reload = False


def fix_urls(generators: list[Generator]) -> None:
    for content in generators[0].context["generated_content"].values():
        if content is not None:  # None: a file that failed to read
            content.override_url = content.url
            content.override_save_as = content.save_as


def register() -> None:
    signals.generator_init.connect(share_templates)
    signals.all_generators_finalized.connect(fix_urls)
