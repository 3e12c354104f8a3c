"""Citations of a document as published in this edition, and of the edition itself.

Chicago (17th ed., notes-bibliography), MLA (9th ed.) and APA (7th ed.) are
formatted here rather than by citeproc-py, which mishandles archival items
(see FIELD-NOTES, "Citations").  BibTeX, RIS and CSL-JSON carry the same facts
for reference managers.

What is cited is the *transcription* in a given state: the date of the
document's last revision or, when it has none, the edition's version.  The
document's own date is the original date; the state's date is the date issued.

Human styles are built as plain strings in which italics are marked by
``_ITALIC_START``/``_ITALIC_END``; :func:`_styled` turns them into HTML and text.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
from types import MappingProxyType

from edition.model import MONTHS, Agent, Document, Edition, Name, PartialDate

_ITALIC_START, _ITALIC_END = "\x01", "\x02"

_MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.",
               "Oct.", "Nov.", "Dec.")

# Lowercased in headline style (Chicago 8.159, MLA 1.2): articles, coordinating
# conjunctions, prepositions, "to", "as", and particles of personal names.
_MINOR_WORDS = frozenset("""a an the and but for nor or as to at by from in into of on onto
    per than upon via with within without about against among between during through
    toward towards under de du da van von der den la le""".split())

_BIBTEX_ESCAPES = MappingProxyType({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"})


@dataclass(frozen=True)
class Styled:
    """One human citation: escaped HTML (titles in ``<i>``) and the same as plain text."""

    html: str
    text: str


@dataclass(frozen=True)
class Citations:
    """One work cited in every style the site offers."""

    chicago_note: Styled
    chicago_bibliography: Styled
    mla: Styled
    apa: Styled
    bibtex: str
    ris: str
    csl_json: str


@dataclass(frozen=True)
class _Facts:
    """What every citation of a document draws on, worked out once."""

    doc: Document
    edition: Edition
    url: str
    authors: tuple[Name, ...]
    revised: PartialDate | None  # the state cited; None: the edition's version is cited
    accessed: PartialDate | None  # only given with a URL


# ---------------------------------------------------------------- public API

def cite_document(doc: Document, edition: Edition, url: str = "",
                  paragraph: int | None = None) -> Citations:
    """Cite a document as published in this edition, in the state of its last revision."""
    facts = _facts(doc, _publisher_not_editor(edition), url)
    note = _styled(_chicago_note(facts))
    return Citations(
        chicago_note=note if paragraph is None else paragraph_note(note, paragraph),
        chicago_bibliography=_styled(_chicago_bibliography(facts)),
        mla=_styled(_mla(facts)),
        apa=_styled(_apa(facts)),
        bibtex=_document_bibtex(facts),
        ris=_document_ris(facts),
        csl_json=_csl_json(_document_csl(facts)),
    )


def cite_edition(edition: Edition, url: str = "") -> Citations:
    """Cite the edition as a whole: an edited online collection, in its current version."""
    edition = _publisher_not_editor(edition)
    accessed = _accessed(edition, url)
    return Citations(
        chicago_note=_styled(_edition_chicago_note(edition, url, accessed)),
        chicago_bibliography=_styled(_edition_chicago_bibliography(edition, url, accessed)),
        mla=_styled(_edition_mla(edition, url, accessed)),
        apa=_styled(_edition_apa(edition, url, accessed)),
        bibtex=_edition_bibtex(edition, url, accessed),
        ris=_edition_ris(edition, url, accessed),
        csl_json=_csl_json(_edition_csl(edition, url, accessed)),
    )


def paragraph_note(note: Styled, paragraph: int) -> Styled:
    """Add the pinpoint “¶ n” where Chicago puts page numbers: after the publication facts."""
    pinpoint = f", ¶ {paragraph}"
    return Styled(_after_publication_facts(note.html, pinpoint),
                  _after_publication_facts(note.text, pinpoint))


def _after_publication_facts(note: str, insert: str) -> str:
    """Insert text after the parenthesized publication facts (the last “)” before the URL)."""
    url_start = note.find(", http")
    cut = note.rfind(")", 0, url_start if url_start >= 0 else len(note)) + 1
    return note[:cut] + insert + note[cut:]


# ---------------------------------------------------------------- facts

def _publisher_not_editor(edition: Edition) -> Edition:
    """An editing body that is also the publisher is named once, as publisher (Chicago 14.84, MLA 5.13)."""
    if edition.editors and all(n.literal == edition.publisher for n in edition.editors):
        return replace(edition, editors=())
    return edition


def _facts(doc: Document, edition: Edition, url: str) -> _Facts:
    """Gather the authors, the state cited and the access date of a document's citation."""
    revision = doc.last_revision
    return _Facts(doc=doc, edition=edition, url=url, authors=_agent_names(doc.senders),
                  revised=revision.date if revision else None,
                  accessed=_accessed(edition, url))


def _agent_names(agents: tuple[Agent, ...]) -> tuple[Name, ...]:
    """The agents' names; an office's or institution's name is made literal, never inverted."""
    return tuple(a.name if a.is_person else Name(literal=a.name.display) for a in agents)


def _accessed(edition: Edition, url: str) -> PartialDate | None:
    """The configured access date, only with a URL; never today's date."""
    return PartialDate.parse(edition.accessed) if edition.accessed and url else None


def _edition_title(edition: Edition) -> str:
    """Title and subtitle, joined by a colon unless the title ends in ? or !."""
    if not edition.subtitle:
        return edition.title
    separator = " " if edition.title.endswith(("?", "!")) else ": "
    return edition.title + separator + edition.subtitle


def _issued(facts: _Facts) -> PartialDate:
    """The date of the state cited: the last revision's, else the edition's year."""
    return facts.revised or PartialDate(facts.edition.year)


def _name_from_string(name: str) -> Name:
    """Split “John Henriksen” into given and family names at the last space."""
    given, _, family = name.rpartition(" ")
    return Name(family=family, given=given)


# ---------------------------------------------------------------- text helpers

def _styled(marked: str) -> Styled:
    """Turn a string with italic markers into escaped HTML and plain text."""
    text = marked.replace(_ITALIC_START, "").replace(_ITALIC_END, "")
    markup = html.escape(marked, quote=False)
    return Styled(markup.replace(_ITALIC_START, "<i>").replace(_ITALIC_END, "</i>"), text)


def _italic(text: str) -> str:
    """Mark text as italic."""
    return f"{_ITALIC_START}{text}{_ITALIC_END}"


def _quote(title: str) -> str:
    """Put a title in double quotation marks, turning quotations inside it into single ones."""
    return "“" + title.replace("“", "‘").replace("”", "’") + "”"


def _prefixed(prefix: str, value: str | None) -> str:
    """``prefix + value``, or "" when there is no value."""
    return prefix + value if value else ""


def _punctuate(part: str, mark: str) -> str:
    """Append mark the American way: inside closing quotes, not after ? or !, no “..”."""
    core = part.rstrip("”’" + _ITALIC_END)
    if core.endswith(("?", "!")) or (mark == "." and core.endswith(".")):
        return part
    quotes = len(part) - len(part.rstrip("”’"))
    return part[:len(part) - quotes] + mark + part[len(part) - quotes:]


def _join(parts: list[str], mark: str) -> str:
    """Join the non-empty parts, each but the last followed by mark and a space."""
    parts = [p for p in parts if p]
    return " ".join([_punctuate(p, mark) for p in parts[:-1]] + parts[-1:])


def _series(items: list[str], conjunction: str = "and", comma_for_two: bool = False) -> str:
    """“A”, “A and B” (“A, and B” when asked), “A, B, and C”."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2 and not comma_for_two:
        return f"{items[0]} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + f", {conjunction} " + items[-1]


def _headline(title: str) -> str:
    """Headline-style capitalization (Chicago 8.159, MLA 1.2); words with capitals are kept."""
    words = title.split(" ")
    return " ".join(
        _headline_word(word, i in (0, len(words) - 1) or words[i - 1].endswith(":"))
        for i, word in enumerate(words))


def _headline_word(word: str, first_or_last: bool) -> str:
    """Capitalize a major word, lowercase a minor one unless it opens or closes the title."""
    bare = word.strip("“”‘’\"'()[],;:!?")
    if bare.lower() in _MINOR_WORDS and not first_or_last:
        return word.lower() if bare.istitle() else word
    if bare and bare == bare.lower() and bare[0].isalpha():
        start = word.index(bare[0])
        return word[:start] + word[start].upper() + word[start + 1:]
    return word


# ---------------------------------------------------------------- dates

def _mla_date(date: PartialDate) -> str:
    """``6 Nov. 1962``, ``Nov. 1962`` or ``1962`` (MLA 9, months abbreviated)."""
    day = [str(date.day)] if date.day else []
    month = [_MLA_MONTHS[date.month - 1]] if date.month else []
    return " ".join(day + month + [str(date.year)])


def _apa_date(date: PartialDate) -> str:
    """``2026, November 25``, ``2026, November`` or ``2026`` (APA 7, 9.14)."""
    if not date.month:
        return str(date.year)
    month = MONTHS[date.month - 1] + (f" {date.day}" if date.day else "")
    return f"{date.year}, {month}"


def _calendar_iso(date: PartialDate) -> str:
    """The ISO date without its time of day."""
    return date.iso.partition("T")[0]


# ---------------------------------------------------------------- Chicago

def _chicago_note_names(names: tuple[Name, ...]) -> str:
    """Names for a note: up to three in natural order, else the first and “et al.” (14.76)."""
    if len(names) > 3:
        return f"{names[0].display} et al."
    return _series([n.display for n in names])


def _chicago_bibliography_names(names: tuple[Name, ...]) -> str:
    """The first name inverted; more than ten names, the first seven and “et al.” (14.76)."""
    if not names:
        return ""
    items = [names[0].inverted] + [n.display for n in names[1:]]
    if len(items) > 10:
        return ", ".join(items[:7]) + ", et al."
    return _series(items, comma_for_two=names[0].inverted != names[0].display)


def _chicago_publication_facts(edition: Edition) -> str:
    """``(Publisher, Year)``; an online-only edition has no place of publication."""
    return f"({_join([edition.publisher, str(edition.year)], ',')})"


def _chicago_note(facts: _Facts) -> str:
    """Full note: authors, “title,” date, trans., in edition, ed. (facts), last modified, URL."""
    doc, edition = facts.doc, facts.edition
    container = _join([
        "in " + _italic(_headline(_edition_title(edition))),
        _prefixed("ed. ", _chicago_note_names(edition.editors)),
        "" if facts.revised else _prefixed("version ", edition.version)], ",")
    return _punctuate(_join([
        _chicago_note_names(facts.authors), _quote(_headline(doc.title)), doc.date.month_day_year,
        _prefixed("trans. ", doc.translator),
        f"{container} {_chicago_publication_facts(edition)}",
        _prefixed("last modified ", facts.revised and facts.revised.month_day_year),
        _prefixed("accessed ", facts.accessed and facts.accessed.month_day_year),
        facts.url], ","), ".")


def _chicago_bibliography(facts: _Facts) -> str:
    """Bibliography entry: the same elements as the note, in sentences, first author inverted."""
    doc, edition = facts.doc, facts.edition
    editors = _series([n.display for n in edition.editors])
    return _punctuate(_join([
        _chicago_bibliography_names(facts.authors), _quote(_headline(doc.title)),
        doc.date.month_day_year, _prefixed("Translated by ", doc.translator),
        _join(["In " + _italic(_headline(_edition_title(edition))),
               _prefixed("edited by ", editors)], ","),
        "" if facts.revised else _prefixed("Version ", edition.version),
        _join([edition.publisher, str(edition.year)], ","),
        _prefixed("Last modified ", facts.revised and facts.revised.month_day_year),
        _prefixed("Accessed ", facts.accessed and facts.accessed.month_day_year),
        facts.url], "."), ".")


def _editor_role(names: tuple[Name, ...], singular: str, plural: str) -> str:
    """``ed.``/``eds.`` (or ``editor``/``editors``) for a list of editors."""
    return plural if len(names) > 1 else singular


def _edition_chicago_note(edition: Edition, url: str, accessed: PartialDate | None) -> str:
    """Note for the whole edition: editors, ed., *title*, version (facts), URL."""
    editors = _chicago_note_names(edition.editors)
    head = _join([
        _prefixed(editors + ", ", editors and _editor_role(edition.editors, "ed.", "eds.")),
        _italic(_headline(_edition_title(edition))),
        _prefixed("version ", edition.version)], ",")
    return _punctuate(_join([
        f"{head} {_chicago_publication_facts(edition)}",
        _prefixed("accessed ", accessed and accessed.month_day_year), url], ","), ".")


def _edition_chicago_bibliography(edition: Edition, url: str,
                                  accessed: PartialDate | None) -> str:
    """Bibliography entry for the whole edition, editors in the author's place."""
    editors = _chicago_bibliography_names(edition.editors)
    return _punctuate(_join([
        _prefixed(editors + ", ", editors and _editor_role(edition.editors, "ed.", "eds.")),
        _italic(_headline(_edition_title(edition))),
        _prefixed("Version ", edition.version),
        _join([edition.publisher, str(edition.year)], ","),
        _prefixed("Accessed ", accessed and accessed.month_day_year), url], "."), ".")


# ---------------------------------------------------------------- MLA

def _mla_names(names: tuple[Name, ...]) -> str:
    """One or two names, the first inverted; three or more, the first and “et al.” (MLA 2.1)."""
    if not names:
        return ""
    first, inverted = names[0].inverted, names[0].inverted != names[0].display
    if len(names) > 2:
        return first + (", et al." if inverted else " et al.")
    return _series([first] + [n.display for n in names[1:]], comma_for_two=inverted)


def _mla_contributors(names: tuple[Name, ...]) -> str:
    """Contributors in natural order: one or two names, else the first and “et al.”."""
    if len(names) > 2:
        return f"{names[0].display} et al."
    return _series([n.display for n in names])


def _mla_url(url: str) -> str:
    """The URL without its scheme, as MLA 9 recommends (5.96)."""
    return re.sub(r"^https?://", "", url)


def _mla(facts: _Facts) -> str:
    """Works-cited entry: the document as a source, the edition as its container."""
    doc, edition = facts.doc, facts.edition
    container = _join([
        _italic(_headline(_edition_title(edition))),
        _prefixed("edited by ", _mla_contributors(edition.editors)),
        "" if facts.revised else _prefixed("version ", edition.version), edition.publisher,
        _mla_date(facts.revised) if facts.revised else str(edition.year),
        _mla_url(facts.url)], ",")
    return _punctuate(_join([
        _mla_names(facts.authors), _quote(_headline(doc.title)), _mla_date(doc.date),
        _prefixed("Translated by ", doc.translator), container,
        _prefixed("Accessed ", facts.accessed and _mla_date(facts.accessed))], "."), ".")


def _edition_mla(edition: Edition, url: str, accessed: PartialDate | None) -> str:
    """Works-cited entry for the whole edition, editors in the author's place."""
    editors = _mla_names(edition.editors)
    publication = _join([_prefixed("version ", edition.version), edition.publisher,
                         str(edition.year), _mla_url(url)], ",")
    return _punctuate(_join([
        _prefixed(editors + ", ", editors and _editor_role(edition.editors, "editor", "editors")),
        _italic(_headline(_edition_title(edition))),
        publication[:1].upper() + publication[1:],
        _prefixed("Accessed ", accessed and _mla_date(accessed))], "."), ".")


# ---------------------------------------------------------------- APA

def _initials(given: str) -> str:
    """``Vasily V.`` → ``V. V.``; ``Jean-Paul`` → ``J.-P.``."""
    words = [w for w in re.split(r"[\s.]+", given) if w]
    return " ".join("-".join(part[0] + "." for part in w.split("-") if part) for w in words)


def _apa_inverted(name: Name) -> str:
    """``Kuznetsov, V. V.``; a group's name as it is."""
    if name.literal or not name.given:
        return name.display
    return f"{name.family}, {_initials(name.given)}"


def _apa_direct(name: Name) -> str:
    """``J. Doe``, for editors and translators."""
    return name.literal or f"{_initials(name.given)} {name.family}".strip()


def _apa_names(names: tuple[Name, ...]) -> str:
    """All authors inverted, “&” before the last; past twenty, 19, “. . .”, the last."""
    items = [_apa_inverted(n) for n in names]
    if len(items) > 20:
        return ", ".join(items[:19]) + ", . . . " + items[-1]
    return _series(items, "&", comma_for_two=True)


def _apa_editors(names: tuple[Name, ...]) -> str:
    """``J. Doe (Ed.), `` before the title of the collection."""
    if not names:
        return ""
    role = _editor_role(names, "Ed.", "Eds.")
    return f"{_series([_apa_direct(n) for n in names], '&')} ({role}), "


def _apa_title(doc: Document) -> str:
    """Title, translator and a description: ``… (J. Henriksen, Trans.) [Telegram to …]``."""
    translator = doc.translator and f" ({_apa_direct(_name_from_string(doc.translator))}, Trans.)"
    recipients = _series([a.name.display for a in doc.recipients])
    description = doc.type and f" [{doc.type.capitalize()}{_prefixed(' to ', recipients)}]"
    return doc.title + translator + description


def _apa_location(url: str, accessed: PartialDate | None) -> str:
    """The URL, with a retrieval date only when one is configured (APA 9.16)."""
    if url and accessed:
        return f"Retrieved {accessed.month_day_year}, from {url}"
    return url


def _apa(facts: _Facts) -> str:
    """Reference entry: republished work (9.41) in an edited collection, dated by its state."""
    doc, edition = facts.doc, facts.edition
    date = f"({_apa_date(_issued(facts))})"
    head = [_apa_names(facts.authors), date, _apa_title(doc)] if facts.authors \
        else [_apa_title(doc), date]
    version = "" if facts.revised or not edition.version else f" (Version {edition.version})"
    container = f"In {_apa_editors(edition.editors)}{_italic(_edition_title(edition))}{version}"
    body = _punctuate(_join(head + [container, edition.publisher], "."), ".")
    return " ".join(filter(None, [body, _apa_location(facts.url, facts.accessed),
                                  f"(Original work published {doc.date.year})"]))


def _edition_apa(edition: Edition, url: str, accessed: PartialDate | None) -> str:
    """Reference entry for the whole edition; without editors the title takes the author's place (APA 9.12)."""
    editors = _apa_names(edition.editors)
    role = _editor_role(edition.editors, "Ed.", "Eds.")
    title = _italic(_edition_title(edition)) + (f" (Version {edition.version})" if edition.version else "")
    lead = [_prefixed(editors, editors and f" ({role})"), f"({edition.year})", title] if editors else [title, f"({edition.year})"]
    body = _punctuate(_join(lead + [edition.publisher], "."), ".")
    return " ".join(filter(None, [body, _apa_location(url, accessed)]))


# ---------------------------------------------------------------- BibTeX

def _bibtex_escape(text: str) -> str:
    """Escape the characters BibTeX and LaTeX treat specially."""
    return "".join(_BIBTEX_ESCAPES.get(c, c) for c in text)


def _bibtex_name(name: Name) -> str:
    """``Family, Given``; a literal name braced so that BibTeX never splits it."""
    if name.literal:
        return "{" + _bibtex_escape(name.literal) + "}"
    return _bibtex_escape(name.inverted)


def _bibtex_names(names: tuple[Name, ...]) -> str:
    """Names joined by ``and``."""
    return " and ".join(_bibtex_name(n) for n in names)


def _bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """One entry, a field a line, empty fields left out."""
    lines = [f"  {name} = {{{value}}}," for name, value in fields if value]
    return f"@{kind}{{{key},\n" + "\n".join(lines) + "\n}\n"


def _edition_key(edition: Edition) -> str:
    """A citation key for the edition, from its title."""
    return re.sub(r"[^a-z0-9]+", "-", edition.title.lower()).strip("-") or "edition"


def _document_bibtex(facts: _Facts) -> str:
    """``@unpublished`` (biblatex fields): Zotero reads it as a manuscript, ``@misc`` as a book."""
    doc, edition, issued = facts.doc, facts.edition, _issued(facts)
    container = _join([_edition_title(edition),
                       _prefixed("edited by ", _series([n.display for n in edition.editors])),
                       edition.publisher], ",")
    state = _prefixed("Transcription last modified ",
                      facts.revised and facts.revised.month_day_year)
    note = _join([state or _prefixed("Version ", edition.version),
                  _prefixed("Original: ", doc.source.archive)], ".")
    translator = doc.translator and _bibtex_name(_name_from_string(doc.translator))
    return _bibtex_entry("unpublished", doc.id, [
        ("author", _bibtex_names(facts.authors)), ("title", "{" + _bibtex_escape(doc.title) + "}"),
        ("type", _bibtex_escape(doc.type.capitalize())), ("translator", translator),
        ("origdate", _calendar_iso(doc.date)), ("date", _calendar_iso(issued)),
        ("year", str(issued.year)), ("howpublished", _bibtex_escape(container)),
        ("note", _bibtex_escape(note)), ("url", facts.url),
        ("urldate", facts.accessed and facts.accessed.iso)])


def _edition_bibtex(edition: Edition, url: str, accessed: PartialDate | None) -> str:
    """``@book`` with editors: Zotero imports it as a book, the edition's version in the note."""
    return _bibtex_entry("book", _edition_key(edition), [
        ("editor", _bibtex_names(edition.editors)),
        ("title", "{" + _bibtex_escape(_edition_title(edition)) + "}"),
        ("publisher", _bibtex_escape(edition.publisher)), ("year", str(edition.year)),
        ("note", _prefixed("Version ", _bibtex_escape(edition.version))), ("url", url),
        ("urldate", accessed and accessed.iso)])


# ---------------------------------------------------------------- RIS

def _ris(fields: list[tuple[str, str]]) -> str:
    """``XX  - value`` lines, empty values left out, ``ER  - `` last."""
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in fields if value]
    return "\n".join(lines + ["ER  - "]) + "\n"


def _ris_date(date: PartialDate) -> str:
    """``YYYY/MM/DD/`` with unknown parts left empty (``1962/11//``)."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def _ris_name(name: Name) -> str:
    """``Family, Given``; a literal name as it is."""
    return name.literal or name.inverted


def _document_ris(facts: _Facts) -> str:
    """``TY  - MANSCPT``: Zotero's own tag for a manuscript (UNPB and GEN import as articles)."""
    doc, edition, issued = facts.doc, facts.edition, _issued(facts)
    translator = doc.translator and _ris_name(_name_from_string(doc.translator))
    return _ris([("TY", "MANSCPT")] + [("AU", _ris_name(n)) for n in facts.authors] + [
        ("A4", translator), ("TI", doc.title), ("T2", _edition_title(edition))]
        + [("A2", _ris_name(n)) for n in edition.editors] + [
        ("M3", doc.type), ("DA", _ris_date(issued)), ("PY", str(issued.year)),
        ("OP", _calendar_iso(doc.date)), ("ET", edition.version), ("PB", edition.publisher),
        ("DB", doc.source.archive), ("LA", doc.language), ("UR", facts.url),
        ("Y2", facts.accessed and _ris_date(facts.accessed))])


def _edition_ris(edition: Edition, url: str, accessed: PartialDate | None) -> str:
    """``TY  - BOOK`` with editors as ``A3``, as Zotero writes and reads an edited book."""
    return _ris([("TY", "BOOK")] + [("A3", _ris_name(n)) for n in edition.editors] + [
        ("TI", _edition_title(edition)), ("PY", str(edition.year)), ("ET", edition.version),
        ("PB", edition.publisher), ("LA", edition.language), ("UR", url),
        ("Y2", accessed and _ris_date(accessed))])


# ---------------------------------------------------------------- CSL-JSON

def _csl_json(item: dict) -> str:
    """A JSON array of one item: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps([item], sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _csl_names(names: tuple[Name, ...]) -> list[dict]:
    """CSL name objects: ``family``/``given``, or ``literal``."""
    return [{"literal": n.literal} if n.literal
            else {k: v for k, v in (("family", n.family), ("given", n.given)) if v}
            for n in names]


def _csl_date(date: PartialDate) -> dict:
    """A CSL date with as many parts as are known."""
    return {"date-parts": [[part for part in (date.year, date.month, date.day) if part]]}


def _document_csl(facts: _Facts) -> dict:
    """A ``manuscript`` (keeps the day in Chicago); issued = state cited, original-date = sent."""
    doc, edition = facts.doc, facts.edition
    translator = (_name_from_string(doc.translator),) if doc.translator else ()
    item = {
        "id": doc.id, "type": "manuscript", "title": doc.title, "genre": doc.type,
        "author": _csl_names(facts.authors), "recipient": _csl_names(_agent_names(doc.recipients)),
        "translator": _csl_names(translator), "editor": _csl_names(edition.editors),
        "container-title": _edition_title(edition), "publisher": edition.publisher,
        "issued": _csl_date(_issued(facts)), "original-date": _csl_date(doc.date),
        "version": edition.version, "archive": doc.source.archive, "language": doc.language,
        "URL": facts.url, "accessed": facts.accessed and _csl_date(facts.accessed)}
    return {key: value for key, value in item.items() if value}


def _edition_csl(edition: Edition, url: str, accessed: PartialDate | None) -> dict:
    """A ``book`` with editors: the edition as an edited collection."""
    item = {
        "id": _edition_key(edition), "type": "book", "title": _edition_title(edition),
        "editor": _csl_names(edition.editors), "publisher": edition.publisher,
        "issued": _csl_date(PartialDate(edition.year)), "version": edition.version,
        "language": edition.language, "URL": url, "accessed": accessed and _csl_date(accessed)}
    return {key: value for key, value in item.items() if value}
