"""The preview's answer to a save, as an editor sees it: `make serve` on a copy
of the content, a Chromium tab open on the page being edited; after each save,
the time until the tab, reloaded by itself, shows the change (at the page's
load event). On the real site and on 2,000 generated news."""

import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bimoc.bench_corpus import corpus, day
from bimoc.build import ROOT
from bimoc.serve import free_port
from bimoc.tools import CHROMIUM, CHROMIUM_ARGS

EDITS = 5
LARGE = 2000  # news
# Between two saves: an editor reads the change; meanwhile the rest of the site
# and the search index follow. A save during that work stops it (bimoc/serve.py).
SETTLE = 8.0  # s
STARTED = re.compile(r"Aperçu du site : (http://\S+/)")


def start_preview(content: Path) -> tuple[subprocess.Popen, str, float]:
    """`make serve` on `content`: the process, its address, its first build's time."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "bimoc.serve", "--port", str(free_port())]
    command += ["--content", str(content), "--output", str(content.parent / "output")]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue = queue.Queue()

    def forward() -> None:
        for line in process.stdout or ():
            lines.put(line)
            if "BIMOC_BENCH_VERBOSE" in os.environ:
                print("    |", line, end="", flush=True)

    threading.Thread(target=forward, daemon=True).start()
    while True:
        match = STARTED.search(lines.get(timeout=600))
        if match:
            return process, match[1], time.perf_counter() - started


def save(path: Path, text: str) -> None:
    """As many editors' editors save: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".tmp~")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def latencies(browser, content: Path, address: str, source: Path) -> tuple[list[float], float]:
    """Seconds from each save to the tab showing it; the first build's time."""
    process, url, first = start_preview(content)
    try:
        page = browser.new_page()
        page.goto(url + address)
        found = []
        for number in range(EDITS):
            time.sleep(SETTLE)
            marker = f"Phrase ajoutée numéro {number}."
            text = source.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n"
            started = time.perf_counter()
            save(source, text)
            while marker not in page.content():
                page.wait_for_event("load", timeout=60_000)
            found.append(time.perf_counter() - started)
        page.close()
        return found, first
    finally:
        process.terminate()
        process.wait()


def summary(name: str, measured: tuple[list[float], float]) -> str:
    found, first = measured
    each = ", ".join(f"{seconds:.2f}" for seconds in found)
    return (
        f"  {name}: median {statistics.median(found):.2f} s ({each}); "
        f"first build of the preview {first:.1f} s"
    )


def latency_report(folder: Path) -> str:
    if not CHROMIUM.exists():
        return "Preview: not measured (needs Chromium: `make test` installs it)."
    from playwright.sync_api import sync_playwright  # installed with the test tools

    real = folder / "reel" / "content"
    shutil.copytree(ROOT / "content", real)
    large = corpus(folder / "grand", LARGE)
    news = f"actualites/{day(7)[:4]}/nouvelle-7/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            on_real = latencies(
                browser, real, "qui-sommes-nous/", real / "pages/qui-sommes-nous.md"
            )
            on_large = latencies(browser, large, news, large / "actualites/nouvelle-7.md")
        finally:
            browser.close()
    return "\n".join(
        [
            f"Preview: from a save to the open tab showing it ({EDITS} saves, "
            f"{SETTLE:.0f} s apart)",
            summary("real site", on_real),
            summary(f"{LARGE:,} news", on_large),
        ]
    )
