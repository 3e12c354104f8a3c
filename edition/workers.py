"""Run the per-document work (reading, rendering) in worker processes, in chunks.

Each worker is set up once with what every task needs (the alias matcher, or the
Site and the templates) and then handles chunks of documents: it reads files and
writes results itself, returning only what the parent needs (summaries, paths
written), so memory does not grow with the edition.  With one job, or a small
edition, the same functions run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .cache import Cache
from .content import read_text
from .glossary import AliasMatcher
from .model import Site
from .read import DocumentRecord, read_document
from .render import Position, TemplateProblem, make_environment, render_document_files

#: Below this many documents, worker processes cost more than they save.
PARALLEL_FROM = 40
CHUNK = 16


@dataclass(frozen=True)
class ReadTask:
    """One document file to read: where it is, the path messages name, and its cache key."""

    file: str
    path: str
    key: str


@dataclass(frozen=True)
class RenderTask:
    """One document to render: its cache key and where it sits in the edition."""

    key: str
    index: int


_state: dict = {}


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _pool(jobs: int, initializer: Callable, args: tuple) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=args)


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _run(tasks: list, jobs: int, initializer: Callable, args: tuple, work: Callable,
         progress: Callable[[int], None]) -> Iterable:
    """Results of ``work`` over chunks of ``tasks``, in order; in-process when small or single-job."""
    if jobs <= 1 or len(tasks) < PARALLEL_FROM:
        initializer(*args)
        for chunk in _chunks(tasks):
            yield from work(chunk)
            progress(len(chunk))
        return
    with _pool(jobs, initializer, args) as pool:
        for chunk, results in zip(_chunks(tasks), pool.map(work, _chunks(tasks)), strict=True):
            yield from results
            progress(len(chunk))


# Reading ---------------------------------------------------------------------------

def _init_reader(root: Path, matcher: AliasMatcher, cache: Cache, keep: dict | None) -> None:
    _state.update(root=root, matcher=matcher, cache=cache, keep=keep)


def _read_chunk(tasks: list[ReadTask]) -> list[tuple[str, DocumentRecord]]:
    results = []
    for task in tasks:
        text, problems = read_text(Path(task.file), _state["root"], task.path)
        if text is None:
            record = DocumentRecord(None, {}, tuple(problems))
        else:
            record = read_document(task.path, text, _state["matcher"])
        if record.document is not None:
            _state["cache"].store_record(task.key, record)
            if _state["keep"] is not None:
                _state["keep"][task.key] = record
        results.append((task.key, record.summary))
    return results


def read_documents(root: Path, tasks: list[ReadTask], matcher: AliasMatcher, cache: Cache, jobs: int,
                   keep: dict, progress: Callable[[int], None]) -> dict[str, DocumentRecord]:
    """Summaries of the documents read, by cache key; full records go to the cache (and ``keep`` in-process).

    ``root`` is the content folder: a file that links out of it is never read.
    """
    return dict(_run(tasks, jobs, _init_reader, (root, matcher, cache, keep), _read_chunk, progress))


# Rendering -------------------------------------------------------------------------

def _init_renderer(site: Site, templates: Path, cache: Cache, writer, keep: dict) -> None:
    _state.update(site=site, env=make_environment(templates, cache.folder / "jinja" if cache.folder else None), cache=cache, writer=writer, keep=keep)


def _render_chunk(tasks: list[RenderTask]) -> list[tuple[str, ...] | TemplateProblem]:
    site: Site = _state["site"]
    results: list = []
    for task in tasks:
        record = _state["keep"].get(task.key) or _state["cache"].load_record(task.key)
        if record is None:
            raise RuntimeError(f"the build cache lost the record of {site.documents[task.index].path}")
        position = Position(site.documents[task.index - 1] if task.index else None,
                            site.documents[task.index + 1] if task.index + 1 < len(site.documents) else None,
                            task.index + 1, len(site.documents))
        document = site.documents[task.index]
        full = replace(record.document, senders=document.senders, recipients=document.recipients)
        try:
            files = render_document_files(_state["env"], site, full, position)
        except TemplateProblem as exc:
            results.append(exc)
            continue
        for relative, data in files.items():
            _state["writer"].write(relative, data)
        results.append(tuple(files))
    return results


def render_documents(tasks: list[RenderTask], site: Site, templates: Path, cache: Cache, writer, jobs: int,
                     keep: dict, progress: Callable[[int], None]) -> list:
    """Render and write the documents' files; returns, per task, the paths written or a TemplateProblem."""
    return list(_run(tasks, jobs, _init_renderer, (site, templates, cache, writer, keep), _render_chunk, progress))
