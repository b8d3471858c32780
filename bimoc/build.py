"""Build the site into a temporary folder, and put it in place only when the
build is clean: any warning or error fails the build, and a failed build never
replaces the last good one (Pelican itself exits 0 with pages missing)."""

import argparse
import datetime
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import jinja2
from pelican import Pelican, signals
from pelican.contents import Content
from pelican.log import console
from pelican.settings import read_settings

from bimoc import ROOT
from bimoc.build_messages import failure_advice, show_drafts, show_problem
from bimoc.incremental import Selection, cache_settings, move_selected, uninterrupted
from bimoc.template_errors import template_problem
from plugins import (
    INDEX_FOLDER,
    SITE_FACTS_FILE,
    Draft,
    borrowed_facts,
    drafts_in,
    drafts_url,
    empty_facts,
    facts_settings,
    format_message,
    is_editor_problem,
    location,
)

DEV_SETTINGS = ROOT / "pelicanconf.py"
PRODUCTION_SETTINGS = ROOT / "publishconf.py"
DEFAULT_OUTPUT = ROOT / "output"
SITE_FACTS = "content/site.toml"


class ProblemCollector(logging.Handler):
    """Keeps every warning and error logged during the build, and shows them.
    The content checks speak French already; what Pelican itself says is shown
    as an internal error (a template or plugin fault, not an editor's)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Pelican logs "Could not process <file>" from inside its `except`: when
        # the exception is a content error the checks already reported, skip it.
        if getattr(sys.exc_info()[1], "already_reported", False):
            return
        message = record.getMessage()
        if not is_editor_problem(record):
            message = format_message("construction du site", "internal", detail=message)
        self.report(message)

    def report(self, message: str) -> None:
        self.problems.append(message)
        show_problem(message)


@dataclass
class Source:
    """The content file an output page was written from, and its body as the
    page shows it: `invoke check` traces what it finds in that body back to
    the file (bimoc/trace.py)."""

    path: str  # as Pelican read it
    location: str  # as the editor sees it: content/pages/x.md
    body: str
    values: set[str]  # its metadata written as text (an event's Link:…), which the theme shows


class SourceRecorder:
    """Which content each written page shows (articles, pages, events; listings
    show none: their summaries are escaped text), keyed by the page's path in
    the output, and which drafts the build previews. Kept in memory only:
    nothing extra is written to the site."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.sources: dict[str, Source] = {}
        self.drafts: list[Draft] = []
        self.drafts_url = ""

    def note_drafts(self, generators: list) -> None:
        """Once all content is read: the drafts this build writes (none in production)."""
        self.drafts = drafts_in(generators[0].context)
        self.drafts_url = drafts_url(generators[0].settings)

    def __call__(self, path: str, context: dict) -> None:
        # Templates get the content as `article` or `page` (events: both).
        content = context.get("article") or context.get("page")
        if isinstance(content, Content):
            name = Path(os.path.relpath(path, self.output)).as_posix()
            where = location(content.source_path, content.settings)
            values = {value for value in content.metadata.values() if isinstance(value, str)}
            self.sources[name] = Source(content.source_path, where, content.content, values)


def facts_file(overrides: dict) -> Path:
    """The site.toml a build reads: the content folder's own, when it has one
    (a test's site, `--content`), else content/site.toml (read by pelicanconf.py)."""
    path = Path(overrides.get("PATH", ROOT / "content"), SITE_FACTS_FILE)
    return path if "SITE" not in overrides and path.is_file() else ROOT / SITE_FACTS


def own_facts(overrides: dict) -> dict:
    """The facts of a content folder that brings its own site.toml; of one that
    does not (a test's small site), content/site.toml's with only the menu
    entries it has the pages of. None to add when the folder is content/, whose
    facts pelicanconf.py reads, or when a test sets SITE."""
    path = facts_file(overrides)
    facts = tomllib.loads(path.read_text(encoding="utf-8"))
    if path != ROOT / SITE_FACTS:
        return facts_settings(facts)
    content = Path(overrides.get("PATH", ROOT / "content")).resolve()
    if "SITE" in overrides or content == (ROOT / "content").resolve():
        return {}
    return facts_settings(borrowed_facts(facts, content))


def facts_problem(error: ValueError | RecursionError, path: Path) -> str:
    """The French message of a site.toml that cannot be read, naming that file."""
    where = location(str(path), {"PATH": str(path.parent)})
    if isinstance(error, UnicodeDecodeError):
        return format_message(where, "encoding")
    line = re.search(r"line (\d+)", str(error))  # an editor's typo
    return format_message(f"{where}:{line.group(1)}" if line else where, "site_facts_syntax")


def run_pelican(
    settings_file: Path,
    output: Path,
    overrides: dict,
    recorder: SourceRecorder,
    selection: Selection | None = None,
) -> tuple[dict, list[str]]:
    """Run Pelican once; return its settings and every problem it logged (the
    `recorder` notes which content each page shows)."""
    collector = ProblemCollector()
    root_logger = logging.getLogger()
    root_logger.addHandler(collector)
    signals.content_written.connect(recorder)
    signals.all_generators_finalized.connect(recorder.note_drafts)
    if selection:
        signals.all_generators_finalized.connect(selection)
        # The editors' interface writes its files itself, and is never reloaded.
        overrides = {**overrides, "WRITE_ONLY": set(selection.pages), "CMS_SAVE_AS": ""}
    console.quiet = True  # Pelican's own English summary; ours follows.
    settings: dict = {}
    try:
        try:  # reading the settings reads site.toml, an editor's file
            facts = own_facts(overrides)
            override = {"OUTPUT_PATH": str(output), **facts, **overrides}
            settings = read_settings(str(settings_file), override=override)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as error:
            # RecursionError: brackets nested thousands deep (tomllib recurses).
            collector.report(facts_problem(error, facts_file(overrides)))
            return settings, collector.problems
        except FileNotFoundError as error:  # content/site.toml deleted or renamed
            if not error.filename or Path(error.filename).name != SITE_FACTS_FILE:
                raise
            where = location(error.filename, {"PATH": str(Path(error.filename).parent)})
            collector.report(format_message(where, "site_facts_file_missing"))
            return settings, collector.problems
        Pelican(settings).run()
    except Exception as error:  # any crash is a failed build, reported like the rest
        if getattr(error, "already_reported", False):
            return settings, collector.problems
        if isinstance(error, jinja2.TemplateError):
            collector.report(template_problem(error, settings.get("PLUGINS", [])))
            return settings, collector.problems
        message = f"{type(error).__name__} : {error}"
        collector.emit(
            logging.makeLogRecord({"levelno": logging.ERROR, "msg": message, "name": "build"})
        )
    finally:
        root_logger.removeHandler(collector)
        signals.content_written.disconnect(recorder)
        signals.all_generators_finalized.disconnect(recorder.note_drafts)
        if selection:
            signals.all_generators_finalized.disconnect(selection)
    return settings, collector.problems


def replace_folder(new: Path, current: Path) -> None:
    """Put `new` in place of `current` by renames, so no half-written site is ever served."""
    old = current.with_name(f".{current.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    new.rename(current)
    shutil.rmtree(old, ignore_errors=True)


@dataclass
class BuildResult:
    """The problems of a build; true when there are none."""

    problems: list[str]
    settings: dict
    sources: dict[str, Source] = field(default_factory=dict)  # output page → its content

    def __bool__(self) -> bool:
        return not self.problems


def build(
    production: bool = False,
    output: Path = DEFAULT_OUTPUT,
    content: Path | None = None,
    settings: dict | None = None,
    preview: bool = False,
    selection: Selection | None = None,
) -> BuildResult:
    """Build the site into `output`; true when it was built without any problem.
    `content` replaces content/ and `settings` overrides settings (tests use both).
    The `preview`'s builds (bimoc/serve.py) keep a cache of what was read, and the
    last search index, which the preview renews once the pages are served; a
    `selection` writes only some pages, into the site already built."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with uninterrupted():  # a build the preview stops leaves no folder behind
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    try:
        return build_into(staging, output, production, content, settings, preview, selection)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def build_into(
    staging: Path,
    output: Path,
    production: bool,
    content: Path | None,
    settings: dict | None,
    preview: bool,
    selection: Selection | None,
) -> BuildResult:
    """build(), through `staging`, a new folder next to `output`."""
    started = time.perf_counter()
    staging.chmod(0o755)
    overrides = {**({"PATH": str(content.resolve())} if content else {}), **(settings or {})}
    if preview:
        overrides |= cache_settings(overrides, facts_file(overrides))
    settings_file = PRODUCTION_SETTINGS if production else DEV_SETTINGS
    recorder = SourceRecorder(staging)
    settings, problems = run_pelican(settings_file, staging, overrides, recorder, selection)
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            f"\nÉchec de la construction : {failure_advice(problems, output, preview)}",
            file=sys.stderr,
        )
        return BuildResult(problems, settings)
    if selection:
        move_selected(staging, output, settings["WRITE_ONLY"])
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        print(f"Pages ouvertes mises à jour en {seconds} s ; le reste du site suit.")
        return BuildResult([], settings, recorder.sources)
    index = output / INDEX_FOLDER
    with uninterrupted():
        if preview and index.is_dir() and not (staging / INDEX_FOLDER).exists():
            index.rename(staging / INDEX_FOLDER)
        replace_folder(staging, output)
    pages = sum(name.endswith(".html") for _, _, names in os.walk(output) for name in names)
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    print(f"Site construit dans {output} : {pages} pages HTML en {seconds} s.")
    missing = empty_facts(settings.get("SITE", {}))
    if missing:
        names = ", ".join(missing)
        print(f"Pour information, encore vides dans {SITE_FACTS}, donc non affichés : {names}.")
    show_drafts(recorder.drafts, recorder.drafts_url)
    return BuildResult([], settings, recorder.sources)


def date_argument(value: str) -> str:
    """--date: what is upcoming in the agenda depends on it."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"« {value} » n’est pas une date : écrivez par exemple 2027-03-05"
        ) from None
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le site BIMOC.")
    parser.add_argument("--production", action="store_true", help="réglages de publishconf.py")
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="dossier du site construit"
    )
    parser.add_argument("--content", type=Path, help="dossier de contenu (par défaut : content/)")
    parser.add_argument(
        "--date",
        type=date_argument,
        help="date de construction AAAA-MM-JJ (par défaut : aujourd’hui)",
    )
    # The preview's (bimoc/serve.py): not for editors.
    parser.add_argument("--preview", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pages", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--changed", nargs="*", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    # Stopped by the preview: the build's temporary folder is removed on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    settings = {"BUILD_DATE": args.date} if args.date else None
    selection = None
    if args.pages is not None:
        selection = Selection(set(args.pages), {str(Path(p).resolve()) for p in args.changed})
    built = build(args.production, args.output, args.content, settings, args.preview, selection)
    return 0 if built else 1


def run(argv: list[str] | None = None) -> NoReturn:
    """`python -m bimoc.build`: build, then exit at once. Python's teardown frees
    every object one by one, a third of a second at 2,000 news, for nothing: the
    build is over and its files closed."""
    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
