"""Incremental builds write exactly what a clean build writes, after any sequence of edits.

Hypothesis applies random sequences of edits (a document's text, adding, removing and
renaming documents, a glossary entry, a template, edition.yaml) to a small synthetic
edition, rebuilding incrementally after each; the output must equal, byte for byte, a
clean build of the same files made without any cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import document_text, edit_template, glossary_entries, make_edition, with_body_edited
from edition.build import build
from edition.write import MARKER

DOCUMENTS = 4


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_quickly(project: Path, output: Path):
    """A build without the search index (Pagefind's files differ from run to run; tested in test_search.py)."""
    return build(project, output, jobs=1, search=False)


def clean_build(project: Path, into: Path) -> dict[str, bytes]:
    """A build of the same content and templates in a fresh folder, with no cache."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(project / "content", into / "content")
    shutil.copytree(project / "templates", into / "templates")
    report = build_quickly(into, into / "output")
    assert report.ok, [str(p) for p in report.errors]
    return files_of(into / "output")


def documents(project: Path) -> list[Path]:
    return sorted((project / "content" / "documents").glob("*.md"))


def edit_text(project: Path, n: int) -> None:
    files = documents(project)
    path = files[n % len(files)]
    path.write_text(with_body_edited(path.read_text(), lambda body: body.replace(" the ", " the amended ", 1).replace(
        "\n\n", "\n\nA new paragraph.\n\n", 1)))


def add_document(project: Path, n: int) -> None:
    path = project / "content" / "documents" / f"doc-{100 + n:05d}.md"
    path.write_text(document_text(100 + n, glossary_entries()))


def remove_document(project: Path, n: int) -> None:
    files = documents(project)
    if len(files) > 1:
        files[n % len(files)].unlink()


def change_id(project: Path, n: int) -> None:
    files = documents(project)
    path = files[n % len(files)]
    text = path.read_text()
    old = text.split("\nid: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(f"\nid: {old}\n", f"\nid: renamed-{n}-{old}\n", 1))


def edit_glossary(project: Path, n: int) -> None:
    path = project / "content" / "glossary.yaml"
    lines = path.read_text().splitlines(keepends=True)
    shorts = [i for i, line in enumerate(lines) if line.startswith("  short: ")]
    i = shorts[n % len(shorts)]
    lines[i] = lines[i].rstrip("\n") + f" Revised {n}.\n"
    if n % 2:  # also give it a new alias, which every text may now match
        aliases = next(j for j in range(i, len(lines)) if lines[j].startswith("  aliases: ["))
        lines[aliases] = lines[aliases].replace("[", "[the amended, ", 1)
    path.write_text("".join(lines))


def edit_edition(project: Path, n: int) -> None:
    path = project / "content" / "edition.yaml"
    path.write_text(path.read_text().replace("\ntitle: ", f"\ntitle: Revision {n} of ", 1))


EDITS = [edit_text, add_document, remove_document, change_id, edit_glossary, edit_template, edit_edition]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50)), min_size=1, max_size=4))
def test_incremental_build_equals_clean_build(tmp_path_factory, edits):
    root = tmp_path_factory.mktemp("incremental")
    project = make_edition(DOCUMENTS, root / "project")
    output = project / "output"
    assert build_quickly(project, output).ok
    for edit, n in edits:
        edit(project, n)
        report = build_quickly(project, output)
        assert report.ok, [str(p) for p in report.errors]
        assert files_of(output) == clean_build(project, root / "clean")


def test_unchanged_rebuild_renders_nothing_and_one_edit_renders_only_its_pages(tmp_path):
    project = make_edition(DOCUMENTS, tmp_path / "project")
    output = project / "output"
    first = build(project, output, jobs=1)
    assert first.ok and first.rendered > 0
    assert build(project, output, jobs=1).rendered == 0
    inodes = {p.name: p.stat().st_ino for p in (output / "documents").glob("*.html")}
    edit_text(project, 0)
    edited = documents(project)[0].stem
    again = build(project, output, jobs=1)
    assert 0 < again.rendered < first.rendered
    changed = {p.name for p in (output / "documents").glob("*.html") if p.stat().st_ino != inodes[p.name]}
    assert changed == {f"{edited}.html", f"{edited}.source.html"}  # the other documents' files were kept
    assert (output / MARKER).is_file()


def test_parallel_build_equals_serial_build(tmp_path):
    project = make_edition(45, tmp_path / "project")
    assert build(project, tmp_path / "serial", jobs=1, search=False).ok
    assert build(project, tmp_path / "parallel", jobs=2, search=False).ok
    assert files_of(tmp_path / "serial") == files_of(tmp_path / "parallel")


def test_search_index_is_kept_until_a_page_changes(tmp_path):
    project = make_edition(3, tmp_path / "project")
    output = project / "output"
    assert build(project, output, jobs=1).ok
    index = output / "assets" / "search-index.js"
    first = index.stat().st_ino
    assert build(project, output, jobs=1).rendered == 0
    assert index.stat().st_ino == first and (output / "pagefind" / "b0" / "pagefind.js").is_file()
    edit_text(project, 0)
    assert build(project, output, jobs=1).ok
    assert index.stat().st_ino != first and b"amended" in index.read_bytes()
