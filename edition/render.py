"""Render the Site to files: ``{relative output path: bytes}``, with Jinja templates.

Every page is rendered by a pure function of the Site, so pages can be rendered
in parallel and cached.  All links are relative (``root`` is ``""`` or
``"../"``), so the output works under any sub-path and from ``file://``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .citation import Citations, cite_document, cite_edition, paragraph_note
from .glossary import KINDS, AliasMatcher, first_met, link_aliases, refs_by_block
from .highlight import highlight_source, pygments_css
from .html import RenderedBlock, render_blocks, render_fragment
from .linked_data import (
    document_jsonld,
    document_url,
    edition_jsonld,
    glossary_jsonld,
    highwire_tags,
)
from .model import Document, GlossaryEntry, Page, Site
from .tei import tei_files

KIND_HEADINGS = {"person": "People", "organization": "Organizations", "place": "Places",
                 "term": "Terms", "abbreviation": "Abbreviations"}
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "de": "German", "fr": "French", "es": "Spanish"}


@dataclass(frozen=True)
class Row:
    """One block of a document's text with what stands beside it."""

    block: RenderedBlock
    anchor: str
    gloss: tuple[GlossaryEntry, ...]


@dataclass(frozen=True)
class Occurrence:
    """Where a glossary entry is met: a document, a row anchor and how often."""

    document: Document
    anchor: str
    label: str
    count: int


def make_environment(templates: Path) -> jinja2.Environment:
    """A Jinja environment over ``templates/`` that fails on any undefined name."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.globals.update(kind_headings=KIND_HEADINGS, language_name=lambda code: LANGUAGE_NAMES.get(code, code))
    return env


def render_site(site: Site, templates: Path) -> dict[str, bytes]:
    """Every output file of the edition, keyed by its path relative to ``output/``."""
    env = make_environment(templates)
    files = render_index_files(env, site)
    for index in range(len(site.documents)):
        files.update(render_document_files(env, site, index))
    for page in site.pages:
        files[f"essays/{page.id}.html"] = render_page(env, site, page).encode("utf-8")
    files["glossary/index.html"] = render_glossary(env, site).encode("utf-8")
    files.update(tei_files(site))
    files.update(asset_files(templates))
    return files


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


def _page(env: jinja2.Environment, template: str, site: Site, depth: int, **context) -> str:
    return env.get_template(template).render(site=site, edition=site.edition, root="../" * depth, **context)


def render_index_files(env: jinja2.Environment, site: Site) -> dict[str, bytes]:
    """The front page (documents in date order, essays, the edition's citation) and the edition's downloads."""
    cite = cite_edition(site.edition, site.edition.base_url)
    page = _page(env, "index.html", site, 0, current="index", cite=cite, jsonld=edition_jsonld(site.edition))
    return {"index.html": page.encode("utf-8"), **citation_files("edition", cite)}


def render_document_files(env: jinja2.Environment, site: Site, index: int) -> dict[str, bytes]:
    """A document's page, its encoding view and its citation downloads: a pure function of the Site."""
    document = site.documents[index]
    stem = f"documents/{document.id}"
    cite = cite_document(document, site.edition, document_url(site.edition, document))
    rows = document_rows(document, site.glossary)
    page = _page(env, "document.html", site, 1, current="document", doc=document, rows=rows,
                 cite=cite, paragraph_cite=paragraph_note(cite.chicago_note, "{n}"),
                 meta_tags=highwire_tags(document, site.edition), jsonld=document_jsonld(document, site.edition),
                 apparatus=[entry for row in rows for entry in row.block.apparatus],
                 entries=entries_by_kind(document, rows, site.glossary),
                 previous=site.documents[index - 1] if index > 0 else None,
                 next=site.documents[index + 1] if index + 1 < len(site.documents) else None)
    return {f"{stem}.html": page.encode("utf-8"),
            f"{stem}.source.html": render_source(env, site, document).encode("utf-8"),
            **citation_files(stem, cite)}


def document_rows(document: Document, glossary: dict[str, GlossaryEntry]) -> tuple[Row, ...]:
    """The rows of a document's text: each block with the entries first met in it."""
    met = first_met(document.body)
    return tuple(Row(block, block_anchor(block.n, block.index), tuple(glossary[k] for k in met[block.index] if k in glossary))
                 for block in render_blocks(document.body))


def block_anchor(n: int, index: int) -> str:
    """``p4`` for numbered paragraph 4; ``b2`` for an unnumbered block (a heading)."""
    return f"p{n}" if n else f"b{index + 1}"


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


def render_source(env: jinja2.Environment, site: Site, document: Document) -> str:
    """The document's file as the editor wrote it, highlighted, with line numbers."""
    return _page(env, "source.html", site, 1, current="source", doc=document, code=highlight_source(document.text))


def render_page(env: jinja2.Environment, site: Site, page: Page) -> str:
    """An essay page."""
    blocks = render_blocks(page.body, "../glossary/index.html#{key}", heading_shift=0)
    return _page(env, "page.html", site, 1, current=page.id, page=page, body="".join(b.html for b in blocks),
                 notes=[note for block in blocks for note in block.notes])


def render_glossary(env: jinja2.Environment, site: Site) -> str:
    """All entries by kind, with descriptions, cross-references and back-links."""
    groups = [(kind, sorted((e for e in site.glossary.values() if e.kind == kind), key=sort_key)) for kind in KINDS]
    return _page(env, "glossary.html", site, 1, current="glossary", groups=[g for g in groups if g[1]],
                 jsonld=glossary_jsonld(sorted(site.glossary.values(), key=sort_key), site.edition),
                 occurrences=occurrences(site), descriptions={k: render_fragment(e.description, "#{key}") for k, e in site.glossary.items()})


def occurrences(site: Site) -> dict[str, list[Occurrence]]:
    """For each entry key, every document row where it occurs (linked there or not), with counts."""
    every = AliasMatcher.build(site.glossary.values(), site.edition.glossary_links, every=True)
    found: dict[str, list[Occurrence]] = {}
    for document in site.documents:
        body = link_aliases(document.body, every)
        for index, (block, keys) in enumerate(zip(body.blocks, refs_by_block(body), strict=True)):
            n = block.get("attrs", {}).get("n", 0)
            for key in dict.fromkeys(keys):
                found.setdefault(key, []).append(Occurrence(document, block_anchor(n, index),
                                                            f"¶ {n}" if n else "heading", keys.count(key)))
    return found
