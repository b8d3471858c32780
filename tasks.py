"""Tasks for the BIMOC site; run them as `make <task>` (or `invoke <task>` in .venv)."""

import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from bimoc.audit import audit as lighthouse_audit
from bimoc.build import DEFAULT_OUTPUT, ROOT
from bimoc.build import build as build_site
from bimoc.check import check as check_site
from bimoc.guide import update_guide
from bimoc.offline import build_offline
from bimoc.publish import publish as publish_site
from bimoc.scaffold import ScaffoldError, new_content
from bimoc.tools import ToolsMissing, ensure_cms, ensure_test_tools


def require_test_tools(everything=True):
    try:
        ensure_test_tools(everything=everything)
    except ToolsMissing as error:
        raise Exit(str(error), code=1) from error


@task(help={"production": "use publishconf.py (the published site's settings)"})
def build(c, production=False):
    """Build the site into output/; fails, leaving output/ untouched, on any problem."""
    if not build_site(production=production):
        raise Exit(code=1)


@task(help={"port": "port to serve on (default 8000; a busy one: the next free one)"})
def serve(c, port="8000"):
    """Preview the site at http://127.0.0.1:8000, rebuilt and reloaded on every change."""
    # A string: bimoc.serve refuses a wrong port in French.
    c.run(f"{sys.executable} -m bimoc.serve --port {shlex.quote(str(port))}", pty=False)


@task(help={"port": "port to serve on (default 8000; a busy one: the next free one)"})
def cms(c, port="8000"):
    """Preview the site with its editing interface at /admin/, writing into content/."""
    try:
        ensure_cms()
    except ToolsMissing as error:
        raise Exit(str(error), code=1) from error
    serve(c, port)


@task
def clean(c):
    """Remove the built site."""
    shutil.rmtree(DEFAULT_OUTPUT, ignore_errors=True)


@task
def test(c):
    """Run the whole test suite (installs Chromium, Java and the npm tools first if missing)."""
    require_test_tools()
    c.run(f"{sys.executable} -m pytest", pty=False)


# Tests that need more than Python (see the markers in pyproject.toml).
NEEDS_TOOLS = "browser or apache or publishing or java or root"


@task
def test_fast(c):
    """Run the tests that need only Python: no browser, Apache, servers, Java or root."""
    c.run(f'{sys.executable} -m pytest -m "not ({NEEDS_TOOLS})"', pty=False)


@task
def audit(c):
    """Lighthouse on home, a news item, contact and agenda; fails below 100 but in performance."""
    require_test_tools()
    if not lighthouse_audit():
        raise Exit(code=1)


@task(help={"output": "keep the checked build in this folder"})
def check(c, output=None):
    """Build for production into a temporary folder and check content, links and HTML."""
    require_test_tools(everything=False)  # what invoke check needs
    if not check_site(Path(output) if output else None):
        raise Exit(code=1)


@task(help={"output": "folder of the preview (default: apercu)"})
def offline_preview(c, output="apercu"):
    """Build a preview, drafts included, that opens from disk with no server (the CI artifact)."""
    if not build_offline(Path(output)):
        raise Exit(code=1)


@task(help={"kind": "actualite, page or evenement", "title": "the title, in quotes"})
def new(c, kind, title):
    """Create a news item, a page or an event from content/modeles/, as a draft; print its path."""
    try:
        path = new_content(kind, title)
    except ScaffoldError as error:
        raise Exit(str(error), code=1) from error
    print(f"Créé : {path.relative_to(ROOT)}")
    print("Complétez les passages « À COMPLÉTER », puis supprimez la ligne « Status: draft ».")


@task
def guide(c):
    """Rewrite the list of error messages in CONTRIBUER.md from the content checks."""
    update_guide()


@task
def images(c):
    """Render the link-preview image and the square logo from their SVG sources to PNG."""
    from bimoc.images import render_images  # needs Playwright and Chromium (make test)

    for path in render_images():
        print(f"Écrit : {path.relative_to(ROOT)}")


@task(help={"dry_run": "list what would be added, changed and removed; send nothing"})
def publish(c, dry_run=False):
    """Check, build for production and upload to the server (rsync or FTP, see README)."""
    require_test_tools(everything=False)  # what invoke check needs
    if not publish_site(dry_run=dry_run):
        raise Exit(code=1)


@task(
    help={
        "on-disk": "corpora on disk instead of in memory (/dev/shm)",
        "largest": "also measure this many news (e.g. 10000)",
    }
)
def bench(c, on_disk=False, largest=0):
    """Time our build against stock Pelican, the preview and memory on realistic corpora."""
    from bimoc.bench import bench as run_bench  # generates thousands of files: on demand only

    run_bench(on_disk=on_disk, largest=int(largest) or None)
