"""`invoke check`: the gate for CI and for publishing. Builds with production
settings into a temporary folder (the content checks run during the build),
then checks the output: internal links and anchors, HTML and CSS validity.
On GitHub Actions the verdict also goes to the job summary."""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bimoc.build import build
from bimoc.output_checks import broken_links, html_errors
from plugins import format_message

PUBLISHED = "site publié"


def output_problems(root: Path, siteurl: str) -> list[str]:
    problems = []
    for link in broken_links(root, siteurl):
        page, target = link.split(" → ")
        problems.append(format_message(PUBLISHED, "output_link", page="/" + page, target=target))
    for error in html_errors(root):
        problems.append(format_message(PUBLISHED, "invalid_html", detail=error))
    return problems


def write_summary(problems: list[str]) -> None:
    """The verdict, in French, on the GitHub Actions job page."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    with open(summary, "a", encoding="utf-8") as page:
        if not problems:
            page.write("## Vérification du site : tout est bon\n\nLe site peut être publié.\n")
            return
        page.write(f"## Vérification du site : {len(problems)} problème(s) à corriger\n\n")
        page.write(
            "Rien n’a été publié. Corrigez chaque fichier indiqué, puis enregistrez à nouveau.\n\n"
        )
        page.writelines(f"- {problem}\n" for problem in problems)


def check(output: Path | None = None, content_only: bool = False) -> bool:
    """True when the content and the built site have no problem."""
    with tempfile.TemporaryDirectory() as folder:
        target = output or Path(folder) / "output"
        result = build(production=True, output=target)
        problems = list(result.problems)
        if result and not content_only:
            problems = output_problems(target, result.settings["SITEURL"])
            for problem in problems:
                print(f"ERREUR : {problem}", file=sys.stderr)
    write_summary(problems)
    if not problems:
        print("Vérification terminée : aucun problème.")
    return not problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie le contenu et le site construit.")
    parser.add_argument("--output", type=Path, help="garder le site construit dans ce dossier")
    parser.add_argument("--content-only", action="store_true", help="seulement le contenu (rapide)")
    args = parser.parse_args(argv)
    return 0 if check(args.output, args.content_only) else 1


if __name__ == "__main__":
    sys.exit(main())
