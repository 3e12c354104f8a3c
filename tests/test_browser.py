"""Real-browser tests: Debian's Chromium driven by Playwright, over http under a sub-path and from file://.

Screenshots for a person to look at are taken by scripts/screenshots.py (``python3 tasks.py shots``).
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import serving

playwright = pytest.importorskip("playwright.sync_api")

DOC_000 = "documents/1962-11-06-kuznetsov-zorin-to-mfa.html"
DOC_002 = "documents/1962-12-23-usun-to-state-2477.html"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def base_url(site, tmp_path_factory):
    """The built site served on 127.0.0.1 under a sub-path, as on a GitHub Pages project site."""
    root = tmp_path_factory.mktemp("served")
    os.symlink(site, root / "new-york-talks")
    with serving(root) as origin:
        yield f"{origin}/new-york-talks/"


def open_page(browser, url: str, width: int, javascript: bool = True, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.errors = errors
    return page


def visible_text(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)")


@pytest.mark.parametrize("javascript", [True, False])
def test_reading_modes_switch_without_reload(browser, base_url, javascript):
    page = open_page(browser, base_url + DOC_002, 1400, javascript)
    assert visible_text(page, ".corr") == ["going", "Kuznetsov"] and visible_text(page, ".sic") == []
    page.get_by_label("Diplomatic").check()
    assert visible_text(page, ".sic") == ["gong", "Kuzentsov"] and visible_text(page, ".corr") == []
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    page.context.close()


def _rows(page):
    """Each row of the text: its paragraph box, its side box (if any), and how its glossary entries stand."""
    return page.eval_on_selector_all(".row", """rows => rows.map(r => {
        const side = r.querySelector(':scope > .side'), block = r.querySelector(':scope > .block');
        const b = block.getBoundingClientRect(), s = side && side.getBoundingClientRect();
        const last = block.lastElementChild ? block.lastElementChild.getBoundingClientRect() : b;
        const entries = side ? [...side.querySelectorAll('.gloss-entry')] : [];
        return {id: r.id, heading: r.classList.contains('row-heading'), top: r.getBoundingClientRect().top,
                blockTop: b.top, blockBottom: last.bottom, blockHeight: b.height, blockRight: b.right,
                side: s && {top: s.top, bottom: s.bottom, left: s.left, height: s.height},
                entries: entries.length, shown: entries.filter(e => e.getBoundingClientRect().height > 0).length,
                lines: entries.filter(e => !e.classList.contains('is-name')).length};
    })""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("mode", ["reading", "diplomatic"])
@pytest.mark.parametrize("path", [DOC_000, DOC_002])
def test_notes_and_entries_stand_beside_their_paragraph_at_1400(browser, base_url, path, mode, scheme):
    page = open_page(browser, base_url + path, 1400, color_scheme=scheme)
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('1em \"Edition Serif\"'))")
    page.check(f'.modes input[value="{mode}"]')
    rows = _rows(page)
    beside = [row for row in rows if row["side"]]
    assert len(beside) > 10
    for row, following in zip(rows, rows[1:] + [None]):
        if not row["side"]:
            continue
        side, drift = row["side"], row["side"]["top"] - row["blockTop"]
        if row["heading"]:
            assert -1 <= drift <= row["blockHeight"] + 1, f"{row['id']}: the heading's notes are not under it"
        else:
            assert side["left"] > row["blockRight"], f"{row['id']}: the column overlaps the text"
            assert abs(drift) < 1.5, f"{row['id']}: drift {drift:.0f} px"
        if following:
            assert side["top"] < following["blockTop"], f"{row['id']}: starts after the next paragraph"
        assert row["shown"] == row["entries"], f"{row['id']}: a glossary entry is not shown beside it"
        if side["height"] > row["blockHeight"] + 1:
            assert row["lines"] == 0, f"{row['id']}: entries reach past the paragraph where a name would do"
    assert page.errors == []
    page.context.close()


def test_glossary_entry_and_reference_light_up_together(browser, base_url):
    page = open_page(browser, base_url + DOC_002, 1400)
    page.hover('#p2 a.gref[data-key="yost"]')
    assert "is-active" in page.get_attribute('#p2 .gloss-entry[data-key="yost"]', "class").split()
    assert "is-active" not in page.get_attribute('#p2 .gloss-entry[data-key="zorin"]', "class").split()
    page.hover('#p2 .gloss-entry[data-key="zorin"]')
    assert "is-active" in page.get_attribute('#p2 a.gref[data-key="zorin"]', "class")
    page.context.close()


def test_hovering_or_focusing_an_entry_opens_it_in_full_in_place(browser, base_url):
    page = open_page(browser, base_url + DOC_002, 1400)
    compact = page.locator('#p5 .gloss-entry[data-key="u-thant"]')
    assert page.evaluate("e => e.scrollWidth > e.clientWidth", compact.element_handle()), "the line is not compact"
    entry = page.locator('#p2 .gloss-entry[data-key="mccloy"]')
    short = page.text_content('#g-mccloy dd:not(.role)')
    entry.hover()
    card = page.locator(".gloss-pop")
    card.wait_for(state="visible")
    assert short in card.text_content() and "John J. McCloy" in card.text_content()
    assert card.locator('.more a[href$="glossary/index.html#mccloy"]').count() == 1
    page.keyboard.press("Escape")
    assert not card.is_visible()
    page.focus('#p2 .gloss-entry[data-key="yost"] a')
    card.wait_for(state="visible")
    assert "Yost" in card.text_content()
    page.context.close()


def test_glossary_markers_are_quiet_and_distinct_from_corrections(browser, base_url):
    page = open_page(browser, base_url + DOC_002, 1400)
    style = """el => { const s = getComputedStyle(el);
        return [s.textDecorationLine, s.textDecorationStyle, s.backgroundImage !== 'none', s.color]; }"""
    gref = page.eval_on_selector('#p11 a.gref', style)
    corr = page.eval_on_selector('#p11 .corr', style)
    text = page.eval_on_selector('#p11 p', style)
    assert gref[:2] == ["underline", "solid"] and not gref[2] and gref[3] == text[3]
    assert corr[0] == "none" and corr[2], "a correction is marked by a tint, not a line"
    page.check('.modes input[value="diplomatic"]')
    sic = page.eval_on_selector('#p11 .sic', style)
    assert sic[:2] == ["underline", "wavy"]
    page.context.close()


def test_page_breaks_are_a_bar_in_the_reading_text_and_labelled_in_the_diplomatic(browser, base_url):
    page = open_page(browser, base_url + DOC_000, 1400)
    size = "el => [getComputedStyle(el).fontSize, getComputedStyle(el, '::before').content]"
    assert page.eval_on_selector("#page-2", size) == ["0px", '"|"']
    page.check('.modes input[value="diplomatic"]')
    assert page.eval_on_selector("#page-2", size)[0] != "0px"
    assert page.is_visible("text=p. 2")
    assert page.is_visible(".key .sample-page")
    assert not page.query_selector(".key .sample-fix")  # this telegram has no corrections: the key has none
    page.context.close()


def test_the_key_shows_the_reading_the_mode_shows(browser, base_url):
    page = open_page(browser, base_url + DOC_002, 1400)
    assert page.is_visible(".key .sample-fix") and not page.is_visible(".key .sample-orig")
    page.check('.modes input[value="diplomatic"]')
    assert page.is_visible(".key .sample-orig") and not page.is_visible(".key .sample-fix")
    page.context.close()


@pytest.mark.parametrize("path", [DOC_000, DOC_002])
def test_phone_layout_collapses_the_column(browser, base_url, path):
    page = open_page(browser, base_url + path, 390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not page.is_visible(".row .gloss")
    for row in _rows(page):
        if row["side"] and row["side"]["height"]:
            assert row["side"]["top"] >= row["blockBottom"] - 1, f"{row['id']}: notes do not follow their paragraph"
    toolbar = page.locator(".toolbar")
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.toolbar')).lineHeight)")
    padding = page.evaluate("(s => parseFloat(s.paddingTop) + parseFloat(s.paddingBottom) + 1)(getComputedStyle(document.querySelector('.toolbar')))")
    assert toolbar.bounding_box()["height"] <= line * 1.5 + padding, "the sticky toolbar is taller than one line"
    page.context.close()


def test_phone_reference_opens_its_entry_in_place(browser, base_url):
    page = open_page(browser, base_url + DOC_002, 390)
    reference = page.locator('#p2 a.gref[data-key="mendelevich"]')
    reference.scroll_into_view_if_needed()
    before = page.evaluate("document.documentElement.scrollHeight")
    scroll = page.evaluate("window.scrollY")
    reference.click()
    popover = page.locator(".gloss-pop")
    assert popover.is_visible()
    assert "Mendelevich" in popover.text_content()
    assert page.evaluate("window.scrollY") == scroll, "the page jumped"
    assert page.evaluate("document.documentElement.scrollHeight") == before, "the layout shifted"
    box = popover.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 390
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    page.context.close()


def test_phone_reference_without_javascript_links_to_the_entry(browser, base_url):
    page = open_page(browser, base_url + DOC_002, 390, javascript=False)
    page.click('#p2 a.gref[data-key="mendelevich"]')
    assert page.url.endswith("#g-mendelevich")
    assert page.is_visible("#g-mendelevich")
    page.context.close()


def test_copy_buttons_copy_the_citation(browser, base_url):
    page = open_page(browser, base_url + DOC_000, 1400, permissions=["clipboard-read", "clipboard-write"])
    expected = page.get_attribute("#cite-chicago-note", "data-plain")
    page.click('button[data-copy-target="cite-chicago-note"]')
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.text_content('button[data-copy-target="cite-chicago-note"] ~ .copy-status') == "Copied to the clipboard."
    assert expected.startswith("Vasily V. Kuznetsov and Valerian A. Zorin, “Telegram from Soviet Envoys")
    page.context.close()


def test_copy_buttons_are_hidden_without_javascript(browser, base_url):
    page = open_page(browser, base_url + DOC_000, 1400, javascript=False)
    assert not page.is_visible("button.copy")
    assert page.is_visible("#cite-mla")
    page.context.close()


def test_paragraph_anchor_offers_a_paragraph_citation(browser, base_url):
    page = open_page(browser, base_url + DOC_000 + "#p4", 1400)
    assert page.is_visible("#cite-paragraph")
    text = page.text_content("#cite-paragraph-note")
    assert "¶ 4" in text and text.startswith("Vasily V. Kuznetsov and Valerian A. Zorin")
    page.click('a.pnum[href="#p9"]')
    assert "¶ 9" in page.text_content("#cite-paragraph-note")
    assert page.get_attribute("#p9", "class").split()[-1] == "is-cited"
    page.click('.toolbar a[href="#cite"]')
    assert page.url.endswith("#cite")
    assert page.is_visible("#cite-paragraph"), "the page's own Cite link hid the paragraph citation"
    assert "¶ 9" in page.text_content("#cite-paragraph-note")
    page.context.close()


def test_works_from_file_urls(browser, site):
    page = open_page(browser, (site / DOC_002).as_uri(), 1400)
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Edition Serif"')
    assert page.evaluate("document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded').length)") >= 2
    assert page.is_visible("#p2 .gloss")
    page.click("text=Glossary")
    assert page.url.endswith("glossary/index.html")
    page.context.close()


@pytest.mark.parametrize("path", ["index.html", DOC_000, DOC_002, DOC_002.replace(".html", ".source.html"),
                                  "glossary/index.html", "essays/introduction.html", "essays/method.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_scan_finds_no_violations(browser, base_url, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(browser, base_url + path, 1400, color_scheme=scheme)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.context.close()


PAGE_TYPES = ["index.html", DOC_002, DOC_002.replace(".html", ".source.html"), "glossary/index.html",
              "essays/method.html"]


@pytest.mark.parametrize("width", [1400, 390])
def test_every_page_type_shares_one_frame(browser, base_url, width):
    frames = {}
    for path in PAGE_TYPES:
        page = open_page(browser, base_url + path, width)
        frames[path] = page.evaluate("""() => {
            const box = s => { const r = document.querySelector(s).getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right)]; };
            const column = document.querySelector('#text .block, main > * > h1, main h1');
            return {header: box('.site-header'), main: box('main'), footer: box('.site-footer'),
                    column: Math.round(column.getBoundingClientRect().left)};
        }""")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert page.errors == [], path
        page.context.close()
    first = frames["index.html"]
    for path, frame in frames.items():
        assert (frame["header"], frame["main"], frame["footer"]) == (first["header"], first["main"], first["footer"]), path
        assert frame["column"] == first["column"], f"{path}: the text column starts elsewhere"


def test_printed_document_keeps_notes_and_citation_and_drops_navigation(browser, base_url):
    page = open_page(browser, base_url + DOC_002, 1400)
    page.emulate_media(media="print")
    assert page.is_visible("#n-source") and page.is_visible("#cite-chicago-note")
    for furniture in [".site-nav", ".toolbar", ".key", ".prevnext", ".row .gloss"]:
        assert not page.is_visible(furniture), furniture
    assert len(page.pdf(format="A4")) > 10_000
    page.context.close()


def test_every_page_opens_without_script_errors_at_both_widths(browser, base_url, site):
    for width in (1400, 390):
        for html in sorted(site.rglob("*.html")):
            relative = html.relative_to(site).as_posix()
            page = open_page(browser, base_url + relative, width)
            assert page.errors == [], relative
            page.context.close()
