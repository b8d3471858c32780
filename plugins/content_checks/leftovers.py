"""What an editor forgot to replace in a file made from a model of
content/modeles/: every « À COMPLÉTER » marker, the models' sample lines
(« ## Un intertitre », « Un paragraphe… ») and their sample slugs. Read from
the models themselves, so that a model changed by the team is checked as it is.
Drafts are exempt: they are work in progress."""

import functools
from pathlib import Path

from plugins.common.problems import Problem

PLACEHOLDER = "À COMPLÉTER"
MODELS = "modeles"  # content/modeles/: never published (content_checks' KNOWN_FILES)
SHORTEST_SAMPLE = 8  # a line shorter than this could be anyone's (« ## Notes »)


@functools.lru_cache(maxsize=4)
def model_samples(content: str) -> tuple[frozenset[str], frozenset[str]]:
    """(sample lines of the models' texts, the models' slugs)."""
    lines: set[str] = set()
    slugs: set[str] = set()
    for model in sorted(Path(content, MODELS).glob("*.md")):
        header, _, body = model.read_text(encoding="utf-8").partition("\n\n")
        slugs |= {line[5:].strip() for line in header.splitlines() if line.startswith("Slug:")}
        lines |= {
            line.strip()
            for line in body.splitlines()
            if len(line.strip()) >= SHORTEST_SAMPLE
            and PLACEHOLDER not in line
            and not line.lstrip().startswith("<!--")
        }
    return frozenset(lines), frozenset(slugs)


def leftover_problems(text: str, metadata: dict, settings: dict) -> list[Problem]:
    """Each marker and sample line left, with its line; the sample slug."""
    if metadata.get("status") == "draft":
        return []
    samples, slugs = model_samples(settings["PATH"])
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if PLACEHOLDER in line:
            problems.append(Problem(number, "placeholder", {"marker": PLACEHOLDER}))
        elif line.strip() in samples:
            problems.append(Problem(number, "model_leftover", {"text": line.strip()}))
        elif line.startswith("Slug:") and line[5:].strip() in slugs:
            problems.append(Problem(number, "model_slug", {"value": line[5:].strip()}))
    return problems
