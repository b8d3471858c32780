"""`invoke bench`: how our build compares with stock Pelican on the same content.

Generates a corpus (news items linking to each other, events, pages), then
builds it in turn with our settings (production: checks, theme, typography,
feeds, agenda, .htaccess, photos) and with stock Pelican (its built-in `simple`
theme, no plugin), several runs each, in fresh processes. Prints the median
times, their ratio, the peak memory, how time grows from the small to the large
corpus, and Pagefind's indexing time, measured on its own. A benchmark, not a
test: the figures depend on the machine; the ratios are what to compare.

Corpora and outputs live in memory (/dev/shm) when the machine has it, so that
both builds are timed on their own work: on a slow disk, creating folders
dominates, and our clean addresses (a folder per page, /actualites/2026/x/)
make 2,000 folders where stock Pelican writes 2,000 files into one (about
0.3 ms more per page on the disks measured here). `invoke bench --on-disk`
measures on disk."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bimoc.build import ROOT

SIZES = (200, 2000)
RUNS = 5
PAGES = 10
EVENTS_PER_ARTICLES = 10  # one event for ten news items
MEMORY_NEEDED = 300 * 1024 * 1024  # the largest corpus and its two outputs, with room
PHOTOS = 6
PHOTO_SIZE = (4032, 3024)  # a phone's 12 MP
STOCK_SETTINGS = """
PATH = {path!r}
ARTICLE_PATHS = ["actualites"]
PAGE_PATHS = ["pages"]
THEME = "simple"
PLUGINS = []
SITEURL = "https://example.org"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
"""


def corpus(folder: Path, articles: int) -> Path:
    """A content folder like the real one, with `articles` news items."""
    content = folder / "content"
    content.mkdir()
    pages = content / "pages"
    pages.mkdir()
    for number in range(PAGES):  # plain pages: stock Pelican knows none of our templates
        (pages / f"page-{number}.md").write_text(
            f"Title: Page n°{number}\nSlug: page-{number}\n\n"
            + "Le texte d’une page. " * 60
            + "\n",
            encoding="utf-8",
        )
    news = content / "actualites"
    news.mkdir()
    for number in range(articles):
        day = f"20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        previous = (
            f"[la nouvelle précédente]({{filename}}/actualites/generee-{number - 1}.md)"
            if number
            else ""
        )
        (news / f"generee-{number}.md").write_text(
            f"Title: Nouvelle générée n°{number} : essai\nDate: {day}\nCategory: Actualités\n"
            f"Slug: nouvelle-generee-{number}\n"
            "Summary: Une nouvelle pour mesurer la construction.\n\n"
            f"Un premier paragraphe « entre guillemets » ; puis une question ? {previous}\n\n"
            "## Un intertitre\n\n" + "Du texte pour remplir la page. " * 40 + "\n",
            encoding="utf-8",
        )
    agenda = content / "agenda"
    agenda.mkdir()
    for number in range(articles // EVENTS_PER_ARTICLES):
        day = f"20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        (agenda / f"evenement-{number}.md").write_text(
            f"Title: Rendez-vous n°{number}\nSlug: rendez-vous-{number}\nStart: {day} 09:30\n"
            f"End: {day} 16:30\nPlace: Médiathèque\nTown: Toulouse\n\nUn rendez-vous.\n",
            encoding="utf-8",
        )
    return content


def ours_command(content: Path, output: Path) -> list[str]:
    return [
        sys.executable,
        *("-m", "bimoc.build", "--production", "--date", "2026-01-01"),
        *("--content", str(content), "--output", str(output)),
    ]


# The search plugin's indexing (its copy of the pages, then Pagefind), run alone.
INDEX = "import sys, pathlib, plugins; plugins.index_site(pathlib.Path(sys.argv[1]))"


def environment() -> dict:
    """Both builds with compiled modules, as on any machine after a first run (some
    set PYTHONDONTWRITEBYTECODE, which would have our plugins compiled at every
    run while Pelican's own come compiled with the package); without the search
    index, timed on its own."""
    variables = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**variables, "BIMOC_SEARCH_INDEX": "0"}


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of a command in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        errors = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{' '.join(command)} failed: {errors[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(articles: int, folder: Path) -> dict:
    content = corpus(folder, articles)
    stock = folder / "stock.py"
    stock.write_text(STOCK_SETTINGS.format(path=str(content)))
    ours = ours_command(content, folder / "ours")
    stock_command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(stock),
        "-o",
        str(folder / "stock"),
        "-q",
        "--delete-output-directory",
    ]
    variables = environment()
    timed(ours, variables)  # warm-up runs, not counted
    timed(stock_command, variables)
    ours_runs = [timed(ours, variables) for _ in range(RUNS)]
    stocks = [timed(stock_command, variables) for _ in range(RUNS)]
    index = [timed([sys.executable, "-c", INDEX, str(folder / "ours")]) for _ in range(RUNS)]
    return {
        "articles": articles,
        "ours": statistics.median(t for t, _ in ours_runs),
        "stock": statistics.median(t for t, _ in stocks),
        "index": statistics.median(t for t, _ in index),
        "memory": max(m for _, m in ours_runs),
    }


def add_photos(content: Path, count: int) -> None:
    """Phone-like photos (12 MP, a few MB each), each in a news item."""
    from PIL import Image  # only for this part of the benchmark

    folder = content / "images"
    folder.mkdir()
    noise = Image.merge("RGB", [Image.effect_noise(PHOTO_SIZE, 30 + 10 * n) for n in range(3)])
    for number in range(count):
        photo = noise.copy()
        photo.paste((number * 40, 0, 0), (0, 0, 200, 200))  # each its own content
        photo.save(folder / f"photo-{number}.jpg", quality=85)
        news = content / "actualites" / f"generee-{number}.md"
        markdown = f"\n![Photo n°{number}]({{static}}/images/photo-{number}.jpg)\n"
        news.write_text(news.read_text(encoding="utf-8") + markdown, encoding="utf-8")


def photo_work(folder: Path) -> dict:
    """Our build with photos: the first makes their variants, a rebuild makes none."""
    content = corpus(folder, PHOTOS)
    add_photos(content, PHOTOS)
    command = ours_command(content, folder / "ours")
    first, _ = timed(command, environment())
    cache = folder / ".cache" / "images"  # the images plugin's, next to content/
    made = {path: path.stat().st_mtime_ns for path in cache.iterdir()}
    again, _ = timed(command, environment())
    remade = [path for path in cache.iterdir() if made.get(path) != path.stat().st_mtime_ns]
    size = sum(p.stat().st_size for p in (content / "images").iterdir()) / PHOTOS / 1e6
    return {"first": first, "again": again, "remade": len(remade), "size": size}


def bench(on_disk: bool = False) -> list[dict]:
    memory = Path("/dev/shm")
    usable = os.access(memory, os.W_OK) and shutil.disk_usage(memory).free > MEMORY_NEEDED
    where = str(memory) if usable and not on_disk else None
    print(f"Corpora in {where or tempfile.gettempdir()}.")
    results = []
    for articles in SIZES:
        with tempfile.TemporaryDirectory(prefix="bimoc-bench-", dir=where) as folder:
            results.append(measure(articles, Path(folder)))
    columns = ("news", "stock (s)", "ours (s)", "ratio", "search index (s)", "peak (MB)")
    print(" ".join(f"{name:>{max(6, len(name))}}" for name in columns))
    for r in results:
        print(
            f"{r['articles']:>6} {r['stock']:>9.2f} {r['ours']:>8.2f}"
            f" {r['ours'] / r['stock']:>6.2f} {r['index']:>16.2f} {r['memory']:>9.0f}"
        )
    small, large = results[0], results[-1]
    times, sizes = large["ours"] / small["ours"], large["articles"] / small["articles"]
    print(
        f"From {small['articles']} to {large['articles']} news our time grows {times:.1f}-fold "
        f"for {sizes:.0f} times the news: {times / sizes:.2f} of linear (1.00 = linear)"
    )
    with tempfile.TemporaryDirectory(prefix="bimoc-bench-", dir=where) as folder:
        photos = photo_work(Path(folder))
    width, height = PHOTO_SIZE
    print(
        f"Photos: {PHOTOS} of {width} × {height} px ({photos['size']:.1f} MB each) in "
        f"{PHOTOS} news: first build {photos['first']:.1f} s, rebuild {photos['again']:.1f} s "
        f"(the difference is the image work); variants made again by the rebuild: "
        f"{photos['remade']}"
    )
    return results
