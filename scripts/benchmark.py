#!/usr/bin/env python3
"""Build a synthetic edition of N documents and report the time per phase.

    python scripts/benchmark.py 1000          # 1,000 documents made from the two real ones

The documents are the real transcriptions with new ids and dates, so the markup,
glossary matching and citations are as costly as in the real edition.  Compare
sizes within one run (ratios), not absolute seconds across machines.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import tempfile
import time
from pathlib import Path

from edition.content import load_content
from edition.render import render_site
from edition.site import assemble
from edition.write import write_output

ROOT = Path(__file__).resolve().parent.parent


def make_project(size: int, into: Path) -> Path:
    """A copy of content/ and templates/ whose documents/ holds ``size`` variants of the real ones."""
    project = into / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("documents"))
    documents = project / "content" / "documents"
    documents.mkdir()
    sources = sorted((ROOT / "content" / "documents").glob("*.md"))
    start = datetime.date(1962, 10, 22)
    for n in range(size):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        day = start + datetime.timedelta(days=n % 400)
        text = text.replace("---\n", f"---\nid: doc-{n:05d}\n", 1)
        text = text.replace("date: 1962-11-06\n", f"date: {day.isoformat()}\n").replace(
            "date: 1962-12-23T14:00\n", f"date: {day.isoformat()}T14:00\n")
        (documents / f"doc-{n:05d}.md").write_text(text, encoding="utf-8")
    return project


def timed(label: str, func, *args):
    began = time.perf_counter()
    result = func(*args)
    print(f"  {label:<10} {time.perf_counter() - began:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("documents", type=int, nargs="?", default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(args.documents, Path(tmp))
        print(f"{args.documents} documents")
        began = time.perf_counter()
        content, problems = timed("load", load_content, project / "content")
        site, found = timed("assemble", assemble, content)
        assert site is not None, [str(p) for p in problems + found if p.is_error][:5]
        files = timed("render", render_site, site, project / "templates")
        timed("write", write_output, files, Path(tmp) / "output")
        total = time.perf_counter() - began
        print(f"  {'total':<10} {total:7.2f} s  ({args.documents / total:.0f} documents/s, {len(files)} files)")


if __name__ == "__main__":
    main()
