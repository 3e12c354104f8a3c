"""Small helpers shared by the tests: parse a body, render it, query HTML."""

from __future__ import annotations

from lxml import html as lxml_html

from edition.html import render_blocks
from edition.markup import parse_body


def parse(text: str, sigla: tuple[str, ...] = (), ordered_lists: bool = False):
    """Parse ``text`` as a document body starting on file line 1."""
    return parse_body(text, "doc.md", 1, sigla=sigla, ordered_lists=ordered_lists)


def render(text: str, sigla: tuple[str, ...] = ()):
    """Render ``text``; fail the test on any markup problem."""
    body, problems = parse(text, sigla)
    assert [str(p) for p in problems] == []
    return body, render_blocks(body)


def fragment(html: str):
    """An lxml element wrapping an HTML fragment."""
    return lxml_html.fragment_fromstring(html, create_parent="div")


def text_of(element, hide: str = "") -> str:
    """The visible text of ``element``, leaving out elements with class ``hide``."""
    parts = []
    def visit(el):
        classes = (el.get("class") or "").split()
        if hide and hide in classes:
            if el.tail:
                parts.append(el.tail)
            return
        if el.text:
            parts.append(el.text)
        for child in el:
            visit(child)
        if el.tail and el is not element:
            parts.append(el.tail)
    visit(element)
    return " ".join("".join(parts).split())
