"""Assemble the edition: every cross-document step in one place.

Input: the edition's metadata, glossary and essays, and the summaries of the
documents as read (no bodies).  Output: one Site holding the documents in the
edition's order, where every glossary entry is met, and the problems that only
show when documents are seen together.  A pure function: no file is read here.
Rendering one document then needs only that document plus these small tables.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from .glossary import check_references, unreferenced
from .model import Agent, Document, Edition, GlossaryEntry, Name, Page, Site
from .problems import Problem, did_you_mean, error
from .read import DocumentRecord, Occurrence

GLOSSARY_PATH = "content/glossary.yaml"


@dataclass(frozen=True)
class Assembled:
    """The Site and the cross-document facts the pages need."""

    site: Site
    #: entry key → (document, occurrence) pairs, documents in the edition's order
    occurrences: dict[str, tuple[tuple[Document, Occurrence], ...]]


def assemble(edition: Edition | None, glossary: dict[str, GlossaryEntry] | None, pages: Iterable[Page],
             records: Iterable[DocumentRecord]) -> tuple[Assembled | None, list[Problem]]:
    """The assembled edition, or None when there are errors that stop the build.

    ``glossary`` is None when glossary.yaml could not be read: its own error is
    then the only one reported about it (no "unknown key" for every reference).
    """
    pages = tuple(pages)
    records = [r for r in records if r.document is not None]
    problems: list[Problem] = []
    documents = []
    for record in records:
        document, found = _resolve(record.document, glossary)
        problems += found
        documents.append(document)
    if glossary is not None:
        problems += _check_glossary_use(glossary, pages, documents, records)
    if edition is None or any(p.is_error for p in problems):
        return None, problems
    ordered = tuple(sorted(documents, key=document_order(documents)))
    site = Site(edition, ordered, tuple(sorted(pages, key=lambda p: (p.order, p.title))), glossary or {})
    return Assembled(site, _occurrences(ordered, records)), problems


def _resolve(document: Document, glossary: dict[str, GlossaryEntry] | None) -> tuple[Document, list[Problem]]:
    if glossary is None:
        return document, []
    problems = check_references(document.path, document.body, glossary)
    senders, found = _resolve_agents(document, document.senders, glossary, "from")
    recipients, found2 = _resolve_agents(document, document.recipients, glossary, "to")
    return replace(document, senders=senders, recipients=recipients), problems + found + found2


def _check_glossary_use(glossary: dict[str, GlossaryEntry], pages: tuple[Page, ...], documents: list[Document],
                        records: list[DocumentRecord]) -> list[Problem]:
    problems = []
    for page in pages:
        problems += check_references(page.path, page.body, glossary)
    for entry in glossary.values():
        problems += check_references(GLOSSARY_PATH, entry.description, glossary)
    used = {key for record in records for key in record.occurrences}
    used |= {a.key for d in documents for a in d.senders + d.recipients if a.key}
    used |= {ref.key for p in pages for ref in p.body.glossary_refs}
    used |= {target for entry in glossary.values() for target in entry.see}
    return problems + unreferenced(glossary, used, GLOSSARY_PATH)


def _occurrences(ordered: tuple[Document, ...], records: list[DocumentRecord]
                 ) -> dict[str, tuple[tuple[Document, Occurrence], ...]]:
    by_id = {record.document.id: record for record in records}
    found: dict[str, list[tuple[Document, Occurrence]]] = {}
    for document in ordered:
        for key, occurrences in by_id[document.id].occurrences.items():
            found.setdefault(key, []).extend((document, o) for o in occurrences)
    return {key: tuple(items) for key, items in found.items()}


def document_order(documents: list[Document]):
    """Volume order when every document is numbered in its volume (an imported volume), else date order."""
    if documents and all(d.source.document_number.isdigit() for d in documents):
        return lambda d: (d.source.series, d.source.volume, int(d.source.document_number), d.id)
    return lambda d: (d.date, d.id)


def _resolve_agents(document: Document, agents: tuple[Agent, ...], glossary: dict[str, GlossaryEntry],
                    field: str) -> tuple[tuple[Agent, ...], list[Problem]]:
    resolved, problems = [], []
    for agent in agents:
        entry = glossary.get(agent.key)
        if entry:
            resolved.append(Agent(entry.name or Name(literal=entry.label), entry.key, entry.kind == "person"))
        elif agent.key and did_you_mean(agent.key, glossary):
            problems.append(error(document.path, agent.line, f"'{field}: {agent.key}' is no glossary key",
                                  did_you_mean(agent.key, glossary)))
            resolved.append(agent)
        else:
            resolved.append(Agent(agent.name))
    return tuple(resolved), problems
