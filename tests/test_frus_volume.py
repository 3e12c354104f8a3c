"""A whole Foreign Relations volume (volumes/frus1955-57v01.xml, 1955–1957, Vietnam) imports and builds.

The volume is real data, not a fixture written for the importer: every document
must come through with every word of its text and notes, the volume's structure
(chapters, document numbers, footnote numbers, page breaks, cross-references)
must survive as a working edition, and every exported TEI file must be valid.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from edition.build import build, read_edition
from edition.tei_import import run
from tests.conftest import PROJECT, parse_page
from tests.tei_helpers import NS, body_text, jing_errors, tei_text
from tests.test_gates import _validator_cannot_know_the_origin, vnu_command  # noqa: F401 — a fixture

VOLUME = PROJECT / "volumes" / "frus1955-57v01.xml"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def source():
    return etree.parse(str(VOLUME)).getroot()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The volume imported through the command and built (without the search index, which has tests of its own)."""
    project = tmp_path_factory.mktemp("frus-volume") / "vietnam"
    assert run([str(VOLUME), "--into", str(project)]) == 0
    report = build(project, project / "output", search=False)
    assert [str(p) for p in report.errors] == []
    return project


@pytest.fixture(scope="module")
def documents(project):
    site, documents, problems = read_edition(project)
    assert site is not None, [str(p) for p in problems]
    return documents


def source_documents(source) -> list:
    return source.xpath("//t:body//t:div[@type='document']", namespaces=NS)


def test_every_document_of_the_volume_is_imported_in_order(source, documents):
    divs = source_documents(source)
    assert len(divs) >= 100
    assert [d.source.document_number for d in documents] == [div.get("n") for div in divs]
    assert [d.id for d in documents] == [f"frus1955-57v01-{div.get(XML_ID)}" for div in divs]


def test_no_word_of_text_or_notes_is_lost(source, documents):
    for document, div in zip(documents, source_documents(source), strict=True):
        assert body_text(document.body) == tei_text(div), document.id


def test_footnote_numbers_and_pages_are_the_volumes(source, documents):
    for document, div in zip(documents, source_documents(source), strict=True):
        printed = [n.get("n") for n in div.xpath(".//t:note[not(@type='editorial')]", namespaces=NS)]
        assert [n.mark for n in document.body.notes if n.kind == "source"] == printed, document.id
        inside = div.xpath(".//t:pb/@n", namespaces=NS)
        assert document.body.page_breaks[-len(inside):] == tuple(inside) if inside else True


def test_the_front_page_lists_the_volume_by_chapter(source, project):
    index = parse_page(project / "output" / "index.html")
    chapters = [" ".join("".join(h.xpath("text()|*[not(self::t:note)]//text()", namespaces=NS)).split())
                for h in source.xpath("//t:body//t:div[@type='chapter']/t:head", namespaces=NS)]
    parts = index.xpath('//section[@class="part"]')
    assert [" ".join(p.xpath("string(h3)").split()).split(" — ")[-1] for p in parts] == chapters
    numbers = index.xpath('//section[@class="part"]//span[@class="doc-number"]/text()')
    assert numbers == [f"Document {div.get('n')}" for div in source_documents(source)]


def test_every_link_between_pages_leads_to_a_page_and_an_element_that_exist(project):
    output = project / "output"
    pages, checked = {}, 0
    for page in sorted((output / "documents").glob("*.html")):
        if page.name.endswith(".source.html"):
            continue
        for href in parse_page(page).xpath("//article//a/@href"):
            parts = urlsplit(href)
            if parts.scheme or not parts.path:
                continue
            target = Path(posixpath.normpath(posixpath.join(str(page.parent), unquote(parts.path))))
            assert target.is_file(), f"{page.name}: {href}"
            if parts.fragment:
                tree = pages.setdefault(target, parse_page(target))
                assert tree.xpath(f'//*[@id="{parts.fragment}"]'), f"{page.name}: {href}"
            checked += 1
    assert checked >= 100


def test_the_persons_and_abbreviations_become_the_glossary_and_their_editors_note_an_essay(source, project):
    site, _documents, _problems = read_edition(project)
    persons = source.xpath("//t:div[@xml:id='persons']//t:persName[@xml:id]", namespaces=NS)
    terms = source.xpath("//t:div[@xml:id='terms']//t:term[@xml:id]", namespaces=NS)
    kinds = [entry.kind for entry in site.glossary.values()]
    assert kinds.count("person") == len(persons) > 100
    assert len(kinds) - kinds.count("person") == len(terms) > 50
    persons_page = next(page for page in site.pages if page.title == "List of Persons")
    note = source.xpath("//t:div[@xml:id='persons']/t:p", namespaces=NS)[0]
    assert body_text(persons_page.body)[0] == tei_text(note)[0]


def test_the_export_gives_back_the_volumes_text_notes_pages_and_names(source, project, documents):
    """Import → build → export: each document's TEI keeps its words, notes, page breaks and glossary references."""
    for document, div in zip(documents, source_documents(source), strict=True):
        exported = etree.parse(str(project / "output" / "documents" / f"{document.id}.xml")).getroot()
        body = exported.xpath("//t:text/t:body", namespaces=NS)[0]
        assert tei_text(body) == tei_text(div), document.id
        inside = div.xpath(".//t:pb/@n", namespaces=NS)
        pages = body.xpath(".//t:pb/@n", namespaces=NS)
        assert pages[len(pages) - len(inside):] == inside and len(pages) - len(inside) <= 1, document.id
        names = div.xpath(".//t:persName[@corresp]|.//t:gloss[@target]", namespaces=NS)
        assert len(body.xpath(".//@ref", namespaces=NS)) == len(names), document.id


def test_every_exported_document_is_valid_tei(project, documents):
    files = [project / "output" / "documents" / f"{d.id}.xml" for d in documents]
    assert jing_errors(files + [project / "output" / "glossary" / "glossary.xml"]) == []


def test_the_volumes_tables_are_tables(source, project):
    page = parse_page(project / "output" / "documents" / "frus1955-57v01-d12.html")
    tables = source.xpath("//t:div[@xml:id='d12']//t:table", namespaces=NS)
    shown = page.xpath('//div[@class="table-scroll"]/table')
    assert len(shown) == len(tables) == 2
    for table, html in zip(tables, shown, strict=True):
        cells = [[" ".join("".join(c.itertext()).split()) for c in row.xpath("t:cell", namespaces=NS)]
                 for row in table.xpath("t:row", namespaces=NS)]
        width = max(map(len, cells))
        assert [[" ".join(td.text_content().split()) for td in tr.xpath("td")] for tr in html.xpath(".//tr")] == [
            row + [""] * (width - len(row)) for row in cells]


IMPORTED_PAGES = ["index.html", "documents/frus1955-57v01-d12.html", "documents/frus1955-57v01-d165.html",
                  "essays/index.html", "essays/persons.html"]


@pytest.mark.browser
def test_the_imported_volume_passes_axe(browser, project):
    from axe_playwright_python.sync_playwright import Axe

    for path in IMPORTED_PAGES:
        page = browser.new_page()
        page.goto((project / "output" / path).as_uri())
        results = Axe().run(page)
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
        page.close()


@pytest.mark.browser
def test_the_imported_volume_passes_the_nu_validator(project, vnu_command):  # noqa: F811 — the fixture
    pages = [str(project / "output" / path) for path in IMPORTED_PAGES]
    result = subprocess.run([*vnu_command, "--format", "json", "--stdout", *pages], capture_output=True, text=True)
    messages = [m for m in json.loads(result.stdout)["messages"] if (m["type"] in ("error", "non-document-error")
                or m.get("subType") == "warning") and not _validator_cannot_know_the_origin(m)]
    assert messages == [], "\n".join(f"{Path(m.get('url', '')).name}:{m.get('lastLine', 0)}: {m['message']}"
                                     for m in messages)
