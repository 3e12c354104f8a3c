"""``build.py serve``: build, serve on 127.0.0.1, rebuild on every change and reload open pages.

The pages served are the files the build wrote, byte for byte; only when an
HTML page is sent is one script tag added (``/__edition__/live.js``), which
reloads the page after a successful rebuild and shows the errors of a failed
one over the last good page.  Drafts are included, and marked as drafts.
"""

from __future__ import annotations

import json
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import watchfiles

from .build import BuildReport, Session, build

LIVE_SCRIPT = (Path(__file__).parent / "static" / "live.js").read_bytes()
SCRIPT_TAG = b'<script src="/__edition__/live.js" defer></script>'
EVENTS = "/__edition__/events"


class Status:
    """The state of the last rebuild, and a way to wait for the next one."""

    def __init__(self):
        self.version = 0
        self.errors: list[dict] = []
        self.changed = threading.Condition()

    def publish(self, report: BuildReport) -> None:
        with self.changed:
            if report.ok:
                self.version += 1
                self.errors = []
            else:
                self.errors = [{"where": _where(p), "severity": p.severity, "message": p.message, "hint": p.hint}
                               for p in report.problems if p.is_error or not report.ok]
            self.changed.notify_all()

    def snapshot(self) -> bytes:
        return json.dumps({"version": self.version, "errors": self.errors}).encode()


def _where(problem) -> str:
    return str(problem).split(f": {problem.severity}: ")[0]


class Handler(SimpleHTTPRequestHandler):
    """Serves the built files; adds the live-reload script to HTML pages; streams rebuild events."""

    status: Status

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/__edition__/live.js":
            return self._send(LIVE_SCRIPT, "text/javascript")
        if self.path == EVENTS:
            return self._events()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(_with_script(path.read_bytes()), "text/html; charset=utf-8")
        if not path.exists() and self.path.split("?")[0].endswith((".html", "/")):
            page = b"<!doctype html><title>Not built</title><body><p>This page is not in the last good build.</p></body>"
            return self._send(_with_script(page), "text/html; charset=utf-8", HTTPStatus.NOT_FOUND)
        return super().do_GET()

    def _send(self, data: bytes, kind: str, code: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        status = self.status
        try:
            while True:
                with status.changed:
                    message = status.snapshot()
                self.wfile.write(b"data: " + message + b"\n\n")
                self.wfile.flush()
                with status.changed:
                    status.changed.wait(timeout=15)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the signature http.server defines
        return


def _with_script(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page[:at] + SCRIPT_TAG + page[at:] if at >= 0 else page + SCRIPT_TAG


class Server:
    """The site server and the watcher, started and stopped together (also from tests)."""

    def __init__(self, project: Path, output: Path, port: int = 0, say: Callable[[str], None] = print):
        self.project, self.output, self.say = project, output, say
        self.status = Status()
        self.session = Session()
        self.stop_event = threading.Event()
        handler = type("BoundHandler", (Handler,), {"status": self.status})
        output.mkdir(parents=True, exist_ok=True)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(output)))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def rebuild(self) -> BuildReport:
        report = build(self.project, self.output, drafts=True, in_place=self.session.built_once, session=self.session)
        self.status.publish(report)
        for problem in report.problems:
            self.say(str(problem))
        self.say(report.summary())
        return report

    def start(self) -> None:
        self.rebuild()
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        threading.Thread(target=self._watch, daemon=True).start()
        self.say(f"Serving http://127.0.0.1:{self.port}/ (Ctrl-C stops)")

    def _watch(self) -> None:
        folders = [str(self.project / "content"), str(self.project / "templates")]
        for _changes in watchfiles.watch(*folders, stop_event=self.stop_event, debounce=30, step=10,
                                         raise_interrupt=False):
            self.rebuild()

    def stop(self) -> None:
        self.stop_event.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        with self.status.changed:
            self.status.changed.notify_all()


def serve(project: Path, output: Path, port: int, say: Callable[[str], None]) -> int:
    """Serve until interrupted; return the exit status."""
    server = Server(project, output, port, say)
    server.start()
    try:
        server.stop_event.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
