"""Machine-readable descriptions of documents and entries: Highwire meta tags and schema.org JSON-LD.

Reference managers (Zotero, Mendeley) read the ``citation_*`` meta tags; search
engines and linked-data tools read the JSON-LD.  Pure functions of the model.
"""

from __future__ import annotations

import json

from .model import Agent, Document, Edition, GlossaryEntry, Name


def document_url(edition: Edition, document: Document) -> str:
    """The document page's absolute address, or '' when the edition has no base_url."""
    return f"{edition.base_url}documents/{document.id}.html" if edition.base_url else ""


def highwire_tags(document: Document, edition: Edition) -> list[tuple[str, str]]:
    """``(name, content)`` pairs for the ``<meta name="citation_…">`` tags of a document page."""
    revision = document.last_revision
    tags = [("citation_title", document.title)]
    tags += [("citation_author", _inverted(agent.name)) for agent in document.senders]
    tags += [("citation_date", _slashed(document.date.iso)),
             ("citation_publication_date", _slashed(revision.date.iso) if revision else str(edition.year)),
             ("citation_publisher", edition.publisher),
             ("citation_inbook_title", _edition_title(edition)),
             ("citation_language", document.language)]
    tags += [("citation_editor", _inverted(name)) for name in edition.editors]
    url = document_url(edition, document)
    if url:
        tags += [("citation_public_url", url), ("citation_abstract_html_url", url)]
    if document.source.archive:
        tags.append(("citation_archive", document.source.archive))
    return [(name, content) for name, content in tags if content]


def _inverted(name: Name) -> str:
    return name.inverted


def _slashed(iso: str) -> str:
    """Highwire dates are ``YYYY/MM/DD``."""
    return iso.split("T")[0].replace("-", "/")


def _edition_title(edition: Edition) -> str:
    return f"{edition.title}: {edition.subtitle}" if edition.subtitle else edition.title


def document_jsonld(document: Document, edition: Edition) -> str:
    """schema.org JSON-LD: this transcription, based on the original, part of the edition."""
    revision = document.last_revision
    data = {
        "@context": "https://schema.org",
        "@type": ["CreativeWork", "ArchiveComponent"],
        "name": document.title,
        "description": document.summary,
        "dateCreated": document.date.iso,
        "inLanguage": document.language,
        "author": [_agent(a) for a in document.senders],
        "recipient": [_agent(a) for a in document.recipients],
        "isBasedOn": _original(document),
        "isPartOf": edition_jsonld_object(edition),
        "publisher": {"@type": "Organization", "name": edition.publisher},
        "version": revision.date.iso if revision else edition.version,
        "dateModified": revision.date.iso if revision else None,
        "url": document_url(edition, document) or None,
    }
    if document.translator:
        data["translator"] = {"@type": "Person", "name": document.translator}
    return _dump(data)


def _original(document: Document) -> dict:
    source = document.source
    original = {"@type": "ArchiveComponent", "name": document.title, "dateCreated": document.date.iso,
                "inLanguage": document.original_language or document.language, "url": source.url or None,
                "identifier": source.identifier or None, "citation": source.citation or None}
    if source.archive:
        original["holdingArchive"] = {"@type": "ArchiveOrganization", "name": source.archive}
    return original


def _agent(agent: Agent) -> dict:
    return {"@type": "Person" if agent.is_person else "Organization", "name": agent.name.display}


def edition_jsonld_object(edition: Edition) -> dict:
    """The edition as a schema.org ``Collection``."""
    return {"@type": "Collection", "name": _edition_title(edition), "url": edition.base_url or None,
            "editor": [{"@type": "Person" if n.family else "Organization", "name": n.display} for n in edition.editors],
            "publisher": {"@type": "Organization", "name": edition.publisher}, "version": edition.version or None,
            "datePublished": str(edition.year)}


def edition_jsonld(edition: Edition) -> str:
    """JSON-LD for the edition's front page."""
    return _dump({"@context": "https://schema.org", **edition_jsonld_object(edition)})


def glossary_jsonld(entries: list[GlossaryEntry], edition: Edition) -> str:
    """JSON-LD for the people and organizations of the glossary (``sameAs`` Wikidata when known)."""
    graph = [_entry(e, edition) for e in entries if e.kind in {"person", "organization"}]
    return _dump({"@context": "https://schema.org", "@graph": graph})


def _entry(entry: GlossaryEntry, edition: Edition) -> dict:
    data = {"@type": "Person" if entry.kind == "person" else "Organization", "@id": f"#{entry.key}",
            "name": entry.label, "description": entry.short,
            "alternateName": [a for a in entry.aliases if a != entry.label] or None}
    if entry.kind == "person" and entry.name and entry.name.family:
        data.update(familyName=entry.name.family, givenName=entry.name.given or None)
    if entry.role:
        data["jobTitle"] = entry.role
    if entry.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{entry.wikidata}"
    return data


#: Characters that could end the <script> element or open a comment in it, written as JSON escapes
#: (``<!--`` in a value would otherwise hide the rest of the page).
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _dump(data: dict) -> str:
    """Compact, deterministic JSON without nulls; safe inside a <script> element."""
    return json.dumps(_drop_empty(data), ensure_ascii=False, sort_keys=True, indent=1).translate(_SCRIPT_SAFE)


def _drop_empty(value):
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value
