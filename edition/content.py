"""Read ``content/`` into model objects, collecting every problem on the way.

Each ``load_*`` function is pure in what it returns: it reads one file's text
and gives back an object (or None) plus problems, so files can be loaded in
parallel and cached by their hash.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .fields import YEARS, Fields
from .frontmatter import FrontMatterError, split_front_matter
from .glossary import load_glossary
from .markup import parse_body
from .markup.body import SOURCE_NOTE, NoteMarks
from .model import (
    Agent,
    Document,
    Edition,
    GlossaryEntry,
    Name,
    Page,
    Part,
    Revision,
    Source,
    Witness,
)
from .problems import Problem, error
from .yamlfile import YamlSyntaxError, load_yaml

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTTP_URL_RE = re.compile(r"^https?://[^\s\"'<>`]+$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

DOCUMENT_KEYS = ("id", "title", "date", "place", "from", "to", "type", "number", "classification", "language",
                 "original_language", "translator", "summary", "source", "witnesses", "revisions", "draft", "part",
                 "note_marks", "source_note")
SOURCE_KEYS = ("repository", "archive", "identifier", "url", "transcribed_from", "citation", "series", "volume",
               "volume_editors", "publisher", "publisher_place", "published", "document_number", "archive_location")
PAGE_KEYS = ("id", "title", "order", "summary")
EDITION_KEYS = ("title", "subtitle", "editors", "publisher", "year", "licence", "licence_url", "language",
                "base_url", "repository", "version", "accessed", "built", "description", "glossary_links",
                "parts")


@dataclass(frozen=True)
class Content:
    """The edition-wide files of ``content/``: metadata, glossary, essays, and the document files' paths.

    ``glossary`` is None when glossary.yaml exists but could not be read, so that
    later checks do not report every reference to it as unknown.
    """

    edition: Edition | None
    glossary: dict[str, GlossaryEntry] | None
    pages: tuple[Page, ...]
    document_paths: tuple[Path, ...]


Loader = Callable[[str, str], tuple[object, list[Problem]]]


def load_content(root: Path, memo: Callable[[str, str, Loader], tuple[object, list[Problem]]] | None = None
                 ) -> tuple[Content, list[Problem]]:
    """Load ``root/edition.yaml``, ``glossary.yaml`` and ``pages/``; list ``documents/`` (read later, in parallel).

    ``memo(path, text, loader)`` may answer for ``loader(path, text)`` (the build's cache does).
    """
    memo = memo or (lambda path, text, loader: loader(path, text))
    problems: list[Problem] = []
    edition = _load_file(root / "edition.yaml", root, load_edition, problems, memo)
    glossary: dict[str, GlossaryEntry] | None = {}
    if (root / "glossary.yaml").exists() or (root / "glossary.yaml").is_symlink():
        glossary = _load_file(root / "glossary.yaml", root, load_glossary, problems, memo)
    pages = _load_folder(root / "pages", root, load_page, problems, memo)
    problems += duplicate_ids(pages)
    paths = tuple(sorted((root / "documents").glob("*.md"))) if (root / "documents").is_dir() else ()
    if not paths:
        problems.append(error(_rel(root / "documents", root), 0, "no documents found",
                              "add a Markdown file with front matter to content/documents/"))
    return Content(edition, glossary, tuple(pages), paths), problems


def relative_path(path: Path, root: Path) -> str:
    """``content/documents/x.md``: the path every message names."""
    return _rel(path, root)


def _rel(path: Path, root: Path) -> str:
    return str(Path(root.name) / path.relative_to(root))


def _load_file(path: Path, root: Path, loader, problems: list[Problem], memo):
    rel = _rel(path, root)
    if not path.exists() and not path.is_symlink():
        problems.append(error(rel, 0, "file is missing"))
        return None
    text, found = read_text(path, root, rel)
    if text is None:
        problems += found
        return None
    result, found = memo(rel, text, loader)
    problems += found
    return result


def _load_folder(folder: Path, root: Path, loader, problems: list[Problem], memo) -> list:
    if not folder.is_dir():
        return []
    loaded = [_load_file(path, root, loader, problems, memo) for path in sorted(folder.glob("*.md"))]
    return [item for item in loaded if item is not None]


def read_text(path: Path, root: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The text of a content file, or None and the reason it cannot be used.

    A link out of ``root`` is never followed (its target would be published); a
    byte-order mark is dropped, so that the file reads exactly as without it.
    """
    if not path.resolve().is_relative_to(root.resolve()):
        return None, [error(rel, 0, "is a link to a file outside content/",
                            "copy the file into content/; links out of content/ are never followed")]
    if path.is_dir():
        return None, [error(rel, 0, "is a folder, not a file", "rename the folder so that its name does not end in .md")]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error(rel, 0, f"cannot be read: {exc.strerror}", "check that the file exists and may be read")]
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        hint = "write its keys (see docs/content.md)" if path.suffix == ".yaml" else \
            "start it with front matter between two '---' lines, or delete it"
        return None, [error(rel, 0, "the file is empty", hint)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(rel, data, exc.start)]
    problems = _control_characters(rel, text)
    return (None if problems else text), problems


def _not_utf8(rel: str, data: bytes, start: int) -> Problem:
    line_start = data.rfind(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8")) + 1
    return error(rel, data.count(b"\n", 0, start) + 1, f"not valid UTF-8: byte 0x{data[start]:02x} cannot be read",
                 "save the file with the encoding UTF-8", column)


#: C0 and C1 control characters other than tab and line ends: invisible in an editor, invalid in HTML and XML.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_characters(rel: str, text: str) -> list[Problem]:
    """An error for the first control character of each line that has one."""
    problems, last_line = [], 0
    for m in CONTROL_RE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if line != last_line:
            column = m.start() - text.rfind("\n", 0, m.start())
            problems.append(error(rel, line, f"control character U+{ord(m.group()):04X}",
                                  "delete it: it is invisible in most editors and not allowed in web pages", column))
            last_line = line
    return problems


def duplicate_ids(items: list) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for item in items:
        if item.id in seen:
            problems.append(error(item.path, 0, f"id '{item.id}' is also used by {seen[item.id]}",
                                  "give one of them another 'id:'"))
        seen.setdefault(item.id, item.path)
    return problems


def load_edition(path: str, text: str) -> tuple[Edition | None, list[Problem]]:
    """``edition.yaml`` → Edition."""
    try:
        loaded = load_yaml(text)
    except YamlSyntaxError as exc:
        return None, exc.problems(path)
    f = Fields(loaded, path, EDITION_KEYS)
    edition = Edition(
        title=f.text("title", required=True), subtitle=f.text("subtitle"), editors=f.names("editors"),
        publisher=f.text("publisher", required=True), year=_year(f),
        licence=f.text("licence"), licence_url=_url(f, "licence_url"),
        language=f.matching("language", LANGUAGE_RE.match, "is not a language code", "e.g. 'en'", "en"),
        base_url=_base_url(f), repository=_url(f, "repository"), version=f.text("version"),
        accessed=_iso_or_empty(f, "accessed"), built=_iso_or_empty(f, "built"), description=f.text("description"),
        glossary_links=f.choice("glossary_links", ("first", "all", "none"), "first"), parts=_parts(f))
    if not edition.editors:
        f.fail((), "'editors' is missing", "list the editors, e.g. 'editors: [Jane Doe]'")
    return (edition if not f.problems else None), f.problems


def _parts(f: Fields) -> tuple[Part, ...]:
    """``parts:``: each part's ``title`` (as documents give it in ``part:``) and, optionally, a ``note`` on it."""
    parts = []
    for path, _item in f.items("parts"):
        item = f.at(path, ("title", "note"))
        title, note = item.text("title", required=True), item.text("note")
        body = None
        if note:
            body, problems = parse_body(note, f.path, item.line("note"), ordered_lists=True)
            f.problems.extend(problems)
        if title:
            parts.append(Part(title, body))
    return tuple(parts)


def _year(f: Fields) -> int:
    if not f.has("year"):
        f.fail((), "'year' is missing", "add the year of publication, e.g. 'year: 2026'")
        return 0
    year = f.integer("year", 0)
    if year and not YEARS[0] <= year <= YEARS[1]:
        f.fail(("year",), f"'year' {year} is outside {YEARS[0]}-{YEARS[1]}", "check the year for a typing mistake")
    return year


def _base_url(f: Fields) -> str:
    url = _url(f, "base_url")
    return url if not url or url.endswith("/") else url + "/"


def _iso_or_empty(f: Fields, key: str) -> str:
    date = f.date(key)
    return date.iso if date else ""


def _split(path: str, text: str) -> tuple[object, list[Problem]]:
    try:
        return split_front_matter(text), []
    except FrontMatterError as exc:
        return None, [error(path, exc.line, str(exc), exc.hint)]
    except YamlSyntaxError as exc:
        return None, exc.problems(path)


def load_document(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """One ``documents/*.md`` file → Document (None if it has errors)."""
    split, problems = _split(path, text)
    if split is None:
        return None, problems
    f = Fields(split.meta, path, DOCUMENT_KEYS)
    witnesses = _witnesses(f)
    marks = NoteMarks(f.choice("note_marks", ("order", "keys"), "order") == "keys",
                      f.text("source_note", default=SOURCE_NOTE))
    body, body_problems = parse_body(split.body, path, split.body_line, sigla=tuple(w.siglum for w in witnesses),
                                     marks=marks)
    document = Document(
        id=_id(f, path), path=path, title=f.text("title", required=True), date=f.date("date", required=True),
        body=body, text=text, place=f.text("place"), senders=_agents(f, "from"), recipients=_agents(f, "to"),
        type=f.text("type"), classification=f.text("classification"), language=_language(f, "language", "en"),
        original_language=_language(f, "original_language", ""), translator=f.text("translator"),
        summary=f.text("summary"), number=f.text("number"), part=f.text("part"), source=_source(f), witnesses=witnesses, revisions=_revisions(f),
        draft=f.boolean("draft"))
    return _usable(document, f.problems + body_problems)


def _usable(item, problems: list[Problem]):
    """Keep an item whose required fields are there, so later checks can still report on it."""
    required_missing = not item.title or not item.id or getattr(item, "date", True) is None
    return (None if required_missing else item), problems


def _id(f: Fields, path: str) -> str:
    stem = Path(path).stem
    default = stem if SLUG_RE.match(stem) else ""
    value = f.matching("id", SLUG_RE.match, "may hold only a-z, 0-9 and single hyphens", "e.g. 'id: 1962-11-06-kuznetsov'", default)
    if not value:
        f.fail((), f"the file name '{stem}' is no valid id", "rename the file or add 'id:' with a-z, 0-9 and -")
    return value


def _language(f: Fields, key: str, default: str) -> str:
    return f.matching(key, LANGUAGE_RE.match, "is not a language code (BCP 47)", "e.g. 'en' or 'ru'", default)


def _agents(f: Fields, key: str) -> tuple[Agent, ...]:
    """Senders or recipients as written; glossary keys are resolved when the site is assembled."""
    return tuple(Agent(Name(literal=text), key=text if SLUG_RE.match(text) else "", line=f.line(key))
                 for text in f.texts(key))


def _source(f: Fields) -> Source:
    s = f.sub("source", SOURCE_KEYS)
    return Source(
        repository=s.text("repository"), archive=s.text("archive"), identifier=s.text("identifier"),
        url=_url(s, "url"), transcribed_from=_url(s, "transcribed_from"), citation=s.text("citation"),
        series=s.text("series"), volume=s.text("volume"), volume_editors=s.names("volume_editors"),
        publisher=s.text("publisher"), publisher_place=s.text("publisher_place"), published=s.text("published"),
        document_number=s.text("document_number"), archive_location=s.text("archive_location"))


def _url(f: Fields, key: str) -> str:
    """An address a reader may follow: http(s) only, so that no ``javascript:`` or ``data:`` link is published."""
    return f.matching(key, HTTP_URL_RE.match, "must be an http(s) address", "e.g. 'https://example.org/…', without spaces")


def _witnesses(f: Fields) -> tuple[Witness, ...]:
    value = f.data.get("witnesses")
    if value is None:
        return ()
    if not isinstance(value, dict):
        f.fail(("witnesses",), "'witnesses' must map each siglum to a description, e.g. 'A: the typescript'")
        return ()
    witnesses = []
    for siglum, description in value.items():
        if not re.match(r"^[A-Z][A-Za-z0-9]*$", siglum):
            f.fail(("witnesses", siglum), f"siglum '{siglum}' must start with a capital letter", "e.g. 'A' or 'Ms1'")
        if isinstance(description, (dict, list)):
            f.fail(("witnesses", siglum), f"'witnesses.{siglum}' must be text: the witness's description")
            description = ""
        witnesses.append(Witness(siglum, str(description or "")))
    return tuple(witnesses)


def _revisions(f: Fields) -> tuple[Revision, ...]:
    revisions = []
    for path, _item in f.items("revisions"):
        item = f.at(path, ("date", "note"))
        date = item.date("date", required=True)
        note = item.text("note", required=True)
        if date:
            revisions.append(Revision(date, note))
    return tuple(revisions)


def load_page(path: str, text: str) -> tuple[Page | None, list[Problem]]:
    """One ``pages/*.md`` essay → Page."""
    split, problems = _split(path, text)
    if split is None:
        return None, problems
    f = Fields(split.meta, path, PAGE_KEYS)
    body, body_problems = parse_body(split.body, path, split.body_line, ordered_lists=True)
    page = Page(id=_id(f, path), path=path, title=f.text("title", required=True), body=body,
                order=f.integer("order", 100), summary=f.text("summary"))
    return _usable(page, f.problems + body_problems)
