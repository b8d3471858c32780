"""`invoke bench`: how fast our build is, what editors wait for, and where the
limits are, on a realistic generated corpus (bimoc/bench_corpus.py).

For each size (200, 2,000 and 5,000 news), in fresh processes, paired runs
(ours, then stock Pelican, in turn) after a warm-up, medians:
- the Pelican build, ours (every check, theme, typography, feeds, agenda,
  .htaccess; the search index apart) against stock Pelican doing comparable
  work (the same files, events as pages, its `simple` theme and default Markdown
  extensions, the same feeds, categories and pagination, no menu of every
  page): CPU time and wall time;
- the command editors and CI run, `bimoc.build --production`, search index
  included: wall time and peak memory, the whole process tree (Pagefind's
  included), sampled;
- the largest page, gzipped.
Then the growth from the smallest to the largest, the preview's answer to a
save (bimoc/bench_preview.py) and the work on phone photos. The figures depend
on the machine; ratios are what to compare. `invoke bench --largest 10000`
adds a size (the search index's memory grows with it).

Corpora and outputs live in memory (/dev/shm) when the machine has it, so that
both builds are timed on their own work: on a slow disk, creating folders
dominates, and our clean addresses make a folder per page where stock Pelican
writes files into one. `invoke bench --on-disk` measures on disk."""

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bimoc.bench_corpus import corpus
from bimoc.bench_preview import latency_report
from bimoc.build import ROOT

SIZES = (200, 2000, 5000)
RUNS = 3  # paired; after one warm-up each
MEMORY_NEEDED = 1024**3  # the largest corpus and its outputs, with room
PHOTOS = 6
PHOTO_SIZE = (4032, 3024)  # a phone's 12 MP
STOCK_SETTINGS = """
PATH = {path!r}
ARTICLE_PATHS = ["actualites"]
PAGE_PATHS = ["pages", "agenda"]
# The simple theme lists every page in every page's menu: events as pages would
# make it list 200 at 2,000 news (quadratic); our menu has six entries.
DISPLAY_PAGES_ON_MENU = False
THEME = "simple"
PLUGINS = []
SITEURL = "https://example.org"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{{slug}}.rss.xml"
"""


@dataclass
class Run:
    wall: float  # s
    cpu: float  # s, user + system, the process and those it waited for
    peak: float  # MB, the largest total of the process tree seen


def tree_memory(pid: int) -> int:
    """Resident bytes of a process and its descendants, now (0 once gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:
            continue
        rss = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "")
        total += int(rss.split()[1]) * 1024 if rss else 0
        pending += [int(child) for child in children.split()]
    return total


def timed(command: list[str], env: dict) -> Run:
    """Wall time, CPU time and peak memory of a command in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = [0]

    def sample() -> None:
        while process.returncode is None:
            peak[0] = max(peak[0], tree_memory(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if process.returncode != 0:
        errors = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{' '.join(command)} failed: {errors[-2000:]}")
    largest = max(peak[0], usage.ru_maxrss * 1024)  # a short-lived child between two samples
    return Run(elapsed, usage.ru_utime + usage.ru_stime, largest / 1e6)


def ours_command(content: Path, output: Path) -> list[str]:
    return [
        sys.executable,
        *("-m", "bimoc.build", "--production", "--date", "2026-01-01"),
        *("--content", str(content), "--output", str(output)),
    ]


def environment(search: bool = False) -> dict:
    """Compiled modules, as on any machine after a first run (some set
    PYTHONDONTWRITEBYTECODE, which would have our plugins compiled at every run
    while Pelican's own come compiled with the package); the search index only
    in the command editors run."""
    variables = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return variables if search else {**variables, "BIMOC_SEARCH_INDEX": "0"}


def largest_page(output: Path) -> tuple[int, str]:
    """The largest HTML page gzipped (level 9, as the page-weight test), and its address."""
    sizes = (
        (len(gzip.compress(page.read_bytes(), compresslevel=9, mtime=0)), page)
        for page in output.rglob("*.html")
    )
    size, page = max(sizes)
    return size, "/" + page.relative_to(output).as_posix().removesuffix("index.html")


def measure(articles: int, folder: Path, runs: int = RUNS) -> dict:
    content = corpus(folder, articles)
    stock_settings = folder / "stock.py"
    stock_settings.write_text(STOCK_SETTINGS.format(path=str(content)))
    ours = ours_command(content, folder / "ours")
    stock = [sys.executable, "-m", "pelican", str(content), "-s", str(stock_settings)]
    stock += ["-o", str(folder / "stock"), "-q", "--delete-output-directory"]
    user = ours_command(content, folder / "site")
    pelican_only = environment()
    timed(ours, pelican_only)  # warm-up runs, not counted
    timed(stock, pelican_only)
    ours_runs, stock_runs = [], []
    for _ in range(runs):  # paired: a machine busier for a while weighs on both
        ours_runs.append(timed(ours, pelican_only))
        stock_runs.append(timed(stock, pelican_only))
    user_runs = [timed(user, environment(search=True)) for _ in range(runs)]
    return {
        "articles": articles,
        "ours": median_run(ours_runs),
        "stock": median_run(stock_runs),
        "user": median_run(user_runs),
        "largest": largest_page(folder / "site"),
    }


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak for r in runs),
    )


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
        news = content / "actualites" / f"nouvelle-{number}.md"
        markdown = f"\n![Photo n°{number}]({{static}}/images/photo-{number}.jpg)\n"
        news.write_text(news.read_text(encoding="utf-8") + markdown, encoding="utf-8")


def photo_work(folder: Path) -> str:
    """Our build with photos: the first makes their variants, a rebuild makes none."""
    content = corpus(folder, PHOTOS)
    add_photos(content, PHOTOS)
    command = ours_command(content, folder / "ours")
    first = timed(command, environment())
    cache = folder / ".cache" / "images"  # the images plugin's, next to content/
    made = {path: path.stat().st_mtime_ns for path in cache.iterdir()}
    again = timed(command, environment())
    remade = [path for path in cache.iterdir() if made.get(path) != path.stat().st_mtime_ns]
    size = sum(p.stat().st_size for p in (content / "images").iterdir()) / PHOTOS / 1e6
    width, height = PHOTO_SIZE
    return (
        f"Photos: {PHOTOS} of {width} × {height} px ({size:.1f} MB each) in {PHOTOS} news: "
        f"first build {first.wall:.1f} s, rebuild {again.wall:.1f} s (the difference is "
        f"the image work); variants made again by the rebuild: {len(remade)}"
    )


def table(results: list[dict]) -> None:
    print(
        "\nPelican build (search index apart), medians; stock Pelican doing comparable work:\n"
        f"{'news':>6} {'stock CPU':>10} {'ours CPU':>9} {'ratio':>6} "
        f"{'stock wall':>11} {'ours wall':>10} {'ratio':>6}"
    )
    for r in results:
        ours, stock = r["ours"], r["stock"]
        print(
            f"{r['articles']:>6} {stock.cpu:>9.2f}s {ours.cpu:>8.2f}s {ours.cpu / stock.cpu:>6.2f} "
            f"{stock.wall:>10.2f}s {ours.wall:>9.2f}s {ours.wall / stock.wall:>6.2f}"
        )
    print(
        "\n`bimoc.build --production`, search index included (what CI and editors run):\n"
        f"{'news':>6} {'wall':>7} {'peak memory':>12} {'ratio to stock':>15}  largest page gzipped"
    )
    for r in results:
        user, (size, page) = r["user"], r["largest"]
        print(
            f"{r['articles']:>6} {user.wall:>6.2f}s {user.peak:>9.0f} MB "
            f"{user.wall / r['stock'].wall:>15.2f}  {size:,} B ({page})"
        )
    small, large = results[0], results[-1]
    times = large["ours"].cpu / small["ours"].cpu
    sizes = large["articles"] / small["articles"]
    print(
        f"\nFrom {small['articles']} to {large['articles']} news our CPU time grows "
        f"{times:.1f}-fold for {sizes:.0f} times the news: {times / sizes:.2f} of linear "
        "(1.00 = linear; below, the fixed start-up cost weighs less)"
    )


def bench(on_disk: bool = False, largest: int | None = None) -> list[dict]:
    memory = Path("/dev/shm")
    usable = os.access(memory, os.W_OK) and shutil.disk_usage(memory).free > MEMORY_NEEDED
    where = str(memory) if usable and not on_disk else None
    print(f"Corpora in {where or tempfile.gettempdir()}.", flush=True)
    results = []
    for articles in sorted({*SIZES, *([largest] if largest else [])}):
        with tempfile.TemporaryDirectory(prefix="bimoc-bench-", dir=where) as folder:
            results.append(measure(articles, Path(folder), RUNS if articles <= 5000 else 1))
        print(f"  {articles} news measured", flush=True)
    table(results)
    with tempfile.TemporaryDirectory(prefix="bimoc-bench-", dir=where) as folder:
        print("\n" + latency_report(Path(folder)))
    with tempfile.TemporaryDirectory(prefix="bimoc-bench-", dir=where) as folder:
        print(photo_work(Path(folder)))
    return results
