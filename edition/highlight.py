"""The encoding view: a document file highlighted as YAML front matter plus the edition's dialect.

Pygments' Markdown lexer knows none of the dialect's constructs and is slow on
long paragraphs; this small lexer marks exactly what an editor types.
"""

from __future__ import annotations

import functools

from pygments.formatters import HtmlFormatter
from pygments.lexer import RegexLexer, bygroups
from pygments.lexers import YamlLexer
from pygments.token import Comment, Generic, Keyword, Name, Punctuation, String, Text



class EditionMarkupLexer(RegexLexer):
    """Markdown plus the edition's constructs: notes, corrections, glossary links, page breaks, blocks."""

    name = "Edition markup"
    aliases = ["edition-markup"]
    tokens = {
        "root": [
            (r"^(:{3,})(\{[a-z-]+\})(.*\n)", bygroups(Keyword, Name.Tag, Text)),
            (r"^:{3,}[ \t]*\n", Keyword),
            (r"^(\[\^[^\]\s]+\]:)", Name.Label),
            (r"^#{1,6} .*\n", Generic.Heading),
            (r"\{>>[\s\S]*?<<\}", Comment),
            (r"<!--[\s\S]*?-->", Comment.Multiline),
            (r"(\{~~)([\s\S]*?)(~>)([\s\S]*?)(~~\})", bygroups(Punctuation, Generic.Deleted, Punctuation,
                                                           Generic.Inserted, Punctuation)),
            (r"\{\+\+[\s\S]*?\+\+\}", Generic.Inserted),
            (r"\{--[\s\S]*?--\}", Generic.Deleted),
            (r"\{\?\?[\s\S]*?\?\?\}", Generic.Emph),
            (r"\{(?:pb|gap|illegible)(?:[ \t]*:[^{}\n]*)?\}", Keyword.Pseudo),
            (r"\{[A-Z][^{}]*\|[^{}]*\}", String),
            (r"\[\[[^\]]+\]\]", Name.Entity),
            (r"\[\^[^\]\s]+\]", Name.Label),
            (r"`[^`\n]+`", String.Backtick),
            (r"[^{\[:#<`\n]+", Text),
            (r"\n", Text),
            (r".", Text),
        ],
    }


def highlight_source(text: str) -> str:
    """Front matter as YAML and body in the dialect, as numbered, linkable lines (``#L-12``)."""
    end = text.find("\n---\n", 3) + 5 if text.startswith("---\n") else 0
    parts = [(text[:end], _YAML, 1), (text[end:], _DIALECT, text.count("\n", 0, end) + 1)]
    return "".join(_numbered_lines(lexer.get_tokens(part), first) for part, lexer, first in parts if part)


_YAML = YamlLexer(stripnl=False, ensurenl=True)
_DIALECT = EditionMarkupLexer(stripnl=False, ensurenl=True)
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


@functools.cache
def _span(ttype) -> str:
    """The opening tag Pygments' HTML formatter gives a token type (``<span class="l l-Scalar">``), or ''."""
    classes = HtmlFormatter()._get_css_classes(ttype)  # noqa: SLF001 - Pygments' own mapping, reused
    return f'<span class="{classes}">' if classes else ""


def _numbered_lines(tokens, first: int) -> str:
    """Pygments' HTML (same classes, adjacent runs of one class merged) with a linked number per line.

    Written here because HtmlFormatter's line-number wrappers cost more than the lexing itself.
    """
    lines = list(_lines(tokens))
    width = len(str(first + len(lines) - 1))
    out = ['<div class="source-code"><pre><span></span><code>']
    for n, line in enumerate(lines, first):
        out.append(f'<span id="line-{n}"><a id="L-{n}"></a><a href="#L-{n}"><span class="linenos">{n:>{width}}</span></a>'
                   f"{line}</span>")
    out.append("</code></pre></div>\n")
    return "".join(out)


def _lines(tokens):
    """Each source line as HTML ending in its newline, spans closed at line ends (as Pygments does)."""
    line: list[str] = []
    open_span = ""
    for ttype, value in tokens:
        span = _span(ttype)
        parts = value.translate(_ESCAPE).split("\n")
        for part in parts[:-1]:
            if line:
                if open_span != span and part:
                    line += [open_span and "</span>", span, part, span and "</span>", "\n"]
                else:
                    line += [part, open_span and "</span>", "\n"]
                yield "".join(line)
                line = []
            elif part:
                yield "".join((span, part, span and "</span>", "\n"))
            else:
                yield "\n"
        if line and parts[-1]:
            if open_span != span:
                line += [open_span and "</span>", span, parts[-1]]
                open_span = span
            else:
                line.append(parts[-1])
        elif parts[-1]:
            line = [span, parts[-1]]
            open_span = span
    if line:
        line += [open_span and "</span>", "\n"]
        yield "".join(line)


def pygments_css() -> str:
    """Light and dark (``prefers-color-scheme``) styles for the encoding view, chosen for WCAG AA contrast."""
    light = HtmlFormatter(style="xcode").get_style_defs(".source-code")
    dark = HtmlFormatter(style="lightbulb").get_style_defs(".source-code")
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
