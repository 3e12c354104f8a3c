"""Nothing from content can run script: hostile values in every field and construct, built and opened in Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from edition.build import build
from edition.linked_data import _dump
from tests.conftest import PROJECT, QuietHandler, serving

#: Each tries to run script in its own way; ``window.__pwned`` or a dialog shows that one did.
PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '"><svg onload=alert(3)>',
    "'><iframe src=javascript:alert(4)></iframe>",
    "</script><script>alert(5)</script>",
    "<!-- the rest of the page is a comment",
    "{{ 7 * 7 }} <style>body{display:none}</style>",
]
ATTACK = " ".join(PAYLOADS)
FIELD = json.dumps(ATTACK)  # a JSON string is a valid double-quoted YAML scalar


def _hostile_project(root: Path) -> Path:
    project = root / "project"
    shutil.copytree(PROJECT / "templates", project / "templates")
    content = project / "content"
    (content / "documents").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "edition.yaml").write_text(
        f"title: {FIELD}\nsubtitle: {FIELD}\ndescription: {FIELD}\neditors: [{{literal: {FIELD}}}]\n"
        f"publisher: {FIELD}\nyear: 2026\nlicence: {FIELD}\nlicence_url: https://example.org/licence\n"
        f"version: {FIELD}\nrepository: https://example.org/repo\n", encoding="utf-8")
    (content / "glossary.yaml").write_text(
        f"hostile:\n  kind: person\n  label: {FIELD}\n  short: {FIELD}\n  role: {FIELD}\n  dates: {FIELD}\n"
        f"  aliases: [Mallory]\n  description: |\n    {ATTACK} [[hostile|{PAYLOADS[1]}]]\n", encoding="utf-8")
    (content / "documents" / "a.md").write_text(
        f"---\ntitle: {FIELD}\ndate: 1962-11-06\nplace: {FIELD}\nfrom: {FIELD}\nto: [hostile, {FIELD}]\n"
        f"type: {FIELD}\nclassification: {FIELD}\nsummary: {FIELD}\ntranslator: {FIELD}\n"
        f"source:\n  repository: {FIELD}\n  archive: {FIELD}\n  identifier: {FIELD}\n  citation: {FIELD}\n"
        f"  series: {FIELD}\n  volume: {FIELD}\n  publisher: {FIELD}\n  published: {FIELD}\n"
        f"  url: https://example.org/source\nwitnesses:\n  A: {FIELD}\n  B: {FIELD}\n"
        f"revisions:\n  - date: 2026-01-01\n    note: {FIELD}\n---\n\n"
        f"# Heading {ATTACK}[^1]\n\n"
        f"Mallory said {ATTACK}.{{>>{PAYLOADS[0]} {PAYLOADS[1]}<<}} {{~~{PAYLOADS[2]}~>{PAYLOADS[1]}~~}}\n"
        f"{{++{PAYLOADS[0]}++}} {{--{PAYLOADS[1]}--}} {{??{PAYLOADS[2]}??}} {{gap: {PAYLOADS[1]}}}\n"
        f"{{illegible: {PAYLOADS[0]}}} {{pb: 2\"><script>alert(8)</script>}} [[hostile|{PAYLOADS[1]}]]\n"
        f"{{A: {PAYLOADS[1]} | B: {PAYLOADS[0]}}} `{PAYLOADS[0]}` [link](javascript:alert(9))\n"
        f"[link]({PAYLOADS[1]}) <a href=\"javascript:alert(10)\">x</a>\n\n"
        f":::{{signature}}\n{ATTACK}\n:::\n\n"
        f"<div onclick=\"alert(11)\">{PAYLOADS[0]}</div>\n\n"
        f"- {PAYLOADS[1]}\n\n> {PAYLOADS[0]}\n\n"
        f"[^1]: {ATTACK}\n", encoding="utf-8")
    (content / "pages" / "intro.md").write_text(
        f"---\ntitle: {FIELD}\nsummary: {FIELD}\n---\n\n# {ATTACK}\n\n{ATTACK}[^n]\n\n1. {PAYLOADS[1]}\n\n"
        f"[^n]: {ATTACK}\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = _hostile_project(tmp_path_factory.mktemp("hostile"))
    report = build(project, project / "output", base_url="https://example.org/edition")
    assert report.ok, "\n".join(map(str, report.problems))
    return project / "output"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _own_script(src: str) -> bool:
    """A script file of the edition's own (its assets, or Pagefind's files beside them), never another site's."""
    return "//" not in src and ":" not in src and re.search(r"(^|/)(assets|pagefind)/[\w./-]+\.js$", src) is not None


def test_every_page_is_built_and_no_content_becomes_markup(hostile_site):
    pages = _pages(hostile_site)
    assert len(pages) >= 5
    for page in pages:
        tree = lxml_html.fromstring(page.read_bytes())
        scripts = tree.xpath("//script")
        assert [_own_script(s.get("src") or "") or s.get("type") == "application/ld+json"
                for s in scripts] == [True] * len(scripts), page
        assert tree.xpath("//svg | //iframe | //style | //img[@onerror] | //*[@onclick] | //*[@onload]") == [], page
        assert tree.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]") == [], page
        assert tree.xpath("//main"), f"{page}: the page lost its main element"


def test_json_ld_is_parseable_and_holds_no_markup_characters(hostile_site):
    for page in _pages(hostile_site):
        tree = lxml_html.fromstring(page.read_bytes())
        for block in tree.xpath('//script[@type="application/ld+json"]'):
            assert not set("<>&") & set(block.text), page
            assert ATTACK in _strings(json.loads(block.text)), page


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_json_ld_serialisation_escapes_what_could_end_the_script():
    data = {"name": "a</script><!-- & -->"}
    text = _dump(data)
    assert text == '{\n "name": "a\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"\n}'
    assert json.loads(text) == data


def test_every_page_carries_the_content_security_policy(hostile_site):
    for page in _pages(hostile_site):
        tree = lxml_html.fromstring(page.read_bytes())
        policy = tree.xpath('string(//head/meta[@http-equiv="Content-Security-Policy"]/@content)')
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        # WebAssembly (Pagefind's search) may be compiled; no string may be evaluated as script
        assert directives["default-src"] == "'self'" and directives["script-src"] == "'self' 'wasm-unsafe-eval'", page
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'", page


class _UnderEdition(QuietHandler):
    """Serves the site under /edition/, the path of its base_url (the 404 page's links start from it)."""

    def translate_path(self, path):
        return super().translate_path(path.removeprefix("/edition"))


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with serving(hostile_site, _UnderEdition) as origin:
        yield f"{origin}/edition/"


def _favicon(message) -> bool:
    """Chromium asks every server for /favicon.ico by itself; the edition has none and links none."""
    return message.location.get("url", "").endswith("/favicon.ico")


def _visit(browser, url: str) -> dict:
    """Open ``url``, use the page a little, and say what happened: dialogs, console errors, the canary."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    seen = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" and not _favicon(m) else None)
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "/documents/" in url and not url.endswith(".source.html"):
        page.goto(url + "#p2")  # the paragraph citation is written with innerHTML from the page's data
        page.wait_for_timeout(100)
    for link in page.query_selector_all("main a[href^='javascript'], main .gref, main .noteref a"):
        link.hover()
    seen["pwned"] = page.evaluate("window.__pwned === undefined ? null : window.__pwned")
    seen["main"] = page.evaluate("document.querySelector('main') ? document.querySelector('main').innerText.length : 0")
    seen["policy"] = page.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]') !== null")
    context.close()
    return seen


@pytest.mark.browser
def test_no_script_from_content_ever_runs_in_chromium(browser, hostile_site, hostile_url):
    for page in _pages(hostile_site):
        url = hostile_url + page.relative_to(hostile_site).as_posix()
        seen = _visit(browser, url)
        assert seen["dialogs"] == [] and seen["pwned"] is None, url
        assert seen["errors"] == [], f"{url}: {seen['errors']}"  # a payload blocked by the CSP would show here
        assert seen["policy"] and seen["main"] > 0, url
        assert all(r.startswith(hostile_url) for r in seen["requests"]), f"{url} loads from elsewhere: {seen['requests']}"


@pytest.mark.browser
def test_the_policy_blocks_an_inline_script_that_got_through(browser, hostile_site, hostile_url):
    """The test above would be blind if the policy did not hold: a page with an injected inline script proves it does."""
    page_file = hostile_site / "index.html"
    original = page_file.read_bytes()
    try:
        page_file.write_bytes(original.replace(b"</main>", b"<script>window.__pwned = 12</script></main>"))
        seen = _visit(browser, hostile_url + "index.html")
    finally:
        page_file.write_bytes(original)
    assert seen["pwned"] is None
    assert any("Content Security Policy" in e for e in seen["errors"])
