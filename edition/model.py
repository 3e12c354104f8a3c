"""The edition's data model: frozen, validated objects that every renderer reads.

HTML pages, citations and (later) TEI are all rendered from these objects; none
of them re-reads a file.  Bodies are kept as parsed markup trees (mistune's
token lists); they are built once by :mod:`edition.markup` and never mutated.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Any

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """An ISO 8601 date that may stop at the year or month (``1962``, ``1962-11``)."""

    year: int
    month: int = 0
    day: int = 0
    hour: int = -1
    minute: int = 0

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``; raise ValueError."""
        m = _DATE_RE.match(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not an ISO 8601 date")
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        hour, minute = (int(m[4]), int(m[5])) if m[4] else (-1, 0)
        if month and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r}: {MONTHS[month - 1]} {year} has {last} days")
        if hour >= 24 or minute >= 60:
            raise ValueError(f"{text!r} has no such time of day")
        return cls(year, month, day, hour, minute)

    @property
    def iso(self) -> str:
        """The date as written in ISO 8601, as precise as it is known."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        if self.hour >= 0:
            text += f"T{self.hour:02d}:{self.minute:02d}"
        return text

    @property
    def day_month_year(self) -> str:
        """``6 November 1962`` (or ``November 1962``, ``1962``)."""
        parts = [str(self.day)] if self.day else []
        if self.month:
            parts.append(MONTHS[self.month - 1])
        return " ".join(parts + [str(self.year)])

    @property
    def month_day_year(self) -> str:
        """``November 6, 1962`` (or ``November 1962``, ``1962``)."""
        if self.day:
            return f"{MONTHS[self.month - 1]} {self.day}, {self.year}"
        return self.day_month_year


@dataclass(frozen=True)
class Name:
    """A person's name as citation styles need it.

    ``literal`` is for names that must never be inverted or initialised
    (``U Thant``) and for offices and institutions.
    """

    family: str = ""
    given: str = ""
    literal: str = ""

    @property
    def display(self) -> str:
        """``Vasily V. Kuznetsov``"""
        return self.literal or f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """``Kuznetsov, Vasily V.``"""
        if self.literal or not self.given:
            return self.display
        return f"{self.family}, {self.given}"


@dataclass(frozen=True)
class Agent:
    """A sender or recipient: a glossary entry's key (when it has one) and a name."""

    name: Name
    key: str = ""
    is_person: bool = False
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Source:
    """Where the transcribed text comes from.

    ``repository``: who publishes or holds the copy transcribed (an online
    archive, a printed documentary series); ``archive``: where the original is
    kept (``archive_location``: its file there); ``citation``: the source's own citation, verbatim; ``url``: the
    public address to cite; ``transcribed_from``: the copy actually used, if
    it differs.
    """

    repository: str = ""
    archive: str = ""
    identifier: str = ""
    url: str = ""
    transcribed_from: str = ""
    citation: str = ""
    series: str = ""
    volume: str = ""
    volume_editors: tuple[Name, ...] = ()
    publisher: str = ""
    publisher_place: str = ""
    published: str = ""
    document_number: str = ""
    archive_location: str = ""  # the file or call number within ``archive``


@dataclass(frozen=True)
class Revision:
    """One entry of a transcription's change log."""

    date: PartialDate
    note: str


@dataclass(frozen=True)
class Witness:
    """A copy of the text whose readings the apparatus records, by siglum."""

    siglum: str
    description: str


@dataclass(frozen=True)
class Note:
    """A note: the source's own (numbered) or the editor's (lettered)."""

    key: str
    mark: str
    kind: str  # "source" | "editor"
    children: tuple  # inline tokens
    block: int  # index of the block it is attached to
    line: int
    anchor: str  # the id suffix: "1", "a", "source"


@dataclass(frozen=True)
class GlossaryRef:
    """One reference to a glossary entry in a body."""

    key: str
    block: int  # index of the top-level block
    line: int
    column: int
    explicit: bool = True


@dataclass(frozen=True)
class Body:
    """A parsed text: top-level blocks (mistune tokens) and what they use.

    Each top-level block token carries ``attrs["line"]`` (its file line) and,
    when it is a numbered paragraph, ``attrs["n"]``.
    """

    blocks: tuple
    notes: tuple[Note, ...] = ()
    glossary_refs: tuple[GlossaryRef, ...] = ()
    paragraph_count: int = 0
    page_breaks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """One transcribed source document."""

    id: str
    path: str
    title: str
    date: PartialDate
    body: Body
    text: str  # the file as written, shown in the source view
    place: str = ""
    senders: tuple[Agent, ...] = ()
    recipients: tuple[Agent, ...] = ()
    type: str = ""
    number: str = ""  # the document's own number, e.g. a telegram's
    part: str = ""  # the part or chapter of the edition it belongs to (a volume's chapter heading)
    classification: str = ""
    language: str = "en"
    original_language: str = ""
    translator: str = ""
    summary: str = ""
    source: Source = field(default_factory=Source)
    witnesses: tuple[Witness, ...] = ()
    revisions: tuple[Revision, ...] = ()
    draft: bool = False  # kept out of the published build; shown by ``serve``

    @property
    def last_revision(self) -> Revision | None:
        """The latest change-log entry, which dates the state of the text cited."""
        return max(self.revisions, key=lambda r: r.date) if self.revisions else None


@dataclass(frozen=True)
class Page:
    """An essay page (introduction, editorial method, …)."""

    id: str
    path: str
    title: str
    body: Body
    order: int = 100
    summary: str = ""


@dataclass(frozen=True)
class GlossaryEntry:
    """A person, organization, place, term or abbreviation the texts mention."""

    key: str
    kind: str
    label: str
    short: str
    line: int
    description: Any = ()  # parsed Markdown blocks
    aliases: tuple[str, ...] = ()
    dates: str = ""
    role: str = ""
    see: tuple[str, ...] = ()
    wikidata: str = ""
    name: Name | None = None
    link: str = ""  # automatic alias matching: "first", "all" or "none"; "" = edition default
    sources: tuple[str, ...] = ()  # where the entry's facts come from, for the editors
    beside: str = "entry"  # beside the text where first met: "entry" (name and short gloss) or "name" alone


@dataclass(frozen=True)
class Part:
    """A part of the edition (a volume's chapter): its title, as documents name it, and the volume's note on it."""

    title: str
    note: Body | None = None


@dataclass(frozen=True)
class Edition:
    """Edition-wide metadata from ``content/edition.yaml``."""

    title: str
    language: str
    editors: tuple[Name, ...]
    publisher: str
    year: int
    subtitle: str = ""
    licence: str = ""
    licence_url: str = ""
    base_url: str = ""
    repository: str = ""
    version: str = ""
    accessed: str = ""
    built: str = ""
    description: str = ""
    glossary_links: str = "first"  # default automatic matching of aliases
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Site:
    """Everything the renderers need, cross-references resolved."""

    edition: Edition
    documents: tuple[Document, ...]  # in date order
    pages: tuple[Page, ...]  # in their set order
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
