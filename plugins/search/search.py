"""Full-text search: once the site is written, Pagefind (pagefind[bin], no Node)
indexes the text of real content, the elements marked data-pagefind-body by the
templates (pages, news, events; not listings), into pagefind/. Its language
comes from <html lang="fr">, so French stemming and accent-insensitive matching
apply. The assets load only on the "Rechercher" page (theme/static/js/recherche.js)."""

import logging
import os
import subprocess
import sys

from pelican import Pelican, signals

from plugins.common.schema import reserve_folder

logger = logging.getLogger(__name__)

INDEX_FOLDER = "pagefind"
reserve_folder(INDEX_FOLDER, "à l’index de recherche")


def index(pelican: Pelican) -> None:
    if os.environ.get("BIMOC_SEARCH_INDEX") == "0":  # `invoke bench` times indexing apart
        return
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            pelican.output_path,
            "--output-subdir",
            INDEX_FOLDER,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        logger.error(
            "Pagefind could not index the site: %s", (result.stderr or result.stdout).strip()
        )


def register() -> None:
    signals.finalized.connect(index)
