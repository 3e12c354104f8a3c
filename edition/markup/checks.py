"""Checks of the raw body text: malformed markup found with its exact line and column.

mistune silently reads broken markup as plain text, so every construct that can
be broken is looked for here, in the text as the editor typed it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Body
from ..problems import Problem, did_you_mean, error, warning
from . import syntax
from .body import walk

_NOTE_REF_RE = re.compile(syntax.NOTE_REF)
_NOTE_DEF_RE = re.compile(syntax.NOTE_DEF, re.M)
_GLOSS_RE = re.compile(syntax.GLOSS_REF)
_VARIANTS_RE = re.compile(syntax.VARIANTS)
_READING_RE = re.compile(syntax.READING)
_DIRECTIVE_RE = re.compile(syntax.DIRECTIVE_OPEN + r".*$", re.M)
_FENCE_CLOSE_RE = re.compile(r"^(?P<fence>:{3,})[ \t]*$", re.M)
_KEYWORD_RE = re.compile(syntax.KEYWORD)
#: A brace that opens something dialect-like: a CriticMarkup opener (whole or half typed) or a word.
_LEFTOVER_RE = re.compile(r"(?<![:\\])\{(?:(?P<critic>~~|\+\+|--|\?\?|>>)|(?P<near>[~+\-?>])"
                          r"|(?P<word>[A-Za-z][A-Za-z0-9]*)(?=[\s:}]|$))")
_SIGLA_COLON_RE = re.compile(r"^[A-Z][A-Za-z0-9]*(?:[ \t]+[A-Z][A-Za-z0-9]*)*[ \t]*:")
_REMOTE_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
KEYWORDS = {"pb": "page break", "gap": "gap", "illegible": "illegible passage"}
#: What a half-typed CriticMarkup opener was meant to be.
CRITIC = {"~": ("correction", "{~~source reading~>correction~~}"), "+": ("supplied text", "{++text++}"),
          "-": ("surplus text", "{--text--}"), "?": ("unclear reading", "{??text??}"), ">": ("editor's note", "{>>note<<}")}
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

    def line_offset(self, line: int) -> int:
        """The offset of the first character of file line ``line``."""
        index = min(max(line - self.first_line, 0), len(self._newlines))
        return self._newlines[index - 1] + 1 if index else 0

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
    return problems


def check_parsed(body: BodyText, parsed: Body, sigla: tuple[str, ...], reported: list[Problem]) -> list[Problem]:
    """What the parser left as text but looks like the dialect, and remote images.

    Checks the parsed tokens, so whatever would be printed raw is found, however
    it was mistyped; positions come from finding the token's text in the body.
    Positions already reported by :func:`check_markup` are not reported again.
    """
    taken = {(p.line, p.column) for p in reported}
    problems = []
    for line, tokens in _units(parsed):
        cursor = body.line_offset(line)
        for token in walk(tokens):
            found, cursor = _check_token(body, token, cursor, sigla)
            problems += [p for p in found if (p.line, p.column) not in taken]
    return problems


def _units(parsed: Body):
    """Each top-level block, and each of the source's note texts, with its first file line."""
    for block in parsed.blocks:
        yield block["line"], [block]
    for note in parsed.notes:
        if note.kind == "source":
            yield note.line, list(note.children)


def _check_token(body: BodyText, token: dict, cursor: int, sigla: tuple[str, ...]) -> tuple[list[Problem], int]:
    if token["type"] == "image":
        return _check_image(body, token["attrs"].get("url", ""), cursor)
    if token["type"] == "choice" and any(t["type"] == "editor_note" for t in walk(token["children"])):
        at = body.text.find("{>>", cursor)
        return [body.error(max(at, cursor), "an editor's note inside a correction",
                           "one of the two readings is hidden in each view, and the note with it: put the note after the correction")], cursor
    if token["type"] not in {"text", "inline_html", "block_html"}:
        return [], cursor
    problems, text = [], token.get("raw", "")
    start = body.text.find(text, cursor)
    for m in _LEFTOVER_RE.finditer(text):
        snippet = _snippet(text, m.start())
        at = start + m.start() if start != -1 else body.text.find(snippet, cursor)
        if at == -1:  # the text came from an escape such as \{: it is meant as text
            continue
        problems.append(_leftover(body, at, m, snippet, sigla))
        cursor = at + len(snippet)
    # Tokens come in reading order, so the next one starts after this one: searching on from here keeps positions right.
    return problems, max(cursor, start + len(text) if start != -1 else cursor)


def _snippet(text: str, start: int) -> str:
    """The construct as typed: up to its closing brace, or up to 40 characters."""
    end = text.find("}", start)
    return text[start:end + 1] if 0 <= end - start < 40 else text[start:start + 40].split("\n")[0]


def _leftover(body: BodyText, at: int, m: re.Match, snippet: str, sigla: tuple[str, ...]) -> Problem:
    if m.group("critic"):
        return body.error(at, f"'{{{m.group('critic')}' is mis-nested: it is not closed inside the construct around it",
                          "close it before the construct around it ends, or move it outside")
    if m.group("near"):
        name, example = CRITIC[m.group("near")]
        return body.error(at, f"'{snippet}' is a mistyped {name}", f"write {example}, or \\{{ to keep a brace as text")
    word = m.group("word")
    if word.lower() in KEYWORDS and not snippet.endswith("}"):
        return body.error(at, f"'{{{word}' is never closed", "close it with '}' on the same line, e.g. {pb: 2}")
    if word.lower() in KEYWORDS:
        rest = snippet[1 + len(word):].rstrip("}").lstrip(" \t:").strip()
        meant = f"{{{word.lower()}: {rest}}}" if rest else f"{{{word.lower()}}}"
        return body.error(at, f"'{snippet}' is a mistyped {KEYWORDS[word.lower()]}", f"did you mean '{meant}'?")
    if sigla and _SIGLA_COLON_RE.match(snippet[1:]):
        return body.error(at, f"'{snippet}' is not a well-formed set of variant readings",
                          "write {A: reading | B: other reading}, with no braces inside")
    hint = did_you_mean(word, KEYWORDS) or "write \\{ to keep a brace as text"
    return body.warning(at, f"'{{{word}…}}' is not part of the markup and stays as text", hint)


def _check_image(body: BodyText, url: str, cursor: int) -> tuple[list[Problem], int]:
    if not _REMOTE_RE.match(url):
        return [], cursor
    at = body.text.find(url, cursor)
    if at == -1:
        at = max(body.text.find("![", cursor), 0)
    problem = body.error(at, f"an image from another site: '{url}'",
                         "pages load nothing from elsewhere: save the image with the edition, or link to it with [text](address)")
    return [problem], at + len(url)
