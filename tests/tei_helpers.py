"""Helpers of the TEI tests: validation with jing, and the plain text of TEI and of parsed bodies."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from lxml import etree

from edition.markup.body import walk
from edition.model import Body

SCHEMA = Path(__file__).resolve().parent / "schema" / "tei_all.rng"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
#: Elements whose boundaries separate words, as block boundaries do in the Markdown.
BLOCKS = {"p", "ab", "head", "item", "label", "list", "dateline", "salute", "signed", "opener", "closer", "quote",
          "row", "cell", "table", "div", "lg", "l", "body", "postscript", "floatingText", "lb"}
BLOCK_TOKENS = {"paragraph", "block_text", "heading", "list_item", "edblock", "block_quote", "list", "table", "table_cell",
                "linebreak", "softbreak", "page_break_block"}


def jing_errors(files: list[Path]) -> list[str]:
    """jing's messages for ``files`` against tei_all (an empty list when all are valid)."""
    jing = shutil.which("jing")
    assert jing, "the TEI tests need Debian's jing ('python3 tasks.py test' installs it)"
    result = subprocess.run([jing, str(SCHEMA), *map(str, files)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line.strip()]


def _normal(text: str) -> str:
    return " ".join(text.split())


def tei_text(element) -> tuple[str, list[str]]:
    """The plain text of a TEI element without its notes, and each note's text, in document order.

    Page breaks carry no text; a gap's description is the editor's, not the source's."""
    main: list[str] = []
    notes: list[str] = []

    def visit(el, out: list[str]) -> None:
        name = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if name == "note":
            inner: list[str] = []
            _children(el, inner)
            notes.append(_normal("".join(inner)))
        elif name != "gap" and isinstance(el.tag, str):
            out.append(" " if name in BLOCKS else "")
            _children(el, out)
            out.append(" " if name in BLOCKS else "")
        if el.tail:
            out.append(el.tail)

    def _children(el, out: list[str]) -> None:
        if el.text:
            out.append(el.text)
        for child in el:
            visit(child, out)

    _children(element, main)
    return _normal("".join(main)), notes


def body_text(body: Body) -> tuple[str, list[str]]:
    """The plain text of a parsed body without its notes, and each source note's text, in call order."""
    return _tokens_text(list(body.blocks)), [_tokens_text(list(n.children)) for n in body.notes if n.kind == "source"]


def _tokens_text(tokens: list) -> str:
    parts = []
    for token in walk(tokens):
        if token["type"] in BLOCK_TOKENS:
            parts.append(" ")
        if token["type"] in ("text", "codespan"):
            parts.append(token["raw"])
    return _normal("".join(parts))

