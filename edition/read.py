"""Read the documents: each file → a linked Document plus what assembly needs to know of it.

Reading is the per-document half of the build that needs no other document: parse
the front matter and the body, link the glossary's aliases, count where each entry
is met.  It is a pure function of the file's text and the alias table, so it runs
in worker processes and its result is cached under the hash of exactly those.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace

from .content import load_document
from .glossary import AliasMatcher, link_and_count
from .model import Body, Document
from .problems import Problem

@dataclass(frozen=True)
class Occurrence:
    """Where a glossary entry is met in one document: a row anchor, its label and how often."""

    anchor: str
    label: str
    count: int


@dataclass(frozen=True)
class DocumentRecord:
    """One document as read: the Document (aliases linked) and where each entry occurs in it.

    ``occurrences`` maps an entry's key to the rows where it is met, in reading order.
    """

    document: Document | None
    occurrences: dict[str, tuple[Occurrence, ...]]
    problems: tuple[Problem, ...]

    @property
    def summary(self) -> "DocumentRecord":
        """The record without the body and the file text: what cross-document pages need."""
        if self.document is None:
            return self
        body = Body((), glossary_refs=self.document.body.glossary_refs)
        return replace(self, document=replace(self.document, body=body, text=""))


def record_key(code_version: str, path: str, data: bytes, matcher_signature: str) -> str:
    """The cache key of a document's record: everything reading it depends on."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (code_version.encode(), path.encode(), matcher_signature.encode(), data):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def read_document(path: str, text: str, matcher: AliasMatcher) -> DocumentRecord:
    """Parse one document file and link its glossary aliases."""
    document, problems = load_document(path, text)
    if document is None:
        return DocumentRecord(None, {}, tuple(problems))
    linked = link_and_count(document.body, matcher)
    document = replace(document, body=linked.body)
    return DocumentRecord(document, _occurrences(document.body, linked.occurrences), tuple(problems))


def block_anchor(n: int, index: int) -> str:
    """``p4`` for numbered paragraph 4; ``b2`` for an unnumbered block (a heading)."""
    return f"p{n}" if n else f"b{index + 1}"


def _occurrences(body: Body, per_block: tuple[tuple[str, ...], ...]) -> dict[str, tuple[Occurrence, ...]]:
    found: dict[str, list[Occurrence]] = {}
    for index, (block, keys) in enumerate(zip(body.blocks, per_block, strict=True)):
        n = block.get("attrs", {}).get("n", 0)
        for key, count in Counter(keys).items():  # a Counter keeps the order of first occurrence
            found.setdefault(key, []).append(Occurrence(block_anchor(n, index), f"¶ {n}" if n else "heading", count))
    return {key: tuple(items) for key, items in found.items()}
