"""Ways into an edition of hundreds of documents: by date, by sender, recipient, type and classification.

Pure functions of the assembled Site's documents (their summaries, in the
edition's order); the pages they feed are static and need no JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import MONTHS, Agent, Document
from .names import slugify

#: facet → its heading and the page that lists its values
FACETS = {
    "sender": ("Senders", "browse/senders.html"),
    "recipient": ("Recipients", "browse/recipients.html"),
    "type": ("Types of document", "browse/types.html"),
    "classification": ("Classifications", "browse/classifications.html"),
}


@dataclass(frozen=True)
class Group:
    """Documents sharing one value of a facet (or one year), with the page that lists them."""

    key: str  # a slug, unique within its facet
    label: str
    documents: tuple[Document, ...]
    glossary_key: str = ""  # for people and bodies: their glossary entry


@dataclass(frozen=True)
class Month:
    """The documents of one month of a year (month 0: dated to the year only)."""

    month: int
    documents: tuple[Document, ...]

    @property
    def label(self) -> str:
        return MONTHS[self.month - 1] if self.month else "Month not known"


def by_year(documents: tuple[Document, ...]) -> list[Group]:
    """Documents grouped by year, years in order, each group in the edition's order."""
    years: dict[int, list[Document]] = {}
    for document in documents:
        years.setdefault(document.date.year, []).append(document)
    return [Group(str(year), str(year), tuple(years[year])) for year in sorted(years)]


def by_month(documents: tuple[Document, ...]) -> list[Month]:
    """One year's documents grouped by month."""
    months: dict[int, list[Document]] = {}
    for document in documents:
        months.setdefault(document.date.month, []).append(document)
    return [Month(month, tuple(months[month])) for month in sorted(months, key=lambda m: m or 13)]


def by_part(documents: tuple[Document, ...]) -> list[Group]:
    """Runs of consecutive documents of one part (a volume's chapter), in the edition's order.

    A document without a part gets a group with an empty label; a part met again
    after another one starts a new run, so that the listing keeps the edition's order.
    """
    groups: list[Group] = []
    for document in documents:
        if groups and groups[-1].label == document.part:
            last = groups[-1]
            groups[-1] = Group(last.key, last.label, last.documents + (document,))
        else:
            groups.append(Group(part_anchor(document.part), document.part, (document,)))
    return groups


def part_anchor(part: str) -> str:
    """The id of a part's heading on the front page (``part-i-consolidation-of-the-diem``)."""
    return "part-" + slugify(part, 48) if part else ""


def facet_groups(documents: tuple[Document, ...], facet: str) -> list[Group]:
    """The values of ``facet`` with their documents, sorted by label."""
    groups: dict[str, tuple[str, str, list[Document]]] = {}
    for document in documents:
        for label, glossary_key in _values(document, facet):
            key = slugify(glossary_key or label)
            groups.setdefault(key, (label, glossary_key, []))[2].append(document)
    return [Group(key, label, tuple(docs), glossary_key)
            for key, (label, glossary_key, docs) in sorted(groups.items(), key=lambda item: item[1][0].casefold())]


def _values(document: Document, facet: str) -> list[tuple[str, str]]:
    if facet in ("sender", "recipient"):
        agents: tuple[Agent, ...] = document.senders if facet == "sender" else document.recipients
        return [(a.name.display, a.key) for a in agents]
    value = document.type if facet == "type" else document.classification
    return [(value[:1].upper() + value[1:], "")] if value else []


def facet_page(facet: str, key: str, page: int = 1) -> str:
    """The page listing the documents of one value of a facet; its further pages are ``….2.html``…"""
    return f"browse/{facet}-{key}.html" if page == 1 else f"browse/{facet}-{key}.{page}.html"


def year_page(year: str) -> str:
    return f"browse/{year}.html"
