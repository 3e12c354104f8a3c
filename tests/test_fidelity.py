"""Every word of each source survives into the edition; only documented interventions differ.

The source texts (sources/) are the web pages as they reached us.  What in them is not the document
(listed below, each item also stated in an editor's note) is removed from the
seed; the diplomatic text is then extracted from the generated HTML and the two
word sequences must be identical.  The reading text must equal the seed with the
documented corrections applied.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import SOURCES, parse_page

SEED_000 = SOURCES / "1962-11-06-kuznetsov-zorin-to-mfa.txt"
SEED_002 = SOURCES / "1962-12-23-usun-to-state-2477.txt"
DOC_000 = "documents/1962-11-06-kuznetsov-zorin-to-mfa.html"
DOC_002 = "documents/1962-12-23-usun-to-state-2477.html"

#: What the editor corrects in the reading text (source reading → correction).
CORRECTIONS = {DOC_000: [], DOC_002: [("gong", "going"), ("Kuzentsov", "Kuznetsov")]}


def seed_000() -> tuple[str, list[str]]:
    """The document's text and notes: the archive's catalogue data above it is metadata."""
    text = SEED_000.read_text(encoding="utf-8")
    start = text.index("Translation - English") + len("Translation - English")
    return text[start:], []


def seed_002() -> tuple[str, list[str]]:
    """Avalon's collection heading, the note's "Back" link and the street address are not the document."""
    text = SEED_002.read_text(encoding="utf-8")
    text = text.removeprefix("The Cuban Missile Crisis\n")
    body, _, rest = text.partition("\n1 See Document 253. Back\n")
    body = body.replace("UN.(1)", "UN.", 1)  # the note call is rendered as the note's mark
    source_note = rest.strip().split("\n")[0]
    assert rest.strip().endswith("127 Wall Street, New Haven, CT 06511.")
    return body, [source_note, "See Document 253."]


def words(text: str) -> list[str]:
    return text.split()


def extract(tree, hide: str) -> str:
    """The text of the document's blocks as shown in one mode (``hide`` the other mode's class)."""
    parts = []
    for block in tree.xpath('//div[@id="text"]//div[@class="block"]'):
        parts.append(_visible_text(block, hide))
    return "\n".join(parts)


def _visible_text(element, hide: str) -> str:
    out = []

    def visit(el):
        classes = set((el.get("class") or "").split())
        if classes & {hide, "mark"}:
            out.append(el.tail or "")
            return
        out.append(el.text or "")
        for child in el:
            visit(child)
        if el is not element:
            out.append(el.tail or "")
        if el.tag in {"p", "div", "h2", "br", "blockquote"}:
            out.append("\n")

    visit(element)
    return "".join(out)


def source_notes(tree) -> list[str]:
    return [" ".join(li.xpath("string(.//span[@class='note-text'])").split())
            for li in tree.xpath('//li[contains(@class,"note-source")]')]


@pytest.mark.parametrize("page,seed", [(DOC_000, seed_000), (DOC_002, seed_002)])
def test_diplomatic_text_is_the_source_word_for_word(site, page, seed):
    expected_text, expected_notes = seed()
    tree = parse_page(site / page)
    assert words(extract(tree, hide="reading")) == words(expected_text)
    assert source_notes(tree) == expected_notes


@pytest.mark.parametrize("page,seed", [(DOC_000, seed_000), (DOC_002, seed_002)])
def test_reading_text_differs_only_by_documented_corrections(site, page, seed):
    expected_text, _ = seed()
    for sic, corr in CORRECTIONS[page]:
        assert len(re.findall(rf"\b{sic}\b", expected_text)) == 1
        expected_text = re.sub(rf"\b{sic}\b", corr, expected_text)
    assert words(extract(parse_page(site / page), hide="dipl")) == words(expected_text)


@pytest.mark.parametrize("page", [DOC_000, DOC_002])
def test_every_omission_and_oddity_is_explained_in_an_editors_note(site, page):
    notes = " ".join(li.text_content() for li in parse_page(site / page).xpath('//li[contains(@class,"note-editor")]'))
    required = {DOC_000: ["catalogue data", "the Americans' obligations", "me"],
                DOC_002: ["The Cuban Missile Crisis", "Back", "street address"]}[page]
    for phrase in required:
        assert phrase in notes


def test_slips_of_the_source_are_marked_not_silently_corrected(site):
    tree = parse_page(site / DOC_002)
    sics = [s.text_content() for s in tree.xpath('//span[contains(@class,"sic")]')]
    corrs = [s.text_content() for s in tree.xpath('//span[contains(@class,"corr")]')]
    assert sics == ["gong", "Kuzentsov"] and corrs == ["going", "Kuznetsov"]
