"""`invoke images`: renders the site's identity from SVG to the PNG files that
need a raster image: the link-preview image (theme/images/partage.svg, 1200 x
630) and the square logo of the JSON-LD Organization (from the favicon). The
PNGs are committed; rerun after changing the emblem. Uses Debian's Chromium."""

from pathlib import Path

from playwright.sync_api import sync_playwright

from bimoc.build import ROOT
from bimoc.tools import CHROMIUM, CHROMIUM_ARGS

THEME = ROOT / "theme"
RENDERS = [  # (source SVG, PNG in theme/static/images, width, height)
    (THEME / "images" / "partage.svg", "partage.png", 1200, 630),
    (THEME / "static" / "images" / "favicon.svg", "logo.png", 512, 512),
]


def render_images() -> list[Path]:
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for source, name, width, height in RENDERS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(source.as_uri())  # an SVG document fills the viewport
            target = THEME / "static" / "images" / name
            page.screenshot(
                path=str(target), clip={"x": 0, "y": 0, "width": width, "height": height}
            )
            written.append(target)
        browser.close()
    return written
