"""Turn mistune's token list into a :class:`~edition.model.Body`.

Numbers the paragraphs, gives notes their marks (1, 2 … for the source's,
a, b … for the editor's), lifts note texts out of the flow and turns a page
break standing alone into a block of its own.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from typing import Iterator

from ..model import Body, Note
from . import syntax

#: The key of a document's source note (its provenance, attached to its heading).
SOURCE_NOTE = "source"
SOURCE_NOTE_MARK = "*"
NUMBERED_BLOCKS = {"paragraph", "edblock", "block_quote", "list", "block_html", "table"}


@dataclass(frozen=True)
class NoteMarks:
    """How a document marks the source's notes (its front matter's ``note_marks`` and ``source_note``).

    ``from_keys`` False: numbered 1, 2 … in the order of first calls, the source note
    unnumbered (``*``).  True: each note is printed with its key, as a volume numbers
    its footnotes (``[^6]`` is note 6, the source note ``[^1]`` is note 1).
    ``source_key``: the key of the document's source note.
    """

    from_keys: bool = False
    source_key: str = SOURCE_NOTE


BY_ORDER = NoteMarks()


def walk(tokens: list) -> Iterator[dict]:
    """Every token below ``tokens``, depth first, in reading order."""
    for token in tokens:
        yield token
        yield from walk(token.get("children") or [])


def letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa: the editor's note marks."""
    text = ""
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def note_anchor(mark: str) -> str:
    """The id suffix of a source's note (``n-6``): its mark, with anything an id cannot hold made a hyphen."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", mark)


def build_body(tokens: list, first_line: int, marks: NoteMarks = BY_ORDER) -> Body:
    """The Body of a parsed text; ``first_line`` is the file line of the text's line 1."""
    definitions, blocks = {}, []
    for token in tokens:
        token["line"] = first_line + token.pop("line0", 0)
        if token["type"] == "blank_line" or _is_comment(token):
            continue
        if token["type"] == "note_def":
            definitions[token["attrs"]["key"]] = token
            continue
        blocks.append(_standalone_page_break(token) or token)
    count = _number_paragraphs(blocks)
    notes = _mark_notes(blocks, definitions, marks)
    page_breaks = tuple(t["attrs"]["arg"] for t in walk(blocks) if t["type"] in ("page_break", "page_break_block"))
    return Body(tuple(blocks), notes, (), count, page_breaks)


def _is_comment(token: dict) -> bool:
    """An HTML comment on its own is the editors' note to themselves: never shown."""
    return token["type"] == "block_html" and token.get("raw", "").strip().startswith("<!--")


def _standalone_page_break(token: dict) -> dict | None:
    if token["type"] != "paragraph":
        return None
    significant = [c for c in token["children"] if not (c["type"] in {"softbreak", "text"} and not c.get("raw", "").strip())]
    if len(significant) == 1 and significant[0]["type"] == "page_break":
        return {"type": "page_break_block", "attrs": dict(significant[0]["attrs"]), "line": token["line"]}
    return None


def _number_paragraphs(blocks: list) -> int:
    count = 0
    for token in walk(blocks):
        if token["type"] == "edblock" and token["attrs"]["name"] in syntax.LINE_BLOCKS:
            _hard_line_breaks(token["children"])
    for token in blocks:
        if token["type"] in NUMBERED_BLOCKS:
            count += 1
            token.setdefault("attrs", {})["n"] = count
    return count


def _hard_line_breaks(tokens: list) -> None:
    for token in walk(tokens):
        if token["type"] == "softbreak":
            token["type"] = "linebreak"


def _mark_notes(blocks: list, definitions: dict, marks: NoteMarks) -> tuple[Note, ...]:
    source_notes: dict[str, Note] = {}
    editor_notes: list[Note] = []
    for index, block in enumerate(blocks):
        pending = deque([block])
        while pending:
            for token in walk([pending.popleft()]):
                if token["type"] == "note_ref" and token["attrs"]["key"] in definitions:
                    note = _source_note(token, definitions, source_notes, index, marks)
                    if note is not None:  # first call: the note's own text may hold editor's notes
                        pending.append({"type": "note_text", "children": list(note.children)})
                elif token["type"] == "editor_note":
                    mark = letters(len(editor_notes) + 1)
                    token["attrs"].update(mark=mark, anchor=mark)
                    editor_notes.append(Note(mark, mark, "editor", tuple(token["children"]), index, block["line"], mark))
    return tuple(source_notes.values()) + tuple(editor_notes)


def _source_note(token: dict, definitions: dict, notes: dict[str, Note], block: int, marks: NoteMarks) -> Note | None:
    """Mark a call of a source note; return the Note when this is its first call."""
    key = token["attrs"]["key"]
    note = notes.get(key)
    first = note is None
    if first:
        defn = definitions[key]
        is_source = key == marks.source_key
        if marks.from_keys:
            mark = key
        else:  # numbers follow the order of first calls; the source note is unnumbered
            mark = SOURCE_NOTE_MARK if is_source else str(len(notes) + 1 - (marks.source_key in notes))
        anchor = SOURCE_NOTE if is_source else note_anchor(mark)
        note = Note(key, mark, "source", tuple(defn["children"]), block, defn["line"], anchor)
        notes[key] = note
    token["attrs"].update(mark=note.mark, anchor=note.anchor)
    return note if first else None
