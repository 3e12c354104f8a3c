"""Browsing an edition of hundreds of documents: by year and month, by sender, recipient, type and classification."""

from __future__ import annotations

import pytest

from bench.synthetic import make_edition
from edition.build import build
from tests.conftest import parse_page


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A synthetic edition of 130 documents over several months (more than the front page lists one by one)."""
    project = make_edition(130, tmp_path_factory.mktemp("browse") / "project")
    report = build(project, project / "output", search=False)
    assert report.ok, [str(p) for p in report.errors]
    return project / "output"


@pytest.fixture(scope="module")
def unnumbered(tmp_path_factory):
    """The same edition with no numbers in a volume: a collection, listed by date."""
    project = make_edition(130, tmp_path_factory.mktemp("browse") / "project")
    for path in (project / "content" / "documents").glob("*.md"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if "document_number:" not in line), encoding="utf-8")
    report = build(project, project / "output", search=False)
    assert report.ok, [str(p) for p in report.errors]
    return project / "output"


def test_a_large_collection_lists_its_years_on_the_front_page(unnumbered):
    index = parse_page(unnumbered / "index.html")
    years = index.xpath('//ul[@class="years"]/li')
    assert [li.xpath("string(a)") for li in years] == ["1955"]
    assert years[0].xpath("string(a/@href)") == "browse/1955.html"
    assert " ".join(years[0].xpath("string(span[@class='count'])").split()) == "(130)"
    assert not index.xpath('//ol[@class="documents"]')


def test_a_numbered_volume_is_listed_whole_in_its_order_with_its_years_linked(large):
    index = parse_page(large / "index.html")
    numbers = index.xpath('//ol[@class="documents"]//span[@class="doc-number"]/text()')
    assert numbers == [f"Document {n}" for n in range(1, 131)]
    assert index.xpath('//p[@class="by-year"]/a/@href') == ["browse/1955.html"]


def test_a_year_page_lists_its_documents_by_month_in_order(large):
    year = parse_page(large / "browse/1955.html")
    months = year.xpath("//section/h2")
    assert [" ".join(h.text_content().split()) for h in months][:2] == ["January 1955 (93)", "February 1955 (37)"]
    days = [d[:10] for d in year.xpath("//ol[@class='documents']/li//time/@datetime")]
    assert len(days) == 130 and days == sorted(days)  # the edition's order (a volume's numbers) within each month
    first = year.xpath("//ol[@class='documents']/li//h3/a/@href")[0]
    assert (large / "browse" / first).resolve() == (large / "documents/doc-00000.html").resolve()


def test_facet_pages_list_every_value_and_its_documents(large):
    senders = parse_page(large / "browse/senders.html")
    values = senders.xpath('//ul[@class="facet-values"]/li')
    assert len(values) > 50
    total = sum(int(li.xpath("string(span[@class='count'])").strip("()")) for li in values)
    assert total == 130
    href = values[0].xpath("string(a/@href)")
    listed = parse_page(large / href.removeprefix("../"))
    assert listed.xpath("string(//h1)") == values[0].xpath("string(a)")
    assert listed.xpath("//p[@class='lead']/a[text()='glossary entry']/@href")
    types = parse_page(large / "browse/types.html")
    assert [" ".join(li.text_content().split()) for li in types.xpath('//ul[@class="facet-values"]/li')] == ["Telegram (130)"]


def test_a_glossary_person_page_lists_what_they_sent_and_received(large):
    listed = parse_page(large / "browse/senders.html").xpath('//ul[@class="facet-values"]/li/a/@href')[0]
    key = listed.removeprefix("../browse/").removeprefix("sender-").removesuffix(".html")
    sender = parse_page(large / f"browse/sender-{key}.html")
    entry_href = sender.xpath("//p[@class='lead']/a/@href")[0]
    entry = parse_page(large / "browse" / entry_href)
    sent = entry.xpath('//section[@class="correspondence"][h2[starts-with(., "Documents it sent")]]//li/a/@href')
    assert sorted(sent) == sorted(sender.xpath("//ol[@class='documents']/li//h2/a/@href"))


def test_every_document_page_says_where_it_sits(large):
    page = parse_page(large / "documents/doc-00011.html")
    assert page.xpath("string(//p[@class='position'])") == "Document 12 of 130"


def test_the_real_edition_lists_by_sender_and_links_glossary_entries(site):
    senders = parse_page(site / "browse/senders.html")
    assert [" ".join(li.text_content().split()) for li in senders.xpath('//ul[@class="facet-values"]/li')] == [
        "United States Mission to the United Nations (1)", "Valerian A. Zorin (1)", "Vasily V. Kuznetsov (1)"]
