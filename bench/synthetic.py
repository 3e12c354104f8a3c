"""Synthetic editions shaped like the real one, for the benchmark and the incremental-build tests.

``make_edition(size, into)`` writes ``content/`` (edition.yaml, a glossary of about 500 entries with
about 760 aliases, ``size`` documents of 5–15 KB using every construct of the dialect, two essays)
and copies the project's ``templates/``.  Document *n* depends only on *n*, so the edition of 1,000
documents is a prefix of the edition of 10,000.
"""

from __future__ import annotations

import datetime
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_SIZE = 500
SYLLABLES = ("ka", "lo", "mi", "ren", "sto", "vi", "dan", "el", "gor", "ba", "tes", "nu", "ri", "pol", "zan", "ov",
             "ich", "ers", "mon", "tal")
WORDS = ("the", "delegation", "meeting", "proposal", "statement", "letter", "government", "agreement", "talks",
         "question", "inspection", "weapons", "withdrawal", "declaration", "draft", "text", "position", "of", "and",
         "to", "in", "that", "would", "not", "was", "with", "on", "for", "by", "an", "said", "reply", "view",
         "instructions", "council", "observers", "guarantee", "bases", "assurances", "aircraft", "return")
KINDS = ("person", "organization", "place", "term")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def glossary_entries() -> list[dict]:
    """About 500 entries; each has one to three aliases, all distinct."""
    rng = random.Random(1962)
    entries, seen = [], set()
    for n in range(GLOSSARY_SIZE):
        kind = KINDS[n % len(KINDS)]
        family = _name(rng, 3)
        while family in seen:
            family = _name(rng, 3)
        seen.add(family)
        given = _name(rng, 2)
        aliases = [family] + ([f"{given} {family}"] if n % 2 else []) + ([f"{family} {_name(rng, 2)}"] if n % 3 == 0 else [])
        entries.append({"key": f"g{n:03d}-{family.lower()}", "kind": kind, "family": family, "given": given,
                        "aliases": aliases})
    return entries


def glossary_yaml(entries: list[dict]) -> str:
    lines = []
    for e in entries:
        lines += [f"{e['key']}:", f"  kind: {e['kind']}", f"  label: {e['given']} {e['family']}"]
        if e["kind"] == "person":
            lines += [f"  name: {{family: {e['family']}, given: {e['given']}}}", "  dates: \"1900–1980\"",
                      "  role: Delegate"]
        lines += [f"  short: A {e['kind']} met in the synthetic texts, glossed in a few words.",
                  "  description: |", f"    {e['given']} {e['family']} is a synthetic {e['kind']}; the entry is long"
                  " enough to be shaped like a real one, with *emphasis* and a second sentence.",
                  f"  aliases: [{', '.join(e['aliases'])}]"]
    return "\n".join(lines) + "\n"


def _sentence(rng: random.Random, entries: list[dict]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words)), rng.choice(rng.choice(entries)["aliases"]))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, entries: list[dict], notes: list[str], n: int) -> str:
    text = " ".join(_sentence(rng, entries) for _ in range(rng.randint(3, 7)))
    extras = [
        lambda: "{~~teh~>the~~}", lambda: "{++and++}", lambda: "{--the--}", lambda: "{??reply??}",
        lambda: "{gap}", lambda: "{illegible: one word}", lambda: "{>>The editor comments on this passage.<<}",
        lambda: "{A: whole world | B: world | C:}",
        lambda: f"[[{rng.choice(entries)['key']}|the delegate]]",
    ]
    words = text.split(" ")
    for _ in range(rng.randint(1, 4)):
        words.insert(rng.randrange(1, len(words)), rng.choice(extras)())
    if rng.random() < 0.5:
        notes.append(f"See the text of {rng.choice(entries)['aliases'][0]}'s letter of {rng.randint(1, 28)} October.")
        words.insert(rng.randrange(1, len(words)), f"text.[^{len(notes)}]")
    if rng.random() < 0.15:
        words.insert(rng.randrange(1, len(words)), f"{{pb: {n + 1}}}")
    return " ".join(words)


def document_text(n: int, entries: list[dict]) -> str:
    """Document ``n``: full front matter and a body of about 5–15 KB, deterministic in ``n``."""
    rng = random.Random(n)
    day = datetime.date(1955, 1, 1) + datetime.timedelta(days=n // 3)
    sender, recipient = rng.choice(entries), rng.choice(entries)
    notes: list[str] = []
    paragraphs = [_paragraph(rng, entries, notes, i) for i in range(rng.randint(6, 20))]
    body = [f"# Telegram {n} From {sender['family']} to {recipient['family']}[^source]", "",
            ":::{dateline}", f"New York, {day.strftime('%B')} {day.day}, {day.year}", ":::", "",
            ":::{classification}", "CONFIDENTIAL", ":::", ""]
    for i, paragraph in enumerate(paragraphs):
        body += [paragraph, ""]
        if i == len(paragraphs) // 2:
            body += ["::::{letter}", ":::{salutation}", "Dear Mr. Secretary General,", ":::", "",
                     _sentence(rng, entries), "", ":::{signature}", "Representative", ":::", "::::", "",
                     "- " + _sentence(rng, entries), "- " + _sentence(rng, entries), ""]
    body += [":::{signature}", sender["family"], ":::", "", f"[^source]: Source: Central Files, 737.00/{n}. Confidential.", ""]
    body += [f"[^{i}]: {note}" for i, note in enumerate(notes, 1)]
    front = [
        "---", f"id: doc-{n:05d}", f"title: Telegram {n} From {sender['family']} to {recipient['family']}",
        f"date: {day.isoformat()}T{rng.randint(0, 23):02d}:00", "place: New York", f"from: {sender['key']}",
        f"to: {recipient['key']}", "type: telegram", "classification: Confidential", "language: en",
        "original_language: ru", "translator: A. Translator",
        f"summary: A synthetic telegram about {rng.choice(WORDS)} and {rng.choice(WORDS)}.",
        "source:", "  repository: Synthetic Archive", f"  identifier: \"{100000 + n}\"",
        "  archive: Department of State, Central Files", f"  url: https://example.org/doc/{n}",
        "  series: Foreign Relations of the United States", "  volume: Volume XI", "  volume_editors: [Jane Roe]",
        "  publisher: Government Printing Office", "  publisher_place: Washington", "  published: \"1996\"",
        f"  document_number: \"{n + 1}\"", f"  citation: Synthetic Archive, record {100000 + n}.",
        "witnesses:", "  A: the signed original", "  B: the copy received", "  C: the printed text",
        "revisions:", "  - date: 2026-11-25", "    note: First transcription.", "---", "",
    ]
    return "\n".join(front + body) + "\n"


def essay_text(order: int, title: str) -> str:
    """An essay with headings, a list and a note, as the real essays have."""
    rng = random.Random(-order)
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(6)]
    return (f"---\ntitle: {title}\norder: {order}\n---\n\n## First part\n\n{paragraphs[0]}[^1]\n\n"
            + "\n\n".join(paragraphs[1:3]) + "\n\n## Second part\n\n1. One point.\n2. Another.\n\n"
            + "\n\n".join(paragraphs[3:]) + "\n\n[^1]: A note to the essay.\n")


def make_edition(size: int, into: Path) -> Path:
    """A project folder with ``size`` synthetic documents; returns its path."""
    project = into
    shutil.copytree(ROOT / "templates", project / "templates", dirs_exist_ok=True)
    content = project / "content"
    (content / "documents").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(exist_ok=True)
    for order, title in enumerate(("Introduction", "Editorial method"), 1):
        (content / "pages" / f"essay-{order}.md").write_text(essay_text(order, title), encoding="utf-8")
    edition = (ROOT / "content" / "edition.yaml").read_text(encoding="utf-8")
    (content / "edition.yaml").write_text(edition, encoding="utf-8")
    entries = glossary_entries()
    (content / "glossary.yaml").write_text(glossary_yaml(entries), encoding="utf-8")
    for n in range(size):
        path = content / "documents" / f"doc-{n:05d}.md"
        path.write_text(document_text(n, entries), encoding="utf-8")
    return project


def with_body_edited(text: str, edit) -> str:
    """A document's text with ``edit(body)`` applied to its body only (the front matter untouched)."""
    front, body = text.split("\n---\n", 1)
    return front + "\n---\n" + edit(body)


def edit_template(project: Path, n: int) -> None:
    """Add a comment to the base template: every page must be rendered again."""
    path = project / "templates" / "base.html"
    path.write_text(path.read_text().replace("</footer>", f"<!-- template edit {n} -->\n</footer>", 1))
