"""The encoding view: a document file highlighted as YAML front matter plus the edition's dialect.

Pygments' Markdown lexer knows none of the dialect's constructs and is slow on
long paragraphs; this small lexer marks exactly what an editor types.
"""

from __future__ import annotations

import re

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import RegexLexer, bygroups
from pygments.lexers import YamlLexer
from pygments.token import Comment, Generic, Keyword, Name, Punctuation, String, Text

#: Pygments writes ``<a id="L-1" name="L-1">``; ``name`` on ``a`` is obsolete in HTML5.
_OBSOLETE_NAME = re.compile(r' name="L-\d+"')


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
    parts = [(text[:end], YamlLexer(stripnl=False), 1),
             (text[end:], EditionMarkupLexer(stripnl=False), text.count("\n", 0, end) + 1)]
    html = "".join(highlight(part, lexer, _formatter(start)) for part, lexer, start in parts if part)
    return _OBSOLETE_NAME.sub("", html)


def _formatter(first_line: int) -> HtmlFormatter:
    return HtmlFormatter(linenos="inline", lineanchors="L", anchorlinenos=True, linespans="line",
                         cssclass="source-code", wrapcode=True, linenostart=first_line)


def pygments_css() -> str:
    """Light and dark (``prefers-color-scheme``) styles for the encoding view, chosen for WCAG AA contrast."""
    light = HtmlFormatter(style="xcode").get_style_defs(".source-code")
    dark = HtmlFormatter(style="lightbulb").get_style_defs(".source-code")
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
