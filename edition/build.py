"""The build pipeline: files → documents read → assembled Site → rendered pages → atomic write.

Every page is planned with a fingerprint of exactly the inputs it is rendered
from (its document's record key, its neighbours, the glossary entries it shows,
the templates, the code).  A page whose fingerprint is unchanged since the last
build into the same output is taken over as it is; the rest are rendered, in
parallel for documents.  An incremental build therefore writes the same bytes
as a clean one, only sooner.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from . import routes
from .cache import CODE_VERSION, BuildState, Cache, fingerprint
from .content import Content, duplicate_ids, read_text, load_content, relative_path
from .glossary import AliasMatcher
from .model import Body, Document, Site
from .markup.body import walk
from .problems import Problem, error, sort_problems, warning
from .read import DocumentRecord, read_document, record_key
from .render import (
    TemplateProblem,
    asset_files,
    check_templates,
    make_environment,
    render_essay,
    render_facet,
    render_facet_value,
    render_glossary_entry,
    render_glossary_index,
    render_glossary_tei,
    render_index_files,
    render_year,
)
from .browse import FACETS, by_year, facet_groups, facet_page, year_page
from .publish import publishing_files, publishing_outputs
from .search import index_search
from .site import Assembled, assemble
from .workers import ReadTask, RenderTask, default_jobs, read_documents, render_documents
from .write import InPlace, Staging, UnsafeOutput, check_output, recover

CACHE_FOLDER = ".edition-cache"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    """What a build did: counts, problems and time; ``ok`` says whether output/ was written."""

    ok: bool
    documents: int = 0
    pages: int = 0
    files: int = 0
    rendered: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    written: bool = True
    phases: dict[str, float] = field(default_factory=dict)  # seconds spent in each step, for --verbose

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def summary(self) -> str:
        """The one-line summary printed at the end of a build."""
        if not self.ok:
            tail = "; output/ left as it was" if self.written else ""
            return (f"{'Build' if self.written else 'Check'} failed: {_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')}"
                    f" ({self.seconds:.2f} s){tail}")
        if not self.written:
            return (f"Checked {_count(self.documents, 'document')}, {_count(self.pages, 'page')}:"
                    f" no errors, {_count(len(self.warnings), 'warning')} ({self.seconds:.2f} s)")
        return (f"Built {_count(self.documents, 'document')}, {_count(self.pages, 'page')},"
                f" {_count(len(self.warnings), 'warning')} in {self.seconds:.2f} s"
                f" ({self.files} files, {self.rendered} rendered)")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@dataclass(frozen=True)
class Job:
    """A page (or a page with its downloads) to render, the files it makes and what they depend on."""

    outputs: tuple[str, ...]
    fingerprint: str
    render: Callable[[], dict[str, bytes]] | None = None  # cross-document pages and assets, rendered here
    task: RenderTask | None = None  # documents, rendered by workers


@dataclass
class Session:
    """What a long-running process (``serve``) keeps between builds, instead of re-reading it from disk."""

    state: BuildState | None = None
    #: file → (mtime in ns, size, alias table, record key): unchanged files are not read again
    stats: dict[str, tuple[int, int, str, str]] = field(default_factory=dict)
    built_once: bool = False
    forgot_state: bool = False


class NullWriter:
    """``check``: renders everything, writes nothing."""

    def write(self, relative: str, data: bytes) -> None:
        return

    def keep(self, relative: str) -> bool:
        return False

    def commit(self) -> None:
        return

    def discard(self) -> None:
        return


def build(project: Path, output: Path, strict: bool = False, base_url: str = "", *, drafts: bool = False,
          jobs: int = 0, write: bool = True, in_place: bool = False,
          progress: Progress | None = None, session: Session | None = None, search: bool = True) -> BuildReport:
    """Build ``project/content`` with ``project/templates`` into ``output``.

    With ``strict``, warnings fail the build too; ``base_url`` overrides the one in
    ``edition.yaml``; ``drafts`` includes documents marked ``draft: true``;
    ``write=False`` checks everything and writes nothing; ``search=False`` skips the
    search index (for tests of other things); ``in_place`` updates
    ``output`` file by file (``serve``, which also passes its ``session``).  On
    failure ``output`` is untouched.
    """
    started = time.perf_counter()
    progress = progress or (lambda phase, done, total: None)
    phases: dict[str, float] = {}

    def lap(name: str) -> None:
        phases[name] = time.perf_counter() - started - sum(phases.values())

    def failed(problems: list[Problem]) -> BuildReport:
        return BuildReport(False, seconds=time.perf_counter() - started, problems=sort_problems(problems), written=write)

    if write:
        try:
            check_output(output, project)
        except UnsafeOutput as exc:
            return failed([error("--output", 0, str(exc))])
        recover(output)
    cache = Cache(project / CACHE_FOLDER)
    session = session or Session()
    state = (session.state or cache.load_state(output)) if write else BuildState()
    if not write:
        # A check leaves the project as it was; its workers still pass records through a cache, a scratch one.
        scratch = tempfile.TemporaryDirectory(prefix="edition-check-")
        cache = Cache(Path(scratch.name))
    content, problems = load_content(project / "content", cache.memo)
    content = _with_base_url(content, base_url)
    env = make_environment(project / "templates", cache.folder / "jinja" if cache.folder else None)
    problems += check_templates(env)
    matcher = AliasMatcher.build((content.glossary or {}).values(),
                                 content.edition.glossary_links if content.edition else "first")
    jobs = jobs or default_jobs()
    keep: dict[str, DocumentRecord] = {}
    lap("load")
    summaries = _read_all(project, content, matcher, cache, state, session, jobs, keep, progress)
    lap("read")
    records = [r for r in summaries.values() if drafts or not (r.document and r.document.draft)]
    problems += [p for r in summaries.values() for p in r.problems]
    problems += duplicate_ids([r.document for r in records if r.document])
    assembled, found = assemble(content.edition, content.glossary, content.pages, records)
    problems = sort_problems(problems + found)
    if assembled is None or any(p.is_error for p in problems) or (strict and problems):
        return failed(problems)
    site = assembled.site
    key_of = {r.document.id: key for key, r in summaries.items() if r.document}
    plan = plan_jobs(assembled, env, project / "templates", key_of, summaries, drafts)
    lap("assemble and plan")
    broken = check_links(site.pages, {path for job in plan for path in job.outputs})
    problems = sort_problems(problems + broken)
    if strict and broken:
        return failed(problems)
    writer = NullWriter() if not write else InPlace(output) if in_place else Staging(output)
    try:
        rendered = _render(plan, site, project / "templates", cache, writer, state, jobs, keep, progress)
    except TemplateProblem as exc:
        writer.discard()
        return failed(problems + [exc.problem])
    except BaseException:
        writer.discard()
        raise
    lap("render")
    outputs = {path: job.fingerprint for job in plan for path in job.outputs}
    search, found = _search_index(writer, state, outputs, index=search and write and not in_place,
                                  cache=cache.folder / "search-records.pickle" if cache.folder else None)
    if any(p.is_error for p in found):
        writer.discard()
        return failed(problems + found)
    outputs.update(search)
    lap("search index")
    if isinstance(writer, InPlace):
        writer.remove(set(state.fingerprints) - set(outputs))
    writer.commit()
    if write:
        session.state = BuildState(summaries={k: summaries[k] for k in key_of.values()}, fingerprints=outputs)
        session.built_once = True
        if not in_place:
            cache.store_state(output, session.state)
        elif not session.forgot_state:  # serve keeps its state in memory; a restart then builds everything anew
            cache.forget_state(output)
            session.forgot_state = True
    lap("write")
    return BuildReport(True, len(site.documents), len(site.pages), len(outputs), rendered,
                       time.perf_counter() - started, problems, written=write, phases=phases)


def read_edition(project: Path, drafts: bool = False) -> tuple[Site | None, list[Document], list[Problem]]:
    """The assembled Site and its documents in full (bodies linked), in the edition's order, read in this process.

    For tools and tests that need the model rather than the pages (the build itself never holds every body).
    """
    content, problems = load_content(project / "content")
    glossary = content.glossary or {}
    matcher = AliasMatcher.build(glossary.values(), content.edition.glossary_links if content.edition else "first")
    records = []
    for file in content.document_paths:
        path = relative_path(file, project / "content")
        text, found = read_text(file, project / "content", path)
        problems += found
        if text is not None:
            record = read_document(path, text, matcher)
            problems += record.problems
            if record.document and (drafts or not record.document.draft):
                records.append(record)
    assembled, found = assemble(content.edition, content.glossary, content.pages, records)
    problems = sort_problems(problems + found)
    if assembled is None:
        return None, [], problems
    full = {r.document.id: r.document for r in records}
    documents = [replace(full[d.id], senders=d.senders, recipients=d.recipients) for d in assembled.site.documents]
    return assembled.site, documents, problems


def _with_base_url(content: Content, base_url: str) -> Content:
    if base_url and content.edition:
        return replace(content, edition=replace(content.edition, base_url=base_url.rstrip("/") + "/"))
    return content


def _read_all(project: Path, content: Content, matcher: AliasMatcher, cache: Cache, state: BuildState,
              session: Session, jobs: int, keep: dict, progress: Progress) -> dict[str, DocumentRecord]:
    """Every document's summary by record key: from the last build where unchanged, else read anew."""
    root = project / "content"
    summaries: dict[str, DocumentRecord] = {}
    tasks = []
    for file in content.document_paths:
        path = relative_path(file, root)
        key = _document_key(file, path, matcher, session)
        if key in state.summaries and cache.record_path(key).exists():
            summaries[key] = state.summaries[key]
        else:
            tasks.append(ReadTask(str(file), path, key))
    total = len(tasks)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        progress("reading", done, total)

    summaries.update(read_documents(root, tasks, matcher, cache, jobs, keep, advance))
    return summaries


def _document_key(file: Path, path: str, matcher: AliasMatcher, session: Session) -> str:
    """The record key of a document file; a session skips files whose size and time did not change."""
    try:
        stat = file.stat()
        known = session.stats.get(str(file))
        if known and known[:3] == (stat.st_mtime_ns, stat.st_size, matcher.signature):
            return known[3]
        data = file.read_bytes()
    except OSError:  # a folder named *.md, a broken link: reading it will say what is wrong
        return record_key(CODE_VERSION, path, b"", "unreadable")
    key = record_key(CODE_VERSION, path, data, matcher.signature)
    session.stats[str(file)] = (stat.st_mtime_ns, stat.st_size, matcher.signature, key)
    return key


def plan_jobs(assembled: Assembled, env, templates: Path, key_of: dict[str, str],
              summaries: dict[str, DocumentRecord], drafts: bool) -> list[Job]:
    """Every page of the edition with the fingerprint of its inputs.

    A document's record key stands for everything read from its file, so it
    replaces the document itself in the fingerprints of the pages that show it.
    """
    site = assembled.site
    base = fingerprint(CODE_VERSION, _folder_hash(templates), site.edition, drafts,
                       [(p.id, p.title, p.order, p.summary) for p in site.pages])
    entry_prints = {key: fingerprint(entry) for key, entry in site.glossary.items()}
    # What lists, feeds and the index show of a document: everything but its text, so that editing
    # a paragraph re-renders the document's own pages, not every list it appears in.
    listing = {d.id: fingerprint(replace(d, body=Body(()))) for d in site.documents}
    glossary_print = fingerprint(entry_prints)
    jobs = [Job((path,), fingerprint(data), lambda path=path, data=data: {path: data})
            for path, data in asset_files(templates).items()]
    for index, document in enumerate(site.documents):
        neighbours = [site.documents[i] if 0 <= i < len(site.documents) else None for i in (index - 1, index + 1)]
        shown = set(summaries[key_of[document.id]].occurrences) | {a.key for a in document.senders + document.recipients}
        jobs.append(Job(routes.document_outputs(document.id),
                        fingerprint(base, key_of[document.id], [(d.id, d.title, d.date) if d else None for d in neighbours],
                                    index, len(site.documents), [entry_prints.get(k) for k in sorted(shown)]),
                        task=RenderTask(key_of[document.id], index)))
    jobs.append(Job((routes.INDEX, *routes.edition_downloads()),
                    fingerprint(base, glossary_print, [listing[d.id] for d in site.documents]),
                    lambda: render_index_files(env, site)))
    for page in site.pages:
        jobs.append(Job((routes.essay(page.id),), fingerprint(base, page), lambda page=page: render_essay(env, site, page)))
    jobs += _browse_jobs(env, site, base, glossary_print, listing)
    jobs += _glossary_jobs(assembled, env, base, entry_prints, glossary_print, key_of, listing)
    return jobs + [_publishing_job(env, site, jobs, base, glossary_print, listing)]


def check_links(pages, outputs: set[str]) -> list[Problem]:
    """A warning for each link of an essay to a page of this edition that the build does not write."""
    problems = []
    for page in pages:
        here = routes.essay(page.id)
        for block in page.body.blocks:
            for token in walk([block]):
                url = token.get("attrs", {}).get("url", "") if token["type"] == "link" else ""
                target = _internal_target(here, url)
                if target is not None and target not in outputs:
                    problems.append(warning(page.path, block["line"], f"link to a page the edition does not have: '{url}'",
                                            "check the path; links are relative to the essay's page, e.g. '../documents/<id>.html'"))
    return problems


def _internal_target(here: str, url: str) -> str | None:
    """The output path a relative link leads to, or None for links elsewhere (or within the page)."""
    path = url.split("#")[0].split("?")[0]
    if not path or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/", path):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(here), path))


def _browse_jobs(env, site: Site, base: str, glossary_print: str, listing: dict[str, str]) -> list[Job]:
    """A page per year, and per facet an overview plus a list per value (each sender, recipient, type …)."""
    jobs = []
    for year in by_year(site.documents):
        jobs.append(Job((year_page(year.key),), fingerprint(base, glossary_print, [listing[d.id] for d in year.documents]),
                        lambda year=year: render_year(env, site, year)))
    for facet in FACETS:
        groups = facet_groups(site.documents, facet)
        counts = [(g.key, g.label, len(g.documents)) for g in groups]
        jobs.append(Job((FACETS[facet][1],), fingerprint(base, counts),
                        lambda facet=facet, groups=groups: render_facet(env, site, facet, groups)))
        for group in groups:
            outputs = tuple(facet_page(facet, group.key, n) for n in range(1, _pages(len(group.documents)) + 1))
            listed = (group.key, group.label, group.glossary_key in site.glossary, [listing[d.id] for d in group.documents])
            jobs.append(Job(outputs, fingerprint(base, glossary_print, listed),
                            lambda facet=facet, group=group: render_facet_value(env, site, facet, group)))
    return jobs


def _pages(count: int) -> int:
    return max(1, -(-count // routes.OCCURRENCE_PAGE))


def _publishing_job(env, site: Site, jobs: list[Job], base: str, glossary_print: str, listing: dict[str, str]) -> Job:
    """404 and search pages, feeds, robots.txt and the sitemap, which lists every page planned."""
    pages = sorted(path for job in jobs for path in job.outputs if path.endswith(".html"))
    return Job(publishing_outputs(site), fingerprint(base, glossary_print, [listing[d.id] for d in site.documents], pages),
               lambda: publishing_files(env, site, pages))


def _glossary_jobs(assembled: Assembled, env, base: str, entry_prints: dict[str, str], glossary_print: str,
                   key_of: dict[str, str], listing: dict[str, str]) -> list[Job]:
    site = assembled.site
    counts = {key: (len({d.id for d, _ in occ}), sum(o.count for _, o in occ))
              for key, occ in assembled.occurrences.items()}
    jobs = [Job((routes.GLOSSARY_INDEX,), fingerprint(base, glossary_print, counts),
                lambda: render_glossary_index(env, site, counts)),
            Job((routes.GLOSSARY_TEI,), fingerprint(base, glossary_print), lambda: render_glossary_tei(site))]
    sent = {g.glossary_key: g.documents for g in facet_groups(site.documents, "sender") if g.glossary_key}
    received = {g.glossary_key: g.documents for g in facet_groups(site.documents, "recipient") if g.glossary_key}
    for key, entry in site.glossary.items():
        occurrences = assembled.occurrences.get(key, ())
        documents = list(dict.fromkeys(key_of[d.id] for d, _ in occurrences))
        see = [(k, site.glossary[k].label) for k in entry.see if k in site.glossary]
        correspondence = [[listing[d.id] for d in group.get(key, ())] for group in (sent, received)]
        jobs.append(Job(tuple(routes.entry(key, n) for n in range(1, _pages(len(documents)) + 1)),
                        fingerprint(base, entry_prints[key], see, documents, correspondence),
                        lambda entry=entry, occurrences=occurrences: render_glossary_entry(
                            env, site, entry, occurrences, sent.get(entry.key, ()), received.get(entry.key, ()))))
    return jobs


def _folder_hash(folder: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "assets" not in path.relative_to(folder).parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _render(plan: list[Job], site: Site, templates: Path, cache: Cache, writer, state: BuildState, jobs: int,
            keep: dict, progress: Progress) -> int:
    """Write every planned file, rendering only jobs whose inputs changed; returns how many were rendered."""
    stale = [job for job in plan if not _reuse(job, writer, state)]
    tasks = [job.task for job in stale if job.task is not None]
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        progress("writing", done, len(stale))

    # Documents first: the page an editor just saved is on disk before the lists that mention it.
    for result in render_documents(tasks, site, templates, cache, writer, jobs, keep, advance):
        if isinstance(result, TemplateProblem):
            raise result
    for job in stale:
        if job.render is None:  # a document, rendered above
            continue
        files = job.render()
        if set(files) != set(job.outputs):
            raise AssertionError(f"planned {job.outputs}, rendered {tuple(files)}")
        for path, data in files.items():
            writer.write(path, data)
        advance(1)
    return len(stale)


def _search_index(writer, state: BuildState, outputs: dict[str, str], index: bool, cache: Path | None
                  ) -> tuple[dict[str, str], list[Problem]]:
    """Index the written pages for search (Pagefind's bundles and the fallback for ``file://``).

    A bundle whose pages did not change is taken over from the last build; ``serve`` (``index``
    False) keeps the whole index of its first build.
    """
    previous = {path: value for path, value in state.fingerprints.items() if value.startswith("search:")}
    if not index or not isinstance(writer, Staging):
        if previous and all(writer.keep(path) for path in previous):
            return previous, []
        return {}, []
    return index_search(writer.folder, cache, previous, writer.keep)


def _reuse(job: Job, writer, state: BuildState) -> bool:
    """Take a job's files over from the last build when its inputs have not changed."""
    if any(state.fingerprints.get(path) != job.fingerprint for path in job.outputs):
        return False
    return all(writer.keep(path) for path in job.outputs)
