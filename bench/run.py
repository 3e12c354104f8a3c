#!/usr/bin/env python3
"""The benchmark: synthetic editions of N documents, built as an editor builds them.

    python3 tasks.py bench                      # N = 100, 1,000, 10,000; three runs each
    python3 tasks.py bench --sizes 100,1000 --runs 5

For each size it measures, each build in a fresh process: a cold build (no cache, no
output), a rebuild with nothing changed, and rebuilds after editing one document's
text, one glossary entry and one template; the peak memory (RSS) of the cold build;
``serve``'s latency from saving a file to the rebuilt page on disk (in one
long-running process); and the bytes of a document page with its CSS and JavaScript.
Where ``hugo`` is installed, the same corpus reduced to plain Markdown is built with
Hugo in the same run, and the ratio printed beside ours.  Results go to
``bench/results/<date>-<commit>.json``; compare ratios within one run, not seconds
across machines.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import edit_template, make_edition, with_body_edited  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def run_build(project: Path) -> tuple[float, int]:
    """One build in a fresh process: wall seconds and peak RSS in MB (the largest process of the build)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--project", str(project), "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build of {project} failed:\n{errors[:2000]}")
    return seconds, usage.ru_maxrss // 1024


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def cold(project: Path, runs: int) -> tuple[dict, dict]:
    times, memory = [], []
    for _ in range(runs):
        shutil.rmtree(project / "output", ignore_errors=True)
        shutil.rmtree(project / ".edition-cache", ignore_errors=True)
        seconds, rss = run_build(project)
        times.append(seconds)
        memory.append(rss)
    return summary(times), summary(memory)


def after(project: Path, runs: int, edit) -> dict:
    """Rebuild times after ``edit(project, n)`` (None: nothing changed), each from a built state."""
    times = []
    for n in range(runs):
        if edit:
            edit(project, n)
        times.append(run_build(project)[0])
    return summary(times)


def edit_document(project: Path, n: int) -> None:
    path = project / "content" / "documents" / "doc-00000.md"
    path.write_text(with_body_edited(path.read_text(), lambda body: body.replace(" the ", f" the {n} ", 1)))


def edit_glossary(project: Path, n: int) -> None:
    path = project / "content" / "glossary.yaml"
    path.write_text(path.read_text().replace("  short: A person", f"  short: {n} A person", 1))


def serve_latency(project: Path, runs: int) -> dict:
    """From saving a document to its rebuilt page on disk, in one long-running ``serve`` process."""
    from edition.serve import Server
    server = Server(project, project / ".edition-cache" / "serve", 0, say=lambda message: None)
    server.start()
    latencies = []
    try:
        source = project / "content" / "documents" / "doc-00001.md"
        page = project / ".edition-cache" / "serve" / "documents" / "doc-00001.html"
        for n in range(runs):
            marker = f"servebench{n}x"
            edited = with_body_edited(source.read_text(), lambda body: body.replace(" the ", f" the {marker} ", 1))
            started = time.perf_counter()
            source.write_text(edited)
            while marker.encode() not in page.read_bytes():
                time.sleep(0.002)
            latencies.append(time.perf_counter() - started)
            time.sleep(0.3)
    finally:
        server.stop()
    return summary(latencies)


def page_weight(project: Path) -> dict:
    """A document page with its CSS and JavaScript (fonts, images and the search index aside)."""
    output = project / "output"
    parts = [output / "documents" / "doc-00000.html"]
    html = parts[0].read_text()
    parts += [output / "documents" / href for href in re.findall(r'(?:href|src)="(\.\./assets/[^"]+\.(?:css|js))"', html)]
    raw = sum(p.stat().st_size for p in parts)
    compressed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in parts)
    return {"files": [p.name for p in parts], "bytes": raw, "gzip_bytes": compressed}


def hugo_corpus(project: Path, into: Path) -> Path:
    """The same documents as plain Markdown (dialect marks reduced to their text) for Hugo."""
    shutil.rmtree(into, ignore_errors=True)
    (into / "content" / "posts").mkdir(parents=True)
    (into / "layouts" / "_default").mkdir(parents=True)
    (into / "config.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench"\n'
                                      'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    (into / "layouts" / "_default" / "single.html").write_text(
        "<!doctype html><html><head><title>{{ .Title }}</title></head><body><main>{{ .Content }}</main></body></html>")
    (into / "layouts" / "_default" / "list.html").write_text(
        "<!doctype html><html><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>"
        "{{ end }}</ul></body></html>")
    for path in sorted((project / "content" / "documents").glob("*.md")):
        text = path.read_text()
        front, body = text[4:].split("\n---\n", 1)
        title = re.search(r"^title: (.*)$", front, re.M).group(1)
        date = re.search(r"^date: (\d{4}-\d{2}-\d{2})", front, re.M).group(1)
        body = re.sub(r"\{~~(.*?)~>(.*?)~~\}", r"\2", body)
        body = re.sub(r"\{[+\-?]{2}(.*?)[+\-?]{2}\}|\{>>(.*?)<<\}", r"\1", body)
        body = re.sub(r"\[\[[^|\]]+\|([^\]]+)\]\]", r"\1", body)
        body = re.sub(r"\{[^{}\n]*\}", "", body).replace(":::", "")
        (into / "content" / "posts" / path.name).write_text(f'---\ntitle: "{title}"\ndate: {date}\n---\n{body}')
    return into


def hugo_times(site: Path, runs: int) -> dict:
    times = []
    for _ in range(runs):
        shutil.rmtree(site / "public", ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(["hugo", "--quiet", "-s", str(site)], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return summary(times)


def measure(size: int, runs: int, work: Path) -> dict:
    project = make_edition(size, work / f"edition-{size}")
    print(f"\n{size:,} documents", flush=True)
    result: dict = {"documents": size}
    result["cold"], result["peak_rss_mb"] = cold(project, runs)
    print(f"  cold build     {_fmt(result['cold'])}   peak RSS {result['peak_rss_mb']['median']:.0f} MB", flush=True)
    for name, edit in (("no_change", None), ("edit_document", edit_document), ("edit_glossary_entry", edit_glossary),
                       ("edit_template", edit_template)):
        result[name] = after(project, runs, edit)
        print(f"  {name:<14} {_fmt(result[name])}", flush=True)
    result["page_weight"] = page_weight(project)
    result["serve_latency"] = serve_latency(project, runs)
    print(f"  serve latency  {_fmt(result['serve_latency'])}", flush=True)
    result["documents_per_second"] = size / result["cold"]["median"]
    if shutil.which("hugo"):
        result["hugo_cold"] = hugo_times(hugo_corpus(project, work / f"hugo-{size}"), runs)
        result["ratio_to_hugo"] = result["cold"]["median"] / result["hugo_cold"]["median"]
        print(f"  hugo           {_fmt(result['hugo_cold'])}   (ours / hugo: {result['ratio_to_hugo']:.1f}×)", flush=True)
    shutil.rmtree(project / ".edition-cache" / "serve", ignore_errors=True)
    return result


def _fmt(values: dict) -> str:
    return f"{values['median']:8.2f} s (min {values['min']:.2f}, max {values['max']:.2f})"


def table(results: list[dict]) -> str:
    rows = [("", *(f"{r['documents']:,} docs" for r in results))]
    for key, label in (("cold", "cold build (s)"), ("no_change", "no-change rebuild (s)"),
                       ("edit_document", "one document edited (s)"), ("edit_glossary_entry", "one glossary entry (s)"),
                       ("edit_template", "one template (s)"), ("serve_latency", "serve: save → page (s)"),
                       ("hugo_cold", "hugo cold build (s)")):
        rows.append((label, *(f"{r[key]['median']:.2f}" if key in r else "–" for r in results)))
    rows.append(("peak RSS, cold (MB)", *(f"{r['peak_rss_mb']['median']:.0f}" for r in results)))
    rows.append(("documents per second", *(f"{r['documents_per_second']:.0f}" for r in results)))
    rows.append(("page + CSS + JS (KB, gzip)", *(f"{r['page_weight']['bytes'] / 1024:.0f} ({r['page_weight']['gzip_bytes'] / 1024:.0f})"
                                                for r in results)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
                     for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="edition sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (median, min, max)")
    parser.add_argument("--no-save", action="store_true", help="print only; write no JSON")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        results = [measure(size, args.runs, Path(tmp)) for size in sizes]
    print("\n" + table(results))
    by_size = {r["documents"]: r for r in results}
    report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "commit": _commit(), "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                               "system": platform.platform()},
              "runs": args.runs, "results": results}
    if 1000 in by_size and 10000 in by_size:
        report["ratio_10000_to_1000"] = by_size[10000]["cold"]["median"] / by_size[1000]["cold"]["median"]
        print(f"\ncold build, 10,000 / 1,000 documents: {report['ratio_10000_to_1000']:.1f}× (linear: 10×)")
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{report['date'][:10]}-{report['commit'][:8] or 'unknown'}.json"
        path.write_text(json.dumps(report, indent=2) + "\n")
        print(f"results: {path.relative_to(ROOT)}")


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


if __name__ == "__main__":
    main()
