"""Citations of documents as published in the edition, and of the edition itself.

The expected strings are written by hand from the manuals: Chicago 17
(14.76 names, 14.13 "last modified", 14.111 letters in collections, 14.106
parts of edited works), MLA 9 (containers, date of original publication,
"Translated by", URLs without scheme) and APA 7 (9.41 republished works,
10.3 parts of edited works, bracketed descriptions, group authors).
"""

import dataclasses
import json

import bibtexparser
import pytest
import rispy

from edition.citation import (
    Citations,
    Styled,
    cite_document,
    cite_edition,
    paragraph_note,
)
from edition.model import (
    Agent,
    Body,
    Document,
    Edition,
    Name,
    PartialDate,
    Revision,
    Source,
)

URL_A = "https://example.org/documents/1962-11-06-kuznetsov-zorin-to-mfa/"
URL_B = "https://example.org/documents/1962-12-23-usun-to-state-2477/"
EDITION_TITLE = ("The New York Talks, 1962: "
                 "A Critical Edition of Soviet and American Telegrams")
TITLE_A = ("Telegram from Soviet envoys in New York V.V. Kuznetsov and V.A. Zorin "
           "to USSR Foreign Ministry")
TITLE_A_HEADLINE = ("Telegram from Soviet Envoys in New York V.V. Kuznetsov and V.A. Zorin "
                    "to USSR Foreign Ministry")
TITLE_B = "Telegram From the Mission to the United Nations to the Department of State"
TITLE_B_HEADLINE = "Telegram from the Mission to the United Nations to the Department of State"
SOURCE_A = ("Published by the Wilson Center Digital Archive, record 110438, "
            "https://digitalarchive.wilsoncenter.org/document/110438. Original: AVP RF.")
SOURCE_B = ("Published in Foreign Relations of the United States, 1961–1963, Volume XI, Cuban Missile "
            "Crisis and Aftermath, eds. Edward C. Keefer and Louis J. Smith (Washington: United States "
            "Government Printing Office, 1996), Document 256, "
            "https://history.state.gov/historicaldocuments/frus1961-63v11/d256, reproduced by The Avalon "
            "Project, https://avalon.law.yale.edu/20th_century/msc_cuba256.asp. Original: Department of "
            "State, Central Files, 737.56361/12-2362.")


@pytest.fixture
def edition():
    return Edition(
        title="The New York Talks, 1962",
        subtitle="A Critical Edition of Soviet and American Telegrams",
        editors=(Name(family="Doe", given="Jane"),),
        publisher="New York Talks Edition Project",
        year=2026, version="1.0", language="en", accessed="")


@pytest.fixture
def doc_a():
    return Document(
        id="1962-11-06-kuznetsov-zorin-to-mfa", path="content/documents/a.md",
        title=TITLE_A, date=PartialDate.parse("1962-11-06"), body=Body(blocks=()), text="",
        senders=(Agent(Name(family="Kuznetsov", given="Vasily V."), is_person=True),
                 Agent(Name(family="Zorin", given="Valerian A."), is_person=True)),
        recipients=(Agent(Name(literal="USSR Ministry of Foreign Affairs")),),
        type="telegram", translator="John Henriksen", original_language="ru",
        source=Source(repository="Wilson Center Digital Archive", archive="AVP RF",
                      identifier="110438",
                      url="https://digitalarchive.wilsoncenter.org/document/110438"),
        revisions=(Revision(PartialDate(2026, 11, 25), "First transcription."),))


@pytest.fixture
def doc_b():
    return Document(
        id="1962-12-23-usun-to-state-2477", path="content/documents/b.md",
        title=TITLE_B, date=PartialDate.parse("1962-12-23T14:00"), body=Body(blocks=()),
        text="",
        senders=(Agent(Name(literal="United States Mission to the United Nations")),),
        recipients=(Agent(Name(literal="Department of State")),),
        type="telegram", number="2477",
        source=Source(series="Foreign Relations of the United States, 1961–1963",
                      volume="Volume XI, Cuban Missile Crisis and Aftermath",
                      volume_editors=(Name(family="Keefer", given="Edward C."),
                                      Name(family="Smith", given="Louis J.")),
                      publisher="United States Government Printing Office",
                      publisher_place="Washington", published="1996",
                      document_number="256",
                      url="https://history.state.gov/historicaldocuments/frus1961-63v11/d256",
                      repository="The Avalon Project",
                      transcribed_from="https://avalon.law.yale.edu/20th_century/msc_cuba256.asp",
                      archive="Department of State, Central Files", archive_location="737.56361/12-2362"),
        revisions=(Revision(PartialDate(2026, 11, 25), "First transcription."),))


# ------------------------------------------------------------- document A

def test_chicago_note_cites_translated_telegram_in_edition(doc_a, edition):
    note = cite_document(doc_a, edition, URL_A).chicago_note
    assert note.text == (
        "Vasily V. Kuznetsov and Valerian A. Zorin, “Telegram from Soviet Envoys in New York "
        "V.V. Kuznetsov and V.A. Zorin to USSR Foreign Ministry,” November 6, 1962, "
        "trans. John Henriksen, in The New York Talks, 1962: A Critical Edition of Soviet and "
        "American Telegrams, ed. Jane Doe (New York Talks Edition Project, 2026), "
        "last modified November 25, 2026, "
        "https://example.org/documents/1962-11-06-kuznetsov-zorin-to-mfa/. " + SOURCE_A)
    assert f"in <i>{EDITION_TITLE}</i>, ed. Jane Doe" in note.html
    assert f"“{TITLE_A_HEADLINE},”" in note.html


def test_chicago_bibliography_inverts_first_author_only(doc_a, edition):
    entry = cite_document(doc_a, edition, URL_A).chicago_bibliography
    assert entry.text == (
        "Kuznetsov, Vasily V., and Valerian A. Zorin. “Telegram from Soviet Envoys in New York "
        "V.V. Kuznetsov and V.A. Zorin to USSR Foreign Ministry.” November 6, 1962. "
        "Translated by John Henriksen. In The New York Talks, 1962: A Critical Edition of "
        "Soviet and American Telegrams, edited by Jane Doe. New York Talks Edition Project, "
        "2026. Last modified November 25, 2026. "
        "https://example.org/documents/1962-11-06-kuznetsov-zorin-to-mfa/. " + SOURCE_A)
    assert f"In <i>{EDITION_TITLE}</i>, edited by Jane Doe." in entry.html


def test_mla_puts_edition_as_container_dated_by_revision(doc_a, edition):
    entry = cite_document(doc_a, edition, URL_A).mla
    assert entry.text == (
        "Kuznetsov, Vasily V., and Valerian A. Zorin. “Telegram from Soviet Envoys in New York "
        "V.V. Kuznetsov and V.A. Zorin to USSR Foreign Ministry.” 6 Nov. 1962. "
        "Translated by John Henriksen. The New York Talks, 1962: A Critical Edition of Soviet "
        "and American Telegrams, edited by Jane Doe, New York Talks Edition Project, "
        "25 Nov. 2026, example.org/documents/1962-11-06-kuznetsov-zorin-to-mfa/. " + SOURCE_A)
    assert f"<i>{EDITION_TITLE}</i>, edited by Jane Doe" in entry.html


def test_apa_dates_by_revision_with_original_date_last(doc_a, edition):
    entry = cite_document(doc_a, edition, URL_A).apa
    assert entry.text == (
        "Kuznetsov, V. V., & Zorin, V. A. (2026, November 25). Telegram from Soviet envoys in "
        "New York V.V. Kuznetsov and V.A. Zorin to USSR Foreign Ministry "
        "(J. Henriksen, Trans.) [Telegram to USSR Ministry of Foreign Affairs]. "
        "In J. Doe (Ed.), The New York Talks, 1962: A Critical Edition of Soviet and American "
        "Telegrams. New York Talks Edition Project. "
        "https://example.org/documents/1962-11-06-kuznetsov-zorin-to-mfa/ " + SOURCE_A +
        " (Original work published 1962)")
    assert entry.html.startswith("Kuznetsov, V. V., &amp; Zorin, V. A. (2026, November 25).")
    assert f"In J. Doe (Ed.), <i>{EDITION_TITLE}</i>." in entry.html


# ------------------------------------------------------------- document B

def test_office_sender_is_never_inverted(doc_b, edition):
    cited = cite_document(doc_b, edition, URL_B)
    assert cited.chicago_note.text == (
        "United States Mission to the United Nations, “Telegram from the Mission to the United "
        "Nations to the Department of State,” telegram 2477, December 23, 1962, in The New York "
        "Talks, 1962: A Critical Edition of Soviet and American Telegrams, ed. Jane Doe (New York "
        "Talks Edition Project, 2026), last modified November 25, 2026, "
        "https://example.org/documents/1962-12-23-usun-to-state-2477/. " + SOURCE_B)
    assert "<i>Foreign Relations of the United States, 1961–1963</i>, Volume XI" in cited.chicago_note.html
    assert cited.chicago_bibliography.text == (
        "United States Mission to the United Nations. “Telegram from the Mission to the United "
        "Nations to the Department of State.” Telegram 2477. December 23, 1962. In The New York "
        "Talks, 1962: A Critical Edition of Soviet and American Telegrams, edited by Jane Doe. "
        "New York Talks Edition Project, 2026. Last modified November 25, 2026. "
        "https://example.org/documents/1962-12-23-usun-to-state-2477/. " + SOURCE_B)


def test_document_without_translator(doc_b, edition):
    cited = cite_document(doc_b, edition, URL_B)
    assert cited.mla.text == (
        "United States Mission to the United Nations. “Telegram from the Mission to the United "
        "Nations to the Department of State.” Telegram 2477, 23 Dec. 1962. The New York Talks, "
        "1962: A Critical Edition of Soviet and American Telegrams, edited by Jane Doe, New York "
        "Talks Edition Project, 25 Nov. 2026, "
        "example.org/documents/1962-12-23-usun-to-state-2477/. " + SOURCE_B)
    assert cited.apa.text == (
        "United States Mission to the United Nations. (2026, November 25). Telegram From the "
        "Mission to the United Nations to the Department of State [Telegram 2477 to Department of "
        "State]. In J. Doe (Ed.), The New York Talks, 1962: A Critical Edition of Soviet and "
        "American Telegrams. New York Talks Edition Project. "
        "https://example.org/documents/1962-12-23-usun-to-state-2477/ " + SOURCE_B +
        " (Original work published 1962)")
    for styled in (cited.chicago_note, cited.chicago_bibliography, cited.mla, cited.apa):
        assert "trans" not in styled.text.lower()
    assert "translator" not in cited.bibtex
    assert "A4  - " not in cited.ris
    assert "translator" not in json.loads(cited.csl_json)[0]


# ------------------------------------------------------------- pinpoints, URLs, states

def test_paragraph_note_puts_pinpoint_after_publication_facts(doc_a, edition):
    note = cite_document(doc_a, edition, URL_A).chicago_note
    pinned = paragraph_note(note, 4)
    assert pinned.text == note.text.replace(
        "(New York Talks Edition Project, 2026), last modified",
        "(New York Talks Edition Project, 2026), ¶ 4, last modified")
    assert "2026), ¶ 4, last modified" in pinned.html
    assert "<i>" in pinned.html
    assert cite_document(doc_a, edition, URL_A, paragraph=4).chicago_note == pinned


def test_paragraph_note_without_url_ends_with_the_pinpoint(doc_a, edition):
    doc = dataclasses.replace(doc_a, revisions=())
    note = cite_document(doc, edition).chicago_note
    assert paragraph_note(note, 12).text.endswith(
        "ed. Jane Doe, version 1.0 (New York Talks Edition Project, 2026), ¶ 12. " + SOURCE_A)


def test_no_url_anywhere(doc_a, edition):
    cited = cite_document(doc_a, edition, "")
    assert cited.chicago_note.text.endswith(
        "ed. Jane Doe (New York Talks Edition Project, 2026), "
        "last modified November 25, 2026. " + SOURCE_A)
    assert cited.mla.text.endswith("New York Talks Edition Project, 25 Nov. 2026. " + SOURCE_A)
    assert cited.apa.text.endswith(
        "New York Talks Edition Project. " + SOURCE_A + " (Original work published 1962)")
    for text in (cited.chicago_note.text, cited.chicago_bibliography.text, cited.mla.text,
                 cited.apa.text, cited.bibtex, cited.ris, cited.csl_json):
        assert "example.org" not in text and "ccessed" not in text and "Retrieved" not in text
    assert "URL" not in json.loads(cited.csl_json)[0]


def test_without_revision_the_edition_version_is_cited(doc_a, edition):
    cited = cite_document(dataclasses.replace(doc_a, revisions=()), edition, URL_A)
    assert ("ed. Jane Doe, version 1.0 (New York Talks Edition Project, 2026), "
            "https://example.org/") in cited.chicago_note.text
    assert ("edited by Jane Doe. Version 1.0. New York Talks Edition Project, 2026. "
            "https://example.org/") in cited.chicago_bibliography.text
    assert ("edited by Jane Doe, version 1.0, New York Talks Edition Project, 2026, "
            "example.org/") in cited.mla.text
    assert cited.apa.text.startswith("Kuznetsov, V. V., & Zorin, V. A. (2026). Telegram")
    assert ("Soviet and American Telegrams (Version 1.0). New York Talks Edition Project."
            in cited.apa.text)
    assert "last modified" not in cited.chicago_note.text
    item = json.loads(cited.csl_json)[0]
    assert item["issued"] == {"date-parts": [[2026]]}
    assert item["version"] == "1.0"


def test_document_dated_only_to_the_month(doc_a, edition):
    doc = dataclasses.replace(doc_a, date=PartialDate.parse("1962-11"))
    cited = cite_document(doc, edition, URL_A)
    assert "to USSR Foreign Ministry,” November 1962, trans. John" in cited.chicago_note.text
    assert "to USSR Foreign Ministry.” November 1962. Translated" in \
        cited.chicago_bibliography.text
    assert "to USSR Foreign Ministry.” Nov. 1962. Translated" in cited.mla.text
    assert cited.apa.text.endswith("(Original work published 1962)")
    assert json.loads(cited.csl_json)[0]["original-date"] == {"date-parts": [[1962, 11]]}
    assert "OP  - 1962-11\n" in cited.ris
    assert "origdate = {1962-11}," in cited.bibtex


def test_access_date_only_when_configured(doc_a, edition):
    dated = dataclasses.replace(edition, accessed="2027-01-03")
    cited = cite_document(doc_a, dated, URL_A)
    assert ("last modified November 25, 2026, accessed January 3, 2027, https://example.org/"
            in cited.chicago_note.text)
    assert ("Last modified November 25, 2026. Accessed January 3, 2027. https://example.org/"
            in cited.chicago_bibliography.text)
    assert cited.mla.text.endswith("-to-mfa/. Accessed 3 Jan. 2027. " + SOURCE_A)
    assert ("Retrieved January 3, 2027, from https://example.org/documents/"
            in cited.apa.text)
    assert "Y2  - 2027/01/03/\n" in cited.ris
    assert json.loads(cited.csl_json)[0]["accessed"] == {"date-parts": [[2027, 1, 3]]}
    undated = cite_document(doc_a, edition, URL_A)
    assert "ccessed" not in undated.chicago_note.text + undated.mla.text
    assert "Retrieved" not in undated.apa.text and "Y2  - " not in undated.ris
    assert "accessed" not in cite_document(doc_a, dated, "").chicago_note.text


def test_four_senders_follow_each_manuals_et_al_rule(doc_a, edition):
    people = [("Kuznetsov", "Vasily V."), ("Zorin", "Valerian A."), ("Mikoyan", "Anastas I."),
              ("Dobrynin", "Anatoly F.")]
    senders = tuple(Agent(Name(family=f, given=g), is_person=True) for f, g in people)
    cited = cite_document(dataclasses.replace(doc_a, senders=senders), edition, URL_A)
    assert cited.chicago_note.text.startswith("Vasily V. Kuznetsov et al., “Telegram")
    assert cited.chicago_bibliography.text.startswith(
        "Kuznetsov, Vasily V., Valerian A. Zorin, Anastas I. Mikoyan, and Anatoly F. Dobrynin. "
        "“Telegram")
    assert cited.mla.text.startswith("Kuznetsov, Vasily V., et al. “Telegram")
    assert cited.apa.text.startswith(
        "Kuznetsov, V. V., Zorin, V. A., Mikoyan, A. I., & Dobrynin, A. F. (2026")


def test_html_is_escaped(doc_a, edition):
    doc = dataclasses.replace(doc_a, title="Memo on <b> & “peace”")
    cited = cite_document(doc, edition, URL_A)
    assert "“Memo on &lt;b&gt; &amp; ‘Peace,’”" in cited.chicago_note.html
    assert "“Memo on <b> & ‘Peace,’”" in cited.chicago_note.text
    assert "<b>" not in cited.apa.html


def test_question_mark_replaces_comma_and_period(doc_a, edition):
    doc = dataclasses.replace(doc_a, title="Who will remove the missiles?")
    cited = cite_document(doc, edition, URL_A)
    assert "Zorin, “Who Will Remove the Missiles?” November 6, 1962," in \
        cited.chicago_note.text
    assert "Zorin. “Who Will Remove the Missiles?” November 6, 1962." in \
        cited.chicago_bibliography.text
    assert "(2026, November 25). Who will remove the missiles? (J. Henriksen" in cited.apa.text


def test_citations_are_frozen_values(doc_a, edition):
    cited = cite_document(doc_a, edition, URL_A)
    assert isinstance(cited, Citations) and isinstance(cited.mla, Styled)
    assert cited == cite_document(doc_a, edition, URL_A)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cited.mla = cited.apa


# ------------------------------------------------------------- machine formats

def parse_bibtex(text):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert len(library.entries) == 1
    return library.entries[0]


def test_bibtex_parses_back(doc_a, edition):
    entry = parse_bibtex(cite_document(doc_a, edition, URL_A).bibtex)
    fields = {key: field.value for key, field in entry.fields_dict.items()}
    assert entry.entry_type == "incollection"
    assert entry.key == "1962-11-06-kuznetsov-zorin-to-mfa"
    assert fields == {
        "author": "Kuznetsov, Vasily V. and Zorin, Valerian A.",
        "title": "{" + TITLE_A + "}",
        "booktitle": "{" + EDITION_TITLE + "}",
        "editor": "Doe, Jane",
        "publisher": "New York Talks Edition Project",
        "translator": "Henriksen, John",
        "origdate": "1962-11-06",
        "date": "2026-11-25",
        "year": "2026",
        "note": "November 6, 1962. Transcription last modified November 25, 2026. " + SOURCE_A,
        "url": URL_A,
    }


def test_bibtex_braces_literal_authors_and_carries_archive(doc_b, edition):
    entry = parse_bibtex(cite_document(doc_b, edition, URL_B).bibtex)
    assert entry["author"] == "{United States Mission to the United Nations}"
    assert entry["number"] == "2477"
    assert entry["note"].startswith("Telegram 2477. December 23, 1962. Transcription last modified")
    assert entry["note"].endswith(SOURCE_B.replace("_", r"\_"))
    assert entry["origdate"] == "1962-12-23"


def test_bibtex_escapes_specials(doc_a, edition):
    doc = dataclasses.replace(doc_a, title="50% of {all} cases & #1 under_score ~ ^ \\")
    entry = parse_bibtex(cite_document(doc, edition, URL_A).bibtex)
    assert entry["title"] == (r"{50\% of \{all\} cases \& \#1 under\_score "
                              r"\textasciitilde{} \textasciicircum{} \textbackslash{}}")


def test_hostile_values_cannot_break_bibtex_or_ris(doc_a, edition):
    url = "https://example.org/a}b{c\\d e/\n@misc{x,"
    doc = dataclasses.replace(doc_a, title="Line one\nER  - \x00 {unbalanced",
                              translator="John\tHenriksen\r")
    cited = cite_document(doc, edition, url)
    entry = parse_bibtex(cited.bibtex)
    assert entry.entry_type == "incollection"
    assert entry["url"] == "https://example.org/a%7Db%7Bc%5Cd%20e/%20@misc%7Bx,"
    assert entry["title"] == r"{Line one ER - \{unbalanced}"
    assert entry["translator"] == "Henriksen, John"
    [ris] = rispy.loads(cited.ris)
    assert ris["title"] == "Line one ER - {unbalanced"
    assert ris["urls"] == ["https://example.org/a}b{c\\d e/ @misc{x,"]
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in cited.ris.splitlines())


def test_ris_parses_back(doc_a, edition):
    ris = cite_document(doc_a, edition, URL_A).ris
    lines = ris.splitlines()
    assert lines[0] == "TY  - CHAP" and lines[-1] == "ER  - " and ris.endswith("\n")
    [entry] = rispy.loads(ris)
    assert entry["type_of_reference"] == "CHAP"
    assert entry["title"] == TITLE_A
    assert entry["authors"] == ["Kuznetsov, Vasily V.", "Zorin, Valerian A."]
    assert entry["subsidiary_authors"] == ["Henriksen, John"]
    assert entry["secondary_title"] == EDITION_TITLE
    assert entry["year"] == "2026"
    assert entry["date"] == "2026/11/25/"
    assert entry["original_publication"] == "1962-11-06"
    assert entry["secondary_authors"] == ["Doe, Jane"]
    assert entry["notes"] == [SOURCE_A]
    assert "name_of_database" not in entry and "edition" not in entry
    assert entry["urls"] == [URL_A]


def test_csl_json_item(doc_a, edition):
    text = cite_document(doc_a, edition, URL_A).csl_json
    assert text.endswith("]\n")
    items = json.loads(text)
    assert text == json.dumps(items, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    [item] = items
    assert item["id"] == "1962-11-06-kuznetsov-zorin-to-mfa"
    assert item["type"] == "manuscript"
    assert item["title"] == TITLE_A
    assert item["author"] == [{"family": "Kuznetsov", "given": "Vasily V."},
                              {"family": "Zorin", "given": "Valerian A."}]
    assert item["recipient"] == [{"literal": "USSR Ministry of Foreign Affairs"}]
    assert item["translator"] == [{"family": "Henriksen", "given": "John"}]
    assert item["editor"] == [{"family": "Doe", "given": "Jane"}]
    assert item["container-title"] == EDITION_TITLE
    assert item["issued"] == {"date-parts": [[2026, 11, 25]]}
    assert item["original-date"] == {"date-parts": [[1962, 11, 6]]}
    assert "version" not in item  # a revision is cited, not the edition's version
    assert item["archive"] == "AVP RF"
    assert item["note"] == SOURCE_A
    assert item["URL"] == URL_A
    assert all(isinstance(part, int) for part in item["issued"]["date-parts"][0])


def test_csl_json_keeps_unicode_and_literal_names(doc_b, edition):
    doc = dataclasses.replace(doc_b, title="Telegram 1961–1963")
    text = cite_document(doc, edition, URL_B).csl_json
    assert "1961–1963" in text
    item = json.loads(text)[0]
    assert item["author"] == [{"literal": "United States Mission to the United Nations"}]
    assert item["original-date"] == {"date-parts": [[1962, 12, 23]]}


# ------------------------------------------------------------- the edition

def test_cite_edition_human_styles(edition):
    cited = cite_edition(edition, "https://example.org/")
    assert cited.chicago_note.text == (
        "Jane Doe, ed., The New York Talks, 1962: A Critical Edition of Soviet and American "
        "Telegrams, version 1.0 (New York Talks Edition Project, 2026), https://example.org/.")
    assert cited.chicago_bibliography.text == (
        "Doe, Jane, ed. The New York Talks, 1962: A Critical Edition of Soviet and American "
        "Telegrams. Version 1.0. New York Talks Edition Project, 2026. https://example.org/.")
    assert cited.mla.text == (
        "Doe, Jane, editor. The New York Talks, 1962: A Critical Edition of Soviet and "
        "American Telegrams. Version 1.0, New York Talks Edition Project, 2026, example.org/.")
    assert cited.apa.text == (
        "Doe, J. (Ed.). (2026). The New York Talks, 1962: A Critical Edition of Soviet and "
        "American Telegrams (Version 1.0). New York Talks Edition Project. "
        "https://example.org/")
    for styled in (cited.chicago_note, cited.chicago_bibliography, cited.mla, cited.apa):
        assert f"<i>{EDITION_TITLE}</i>" in styled.html


def test_cite_edition_with_two_editors_and_a_team(edition):
    two = dataclasses.replace(edition, editors=(Name(family="Doe", given="Jane"),
                                                Name(family="Roe", given="Richard")))
    cited = cite_edition(two)
    assert cited.chicago_note.text.startswith("Jane Doe and Richard Roe, eds., The New York")
    assert cited.chicago_bibliography.text.startswith("Doe, Jane, and Richard Roe, eds. The")
    assert cited.mla.text.startswith("Doe, Jane, and Richard Roe, editors. The New York")
    assert cited.apa.text.startswith("Doe, J., & Roe, R. (Eds.). (2026). The New York")
    team = dataclasses.replace(edition, editors=(Name(literal="Telegram Edition Team"),))
    assert cite_edition(team).mla.text.startswith("Telegram Edition Team, editor. The")


def test_cite_edition_machine_formats(edition):
    cited = cite_edition(edition, "https://example.org/")
    entry = parse_bibtex(cited.bibtex)
    assert entry.entry_type == "book"
    assert entry["editor"] == "Doe, Jane"
    assert entry["title"] == "{" + EDITION_TITLE + "}"
    assert entry["year"] == "2026" and entry["note"] == "Version 1.0"
    [ris] = rispy.loads(cited.ris)
    assert ris["type_of_reference"] == "BOOK"
    assert ris["title"] == EDITION_TITLE
    assert ris["tertiary_authors"] == ["Doe, Jane"]
    assert ris["year"] == "2026" and ris["urls"] == ["https://example.org/"]
    [item] = json.loads(cited.csl_json)
    assert item["type"] == "book" and item["editor"] == [{"family": "Doe", "given": "Jane"}]
    assert item["issued"] == {"date-parts": [[2026]]} and item["version"] == "1.0"


def test_editor_names_in_document_citations(doc_a, edition):
    two = dataclasses.replace(edition, editors=(Name(family="Doe", given="Jane"),
                                                Name(family="Roe", given="Richard")))
    cited = cite_document(doc_a, two, URL_A)
    assert "ed. Jane Doe and Richard Roe (New York" in cited.chicago_note.text
    assert "edited by Jane Doe and Richard Roe. New York" in cited.chicago_bibliography.text
    assert "edited by Jane Doe and Richard Roe, New York" in cited.mla.text
    assert "In J. Doe & R. Roe (Eds.), The New York" in cited.apa.text


def test_an_editing_body_that_is_the_publisher_is_named_once(edition):
    edition = dataclasses.replace(edition, editors=(Name(literal=edition.publisher),))
    cites = cite_edition(edition, "https://example.org/")
    assert cites.chicago_note.text == (f"{EDITION_TITLE}, version 1.0 (New York Talks Edition Project, 2026),"
                                       " https://example.org/.")
    assert cites.apa.text == (f"{EDITION_TITLE} (Version 1.0). (2026). New York Talks Edition Project."
                              " https://example.org/")
