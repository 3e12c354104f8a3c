"""TEI export: every construct of the dialect has its TEI element, and every exported file is valid tei_all."""

from __future__ import annotations

import inspect

import pytest
from lxml import etree

from edition import html, tei
from edition.markup.body import walk
from edition.model import Body, GlossaryEntry
from tests.helpers import parse
from tests.tei_helpers import NS, jing_errors

EVERY_CONSTRUCT = """# Heading[^source]{>>An editor's note with [[kuznetsov|a reference]].<<}

:::{classification}
SECRET
:::

:::{dateline}
New York, December 23, 1962
2 p.m.
:::

:::{salutation}
Dear Sir,
:::

Text with *emphasis*, **strong**, `code`, [a link](https://example.org/), ![an image](images/i.png),
{~~gong~>going~~}, {++the++}, {--the--}, {??Amata??}, {gap}, {gap: one line}, {illegible: two words},
{pb: 2} and {A: whole world | B: world | C:} and <b>html</b>.[^1] Again.[^1]\\
After a hard break.

{pb: 3}

- one
- two

> quoted

::::{letter}
:::{salutation}
Dear Comrade,
:::

The letter's text.

:::{signature}
The Sender
:::
::::

:::{quote}
A quotation.
:::

<div>raw html block</div>

---

| Year | Aid |
|---|--:|
| 1956 | *225* |

    code block

:::{signature}
McCloy
:::

[^source]: Source: the archive.
[^1]: A note with [[zorin|Zorin]].
"""

GLOSSARY = {
    "kuznetsov": GlossaryEntry("kuznetsov", "person", "Vasily V. Kuznetsov", "Soviet deputy minister", 1,
                               wikidata="Q9696"),
    "zorin": GlossaryEntry("zorin", "person", "Valerian A. Zorin", "Soviet representative", 5),
}


def parsed(text: str = EVERY_CONSTRUCT) -> Body:
    body, problems = parse(text, sigla=("A", "B", "C"))
    assert [str(p) for p in problems] == []
    return body


def tei_fragment(body: Body) -> etree._Element:
    xml = f'<div xmlns="{tei.TEI_NS}">{tei.render_body(body, GLOSSARY)}</div>'
    return etree.fromstring(xml.encode())


def token_types(body: Body) -> set[str]:
    tokens = list(body.blocks) + [t for note in body.notes for t in note.children]
    return {t["type"] for t in walk(tokens)}


def html_handles(kind: str) -> bool:
    """The HTML renderer has a method for the token type, or treats it in ``render_token`` itself."""
    renderer = html.EditionRenderer
    return hasattr(renderer, kind) or f'"{kind}"' in inspect.getsource(renderer.render_token) \
        or f'"{kind}"' in inspect.getsource(renderer._choice) or f'"{kind}"' in inspect.getsource(renderer._variants)


def test_every_token_type_of_the_dialect_has_a_rule_in_both_renderers():
    essay, _ = parse("1. first\n2. second\n\n```\nfenced\n```\n", ordered_lists=True)
    found = token_types(parsed()) | token_types(essay)
    rules = set(tei.INLINE) | set(tei.BLOCK)
    assert found - rules == set()
    assert {kind for kind in found if not html_handles(kind)} <= {"sic", "corr", "reading", "block_text", "blank_line"}
    # the fixture uses every rule the TEI renderer has (so this test covers the whole table)
    assert rules - found <= {"blank_line", "block_text"}


def test_an_unknown_token_type_raises_instead_of_being_dropped():
    body = Body(({"type": "paragraph", "children": [{"type": "hologram", "raw": "x"}], "attrs": {}},))
    with pytest.raises(tei.UnknownToken, match="'hologram'"):
        tei.render_body(body, GLOSSARY)


def test_constructs_become_their_tei_elements():
    root = tei_fragment(parsed())
    x = lambda path: root.xpath(path, namespaces=NS)  # noqa: E731
    assert [[c.xpath("string()") for c in row.xpath("t:cell", namespaces=NS)] for row in x("//t:table/t:row")] == [
        ["Year", "Aid"], ["1956", "225"]]
    assert x("//t:table/t:row/@role") == ["label"] and x("//t:table//t:hi/text()") == ["225"]
    assert x("string(//t:head)").startswith("Heading")
    assert x("//t:head/t:note/@type") == ["source", "editorial"]
    assert x("//t:note[@type='source']/@n") == ["*"]
    assert x("//t:note[@type='authorial']/@n") == ["1"] and x("//t:note[@type='authorial']/@place") == ["foot"]
    assert x("//t:ptr/@target") == ["#note-1"]  # the second call of note 1
    assert x("//t:note[@type='editorial']/t:persName/@ref") == ["../glossary/glossary.xml#kuznetsov"]
    assert x("string(//t:note[@type='authorial']/t:persName)") == "Zorin"
    assert x("string(//t:choice/t:sic)") == "gong" and x("string(//t:choice/t:corr)") == "going"
    assert [x(f"string(//t:{n})") for n in ("supplied", "surplus", "unclear")] == ["the", "the", "Amata"]
    assert x("//t:gap/@reason") == ["illegible"] and x("//t:gap/t:desc/text()") == ["one line", "two words"]
    assert x("//t:pb/@n") == ["2", "3"]
    assert x("//t:app/t:lem/@wit") == ["#A"] and x("//t:app/t:rdg/@wit") == ["#B", "#C"]
    assert x("string(//t:app/t:lem)") == "whole world"
    assert x("//t:hi/@rend") == ["italic", "bold", "italic"] and x("//t:code/text()") == ["code"]
    assert x("//t:ref/@target") == ["https://example.org/"] and x("//t:graphic/@url") == ["images/i.png"]
    assert x("//t:opener/t:seg[@type='classification']/text()") == ["SECRET"]
    assert x("count(//t:opener/t:dateline/t:lb)") == 1 and x("/t:div/t:div/t:opener/t:salute/text()") == ["Dear Sir,"]
    assert x("//t:list[@rend='bulleted']/t:item/text()") == ["one", "two"]
    assert x("string(//t:floatingText[@type='letter']//t:opener/t:salute)") == "Dear Comrade,"
    assert x("string(//t:floatingText//t:closer/t:signed)") == "The Sender"
    assert x("string(//t:quote/t:p)") == "quoted"
    assert x("//t:eg/text()") == ["code block"]
    assert x("//t:milestone/@unit") == ["section"]
    assert x("string(/t:div/t:div/t:closer/t:signed)") == "McCloy"


def test_a_line_block_between_paragraphs_stays_in_place_as_ab():
    root = tei_fragment(parsed("First.\n\n:::{dateline}\nMoscow\n:::\n\nSecond.\n"))
    assert [etree.QName(e).localname for e in root.xpath("/t:div/t:div/*", namespaces=NS)] == ["p", "ab", "p"]
    assert root.xpath("//t:ab/@type", namespaces=NS) == ["dateline"]


def test_xml_ids_are_valid_names():
    assert tei.xml_id("kuznetsov") == "kuznetsov"
    assert tei.xml_id("1962-committee") == "g-1962-committee"


def test_every_exported_file_of_the_edition_is_valid_tei_all(site):
    files = sorted(site.glob("documents/*.xml")) + [site / "glossary" / "glossary.xml"]
    assert len(files) == 3
    assert jing_errors(files) == []


def test_the_validator_rejects_invalid_tei(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text(f'<TEI xmlns="{tei.TEI_NS}"><text><body><p><head>x</head></p></body></text></TEI>')
    assert any("not allowed" in line or "incomplete" in line for line in jing_errors([bad]))


def test_the_header_carries_the_metadata(site):
    root = etree.parse(str(site / "documents" / "1962-12-23-usun-to-state-2477.xml")).getroot()
    x = lambda path: root.xpath(path, namespaces=NS)  # noqa: E731
    assert x("string(//t:titleStmt/t:title)") == "Telegram From the Mission to the United Nations to the Department of State"
    assert x("//t:titleStmt/t:editor/text()") == ["New York Talks Edition Project"]
    assert x("//t:licence/@target") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert x("//t:sourceDesc/t:bibl/t:note[@type='archive']/text()") == ["Department of State, Central Files, 737.56361/12-2362"]
    assert x("//t:correspAction[@type='sent']/t:date/@when") == ["1962-12-23T14:00:00"]
    assert x("//t:correspAction[@type='sent']/t:orgName/@ref") == ["../glossary/glossary.xml#us-mission-un"]
    assert sorted(x("//t:revisionDesc/t:change/@when")) == ["2026-11-25", "2026-11-26"]
    soviet = etree.parse(str(site / "documents" / "1962-11-06-kuznetsov-zorin-to-mfa.xml")).getroot()
    assert soviet.xpath("//t:titleStmt/t:respStmt/t:resp/text()", namespaces=NS) == ["Translated by"]
    assert soviet.xpath("//t:langUsage/t:language/@ident", namespaces=NS) == ["en", "ru"]


def test_the_glossary_is_exported_once_with_wikidata_ids(site):
    root = etree.parse(str(site / "glossary" / "glossary.xml")).getroot()
    x = lambda path: root.xpath(path, namespaces=NS)  # noqa: E731
    assert x("//t:listPerson/t:person[@xml:id='kennedy']/t:idno[@type='wikidata']/text()") == ["Q9696"]
    assert x("string(//t:person[@xml:id='kuznetsov']/t:persName[@type='main']/t:surname)") == "Kuznetsov"
    assert x("//t:listOrg/t:org/@xml:id") and x("//t:list[@type='gloss']/t:label/@xml:id")
    document = etree.parse(str(site / "documents" / "1962-12-23-usun-to-state-2477.xml")).getroot()
    ids = set(x("//@xml:id"))
    refs = {r.split("#")[1] for r in document.xpath("//@ref", namespaces=NS)}
    assert refs and refs <= ids


def test_the_document_page_links_its_tei(site):
    from tests.conftest import parse_page
    page = parse_page(site / "documents" / "1962-12-23-usun-to-state-2477.html")
    assert page.xpath('//p[@class="tools"]/a[text()="TEI"]/@href') == ["1962-12-23-usun-to-state-2477.xml"]
    assert page.xpath('//link[@type="application/tei+xml"]/@href') == ["1962-12-23-usun-to-state-2477.xml"]
