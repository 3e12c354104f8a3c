"""Render a parsed Body to HTML fragments: one per top-level block, plus its notes.

The page layout (rows, margins, the glossary column) belongs to the templates;
this module only turns the dialect's tokens into semantic HTML.  Elements shown
in one reading mode only carry the class ``dipl`` or ``reading``; editorial
marks that are not the source's words carry ``mark`` (the fidelity test and the
search index rely on these three classes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mistune import HTMLRenderer
from mistune.core import BlockState
from mistune.util import escape

from .markup.body import walk
from .model import Body, Note
from .names import unique


#: Ids the templates give their own elements: a heading of an essay never takes one of them.
TEMPLATE_IDS = frozenset({"main", "text", "cite", "cite-heading", "cite-paragraph", "cite-paragraph-note", "changes",
                          "changes-heading", "notes-heading", "doc-title", "documents-heading", "essays-heading",
                          "entries-heading", "apparatus-heading", "met-heading", "search-form", "search-query",
                          "search-results", "search-status"})


#: The shapes of ids the build makes itself (rows ``p4``/``b2``, notes, apparatus, glossary, pages, lines).
GENERATED_ID = re.compile(r"^(?:[pb]\d+|(?:n|nref|app|appref|g|page|line|cite|kind|m)-.*|l-\d+)$")


@dataclass(frozen=True)
class RenderedNote:
    """A note ready for a template: its mark, kind and HTML."""

    mark: str
    kind: str
    html: str
    anchor: str

    @property
    def id(self) -> str:
        return f"n-{self.anchor}"

    @property
    def ref_id(self) -> str:
        return f"nref-{self.anchor}"


@dataclass(frozen=True)
class ApparatusEntry:
    """One entry of the critical apparatus: the lemma and the other readings."""

    number: int
    paragraph: int
    html: str


@dataclass(frozen=True)
class RenderedBlock:
    """One top-level block: its HTML, paragraph number (0 if none) and notes."""

    index: int
    kind: str
    n: int
    html: str
    notes: tuple[RenderedNote, ...]
    apparatus: tuple[ApparatusEntry, ...]


class EditionRenderer(HTMLRenderer):
    """mistune's HTML renderer taught the dialect's tokens.

    One instance renders one body: it counts note calls and apparatus entries
    so that every id on the page is unique.
    """

    def __init__(self, heading_shift: int = 1, glossary_href: str = "#g-{key}"):
        super().__init__(escape=True)
        self.heading_shift = heading_shift
        self.glossary_href = glossary_href
        self.heading_ids: set[str] = set(TEMPLATE_IDS)
        self.page_ids: set[str] = set()
        self.ref_counts: dict[str, int] = {}
        self.apparatus: list[ApparatusEntry] = []
        self.current_paragraph = 0
        self.tables = 0

    def render_token(self, token: dict, state: BlockState) -> str:
        if token["type"] == "choice":
            return self._choice(token, state)
        if token["type"] == "variants":
            return self._variants(token, state)
        return super().render_token(token, state)

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        slug = _slug(text)
        slug = unique("h-" + slug if GENERATED_ID.match(slug) else slug, self.heading_ids)
        return super().heading(text, min(max(level + self.heading_shift, 2), 6), id=slug)

    def paragraph(self, text: str, **attrs: Any) -> str:
        return "<p>" + text + "</p>\n"

    def edblock(self, text: str, name: str, **attrs: Any) -> str:
        tag = "blockquote" if name in {"letter", "quote"} else "div"
        return f'<{tag} class="{name}">\n{text}</{tag}>\n'

    def list(self, text: str, ordered: bool, **attrs: Any) -> str:
        return super().list(text, ordered, **{k: v for k, v in attrs.items() if k != "n"})

    def table(self, text: str, **attrs: Any) -> str:
        # A region that scrolls sideways on a narrow screen, reachable with the keyboard; named uniquely on the page.
        self.tables += 1
        return (f'<div class="table-scroll" role="region" aria-label="Table {self.tables}" tabindex="0"><table>\n'
                f'{text}</table></div>\n')

    def table_head(self, text: str) -> str:
        # A table whose source marks no heading row has an empty one in the Markdown: it is not printed.
        return "" if not re.sub(r"<[^>]+>|\s", "", text) else f"<thead>\n<tr>{text}</tr>\n</thead>\n"

    def table_body(self, text: str) -> str:
        return f"<tbody>\n{text}</tbody>\n"

    def table_row(self, text: str) -> str:
        return f"<tr>{text}</tr>\n"

    def table_cell(self, text: str, align: str | None = None, head: bool = False) -> str:
        tag = "th" if head else "td"
        style = f' class="align-{align}"' if align else ""
        return f"<{tag}{style}>{text}</{tag}>"

    def block_quote(self, text: str, **attrs: Any) -> str:
        return super().block_quote(text)

    def block_html(self, html: str, **attrs: Any) -> str:
        return super().block_html(html)

    def inline_html(self, html: str) -> str:
        return "" if html.startswith("<!--") else super().inline_html(html)

    def note_ref(self, key: str, mark: str = "", anchor: str = "", **attrs: Any) -> str:
        if not mark:
            return escape(f"[^{key}]")
        label = "Source note" if anchor == "source" else f"Note {mark}"
        return self._note_call(mark, anchor, "source", label)

    def editor_note(self, text: str, mark: str, anchor: str, **attrs: Any) -> str:
        return self._note_call(mark, anchor, "editor", f"Editor's note {mark}")

    def _note_call(self, mark: str, anchor: str, kind: str, label: str) -> str:
        count = self.ref_counts[anchor] = self.ref_counts.get(anchor, 0) + 1
        ref_id = f"nref-{anchor}" + (f"-{count}" if count > 1 else "")
        return (f'<sup class="noteref {kind} mark"><a role="doc-noteref" id="{ref_id}" href="#n-{anchor}"'
                f' aria-label="{label}">{escape(mark)}</a></sup>')

    def gloss_ref(self, text: str, key: str, explicit: bool = True, **attrs: Any) -> str:
        href = self.escape_attribute(self.glossary_href.format(key=key))
        return f'<a class="gref" href="{href}" data-key="{self.escape_attribute(key)}">{text}</a>'

    def _choice(self, token: dict, state: BlockState) -> str:
        sic_tok, corr_tok = token["children"]
        sic = self.render_tokens(sic_tok["children"], state)
        corr = self.render_tokens(corr_tok["children"], state)
        sic_plain = self.escape_attribute(_plain(sic_tok["children"]))
        corr_plain = self.escape_attribute(_plain(corr_tok["children"]))
        return (f'<span class="choice"><span class="sic dipl" title="sic: read {corr_plain}">{sic}</span>'
                f'<span class="corr reading" title="corrected; the source reads “{sic_plain}”">{corr}</span></span>')

    def supplied(self, text: str) -> str:
        return (f'<span class="supplied reading" title="supplied by the editor">'
                f'<span class="mark">[</span>{text}<span class="mark">]</span></span>')

    def surplus(self, text: str) -> str:
        return (f'<span class="surplus" title="surplus in the source">'
                f'<span class="mark reading">{{</span>{text}<span class="mark reading">}}</span></span>')

    def unclear(self, text: str) -> str:
        return (f'<span class="unclear" title="unclear in the source">{text}'
                f'<span class="mark">[?]</span></span>')

    def gap(self, arg: str = "") -> str:
        title = "gap in the source" + (f": {arg}" if arg else "")
        return f'<span class="gap mark" title="{self.escape_attribute(title)}">[…]</span>'

    def illegible(self, arg: str = "") -> str:
        label = "illegible" + (f": {arg}" if arg else "")
        return f'<span class="illegible mark">[{escape(label)}]</span>'

    def page_break(self, arg: str = "") -> str:
        inferred = _inferred_page(arg)
        n = self.escape_attribute(arg[1:-1] if inferred else arg)
        label, note = (f"Page {n} (number inferred)", "; the number is the editors' inference") if inferred \
            else (f"Page {n}", "")
        page_id = unique(page_anchor(arg), self.page_ids)  # a page number repeated or with spaces stays a valid, unique id
        return (f'<span class="pb mark{" pb-inferred" if inferred else ""}" id="{page_id}" role="doc-pagebreak"'
                f' aria-label="{label}" title="Page {n} of the source begins here{note}">p. {escape(arg)}</span>')

    def page_break_block(self, arg: str = "", **attrs: Any) -> str:
        return f'<div class="pb-block">{self.page_break(arg)}</div>\n'

    def _variants(self, token: dict, state: BlockState) -> str:
        readings = [(r["attrs"]["sigla"], self.render_tokens(r["children"], state)) for r in token["children"]]
        number = len(self.apparatus) + 1
        entry = " ".join(_reading_html(sigla, text) for sigla, text in readings[1:])
        lemma_sigla, lemma = readings[0]
        self.apparatus.append(ApparatusEntry(number, self.current_paragraph,
                                             f'{lemma or "—"} {" ".join(lemma_sigla)}<span class="mark">]</span> {entry}'))
        return (f'<span class="lem" id="appref-{number}">{lemma}</span>'
                f'<sup class="appref mark"><a href="#app-{number}" aria-label="Apparatus entry {number}">{number}</a></sup>')


def _inferred_page(arg: str) -> bool:
    """``{pb: [2]}``: a page number the editors inferred."""
    return arg.startswith("[") and arg.endswith("]") and len(arg) > 2


def page_anchor(arg: str) -> str:
    """The id of the mark of page ``arg`` (``III`` → ``page-iii``; its first occurrence on a page)."""
    return "page-" + _slug(arg[1:-1] if _inferred_page(arg) else arg)


def _slug(html: str) -> str:
    text = re.sub(r"<sup[\s\S]*?</sup>|<[^>]+>", "", html)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _reading_html(sigla: list[str], text: str) -> str:
    shown = text if text else '<i>om.</i>'
    return f'{shown} <span class="sigla">{" ".join(sigla)}</span>'


def _plain(tokens: list) -> str:
    return "".join(t.get("raw", "") for t in walk(tokens) if t["type"] == "text")


def render_blocks(body: Body, glossary_href: str = "#g-{key}", heading_shift: int = 1) -> tuple[RenderedBlock, ...]:
    """Each top-level block of ``body`` as HTML, with the notes called in it.

    ``glossary_href`` is where a glossary reference points: on a document page,
    the entry in the page's own list; elsewhere, the glossary page.
    """
    renderer = EditionRenderer(heading_shift, glossary_href)
    state = BlockState()
    notes_by_block: dict[int, list[Note]] = {}
    for note in body.notes:
        notes_by_block.setdefault(note.block, []).append(note)
    rendered = []
    for index, block in enumerate(body.blocks):
        renderer.current_paragraph = block.get("attrs", {}).get("n", 0)
        before = len(renderer.apparatus)
        html = renderer.render_tokens([block], state)
        notes = tuple(_render_note(renderer, note, state) for note in _in_call_order(block, notes_by_block.get(index, [])))
        rendered.append(RenderedBlock(index, block["type"], renderer.current_paragraph, html, notes,
                                      tuple(renderer.apparatus[before:])))
    return tuple(rendered)


def _in_call_order(block: dict, notes: list[Note]) -> list[Note]:
    order: dict[str, int] = {}
    for t in walk([block]):
        if t["type"] in {"note_ref", "editor_note"}:
            order.setdefault(t["attrs"].get("mark"), len(order))
    return sorted(notes, key=lambda note: order.get(note.mark, len(order)))


def _render_note(renderer: EditionRenderer, note: Note, state: BlockState) -> RenderedNote:
    return RenderedNote(note.mark, note.kind, renderer.render_tokens(list(note.children), state), note.anchor)


def render_fragment(body: Body, glossary_href: str) -> str:
    """A whole essay-like body as one HTML fragment: ``## Heading`` is an h2 here."""
    return "".join(block.html for block in render_blocks(body, glossary_href, heading_shift=0))
