"""Search indexes: what Pagefind and the fallback index hold, and how a failure is reported."""

from __future__ import annotations

import json
import sys

import pytest

from bench.synthetic import make_edition
from edition import search
from edition.build import build
from edition.search import FALLBACK_GLOBAL, index_search, page_filters, words
from tests.conftest import PROJECT

DOC_002 = "documents/1962-12-23-usun-to-state-2477.html"


def fallback(site) -> dict:
    text = (site / "assets/search-index.js").read_text(encoding="utf-8")
    prefix = f"window.{FALLBACK_GLOBAL}="
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def sections_with(index: dict, word: str) -> list[tuple[str, str]]:
    """The (page, anchor) of every section holding ``word``, decoded as search.js decodes it."""
    vocabulary = index["words"].split(" ")
    if word not in vocabulary:
        return []
    sections = [(page[0], anchor) for page in index["pages"] for anchor in page[3].split(" ")]
    section, found = 0, []
    for delta in index["postings"][vocabulary.index(word)].split(","):
        section += int(delta, 36)
        found.append(sections[section])
    return found


def test_fallback_index_holds_the_reading_text_once(site):
    index = fallback(site)
    assert (DOC_002, "p9") in sections_with(index, "going"), "the reading text (gong → going) is missing"
    assert sections_with(index, "gong") == [("essays/method.html", "corrections-and-other-interventions"),
                                            ("essays/method.html", "the-page-beside-the-text")]
    assert [page for page, _ in sections_with(index, "kuzentsov")] == ["essays/method.html", "glossary/index.html"]
    assert sections_with(index, "guerrillas") == [(DOC_002, "p10")]


def test_fallback_index_leaves_out_the_side_column_and_the_page_furniture(site):
    index = fallback(site)
    assert [p[0] for p in index["pages"]] == [
        "documents/1962-11-06-kuznetsov-zorin-to-mfa.html", DOC_002,
        "essays/introduction.html", "essays/method.html", "glossary/index.html"]
    assert sections_with(index, "lawyer") == [("glossary/index.html", "mccloy")], "the side column is indexed"
    assert not sections_with(index, "skip"), "the page furniture is indexed"


def test_fallback_index_carries_titles_and_filters(site):
    pages = {p[0]: p for p in fallback(site)["pages"]}
    _, title, filters, _ = pages[DOC_002]
    assert title == "Telegram From the Mission to the United Nations to the Department of State"
    assert filters == {"year": ["1962"], "sender": ["United States Mission to the United Nations"],
                       "recipient": ["United States Department of State"], "type": ["telegram"]}
    assert pages["glossary/index.html"][2] == {}


def test_pagefind_indexes_the_same_pages(site):
    bundles = json.loads((site / "pagefind/bundles.json").read_text())["bundles"]
    entries = [json.loads((site / "pagefind" / bundle / "pagefind-entry.json").read_text()) for bundle in bundles]
    assert sum(e["languages"]["en"]["page_count"] for e in entries) == len(fallback(site)["pages"]) == 5


def test_the_pages_are_spread_over_bundles_that_keep_their_pages_as_the_edition_grows(monkeypatch):
    monkeypatch.setattr(search, "BUNDLE_PAGES", 4)
    pages = {f"documents/d{n}.html": {} for n in range(10)}
    bundles = search.bundle_pages(pages)
    assert sorted(bundles) == ["b0", "b1", "b2", "b3"] and sorted(sum(bundles.values(), [])) == sorted(pages)
    grown = search.bundle_pages({**pages, "documents/d10.html": {}})
    moved = [url for name, urls in bundles.items() for url in urls if url not in grown[name]]
    assert moved == []  # one page more: every page stays in its bundle


def test_words_fold_case_and_accents():
    assert words("Čapek's “Résumé”, 1962-11") == ["capek", "s", "resume", "1962", "11"]


def test_filters_read_text_attributes_and_inline_values():
    from lxml import html

    tree = html.fromstring('<div><span data-pagefind-filter="who">Ann  Lee</span>'
                           '<p data-kind="memo" data-pagefind-filter="type[data-kind], note:a, b">x</p></div>')
    assert page_filters(tree) == {"who": ["Ann Lee"], "type": ["memo"], "note": ["a, b"]}


def fake_pagefind(seen: list, status: int, stderr: str = ""):
    """A stand-in for ``subprocess.Popen`` that records the command and ends with ``status``."""
    class Process:
        def __init__(self, command, **options):
            seen.append(command)
            self.args, self.returncode = command, status

        def communicate(self):
            return "", stderr
    return Process


def test_a_failing_pagefind_is_reported_and_the_output_kept(tmp_path, monkeypatch):
    output = tmp_path / "output"
    assert build(PROJECT, output).ok
    before = sorted(p.relative_to(output) for p in output.rglob("*"))

    monkeypatch.setattr(search.subprocess, "Popen", fake_pagefind([], 1, "Error: something broke\n"))
    report = build(PROJECT, output, base_url="https://example.org/elsewhere/")  # every page changes: a new index
    assert not report.ok
    assert [str(p) for p in report.errors] == [
        "pagefind: error: the search index could not be built: Error: something broke (install the build's"
        " dependencies with 'python3 tasks.py site', which include pagefind[bin])"]
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before


def test_index_search_runs_pagefind_from_this_python(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(search.subprocess, "Popen", fake_pagefind(seen, 0))
    (tmp_path / "a.html").write_text('<html><body><main data-pagefind-body><p id="p1">Hello</p></main></body></html>')
    files, problems = index_search(tmp_path)
    assert problems == [] and sorted(files) == ["assets/search-index.js", "pagefind/bundles.json"]
    assert seen[0][:3] == [sys.executable, "-m", "pagefind"]
    assert seen[0][seen[0].index("--glob") + 1] == "{a.html}"
    assert seen[0][seen[0].index("--output-subdir") + 1] == "pagefind/b0"
    assert seen[0][seen[0].index("--exclude-selectors") + 1] == ".dipl, .side, .noteref, .appref, .pnum, .visually-hidden"
    assert sections_with(fallback(tmp_path), "hello") == [("a.html", "")]


def test_fallback_index_ships_words_not_text(site):
    script = (site / "assets/search-index.js").read_text(encoding="utf-8")
    assert "heavy cuban armament" not in script.lower() and "camps for training" not in script


@pytest.mark.browser
def test_the_search_page_merges_every_bundle(browser, tmp_path, monkeypatch):
    """Pages spread over several Pagefind bundles are found together, from one search."""
    from tests.conftest import serving

    monkeypatch.setattr(search, "BUNDLE_PAGES", 8)
    project = make_edition(24, tmp_path / "project")
    output = project / "output"
    assert build(project, output).ok
    bundles = json.loads((output / "pagefind/bundles.json").read_text())["bundles"]
    assert len(bundles) >= 4
    with serving(output) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/search.html")
        page.fill("#search-query", "telegram")
        page.press("#search-query", "Enter")
        page.wait_for_function("() => document.getElementById('search-status').textContent.includes('found')")
        found = page.eval_on_selector_all("#search-results h2 a", "links => links.map(a => a.getAttribute('href'))")
        page.close()
    documents = {href.split("#")[0] for href in found if href.startswith("documents/")}
    assert documents == {f"documents/doc-{n:05d}.html" for n in range(24)}
