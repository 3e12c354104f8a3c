"""Pipe tables whose cells may hold the dialect's own ``|``: ``[[key|text]]`` and ``{A: … | B: …}``.

mistune's table plugin splits a row at every unescaped ``|``, which would cut a
glossary reference or a variant reading in two.  This module registers the same
construct (rows between pipes, a delimiter row of dashes with optional colons)
with a splitter that leaves ``|`` inside ``[[…]]`` and ``{…}`` alone.  Only
tables with pipes at both ends are read: a line of a telegram with a ``|`` in it
never starts a table.
"""

from __future__ import annotations

import re
from typing import Any

TABLE_PATTERN = r"^ {0,3}\|[^\n]*\|[ \t]*(?:\n|$)"
ALIGNS = ((re.compile(r"^:-+:$"), "center"), (re.compile(r"^:-+$"), "left"), (re.compile(r"^-+:$"), "right"),
          (re.compile(r"^-+$"), None))


def split_cells(row: str) -> list[str]:
    """The cells of a row (without its outer pipes), split at ``|`` outside ``[[…]]``, ``{…}`` and escapes."""
    cells, start, depth, i = [], 0, 0, 0
    while i < len(row):
        char = row[i]
        if char == "\\":
            i += 2
            continue
        if row.startswith("[[", i) or char == "{":
            depth += 1
            i += 2 if char == "[" else 1
            continue
        if depth and (row.startswith("]]", i) or char == "}"):
            depth -= 1
            i += 2 if char == "]" else 1
            continue
        if char == "|" and not depth:
            cells.append(row[start:i].strip())
            start = i + 1
        i += 1
    return cells + [row[start:].strip()]


def _row(line: str) -> str | None:
    text = line.rstrip("\n").strip(" \t")
    return text[1:-1] if len(text) > 1 and text.startswith("|") and text.endswith("|") else None


def _aligns(line: str) -> list[str | None] | None:
    row = _row(line)
    if row is None:
        return None
    aligns = []
    for cell in split_cells(row):
        found = next((align for pattern, align in ALIGNS if pattern.match(cell.replace(" ", ""))), "bad")
        if found == "bad":
            return None
        aligns.append(found)
    return aligns


def _cells(row: str, aligns: list, head: bool) -> dict:
    kind = "table_head" if head else "table_row"
    return {"type": kind, "children": [{"type": "table_cell", "text": text, "attrs": {"align": align, "head": head}}
                                       for text, align in zip(split_cells(row), aligns)]}


def parse_table(block: Any, m: re.Match, state: Any) -> int | None:
    header = _row(m.group(0))
    pos = m.end()
    align_line = state.get_line(pos)
    aligns = _aligns(align_line)
    if header is None or aligns is None or len(split_cells(header)) != len(aligns):
        return None
    pos += len(align_line)
    rows = []
    while pos < state.cursor_max:
        line = state.get_line(pos)
        row = _row(line)
        if row is None or len(split_cells(row)) != len(aligns):
            break
        rows.append(_cells(row, aligns, head=False))
        pos += len(line)
    state.append_token({"type": "table", "children": [_cells(header, aligns, head=True),
                                                       {"type": "table_body", "children": rows}]})
    return pos


def dialect_tables(md: Any) -> None:
    """Register pipe tables (before paragraphs, as mistune's own plugin does)."""
    md.block.register("table", TABLE_PATTERN, parse_table, before="paragraph")
