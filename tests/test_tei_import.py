"""TEI import: real FRUS data and generic TEI become content that builds, losing no text, and come back out."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.build import build, read_edition
from edition.tei_import import Report, _paragraph_start, _type, escape_md, parse_tei, read_glossary, run
from tests.conftest import parse_page
from tests.helpers import parse
from tests.tei_helpers import NS, _tokens_text, body_text, jing_errors, tei_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tei"
FRUS = FIXTURES / "frus1958-60v11-excerpt.xml"
VIETNAM = FIXTURES / "frus1955-57v01-excerpt.xml"
GENERIC = FIXTURES / "letters-generic.xml"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, Path]:
    """Each fixture imported (through the command) and built; the project folders by fixture name."""
    projects = {}
    for fixture in (FRUS, VIETNAM, GENERIC):
        project = tmp_path_factory.mktemp(fixture.stem) / "project"
        assert run([str(fixture), "--into", str(project)]) == 0
        report = build(project, project / "output")
        assert [str(p) for p in report.errors] == []
        projects[fixture.stem] = project
    return projects


def source_documents(fixture: Path) -> list:
    root = etree.parse(str(fixture)).getroot()
    divs = root.xpath("//t:div[@type='document']", namespaces=NS)
    return divs or [body for tei in root.xpath("//t:TEI", namespaces=NS) for body in tei.xpath("t:text/t:body", namespaces=NS)]


class ReadEdition:
    """The assembled site, with its documents in full (bodies included), in the edition's order."""

    def __init__(self, project: Path):
        self.site, self.documents, problems = read_edition(project)
        assert self.site is not None, [str(p) for p in problems]
        self.edition = self.site.edition
        self.glossary = self.site.glossary
        self.pages = self.site.pages


def site_of(project: Path) -> ReadEdition:
    return ReadEdition(project)


@pytest.mark.parametrize("fixture", [FRUS, VIETNAM, GENERIC], ids=["frus", "vietnam", "generic"])
def test_no_text_is_lost_notes_included(imported, fixture):
    documents = site_of(imported[fixture.stem]).documents
    sources = source_documents(fixture)
    assert len(documents) == len(sources)
    for document, source in zip(documents, sources, strict=True):
        assert body_text(document.body) == tei_text(source), document.id


def test_the_frus_volume_becomes_a_cited_numbered_edition(imported):
    project = imported[FRUS.stem]
    site = site_of(project)
    assert [d.source.document_number for d in site.documents] == ["1", "2", "3", "4"]
    assert site.edition.title == "Foreign Relations of the United States, 1958–1960, Lebanon and Jordan, Volume XI"
    first = site.documents[0]
    assert (first.title, first.date.iso, first.place) == (
        "Telegram From the Embassy in Lebanon to the Department of State", "1958-01-09T18:00", "Beirut")
    assert first.source.archive == "Department of State, Central Files, 611.80/1–958"
    assert first.classification == "Secret"
    assert first.source.url == "https://history.state.gov/historicaldocuments/frus1958-60v11/d1"
    assert first.body.page_breaks == ("1", "2", "3")
    index = parse_page(project / "output" / "index.html")
    assert index.xpath('//ol[@class="documents"]//span[@class="doc-number"]/text()') == [
        "Document 1", "Document 2", "Document 3", "Document 4"]
    page = parse_page(project / "output" / "documents" / "frus1958-60v11-d3.html")
    note = " ".join(page.xpath('string(//p[@id="cite-chicago-note"])').split())
    assert "Foreign Relations of the United States, 1958–1960" in page.xpath("string(//dl[@class='meta'])")
    assert "Document 3" in page.xpath("string(//dl[@class='meta'])") and "Memorandum" in note
    beside = page.xpath('//aside[@class="side"]//li[@class="gloss-entry"]/@data-key')
    assert {"waggoner-edward-l", "rockwell-stuart-w", "chamoun-camille"} <= set(beside)


def test_the_volume_lists_become_the_glossary_the_preface_and_the_lists_note_essays(imported):
    site = site_of(imported[FRUS.stem])
    chamoun = site.glossary["chamoun-camille"]
    assert (chamoun.kind, chamoun.short, chamoun.name.family, chamoun.name.given) == (
        "person", "President of Lebanon", "Chamoun", "Camille")
    assert site.glossary["oasd-isa"].short == "Office of the Assistant Secretary of Defense for International Security Affairs"
    assert [p.title for p in site.pages] == ["Preface", "List of Persons"]
    assert "Editorial Methodology" in body_text(site.pages[0].body)[0]
    assert body_text(site.pages[1].body)[0].startswith("Note: The identification of the persons in this list")


def test_the_generic_letters_keep_their_constructs(imported):
    site = site_of(imported[GENERIC.stem])
    letter = site.documents[0]
    assert [a.key for a in letter.senders] == ["ann-marlow"] and [a.key for a in letter.recipients] == ["tom-reyes"]
    assert [w.siglum for w in letter.witnesses] == ["A", "B"]
    text = (imported[GENERIC.stem] / "content" / "documents" / "letter-one.md").read_text()
    for construct in ("{~~dawm~>dawn~~}", "{A: badly | B: very badly}", "{++a++}", "{??sixty??}",
                      "{illegible: one word}", "{pb: 2}", ":::{salutation}", ":::{signature}", "*Morning Star*",
                      "[[north-quay|North Quay]]", "[^1]", "| Item | Cost |\n|---|---|\n| Spar | £4 10s |\n| Pitch | 7s |"):
        assert construct in text
    assert site.glossary["spar"].kind == "term" and site.glossary["north-quay"].kind == "place"


def test_the_report_names_what_was_not_mapped(capsys, tmp_path):
    assert run([str(GENERIC), "--into", str(tmp_path / "p")]) == 0
    out, err = capsys.readouterr()
    assert "Before you publish it" not in out  # letters, not a numbered volume
    err = err.splitlines()
    assert not [line for line in err if "<table>" in line]
    assert f'{GENERIC}:79:29: warning: <hi rend="smallcaps"> not mapped, 1 time (its text is kept without the highlighting)' in err


def test_the_frus_report_names_guessed_dates_and_no_mapped_link(capsys, tmp_path):
    assert run([str(FRUS), "--into", str(tmp_path / "p")]) == 0
    out, err = capsys.readouterr()
    assert "Imported 4 documents, 2 essays and 16 glossary entries" in out
    assert "Before you publish it: " in out and "set them to your web edition's own" in out
    assert "document 4 has no dated dateline; its range 1958-01-09 – 1960-12-06 gives the date 1958" in err
    assert "<ref>" not in err and "<head> of div" not in err  # links and chapter headings are all mapped


def test_cross_references_become_links_that_lead_somewhere(imported):
    output = imported[FRUS.stem] / "output"
    page = parse_page(output / "documents" / "frus1958-60v11-d2.html")
    hrefs = page.xpath('//a[contains(@href, "frus1958-60v11-d1.html")]/@href')
    assert sorted(set(hrefs)) == ["frus1958-60v11-d1.html", "frus1958-60v11-d1.html#n-6"]
    target = parse_page(output / "documents" / "frus1958-60v11-d1.html")
    assert target.xpath('//li[@id="n-6"]/span[@class="note-mark"]/text()') == ["6"]
    other = parse_page(output / "documents" / "frus1958-60v11-d4.html")
    assert other.xpath('//a[text()="volume XII"]/@href') == ["https://history.state.gov/historicaldocuments/frus1958-60v11"]


def test_note_numbers_are_the_volumes_own(imported):
    """The edition prints the volume's own footnote numbers (the source note included), which cross-references cite."""
    output = imported[FRUS.stem] / "output"
    root = etree.parse(str(FRUS)).getroot()
    compared = 0
    for div in root.xpath("//t:div[@type='document']", namespaces=NS):
        page = parse_page(output / "documents" / f"frus1958-60v11-{div.get('{http://www.w3.org/XML/1998/namespace}id')}.html")
        shown = page.xpath('//article//sup[contains(@class, "noteref")]/a/text()')
        printed = [n.get("n") for n in div.xpath(".//t:note[not(@type='editorial')]", namespaces=NS)]
        assert shown == printed
        compared += len(shown)
    assert compared >= 10


def test_chapters_become_parts_and_the_front_page_lists_the_volume_by_part(imported):
    project = imported[FRUS.stem]
    site = site_of(project)
    chapter = ("Lebanon and Jordan — I. Background to the Crisis in Lebanon, January 1-June 9, 1958: Eisenhower Doctrine"
               " and the Nature of the U.S. Commitment to Lebanon; U.S. Economic Aid to Lebanon; The Outbreak of Civil"
               " War; Preliminary U.S.–U.K. Planning for Military Intervention in Lebanon; Efforts to Contain the Crisis")
    assert {d.part for d in site.documents} == {chapter}
    index = parse_page(project / "output" / "index.html")
    sections = index.xpath('//section[@class="part"]')
    assert [" ".join(s.xpath("string(h3)").split()) for s in sections] == [chapter]
    assert sections[0].xpath('.//span[@class="doc-number"]/text()') == [f"Document {n}" for n in range(1, 5)]
    page = parse_page(project / "output" / "documents" / "frus1958-60v11-d1.html")
    assert chapter in " ".join(page.xpath("string(//dl[@class='meta'])").split())


def test_a_page_break_between_documents_opens_the_next_document(imported):
    root = etree.parse(str(FRUS)).getroot()
    site = site_of(imported[FRUS.stem])
    for document, div in zip(site.documents, root.xpath("//t:div[@type='document']", namespaces=NS), strict=True):
        before = [pb.get("n") for pb in _page_breaks_before(div)]
        assert document.body.page_breaks == tuple(before + div.xpath(".//t:pb/@n", namespaces=NS))


def _page_breaks_before(div) -> list:
    """The page break just before a document (not inside the previous one): the page on which it begins."""
    found = div.xpath("preceding::t:pb[1]", namespaces=NS) if div.get("type") == "document" else []
    if not found or found[0].xpath("ancestor::t:div[@type='document'] | ancestor::t:front", namespaces=NS):
        return []
    previous = div.xpath("preceding::t:div[@type='document'][1]", namespaces=NS)
    return found if not previous or found[0] in previous[0].xpath("following::t:pb", namespaces=NS) else []


def test_bad_input_is_refused_with_one_message(capsys, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI><text>")
    assert run([str(broken), "--into", str(tmp_path / "p")]) == 1
    assert capsys.readouterr().err.startswith(f"{broken}: error: not well-formed XML")
    (tmp_path / "q" / "content").mkdir(parents=True)
    (tmp_path / "q" / "content" / "x").write_text("")
    assert run([str(GENERIC), "--into", str(tmp_path / "q")]) == 1
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["*a* _b_ [c] {d} <e> & f \\ g `h`", "# not a heading", "1. not a list",
                                  "- not a bullet", "> not a quote", ":::{dateline}"])
def test_escaped_text_reads_back_as_the_same_characters(text):
    body, problems = parse(_paragraph_start(escape_md(text)), ordered_lists=True)
    assert problems == [] and [b["type"] for b in body.blocks] == ["paragraph"]
    assert _tokens_text(list(body.blocks)) == text


@pytest.mark.parametrize("fixture", [FRUS, VIETNAM, GENERIC], ids=["frus", "vietnam", "generic"])
def test_round_trip_keeps_text_notes_page_breaks_and_references(imported, fixture):
    project = imported[fixture.stem]
    site = site_of(project)
    exported = [project / "output" / "documents" / f"{d.id}.xml" for d in site.documents]
    assert jing_errors(exported + [project / "output" / "glossary" / "glossary.xml"]) == []
    ids = read_glossary(parse_tei(fixture)[0], None, Report())[1]
    for path, source in zip(exported, source_documents(fixture), strict=True):
        body = etree.parse(str(path)).getroot().xpath("//t:text/t:body", namespaces=NS)[0]
        assert tei_text(body) == tei_text(source)
        assert body.xpath(".//t:pb/@n", namespaces=NS) == \
            [pb.get("n") for pb in _page_breaks_before(source)] + source.xpath(".//t:pb/@n", namespaces=NS)
        exported_refs = [ref.split("#")[1] for ref in body.xpath(".//@ref", namespaces=NS)]
        assert exported_refs == _source_references(source, ids) and exported_refs or fixture == GENERIC


def _source_references(source, ids: dict[str, str]) -> list[str]:
    names = source.xpath(".//t:persName|.//t:orgName|.//t:placeName|.//t:gloss|.//t:term|.//t:rs", namespaces=NS)
    targets = [(e.get("corresp") or e.get("ref") or e.get("target") or "").split("#")[-1] for e in names]
    return [ids[t] for t in targets if t in ids]


def test_the_key_explains_only_the_marks_the_document_uses_with_a_name_of_its_own(imported):
    """An imported volume has no corrections and no Zorin: its key shows its notes, pages and its own names."""
    page = parse_page(imported[FRUS.stem] / "output" / "documents" / "frus1958-60v11-d1.html")
    items = [" ".join(li.text_content().split()) for li in page.xpath('//ul[@class="key-marks"]/li')]
    names = {" ".join(a.text_content().split()) for a in page.xpath('//article//a[@class="gref"]')}
    assert not page.xpath('//ul[@class="key-marks"]//span[@class="sample-fix"]')
    assert items[:2] == ["1 source’s note, a editor’s note", "p. 2 new page"]
    sample = page.xpath('string(//ul[@class="key-marks"]//span[@class="sample-name"])')
    assert sample in names and items[2] == f"{sample} in the glossary: point at it or tap it"
    assert not page.xpath('//ul[@class="key-marks"]//a[contains(@href, "method.html")]')  # the volume has no such essay


@pytest.mark.parametrize("title, kind", [
    ("Telegram From the Embassy in Lebanon to the Department of State", "telegram"),
    ("Memorandum of a Conversation, Department of State, Washington, May 2, 1955", "memorandum"),
    ("Special National Intelligence Estimate", "special national intelligence estimate"),
    ("Draft Telegram From the Department of State to the Embassy in Vietnam", "telegram"),
    ("United States Minutes of a Meeting", "minutes"),
    ("Paper Prepared by the Operations Coordinating Board", "paper"),
    ("SNIE 63.1–2/1–55", ""),
])
def test_the_kind_of_document_is_read_from_the_title(title, kind):
    assert _type(title) == kind


def test_the_vietnam_excerpt_keeps_its_tables_chapters_and_untyped_source_note(imported):
    site = site_of(imported[VIETNAM.stem])
    by_id = {d.id: d for d in site.documents}
    assert [d.source.document_number for d in site.documents] == ["1", "12", "113", "115", "143", "165", "276"]
    assert [b["type"] for b in by_id["frus1955-57v01-d12"].body.blocks].count("table") == 2
    assert by_id["frus1955-57v01-d113"].source.archive == "Eisenhower Library, Dulles Papers"
    assert [p.title.split(" — ")[-1][:4] for p in site.edition.parts] == ["I. C", "II. "]
    page = parse_page(imported[VIETNAM.stem] / "output" / "documents" / "frus1955-57v01-d115.html")
    assert "frus1955-57v01-d113.html#n-source" in page.xpath("//article//a/@href")
