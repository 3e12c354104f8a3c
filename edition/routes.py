"""Where every page of the edition lives: the one table of output paths.

Templates link relatively (``root`` + path), so these paths are the same at a
domain's root, under a sub-path and from ``file://``.
"""

from __future__ import annotations

INDEX = "index.html"
GLOSSARY_INDEX = "glossary/index.html"
GLOSSARY_TEI = "glossary/glossary.xml"
#: Glossary keys that would collide with a page of the glossary folder.
RESERVED_ENTRY_KEYS = frozenset({"index"})
#: An entry's page lists at most this many documents; more go to further pages.
OCCURRENCE_PAGE = 400
DOWNLOAD_SUFFIXES = (".bib", ".ris", ".json")


def document_stem(document_id: str) -> str:
    return f"documents/{document_id}"


def document(document_id: str) -> str:
    return f"{document_stem(document_id)}.html"


def document_source(document_id: str) -> str:
    return f"{document_stem(document_id)}.source.html"


def document_tei(document_id: str) -> str:
    return f"{document_stem(document_id)}.xml"


def document_outputs(document_id: str) -> tuple[str, ...]:
    """Every file written for one document."""
    stem = document_stem(document_id)
    return (document(document_id), document_source(document_id), document_tei(document_id),
            *(stem + s for s in DOWNLOAD_SUFFIXES))


def essay(page_id: str) -> str:
    return f"essays/{page_id}.html"


def entry(key: str, page: int = 1) -> str:
    """An entry's page of occurrences; its further pages are ``key.2.html``… (a dot never occurs in a key)."""
    return f"glossary/{key}.html" if page == 1 else f"glossary/{key}.{page}.html"


def edition_downloads() -> tuple[str, ...]:
    return tuple("edition" + s for s in DOWNLOAD_SUFFIXES)
