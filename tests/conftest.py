"""Shared fixtures: the real edition built once per test session, parsed pages."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from lxml import html as lxml_html

from edition.build import build

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = PROJECT / "sources"  # the source texts as they reached the editors (see sources/README.md)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real edition, built from content/ into a temporary output folder."""
    output = tmp_path_factory.mktemp("site") / "output"
    report = build(PROJECT, output)
    assert report.ok, "\n".join(map(str, report.problems))
    return output


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The real edition built as published, with a base URL."""
    output = tmp_path_factory.mktemp("published") / "output"
    report = build(PROJECT, output, base_url="https://example.org/new-york-talks")
    assert report.ok
    return output


def parse_page(path: Path):
    """An lxml tree of an output page."""
    return lxml_html.fromstring(path.read_bytes())


@pytest.fixture
def fixture_project(tmp_path) -> Path:
    """A copy of the project's templates with a small content folder of its own."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "templates", project / "templates")
    (project / "content" / "documents").mkdir(parents=True)
    (project / "content" / "edition.yaml").write_text(
        "title: Test Edition\neditors: [Jane Doe]\npublisher: Test Press\nyear: 2026\nlanguage: en\n", encoding="utf-8")
    return project


def needs(present: bool, message: str) -> None:
    """Skip a test whose tool is missing, except in CI (``CI`` set), where a missing tool fails it."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(message + " (in CI every gate must run)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (Playwright allows one sync driver at a time)."""
    needs(CHROMIUM.exists(), "Chromium is missing: run 'python3 tasks.py test', which installs it")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(directory: Path, handler: type = QuietHandler) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) while in the block; yields ``http://127.0.0.1:PORT``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
