"""The markup dialect, construct by construct: what it parses to and renders as."""

from __future__ import annotations

import pytest

from edition.html import render_blocks
from edition.markup import parse_body
from edition.markup.body import NoteMarks
from tests.helpers import fragment, parse, render, text_of


def messages(text: str, sigla: tuple[str, ...] = ()) -> list[str]:
    return [str(p) for p in parse(text, sigla)[1]]


# Telegram and paragraph numbers stay text --------------------------------

def test_telegram_number_is_text_not_an_ordered_list():
    body, blocks = render("2477. Cuba. McCloy and Yost met this morning.\n")
    root = fragment(blocks[0].html)
    assert root.xpath("//ol") == []
    assert text_of(root).startswith("2477. Cuba.")


def test_numbered_points_are_separate_paragraphs_of_text():
    body, blocks = render("1. Joint declaration;\n\n2. Separate declarations;\n")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert [text_of(fragment(b.html)) for b in blocks] == ["1. Joint declaration;", "2. Separate declarations;"]


def test_essays_keep_ordered_lists():
    body, _ = parse("1. one\n2. two\n", ordered_lists=True)
    assert body.blocks[0]["type"] == "list"


def test_bullet_lists_remain_lists():
    _, blocks = render("- one\n- two\n")
    assert len(fragment(blocks[0].html).xpath("//ul/li")) == 2


# Paragraph numbering -----------------------------------------------------

def test_paragraphs_and_structural_blocks_are_numbered_headings_are_not():
    body, blocks = render("# Heading\n\n:::{dateline}\nNew York\n:::\n\nText.\n\nMore.\n")
    assert [(b.kind, b.n) for b in blocks] == [("heading", 0), ("edblock", 1), ("paragraph", 2), ("paragraph", 3)]
    assert body.paragraph_count == 3


def test_blocks_carry_their_file_lines():
    body, _ = parse_at("First.\n\n\nSecond\ncontinued.\n", first_line=10)
    assert [b["line"] for b in body.blocks] == [10, 13]


def parse_at(text, first_line):
    from edition.markup import parse_body
    return parse_body(text, "doc.md", first_line)


# Notes --------------------------------------------------------------------

def test_source_notes_numbered_in_order_of_first_call():
    body, blocks = render("A[^x] and B[^y] and A again[^x].\n\n[^y]: Second.\n[^x]: First.\n")
    assert [(n.mark, n.kind) for n in body.notes] == [("1", "source"), ("2", "source")]
    root = fragment(blocks[0].html)
    refs = root.xpath('//a[@role="doc-noteref"]')
    assert [r.text for r in refs] == ["1", "2", "1"]
    assert [r.get("id") for r in refs] == ["nref-1", "nref-2", "nref-1-2"]
    assert [r.get("href") for r in refs] == ["#n-1", "#n-2", "#n-1"]


def test_editor_notes_lettered_apart_from_source_notes():
    body, blocks = render("One{>>first<<} two[^1] three{>>second<<}.\n\n[^1]: Source's note.\n")
    marks = {(n.kind, n.mark) for n in body.notes}
    assert marks == {("source", "1"), ("editor", "a"), ("editor", "b")}
    assert [n.mark for n in blocks[0].notes] == ["a", "1", "b"]


def test_source_note_on_heading_is_unnumbered():
    body, blocks = render("# Telegram[^source]\n\nText.[^1]\n\n[^source]: Source: Central Files.\n[^1]: See Document 253.\n")
    assert [(n.key, n.mark, n.anchor) for n in body.notes] == [("source", "*", "source"), ("1", "1", "1")]
    assert fragment(blocks[0].html).xpath('//a[@role="doc-noteref"]/@href') == ["#n-source"]


def test_notes_marked_with_their_keys_keep_a_volumes_numbers():
    """``note_marks: keys``: note 3 of the volume stays note 3, whatever is called before it."""
    text = "# 7. Telegram[^2]\n\nText.[^4] More.[^3]{>>ed<<}\n\n[^2]: Source: Central Files.\n[^3]: Three.\n[^4]: Four.\n"
    body, problems = parse_body(text, "doc.md", 1, marks=NoteMarks(from_keys=True, source_key="2"))
    assert problems == []
    assert [(n.key, n.mark, n.anchor) for n in body.notes] == [("2", "2", "source"), ("4", "4", "4"),
                                                                ("3", "3", "3"), ("a", "a", "a")]
    html = fragment(render_blocks(body)[0].html)
    assert html.xpath('//a[@role="doc-noteref"]/@aria-label') == ["Source note"]
    assert [a.text for a in fragment(render_blocks(body)[1].html).xpath('//a[@role="doc-noteref"]')] == ["4", "3", "a"]


def test_by_default_the_source_note_is_unnumbered_and_keys_are_labels():
    body, _ = parse_body("# T[^2]\n\nText.[^3]\n\n[^2]: Source.\n[^3]: Three.\n", "doc.md", 1,
                         marks=NoteMarks(source_key="2"))
    assert [(n.key, n.mark, n.anchor) for n in body.notes] == [("2", "*", "source"), ("3", "1", "1")]


def test_note_text_may_continue_on_indented_lines():
    body, _ = render("Text.[^1]\n\n[^1]: First line\n    and second line.\n")
    pieces = [t.get("raw", "\n") for t in body.notes[0].children]
    assert "".join(pieces) == "First line\nand second line."


def test_note_call_without_text_is_an_error():
    assert messages("Text.[^2]\n") == [
        "doc.md:1:6: error: note '[^2]' has no text (add a line '[^2]: …' at the end of the text)"]


def test_note_text_never_called_is_an_error():
    assert messages("Text.\n\n[^9]: Orphan.\n") == [
        "doc.md:3:1: error: note '[^9]' is never called in the text (put '[^9]' where the note belongs, or delete the note)"]


def test_note_defined_twice_is_an_error():
    assert "doc.md:4:1: error: note '[^1]' is defined twice (give each note its own key)" in messages(
        "Text.[^1]\n\n[^1]: One.\n[^1]: Two.\n")


# Interventions -------------------------------------------------------------

def test_sic_and_correction():
    _, blocks = render("we are {~~gong~>going~~} to invade\n")
    root = fragment(blocks[0].html)
    assert text_of(root, hide="reading") == "we are gong to invade"
    assert text_of(root, hide="dipl") == "we are going to invade"
    assert root.xpath('//span[contains(@class,"corr")]/@title') == ["corrected; the source reads “gong”"]


def test_supplied_text_is_in_the_reading_text_only():
    _, blocks = render("two {++and++} half hours\n")
    root = fragment(blocks[0].html)
    assert text_of(root, hide="reading") == "two half hours"
    assert text_of(root, hide="dipl") == "two [and] half hours"


def test_surplus_text_stays_in_both_marked_in_reading():
    _, blocks = render("the {--the--} letters\n")
    root = fragment(blocks[0].html)
    assert text_of(root, hide="reading") == "the the letters"
    assert text_of(root, hide="dipl") == "the {the} letters"


def test_unclear_gap_illegible():
    _, blocks = render('vessel "{??Amata??}" {gap: torn} and {illegible: two words}\n')
    root = fragment(blocks[0].html)
    assert text_of(root, hide="mark") == 'vessel "Amata" and'
    assert text_of(root) == 'vessel "Amata[?]" […] and [illegible: two words]'
    assert root.xpath('//span[contains(@class,"gap")]/@title') == ["gap in the source: torn"]


def test_page_break_mid_sentence_keeps_one_paragraph():
    body, blocks = render("in which the whole world {pb: 2} will see that\n")
    assert len(blocks) == 1 and body.page_breaks == ("2",)
    root = fragment(blocks[0].html)
    pb = root.xpath('//span[@role="doc-pagebreak"]')[0]
    assert (pb.get("id"), pb.get("aria-label"), pb.text) == ("page-2", "Page 2", "p. 2")
    assert text_of(root, hide="mark") == "in which the whole world will see that"


def test_page_break_on_its_own_line_is_a_block():
    body, blocks = render("End of page.\n\n{pb: 3}\n\nNext page.\n")
    assert [b.kind for b in blocks] == ["paragraph", "page_break_block", "paragraph"]
    assert [b.n for b in blocks] == [1, 0, 2]


def test_page_break_needs_a_number():
    assert messages("Text {pb} more.\n") == ["doc.md:1:6: error: a page break without its page number (write {pb: 2})"]


def test_unknown_brace_word_is_a_warning_with_hint():
    assert messages("Text {gpa: 2} more.\n") == [
        "doc.md:1:6: warning: '{gpa…}' is not part of the markup and stays as text (did you mean 'gap'?)"]


@pytest.mark.parametrize("opener,closer", [("{~~", "~~}"), ("{++", "++}"), ("{--", "--}"), ("{??", "??}"), ("{>>", "<<}"), ("[[", "]]")])
def test_unclosed_markup_is_an_error(opener, closer):
    assert messages(f"Line one\nthen {opener}oops and more.\n") == [
        f"doc.md:2:6: error: '{opener}' is never closed (close it with '{closer}' in the same paragraph)"]


def test_correction_without_arrow_is_an_error():
    assert messages("a {~~gong~~} b\n") == [
        "doc.md:1:3: error: a correction '{~~' without '~>' (write {~~source reading~>correction~~})"]


def test_closer_without_opener_is_an_error():
    assert messages("a gong~~} b\n") == ["doc.md:1:7: error: '~~}' closes nothing (open it with '{~~')"]


# Glossary references -------------------------------------------------------

def test_glossary_reference_with_and_without_display_text():
    body, blocks = render("[[kuznetsov]] met [[sovs|Sovs]].\n")
    links = fragment(blocks[0].html).xpath('//a[@class="gref"]')
    assert [(a.get("href"), a.get("data-key"), a.text) for a in links] == [
        ("#g-kuznetsov", "kuznetsov", "kuznetsov"), ("#g-sovs", "sovs", "Sovs")]
    assert [(r.key, r.line, r.column) for r in body.glossary_refs] == [("kuznetsov", 1, 1), ("sovs", 1, 19)]


def test_glossary_reference_around_a_correction():
    _, blocks = render("[[kuznetsov|{~~Kuzentsov~>Kuznetsov~~}]] mentioned\n")
    root = fragment(blocks[0].html)
    assert text_of(root, hide="reading") == "Kuzentsov mentioned"
    assert text_of(root, hide="dipl") == "Kuznetsov mentioned"
    assert root.xpath('//a[@class="gref"]//span[contains(@class,"sic")]')


# Variant readings ------------------------------------------------------------

def test_variants_render_lemma_and_apparatus():
    _, blocks = render("the {A: whole world | B: world | C:} will see\n", sigla=("A", "B", "C"))
    root = fragment(blocks[0].html)
    assert text_of(root, hide="mark") == "the whole world will see"
    [entry] = blocks[0].apparatus
    assert (entry.number, entry.paragraph) == (1, 1)
    assert text_of(fragment(entry.html)) == "whole world A] world B om. C"


def test_unknown_siglum_is_an_error():
    assert messages("the {A: x | D: y}\n", sigla=("A", "B")) == ["doc.md:1:5: error: unknown siglum 'D' (declare it under 'witnesses:' in the front matter)"]


# Structural blocks -----------------------------------------------------------

def test_structural_blocks_and_embedded_letter():
    text = (":::{classification}\nTOP SECRET\n:::\n\n::::{letter}\n:::{salutation}\n\"Esteemed Mr. Secretary General,\n:::\n\n"
            "Attached herewith are the letters.\n\n:::{signature}\nRepresentative of the USSR\n\nRepresentative of the United States\"\n:::\n::::\n")
    _, blocks = render(text)
    assert [b.n for b in blocks] == [1, 2]
    letter = fragment(blocks[1].html)
    assert letter.xpath("//blockquote[@class='letter']/div[@class='salutation']")
    assert [text_of(p) for p in letter.xpath("//div[@class='signature']/p")] == [
        "Representative of the USSR", 'Representative of the United States"']


def test_line_blocks_keep_their_line_breaks():
    _, blocks = render(":::{dateline}\nNew York,\nDecember 23, 1962\n:::\n")
    assert len(fragment(blocks[0].html).xpath("//br")) == 1


def test_unknown_block_is_an_error_with_suggestion():
    assert messages(":::{signatur}\nV. ZORIN\n:::\n") == [
        "doc.md:1:1: error: unknown block ':::{signatur}' (did you mean 'signature'?)"]


def test_unclosed_block_is_an_error():
    assert messages(":::{letter}\nDear Sir,\n") == ["doc.md:1:1: error: a block is never closed (end it with a line ':::')"]


def test_raw_html_is_escaped():
    _, blocks = render("<script>alert(1)</script> text\n")
    assert fragment(blocks[0].html).xpath("//script") == []


# Code and headings -------------------------------------------------------------

def test_markup_inside_code_spans_is_not_checked_or_parsed():
    assert messages("Write `[^1]` or `{~~a~>b~~}` to mark it.\n") == []
    _, blocks = render("Write `{pb: 2}` for a page break.\n")
    assert fragment(blocks[0].html).xpath("//code/text()") == ["{pb: 2}"]


def test_document_headings_start_at_h2_and_carry_ids():
    _, blocks = render("# Telegram From the Mission[^source]\n\n[^source]: Source: files.\n")
    heading = fragment(blocks[0].html).xpath("//h2")[0]
    assert heading.get("id") == "telegram-from-the-mission"


# Edge cases found in review --------------------------------------------------------

def test_editors_note_inside_a_source_note_is_lettered():
    body, blocks = render("Text.[^1]\n\n[^1]: See Document 253.{>>Avalon prints “Back” here.<<}\n")
    assert [(n.kind, n.mark) for n in body.notes] == [("source", "1"), ("editor", "a")]
    assert fragment(blocks[0].notes[0].html).xpath('//a[@role="doc-noteref"]/@href') == ["#n-a"]


def test_html_comments_are_the_editors_own_and_never_shown():
    body, blocks = render("<!-- check against the carbon copy -->\n\nText <!-- here too --> goes on.\n")
    assert len(blocks) == 1 and blocks[0].n == 1
    assert text_of(fragment(blocks[0].html)) == "Text goes on."


def test_escaped_braces_are_text_and_not_checked():
    assert messages("A brace \\{gpa: 2} and \\[^1] stay text.\n") == []


def test_nested_block_with_the_same_fence_is_an_error():
    assert messages(":::{letter}\nDear Sir,\n:::{signature}\nA. B.\n:::\n:::\n") == [
        "doc.md:3:1: error: ':::{signature}' inside a block opened with ':::'"
        " (give the outer block a longer fence, e.g. '::::{letter}' … '::::')"]


def test_text_after_the_block_name_is_an_error():
    assert messages(":::{dateline} New York\nDecember 23\n:::\n") == [
        "doc.md:1:1: error: text after ':::{dateline}' would be lost (put it on the next line)"]


def test_line_blocks_inside_a_letter_keep_their_line_breaks():
    _, blocks = render("::::{letter}\n:::{signature}\nOne\nTwo\n:::\n::::\n")
    assert len(fragment(blocks[0].html).xpath("//div[@class='signature']//br")) == 1


@pytest.mark.parametrize("text, expected", [
    ("A {pb 2} b.\n", "doc.md:1:3: error: '{pb 2}' is a mistyped page break (did you mean '{pb: 2}'?)"),
    ("A {PB: 2} b.\n", "doc.md:1:3: error: '{PB: 2}' is a mistyped page break (did you mean '{pb: 2}'?)"),
    ("A {gap one line} b.\n", "doc.md:1:3: error: '{gap one line}' is a mistyped gap (did you mean '{gap: one line}'?)"),
    ("A {illegible two words} b.\n",
     "doc.md:1:3: error: '{illegible two words}' is a mistyped illegible passage (did you mean '{illegible: two words}'?)"),
    ("A {pb: 2 b.\n", "doc.md:1:3: error: '{pb' is never closed (close it with '}' on the same line, e.g. {pb: 2})"),
    ("A {~gong~>going~} b.\n", "doc.md:1:3: error: '{~gong~>going~}' is a mistyped correction"
                               " (write {~~source reading~>correction~~}, or \\{ to keep a brace as text)"),
    ("A {+the+} b.\n", "doc.md:1:3: error: '{+the+}' is a mistyped supplied text (write {++text++}, or \\{ to keep a brace as text)"),
    ("A {-the-} b.\n", "doc.md:1:3: error: '{-the-}' is a mistyped surplus text (write {--text--}, or \\{ to keep a brace as text)"),
    ("A {?Amata?} b.\n", "doc.md:1:3: error: '{?Amata?}' is a mistyped unclear reading (write {??text??}, or \\{ to keep a brace as text)"),
    ("A {>note<} b.\n", "doc.md:1:3: error: '{>note<}' is a mistyped editor's note (write {>>note<<}, or \\{ to keep a brace as text)"),
    ("A {~~x{>>n~>y<<}~~} b.\n", "doc.md:1:7: error: '{>>' is mis-nested: it is not closed inside the construct around it"
                                 " (close it before the construct around it ends, or move it outside)"),
    ("A {>>x {++y<<}++} b.\n", "doc.md:1:8: error: '{++' is mis-nested: it is not closed inside the construct around it"
                               " (close it before the construct around it ends, or move it outside)"),
    ("A {~~gong{>>n<<}~>going~~} b.\n", "doc.md:1:10: error: an editor's note inside a correction (one of the two readings"
                                        " is hidden in each view, and the note with it: put the note after the correction)"),
    ("A {note about it} b.\n", "doc.md:1:3: warning: '{note…}' is not part of the markup and stays as text"
                               " (write \\{ to keep a brace as text)"),
    ("![map](https://example.org/m.png)\n", "doc.md:1:8: error: an image from another site: 'https://example.org/m.png'"
     " (pages load nothing from elsewhere: save the image with the edition, or link to it with [text](address))"),
    ("![map](//example.org/m.png)\n", "doc.md:1:8: error: an image from another site: '//example.org/m.png'"
     " (pages load nothing from elsewhere: save the image with the edition, or link to it with [text](address))"),
])
def test_markup_left_as_text_is_reported_where_it_stands(text, expected):
    assert messages(text) == [expected]


@pytest.mark.parametrize("text, line, column", [
    ("First {pb: 1} fine.\n\nSecond {pb 2}.\n", 3, 8),
    ("# Head {gap x}\n", 1, 8),
    ("*A* and **b {pb 3}**\n", 1, 13),
    ("[link {pb 4}](https://example.org/)\n", 1, 7),
    ("A call.[^1]\n\n[^1]: Its {pb 5} text.\n", 3, 11),
    ("{>>Note {pb 6}<<} and {pb 6}\n", 1, 9),
    ("Same {pb 7} twice {pb 7}\n", 1, 6),
])
def test_positions_of_leftovers_are_exact(text, line, column):
    first = messages(text)[0]
    assert first.startswith(f"doc.md:{line}:{column}: error: ")


def test_second_of_two_identical_leftovers_is_reported_at_its_own_place():
    assert [m.split(": ")[0] for m in messages("Same {pb 7} twice {pb 7}\n")] == ["doc.md:1:6", "doc.md:1:19"]


@pytest.mark.parametrize("text", [
    "A brace \\{pb 2} kept.\n", "Code `{pb 2}` kept.\n", "<!-- {pb 2} -->\n\nText.\n",
    "A set {1, 2} and {x, y}.\n", "A local image ![map](map.png).\n", ":::{dateline}\nNew York\n:::\n",
])
def test_prose_braces_code_escapes_and_local_images_are_not_reported(text):
    assert messages(text) == []


def test_a_correct_variant_reading_stays_silent_and_a_single_one_is_an_error():
    body, problems = parse("The {A: whole world | B: world} {A: alone}.\n", sigla=("A", "B"))
    assert [str(p) for p in problems] == [
        "doc.md:1:33: error: '{A: alone}' is not a well-formed set of variant readings"
        " (write {A: reading | B: other reading}, with no braces inside)"]


def test_ids_never_collide_with_the_templates_or_each_other():
    from edition.html import render_fragment
    from tests.helpers import fragment, parse
    body, problems = parse("## Main\n\nText.\n\n## P2\n\nText.\n\n## Cite\n\nText {pb: 2} and {pb: 2} and {pb: iv a}.\n")
    assert problems == []
    tree = fragment(render_fragment(body, "#{key}"))
    ids = tree.xpath("//@id")
    assert ids == ["main-2", "h-p2", "cite-2", "page-2", "page-2-2", "page-iv-a"]


# Tables --------------------------------------------------------------------

def test_a_table_is_a_numbered_block_with_its_heading_row_and_cells():
    body, blocks = render("Text.\n\n| FY 56 | Vietnam |\n|---|--:|\n| Armed Forces | 225 \\| 230 |\n| FEC[^1] | |\n\n[^1]: French Expeditionary Corps.\n")
    assert [(b.kind, b.n) for b in blocks] == [("paragraph", 1), ("table", 2)]
    root = fragment(blocks[1].html)
    assert root.xpath("//div[@class='table-scroll']/@tabindex") == ["0"]
    assert root.xpath("//div[@class='table-scroll']/@aria-label") == ["Table 1"]
    assert root.xpath("//thead/tr/th/text()") == ["FY 56", "Vietnam"]
    assert [[" ".join(c.text_content().split()) for c in tr.xpath("td")] for tr in root.xpath("//tbody/tr")] == [
        ["Armed Forces", "225 | 230"], ["FEC1", ""]]
    assert root.xpath("//tbody/tr[1]/td[2]/@class") == ["align-right"]
    assert [n.mark for n in blocks[1].notes] == ["1"]


def test_a_table_without_a_heading_row_prints_none():
    _body, blocks = render("| | |\n|---|---|\n| a | b |\n")
    root = fragment(blocks[0].html)
    assert not root.xpath("//thead") and root.xpath("//tbody/tr/td/text()") == ["a", "b"]


def test_a_cell_may_hold_a_glossary_reference_and_variant_readings():
    text = "| Who | Reading |\n|---|---|\n| [[zorin|Zorin]] | {A: whole world | B: world} |\n"
    body, problems = parse(text, sigla=("A", "B"))
    assert [str(p) for p in problems if "glossary" not in str(p)] == []
    root = fragment(render_blocks(body)[0].html)
    assert root.xpath("//tbody/tr/td[1]/a/@data-key") == ["zorin"]
    assert root.xpath('string(//tbody/tr/td[2]/span[@class="lem"])') == "whole world"


def test_a_line_with_a_pipe_is_text_unless_a_delimiter_row_follows():
    body, _ = parse("Yes | no | maybe\n\n| not a table either |\n")
    assert [b["type"] for b in body.blocks] == ["paragraph", "paragraph"]
