"""Inline constructs of the dialect, as mistune plugins.

Each ``parse_*`` turns a match into one token; nested text is parsed again as
inline Markdown, so a correction may sit inside a glossary reference and so on.
Every rule is registered with ``start_chars`` so mistune keeps its fast scanner.
"""

from __future__ import annotations

import re
from typing import Any

from . import syntax

_READING_RE = re.compile(syntax.READING)


def _children(inline: Any, state: Any, text: str) -> list:
    child = state.copy()
    child.src = text
    return inline.render(child)


def parse_note_ref(inline: Any, m: re.Match, state: Any) -> int:
    state.append_token({"type": "note_ref", "attrs": {"key": m.group("note_key")}})
    return m.end()


def parse_editor_note(inline: Any, m: re.Match, state: Any) -> int:
    children = _children(inline, state, m.group("ednote_text").strip())
    state.append_token({"type": "editor_note", "children": children, "attrs": {}})
    return m.end()


def parse_gloss_ref(inline: Any, m: re.Match, state: Any) -> int:
    key = m.group("gloss_key").strip()
    shown = m.group("gloss_text")
    children = _children(inline, state, shown) if shown else [{"type": "text", "raw": key}]
    state.append_token({"type": "gloss_ref", "children": children, "attrs": {"key": key, "explicit": True}})
    return m.end()


def parse_sic_corr(inline: Any, m: re.Match, state: Any) -> int:
    sic = {"type": "sic", "children": _children(inline, state, m.group("sic_text"))}
    corr = {"type": "corr", "children": _children(inline, state, m.group("corr_text"))}
    state.append_token({"type": "choice", "children": [sic, corr]})
    return m.end()


def _wrapping(kind: str, group: str):
    def parse(inline: Any, m: re.Match, state: Any) -> int:
        state.append_token({"type": kind, "children": _children(inline, state, m.group(group))})
        return m.end()
    parse.__name__ = f"parse_{kind}"
    return parse


parse_supplied = _wrapping("supplied", "supplied_text")
parse_surplus = _wrapping("surplus", "surplus_text")
parse_unclear = _wrapping("unclear", "unclear_text")


def parse_keyword(inline: Any, m: re.Match, state: Any) -> int:
    name, arg = m.group("kw_name"), (m.group("kw_arg") or "").strip()
    kind = "page_break" if name == "pb" else name
    state.append_token({"type": kind, "attrs": {"arg": arg}})
    return m.end()


def parse_variants(inline: Any, m: re.Match, state: Any) -> int | None:
    readings = []
    for part in m.group("app_body").split("|"):
        rm = _READING_RE.match(part)
        if not rm:
            return None
        sigla = rm.group("sigla").split()
        readings.append({"type": "reading", "attrs": {"sigla": sigla},
                         "children": _children(inline, state, rm.group("text").strip())})
    state.append_token({"type": "variants", "children": readings, "attrs": {}})
    return m.end()


_RULES = (
    ("note_ref", syntax.NOTE_REF, parse_note_ref, "["),
    ("gloss_ref", syntax.GLOSS_REF, parse_gloss_ref, "["),
    ("editor_note", syntax.EDITOR_NOTE, parse_editor_note, "{"),
    ("sic_corr", syntax.SIC_CORR, parse_sic_corr, "{"),
    ("supplied", syntax.SUPPLIED, parse_supplied, "{"),
    ("surplus", syntax.SURPLUS, parse_surplus, "{"),
    ("unclear", syntax.UNCLEAR, parse_unclear, "{"),
    ("keyword", syntax.KEYWORD, parse_keyword, "{"),
    ("variants", syntax.VARIANTS, parse_variants, "{"),
)


def editorial_inline(md: Any) -> None:
    """Register every inline construct of the dialect on a mistune Markdown."""
    for name, pattern, func, start in _RULES:
        md.inline.register(name, pattern, func, before="link", start_chars=start)
