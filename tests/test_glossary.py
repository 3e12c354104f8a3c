"""The glossary: its data model, alias matching, the column beside the text, the glossary page."""

from __future__ import annotations

import json

import pytest

from edition.glossary import AliasMatcher, link_aliases, load_glossary
from edition.markup.body import walk
from edition.model import GlossaryEntry
from tests.conftest import PROJECT, parse_page
from tests.helpers import parse

DOC_000 = "documents/1962-11-06-kuznetsov-zorin-to-mfa.html"
DOC_002 = "documents/1962-12-23-usun-to-state-2477.html"


def entry(key: str, *aliases: str, link: str = "") -> GlossaryEntry:
    return GlossaryEntry(key=key, kind="term", label=key, short="", line=1, aliases=aliases, link=link)


def linked(text: str, *entries: GlossaryEntry, mode: str = "first") -> list[tuple[str, str]]:
    body, problems = parse(text)
    assert problems == []
    body = link_aliases(body, AliasMatcher.build(entries, mode))
    return [(t["attrs"]["key"], "".join(c.get("raw", "") for c in t["children"]))
            for t in walk(list(body.blocks)) if t["type"] == "gloss_ref"]


# The data -------------------------------------------------------------------------

def test_real_glossary_loads_without_problems():
    entries, problems = load_glossary("content/glossary.yaml", (PROJECT / "content" / "glossary.yaml").read_text())
    assert problems == []
    kuznetsov = entries["kuznetsov"]
    assert (kuznetsov.kind, kuznetsov.label, kuznetsov.name.inverted) == ("person", "Vasily V. Kuznetsov", "Kuznetsov, Vasily V.")
    assert "Kuzentsov" in kuznetsov.aliases
    assert {e.kind for e in entries.values()} == {"person", "organization", "place", "term", "abbreviation"}


def test_every_alias_occurs_in_a_source_text():
    from tests.conftest import SOURCES
    seeds = " ".join(p.read_text() for p in SOURCES.glob("*.txt"))
    entries, _ = load_glossary("g.yaml", (PROJECT / "content" / "glossary.yaml").read_text())
    missing = [(e.key, a) for e in entries.values() for a in e.aliases if a not in seeds]
    assert missing == []


def test_entry_fields_are_validated():
    text = ("x:\n  kind: person\n  label: X\n  short: s\n  wikidata: 9696\n  colour: red\n"
            "Bad Key:\n  kind: term\n  label: B\n  short: s\n  beside: margin\n")
    _, problems = load_glossary("g.yaml", text)
    assert [str(p) for p in sorted(problems)] == [
        "g.yaml:5: error: 'x.wikidata' is not a Wikidata item id: '9696' (e.g. 'Q9696')",
        "g.yaml:6: error: unknown key 'x.colour' (known keys: kind, label, name, short, description, aliases, dates, role, see, wikidata, link, sources, beside)",
        "g.yaml:7: error: glossary key 'Bad Key' may hold only a-z, 0-9 and single hyphens",
        "g.yaml:11: error: 'Bad Key.beside' cannot be 'margin' (one of: entry, name)",
    ]


def test_familiar_entries_are_named_beside_the_text_without_their_gloss(site):
    entries, _ = load_glossary("g.yaml", (PROJECT / "content" / "glossary.yaml").read_text())
    assert entries["kuznetsov"].beside == "entry" and entries["cuba"].beside == "name"
    tree = parse_page(site / DOC_002)
    names = tree.xpath('//section[@class="gloss"]//li[contains(@class,"is-name")]/@data-key')
    assert "cuba" in names and "kuznetsov" not in names
    assert set(names) == {k for k in names if entries[k].beside == "name"}


def test_shared_alias_is_allowed_when_one_entry_is_never_matched():
    text = ("a:\n  kind: term\n  label: A\n  short: s\n  aliases: [President]\n"
            "b:\n  kind: term\n  label: B\n  short: s\n  aliases: [President]\n  link: none\n")
    assert load_glossary("g.yaml", text)[1] == []


# Matching -------------------------------------------------------------------------

def test_possessive_punctuation_and_hyphenated_aliases():
    castro, il28 = entry("castro", "Castro"), entry("il-28", "IL-28")
    assert linked('in "Castro\'s hands" the IL-28, (IL-28s) and IL-28-like', castro, il28, mode="all") == [
        ("castro", "Castro"), ("il-28", "IL-28")]


def test_whole_words_and_case():
    us = entry("united-states", "US")
    assert linked("thus us USSR US, USA", us, mode="all") == [("united-states", "US")]


def test_longest_alias_wins():
    assert linked("N.S. Khrushchev and Khrushchev", entry("k", "Khrushchev", "N.S. Khrushchev"), mode="all") == [
        ("k", "N.S. Khrushchev"), ("k", "Khrushchev")]


def test_first_occurrence_only_by_default_and_per_entry_override():
    sovs, amb = entry("sovs", "Sovs"), entry("amb", "Amb", link="all")
    assert linked("Sovs and Amb.\n\nSovs and Amb again.", sovs, amb) == [
        ("sovs", "Sovs"), ("amb", "Amb"), ("amb", "Amb")]
    assert linked("Sovs.", entry("sovs", "Sovs", link="none")) == []


def test_explicit_markup_wins_and_is_never_entered():
    zorin = entry("zorin", "Zorin")
    assert linked("[[fedorenko|Zorin's successor]] and Zorin", zorin) == [("fedorenko", "Zorin's successor"), ("zorin", "Zorin")]
    assert linked("[[zorin|Zorin]] then Zorin", zorin) == [("zorin", "Zorin")]


def test_never_inside_links_notes_or_corrections():
    zorin = entry("zorin", "Zorin")
    text = "[Zorin](https://example.org) {~~Zorin~>Zorin~~} note{>>Zorin<<} call[^1] Zorin\n\n[^1]: Zorin.\n"
    assert linked(text, zorin, mode="all") == [("zorin", "Zorin")]


# The column beside the text ----------------------------------------------------------

@pytest.mark.parametrize("page", [DOC_000, DOC_002])
def test_each_aside_holds_exactly_the_entries_first_met_in_its_paragraph(site, page):
    tree = parse_page(site / page)
    seen: set[str] = set()
    for row in tree.xpath('//div[@id="text"]/div[contains(@class,"row")]'):
        refs = list(dict.fromkeys(row.xpath('.//div[@class="block"]//a[@class="gref"]/@data-key')
                                  + row.xpath('.//section[@role="doc-endnotes"]//li[contains(@class,"note-source")]//a[@class="gref"]/@data-key')))
        new = [k for k in refs if k not in seen]
        seen.update(new)
        assert row.xpath('.//section[@class="gloss"]//li/@data-key') == new, row.get("id")


def test_references_link_to_the_entry_listed_on_the_page(site):
    tree = parse_page(site / DOC_002)
    listed = set(tree.xpath('//section[@class="entries"]//div[@class="entry"]/@data-key'))
    used = set(tree.xpath('//a[@class="gref"]/@data-key'))
    assert used <= listed
    kinds = tree.xpath('//section[@class="entries"]/h3/text()')
    assert kinds == ["People", "Organizations", "Places", "Terms", "Abbreviations"]
    people = tree.xpath('//section[@class="entries"]/h3[.="People"]/following-sibling::dl[1]//dt/a/text()')
    assert people[:4] == ["Fidel Castro", "Nikolai T. Fedorenko", "John F. Kennedy", "Nikita S. Khrushchev"]


def test_telegraphese_is_explained_where_it_is_met(site):
    tree = parse_page(site / DOC_002)
    for key in ["sovs", "syg", "fonmin", "amb", "govt", "ga", "re", "reps"]:
        assert tree.xpath(f'//section[@class="gloss"]//li[@data-key="{key}"]'), key


# The glossary page ------------------------------------------------------------------

def test_glossary_page_groups_sorts_and_links_to_each_entry_page(site):
    tree = parse_page(site / "glossary/index.html")
    assert tree.xpath("//section/h2/text()") == ["People", "Organizations", "Places", "Terms", "Abbreviations"]
    people = tree.xpath('//section[h2="People"]/article/@id')
    assert people[:4] == ["castro", "fedorenko", "henriksen", "kennedy"]
    castro = tree.xpath('//article[@id="castro"]')[0]
    assert castro.xpath('.//p[@class="occurrences"]/a/@href') == ["castro.html"]
    assert " ".join(castro.xpath('string(.//p[@class="occurrences"])').split()) == "Where it is met: 4× in 2 documents."


def test_entry_page_lists_every_row_where_the_entry_is_met(site):
    castro = parse_page(site / "glossary/castro.html")
    links = castro.xpath('//section[@class="occurrences"]//li/a/@href')
    assert f"../{DOC_000}#p11" in links and f"../{DOC_000}#p16" in links and f"../{DOC_002}#p11" in links
    counts = [" ".join(li.text_content().split()) for li in castro.xpath('//section[@class="occurrences"]//li')]
    assert counts[1].endswith("¶ 11 (2×)")


def test_every_back_link_lands_on_a_paragraph_that_mentions_the_entry(site):
    entries, _ = load_glossary("g.yaml", (PROJECT / "content" / "glossary.yaml").read_text())
    pages, checked = {}, 0
    for key in entries:
        entry_page = parse_page(site / f"glossary/{key}.html")
        for href in entry_page.xpath("//section[@class='occurrences']//li/a[contains(@href,'#')]/@href"):
            path, anchor = href.removeprefix("../").split("#")
            page = pages.setdefault(path, parse_page(site / path))
            row = page.xpath(f'//div[@id="{anchor}"]')[0]
            text = row.text_content()
            assert row.xpath(f'.//a[@data-key="{key}"]') or any(a in text for a in entries[key].aliases), href
            checked += 1
    assert checked > 100


def test_people_and_organizations_carry_json_ld(site):
    tree = parse_page(site / "glossary/index.html")
    data = json.loads(tree.xpath('string(//script[@type="application/ld+json"])'))
    people = {item["@id"]: item for item in data["@graph"] if item["@type"] == "Person"}
    assert people["#kuznetsov"]["familyName"] == "Kuznetsov"
    assert people["#kennedy"]["sameAs"] == "https://www.wikidata.org/wiki/Q9696"
    assert {item["@type"] for item in data["@graph"]} == {"Person", "Organization"}


def test_sources_are_recorded_and_checked():
    entries, problems = load_glossary("g.yaml", "x:\n  kind: term\n  label: X\n  short: s\n  sources: [FRUS, Telegram 2477]\n")
    assert problems == [] and entries["x"].sources == ("FRUS", "Telegram 2477")
    _, problems = load_glossary("g.yaml", "x:\n  kind: term\n  label: X\n  short: s\n  sources: {a: b}\n")
    assert [p.message for p in problems] == ["'x.sources' must be text or a list of texts"]
    real, _ = load_glossary("g.yaml", (PROJECT / "content" / "glossary.yaml").read_text())
    assert all(entry.sources for entry in real.values())
