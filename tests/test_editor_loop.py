"""The editor's loop: check, new, drafts, serve, template errors, and an output folder that cannot destroy sources."""

from __future__ import annotations

import threading
import time
import urllib.request

import pytest

from bench.synthetic import make_edition
from edition.build import build
from edition.cli import main
from edition.serve import Server
from edition.write import MARKER
from tests.conftest import parse_page

GOOD = "---\ntitle: A telegram\ndate: 1962-11-06\n---\n\nThe text of the telegram.\n"


def write(project, name, text):
    path = project / "content" / "documents" / name
    path.write_text(text, encoding="utf-8")
    return path


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# check ------------------------------------------------------------------------------

def test_check_writes_nothing_and_exits_0_when_clean(fixture_project, capsys):
    write(fixture_project, "a.md", GOOD)
    before = sorted(p.name for p in fixture_project.iterdir())
    assert main(["check", "--project", str(fixture_project)]) == 0
    assert sorted(p.name for p in fixture_project.iterdir()) == before
    assert capsys.readouterr().out.startswith("Checked 1 document, 0 pages: no errors, 0 warnings")


def test_check_reads_a_large_edition_in_parallel_and_still_writes_nothing(tmp_path, capsys):
    """Worker processes hand their records over through a scratch cache, not the project's."""
    project = make_edition(60, tmp_path / "large")
    assert main(["check", "--project", str(project), "--jobs", "2"]) == 0
    assert "Checked 60 documents" in capsys.readouterr().out
    assert not (project / "output").exists() and not (project / ".edition-cache").exists()


def test_check_exits_1_and_names_every_problem(fixture_project, capsys):
    write(fixture_project, "a.md", GOOD.replace("The text", "The {++text"))
    write(fixture_project, "b.md", GOOD.replace("title: A telegram\n", "title: B\nfrom: [[x]]\n"))
    assert main(["check", "--project", str(fixture_project)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("content/documents/a.md:6:5: error: '{++' is never closed")
    assert "content/documents/b.md:3: error: 'from' must be text or a list of texts" in err
    assert not (fixture_project / "output").exists()


def test_check_also_checks_drafts(fixture_project):
    write(fixture_project, "a.md", GOOD)
    write(fixture_project, "b.md", GOOD.replace("---\n\n", "draft: true\n---\n\n").replace("The text", "The {--text"))
    assert main(["check", "--project", str(fixture_project)]) == 1


def test_unknown_command_is_named_with_a_suggestion(capsys):
    assert main(["serv"]) == 2
    assert capsys.readouterr().err == "build.py: error: unknown command 'serv' (did you mean 'serve'?)\n"


# new --------------------------------------------------------------------------------

def test_new_writes_a_valid_draft_with_every_key(fixture_project, capsys):
    assert main(["new", "Telegram 2480: Cuba", "--date", "1962-12-24", "--project", str(fixture_project)]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == "content/documents/1962-12-24-telegram-2480-cuba.md"
    text = (fixture_project / printed).read_text()
    for key in ("id", "title", "date", "place", "from", "to", "type", "classification", "language",
                "original_language", "translator", "summary", "draft", "source", "witnesses", "revisions"):
        assert f"\n{key}:" in text, key
    assert '\ntitle: "Telegram 2480: Cuba"\n' in text
    report = build(fixture_project, fixture_project / "output", drafts=True)
    assert report.ok and report.problems == [] and report.documents == 1
    page = parse_page(fixture_project / "output/documents/1962-12-24-telegram-2480-cuba.html")
    assert page.xpath("string(//h1)") == "Telegram 2480: Cuba"
    assert page.xpath('//p[@class="draft-note"]')


def test_new_never_overwrites_and_checks_the_date(fixture_project, capsys):
    args = ["new", "A title", "--date", "1962-12-24", "--project", str(fixture_project)]
    assert main(args) == 0
    path = fixture_project / "content/documents/1962-12-24-a-title.md"
    path.write_text("edited")
    assert main(args) == 1
    assert path.read_text() == "edited"
    assert main(["new", "A title", "--date", "1962-13-01", "--project", str(fixture_project)]) == 1
    assert "has no month 13" in capsys.readouterr().err


# drafts -----------------------------------------------------------------------------

def test_drafts_are_left_out_of_the_published_build(fixture_project):
    write(fixture_project, "a.md", GOOD)
    write(fixture_project, "b.md", GOOD.replace("title: A telegram", "title: Draft one\ndraft: true"))
    output = fixture_project / "output"
    assert build(fixture_project, output).documents == 1
    assert not (output / "documents/b.html").exists()
    assert "Draft one" not in (output / "index.html").read_text()
    assert build(fixture_project, output, drafts=True).documents == 2
    assert parse_page(output / "index.html").xpath('//span[@class="draft-label"]')


# --output safety --------------------------------------------------------------------

@pytest.mark.parametrize("target", ["content", ".", "templates", "content/documents", ".."])
def test_output_may_never_replace_sources_or_the_project(fixture_project, target):
    write(fixture_project, "a.md", GOOD)
    before = files_of(fixture_project.parent)
    assert main(["--project", str(fixture_project), "--output", str(fixture_project / target)]) == 1
    assert files_of(fixture_project.parent) == before


def test_output_refuses_a_folder_of_files_no_build_wrote(fixture_project, tmp_path, capsys):
    write(fixture_project, "a.md", GOOD)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    assert main(["--project", str(fixture_project), "--output", str(folder)]) == 1
    assert (folder / "notes.txt").read_text() == "keep me"
    assert f"holds files that no build wrote (it has no {MARKER} file)" in capsys.readouterr().err


def test_output_replaces_an_earlier_build_and_a_new_folder(fixture_project, tmp_path):
    write(fixture_project, "a.md", GOOD)
    output = tmp_path / "new" / "site"
    assert main(["--project", str(fixture_project), "--output", str(output)]) == 0
    assert (output / MARKER).is_file()
    assert main(["--project", str(fixture_project), "--output", str(output)]) == 0


def test_interrupted_builds_are_cleaned_up_and_a_lost_output_restored(fixture_project):
    write(fixture_project, "a.md", GOOD)
    output = fixture_project / "output"
    assert build(fixture_project, output).ok
    good = files_of(output)
    # A build killed while filling its staging folder, and one killed between the two renames of a swap:
    staging = fixture_project / ".output.new-99999"
    staging.mkdir()
    (staging / MARKER).write_bytes(b"")
    output.rename(fixture_project / ".output.old-99998")
    assert build(fixture_project, output, write=True, strict=False).ok
    assert files_of(output) == good
    assert sorted(p.name for p in fixture_project.iterdir()) == [".edition-cache", "content", "output", "templates"]


# templates --------------------------------------------------------------------------

def test_template_syntax_error_names_file_and_line(fixture_project):
    write(fixture_project, "a.md", GOOD)
    page = fixture_project / "templates/page.html"
    page.write_text(page.read_text().replace("{% block main %}", "{% block main %}\n{% if %}", 1))
    report = build(fixture_project, fixture_project / "output")
    assert [str(p) for p in report.errors] == [
        "templates/page.html:5: error: template syntax: Expected an expression, got 'end of statement block'"]


def test_template_runtime_error_names_file_and_line(fixture_project):
    write(fixture_project, "a.md", GOOD)
    document = fixture_project / "templates/document.html"
    lines = document.read_text().splitlines(keepends=True)
    lines.insert(13, "{{ doc.no_such_field.deeper }}\n")
    document.write_text("".join(lines))
    report = build(fixture_project, fixture_project / "output")
    assert not report.ok and not (fixture_project / "output").exists()
    assert [str(p) for p in report.errors] == [
        "templates/document.html:14: error: template failed: 'edition.model.Document object' has no attribute"
        " 'no_such_field' (while rendering document.html)"]


# serve ------------------------------------------------------------------------------

def wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_serve_rebuilds_on_save_and_serves_the_bytes_a_build_writes(fixture_project, tmp_path):
    path = write(fixture_project, "a.md", GOOD)
    write(fixture_project, "b.md", GOOD.replace("title: A telegram", "title: Draft two\ndraft: true"))
    server = Server(fixture_project, tmp_path / "served", 0, say=lambda message: None)
    server.start()
    try:
        url = f"http://127.0.0.1:{server.port}/documents/a.html"
        served = urllib.request.urlopen(url).read()
        on_disk = (tmp_path / "served/documents/a.html").read_bytes()
        assert served.replace(b'<script src="/__edition__/live.js" defer></script>', b"") == on_disk
        assert urllib.request.urlopen(f"http://127.0.0.1:{server.port}/documents/b.html").status == 200
        path.write_text(GOOD.replace("The text", "The corrected text"))
        assert wait_for(lambda: b"The corrected text" in (tmp_path / "served/documents/a.html").read_bytes())
        path.write_text(GOOD.replace("The text", "The {--text"))
        assert wait_for(lambda: server.status.errors)
        assert server.status.errors[0]["where"] == "content/documents/a.md:6:5"
        assert b"The corrected text" in urllib.request.urlopen(url).read()  # the last good site stays served
        path.write_text(GOOD)
        assert wait_for(lambda: not server.status.errors)
    finally:
        server.stop()
    assert threading.active_count() < 20


def test_essay_links_to_missing_pages_are_warned_and_fail_strict_builds(fixture_project):
    write(fixture_project, "a.md", GOOD)
    (fixture_project / "content" / "pages").mkdir()
    (fixture_project / "content" / "pages" / "about.md").write_text(
        "---\ntitle: About\n---\n\nSee [the telegram](../documents/a.html#p1), [nothing](../documents/b.html),\n"
        "[the glossary](../glossary/index.html) and [elsewhere](https://example.org/x.html).\n", encoding="utf-8")
    report = build(fixture_project, fixture_project / "output")
    assert report.ok
    assert [str(p) for p in report.warnings] == [
        "content/pages/about.md:5: warning: link to a page the edition does not have: '../documents/b.html'"
        " (check the path; links are relative to the essay's page, e.g. '../documents/<id>.html')"]
    assert not build(fixture_project, fixture_project / "output", strict=True).ok


@pytest.mark.browser
def test_serve_reloads_the_page_and_shows_and_hides_the_error_overlay(fixture_project, tmp_path, browser):
    path = write(fixture_project, "a.md", GOOD)
    server = Server(fixture_project, tmp_path / "served", 0, say=lambda message: None)
    server.start()
    try:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"http://127.0.0.1:{server.port}/documents/a.html")
        page.wait_for_function("() => document.body.innerText.includes('The text of the telegram')")
        page.wait_for_timeout(300)  # the event stream is open
        path.write_text(GOOD.replace("The text", "The corrected text"))
        page.wait_for_function("() => document.body.innerText.includes('The corrected text')", timeout=10000)
        path.write_text(GOOD.replace("The text", "The {--text"))
        overlay = page.locator("#edition-build-errors")
        overlay.wait_for(state="visible", timeout=10000)
        assert overlay.get_attribute("role") == "alert"
        assert overlay.locator(".where").first.text_content() == "content/documents/a.md:6:5"
        assert "'{--' is never closed" in overlay.text_content()
        path.write_text(GOOD.replace("The text", "The fixed text"))
        page.wait_for_function("() => document.body.innerText.includes('The fixed text')", timeout=10000)
        assert page.locator("#edition-build-errors").count() == 0
        assert errors == []
        page.close()
    finally:
        server.stop()


def test_quiet_prints_nothing_for_a_good_build_and_verbose_times_each_step(fixture_project, capsys):
    write(fixture_project, "a.md", GOOD)
    assert main(["--project", str(fixture_project), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--project", str(fixture_project), "--verbose"]) == 0
    steps = capsys.readouterr().out.splitlines()[0].split("  ")
    assert [step.rsplit(" ", 2)[0] for step in steps] == ["load", "read", "assemble and plan", "render", "search index",
                                                            "write"]
