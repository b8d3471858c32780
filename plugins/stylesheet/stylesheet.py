"""One stylesheet for the whole site. The theme's CSS lives in small files by
role (theme/css: global, compositions, utilities, blocks); they are joined in
cascade order into one file, one request, named after a hash of its content so
that it can be cached for a year and a change still reaches visitors at once.
Templates link it as {{ STYLESHEET_URL }}. The print rules tell this site's
links from other sites' by its address, written in for __SITEURL__."""

import hashlib
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

# Cascade order: later files win. A file matched twice is included once.
DEFAULT_STYLESHEET_PARTS = [
    "global/tokens.css",
    "global/*.css",
    "compositions/*.css",
    "utilities/*.css",
    "blocks/*.css",
    "print.css",
]
HASH_LENGTH = 10
SITEURL_PLACEHOLDER = "__SITEURL__"


def bundle(css_dir: Path, parts: list[str]) -> str:
    """The CSS files matching `parts`, in that order, joined."""
    files: list[Path] = []
    for pattern in parts:
        files += [path for path in sorted(css_dir.glob(pattern)) if path not in files]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def css_string_content(text: str) -> str:
    """`text` escaped to sit between a CSS string's double quotes."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def fingerprinted_name(css: str) -> str:
    return f"site.{hashlib.sha256(css.encode()).hexdigest()[:HASH_LENGTH]}.css"


class StylesheetGenerator(Generator):
    """Puts STYLESHEET_URL in the templates' context, then writes the file."""

    def generate_context(self) -> None:
        parts = self.settings.get("STYLESHEET_PARTS", DEFAULT_STYLESHEET_PARTS)
        css = bundle(Path(self.theme) / "css", parts)
        siteurl = css_string_content(self.settings["SITEURL"])
        self.css = css.replace(SITEURL_PLACEHOLDER, siteurl)
        static_dir = self.settings["THEME_STATIC_DIR"]
        self.context["STYLESHEET_URL"] = f"{static_dir}/css/{fingerprinted_name(self.css)}"

    def generate_output(self, writer) -> None:
        path = Path(self.output_path) / self.context["STYLESHEET_URL"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.css, encoding="utf-8")


def get_generators(_pelican) -> type[Generator]:
    return StylesheetGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
