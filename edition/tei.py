"""Render the model as TEI P5 XML: one file per document and one for the glossary.

A second renderer beside :mod:`edition.html`, over the same parsed Body: it
never reads the HTML.  Every token type of the dialect has one entry in
``INLINE`` or ``BLOCK``; a token type missing there raises, so a new construct
cannot be dropped from the export silently.  Strings are built with escaping
(no XML library), so the build stays light.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from .glossary import KINDS
from .linked_data import document_url
from . import routes
from .markup import syntax
from .markup.body import SOURCE_NOTE
from .model import Agent, Body, Document, Edition, GlossaryEntry, Name, Note, PartialDate

TEI_NS = "http://www.tei-c.org/ns/1.0"
GLOSSARY_FILE = routes.GLOSSARY_TEI
NAME_ELEMENTS = {"person": "persName", "organization": "orgName", "place": "placeName",
                 "term": "term", "abbreviation": "term"}
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "de": "German", "fr": "French", "es": "Spanish"}
_NCNAME_START = re.compile(r"^[A-Za-z_]")


class UnknownToken(ValueError):
    """A token type the TEI renderer has no rule for: a construct would be lost."""


def xml_id(key: str) -> str:
    """A glossary key as an xml:id (an NCName may not start with a digit or a hyphen)."""
    return key if _NCNAME_START.match(key) else f"g-{key}"


def attrs(**values: str) -> str:
    """`` name="value"`` pairs, escaped, leaving out empty values; ``xml_lang`` → ``xml:lang``."""
    return "".join(f" {name.replace('xml_', 'xml:')}={quoteattr(value)}" for name, value in values.items() if value)


def element(name: str, content: str, **attributes: str) -> str:
    """``<name …>content</name>``, or ``<name …/>`` when there is no content."""
    if not content:
        return f"<{name}{attrs(**attributes)}/>"
    return f"<{name}{attrs(**attributes)}>{content}</{name}>"


def text_element(name: str, text: str, **attributes: str) -> str:
    """An element holding escaped text (nothing when the text is empty)."""
    return element(name, escape(text), **attributes) if text else ""


@dataclass
class TeiRenderer:
    """Renders one Body's tokens as TEI; counts note calls so each note is written once."""

    glossary: dict[str, GlossaryEntry]
    glossary_target: str = "../" + GLOSSARY_FILE + "#{id}"
    notes: dict[str, Note] = field(default_factory=dict)
    written_notes: set[str] = field(default_factory=set)

    def inline(self, tokens) -> str:
        return "".join(self.token(t, INLINE) for t in tokens)

    def token(self, token: dict, table: dict[str, Callable]) -> str:
        rule = table.get(token["type"])
        if rule is None:
            raise UnknownToken(f"the TEI export has no rule for the token type {token['type']!r}")
        return rule(self, token)

    def blocks(self, tokens) -> str:
        return "".join(self.token(t, BLOCK) for t in tokens)

    def gloss_ref(self, token: dict) -> str:
        key = token["attrs"]["key"]
        entry = self.glossary.get(key)
        name = NAME_ELEMENTS[entry.kind] if entry else "rs"
        return element(name, self.inline(token["children"]), ref=self.glossary_target.format(id=xml_id(key)))

    def note_ref(self, token: dict) -> str:
        anchor = token["attrs"].get("anchor", "")
        note = self.notes.get(anchor)
        if note is None:
            return escape(f"[^{token['attrs']['key']}]")
        if anchor in self.written_notes:
            return element("ptr", "", target=f"#note-{anchor}")
        self.written_notes.add(anchor)
        kind = "source" if note.anchor == SOURCE_NOTE else "authorial"
        return element("note", self.inline(note.children), type=kind, n=note.mark, place="foot",
                       xml_id=f"note-{anchor}")

    def editor_note(self, token: dict) -> str:
        mark = token["attrs"]["mark"]
        return element("note", self.inline(token["children"]), type="editorial", n=mark, xml_id=f"note-{mark}")

    def variants(self, token: dict) -> str:
        lemma, *others = token["children"]
        return element("app", self.reading(lemma, "lem") + "".join(self.token(r, INLINE) for r in others))

    def reading(self, token: dict, name: str = "rdg") -> str:
        wit = " ".join(f"#{siglum}" for siglum in token["attrs"]["sigla"])
        return element(name, self.inline(token["children"]), wit=wit)

    def line_content(self, block: dict) -> str:
        """A line block's paragraphs as one run of text, ``<lb/>`` between the lines."""
        return "<lb/>".join(self.inline(child.get("children", [])) for child in block["children"]
                            if child["type"] != "blank_line")


def _wrap(name: str, **attributes: str) -> Callable:
    return lambda r, t: element(name, r.inline(t["children"]), **attributes)


def _gap(reason: str) -> Callable:
    return lambda r, t: element("gap", text_element("desc", t["attrs"].get("arg", "")), reason=reason)


def _link(r: TeiRenderer, t: dict) -> str:
    return element("ref", r.inline(t["children"]), target=t["attrs"]["url"])


def _image(r: TeiRenderer, t: dict) -> str:
    return element("graphic", text_element("desc", _plain(t.get("children", []))), url=t["attrs"]["url"])


INLINE: dict[str, Callable[[TeiRenderer, dict], str]] = {
    "text": lambda r, t: escape(t["raw"]),
    "softbreak": lambda r, t: "\n",
    "linebreak": lambda r, t: "<lb/>",
    "emphasis": _wrap("hi", rend="italic"),
    "strong": _wrap("hi", rend="bold"),
    "codespan": lambda r, t: text_element("code", t["raw"]),
    "link": _link,
    "image": _image,
    "inline_html": lambda r, t: "" if t["raw"].startswith("<!--") else escape(t["raw"]),
    "note_ref": TeiRenderer.note_ref,
    "editor_note": TeiRenderer.editor_note,
    "gloss_ref": TeiRenderer.gloss_ref,
    "choice": lambda r, t: element("choice", "".join(r.token(c, INLINE) for c in t["children"])),
    "sic": _wrap("sic"),
    "corr": _wrap("corr"),
    "supplied": _wrap("supplied"),
    "surplus": _wrap("surplus"),
    "unclear": _wrap("unclear"),
    "gap": _gap(""),
    "illegible": _gap("illegible"),
    "page_break": lambda r, t: element("pb", "", n=t["attrs"]["arg"]),
    "variants": TeiRenderer.variants,
    "reading": TeiRenderer.reading,
}


def _table(r: TeiRenderer, t: dict) -> str:
    return element("table", "".join(r.token(part, BLOCK) for part in t["children"]))


def _table_head(r: TeiRenderer, t: dict) -> str:
    """The heading row (``role="label"``); a table whose source has none has an empty one in the Markdown."""
    return element("row", _cells(r, t), role="label") if _plain(t["children"]).strip() else ""


def _cells(r: TeiRenderer, row: dict) -> str:
    return "".join(r.token(cell, BLOCK) for cell in row["children"])


def _list(r: TeiRenderer, t: dict) -> str:
    return element("list", "".join(r.token(item, BLOCK) for item in t["children"]),
                   rend="numbered" if t["attrs"].get("ordered") else "bulleted")


def _list_item(r: TeiRenderer, t: dict) -> str:
    children = [c for c in t["children"] if c["type"] != "blank_line"]
    if len(children) == 1 and children[0]["type"] == "block_text":
        return element("item", r.inline(children[0]["children"]))
    return element("item", r.blocks(children))


def _container(r: TeiRenderer, t: dict) -> str:
    if t["attrs"]["name"] == "letter":
        return element("floatingText", element("body", divisions(r, t["children"])), type="letter")
    return element("quote", r.blocks(t["children"]))


def _line_block(r: TeiRenderer, t: dict) -> str:
    return element("ab", r.line_content(t), type=t["attrs"]["name"])


def _edblock(r: TeiRenderer, t: dict) -> str:
    return (_container if t["attrs"]["name"] in syntax.CONTAINER_BLOCKS else _line_block)(r, t)


BLOCK: dict[str, Callable[[TeiRenderer, dict], str]] = {
    "paragraph": lambda r, t: element("p", r.inline(t["children"])),
    "block_text": lambda r, t: element("p", r.inline(t["children"])),
    "heading": lambda r, t: element("head", r.inline(t["children"])),
    "edblock": _edblock,
    "block_quote": lambda r, t: element("quote", r.blocks(t["children"])),
    "list": _list,
    "table": _table,
    "table_head": _table_head,
    "table_body": lambda r, t: "".join(r.token(row, BLOCK) for row in t["children"]),
    "table_row": lambda r, t: element("row", _cells(r, t)),
    "table_cell": lambda r, t: element("cell", r.inline(t["children"])),
    "list_item": _list_item,
    "block_html": lambda r, t: text_element("p", t["raw"].strip()),
    "block_code": lambda r, t: text_element("eg", t["raw"]),
    "thematic_break": lambda r, t: element("milestone", "", unit="section"),
    "page_break_block": lambda r, t: element("pb", "", n=t["attrs"]["arg"]),
    "blank_line": lambda r, t: "",
}

#: What each line block becomes at the top of a division (in ``opener``) or at its end (in ``closer``).
FRAME_ELEMENTS = {"dateline": "dateline", "salutation": "salute", "signature": "signed",
                  "classification": "seg"}


def _is_frame(token: dict) -> bool:
    return token["type"] == "edblock" and token["attrs"]["name"] in syntax.LINE_BLOCKS


def _frame(r: TeiRenderer, tokens: list, wrapper: str) -> str:
    parts = [element(FRAME_ELEMENTS[t["attrs"]["name"]], r.line_content(t),
                     type="classification" if t["attrs"]["name"] == "classification" else "") for t in tokens]
    return element(wrapper, "".join(parts)) if parts else ""


def divisions(r: TeiRenderer, tokens: list, kind: str = "") -> str:
    """Blocks as ``<div>``s: a heading opens a new one; line blocks at the start of a division
    go into its ``opener``, those at its end into its ``closer`` (elsewhere they stay ``ab``)."""
    groups: list[list[dict]] = [[]]
    for token in tokens:
        if token["type"] == "heading" and groups[-1]:
            groups.append([])
        groups[-1].append(token)
    return "".join(_division(r, group, kind) for group in groups if group)


def _division(r: TeiRenderer, tokens: list, kind: str) -> str:
    head = [t for t in tokens[:1] if t["type"] == "heading"]
    rest = tokens[len(head):]
    start = next((i for i, t in enumerate(rest) if not _is_frame(t) and t["type"] != "page_break_block"), len(rest))
    end = len(rest)
    while end > start and _is_frame(rest[end - 1]):
        end -= 1
    pb_top = [t for t in rest[:start] if t["type"] == "page_break_block"]
    opener = _frame(r, [t for t in rest[:start] if _is_frame(t)], "opener")
    middle = r.blocks(rest[start:end]) or "<p/>"  # a division needs one block between opener and closer
    closer = _frame(r, rest[end:], "closer")
    return element("div", r.blocks(head) + r.blocks(pb_top) + opener + middle + closer, type=kind)


def _plain(tokens) -> str:
    return "".join(t.get("raw", "") or _plain(t.get("children", [])) for t in tokens)


def render_body(body: Body, glossary: dict[str, GlossaryEntry], target: str = "../" + GLOSSARY_FILE + "#{id}",
                kind: str = "") -> str:
    """A parsed Body as TEI divisions (``<div>`` elements), notes at their calls."""
    renderer = TeiRenderer(glossary, target, {note.anchor: note for note in body.notes if note.kind == "source"})
    return divisions(renderer, list(body.blocks), kind)


def _tei(header: str, text: str, language: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}"{attrs(xml_lang=language)}>\n'
            f"{header}\n{text}\n</TEI>\n")


def _name(name: Name) -> str:
    if name.literal or not name.family:
        return escape(name.display)
    return text_element("forename", name.given) + (" " if name.given else "") + text_element("surname", name.family)


def _when(date: PartialDate) -> str:
    """A PartialDate as a W3C date TEI accepts (a time needs its seconds)."""
    return date.iso + (":00" if date.hour >= 0 else "")


def _date(date: PartialDate) -> str:
    return text_element("date", date.day_month_year, when=_when(date))


def _agent(agent: Agent, glossary: dict[str, GlossaryEntry]) -> str:
    entry = glossary.get(agent.key)
    name = NAME_ELEMENTS.get(entry.kind, "name") if entry else "name"
    if name == "term":
        name = "name"
    ref = "../" + GLOSSARY_FILE + "#" + xml_id(agent.key) if entry else ""
    return element(name, escape(agent.name.display), ref=ref)


def document_header(document: Document, edition: Edition, glossary: dict[str, GlossaryEntry]) -> str:
    """The ``teiHeader`` of a document: title and editors, publication, source, correspondence, changes."""
    title_stmt = (text_element("title", document.title)
                  + "".join(element("editor", _name(n)) for n in edition.editors)
                  + (element("respStmt", text_element("resp", "Translated by") + text_element("name", document.translator))
                     if document.translator else ""))
    return element("teiHeader", element("fileDesc", element("titleStmt", title_stmt)
                                        + _publication(document, edition) + _source_desc(document))
                   + _profile(document, glossary) + _revisions(document))


def _publication(document: Document, edition: Edition) -> str:
    revision = document.last_revision
    licence = element("availability", text_element("licence", edition.licence, target=edition.licence_url)) \
        if edition.licence else ""
    return element("publicationStmt", text_element("publisher", edition.publisher)
                   + text_element("idno", document_url(edition, document), type="URI") + licence
                   + (_date(revision.date) if revision else text_element("date", str(edition.year), when=str(edition.year))))


def _source_desc(document: Document) -> str:
    s = document.source
    bibl = (text_element("title", s.series, level="s") + text_element("title", s.volume, level="m")
            + "".join(element("editor", _name(n)) for n in s.volume_editors)
            + text_element("publisher", s.publisher) + text_element("pubPlace", s.publisher_place)
            + text_element("date", s.published)
            + text_element("biblScope", s.document_number and f"Document {s.document_number}",
                           unit="document", n=s.document_number)
            + text_element("distributor", s.repository)
            + text_element("idno", s.identifier, type="record") + text_element("idno", s.url, type="URI")
            + text_element("note", ", ".join(filter(None, (s.archive, s.archive_location))), type="archive")
            + text_element("idno", document.number, type="telegram")
            + text_element("note", s.citation, type="citation")
            + text_element("note", s.transcribed_from and f"Transcribed from {s.transcribed_from}", type="transcription")
            + element("textLang", "", mainLang=document.original_language or document.language))
    witnesses = element("listWit", "".join(text_element("witness", w.description or w.siglum, xml_id=w.siglum)
                                           for w in document.witnesses)) if document.witnesses else ""
    return element("sourceDesc", element("bibl", bibl) + witnesses)


def _profile(document: Document, glossary: dict[str, GlossaryEntry]) -> str:
    sent = ("".join(_agent(a, glossary) for a in document.senders) + text_element("placeName", document.place)
            + _date(document.date))
    received = "".join(_agent(a, glossary) for a in document.recipients)
    actions = element("correspAction", sent, type="sent") + (element("correspAction", received, type="received")
                                                            if received else "")
    languages = dict.fromkeys(filter(None, (document.language, document.original_language)))
    usage = "".join(text_element("language", LANGUAGE_NAMES.get(code, code), ident=code) for code in languages)
    summary = element("abstract", text_element("p", document.summary)) if document.summary else ""
    return element("profileDesc", summary + element("langUsage", usage) + element("correspDesc", actions))


def _revisions(document: Document) -> str:
    changes = "".join(text_element("change", r.note, when=_when(r.date))
                      for r in sorted(document.revisions, key=lambda r: r.date, reverse=True))
    return element("revisionDesc", changes) if changes else ""


def document_tei(document: Document, edition: Edition, glossary: dict[str, GlossaryEntry]) -> str:
    """A document as a complete TEI P5 file: header from the metadata, body from the parsed text."""
    body = render_body(document.body, glossary, kind="")
    text = element("text", element("body", element("div", body, type="document",
                                                   n=document.source.document_number)))
    return _tei(document_header(document, edition, glossary), text, document.language)


def glossary_tei(edition: Edition, glossary: dict[str, GlossaryEntry]) -> str:
    """The glossary as TEI: ``listPerson``, ``listOrg``, ``listPlace`` and a ``list type="gloss"``."""
    title = element("titleStmt", text_element("title", f"{edition.title}: glossary")
                    + "".join(element("editor", _name(n)) for n in edition.editors))
    publication = element("publicationStmt", text_element("publisher", edition.publisher)
                          + text_element("idno", edition.base_url and edition.base_url + GLOSSARY_FILE, type="URI")
                          + (element("availability", text_element("licence", edition.licence, target=edition.licence_url))
                             if edition.licence else "")
                          + text_element("date", str(edition.year), when=str(edition.year)))
    source = element("sourceDesc", text_element("p", "Born digital: the glossary of the edition."))
    header = element("teiHeader", element("fileDesc", title + publication + source))
    lists = "".join(_entry_list(kind, [e for e in glossary.values() if e.kind == kind], glossary) for kind in KINDS)
    text = element("text", element("body", element("div", lists or "<p/>", type="glossary")))
    return _tei(header, text, edition.language)


_LISTS = {"person": ("listPerson", "person"), "organization": ("listOrg", "org"), "place": ("listPlace", "place")}


def _entry_list(kind: str, entries: list[GlossaryEntry], glossary: dict[str, GlossaryEntry]) -> str:
    if not entries:
        return ""
    if kind in _LISTS:
        wrapper, item = _LISTS[kind]
        return element(wrapper, "".join(_named_entry(item, e, glossary) for e in entries), type=kind)
    return element("list", "".join(_gloss_item(e, glossary) for e in entries), type="gloss", subtype=kind)


def _details(entry: GlossaryEntry, glossary: dict[str, GlossaryEntry]) -> str:
    description = divisions(TeiRenderer(glossary, "#{id}"), list(entry.description.blocks)) \
        if entry.description and entry.description.blocks else ""
    see = " ".join(f"#{xml_id(k)}" for k in entry.see)
    return (text_element("note", entry.short, type="short")
            + (element("note", _unwrap_divs(description), type="description") if description else "")
            + (element("note", "See also " + ", ".join(escape(glossary[k].label) for k in entry.see if k in glossary),
                       type="see", target=see) if see else ""))


def _unwrap_divs(divs: str) -> str:
    """Division content for a ``note``: a note may hold paragraphs, not divisions."""
    return re.sub(r"</?div(?: [^>]*)?>", "", divs).replace("<head>", '<p rend="heading">').replace("</head>", "</p>")


def _named_entry(item: str, entry: GlossaryEntry, glossary: dict[str, GlossaryEntry]) -> str:
    name_element = NAME_ELEMENTS[entry.kind]
    names = element(name_element, _name(entry.name) if entry.name else escape(entry.label), type="main")
    names += "".join(text_element(name_element, alias, type="alias") for alias in entry.aliases)
    facts = text_element("idno", entry.wikidata, type="wikidata")
    if entry.kind == "person":
        facts += text_element("occupation", entry.role) + text_element("floruit", entry.dates)
    else:
        facts += text_element("note", entry.role, type="role") + text_element("note", entry.dates, type="dates")
    return element(item, names + facts + _details(entry, glossary), xml_id=xml_id(entry.key))


def _gloss_item(entry: GlossaryEntry, glossary: dict[str, GlossaryEntry]) -> str:
    term = element("term", escape(entry.label), type=entry.kind)
    aliases = ", ".join(escape(a) for a in entry.aliases if a != entry.label)
    item = (escape(entry.short) + (f" (also: {aliases})" if aliases else "")
            + (f" Wikidata: {element('idno', escape(entry.wikidata), type='wikidata')}." if entry.wikidata else ""))
    return element("label", term, xml_id=xml_id(entry.key)) + element("item", item)
