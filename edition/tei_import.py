"""Import a TEI P5 file into this generator's content folder: ``build.py import-tei FILE.xml``.

Two shapes are understood.  Foreign Relations volumes (and any TEI that marks
its documents with ``div type="document"``): each such division becomes one
document; the volume's lists of persons and abbreviations become the glossary,
its front matter becomes essays and its header the edition's metadata.
Generic TEI: each ``TEI`` element (one file, or each of a ``teiCorpus``) becomes
one document; ``listPerson``, ``listOrg``, ``listPlace`` and ``list type="gloss"``
become the glossary.

Nothing is dropped in silence: text inside elements without a rule of their own
is kept as plain text, and every such element is reported with its count and
the position of its first occurrence.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree as ET
from xml.parsers import expat

import yaml

from . import routes
from .html import page_anchor
from .markup.body import note_anchor
from .names import slugify, unique

TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS = "{http://history.state.gov/frus/ns/1.0}"
XML = "{http://www.w3.org/XML/1998/namespace}"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

#: Elements that only carry meaning (no layout of their own): their text is kept, nothing to report.
TRANSPARENT = {"date", "time", "num", "seg", "foreign", "title", "q", "said", "name", "s", "w", "c", "measure",
               "roleName", "forename", "surname", "addName", "genName", "nameLink", "idno", "mentioned",
               "soCalled", "distinct", "emph", "label", "abbr", "expan", "orig", "reg", "settlement", "country",
               "region", "geogName", "district", "bloc", "affiliation", "occupation", "desc", "quote", "cit",
               "bibl", "author", "editor", "publisher", "pubPlace", "biblScope"}
AGENTS = {"persName", "orgName", "name"}
NAME_LINKS = {"persName", "orgName", "placeName", "rs", "name", "gloss", "term"}
LINE_BLOCKS = {"dateline": "dateline", "salute": "salutation", "signed": "signature"}
PARAGRAPH_LIKE = {"p", "ab", "byline", "docDate", "trailer", "argument", "epigraph", "docAuthor", "l"}
STRUCTURAL = {"div", "div1", "div2", "div3", "div4", "div5", "opener", "closer", "postscript", "body", "front",
              "back", "lg", "sp", "figure"}
GLOSSARY_LISTS = {"listPerson", "listOrg", "listPlace", "listBibl", "listWit"}
ITALIC = {"italic", "i", "it", "italics", "sectiontitleital"}
BOLD = {"bold", "b", "strong", "sectiontitlebold"}
CLASSIFICATIONS = ("Top Secret", "Secret", "Confidential", "Unclassified", "Limited Official Use",
                   "Official Use Only", "Eyes Only")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>&])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)]|:{3})")


def run(argv: list[str]) -> int:
    """``build.py import-tei FILE.xml [--into DIR]``: write DIR/content; print the report; 0 or 1."""
    parser = argparse.ArgumentParser(prog="build.py import-tei",
                                     description="Convert a TEI P5 file into a content folder this generator builds.")
    parser.add_argument("file", type=Path, metavar="FILE.xml", help="the TEI file to import")
    parser.add_argument("--into", type=Path, default=Path("imported"),
                        help="project folder to create: DIR/content and DIR/templates (default: imported)")
    args = parser.parse_args(argv)
    try:
        imported = import_tei(args.file)
    except (OSError, ImportFailed) as exc:
        print(f"{args.file}: error: {exc}", file=sys.stderr)
        return 1
    content = args.into / "content"
    if content.exists() and any(content.iterdir()):
        print(f"{content}: error: the folder already exists (choose another --into folder, or remove it)",
              file=sys.stderr)
        return 1
    write_project(imported, args.into)
    for line in imported.report.lines():
        print(line, file=sys.stderr)
    sys.stderr.flush()
    print(f"Imported {_count(len(imported.documents), 'document')}, {_count(len(imported.pages), 'essay')} and "
          f"{_count(len(imported.glossary), 'glossary entry', 'glossary entries')} from {args.file} into {content}")
    print(f"Build it with: python build.py --project {args.into}")
    if any("document_number:" in text for text in imported.documents.values()):
        print(f"Before you publish it: {content / 'edition.yaml'} names the printed volume's editors, publisher and "
              "year; set them to your web edition's own (each document's citation names the printed volume already).")
    return 0


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


class ImportFailed(Exception):
    """The file is not well-formed XML, or holds nothing to import."""


# ---------------------------------------------------------------- reading the XML with positions

@dataclass
class Positions:
    """File positions of the elements of one parsed tree (ElementTree keeps none)."""

    path: str
    of: dict[int, tuple[int, int]] = field(default_factory=dict)

    def where(self, element: ET.Element) -> str:
        line, column = self.of.get(id(element), (0, 0))
        return f"{self.path}:{line}:{column + 1}"


def parse_tei(path: Path) -> tuple[ET.Element, Positions]:
    """The file's root element and the line and column where each element starts."""
    positions = Positions(str(path))
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def start(name: str, attributes: dict) -> None:
        tag = "{" + name if "}" in name else name
        element = builder.start(tag, {("{" + k if "}" in k else k): v for k, v in attributes.items()})
        positions.of[id(element)] = (parser.CurrentLineNumber, parser.CurrentColumnNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end("{" + name if "}" in name else name)
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(path.read_bytes(), True)
    except expat.ExpatError as exc:
        raise ImportFailed(f"not well-formed XML: {exc}") from None
    return builder.close(), positions


def local(element: ET.Element) -> str:
    """The element's name without the TEI namespace (other namespaces stay visible)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[len(TEI):] if tag.startswith(TEI) else tag


def tei(*names: str) -> str:
    """An ElementTree path in the TEI namespace: ``tei("text", "body")`` → ``{…}text/{…}body``."""
    return "/".join(TEI + name if name not in (".", "..", "*") and not name.startswith(".") else name
                    for name in names)


def plain(element: ET.Element) -> str:
    """All the text below ``element``, whitespace normalised."""
    return " ".join("".join(element.itertext()).split())


# ---------------------------------------------------------------- what an import produces

@dataclass
class Report:
    """What could not be mapped: element name → count and first position; and other warnings."""

    unmapped: dict[str, list] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def note(self, what: str, where: str, how: str) -> None:
        entry = self.unmapped.setdefault(what, [0, where, how])
        entry[0] += 1

    def lines(self) -> list[str]:
        lines = [f"{where}: warning: {what} not mapped, {count} time{'s' if count > 1 else ''} ({how})"
                 for what, (count, where, how) in sorted(self.unmapped.items(), key=lambda i: i[1][1])]
        return lines + self.warnings


@dataclass
class Imported:
    """The content an import writes: files by path below content/, and its report."""

    edition: dict
    documents: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    glossary: dict[str, dict] = field(default_factory=dict)
    report: Report = field(default_factory=Report)


def import_tei(path: Path) -> Imported:
    """Read a TEI file and convert it: documents, essays, glossary, edition metadata."""
    root, positions = parse_tei(path)
    if local(root) not in ("TEI", "teiCorpus"):
        raise ImportFailed(f"the root element is <{local(root)}>, not <TEI> or <teiCorpus>")
    report = Report()
    glossary, ids = read_glossary(root, positions, report)
    edition = read_edition(root, report, path)
    converter = Converter(ids, positions, report, witnesses(root))
    imported = Imported(edition, glossary=glossary, report=report)
    frus_documents = volume_documents(root)
    if frus_documents:
        volume = Volume.from_header(root)
        converter.targets = link_targets(root, volume, frus_documents)
        for number, placed in enumerate(frus_documents, 1):
            name, text = frus_document(placed, volume, converter, number)
            imported.documents[name] = text
        imported.pages = front_essays(root, converter)
        parts = volume_parts(frus_documents, converter)
        if parts:
            imported.edition["parts"] = parts
        report_skipped_heads(root, positions, report, {id(p.div) for p in frus_documents})
    else:
        for number, text_root in enumerate(single_documents(root), 1):
            name, text = generic_document(text_root, converter, number, path)
            imported.documents[name] = text
        imported.pages = front_essays(root, converter)
    if not imported.documents:
        raise ImportFailed("no documents found (no div type=\"document\" and no TEI/text/body)")
    return imported


def write_project(imported: Imported, project: Path) -> None:
    """Write DIR/content (and copy the generator's templates to DIR/templates when absent)."""
    content = project / "content"
    (content / "documents").mkdir(parents=True, exist_ok=True)
    _write_yaml(content / "edition.yaml", imported.edition)
    if imported.glossary:
        _write_yaml(content / "glossary.yaml", imported.glossary)
    for name, text in imported.documents.items():
        (content / "documents" / name).write_text(text, encoding="utf-8")
    if imported.pages:
        (content / "pages").mkdir(exist_ok=True)
        for name, text in imported.pages.items():
            (content / "pages" / name).write_text(text, encoding="utf-8")
    if not (project / "templates").exists():
        shutil.copytree(TEMPLATES, project / "templates")


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False, width=100)


def _write_yaml(path: Path, data: dict) -> None:
    path.write_text(_dump(data), encoding="utf-8")


# ---------------------------------------------------------------- glossary

def read_glossary(root: ET.Element, positions: Positions, report: Report) -> tuple[dict[str, dict], dict[str, str]]:
    """Glossary entries by key, and the map from the TEI's xml:ids to those keys."""
    entries: dict[str, dict] = {}
    ids: dict[str, str] = {}
    for kind, element, name, short in _glossary_items(root):
        key = unique(slugify(plain(name)), set(entries))
        entry = {"kind": kind, "label": plain(name), "short": short or plain(name)}
        entry.update(_person_name(name) if kind == "person" else {})
        wikidata = _wikidata(element)
        if wikidata:
            entry["wikidata"] = wikidata
        entries[key] = entry
        ids[element.get(XML + "id") or name.get(XML + "id")] = key
    return entries, ids


def _glossary_items(root: ET.Element) -> Iterator[tuple[str, ET.Element, ET.Element, str]]:
    """``(kind, element with the xml:id, name element, short text)`` for every entry found."""
    for div in root.iter(TEI + "div"):
        if div.get(XML + "id") == "persons":
            for name in div.iter(TEI + "persName"):
                if name.get(XML + "id"):
                    yield "person", name, name, _rest_of_item(div, name)
        if div.get(XML + "id") == "terms":
            for term in div.iter(TEI + "term"):
                if term.get(XML + "id"):
                    yield "abbreviation", term, term, _rest_of_item(div, term)
    for kind, list_name, item_name, name_name in (("person", "listPerson", "person", "persName"),
                                                  ("organization", "listOrg", "org", "orgName"),
                                                  ("place", "listPlace", "place", "placeName")):
        for listing in root.iter(TEI + list_name):
            for item in listing.findall(TEI + item_name):
                name = item.find(TEI + name_name)
                if item.get(XML + "id") and name is not None:
                    yield kind, item, name, _short(item)
    for listing in root.iter(TEI + "list"):
        if listing.get("type") == "gloss":
            children = list(listing)
            for label, item in zip(children, children[1:]):
                if local(label) == "label" and local(item) == "item" and label.get(XML + "id"):
                    yield "term", label, label, plain(item)


def _rest_of_item(div: ET.Element, name: ET.Element) -> str:
    """The description after the name in a FRUS list item: ``<persName>…</persName>, President``."""
    for item in div.iter(TEI + "item"):
        if name in item.iter():
            text = plain(item)
            return text[len(plain(name)):].lstrip(" ,").strip()
    return ""


def _short(item: ET.Element) -> str:
    for path in (tei("note"), tei("occupation"), tei("desc"), tei("roleName")):
        found = item.find(path)
        if found is not None and plain(found):
            return plain(found)
    return ""


def _person_name(name: ET.Element) -> dict:
    surname, forename = name.find(tei("surname")), name.find(tei("forename"))
    if surname is not None:
        return {"name": {"family": plain(surname), **({"given": plain(forename)} if forename is not None else {})}}
    parts = [p.strip() for p in plain(name).split(",")]
    if len(parts) == 2 and all(parts):
        return {"name": {"family": parts[0], "given": parts[1]}}
    return {}


def _wikidata(element: ET.Element) -> str:
    for idno in element.iter(TEI + "idno"):
        match = re.search(r"(?:^|/)(Q[1-9][0-9]*)$", (idno.text or "").strip())
        if match and (idno.get("type", "").lower() in ("wikidata", "uri", "url", "") or "wikidata" in idno.text):
            return match.group(1)
    return ""


def witnesses(root: ET.Element) -> dict[str, str]:
    """The witnesses of ``listWit``: xml:id → description."""
    return {w.get(XML + "id"): plain(w) for w in root.iter(TEI + "witness") if w.get(XML + "id")}


# ---------------------------------------------------------------- edition and volume metadata

def _header_titles(root: ET.Element) -> dict[str, str]:
    titles = {}
    for title in root.iterfind(tei("teiHeader", "fileDesc", "titleStmt", "title")):
        titles.setdefault(title.get("type", "main"), plain(title))
    return titles


def read_edition(root: ET.Element, report: Report, path: Path) -> dict:
    """``edition.yaml`` from the header: title, editors, publisher, year, licence."""
    header = root.find(tei("teiHeader"))
    titles = _header_titles(root)
    title = titles.get("complete") or titles.get("main") or next(iter(titles.values()), "")
    statement = header.find(tei("fileDesc", "titleStmt")) if header is not None else None
    people = statement.findall(tei("editor")) + statement.findall(tei("author")) if statement is not None else []
    publication = header.find(tei("fileDesc", "publicationStmt")) if header is not None else None
    edition: dict = {"title": title, "editors": [plain(p) for p in people if plain(p)]}
    if publication is not None:
        publisher = publication.find(tei("publisher"))
        edition["publisher"] = plain(publisher) if publisher is not None else ""
        year = re.search(r"\d{4}", " ".join(plain(d) + " " + (d.get("when") or "")
                                             for d in publication.findall(tei("date"))))
        if year:
            edition["year"] = int(year.group(0))
        licence = publication.find(tei("availability", "licence"))
        if licence is not None:
            edition["licence"] = plain(licence) or licence.get("target", "")
            if licence.get("target", "").startswith("http"):
                edition["licence_url"] = licence.get("target")
    edition["language"] = _language(root)
    for key in ("title", "editors", "publisher", "year"):
        if not edition.get(key):
            report.warnings.append(f"{path}: warning: the TEI header gives no {key} for edition.yaml "
                                   f"(add '{key}:' to content/edition.yaml before building)")
    return {k: v for k, v in edition.items() if v not in ("", [], None)}


def _language(root: ET.Element) -> str:
    for element in root.iter(TEI + "text"):
        if element.get(XML + "lang"):
            return element.get(XML + "lang")
    return root.get(XML + "lang") or "en"


@dataclass(frozen=True)
class Volume:
    """A documentary volume's facts, cited by each of its documents."""

    id: str
    series: str
    volume: str
    editors: tuple[str, ...]
    publisher: str
    place: str
    year: str

    @classmethod
    def from_header(cls, root: ET.Element) -> "Volume":
        titles = _header_titles(root)
        statement = root.find(tei("teiHeader", "fileDesc", "titleStmt"))
        editors = [e for e in statement.findall(tei("editor")) if e.get("role") in (None, "primary")] \
            if statement is not None else []
        publication = root.find(tei("teiHeader", "fileDesc", "publicationStmt"))

        def text_of(name: str) -> str:
            found = publication.find(tei(name)) if publication is not None else None
            return plain(found) if found is not None else ""
        dates = publication.findall(tei("date")) if publication is not None else []
        year = next((plain(d) for d in dates if d.get("type") == "publication-date"), "") \
            or next((plain(d) for d in dates if not d.get("type") and re.fullmatch(r"\d{4}", plain(d))), "")
        subseries = titles.get("sub-series") or titles.get("subseries")
        number = titles.get("volume-number") or titles.get("volumenumber")
        series = ", ".join(t for t in (titles.get("series"), subseries) if t)
        volume = ", ".join(t for t in (number, titles.get("volume")) if t)
        return cls(root.get(XML + "id", ""), series or titles.get("complete", ""), volume,
                   tuple(plain(e) for e in editors), text_of("publisher"), text_of("pubPlace"), year)

    def source(self, div: ET.Element, number: str) -> dict:
        source = {"series": self.series, "volume": self.volume, "volume_editors": list(self.editors),
                  "publisher": self.publisher, "publisher_place": self.place, "published": self.year,
                  "document_number": number}
        if self.id.startswith("frus") and div.get(XML + "id"):
            source["repository"] = "Office of the Historian, U.S. Department of State"
            source["url"] = f"https://history.state.gov/historicaldocuments/{self.id}/{div.get(XML + 'id')}"
        return {k: v for k, v in source.items() if v}


# ---------------------------------------------------------------- documents

@dataclass(frozen=True)
class PlacedDocument:
    """A ``div type="document"``, the part of the volume it stands in and the page breaks just before it."""

    div: ET.Element
    heads: tuple[ET.Element, ...]  # the headings of the divisions around it, outermost first
    page_breaks: tuple[ET.Element, ...]

    @property
    def part(self) -> str:
        return " — ".join(text for text in map(_heading_text, self.heads) if text)


def volume_documents(root: ET.Element) -> list[PlacedDocument]:
    """Every ``div type="document"`` in reading order, each with its part and the page breaks before it.

    The part is the heading of the divisions around the document (a volume's chapter,
    with its compilation before it when there are both).  A page break between two
    documents (or before a chapter's heading) is the page on which the next document
    begins, so it goes to that document.
    """
    found: list[PlacedDocument] = []
    pending: list[ET.Element] = []

    def walk(element: ET.Element, heads: tuple[ET.Element, ...]) -> None:
        for child in element:
            name = local(child)
            if name == "pb":
                pending.append(child)
            elif name == "div" and child.get("type") == "document":
                found.append(PlacedDocument(child, heads, tuple(pending)))
                pending.clear()
            elif name in ("div", "body", "group", "text"):
                head = child.find(tei("head"))
                walk(child, heads + ((head,) if head is not None else ()))
            elif name not in ("head", "front", "back"):
                pending.clear()

    text = root.find(tei("text"))
    if text is not None:
        walk(text, ())
    return found


def volume_parts(documents: list[PlacedDocument], converter: "Converter") -> list[dict]:
    """``parts:`` of edition.yaml: each part's title and the volume's notes on its headings, in order."""
    parts: dict[str, dict] = {}
    for placed in documents:
        if placed.part and placed.part not in parts:
            notes = [converter.part_note(note) for head in placed.heads for note in head.iter(TEI + "note")]
            parts[placed.part] = {"title": placed.part, **({"note": " ".join(notes)} if notes else {})}
    return list(parts.values())


def _heading_text(head: ET.Element) -> str:
    return " ".join("".join(_text_without_notes(head)).split())


def link_targets(root: ET.Element, volume: Volume, documents: list[PlacedDocument]) -> dict[str, str]:
    """Where each ``xml:id`` of the volume that a ``ref`` may point to is published (a path from the site's root).

    Documents, their notes (``d45fn3`` → the document's note 3) and page breaks
    (``pg_103`` → the page's mark in the document or essay that holds it).
    """
    targets: dict[str, str] = {}
    for number, placed in enumerate(documents, 1):
        page = routes.document(_document_id(volume, placed.div, number))
        if placed.div.get(XML + "id"):
            targets[placed.div.get(XML + "id")] = page
        source_note = _source_note(placed.div)
        for note in placed.div.iter(TEI + "note"):
            if note.get(XML + "id") and note.get("type") != "editorial":
                anchor = "source" if note is source_note else note.get("n") and note_anchor(_note_key(note.get("n")))
                if anchor:
                    targets[note.get(XML + "id")] = f"{page}#n-{anchor}"
        for pb in (*placed.page_breaks, *placed.div.iter(TEI + "pb")):
            if pb.get(XML + "id") and pb.get("n"):
                targets[pb.get(XML + "id")] = f"{page}#{page_anchor(pb.get('n'))}"
    for div in _front_divs(root):
        page = routes.essay(_essay_id(div))
        for pb in div.iter(TEI + "pb"):
            if pb.get(XML + "id") and pb.get("n"):
                targets[pb.get(XML + "id")] = f"{page}#{page_anchor(pb.get('n'))}"
    return targets


def _document_id(volume: Volume, div: ET.Element, number: int) -> str:
    """``frus1955-57v01-d45``: the volume's id and the document's (else its number in the volume)."""
    return slugify(f"{volume.id}-{div.get(XML + 'id') or 'd' + (div.get('n') or str(number))}")


def _note_key(n: str) -> str:
    """A note's ``n`` as a key of the dialect (which cannot hold spaces, ``]`` or ``^``)."""
    return re.sub(r"[\]\s^]+", "-", n)


def frus_document(placed: PlacedDocument, volume: Volume, converter: "Converter", number: int) -> tuple[str, str]:
    """A ``div type="document"`` as ``(file name, Markdown with front matter)``."""
    div = placed.div
    head = div.find(tei("head"))
    n = div.get("n") or str(number)
    title = _title(head, n) if head is not None else f"Document {n}"
    meta: dict = {"id": _document_id(volume, div, number), "title": title}
    meta["date"] = _date(div, converter)
    place = div.find(tei("dateline", "placeName"))
    if place is not None and plain(place):
        meta["place"] = plain(place)
    meta.update(_parties(head))
    meta["type"] = "editorial note" if div.get("subtype") == "editorial-note" else _type(title)
    source_note = _source_note(div)
    converter.source_element = source_note
    source = volume.source(div, n)
    if source_note is not None:
        meta.update(_from_source_note(plain(source_note), source))
    meta["source"] = source
    if placed.part:
        meta["part"] = placed.part
    body = converter.document_body(div, placed.page_breaks)
    meta["note_marks"] = "keys"  # the volume's own footnote numbers, which its cross-references cite
    if converter.source_key != "source":
        meta["source_note"] = converter.source_key
    return f"{meta['id']}.md", "---\n" + _dump({k: v for k, v in meta.items() if v}) + "---\n\n" + body


def _source_note(div: ET.Element) -> ET.Element | None:
    """The note ``type="source"``, else a note on the heading that reads "Source: …" (some volumes leave it untyped)."""
    typed = next((note for note in div.iter(TEI + "note") if note.get("type") == "source"), None)
    head = div.find(tei("head"))
    untyped = next((note for note in head.iter(TEI + "note") if plain(note).startswith("Source:")), None) \
        if head is not None else None
    return typed if typed is not None else untyped


def _title(head: ET.Element, number: str) -> str:
    text = " ".join("".join(_text_without_notes(head)).split())
    return re.sub(rf"^{re.escape(number)}\.\s+", "", text)


def _text_without_notes(element: ET.Element) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if local(child) != "note":
            yield from _text_without_notes(child)
        if child.tail:
            yield child.tail


#: Words after which a FRUS title stops naming the kind of document ("Telegram From …", "Paper Prepared by …").
_TITLE_CONNECTORS = re.compile(r"\b(?:from|to|of|for|by|prepared|submitted|presented|between|on|in|at)\b", re.I)
#: Words before the kind that qualify it rather than name it ("Draft Telegram", "United States Minutes").
_TYPE_QUALIFIERS = {"draft", "revised", "circular", "united", "states"}


def _type(title: str) -> str:
    """The kind of document a FRUS title names: "telegram", "memorandum", "special national intelligence estimate"."""
    words = [w for w in _TITLE_CONNECTORS.split(title, 1)[0].lower().split() if w not in _TYPE_QUALIFIERS]
    return " ".join(words) if 0 < len(words) <= 5 and all(w.isalpha() for w in words) else ""


def _parties(head: ET.Element | None) -> dict:
    parties: dict = {}
    for element in head.iter() if head is not None else ():
        role = element.get("type")
        if role in ("from", "to") and local(element) in NAME_LINKS:
            parties.setdefault(role, []).append(plain(element))
    return {k: v[0] if len(v) == 1 else v for k, v in parties.items()}


def _from_source_note(text: str, source: dict) -> dict:
    """FRUS source notes read ``Source: <archive>. <classification>. …``."""
    sentences = re.split(r"(?<=\.)\s+", re.sub(r"^Source:\s*", "", text))
    found: dict = {}
    if text.startswith("Source:") and sentences:
        source["archive"] = sentences[0].rstrip(".")
    if len(sentences) > 1 and sentences[1].startswith(CLASSIFICATIONS):
        found["classification"] = sentences[1].rstrip(".")
    return found


def _date(div: ET.Element, converter: "Converter") -> str:
    """The document's date: its dateline's, else its heading's, else the volume's range for it, else the previous one's."""
    for found in (div.find(tei("dateline")), div.find(tei("opener")), div.find(tei("head"))):
        date = found.find(".//" + tei("date")) if found is not None else None
        when = (date.get("when") or date.get("from") or date.get("notBefore") or "") if date is not None else ""
        if re.match(r"\d{4}", when):
            converter.last_date = _partial(when)
            return converter.last_date
    low, high = div.get(FRUS + "doc-dateTime-min", ""), div.get(FRUS + "doc-dateTime-max", "")
    if low and low == high:
        return _partial(low)
    if low and high:
        shared = low[:10] if low[:10] == high[:10] else low[:7] if low[:7] == high[:7] else low[:4]
        reason = f"its range {low[:10]} – {high[:10]} gives the date {shared}"
    else:
        shared = converter.last_date
        reason = f"the previous document's date {shared} is given (the volume is in date order)"
    converter.report.warnings.append(
        f"{converter.positions.where(div)}: warning: document {div.get('n', '')} has no dated dateline; "
        f"{reason} (correct 'date:' if you know better)")
    return shared


def _partial(when: str) -> str:
    """``1958-01-09T18:00:00+02:00`` → ``1958-01-09T18:00``: the local time as written."""
    match = re.match(r"(\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2})?)?)?)", when)
    return match.group(1) if match else when[:4]


def single_documents(root: ET.Element) -> list[ET.Element]:
    """The ``TEI`` elements of a generic file: the root, or each member of a ``teiCorpus``."""
    return [root] if local(root) == "TEI" else [t for t in root.iter(TEI + "TEI")]


def generic_document(document: ET.Element, converter: "Converter", number: int, path: Path) -> tuple[str, str]:
    """A ``TEI`` element of a generic file as ``(file name, Markdown with front matter)``."""
    titles = _header_titles(document)
    title = titles.get("main") or next(iter(titles.values()), "") or f"Document {number}"
    meta: dict = {"id": slugify(document.get(XML + "id") or f"{path.stem}-{number}"), "title": title}
    sent = _action(document, "sent")
    when = sent.find(tei("date")) if sent is not None else None
    dated = when if when is not None else document.find(".//" + tei("dateline", "date"))
    meta["date"] = _partial(dated.get("when", "")) if dated is not None and dated.get("when") else ""
    if not meta["date"]:
        converter.report.warnings.append(f"{converter.positions.where(document)}: warning: no date found "
                                         f"(add 'date:' to the document's front matter)")
    place = sent.find(tei("placeName")) if sent is not None else document.find(".//" + tei("dateline", "placeName"))
    if place is not None:
        meta["place"] = plain(place)
    for role, action in (("from", sent), ("to", _action(document, "received"))):
        names = [_agent(n, converter.ids) for n in action if local(n) in AGENTS] if action is not None else []
        if names:
            meta[role] = names[0] if len(names) == 1 else names
    meta["language"] = next((t.get(XML + "lang") for t in document.iter(TEI + "text") if t.get(XML + "lang")), "")
    meta["source"] = _generic_source(document)
    meta["witnesses"] = {_siglum(k): v for k, v in witnesses(document).items()}
    text = document.find(tei("text"))
    body = converter.document_body(text.find(tei("body")) if text is not None else document)
    return f"{meta['id']}.md", "---\n" + _dump({k: v for k, v in meta.items() if v}) + "---\n\n" + body


def _action(document: ET.Element, kind: str) -> ET.Element | None:
    return next((a for a in document.iter(TEI + "correspAction") if a.get("type") == kind), None)


def _agent(name: ET.Element, ids: dict[str, str]) -> str:
    target = (name.get("ref") or name.get("corresp") or "").split("#")[-1]
    return ids.get(target) or plain(name)


def _generic_source(document: ET.Element) -> dict:
    source_desc = document.find(tei("teiHeader", "fileDesc", "sourceDesc"))
    if source_desc is None:
        return {}
    source: dict = {}
    repository = source_desc.find(".//" + tei("msIdentifier", "repository"))
    idno = source_desc.find(".//" + tei("msIdentifier", "idno"))
    if repository is not None:
        source["repository"] = plain(repository)
    if idno is not None:
        source["identifier"] = plain(idno)
    for bibl in source_desc.iter(TEI + "bibl"):
        source["citation"] = plain(bibl)
        break
    return source


def _siglum(identifier: str) -> str:
    return identifier if re.match(r"^[A-Z][A-Za-z0-9]*$", identifier) else "W" + slugify(identifier).replace("-", "")


def front_essays(root: ET.Element, converter: "Converter") -> dict[str, str]:
    """The front matter's sections (preface, sources, …) as essays.

    The lists of persons and abbreviations became the glossary; what else their
    sections hold (an editor's note on the list) is an essay of its own.
    """
    pages = {}
    for order, div in enumerate(_front_divs(root), 1):
        if div.get(XML + "id") in ("persons", "terms"):
            div = _without_lists(div)
            if not any(plain(child) for child in div if local(child) != "head"):
                continue
        page_id = _essay_id(div)
        meta = {"id": page_id, "title": _essay_title(div), "order": order}
        pages[f"{page_id}.md"] = "---\n" + _dump(meta) + "---\n\n" + converter.essay_body(div)
    return pages


def _essay_title(div: ET.Element) -> str:
    head = div.find(tei("head"))
    return plain(head) if head is not None else (div.get("type") or "Front matter").capitalize()


def _essay_id(div: ET.Element) -> str:
    return slugify(div.get(XML + "id") or _essay_title(div))


def _without_lists(div: ET.Element) -> ET.Element:
    """A copy of a section without its lists (those became the glossary)."""
    copy = ET.Element(div.tag, div.attrib)
    copy.text = div.text
    copy.extend(child for child in div if local(child) != "list")
    return copy


def _is_contents(div: ET.Element) -> bool:
    return div.get("subtype") == "table-of-contents" or div.get("type") == "toc"


def _front_divs(root: ET.Element) -> Iterator[ET.Element]:
    """The sections of the front matter, then of the back matter (a printed volume's index)."""
    for front in [*root.iter(TEI + "front"), *root.iter(TEI + "back")]:
        for child in front.findall(tei("div")):
            if not _is_contents(child):
                yield child


def report_skipped_heads(root: ET.Element, positions: Positions, report: Report, imported: set[int]) -> None:
    """Headings of divisions that hold no document are not imported (the others became the documents' part)."""
    for div in root.iter(TEI + "div"):
        if div.get("type") in ("compilation", "chapter", "subchapter") and div.find(tei("head")) is not None \
                and not any(id(d) in imported for d in div.iter(TEI + "div")):
            report.note(f'<head> of div type="{div.get("type")}"', positions.where(div.find(tei("head"))),
                        "a division without documents: its heading is not imported")
    for front in root.iter(TEI + "front"):
        for child in front:
            if local(child) == "titlePage" or _is_contents(child):
                report.note(f"<{local(child)}> in front", positions.where(child),
                            "the site makes its own title page and contents")


# ---------------------------------------------------------------- TEI → Markdown

def _table_line(cells: list[str], width: int) -> str:
    return "| " + " | ".join(cells + [""] * (width - len(cells))) + " |"


def escape_md(text: str) -> str:
    """Plain text that the dialect reads back as the same characters."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _paragraph_start(text: str) -> str:
    """Escape what would make a paragraph's first characters markup (a heading, list, quote, fence)."""
    match = _LINE_START.match(text)
    if not match:
        return text
    marker = match.group(2)
    escaped = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
    return match.group(1) + escaped + text[match.end():]


@dataclass
class Converter:
    """Turns TEI elements into the dialect's Markdown; one per import."""

    ids: dict[str, str]
    positions: Positions
    report: Report
    sigla: dict[str, str]
    notes: list[tuple[str, str]] = field(default_factory=list)
    note_keys: set[str] = field(default_factory=set)
    heading_level: int = 1
    targets: dict[str, str] = field(default_factory=dict)  # xml:id → published path (see link_targets)
    folder: str = "documents"  # where the text being converted is published, for relative links
    source_key: str = "source"  # the key given to the current document's source note
    last_date: str = ""  # the date of the last document dated by its dateline or heading
    in_cell: bool = False  # converting a table cell, where a "|" of the text must be escaped
    source_element: ET.Element | None = None  # the current document's source note

    # ------------------------------------------------ entry points

    def document_body(self, root: ET.Element, page_breaks: tuple[ET.Element, ...] = ()) -> str:
        """A document's text: the page it begins on, its blocks, then its notes' texts."""
        self.notes, self.note_keys, self.heading_level, self.folder = [], set(), 1, "documents"
        self.source_key = "source"
        pages = [page for page in (self.inline(pb) for pb in page_breaks) if page]
        return self._with_notes(pages[-1:] + self.blocks(list(root)))

    def essay_body(self, div: ET.Element) -> str:
        self.notes, self.note_keys, self.heading_level, self.folder = [], set(), 2, "essays"
        self.source_key = "source"
        return self._with_notes(self.blocks([c for c in div if local(c) != "head"]))

    def part_note(self, note: ET.Element) -> str:
        """The text of a note on a part's heading, for edition.yaml (its links lead from the front page)."""
        self.folder = "."
        return self.flow_inline(note).replace("\\\n", " ")

    def _with_notes(self, blocks: list[str]) -> str:
        definitions = [f"[^{key}]: {text}" for key, text in self.notes]
        return "\n\n".join(blocks + definitions) + "\n"

    # ------------------------------------------------ blocks

    def _paragraph(self, run: str) -> str:
        """A run of inline Markdown as a paragraph: no line break at its edges (it would show as a backslash)."""
        return _paragraph_start(re.sub(r"^(?:\s|\\\n)+|(?:\s|\\\n)+$", "", run))

    def blocks(self, elements: list[ET.Element], lead: str = "") -> list[str]:
        """Markdown blocks for a sequence of sibling elements (text between them is a paragraph)."""
        out: list[str] = []
        run = lead
        for element in elements:
            if self._is_block(element):
                if self._paragraph(run):
                    out.append(self._paragraph(run))
                run = ""
                out += self.block(element)
            else:
                run += self.inline(element, outer=True)
            run += self._text(element.tail)
        if self._paragraph(run):
            out.append(self._paragraph(run))
        return out

    def _is_block(self, element: ET.Element) -> bool:
        name = local(element)
        if name == "quote":
            return element.get("rend") == "blockquote" or element.find(tei("p")) is not None
        if name == "pb":
            return False
        return name in PARAGRAPH_LIKE | STRUCTURAL | set(LINE_BLOCKS) | {"head", "list", "table", "floatingText",
                                                                         "milestone"} | GLOSSARY_LISTS

    def block(self, element: ET.Element) -> list[str]:
        name = local(element)
        if name == "head":  # the document's first heading is its title line; later ones are sections
            level, self.heading_level = self.heading_level, 2
            return ["#" * level + " " + self.flow_inline(element)]
        if name in PARAGRAPH_LIKE:
            return self.blocks(list(element), self._text(element.text))
        if name in LINE_BLOCKS:
            return [self.line_block(LINE_BLOCKS[name], element)]
        if name == "list":
            return self.list_block(element)
        if name == "table":
            return self.table_block(element)
        if name == "quote":
            return [self.container("quote", self.blocks(list(element), self._text(element.text)))]
        if name == "floatingText":
            body = element.find(".//" + tei("body"))
            return [self.container("letter", self.blocks(list(body if body is not None else element)))]
        if name in GLOSSARY_LISTS:
            return []
        if name == "milestone":
            self.report.note("<milestone>", self.positions.where(element), "no text; left out")
            return []
        if name not in STRUCTURAL or name in ("figure", "sp"):
            self._unmapped(element, "its text is kept as paragraphs")
        return self.blocks(list(element), self._text(element.text))

    def line_block(self, kind: str, element: ET.Element) -> str:
        lines = self.flow_inline(element, line_break="\n")
        lines = "\n".join(line.strip() for line in lines.split("\n") if line.strip())
        return f":::{{{kind}}}\n{lines}\n:::"

    def container(self, kind: str, blocks: list[str]) -> str:
        inner = "\n\n".join(blocks)
        fences = [len(m.group(0)) for m in re.finditer(r"^:{3,}", inner, re.M)]
        fence = ":" * (max(fences, default=2) + 1)
        return f"{fence}{{{kind}}}\n{inner}\n{fence}"

    def list_block(self, element: ET.Element) -> list[str]:
        items, prefix, out = [], "", []
        for child in element:
            name = local(child)
            if name == "head":
                out.append(_paragraph_start(self.flow_inline(child)))
            elif name == "label":
                prefix += self.flow_inline(child) + " "
            elif name == "pb":
                prefix += self.inline(child) + " "
            elif name == "item":
                items.append(self.list_item(child, prefix))
                prefix = ""
            else:
                prefix += self.inline(child, outer=True) + " "
        if prefix.strip():
            items.append("- " + prefix.strip())
        return out + (["\n".join(items)] if items else [])

    def list_item(self, item: ET.Element, prefix: str) -> str:
        blocks = self.blocks(list(item), prefix + self._text(item.text)) or [""]
        lines = ("- " + blocks[0]).split("\n")
        for block in blocks[1:]:
            lines += [""] + block.split("\n")
        return "\n".join([lines[0]] + ["  " + line if line else "" for line in lines[1:]])

    def table_block(self, table: ET.Element) -> list[str]:
        """A table of the dialect: rows and cells kept; a first row with ``role="label"`` is its heading row."""
        rows = table.findall(tei("row"))
        grid = [[self._cell(cell) for cell in row.findall(tei("cell"))] for row in rows]
        width = max((len(cells) for cells in grid), default=0)
        if not width:
            return []
        if any(cell.get("cols") or cell.get("rows") for cell in table.iter(TEI + "cell")):
            self.report.note("<cell> spanning rows or columns", self.positions.where(table),
                             "written as one cell; the cells after it move along")
        heading = grid.pop(0) if rows and rows[0].get("role") == "label" else [""] * width
        lines = [_table_line(heading, width), "|" + "---|" * width] + [_table_line(cells, width) for cells in grid]
        head = table.find(tei("head"))
        return ([self._paragraph(self.flow_inline(head))] if head is not None else []) + ["\n".join(lines)]

    def _cell(self, cell: ET.Element) -> str:
        """A cell's text on one line: its line breaks become spaces, a ``|`` of its text is escaped."""
        self.in_cell = True
        try:
            return self.flow_inline(cell).replace("\\\n", " ").replace("\n", " ")
        finally:
            self.in_cell = False

    # ------------------------------------------------ inline

    def _text(self, text: str | None) -> str:
        escaped = escape_md(re.sub(r"\s+", " ", text)) if text else ""
        return escaped.replace("|", "\\|") if self.in_cell else escaped

    def flow_inline(self, element: ET.Element, line_break: str = "\\\n", keep_edges: bool = False) -> str:
        """Everything inside ``element`` as one run of inline Markdown (blocks joined by spaces)."""
        parts = [self._text(element.text)]
        for child in element:
            if self._is_block(child) and local(child) != "quote":
                parts.append(" " + " ".join(self.block(child)).replace("\n", " ") + " ")
            else:
                parts.append(self.inline(child, line_break=line_break))
            parts.append(self._text(child.tail))
        text = "".join(parts)
        if keep_edges:  # spaces at the edges of a highlight or a name: the caller keeps them outside its markup
            return text
        return text.strip()

    def inline(self, element: ET.Element, outer: bool = False, line_break: str = "\\\n") -> str:
        name = local(element)
        inner = lambda: self.flow_inline(element, line_break, keep_edges=True)  # noqa: E731 — evaluated only where needed
        if name == "note":
            return self.note(element)
        if name == "pb":
            n = element.get("n") or ""
            if not n:
                self.report.note("<pb> without n", self.positions.where(element), "left out: no page number")
                return ""
            return f"{{pb: {n}}}"
        if name == "lb":
            return line_break
        if name == "hi":
            return self.highlight(element, inner())
        if name in NAME_LINKS:
            return self.name_link(element, inner())
        if name == "ref" or name == "ptr":
            return self.reference(element, inner())
        if name == "choice":
            return self.choice(element)
        if name == "supplied":
            return f"{{++{inner()}++}}"
        if name in ("surplus", "del"):
            if name == "del":
                self.report.note("<del>", self.positions.where(element), "written as surplus text {--…--}")
            return f"{{--{inner()}--}}"
        if name == "unclear":
            return f"{{??{inner()}??}}"
        if name == "gap":
            return self.gap(element)
        if name == "app":
            return self.apparatus(element)
        if name == "code":
            return "`" + "".join(element.itertext()) + "`"
        if name == "add":
            return inner()
        if name not in TRANSPARENT:
            self._unmapped(element, "its text is kept")
        return inner()

    def _unmapped(self, element: ET.Element, how: str) -> None:
        self.report.note(f"<{local(element)}>", self.positions.where(element), how)

    def highlight(self, element: ET.Element, text: str) -> str:
        rend = set((element.get("rend") or "").split())
        mark = "*" if rend & ITALIC else "**" if rend & BOLD else ""
        if not mark:
            self.report.note(f'<hi rend="{element.get("rend", "")}">', self.positions.where(element),
                             "its text is kept without the highlighting")
            return text
        core = text.strip()
        if not core:
            return text
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        return f"{lead}{mark}{core}{mark}{trail}"

    def name_link(self, element: ET.Element, text: str) -> str:
        target = (element.get("corresp") or element.get("ref") or element.get("target") or "").split("#")[-1]
        key = self.ids.get(target)
        if not key or not text.strip():
            return text
        # Spaces at either end, and a closing bracket at the end (which "]]" would swallow), stay outside the link.
        match = re.fullmatch(r"(\s*)(.*?)((?:\\\]|\s)*)", text, re.S)
        lead, core, trail = match.groups()
        return f"{lead}[[{key}|{core}]]{trail}" if core else text

    def reference(self, element: ET.Element, text: str) -> str:
        target = element.get("target") or ""
        if target.startswith(("http://", "https://")):
            return f"[{text or escape_md(target)}]({target})"
        if target.split("#")[-1] in self.ids and text:
            return f"[[{self.ids[target.split('#')[-1]]}|{text}]]"
        if target.startswith("#") and target[1:] in self.targets and text:
            return f"[{text}]({posixpath.relpath(self.targets[target[1:]], self.folder)})"
        other_volume = re.fullmatch(r"(frus[0-9][0-9A-Za-z-]*)(?:#([A-Za-z0-9_-]+))?", target)
        if other_volume and text:
            path = "/".join(p for p in other_volume.groups() if p)
            return f"[{text}](https://history.state.gov/historicaldocuments/{path})"
        if not target:
            self.report.note("<ref> without a target", self.positions.where(element),
                             "its text is kept; it points nowhere (in a printed index: a page number)")
        else:
            self.report.note("<ref> to a target inside the TEI", self.positions.where(element),
                             "its text is kept without the link")
        return text

    def choice(self, element: ET.Element) -> str:
        parts = {local(c): self.flow_inline(c) for c in element}
        for source, edited in (("sic", "corr"), ("orig", "reg"), ("abbr", "expan")):
            if source in parts and edited in parts:
                return f"{{~~{parts[source]}~>{parts[edited]}~~}}"
        self._unmapped(element, "its readings are kept one after the other")
        return " ".join(parts.values())

    def gap(self, element: ET.Element) -> str:
        description = " ".join(filter(None, (plain(element), element.get("extent", ""),
                                             " ".join(filter(None, (element.get("quantity"), element.get("unit")))))))
        keyword = "illegible" if element.get("reason") == "illegible" else "gap"
        return f"{{{keyword}: {description}}}" if description else f"{{{keyword}}}"

    def apparatus(self, element: ET.Element) -> str:
        readings = []
        for reading in element:
            sigla = " ".join(_siglum(w.lstrip("#")) for w in (reading.get("wit") or "").split())
            if not sigla:
                self.report.note(f"<{local(reading)}> without wit", self.positions.where(reading),
                                 "its text is kept after the apparatus")
                continue
            readings.append(f"{sigla}: {self.flow_inline(reading)}")
        lemma = element.find(tei("lem"))
        if len(readings) < 2:
            return self.flow_inline(lemma if lemma is not None else element)
        return "{" + " | ".join(readings) + "}"

    def note(self, element: ET.Element) -> str:
        text = self.flow_inline(element).replace("\\\n", " ")
        if element.get("type") == "editorial":
            return f"{{>>{text}<<}}"
        is_source = (element.get("type") == "source" or element is self.source_element) and self.source_key == "source"
        wanted = element.get("n") or ("source" if is_source else str(len(self.notes) + 1))
        key = unique(_note_key(wanted), self.note_keys)
        if is_source:
            self.source_key = key
        self.notes.append((key, text))
        return f"[^{key}]"
