"""Assemble the loaded content into one Site: resolve senders, glossary links, order.

A pure function of the Content: no file is read here.
"""

from __future__ import annotations

from dataclasses import replace

from .content import Content
from .glossary import (
    AliasMatcher,
    check_references,
    link_aliases,
    refs_by_block,
    unreferenced,
)
from .model import Agent, Document, GlossaryEntry, Name, Site
from .problems import Problem, did_you_mean, error

GLOSSARY_PATH = "content/glossary.yaml"


def assemble(content: Content) -> tuple[Site | None, list[Problem]]:
    """The Site, or None when the content has errors that stop the build."""
    if content.glossary is None:  # unreadable glossary.yaml: its one error is already reported; every check here needs it
        return None, []
    problems: list[Problem] = []
    glossary = content.glossary
    matcher = AliasMatcher.build(glossary.values(), content.edition.glossary_links if content.edition else "first")
    documents = []
    for page in content.pages:
        problems += check_references(page.path, page.body, glossary)
    for entry in glossary.values():
        problems += check_references(GLOSSARY_PATH, entry.description, glossary)
    for document in content.documents:
        problems += check_references(document.path, document.body, glossary)
        senders, found = _resolve_agents(document, document.senders, glossary, "from")
        recipients, found2 = _resolve_agents(document, document.recipients, glossary, "to")
        problems += found + found2
        documents.append(replace(document, senders=senders, recipients=recipients,
                                 body=link_aliases(document.body, matcher)))
    used = {key for d in documents for keys in refs_by_block(d.body) for key in keys}
    used |= {a.key for d in documents for a in d.senders + d.recipients if a.key}
    used |= {ref.key for p in content.pages for ref in p.body.glossary_refs}
    used |= {target for entry in glossary.values() for target in entry.see}
    problems += unreferenced(glossary, used, GLOSSARY_PATH)
    if content.edition is None or any(p.is_error for p in problems):
        return None, problems
    site = Site(content.edition, tuple(sorted(documents, key=lambda d: (d.date, d.id))),
                tuple(sorted(content.pages, key=lambda p: (p.order, p.title))), glossary)
    return site, problems


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
