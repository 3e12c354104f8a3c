"""The markup dialect: Markdown plus editorial constructs, parsed into a Body.

``parse_body`` is a pure function of its arguments, so documents can be parsed
in parallel and cached by the hash of their text.
"""

from __future__ import annotations

import functools

import mistune

from ..model import Body, GlossaryRef
from ..problems import Problem
from .blocks import (
    LineNumberedState,
    bullet_lists_only,
    source_notes,
    structural_blocks,
)
from .body import BY_ORDER, NoteMarks, build_body
from .checks import BodyText, check_markup, check_parsed, find_glossary_refs
from .inline import editorial_inline
from .tables import dialect_tables


@functools.cache
def _markdown(ordered_lists: bool) -> mistune.Markdown:
    plugins = [editorial_inline, source_notes, structural_blocks, dialect_tables]
    if not ordered_lists:
        plugins.append(bullet_lists_only)
    md = mistune.create_markdown(escape=True, renderer=None, plugins=plugins)
    md.block.state_cls = LineNumberedState
    return md


def parse_body(text: str, path: str, first_line: int = 1, *, sigla: tuple[str, ...] = (),
               ordered_lists: bool = False, marks: NoteMarks = BY_ORDER) -> tuple[Body, list[Problem]]:
    """Parse a document or page body; report malformed markup with file positions.

    ``first_line`` is the file line on which ``text`` starts (after the front
    matter).  Ordered lists are off for transcriptions: a line "2477. Cuba."
    is the telegram's text, not a list.  ``marks``: how the source's notes are
    numbered (see :class:`~edition.markup.body.NoteMarks`).
    """
    raw = BodyText(text, path, first_line)
    problems = check_markup(raw, sigla)
    tokens, _state = _markdown(ordered_lists).parse(text, LineNumberedState())
    body = build_body(tokens, first_line, marks)
    problems += check_parsed(raw, body, sigla, problems)
    refs = tuple(GlossaryRef(ref.value, _block_at(body, ref.line), ref.line, ref.column)
                 for ref in find_glossary_refs(raw))
    return Body(body.blocks, body.notes, refs, body.paragraph_count, body.page_breaks), problems


def _block_at(body: Body, line: int) -> int:
    index = 0
    for i, block in enumerate(body.blocks):
        if block["line"] <= line:
            index = i
    return index
