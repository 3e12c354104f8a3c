"""Real-browser tests: Debian's Chromium driven by Playwright, over http under a sub-path and from file://.

Screenshots of every page at 1400 px and 390 px are written to tests/screenshots/
(git-ignored) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

DOC_000 = "documents/1962-11-06-kuznetsov-zorin-to-mfa.html"
DOC_002 = "documents/1962-12-23-usun-to-state-2477.html"
SHOTS = Path(__file__).parent / "screenshots"

pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site, tmp_path_factory):
    """The built site served on 127.0.0.1 under a sub-path, as on a GitHub Pages project site."""
    root = tmp_path_factory.mktemp("served")
    os.symlink(site, root / "new-york-talks")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/new-york-talks/"
    finally:
        server.shutdown()
        server.server_close()


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


def _boxes(page):
    return page.eval_on_selector_all(".row", """rows => rows.map(r => {
        const side = r.querySelector(':scope > .side'), block = r.querySelector(':scope > .block');
        const b = block.getBoundingClientRect(), s = side && side.getBoundingClientRect();
        const last = block.lastElementChild ? block.lastElementChild.getBoundingClientRect() : b;
        return {id: r.id, blockTop: b.top, blockBottom: last.bottom, blockRight: b.right,
                side: s && {top: s.top, bottom: s.bottom, left: s.left, height: s.height}};
    })""")


@pytest.mark.parametrize("path", [DOC_000, DOC_002])
def test_side_column_sits_level_with_its_paragraph_at_1400(browser, base_url, path):
    page = open_page(browser, base_url + path, 1400)
    boxes = [b for b in _boxes(page) if b["side"]]
    assert boxes, "no notes or glossary entries beside the text"
    assert abs(boxes[0]["side"]["top"] - boxes[0]["blockTop"]) < 2
    previous_bottom = -1e9
    level = 0
    for box in boxes:
        side = box["side"]
        assert side["left"] > box["blockRight"], f"{box['id']}: the column overlaps the text"
        assert side["top"] >= box["blockTop"] - 1, f"{box['id']}: the column starts above its paragraph"
        assert side["top"] >= previous_bottom, f"{box['id']}: the column overlaps the one above"
        level += abs(side["top"] - box["blockTop"]) < 2 or side["top"] - previous_bottom < 16
        previous_bottom = side["bottom"]
    assert level == len(boxes), "a column entry is lower than its paragraph without being pushed down"
    assert page.is_visible(".row .gloss")
    assert page.errors == []
    page.context.close()


def test_glossary_entry_and_reference_light_up_together(browser, base_url):
    page = open_page(browser, base_url + DOC_002, 1400)
    page.hover('#p2 a.gref[data-key="yost"]')
    assert page.get_attribute('#p2 .gloss-entry[data-key="yost"]', "class").split() == ["gloss-entry", "is-active"]
    page.hover('#p2 .gloss-entry[data-key="zorin"]')
    assert "is-active" in page.get_attribute('#p2 a.gref[data-key="zorin"]', "class")
    page.context.close()


@pytest.mark.parametrize("path", [DOC_000, DOC_002])
def test_phone_layout_collapses_the_column(browser, base_url, path):
    page = open_page(browser, base_url + path, 390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not page.is_visible(".row .gloss")
    for box in _boxes(page):
        if box["side"] and box["side"]["height"]:
            assert box["side"]["top"] >= box["blockBottom"] - 1, f"{box['id']}: notes do not follow their paragraph"
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
    page.context.close()


def test_works_from_file_urls(browser, site):
    page = open_page(browser, (site / DOC_002).as_uri(), 1400)
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Iowan Old Style"')
    assert "side-js" in page.get_attribute("#text", "class")
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


@pytest.mark.parametrize("width,label", [(1400, "desktop"), (390, "phone")])
def test_screenshots_of_every_page(browser, base_url, site, width, label):
    SHOTS.mkdir(exist_ok=True)
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        page = open_page(browser, base_url + relative, width)
        page.screenshot(path=str(SHOTS / f"{relative.replace('/', '_')}.{label}.png"), full_page=True)
        assert page.errors == [], relative
        page.context.close()
