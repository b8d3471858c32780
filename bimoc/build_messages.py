"""What a build prints for the editor: each problem (on GitHub Actions, also as an
annotation on the file and line it names), the advice after a failure, and
the drafts the preview shows."""

import os
import re
import sys
from pathlib import Path

from plugins import Draft

ANNOTATION = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+))? : (?P<text>.*)$", re.DOTALL)


def show_problem(message: str) -> None:
    """On the terminal, and on GitHub Actions as an annotation: the error shows on
    the editor's commit, at the file and line it names (build and output checks)."""
    print(f"ERREUR : {message}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    match = ANNOTATION.match(message)
    where = ""
    if match:
        where = f" file={match['file']}" + (f",line={match['line']}" if match["line"] else "") + ","
        message = match["text"]
    text = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    print(f"::error{where or ' '}title=Erreur de contenu::{text}")


def show_drafts(drafts: list[Draft], drafts_url: str) -> None:
    """The drafts with their addresses: the preview's own (bimoc/serve.py gives
    each build its address), else root-relative, as `make build` has no server."""
    if not drafts:
        return
    address = os.environ.get("BIMOC_PREVIEW_URL", "")
    where = "" if address else ", make serve"
    print(f"Brouillons (visibles seulement dans l’aperçu{where}) : {address}/{drafts_url}")
    for draft in drafts:
        print(f"  - {draft.title} — {address}/{draft.url} ({draft.source})")


def failure_advice(problems: list[str], output: Path, preview: bool) -> str:
    count = f"{len(problems)} problème{'s' if len(problems) > 1 else ''}"
    # On GitHub, the editor saved a file in the browser: nothing to « relancer ».
    if os.environ.get("GITHUB_ACTIONS") == "true":
        advice = (
            "Rien n’a été publié : corrigez chaque fichier indiqué, puis enregistrez-le à nouveau."
        )
    elif preview:
        advice = "Corrigez puis enregistrez : l’aperçu se reconstruit tout seul."
    else:
        advice = (
            f"Corrigez puis relancez ; le site déjà construit dans {output.name}/ "
            "n’a pas été modifié."
        )
    return f"{count} ci-dessus. {advice}"
