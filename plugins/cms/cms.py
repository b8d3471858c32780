"""The editors' interface at /admin/: forms for news, events and pages, photos
and documents, a preview in the site's stylesheet; each save is a commit of a
Markdown file in content/ on GitHub (an editor signs in with a personal access
token), or, on an editor's own clone, a file written on disk (Sveltia CMS's
local-repository mode, `make cms`). Either way the same checks judge it.

This plugin writes admin/index.html (theme/templates/admin.html), admin/config.json
and admin/editor.json (config.py, from the content schema) and the interface's
files (bundle.py). Its
address gets its own Content-Security-Policy (plugins/htaccess/policy.py), stays
out of the sitemap (pelicanconf.py SITEMAP) and of the search index (no
data-pagefind-body). Where the npm package is not installed (a clone without
Node.js), admin/index.html says how to install it; `invoke check`, and so
publishing, installs it first."""

import json
import os
import re
import subprocess
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from plugins.common.schema import reserve_folder

from .bundle import ROOT, bundle, copy_bundle
from .config import cms_config, editor_schema

DEFAULT_CMS_SAVE_AS = "admin/index.html"  # "" leaves the interface out (the offline preview)
TEMPLATE = "admin"
# Until a repository is known (a copy with no GitHub remote): the local mode works
# with any name, signing in to GitHub does not.
UNKNOWN_REPOSITORY = "bimoc/site"
GITHUB_REMOTE = re.compile(r"github\.com[:/](?P<repository>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")

reserve_folder("admin", "à l’interface d’édition")


def git_repository(root: Path = ROOT) -> str | None:
    """owner/name of the clone's GitHub remote `origin`, if it has one."""
    try:
        url = subprocess.run(
            ["git", "-C", str(root), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:  # no git
        return None
    match = GITHUB_REMOTE.search(url)
    return match["repository"] if match else None


def repository(settings: dict) -> str:
    """The GitHub repository the interface commits to: CMS_REPOSITORY, else the one
    GitHub Actions builds (publishing), else the clone's."""
    return (
        settings.get("CMS_REPOSITORY")
        or os.environ.get("GITHUB_REPOSITORY")
        or git_repository()
        or UNKNOWN_REPOSITORY
    )


def write_json(path: Path, data: dict) -> None:
    """Keys sorted: the schema's spellings come from sets, whose order changes from
    one process to the next (two builds of one commit must be identical)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


class CmsGenerator(Generator):
    """Writes /admin/ once every content is read (the stylesheet's address is known)."""

    def generate_output(self, writer) -> None:
        save_as = self.settings.get("CMS_SAVE_AS", DEFAULT_CMS_SAVE_AS)
        if not save_as:
            return
        folder = Path(self.output_path, save_as).parent
        built = bundle(Path(self.settings.get("CMS_NODE_MODULES", ROOT / "node_modules")))
        url = f"{self.settings['SITEURL']}/{Path(save_as).parent.as_posix()}/"
        writer.write_file(
            save_as,
            self.get_template(TEMPLATE),
            self.context,
            cms_url=url,
            cms_installed=built is not None,
        )
        if built is None:
            return
        stylesheet = f"{self.settings['SITEURL']}/{self.context['STYLESHEET_URL']}"
        write_json(folder / "config.json", cms_config(self.settings, repository(self.settings)))
        write_json(folder / "editor.json", editor_schema(stylesheet))  # admin.js reads it
        copy_bundle(built, folder)


def get_generators(_pelican) -> type[Generator]:
    return CmsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
