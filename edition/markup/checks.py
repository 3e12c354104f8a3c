"""Checks of the raw body text: malformed markup found with its exact line and column.

mistune silently reads broken markup as plain text, so every construct that can
be broken is looked for here, in the text as the editor typed it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..problems import Problem, did_you_mean, error, warning
from . import syntax

_NOTE_REF_RE = re.compile(syntax.NOTE_REF)
_NOTE_DEF_RE = re.compile(syntax.NOTE_DEF, re.M)
_GLOSS_RE = re.compile(syntax.GLOSS_REF)
_VARIANTS_RE = re.compile(syntax.VARIANTS)
_READING_RE = re.compile(syntax.READING)
_DIRECTIVE_RE = re.compile(syntax.DIRECTIVE_OPEN + r".*$", re.M)
_FENCE_CLOSE_RE = re.compile(r"^(?P<fence>:{3,})[ \t]*$", re.M)
_KEYWORD_RE = re.compile(syntax.KEYWORD)
_BRACE_WORD_RE = re.compile(r"(?<!:)\{(?P<word>[a-z]+)(?:[ \t]*:[^{}\n]*)?\}")
_NEWLINE_RE = re.compile("\n")
_PARAGRAPH_SPLIT = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Located:
    """A construct found in the body: its text, line and column in the file."""

    value: str
    line: int
    column: int


_CODE_RE = re.compile(r"^(?P<fence>`{3,}|~{3,})[^\n]*\n[\s\S]*?^(?P=fence)[ \t]*$|(?P<ticks>`+)[\s\S]+?(?P=ticks)"
                      r"|\\[^\s\w]|<!--[\s\S]*?-->", re.M)


def mask_code(text: str) -> str:
    """``text`` with code, escaped characters (``\\{``) and HTML comments blanked out, keeping
    lengths and lines: none of them is markup."""
    return _CODE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def newline_offsets(text: str) -> list[int]:
    """The offsets of the newlines in ``text``, for turning offsets into lines."""
    return [m.start() for m in _NEWLINE_RE.finditer(text)]


class BodyText:
    """The body as typed (code blanked out), with offsets mapped to file lines and columns."""

    def __init__(self, text: str, path: str, first_line: int):
        self.text, self.path, self.first_line = mask_code(text), path, first_line
        self._newlines = newline_offsets(text)

    def position(self, offset: int) -> tuple[int, int]:
        """(file line, column) of a character offset in the body."""
        index = bisect.bisect_left(self._newlines, offset)
        line_start = self._newlines[index - 1] + 1 if index else 0
        return self.first_line + index, offset - line_start + 1

    def error(self, offset: int, message: str, hint: str = "") -> Problem:
        line, column = self.position(offset)
        return error(self.path, line, message, hint, column)

    def warning(self, offset: int, message: str, hint: str = "") -> Problem:
        line, column = self.position(offset)
        return warning(self.path, line, message, hint, column)


def check_markup(body: BodyText, sigla: tuple[str, ...] = ()) -> list[Problem]:
    """Every malformed construct in the body, each with file:line:column."""
    return (_check_pairs(body) + _check_notes(body) + _check_variants(body, sigla)
            + _check_directives(body) + _check_keywords(body))


def find_glossary_refs(body: BodyText) -> list[Located]:
    """Each explicit ``[[key]]`` reference with its position."""
    return [Located(m.group("gloss_key").strip(), *body.position(m.start())) for m in _GLOSS_RE.finditer(body.text)]


def _paragraphs(text: str):
    start = 0
    for m in _PARAGRAPH_SPLIT.finditer(text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]


def _check_pairs(body: BodyText) -> list[Problem]:
    problems = []
    for start, para in _paragraphs(body.text):
        for opener, closer in syntax.PAIRED.items():
            problems += _check_pair_in(body, start, para, opener, closer)
    return problems


def _check_pair_in(body: BodyText, start: int, para: str, opener: str, closer: str) -> list[Problem]:
    problems, pos = [], 0
    while (open_at := para.find(opener, pos)) != -1:
        close_at = para.find(closer, open_at + len(opener))
        if close_at == -1:
            return problems + [body.error(start + open_at, f"'{opener}' is never closed",
                                          f"close it with '{closer}' in the same paragraph")]
        if opener == "{~~" and "~>" not in para[open_at:close_at]:
            problems.append(body.error(start + open_at, "a correction '{~~' without '~>'",
                                       "write {~~source reading~>correction~~}"))
        pos = close_at + len(closer)
    stray = para.find(closer, pos)
    if stray != -1 and opener != "[[" and para.rfind(opener, 0, stray) == -1:
        problems.append(body.error(start + stray, f"'{closer}' closes nothing", f"open it with '{opener}'"))
    return problems


def _check_notes(body: BodyText) -> list[Problem]:
    defs: dict[str, int] = {}
    problems = []
    def_spans = []
    for m in _NOTE_DEF_RE.finditer(body.text):
        key = m.group("notedef_key")
        def_spans.append((m.start(), m.start() + len(key) + 4))
        if key in defs:
            problems.append(body.error(m.start(), f"note '[^{key}]' is defined twice", "give each note its own key"))
        defs.setdefault(key, m.start())
    refs: dict[str, int] = {}
    for m in _NOTE_REF_RE.finditer(body.text):
        if any(a <= m.start() < b for a, b in def_spans):
            continue
        key = m.group("note_key")
        refs.setdefault(key, m.start())
        if key not in defs:
            problems.append(body.error(m.start(), f"note '[^{key}]' has no text",
                                       f"add a line '[^{key}]: …' at the end of the text"))
    for key, offset in defs.items():
        if key not in refs:
            problems.append(body.error(offset, f"note '[^{key}]' is never called in the text",
                                       f"put '[^{key}]' where the note belongs, or delete the note"))
    return problems


def _check_variants(body: BodyText, sigla: tuple[str, ...]) -> list[Problem]:
    problems = []
    for m in _VARIANTS_RE.finditer(body.text):
        for part in m.group("app_body").split("|"):
            reading = _READING_RE.match(part)
            if not reading:
                problems.append(body.error(m.start(), f"a reading without its siglum: {part.strip()!r}",
                                           "write each reading as 'A: text'"))
                continue
            for siglum in reading.group("sigla").split():
                if siglum not in sigla:
                    hint = did_you_mean(siglum, sigla) or "declare it under 'witnesses:' in the front matter"
                    problems.append(body.error(m.start(), f"unknown siglum '{siglum}'", hint))
    return problems


def _check_directives(body: BodyText) -> list[Problem]:
    problems, open_fences = [], []
    events = sorted([(m.start(), "open", m) for m in _DIRECTIVE_RE.finditer(body.text)]
                    + [(m.start(), "close", m) for m in _FENCE_CLOSE_RE.finditer(body.text)], key=lambda e: e[0])
    for offset, kind, m in events:
        if kind == "open":
            name, fence = m.group("name"), m.group("fence")
            if name not in syntax.DIRECTIVES:
                hint = did_you_mean(name, syntax.DIRECTIVES) or "known blocks: " + ", ".join(syntax.DIRECTIVES)
                problems.append(body.error(offset, f"unknown block '{fence}{{{name}}}'", hint))
            if m.group(0)[m.end("name") - m.start() + 1:].strip():
                problems.append(body.error(offset, f"text after '{fence}{{{name}}}' would be lost", "put it on the next line"))
            if open_fences and len(fence) >= len(open_fences[-1][0]):
                problems.append(body.error(offset, f"'{fence}{{{name}}}' inside a block opened with '{open_fences[-1][0]}'",
                                           "give the outer block a longer fence, e.g. '::::{letter}' … '::::'"))
            open_fences.append((fence, offset))
        elif open_fences and len(m.group("fence")) >= len(open_fences[-1][0]):
            open_fences.pop()
    for fence, offset in open_fences:
        problems.append(body.error(offset, "a block is never closed", f"end it with a line '{fence}'"))
    return problems


def _check_keywords(body: BodyText) -> list[Problem]:
    problems = []
    for m in _KEYWORD_RE.finditer(body.text):
        if m.group("kw_name") == "pb" and not (m.group("kw_arg") or "").strip():
            problems.append(body.error(m.start(), "a page break without its page number", "write {pb: 2}"))
    for m in _BRACE_WORD_RE.finditer(body.text):
        word = m.group("word")
        if word not in {"pb", "gap", "illegible"}:
            hint = did_you_mean(word, ("pb", "gap", "illegible")) or "write \\{ to keep a brace as text"
            problems.append(body.warning(m.start(), f"'{{{word}…}}' is not part of the markup and stays as text", hint))
    return problems
