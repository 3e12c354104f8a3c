"""``build.py new``: a new document file with every front-matter key present, each explained."""

from __future__ import annotations

from pathlib import Path

from .content import SLUG_RE
from .model import PartialDate
from .names import slugify

TEMPLATE = """\
---
# Every key is described in docs/content.md. Keys left empty are ignored.
id: {id}
title: {title}
# YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM, as precise as the source allows.
date: {date}
# Where it was written or sent from.
place:
# Senders and recipients: glossary keys (e.g. kuznetsov) or names as text; a list for several.
from: []
to: []
type: {type}
# As marked on the source, e.g. "Confidential; Limit Distribution".
classification:
# The language of this transcription; original_language and translator for a translation.
language: en
original_language:
translator:
# One or two sentences in the editors' words, shown in lists and in search results.
summary:
# true keeps the document out of the published edition; `build.py serve` shows it, marked.
draft: true
source:
  # Who publishes or holds the copy transcribed, and its address.
  repository:
  url:
  # The copy actually transcribed, when it differs from url.
  transcribed_from:
  identifier:
  # Where the original is kept (archive, collection, file).
  archive:
  # The source's own citation, word for word.
  citation:
  # For a document printed in a documentary series such as FRUS:
  series:
  volume:
  volume_editors: []
  publisher:
  publisher_place:
  published:
  document_number:
# Sigla of the copies whose readings the apparatus records, e.g. "A: the signed original".
witnesses: {{}}
revisions:
  - date: {today}
    note: First transcription.
---

Transcribe the text here. The markup is described in docs/markup.md.
"""


class NewDocumentError(Exception):
    """The new document cannot be written (bad date or id, or the file exists)."""


def write_new_document(content: Path, title: str, date: str, type_: str, document_id: str | None = None,
                       today: str | None = None) -> Path:
    """Write ``content/documents/<id>.md`` and return its path; never overwrite a file."""
    try:
        parsed = PartialDate.parse(date)
    except ValueError as exc:
        raise NewDocumentError(f"--date: {exc} (write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if not title.strip():
        raise NewDocumentError("the title is empty: give it in quotes, e.g. new \"Telegram 2480\" --date 1962-12-24")
    document_id = document_id or f"{parsed.iso[:10]}-{slugify(title, limit=60)}"
    if not SLUG_RE.match(document_id):
        raise NewDocumentError(f"--id '{document_id}' may hold only a-z, 0-9 and single hyphens")
    path = content / "documents" / f"{document_id}.md"
    if path.exists():
        raise NewDocumentError(f"{path} exists already: give another --id or title")
    today = today or __import__("datetime").date.today().isoformat()
    text = TEMPLATE.format(id=document_id, title=_yaml_text(title.strip()), date=parsed.iso,
                           type=_yaml_text(type_), today=today)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as file:
        file.write(text)
    return path


def _yaml_text(text: str) -> str:
    """A YAML scalar that reads back as ``text`` exactly (double-quoted, escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
