"""Keeps the list of error messages in CONTRIBUER.md in step with the messages
the content checks really print (plugins/common/messages.py)."""

import re

from bimoc.build import ROOT
from plugins import reference

GUIDE = ROOT / "CONTRIBUER.md"
BLOCK = re.compile(r"(<!-- messages: début -->\n)(?:.*?\n)?(<!-- messages: fin -->)", re.DOTALL)


def guide_block(text: str) -> str:
    match = BLOCK.search(text)
    return match.group(0) if match else ""


def updated_guide(text: str) -> str:
    return BLOCK.sub(lambda match: f"{match.group(1)}{reference()}\n{match.group(2)}", text)


def update_guide() -> None:
    GUIDE.write_text(updated_guide(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
