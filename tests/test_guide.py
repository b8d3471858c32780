"""CONTRIBUER.md lists exactly the messages the content checks print."""

from bimoc.guide import GUIDE, guide_block, updated_guide
from plugins.common.messages import MESSAGES


def test_guide_lists_every_message_as_printed():
    text = GUIDE.read_text(encoding="utf-8")
    assert guide_block(text), "the markers are in CONTRIBUER.md"
    assert guide_block(text) == guide_block(updated_guide(text)), "run `invoke guide`"
    assert guide_block(text).count(" — ") == len(MESSAGES)
