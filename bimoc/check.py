"""`invoke check`: the gate for CI and for publishing. Builds with production
settings into a temporary folder (the content checks run during the build),
then checks the output: internal links and anchors, HTML and CSS validity.
On GitHub Actions the verdict also goes to the job summary."""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bimoc.build import Source, build
from bimoc.build_messages import show_problem
from bimoc.output_checks import find_broken_links, validator_errors
from bimoc.trace import Tracer


def output_problems(
    root: Path, siteurl: str, sources: dict[str, Source] | None = None
) -> list[str]:
    """The output checks' findings in French: an editor's (in a content's body,
    `sources` telling which content each page shows) with its file and line."""
    tracer = Tracer(root, sources or {})
    problems = tracer.link_problems(find_broken_links(root, siteurl))
    return problems + tracer.validator_problems(validator_errors(root))


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


def check(
    output: Path | None = None, content_only: bool = False, content: Path | None = None
) -> bool:
    """True when the content and the built site have no problem (`content`
    replaces content/, as for the build)."""
    with tempfile.TemporaryDirectory() as folder:
        target = output or Path(folder) / "output"
        result = build(production=True, output=target, content=content)
        problems = list(result.problems)
        if result and not content_only:
            problems = output_problems(target, result.settings["SITEURL"], result.sources)
            for problem in problems:
                show_problem(problem)
    write_summary(problems)
    if not problems:
        print("Vérification terminée : aucun problème.")
    return not problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie le contenu et le site construit.")
    parser.add_argument("--output", type=Path, help="garder le site construit dans ce dossier")
    parser.add_argument("--content-only", action="store_true", help="seulement le contenu (rapide)")
    parser.add_argument("--content", type=Path, help="dossier de contenu (par défaut : content/)")
    args = parser.parse_args(argv)
    return 0 if check(args.output, args.content_only, args.content) else 1


if __name__ == "__main__":
    sys.exit(main())
