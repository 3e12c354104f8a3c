"""Citations of a document as published in this edition, and of the edition itself.

Chicago (17th ed., notes-bibliography), MLA (9th ed.) and APA (7th ed.) are
formatted here rather than by citeproc-py, which mishandles archival items
(see FIELD-NOTES, "Citations").  BibTeX, RIS and CSL-JSON carry the same facts
for reference managers.

What is cited is the *transcription* in a given state: the date of the
document's last revision or, when it has none, the edition's version.  The
document's own date is the original date; the state's date is the date issued.

One record feeds every form: a document's CSL-JSON item is built first
(:func:`document_record`), and every style and download of the document is
formatted from that item alone, so that they cannot disagree.  The item names
the original's publication and archive (``note``, ``archive``,
``archive_location``) and the document's own number (``number``).

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
_PIN = "\x03"  # where a pinpoint ("¶ 4") goes in a note
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")

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
    pin_html: int = -1  # where paragraph_note inserts a pinpoint; -1: at the end
    pin_text: int = -1


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

    title: str
    genre: str
    number: str
    date: PartialDate  # the original's
    issued: PartialDate  # the state cited
    revised: bool  # True: a revision is cited; False: the edition's version
    authors: tuple[Name, ...]
    recipients: tuple[Name, ...]
    translators: tuple[Name, ...]
    editors: tuple[Name, ...]
    container: str
    publisher: str
    version: str
    source: str  # the original's publication and archive, in a sentence
    url: str
    accessed: PartialDate | None  # only given with a URL


# ---------------------------------------------------------------- public API

def cite_document(doc: Document, edition: Edition, url: str = "",
                  paragraph: int | None = None) -> Citations:
    """Cite a document as published in this edition, in the state of its last revision."""
    record = document_record(doc, edition, url)
    facts = _facts(record)
    note = _styled(_chicago_note(facts))
    return Citations(
        chicago_note=note if paragraph is None else paragraph_note(note, paragraph),
        chicago_bibliography=_styled(_chicago_bibliography(facts)),
        mla=_styled(_mla(facts)),
        apa=_styled(_apa(facts)),
        bibtex=_document_bibtex(record, facts),
        ris=_document_ris(record, facts),
        csl_json=_csl_json(record),
    )


def document_record(doc: Document, edition: Edition, url: str = "") -> dict:
    """The CSL-JSON item of a document in this edition: the one record every citation is made from.

    ``manuscript`` keeps the day in Chicago; ``issued`` is the state cited,
    ``original-date`` the document's own date; ``note`` names where the text was
    published before and where the original is kept.
    """
    edition = _publisher_not_editor(edition)
    revision = doc.last_revision
    translator = (_name_from_string(doc.translator),) if doc.translator else ()
    accessed = _accessed(edition, url)
    item = {
        "id": doc.id, "type": "manuscript", "title": doc.title,
        "genre": doc.type[:1].upper() + doc.type[1:], "number": doc.number,
        "author": _csl_names(_agent_names(doc.senders)),
        "recipient": _csl_names(_agent_names(doc.recipients)),
        "translator": _csl_names(translator), "editor": _csl_names(edition.editors),
        "container-title": _edition_title(edition), "publisher": edition.publisher,
        "issued": _csl_date(revision.date if revision else PartialDate(edition.year)),
        "original-date": _csl_date(doc.date),
        "version": "" if revision else edition.version,
        "archive": doc.source.archive, "archive_location": doc.source.archive_location,
        "note": _plain(_source_statement(doc.source)), "language": doc.language,
        "URL": url, "accessed": accessed and _csl_date(accessed)}
    return {key: value for key, value in item.items() if value}


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


def paragraph_note(note: Styled, paragraph: int | str) -> Styled:
    """Add the pinpoint “¶ n” where Chicago puts page numbers: after the publication facts."""
    pinpoint = f", ¶ {paragraph}"
    return Styled(_insert(note.html, note.pin_html, pinpoint), _insert(note.text, note.pin_text, pinpoint))


def _insert(text: str, at: int, insert: str) -> str:
    """Insert at a position, or before the final full stop when there is none."""
    at = at if at >= 0 else len(text.rstrip("."))
    return text[:at] + insert + text[at:]


# ---------------------------------------------------------------- facts

def _publisher_not_editor(edition: Edition) -> Edition:
    """An editing body that is also the publisher is named once, as publisher (Chicago 14.84, MLA 5.13)."""
    if edition.editors and all(n.literal == edition.publisher for n in edition.editors):
        return replace(edition, editors=())
    return edition


def _facts(record: dict) -> _Facts:
    """What the human styles and downloads need, read from the record alone."""
    get = record.get
    accessed = get("accessed")
    return _Facts(
        title=record["title"], genre=get("genre", ""), number=get("number", ""),
        date=_record_date(record["original-date"]), issued=_record_date(record["issued"]),
        revised="version" not in record and len(record["issued"]["date-parts"][0]) > 1,
        authors=_record_names(get("author", [])), recipients=_record_names(get("recipient", [])),
        translators=_record_names(get("translator", [])), editors=_record_names(get("editor", [])),
        container=record["container-title"], publisher=record["publisher"],
        version=get("version", ""), source=_source_statement_from(record), url=get("URL", ""),
        accessed=accessed and _record_date(accessed))


def _record_names(names: list[dict]) -> tuple[Name, ...]:
    return tuple(Name(family=n.get("family", ""), given=n.get("given", ""), literal=n.get("literal", ""))
                 for n in names)


def _record_date(date: dict) -> PartialDate:
    return PartialDate(*date["date-parts"][0])


def _source_statement(source) -> str:
    """Where the original was published before, and where it is kept, with italics marked."""
    if source.series:
        editors = _series([n.display for n in source.volume_editors])
        facts = _join([source.publisher_place and f"{source.publisher_place}: {source.publisher}"
                       or source.publisher, source.published], ",")
        published = _join([
            "Published in " + _italic(source.series), source.volume,
            _prefixed("eds. " if len(source.volume_editors) > 1 else "ed. ", editors)
            + (f" ({facts})" if facts else ""),
            _prefixed("Document ", source.document_number), source.url,
            _prefixed("reproduced by ", source.repository and _join(
                [source.repository, source.transcribed_from], ","))], ",")
    else:
        published = _join([_prefixed("Published by the ", source.repository),
                           _prefixed("record ", source.identifier), source.url], ",")
    original = _prefixed("Original: ", _join([source.archive, source.archive_location], ","))
    return _join([published, original], ".") + ("." if published or original else "")


def _source_statement_from(record: dict) -> str:
    """The record's note, with the series title italicized again where the note names one."""
    note = record.get("note", "")
    match = re.match(r"Published in (.+?, \d{4}–\d{4}|[^,]+), ", note)
    if not match:
        return note
    return note[:match.start(1)] + _italic(match.group(1)) + note[match.end(1):]


def _plain(marked: str) -> str:
    return marked.replace(_ITALIC_START, "").replace(_ITALIC_END, "")


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


def _name_from_string(name: str) -> Name:
    """Split “John Henriksen” into given and family names at the last space."""
    given, _, family = " ".join(name.split()).rpartition(" ")
    return Name(family=family, given=given)


# ---------------------------------------------------------------- text helpers

def _styled(marked: str) -> Styled:
    """Turn a string with italic (and pinpoint) markers into escaped HTML and plain text."""
    text = _plain(marked)
    markup = html.escape(marked, quote=False).replace(_ITALIC_START, "<i>").replace(_ITALIC_END, "</i>")
    return Styled(markup.replace(_PIN, ""), text.replace(_PIN, ""), markup.find(_PIN), text.find(_PIN))


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


def _numbered(facts: _Facts) -> str:
    """``telegram 2477`` (the genre in lower case), or '' without a number."""
    return facts.number and f"{facts.genre.lower()} {facts.number}".strip()


def _translators(facts: _Facts) -> str:
    return _series([n.display for n in facts.translators])


def _then_source(citation: str, facts: _Facts) -> str:
    """The citation as a sentence, followed by the sentence naming the original's publication."""
    return " ".join(filter(None, [_punctuate(citation, "."), facts.source]))


def _chicago_note(facts: _Facts) -> str:
    """Full note: authors, “title,” number, date, trans., in edition, ed. (facts), ¶, last modified, URL."""
    container = _join([
        "in " + _italic(_headline(facts.container)),
        _prefixed("ed. ", _chicago_note_names(facts.editors)),
        _prefixed("version ", facts.version)], ",")
    return _then_source(_join([
        _chicago_note_names(facts.authors), _quote(_headline(facts.title)), _numbered(facts),
        facts.date.month_day_year, _prefixed("trans. ", _translators(facts)),
        f"{container} ({_join([facts.publisher, str(facts.issued.year)], ',')}){_PIN}",
        _prefixed("last modified ", facts.revised and facts.issued.month_day_year),
        _prefixed("accessed ", facts.accessed and facts.accessed.month_day_year),
        facts.url], ","), facts)


def _chicago_bibliography(facts: _Facts) -> str:
    """Bibliography entry: the same elements as the note, in sentences, first author inverted."""
    editors = _series([n.display for n in facts.editors])
    numbered = _numbered(facts)
    return _then_source(_join([
        _chicago_bibliography_names(facts.authors), _quote(_headline(facts.title)),
        numbered[:1].upper() + numbered[1:], facts.date.month_day_year,
        _prefixed("Translated by ", _translators(facts)),
        _join(["In " + _italic(_headline(facts.container)),
               _prefixed("edited by ", editors)], ","),
        _prefixed("Version ", facts.version),
        _join([facts.publisher, str(facts.issued.year)], ","),
        _prefixed("Last modified ", facts.revised and facts.issued.month_day_year),
        _prefixed("Accessed ", facts.accessed and facts.accessed.month_day_year),
        facts.url], "."), facts)


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
    container = _join([
        _italic(_headline(facts.container)),
        _prefixed("edited by ", _mla_contributors(facts.editors)),
        _prefixed("version ", facts.version), facts.publisher,
        _mla_date(facts.issued) if facts.revised else str(facts.issued.year),
        _mla_url(facts.url)], ",")
    numbered = _numbered(facts)
    return _then_source(_join([
        _mla_names(facts.authors), _quote(_headline(facts.title)),
        _join([numbered[:1].upper() + numbered[1:], _mla_date(facts.date)], ","),
        _prefixed("Translated by ", _mla_contributors(facts.translators)), container,
        _prefixed("Accessed ", facts.accessed and _mla_date(facts.accessed))], "."), facts)


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


def _apa_title(facts: _Facts) -> str:
    """Title, translator and a description: ``… (J. Henriksen, Trans.) [Telegram 2477 to …]``."""
    translators = _series([_apa_direct(n) for n in facts.translators], "&")
    translator = translators and f" ({translators}, Trans.)"
    recipients = _series([n.display for n in facts.recipients])
    kind = " ".join(filter(None, [facts.genre, facts.number]))
    description = kind and f" [{kind}{_prefixed(' to ', recipients)}]"
    return facts.title + translator + description


def _apa_location(url: str, accessed: PartialDate | None) -> str:
    """The URL, with a retrieval date only when one is configured (APA 9.16)."""
    if url and accessed:
        return f"Retrieved {accessed.month_day_year}, from {url}"
    return url


def _apa(facts: _Facts) -> str:
    """Reference entry: republished work (9.41) in an edited collection, dated by its state."""
    date = f"({_apa_date(facts.issued) if facts.revised else facts.issued.year})"
    head = [_apa_names(facts.authors), date, _apa_title(facts)] if facts.authors \
        else [_apa_title(facts), date]
    version = _prefixed(" (Version ", facts.version) + (")" if facts.version else "")
    container = f"In {_apa_editors(facts.editors)}{_italic(facts.container)}{version}"
    body = _punctuate(_join(head + [container, facts.publisher], "."), ".")
    return " ".join(filter(None, [body, _apa_location(facts.url, facts.accessed), facts.source,
                                  f"(Original work published {facts.date.year})"]))


def _edition_apa(edition: Edition, url: str, accessed: PartialDate | None) -> str:
    """Reference entry for the whole edition; without editors the title takes the author's place (APA 9.12)."""
    editors = _apa_names(edition.editors)
    role = _editor_role(edition.editors, "Ed.", "Eds.")
    title = _italic(_edition_title(edition)) + (f" (Version {edition.version})" if edition.version else "")
    lead = [_prefixed(editors, editors and f" ({role})"), f"({edition.year})", title] if editors else [title, f"({edition.year})"]
    body = _punctuate(_join(lead + [edition.publisher], "."), ".")
    return " ".join(filter(None, [body, _apa_location(url, accessed)]))


# ---------------------------------------------------------------- BibTeX

def _one_line(text: str) -> str:
    """Control characters (newlines, tabs, NUL …) become spaces; runs of spaces one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def _bibtex_escape(text: str) -> str:
    """Escape the characters BibTeX and LaTeX treat specially, on one line."""
    return "".join(_BIBTEX_ESCAPES.get(c, c) for c in _one_line(text))


def _bibtex_url(url: str) -> str:
    """A URL that cannot end or unbalance the braced field: braces, backslashes and spaces %-encoded."""
    return "".join({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}.get(c, c) for c in _one_line(url))


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


def _document_bibtex(record: dict, facts: _Facts) -> str:
    """``@incollection``: a part of an edited, published collection, in fields BibTeX and biblatex share.

    BibTeX ignores the biblatex fields (``date``, ``origdate``, ``translator``,
    ``urldate``); everything a BibTeX style prints is also in ``note``.
    """
    state = _prefixed("Transcription last modified ", facts.revised and facts.issued.month_day_year)
    note = _join([_numbered(facts).capitalize(), facts.date.month_day_year,
                  state or _prefixed("Version ", facts.version), _plain(facts.source)], ".")
    return _bibtex_entry("incollection", record["id"], [
        ("author", _bibtex_names(facts.authors)), ("title", "{" + _bibtex_escape(facts.title) + "}"),
        ("booktitle", "{" + _bibtex_escape(facts.container) + "}"),
        ("editor", _bibtex_names(facts.editors)), ("publisher", _bibtex_escape(facts.publisher)),
        ("year", str(facts.issued.year)), ("date", _calendar_iso(facts.issued)),
        ("origdate", _calendar_iso(facts.date)), ("number", _bibtex_escape(facts.number)),
        ("translator", _bibtex_names(facts.translators)), ("version", _bibtex_escape(facts.version)),
        ("note", _bibtex_escape(note)), ("url", _bibtex_url(facts.url)),
        ("urldate", facts.accessed and facts.accessed.iso)])


def _edition_bibtex(edition: Edition, url: str, accessed: PartialDate | None) -> str:
    """``@book`` with editors: Zotero imports it as a book, the edition's version in the note."""
    return _bibtex_entry("book", _edition_key(edition), [
        ("editor", _bibtex_names(edition.editors)),
        ("title", "{" + _bibtex_escape(_edition_title(edition)) + "}"),
        ("publisher", _bibtex_escape(edition.publisher)), ("year", str(edition.year)),
        ("note", _prefixed("Version ", _bibtex_escape(edition.version))), ("url", _bibtex_url(url)),
        ("urldate", accessed and accessed.iso)])


# ---------------------------------------------------------------- RIS

def _ris(fields: list[tuple[str, str]]) -> str:
    """``XX  - value`` lines, empty values left out, ``ER  - `` last."""
    lines = [f"{tag}  - {_one_line(value)}" for tag, value in fields if value and _one_line(value)]
    return "\n".join(lines + ["ER  - "]) + "\n"


def _ris_date(date: PartialDate) -> str:
    """``YYYY/MM/DD/`` with unknown parts left empty (``1962/11//``)."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def _ris_name(name: Name) -> str:
    """``Family, Given``; a literal name as it is."""
    return name.literal or name.inverted


def _document_ris(record: dict, facts: _Facts) -> str:
    """``TY  - CHAP``: a part of an edited collection (Zotero: book section), editors as ``A2``.

    ``M1`` is the document's number, ``M3`` its genre, ``AN`` its file in the
    archive; ``N1`` the sentence naming the original's publication and archive.
    """
    return _ris([("TY", "CHAP")] + [("AU", _ris_name(n)) for n in facts.authors]
                + [("A4", _ris_name(n)) for n in facts.translators] + [
        ("TI", facts.title), ("T2", facts.container)]
        + [("A2", _ris_name(n)) for n in facts.editors] + [
        ("M1", facts.number), ("M3", facts.genre), ("DA", _ris_date(facts.issued)),
        ("PY", str(facts.issued.year)), ("OP", _calendar_iso(facts.date)), ("ET", facts.version),
        ("PB", facts.publisher), ("AN", record.get("archive_location", "")),
        ("N1", _plain(facts.source)), ("LA", record.get("language", "")), ("UR", facts.url),
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


def _edition_csl(edition: Edition, url: str, accessed: PartialDate | None) -> dict:
    """A ``book`` with editors: the edition as an edited collection."""
    item = {
        "id": _edition_key(edition), "type": "book", "title": _edition_title(edition),
        "editor": _csl_names(edition.editors), "publisher": edition.publisher,
        "issued": _csl_date(PartialDate(edition.year)), "version": edition.version,
        "language": edition.language, "URL": url, "accessed": accessed and _csl_date(accessed)}
    return {key: value for key, value in item.items() if value}
