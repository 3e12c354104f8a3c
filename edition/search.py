"""Search over the written pages: Pagefind's index, and a compact fallback index for ``file://``.

Both indexes read the same markup: the ``data-pagefind-body`` element of a page
(the reading text of a document, an essay, the glossary), less the elements of
``EXCLUDED_CLASSES`` and ``data-pagefind-ignore``; filters come from
``data-pagefind-filter`` attributes.  Pagefind fetches its index at run time,
which browsers forbid from ``file://``; the fallback is a plain script file that
sets a global, so search works from a folder or a USB stick too.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Callable

from lxml import html as lxml_html

from .problems import Problem, error

#: Diplomatic duplicates, the side column (notes, glossary), note and apparatus
#: marks, paragraph numbers: indexed once elsewhere, or not text at all.
EXCLUDED_CLASSES = ("dipl", "side", "noteref", "appref", "pnum", "visually-hidden")
#: Results link to the nearest element of these kinds before a match (search.js follows the same rule).
ANCHOR_TAGS = ("div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6")
FALLBACK_PATH = "assets/search-index.js"
FALLBACK_GLOBAL = "EDITION_SEARCH_INDEX"
_WORD = re.compile(r"[^\W_]+")
_FILTER = re.compile(r"^\s*([\w-]+)\s*(?:\[([\w-]+)\]|:(.*))?\s*$", re.S)


#: Pages per Pagefind bundle, at most (on average about three quarters of it).  Pagefind cannot update an
#: index, so the pages are spread over bundles that are indexed apart and merged by the search page: an edit
#: re-indexes one bundle, and no Pagefind process holds more than one bundle in memory.
BUNDLE_PAGES = 400
BUNDLES_FOLDER = "pagefind"
MANIFEST_PATH = f"{BUNDLES_FOLDER}/bundles.json"
#: Pagefind processes at once (each uses every core for part of its run).
PARALLEL_BUNDLES = 2


def index_search(site_dir: Path, cache: Path | None = None, previous: dict[str, str] | None = None,
                 keep: Callable[[str], bool] = lambda path: False) -> tuple[dict[str, str], list[Problem]]:
    """Index the pages written in ``site_dir``: Pagefind bundles, their manifest and the fallback index.

    Returns each file written (or kept) with its fingerprint, and the problems.  ``previous`` holds the
    fingerprints of the last index's files: a bundle whose pages did not change is taken over with
    ``keep`` (which links a file of the last output into ``site_dir``) instead of being indexed again.
    With ``cache`` (a file), pages whose bytes did not change are not parsed again for the fallback.
    """
    pages = search_pages(site_dir, cache)
    bundles = bundle_pages(pages)
    files, processes = {}, []
    for name, urls in bundles.items():
        tag = f"search:{name}:" + _digest(" ".join(f"{url}={pages[url]['key']}" for url in urls))
        old = [path for path, value in (previous or {}).items() if value == tag]
        if old and all(keep(path) for path in old):
            files.update(dict.fromkeys(old, tag))
            continue
        for path in old:  # a hard link into the current output must never be written through
            (site_dir / path).unlink(missing_ok=True)
        processes.append((name, tag, urls))
    problems = _run_bundles(site_dir, processes, files)
    names = sorted(bundles)
    made = {MANIFEST_PATH: ("search:manifest:" + _digest(" ".join(names)),
                            lambda: json.dumps({"bundles": [f"{name}/" for name in names]}).encode()),
            FALLBACK_PATH: ("search:fallback:" + _digest(" ".join(page["key"] for _, page in sorted(pages.items()))),
                            lambda: fallback_script([page["record"] for _, page in sorted(pages.items())
                                                     if page["record"]["sections"]]))}
    for relative, (tag, data) in made.items():
        if not ((previous or {}).get(relative) == tag and keep(relative)):
            path = site_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)  # never write through a hard link
            path.write_bytes(data())
        files[relative] = tag
    return files, problems


def search_pages(site_dir: Path, cache: Path | None) -> dict[str, dict]:
    """Every page with a search body, by URL: the hash of its bytes and its fallback record."""
    known = _load_records(cache)
    pages, records = {}, {}
    for path in html_pages(site_dir):
        html = path.read_bytes()
        if b"data-pagefind-body" not in html:
            continue
        url = path.relative_to(site_dir).as_posix()
        key = hashlib.blake2b(html, digest_size=16).hexdigest()
        records[key] = known.get(key) or read_page(html, url)
        pages[url] = {"key": key, "record": records[key]}
    _store_records(cache, records)
    return pages


def bundle_pages(pages: dict[str, dict]) -> dict[str, list[str]]:
    """Pages by bundle name (``b0``, ``b1`` …); a page keeps its bundle as long as their number stays.

    The number is a power of two, so it changes (and every bundle is made anew) only when the
    edition doubles or halves; a page's bundle is a hash of its URL, not its place in a list.
    """
    count = 1
    while count * BUNDLE_PAGES * 3 // 4 < len(pages):
        count *= 2
    bundles: dict[str, list[str]] = {f"b{n}": [] for n in range(count)}
    for url in sorted(pages):
        bundles[f"b{int(_digest(url), 16) % count}"].append(url)
    return {name: urls for name, urls in bundles.items() if urls}


def _run_bundles(site_dir: Path, bundles: list[tuple[str, str, list[str]]], files: dict[str, str]) -> list[Problem]:
    """Index each bundle with Pagefind, ``PARALLEL_BUNDLES`` at a time; record the files each writes."""
    problems: list[Problem] = []
    waiting = list(bundles)
    running: list[tuple[str, str, subprocess.Popen | OSError]] = []
    while waiting or running:
        while waiting and len(running) < PARALLEL_BUNDLES:
            name, tag, urls = waiting.pop(0)
            running.append((name, tag, start_pagefind(site_dir, name, urls)))
        name, tag, process = running.pop(0)
        problems += finish_pagefind(process)
        folder = site_dir / BUNDLES_FOLDER / name
        files.update({path.relative_to(site_dir).as_posix(): tag for path in folder.rglob("*") if path.is_file()})
    return sorted(set(problems), key=str)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _load_records(cache: Path | None) -> dict:
    try:
        return pickle.loads(cache.read_bytes()) if cache else {}
    except (OSError, pickle.UnpicklingError, EOFError):
        return {}


def _store_records(cache: Path | None, records: dict) -> None:
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_name(cache.name + ".tmp")
        temporary.write_bytes(pickle.dumps(records, 5))
        temporary.replace(cache)


def start_pagefind(site_dir: Path, bundle: str, urls: list[str]) -> subprocess.Popen | OSError:
    """Pagefind indexing ``urls`` (paths below ``site_dir``) into the bundle ``pagefind/<bundle>/``."""
    pages = "{" + ",".join(glob_escape(url) for url in urls) + "}"
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent",
               "--output-subdir", f"{BUNDLES_FOLDER}/{bundle}", "--glob", pages,
               "--exclude-selectors", ", ".join(f".{name}" for name in EXCLUDED_CLASSES)]
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as failure:
        return failure


def finish_pagefind(process: subprocess.Popen | OSError) -> list[Problem]:
    """Wait for Pagefind; a Problem when it is missing or failed."""
    if isinstance(process, OSError):
        result = subprocess.CompletedProcess([], 1, "", str(process))
    else:
        stdout, stderr = process.communicate()
        result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    if result.returncode == 0:
        return []
    reason = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
    return [error("pagefind", 0, f"the search index could not be built: {reason[0]}",
                  "install the build's dependencies with 'python3 tasks.py site', which include pagefind[bin]")]


def glob_escape(path: str) -> str:
    """A path as a literal in Pagefind's glob (its ``{…,…}`` list), whatever characters it holds."""
    return re.sub(r"([\\{}\[\]*?,!])", r"\\\1", path)


def html_pages(site_dir: Path) -> list[Path]:
    """The site's HTML pages in a stable order, Pagefind's own files left out."""
    return sorted(p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] != "pagefind")


def read_page(html: bytes, url: str) -> dict:
    """What the fallback index keeps of a page: its title, filters and the text of each section."""
    tree = lxml_html.fromstring(html)
    bodies = tree.xpath("//*[@data-pagefind-body]")
    for body in bodies:
        for element in body.xpath(_excluded_xpath()):
            _drop(element)
    titles = tree.xpath("//*[@data-pagefind-meta='title']") or tree.xpath("//h1")
    return {"url": url, "title": " ".join(titles[0].text_content().split()) if titles else url,
            "filters": page_filters(tree), "sections": [s for body in bodies for s in sections(body)]}


def _excluded_xpath() -> str:
    classes = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in EXCLUDED_CLASSES)
    return f".//*[{classes} or @data-pagefind-ignore]"


def _drop(element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def sections(body) -> list[tuple[str, str]]:
    """``(anchor, text)`` for each run of text, cut where an anchor element (``ANCHOR_TAGS`` with an id) begins."""
    found: list[tuple[str, list[str]]] = [("", [])]

    def visit(element) -> None:
        if isinstance(element.tag, str) and element.tag in ANCHOR_TAGS and element.get("id"):
            found.append((element.get("id"), []))
        if isinstance(element.tag, str) and element.text:
            found[-1][1].append(element.text)
        for child in element:
            visit(child)
            if child.tail:
                found[-1][1].append(child.tail)

    visit(body)
    return [(anchor, text) for anchor, parts in found if (text := " ".join(" ".join(parts).split()))]


def page_filters(tree) -> dict[str, list[str]]:
    """The page's ``data-pagefind-filter`` values: ``name`` (the element's text), ``name[attribute]``, ``name:value``."""
    filters: dict[str, list[str]] = {}
    for element in tree.xpath("//*[@data-pagefind-filter]"):
        for capture in _filter_captures(element.get("data-pagefind-filter")):
            match = _FILTER.match(capture)
            if not match:
                continue
            name, attribute, inline = match.groups()
            value = inline if inline is not None else element.get(attribute, "") if attribute else element.text_content()
            value = " ".join(value.split())
            if value and value not in filters.setdefault(name, []):
                filters[name].append(value)
    return filters


def _filter_captures(attribute: str) -> list[str]:
    """Comma-separated captures; an inline ``name:value`` may only come last and keeps its commas (as in Pagefind)."""
    captures: list[str] = []
    for part in attribute.split(","):
        if captures and ":" in captures[-1]:
            captures[-1] += "," + part
        else:
            captures.append(part)
    return captures


def words(text: str) -> list[str]:
    """Lower-cased words without accents: the fallback index's terms (search.js folds queries the same way)."""
    folded = text.lower()
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if unicodedata.category(c)[0] != "M")
    return _WORD.findall(folded)


def fallback_index(pages: list[dict]) -> dict:
    """An inverted index of words to sections, postings delta-coded in base 36: no page text is shipped.

    Sections are numbered in page order; each page lists its sections' anchors, space-separated."""
    postings: dict[str, list[int]] = {}
    section = 0
    for page in pages:
        for _, text in page["sections"]:
            for word in dict.fromkeys(words(text)):
                postings.setdefault(word, []).append(section)
            section += 1
    vocabulary = sorted(postings)
    return {"pages": [[p["url"], p["title"], p["filters"], " ".join(a for a, _ in p["sections"])] for p in pages],
            "words": " ".join(vocabulary), "postings": [_delta36(postings[w]) for w in vocabulary]}


def _delta36(numbers: list[int]) -> str:
    previous, parts = 0, []
    for number in numbers:
        parts.append(_base36(number - previous))
        previous = number
    return ",".join(parts)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if not number:
            return text


def fallback_script(pages: list[dict]) -> bytes:
    """The fallback index as a script that sets ``window.EDITION_SEARCH_INDEX`` (loadable from ``file://``)."""
    data = json.dumps(fallback_index(pages), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.{FALLBACK_GLOBAL}={data};\n".encode("utf-8")
