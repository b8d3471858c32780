"""Lighthouse (mobile preset) on the production build served locally with the
production CSP: prints the four scores of each audited page; accessibility,
best practices and SEO must be 100. Performance is a lab figure that varies
with the machine: reported, not enforced."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bimoc.build import build
from bimoc.serve import HOST, free_port, start_server
from bimoc.tools import CHROMIUM, LIGHTHOUSE

AUDITED_PAGES = {
    "accueil": "",
    "actualité": "actualites/2008/reunion-du-14-fevrier-2008/",
    "contact": "rejoindre/",
    "agenda": "agenda/",
}
ENFORCED = ("accessibility", "best-practices", "seo")
CATEGORIES = ("performance", *ENFORCED)


def lighthouse_scores(url: str) -> dict[str, int]:
    """The four Lighthouse category scores of a page, out of 100."""
    with tempfile.TemporaryDirectory() as folder:
        report_path = Path(folder) / "report.json"
        done = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                f"--output-path={report_path}",
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"Lighthouse failed on {url} (exit {done.returncode}, see above)")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not audit {url}: {report['runtimeError']}")
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def below_bar(scores: dict[str, int]) -> list[str]:
    return [name for name in ENFORCED if scores[name] < 100]


def audit() -> bool:
    """Build for production, serve it, audit each page; True when the bars hold."""
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        siteurl = f"http://{HOST}:{port}"
        output = Path(folder) / "output"
        if not build(production=True, output=output, settings={"SITEURL": siteurl}):
            return False
        server = start_server(output, port)
        try:
            results = {
                name: lighthouse_scores(f"{siteurl}/{path}") for name, path in AUDITED_PAGES.items()
            }
        finally:
            server.shutdown()
            server.server_close()
    print(f"\n{'page':<12}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for name, scores in results.items():
        print(f"{name:<12}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
    failures = {name: below_bar(scores) for name, scores in results.items() if below_bar(scores)}
    if failures:
        print(f"Below 100: {failures}", file=sys.stderr)
    return not failures
