"""The dialect's patterns, shared by the parser plugins and the checks.

One pattern per construct; each is documented with an example in docs/markup.md.
"""

NOTE_KEY = r"[^\]\s^]+"

#: ``[^1]`` — a call of one of the source's own notes.
NOTE_REF = r"\[\^(?P<note_key>" + NOTE_KEY + r")\]"
#: ``[^1]: See Document 253.`` — its text; indented lines continue it.
NOTE_DEF = (
    r"^\[\^(?P<notedef_key>" + NOTE_KEY + r")\]:[ \t]*"
    r"(?P<notedef_text>[^\n]*(?:\n|$)(?:[ \t]+\S[^\n]*(?:\n|$))*)"
)
#: ``{>>The page ends here.<<}`` — an editor's note.
EDITOR_NOTE = r"\{>>(?P<ednote_text>[\s\S]+?)<<\}"
#: ``[[kuznetsov]]``, ``[[sovs|Sovs]]`` — a glossary reference.
GLOSS_REF = r"\[\[(?P<gloss_key>[^\]|\n]+?)(?:\|(?P<gloss_text>(?:[^\]]|\](?!\]))+?))?\]\]"
#: ``{~~gong~>going~~}`` — the source's reading and the editor's correction.
SIC_CORR = r"\{~~(?P<sic_text>[\s\S]*?)~>(?P<corr_text>[\s\S]*?)~~\}"
#: ``{++the++}`` — text the editor supplies.
SUPPLIED = r"\{\+\+(?P<supplied_text>[\s\S]+?)\+\+\}"
#: ``{--the--}`` — text of the source the editor judges surplus.
SURPLUS = r"\{--(?P<surplus_text>[\s\S]+?)--\}"
#: ``{??Amata??}`` — a reading the editor is not sure of.
UNCLEAR = r"\{\?\?(?P<unclear_text>[\s\S]+?)\?\?\}"
#: ``{pb: 2}``, ``{gap}``, ``{gap: one line torn away}``, ``{illegible: two words}``.
KEYWORD = r"\{(?P<kw_name>pb|gap|illegible)(?:[ \t]*:[ \t]*(?P<kw_arg>[^{}\n]*?))?[ \t]*\}"
#: ``{A: the whole world | B: all the world}`` — readings of the witnesses by siglum.
VARIANTS = r"\{(?P<app_body>[A-Z][A-Za-z0-9]*(?:[ \t]+[A-Z][A-Za-z0-9]*)*:[^{}|]*(?:\|[^{}|]*)+)\}"
#: One reading inside VARIANTS: ``A B: text``.
READING = r"^\s*(?P<sigla>[A-Z][A-Za-z0-9]*(?:[ \t]+[A-Z][A-Za-z0-9]*)*)[ \t]*:(?P<text>[\s\S]*)$"

#: Block directives: ``:::{dateline}`` … ``:::``.
DIRECTIVE_OPEN = r"^(?P<fence>:{3,})\{(?P<name>[a-zA-Z0-9_-]+)\}"
LINE_BLOCKS = ("classification", "dateline", "salutation", "signature")
CONTAINER_BLOCKS = ("letter", "quote")
DIRECTIVES = LINE_BLOCKS + CONTAINER_BLOCKS

#: CriticMarkup openers and their closers, for the unclosed-markup check.
PAIRED = {"{~~": "~~}", "{++": "++}", "{--": "--}", "{??": "??}", "{>>": "<<}", "[[": "]]"}
