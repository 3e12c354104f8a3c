"""Command line: ``python build.py [--strict] [--output DIR]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import build


def main(argv: list[str] | None = None, project: Path | None = None) -> int:
    """Build the edition; print problems and a one-line summary; return the exit status."""
    parser = argparse.ArgumentParser(prog="build.py", description="Build the critical edition from content/ into output/.")
    parser.add_argument("--project", type=Path, default=project or Path.cwd(),
                        help="folder holding content/ and templates/ (default: here)")
    parser.add_argument("--output", type=Path, help="where to write the site (default: PROJECT/output)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--base-url", default=os.environ.get("EDITION_BASE_URL", ""),
                        help="the address the site is published at (overrides edition.yaml; env EDITION_BASE_URL)")
    args = parser.parse_args(argv)
    if args.base_url and not args.base_url.startswith(("https://", "http://")):
        parser.error(f"--base-url must be an http(s) address, not {args.base_url!r}")
    output = args.output or args.project / "output"
    report = build(args.project, output, strict=args.strict, base_url=args.base_url)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    sys.stderr.flush()
    print(report.summary())
    if report.ok:
        print(f"Open {(output / 'index.html').resolve()} in a browser.")
    return 0 if report.ok else 1
