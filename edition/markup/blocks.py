"""Block constructs of the dialect: note texts, structural blocks, no ordered lists.

Also the one place that knows file lines: :class:`LineNumberedState` stamps
every top-level token with the line it starts on (mistune's tokens carry none).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from mistune.core import BlockState
from mistune.directives import FencedDirective
from mistune.directives._base import DirectivePlugin

from . import syntax
from .checks import newline_offsets

#: Bullets only: a source line "2477. Cuba." is text, never an ordered list.
BULLET_LIST = r"^(?P<list_1> {0,3})(?P<list_2>[\*\+-])(?P<list_3>[ \t]*|[ \t].+)$"


class LineNumberedState(BlockState):
    """A BlockState that records, on each top-level token, its 0-based body line."""

    def process(self, src: str) -> None:
        super().process(src)
        self._newlines = newline_offsets(src) if self.parent is None else []

    def _stamp(self, token: dict) -> None:
        if self.parent is None:
            token.setdefault("line0", bisect.bisect_left(self._newlines, self.cursor))

    def append_token(self, token: dict) -> None:
        self._stamp(token)
        super().append_token(token)

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        if last and last["type"] == "paragraph":
            last["text"] += text
        else:
            self.append_token({"type": "paragraph", "text": text})


def parse_note_def(block: Any, m: re.Match, state: Any) -> int:
    text = re.sub(r"\n[ \t]+", "\n", m.group("notedef_text")).strip()
    state.append_token({"type": "note_def", "text": text, "attrs": {"key": m.group("notedef_key")}})
    return m.end()


def source_notes(md: Any) -> None:
    """``[^key]: text`` defines one of the source's notes."""
    md.block.register("note_def", syntax.NOTE_DEF, parse_note_def, before="ref_link")


def bullet_lists_only(md: Any) -> None:
    """Keep ``- item`` lists but read ``1. text`` as text (telegram and paragraph numbers)."""
    md.block.register("list", BULLET_LIST, lambda block, m, state: block.parse_list(m, state))


class EditorialBlocks(DirectivePlugin):
    """``:::{dateline}`` … ``:::`` and the other structural blocks of a document."""

    def parse(self, block: Any, m: re.Match, state: Any) -> dict:
        name = self.parse_type(m)
        children = self.parse_tokens(block, self.parse_content(m), state)
        return {"type": "edblock", "attrs": {"name": name}, "children": list(children)}

    def __call__(self, directive: Any, md: Any) -> None:
        for name in syntax.DIRECTIVES:
            directive.register(name, self.parse)


def structural_blocks(md: Any) -> None:
    """Register the fenced ``:::{name}`` directives."""
    FencedDirective([EditorialBlocks()], markers=":")(md)
