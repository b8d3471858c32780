"""CONTRIBUER.md lists exactly the messages the content checks print."""

import re
import textwrap

from conftest import run_build

from bimoc.guide import GUIDE, guide_block, updated_guide
from plugins.common.messages import MESSAGES


def test_guide_lists_every_message_as_printed():
    text = GUIDE.read_text(encoding="utf-8")
    assert guide_block(text), "the markers are in CONTRIBUER.md"
    assert guide_block(text) == guide_block(updated_guide(text)), "run `invoke guide`"
    assert guide_block(text).count(" — ") == len(MESSAGES)


def test_the_guide_starts_with_the_tasks_in_about_1200_words():
    """Editors read the tasks, not a reference: the keys and messages are annexes."""
    text = GUIDE.read_text(encoding="utf-8")
    tasks = text.split("## Annexe 1")[0]
    headings = [line for line in tasks.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Publier une actualité en 5 étapes"
    assert len(tasks.split()) <= 1250


def test_the_guide_avoids_the_jargon_it_does_not_explain():
    text = GUIDE.read_text(encoding="utf-8").split("## Annexe 1")[0]
    for word in ("Slug", "métadonnées", "ancre", "UTF-8", ".venv/bin/invoke", "Pelican"):
        assert word not in text, word


def test_messages_point_to_sections_the_guide_has():
    text = GUIDE.read_text(encoding="utf-8")
    sections = {line.removeprefix("## ") for line in text.splitlines() if line.startswith("## ")}
    for message in MESSAGES.values():
        for named in re.findall(r"« ([^»]+) » dans CONTRIBUER", " ".join(message)):
            assert named in sections, named


def test_the_guides_examples_build(tmp_path):
    """What the guide tells an editor to write is accepted as written."""
    text = GUIDE.read_text(encoding="utf-8").split("## Annexe 1")[0]
    blocks = [textwrap.dedent(block) for block in re.findall(r"```\n(.*?)```", text, re.DOTALL)]
    news = next(block for block in blocks if block.startswith("Title: Réunion"))
    event = next(block for block in blocks if block.startswith("Title: Atelier"))
    content = tmp_path / "content"
    for folder, name, header in [
        ("actualites", "2027-03-12-reunion", news),
        ("agenda", "atelier", event),
    ]:
        (content / folder).mkdir(parents=True)
        body = "Le texte.\n\n" + "\n".join(b for b in blocks if "{static}/documents" in b)
        (content / folder / f"{name}.md").write_text(f"{header}\n{body}", encoding="utf-8")
    (content / "documents").mkdir()
    (content / "documents" / "compte-rendu-2027-03.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = run_build(tmp_path / "output", "--content", str(content), "--date", "2027-01-20")
    assert result.returncode == 0, result.stderr
