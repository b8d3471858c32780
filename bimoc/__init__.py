"""Tools around the Pelican build of the BIMOC site: build runner, preview server."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project's folder
