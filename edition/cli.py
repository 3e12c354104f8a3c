"""Command line: ``python build.py [COMMAND] [options]``; the only module that prints.

Commands: ``build`` (the default), ``check``, ``serve``, ``new`` and ``import-tei``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .build import BuildReport, build
from .problems import did_you_mean

COMMANDS = {
    "build": "build the edition into output/ (the default command)",
    "check": "check every file and template; write nothing",
    "serve": "build, serve on 127.0.0.1, rebuild and reload pages on every change",
    "new": "write a new document with every front-matter key, and print its path",
    "import-tei": "convert a TEI file (e.g. a Foreign Relations volume) into content/",
}
USAGE = "\n".join(["usage: python build.py [COMMAND] [options]", "", "commands:"]
                  + [f"  {name:<11} {text}" for name, text in COMMANDS.items()]
                  + ["", "'python build.py COMMAND --help' describes a command's options."])


def main(argv: list[str] | None = None, project: Path | None = None) -> int:
    """Run one command; return the exit status (0 ok, 1 problems in the content, 2 bad usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    command = argv.pop(0) if argv and not argv[0].startswith("-") else "build"
    if command not in COMMANDS:
        hint = did_you_mean(command, COMMANDS) or "the commands are " + ", ".join(COMMANDS)
        print(f"build.py: error: unknown command '{command}' ({hint})", file=sys.stderr)
        return 2
    if command == "import-tei":
        from .tei_import import run as import_tei
        return import_tei(argv)
    return {"build": _build, "check": _check, "serve": _serve, "new": _new}[command](argv, project or Path.cwd())


def _parser(command: str, project: Path) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"build.py {command}", description=COMMANDS[command])
    parser.add_argument("--project", type=Path, default=project, help="folder holding content/ and templates/ (default: here)")
    return parser


def _content_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--base-url", default=os.environ.get("EDITION_BASE_URL", ""),
                        help="the address the site is published at (overrides edition.yaml; env EDITION_BASE_URL)")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    talk.add_argument("--verbose", "-v", action="store_true", help="also print the time of each step of the build")


def _base_url(parser: argparse.ArgumentParser, url: str) -> str:
    if url and not (url.startswith(("https://", "http://")) and _printable(url)):
        parser.error(f"--base-url must be an http(s) address without spaces or control characters, not {url!r}")
    return url


def _printable(text: str) -> bool:
    return all(c.isprintable() and not c.isspace() for c in text) and not any(c in text for c in "<>\"'`{}\\")


def _build(argv: list[str], project: Path) -> int:
    parser = _parser("build", project)
    parser.add_argument("--output", type=Path, help="where to write the site (default: PROJECT/output)")
    parser.add_argument("--drafts", action="store_true", help="include documents marked 'draft: true'")
    _content_options(parser)
    args = parser.parse_args(argv)
    output = args.output or args.project / "output"
    bar = ProgressBar(enabled=not args.quiet)
    report = build(args.project, output, strict=args.strict, base_url=_base_url(parser, args.base_url),
                   drafts=args.drafts, jobs=args.jobs, progress=bar.update)
    bar.close()
    _print_report(report, args.quiet, args.verbose)
    if report.ok and not args.quiet:
        print(f"Open {(output / 'index.html').resolve()} in a browser.")
    return 0 if report.ok else 1


def _check(argv: list[str], project: Path) -> int:
    parser = _parser("check", project)
    _content_options(parser)
    args = parser.parse_args(argv)
    bar = ProgressBar(enabled=not args.quiet)
    report = build(args.project, args.project / "output", strict=args.strict, base_url=_base_url(parser, args.base_url),
                   drafts=True, jobs=args.jobs, write=False, progress=bar.update)
    bar.close()
    _print_report(report, args.quiet, args.verbose)
    return 0 if report.ok else 1


def _print_report(report: BuildReport, quiet: bool, verbose: bool = False) -> None:
    for problem in report.problems:
        print(problem, file=sys.stderr)
    sys.stderr.flush()
    if verbose and report.phases:
        print("  ".join(f"{name} {seconds:.2f} s" for name, seconds in report.phases.items()))
    if not quiet or not report.ok:
        print(report.summary())


def _serve(argv: list[str], project: Path) -> int:
    parser = _parser("serve", project)
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    parser.add_argument("--output", type=Path, help="where the served site is built (default: PROJECT/.edition-cache/serve)")
    args = parser.parse_args(argv)
    from .serve import serve
    return serve(args.project, args.output or args.project / ".edition-cache" / "serve", args.port, print)


def _new(argv: list[str], project: Path) -> int:
    parser = _parser("new", project)
    parser.add_argument("title", help="the document's title, in quotes")
    parser.add_argument("--date", required=True, help="the document's date: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    parser.add_argument("--type", default="telegram", help="letter, telegram, memorandum … (default: telegram)")
    parser.add_argument("--id", help="the document's id and file name (default: from the date and title)")
    args = parser.parse_args(argv)
    from .scaffold import NewDocumentError, write_new_document
    try:
        path = write_new_document(args.project / "content", args.title, args.date, args.type, args.id)
    except NewDocumentError as exc:
        print(f"build.py new: error: {exc}", file=sys.stderr)
        return 1
    print(path.relative_to(args.project) if path.is_relative_to(args.project) else path)
    return 0


class ProgressBar:
    """A one-line progress bar on a terminal, shown only when the work takes more than a moment."""

    DELAY = 0.7

    def __init__(self, enabled: bool = True, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.started = time.monotonic()
        self.shown = False

    def update(self, phase: str, done: int, total: int) -> None:
        if not self.enabled or not total or time.monotonic() - self.started < self.DELAY:
            return
        width = 30
        filled = width * done // total
        self.stream.write(f"\r{phase:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
