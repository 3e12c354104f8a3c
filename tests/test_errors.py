"""Bad input: every problem of a run reported with file:line, and output/ never damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edition.build import build
from edition.cli import main

GOOD = """---
title: A telegram
date: 1962-11-06
---

Text.
"""


def write(project: Path, name: str, text: str) -> None:
    (project / "content" / "documents" / name).write_text(text, encoding="utf-8")


def write_essay(project: Path, body: str) -> None:
    """A document plus an essay ``pages/intro.md`` whose body is ``body`` (it starts on line 5)."""
    write(project, "a.md", GOOD)
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "intro.md").write_text(f"---\ntitle: Introduction\n---\n\n{body}", encoding="utf-8")


def messages(project: Path) -> list[str]:
    report = build(project, project / "output")
    assert not report.ok
    return [str(p) for p in report.problems]


def test_unknown_front_matter_key_suggests_the_right_one(fixture_project):
    write(fixture_project, "a.md", "---\ntitel: A telegram\ndate: 1962-11-06\n---\n\nText.\n")
    assert messages(fixture_project) == [
        "content/documents/a.md:2: error: 'title' is missing (add a line 'title: …')",
        "content/documents/a.md:2: error: unknown key 'titel' (did you mean 'title'?)",
    ]


def test_impossible_date_is_reported_with_its_line(fixture_project):
    write(fixture_project, "a.md", "---\ntitle: T\nplace: New York\ndate: 1962-11-31\n---\n\nText.\n")
    assert messages(fixture_project) == [
        "content/documents/a.md:4: error: 'date': '1962-11-31': November 1962 has 30 days"
        " (write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)"]


def test_partial_dates_are_allowed(fixture_project):
    write(fixture_project, "a.md", GOOD.replace("1962-11-06", "1962-11"))
    assert build(fixture_project, fixture_project / "output").ok


def test_bad_id_and_yaml_syntax(fixture_project):
    write(fixture_project, "a.md", "---\nid: Telegram 1\ntitle: T\ndate: 1962\n---\n\nText.\n")
    write(fixture_project, "b.md", "---\ntitle: [unclosed\ndate: 1962\n---\n\nText.\n")
    found = messages(fixture_project)
    assert found[0] == ("content/documents/a.md:2: error: 'id' may hold only a-z, 0-9 and single hyphens: "
                        "'Telegram 1' (e.g. 'id: 1962-11-06-kuznetsov')")
    assert found[1] == ("content/documents/b.md:2:8: error: YAML syntax: a '[' list is never closed"
                        " (close it with ']', or put the value in quotes if it is text)")


def test_all_problems_of_a_run_are_reported_together(fixture_project):
    write(fixture_project, "a.md", GOOD + "\nA {~~gong text and [[nobody]].\n")
    write(fixture_project, "b.md", GOOD.replace("Text.", "Call[^1] and :::{signatur}"))
    write(fixture_project, "c.md", "no front matter\n")
    found = messages(fixture_project)
    assert found == [
        "content/documents/a.md:8:3: error: '{~~' is never closed (close it with '~~}' in the same paragraph)",
        "content/documents/a.md:8:20: error: unknown glossary key 'nobody' (add it to content/glossary.yaml)",
        "content/documents/b.md:6:5: error: note '[^1]' has no text (add a line '[^1]: …' at the end of the text)",
        "content/documents/c.md:1: error: the file does not start with a '---' front matter line"
        " (put the metadata between two '---' lines at the top)",
    ]


def test_front_matter_line_numbers_count_from_the_file_top(fixture_project):
    write(fixture_project, "a.md", "---\ntitle: T\ndate: 1962\nsource:\n  ur: https://x.org\n---\n\nText.\n")
    assert messages(fixture_project) == [
        "content/documents/a.md:5: error: unknown key 'source.ur' (did you mean 'url'?)"]


def test_failed_build_leaves_the_last_good_output_untouched(fixture_project):
    write(fixture_project, "a.md", GOOD)
    output = fixture_project / "output"
    assert build(fixture_project, output).ok
    before = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    write(fixture_project, "a.md", GOOD.replace("Text.", "Text {--broken."))
    assert not build(fixture_project, output).ok
    after = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in fixture_project.iterdir()) == [".edition-cache", "content", "output", "templates"]


def test_cli_exit_status_and_summary(fixture_project, capsys):
    write(fixture_project, "a.md", GOOD)
    assert main(["--project", str(fixture_project)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Built 1 document, 0 pages, 0 warnings in ")
    assert out[1] == f"Open {(fixture_project / 'output' / 'index.html').resolve()} in a browser."
    write(fixture_project, "a.md", GOOD.replace("date: 1962-11-06", "date: 6 Nov 1962"))
    assert main(["--project", str(fixture_project)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("content/documents/a.md:3: error: 'date': '6 Nov 1962' is not an ISO 8601 date")
    assert captured.out.startswith("Build failed: 1 error, 0 warnings")


def test_strict_turns_warnings_into_failure(fixture_project):
    write(fixture_project, "a.md", GOOD.replace("Text.", "Text {gpa: 2}."))
    assert build(fixture_project, fixture_project / "output").ok
    assert not build(fixture_project, fixture_project / "output", strict=True).ok


def test_glossary_errors(fixture_project):
    (fixture_project / "content" / "glossary.yaml").write_text(
        "zorin:\n  kind: person\n  label: Valerian A. Zorin\n  short: Soviet envoy.\n  aliases: [Zorin]\n"
        "zorin2:\n  kind: persn\n  label: Zorin again\n  short: Duplicate.\n  aliases: [Zorin]\n  see: [zorn]\n",
        encoding="utf-8")
    write(fixture_project, "a.md", GOOD.replace("Text.", "[[zorn|Zorin]] spoke."))
    assert messages(fixture_project) == [
        "content/documents/a.md:6:1: error: unknown glossary key 'zorn' (did you mean 'zorin' or 'zorin2'?)",
        "content/glossary.yaml:1: warning: glossary entry 'zorin' is never referenced"
        " (add an alias found in a text, reference it with [[key]], or remove it)",
        "content/glossary.yaml:6: error: alias 'Zorin' of 'zorin2' is also an alias of 'zorin'"
        " (keep it on one entry, or set 'link: none' on one and write [[zorin2|Zorin]] where it is meant)",
        "content/glossary.yaml:6: warning: glossary entry 'zorin2' is never referenced"
        " (add an alias found in a text, reference it with [[key]], or remove it)",
        "content/glossary.yaml:7: error: 'zorin2.kind' cannot be 'persn' (did you mean 'person'?)",
        "content/glossary.yaml:11: error: 'zorin2' refers to unknown entry 'zorn' (did you mean 'zorin' or 'zorin2'?)",
    ]


def test_edition_needs_a_year(fixture_project):
    (fixture_project / "content" / "edition.yaml").write_text(
        "title: Test Edition\neditors: [Jane Doe]\npublisher: Test Press\n", encoding="utf-8")
    write(fixture_project, "a.md", GOOD)
    assert messages(fixture_project) == [
        "content/edition.yaml:1: error: 'year' is missing (add the year of publication, e.g. 'year: 2026')"]


def test_unknown_glossary_keys_in_essays_are_errors(fixture_project):
    write_essay(fixture_project, "On [[castro|Castro]].\n")
    assert messages(fixture_project) == [
        "content/pages/intro.md:5:4: error: unknown glossary key 'castro' (add it to content/glossary.yaml)"]


def test_essay_notes_are_printed_with_backlinks(fixture_project):
    write_essay(fixture_project, "A claim.[^1]\n\n[^1]: Its source.\n")
    assert build(fixture_project, fixture_project / "output").ok
    from lxml import html
    tree = html.parse(str(fixture_project / "output" / "essays" / "intro.html"))
    assert tree.xpath('string(//section[@role="doc-endnotes"]//li[@id="n-1"]//span[@class="note-text"])') == "Its source."
    assert tree.xpath('//li[@id="n-1"]//a[@role="doc-backlink"]/@href') == ["#nref-1"]


def test_a_glossary_reference_in_a_source_note_lists_the_entry(fixture_project):
    (fixture_project / "content" / "glossary.yaml").write_text(
        "frus:\n  kind: term\n  label: Foreign Relations of the United States\n  short: The documentary series.\n",
        encoding="utf-8")
    write(fixture_project, "a.md", GOOD.replace("Text.", "Text.[^1]\n\n[^1]: Printed in [[frus|FRUS]]."))
    report = build(fixture_project, fixture_project / "output")
    assert report.ok and report.problems == []
    from lxml import html
    tree = html.parse(str(fixture_project / "output" / "documents" / "a.html"))
    assert tree.xpath('//section[@class="entries"]//div[@id="g-frus"]')


BROKEN = Path(__file__).parent / "broken"
BROKEN_CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def build_broken(project: Path, put_broken) -> list[str]:
    """Build a good edition, break it with ``put_broken(content)``, build again: the messages of the failure.

    Asserts the second build fails and leaves the first build's output, and nothing else, behind.
    """
    write(project, "good.md", GOOD)
    output = project / "output"
    assert build(project, output).ok
    before = snapshot(output)
    put_broken(project / "content")
    report = build(project, output)
    assert not report.ok
    assert snapshot(output) == before
    assert sorted(p.name for p in project.iterdir()) == [".edition-cache", "content", "output", "templates"]
    return [str(p) for p in report.problems]


@pytest.mark.parametrize("case", BROKEN_CASES)
def test_broken_input_gets_exactly_its_messages(fixture_project, case):
    """Each folder in tests/broken/ holds files laid over content/ and, in expected.txt, every message they give."""
    def put_broken(content: Path) -> None:
        shutil.copytree(BROKEN / case, content, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert build_broken(fixture_project, put_broken) == expected


def test_a_folder_named_md_is_reported(fixture_project):
    messages = build_broken(fixture_project, lambda content: (content / "documents" / "b.md").mkdir())
    assert messages == ["content/documents/b.md: error: is a folder, not a file"
                        " (rename the folder so that its name does not end in .md)"]


def test_a_link_out_of_content_is_never_followed(fixture_project):
    secret = fixture_project.parent / "secret.md"
    secret.write_text(GOOD.replace("Text.", "Private notes."), encoding="utf-8")
    messages = build_broken(fixture_project, lambda content: (content / "documents" / "b.md").symlink_to(secret))
    assert messages == ["content/documents/b.md: error: is a link to a file outside content/"
                        " (copy the file into content/; links out of content/ are never followed)"]


def test_a_link_inside_content_is_read(fixture_project):
    (fixture_project / "content" / "drafts").mkdir()
    (fixture_project / "content" / "drafts" / "b.md").write_text(GOOD.replace("Text.", "Linked."), encoding="utf-8")
    (fixture_project / "content" / "documents" / "b.md").symlink_to(Path("..") / "drafts" / "b.md")
    assert build(fixture_project, fixture_project / "output").ok


def test_a_byte_order_mark_changes_nothing_in_the_output(fixture_project, tmp_path):
    write(fixture_project, "a.md", GOOD)
    assert build(fixture_project, tmp_path / "plain").ok
    (fixture_project / "content" / "documents" / "a.md").write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    (fixture_project / "content" / "edition.yaml").write_bytes(
        b"\xef\xbb\xbf" + (fixture_project / "content" / "edition.yaml").read_bytes())
    assert build(fixture_project, tmp_path / "bom").ok
    assert snapshot(tmp_path / "bom") == snapshot(tmp_path / "plain")


def test_a_billion_laughs_fails_fast_and_small(fixture_project):
    """The corpus case yaml-billion-laughs would expand to 10^9 items if aliases were followed."""
    import tracemalloc
    tracemalloc.start()
    shutil.copytree(BROKEN / "yaml-billion-laughs", fixture_project / "content", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("expected.txt"))
    assert not build(fixture_project, fixture_project / "output").ok
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50_000_000


def test_draft_is_read_as_a_boolean(fixture_project):
    from edition.build import read_edition
    write(fixture_project, "a.md", GOOD.replace("---\n\n", "draft: true\n---\n\n"))
    write(fixture_project, "b.md", GOOD.replace("---\n\n", "draft: false\n---\n\n"))
    write(fixture_project, "c.md", GOOD)
    site, documents, problems = read_edition(fixture_project, drafts=True)
    assert problems == []
    assert [d.draft for d in documents] == [True, False, False]
