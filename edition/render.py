"""Render pages with Jinja: each function returns ``{relative output path: bytes}``.

Every function is pure: a document's files need only that document (its body
linked) and the assembled Site's small tables; cross-document pages need only
the Site.  All links are relative (``root`` is ``""`` or ``"../"``), so the output
works under any sub-path and from ``file://``.  A template that fails raises
:class:`TemplateProblem` naming the template file and line.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import routes
from .browse import FACETS, Group, by_month, by_part, by_year, facet_page, part_anchor, year_page
from .citation import Citations, cite_document, cite_edition, paragraph_note
from .glossary import KINDS, first_met
from .highlight import highlight_source, pygments_css
from .html import RenderedBlock, render_blocks, render_fragment
from .linked_data import (
    document_jsonld,
    document_url,
    edition_jsonld,
    glossary_jsonld,
    highwire_tags,
)
from .markup.body import walk
from .model import Document, GlossaryEntry, Page, Site
from .problems import Problem, error
from .read import Occurrence, block_anchor
from .tei import document_tei, glossary_tei

KIND_HEADINGS = {"person": "People", "organization": "Organizations", "place": "Places",
                 "term": "Terms", "abbreviation": "Abbreviations"}
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "de": "German", "fr": "French", "es": "Spanish"}


class TemplateProblem(Exception):
    """A template failed to compile or to render; ``problem`` names its file and line."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Row:
    """One block of a document's text with what stands beside it."""

    block: RenderedBlock
    anchor: str
    gloss: tuple[GlossaryEntry, ...]


@dataclass(frozen=True)
class Position:
    """Where a document sits in the edition: its neighbours, its number and the total."""

    previous: Document | None
    next: Document | None
    number: int
    total: int


def make_environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """A Jinja environment over ``templates/`` that fails on any undefined name.

    With ``cache``, compiled templates are kept there between builds (Jinja checks they are current).
    """
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True,
                             bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache else None)
    env.globals.update(kind_headings=KIND_HEADINGS, language_name=lambda code: LANGUAGE_NAMES.get(code, code))
    env.globals["templates_folder"] = str(templates)
    env.globals["facets"] = FACETS
    env.globals["part_anchor"] = part_anchor
    return env


def check_templates(env: jinja2.Environment) -> list[Problem]:
    """A problem for each template that does not compile, with its file and line."""
    problems = []
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(_syntax_problem(env, exc))
    return problems


def _syntax_problem(env: jinja2.Environment, exc: jinja2.TemplateSyntaxError) -> Problem:
    return error(f"templates/{exc.name or exc.filename}", exc.lineno or 0, f"template syntax: {exc.message}")


def _page(env: jinja2.Environment, template: str, site: Site, path: str, **context) -> bytes:
    """Render one template as the page at ``path``; a failure becomes a TemplateProblem naming the template and line."""
    try:
        html = env.get_template(template).render(site=site, edition=site.edition, root="../" * path.count("/"),
                                                 path=path, **context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(_syntax_problem(env, exc)) from None
    except Exception as exc:  # noqa: BLE001 - any error raised inside a template is the template's problem
        raise TemplateProblem(_runtime_problem(env, template, exc)) from None
    return html.encode("utf-8")


def _runtime_problem(env: jinja2.Environment, template: str, exc: Exception) -> Problem:
    """The innermost template frame of the traceback: Jinja maps its line to the template's own."""
    folder = Path(env.globals["templates_folder"]).resolve()
    where, line = f"templates/{template}", 0
    trace = sys.exc_info()[2] or exc.__traceback__
    while trace is not None:
        filename = Path(trace.tb_frame.f_code.co_filename)
        if filename.is_absolute() and folder in filename.resolve().parents:
            where, line = f"templates/{filename.resolve().relative_to(folder).as_posix()}", trace.tb_lineno
        trace = trace.tb_next
    message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else f"{type(exc).__name__}: {exc}"
    return error(where, line, f"template failed: {message}", f"while rendering {template}")


def citation_files(stem: str, citations: Citations) -> dict[str, bytes]:
    """The BibTeX, RIS and CSL-JSON downloads written next to a page."""
    return {f"{stem}.bib": citations.bibtex.encode("utf-8"), f"{stem}.ris": citations.ris.encode("utf-8"),
            f"{stem}.json": citations.csl_json.encode("utf-8")}


def asset_files(templates: Path) -> dict[str, bytes]:
    """The static assets (CSS, JavaScript, fonts) and the generated Pygments styles."""
    assets = templates / "assets"
    files = {f"assets/{p.relative_to(assets).as_posix()}": p.read_bytes()
             for p in sorted(assets.rglob("*")) if p.is_file()}
    files["assets/pygments.css"] = pygments_css().encode("utf-8")
    return files


#: Up to this many documents, the front page lists them all, by month; beyond, it lists the years.
INDEX_LISTS_UP_TO = 60
#: A numbered volume (every document has its number in the volume) is listed whole, in its order and by part,
#: up to this many documents (the largest printed volumes hold fewer).
INDEX_LISTS_VOLUME_UP_TO = 1000


@dataclass(frozen=True)
class Year:
    """A year of the edition on the front page: its documents, by month, and its own page."""

    group: Group
    months: tuple
    href: str


def render_index_files(env: jinja2.Environment, site: Site) -> dict[str, bytes]:
    """The front page (the documents by date, or a volume's in its order; essays; the edition's citation)."""
    cite = cite_edition(site.edition, site.edition.base_url)
    listing = _index_listing(site.documents)
    years = [Year(group, tuple(by_month(group.documents)), year_page(group.key)) for group in by_year(site.documents)]
    page = _page(env, "index.html", site, routes.INDEX, current="index", cite=cite, jsonld=edition_jsonld(site.edition),
                 listing=listing, years=years, parts=by_part(site.documents) if listing == "volume" else [],
                 part_notes={part.title: render_fragment(part.note, "glossary/index.html#{key}")
                             for part in site.edition.parts if part.note})
    files = {routes.INDEX: page, **citation_files("edition", cite)}
    assert set(files) == {routes.INDEX, *routes.edition_downloads()}
    return files


def _index_listing(documents: tuple[Document, ...]) -> str:
    """"volume" (in the volume's order, by part), "months" (a small edition) or "years" (a large one)."""
    if documents and all(d.source.document_number.isdigit() for d in documents) \
            and len(documents) <= INDEX_LISTS_VOLUME_UP_TO:
        return "volume"
    return "years" if len(documents) > INDEX_LISTS_UP_TO else "months"


def render_document_files(env: jinja2.Environment, site: Site, document: Document,
                          position: Position) -> dict[str, bytes]:
    """A document's page, its encoding view and its citation downloads."""
    cite = cite_document(document, site.edition, document_url(site.edition, document))
    rows = document_rows(document, site.glossary)
    page = _page(env, "document.html", site, routes.document(document.id), current="document", doc=document, rows=rows,
                 cite=cite, paragraph_cite=paragraph_note(cite.chicago_note, "{n}"),
                 meta_tags=highwire_tags(document, site.edition), jsonld=document_jsonld(document, site.edition),
                 apparatus=[entry for row in rows for entry in row.block.apparatus],
                 entries=entries_by_kind(document, rows, site.glossary),
                 previous=position.previous, next=position.next, position=position, key=_key(document, site.glossary))
    source = _page(env, "source.html", site, routes.document_source(document.id), current="source", doc=document, code=highlight_source(document.text))
    files = {routes.document(document.id): page, routes.document_source(document.id): source,
             routes.document_tei(document.id): document_tei(document, site.edition, site.glossary).encode("utf-8"),
             **citation_files(routes.document_stem(document.id), cite)}
    assert set(files) == set(routes.document_outputs(document.id))
    return files


@dataclass(frozen=True)
class Key:
    """What the key above a document's text explains: only the marks the text uses, a name of its own as sample."""

    marks: frozenset[str]
    name: str


def _key(document: Document, glossary: dict[str, GlossaryEntry]) -> Key:
    tokens = list(document.body.blocks) + [t for note in document.body.notes for t in note.children]
    kinds = {token["type"] for token in walk(tokens)}
    marks = {"correction" if "choice" in kinds else "", "supplied" if "supplied" in kinds else "",
             "notes" if kinds & {"note_ref", "editor_note"} else "",
             "pages" if kinds & {"page_break", "page_break_block"} else ""}
    names = [token for token in walk(tokens) if token["type"] == "gloss_ref" and token["attrs"]["key"] in glossary]
    people = [token for token in names if glossary[token["attrs"]["key"]].kind == "person"]
    name = _plain_text((people or names)[0]["children"]) if names else ""
    return Key(frozenset(marks - {""}), name)


def _plain_text(tokens: list) -> str:
    return "".join(t.get("raw", "") for t in walk(tokens) if t["type"] == "text")


def document_rows(document: Document, glossary: dict[str, GlossaryEntry]) -> tuple[Row, ...]:
    """The rows of a document's text: each block with the entries first met in it."""
    met = first_met(document.body)
    return tuple(Row(block, block_anchor(block.n, block.index), tuple(glossary[k] for k in met[block.index] if k in glossary))
                 for block in render_blocks(document.body))


def entries_by_kind(document: Document, rows: tuple[Row, ...],
                    glossary: dict[str, GlossaryEntry]) -> list[tuple[str, list[GlossaryEntry]]]:
    """The entries a document references (met in its rows, or its senders and recipients), by kind, sorted."""
    keys = {entry.key for row in rows for entry in row.gloss}
    keys |= {a.key for a in document.senders + document.recipients if a.key in glossary}
    return [(kind, sorted((glossary[k] for k in keys if glossary[k].kind == kind), key=sort_key))
            for kind in KINDS if any(glossary[k].kind == kind for k in keys)]


def sort_key(entry: GlossaryEntry) -> str:
    """Entries sort by family name for people, by label otherwise."""
    name = entry.name.inverted if entry.name else entry.label
    return name.casefold()


def render_essay(env: jinja2.Environment, site: Site, page: Page) -> dict[str, bytes]:
    """An essay page."""
    blocks = render_blocks(page.body, "../glossary/index.html#{key}", heading_shift=0)
    html = _page(env, "page.html", site, routes.essay(page.id), current=page.id, page=page, body="".join(b.html for b in blocks),
                 notes=[note for block in blocks for note in block.notes])
    return {routes.essay(page.id): html}


def render_glossary_index(env: jinja2.Environment, site: Site, counts: dict[str, tuple[int, int]]) -> dict[str, bytes]:
    """All entries by kind, with descriptions and cross-references; each links to its page of occurrences.

    ``counts`` gives, per entry key, in how many documents and how often it is met.
    """
    groups = [(kind, sorted((e for e in site.glossary.values() if e.kind == kind), key=sort_key)) for kind in KINDS]
    html = _page(env, "glossary.html", site, routes.GLOSSARY_INDEX, current="glossary", groups=[g for g in groups if g[1]],
                 jsonld=glossary_jsonld(sorted(site.glossary.values(), key=sort_key), site.edition), counts=counts,
                 descriptions={k: render_fragment(e.description, "#{key}") for k, e in site.glossary.items()})
    return {routes.GLOSSARY_INDEX: html}


def render_glossary_tei(site: Site) -> dict[str, bytes]:
    """The whole glossary as one TEI file (lists of people, organizations, places; terms as a gloss list)."""
    return {routes.GLOSSARY_TEI: glossary_tei(site.edition, site.glossary).encode("utf-8")}


def render_year(env: jinja2.Environment, site: Site, year: Group) -> dict[str, bytes]:
    """One year's documents, by month."""
    return {year_page(year.key): _page(env, "list.html", site, year_page(year.key), current="browse", heading=year.label,
                                        months=by_month(year.documents), documents=(), count=len(year.documents),
                                        facet="", glossary_href="", up_href="../index.html", up_label="Documents",
                                        page_number=1, pages=1, page_links=[])}


def render_facet(env: jinja2.Environment, site: Site, facet: str, groups: list[Group]) -> dict[str, bytes]:
    """A facet's values (every sender, say) with counts, each linking to its list."""
    heading, overview = FACETS[facet]
    return {overview: _page(env, "browse.html", site, overview, current="browse", heading=heading, facet=facet,
                            groups=groups, group_href=lambda group: facet_page(facet, group.key))}


def render_facet_value(env: jinja2.Environment, site: Site, facet: str, group: Group) -> dict[str, bytes]:
    heading, overview = FACETS[facet]
    size = routes.OCCURRENCE_PAGE
    chunks = [group.documents[i:i + size] for i in range(0, len(group.documents), size)]
    links = [(n, facet_page(facet, group.key, n).removeprefix("browse/")) for n in range(1, len(chunks) + 1)]
    glossary = f"../glossary/{group.glossary_key}.html" if group.glossary_key in site.glossary else ""
    return {facet_page(facet, group.key, n): _page(
        env, "list.html", site, facet_page(facet, group.key, n), current="browse", heading=group.label, months=(),
        documents=chunk, count=len(group.documents), facet=facet, glossary_href=glossary,
        up_href=overview.removeprefix("browse/"), up_label=heading, page_number=n, pages=len(chunks), page_links=links)
        for n, chunk in enumerate(chunks, 1)}


def render_glossary_entry(env: jinja2.Environment, site: Site, entry: GlossaryEntry,
                          occurrences: tuple[tuple[Document, Occurrence], ...],
                          sent: tuple[Document, ...] = (), received: tuple[Document, ...] = ()) -> dict[str, bytes]:
    """One entry's page: the entry, the documents it sent and received, and every row where it is met.

    Occurrences come in pages of at most OCCURRENCE_PAGE documents.
    """
    groups = _by_document(occurrences)
    chunks = [groups[i:i + routes.OCCURRENCE_PAGE] for i in range(0, len(groups), routes.OCCURRENCE_PAGE)] or [[]]
    files = {}
    for number, chunk in enumerate(chunks, 1):
        files[routes.entry(entry.key, number)] = _page(
            env, "entry.html", site, routes.entry(entry.key, number), current="glossary", e=entry, groups=chunk,
            sent=sent if number == 1 else (), received=received if number == 1 else (),
            description=render_fragment(entry.description, "{key}.html"), page_number=number, pages=len(chunks),
            documents=len(groups), total=sum(o.count for _, o in occurrences),
            page_links=[(n, routes.entry(entry.key, n).removeprefix("glossary/")) for n in range(1, len(chunks) + 1)])
    return files


def _by_document(occurrences: tuple[tuple[Document, Occurrence], ...]) -> list[tuple[Document, list[Occurrence]]]:
    groups: list[tuple[Document, list[Occurrence]]] = []
    for document, occurrence in occurrences:
        if groups and groups[-1][0].id == document.id:
            groups[-1][1].append(occurrence)
        else:
            groups.append((document, [occurrence]))
    return groups
