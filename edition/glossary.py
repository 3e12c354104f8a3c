"""The glossary: load its entries, link their aliases in the texts, find where each is met.

Explicit references (``[[key|text]]``) always win; automatic matching of aliases
links whole words only, never inside another link, a note call, a correction or
a variant, and (by default) only at an entry's first occurrence in a document.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Iterable

from .fields import Fields
from .markup import parse_body
from .markup.body import walk
from .model import Body, GlossaryEntry
from .problems import Problem, did_you_mean, error, warning
from .yamlfile import YamlSyntaxError, load_yaml

KINDS = ("person", "organization", "place", "term", "abbreviation")
GLOSSARY_KEYS = ("kind", "label", "name", "short", "description", "aliases", "dates", "role", "see",
                 "wikidata", "link", "sources", "beside")
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
#: Tokens whose text automatic matching never enters.
OPAQUE = {"gloss_ref", "link", "note_ref", "editor_note", "choice", "variants", "codespan", "image", "page_break"}


def load_glossary(path: str, text: str) -> tuple[dict[str, GlossaryEntry] | None, list[Problem]]:
    """``glossary.yaml`` (a mapping of key → entry) → entries by key; None if it cannot be read."""
    try:
        loaded = load_yaml(text)
    except YamlSyntaxError as exc:
        return None, exc.problems(path)
    if not isinstance(loaded.data, dict):
        return None, [error(path, 1, "the glossary must map each key to an entry", "e.g. 'kuznetsov:' then indented fields")]
    problems: list[Problem] = []
    entries = {}
    for key in loaded.data:
        entry = _load_entry(Fields(loaded, path, GLOSSARY_KEYS, (key,), problems), key)
        if entry:
            entries[key] = entry
    problems += _check_see(entries, loaded, path) + _check_aliases(entries, path)
    return entries, problems


def _load_entry(f: Fields, key: str) -> GlossaryEntry | None:
    if not KEY_RE.match(key):
        f.fail((), f"glossary key '{key}' may hold only a-z, 0-9 and single hyphens")
    kind = f.choice("kind", KINDS, required=True)
    description, found = parse_body(f.text("description"), f.path, f.line("description") + 1, ordered_lists=True)
    f.problems.extend(found)
    return GlossaryEntry(
        key=key, kind=kind, label=f.text("label", required=True), short=f.text("short", required=True),
        line=f.line(), description=description, aliases=f.texts("aliases"), dates=f.text("dates"),
        role=f.text("role"), see=f.texts("see"),
        wikidata=f.matching("wikidata", WIKIDATA_RE.match, "is not a Wikidata item id", "e.g. 'Q9696'"),
        name=f.name(("name",)) if f.has("name") else None,
        link=f.choice("link", ("first", "all", "none")), sources=f.texts("sources"),
        beside=f.choice("beside", ("entry", "name"), default="entry"))


def _check_see(entries: dict[str, GlossaryEntry], loaded, path: str) -> list[Problem]:
    problems = []
    for entry in entries.values():
        for target in entry.see:
            if target not in entries:
                problems.append(error(path, loaded.line(entry.key, "see"), f"'{entry.key}' refers to unknown entry '{target}'",
                                      did_you_mean(target, entries)))
    return problems


def _check_aliases(entries: dict[str, GlossaryEntry], path: str) -> list[Problem]:
    owners: dict[str, GlossaryEntry] = {}
    problems = []
    for entry in entries.values():
        if entry.link == "none":
            continue
        for alias in set(entry.aliases):
            other = owners.setdefault(alias, entry)
            if other is not entry:
                problems.append(error(path, entry.line, f"alias '{alias}' of '{entry.key}' is also an alias of '{other.key}'",
                                      f"keep it on one entry, or set 'link: none' on one and write [[{entry.key}|{alias}]] where it is meant"))
    return problems


@dataclass(frozen=True)
class AliasMatcher:
    """Finds entries' aliases as whole words in running text.

    The pattern is one regular expression shaped like a trie of the aliases
    (``Ku(?:znetsov|zentsov)``): with hundreds of aliases this is several times
    faster than a flat alternation, which the engine tries alias by alias.
    """

    pattern: re.Pattern | None
    keys: dict[str, str]  # alias → key
    modes: dict[str, str]  # key → "first" | "all"

    @classmethod
    def build(cls, entries: Iterable[GlossaryEntry], default_mode: str) -> "AliasMatcher":
        """A matcher for the aliases of every entry whose mode is not ``none``."""
        keys, modes = {}, {}
        for entry in entries:
            mode = entry.link or default_mode
            if mode == "none":
                continue
            modes[entry.key] = mode
            for alias in entry.aliases:
                keys.setdefault(alias, entry.key)
        if not keys:
            return cls(None, {}, {})
        return cls(re.compile(r"(?<![\w-])(?:" + trie_pattern(list(keys)) + r")(?![\w-])"), keys, modes)

    @functools.cached_property
    def signature(self) -> str:
        """What linking depends on, as text: equal signatures link every body alike."""
        return repr((sorted(self.keys.items()), sorted(self.modes.items())))

    def split(self, text: str) -> list[tuple[str, str]]:
        """``text`` cut into ``(piece, key)`` pairs; key is '' for plain pieces."""
        if not self.pattern:
            return [(text, "")]
        pieces, pos = [], 0
        for m in self.pattern.finditer(text):
            pieces += [(text[pos:m.start()], ""), (m.group(0), self.keys[m.group(0)])]
            pos = m.end()
        pieces.append((text[pos:], ""))
        return [p for p in pieces if p[0]]


def trie_pattern(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, longest first, factored by common prefixes."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if ends_here else group


@dataclass(frozen=True)
class Linked:
    """A body with its aliases linked, and every occurrence of every entry per block (linked or not)."""

    body: Body
    occurrences: tuple[tuple[str, ...], ...]  # per block, keys in reading order, repeated per occurrence


def link_aliases(body: Body, matcher: AliasMatcher) -> Body:
    """A copy of ``body`` whose aliases are glossary references where the entries' mode wants."""
    return link_and_count(body, matcher).body


def link_and_count(body: Body, matcher: AliasMatcher) -> Linked:
    """Link aliases and count every occurrence in one pass; ``body`` itself is never changed.

    Only the containers on the way to a text token are copied (shallowly); the
    rest of the tree is shared with ``body``.
    """
    met: set[str] = set()
    blocks, unlinked = [], []
    for block in body.blocks:
        missed: list[str] = []
        blocks.append(_link_in(block, matcher, met, missed))
        unlinked.append(missed)
    linked = replace(body, blocks=tuple(blocks))
    counted = tuple(tuple(refs + missed) for refs, missed in zip(refs_by_block(linked), unlinked, strict=True))
    return Linked(linked, counted)


def _link_in(token: dict, matcher: AliasMatcher, met: set[str], missed: list[str]) -> dict:
    if token["type"] == "gloss_ref":
        met.add(token["attrs"]["key"])
    if token["type"] in OPAQUE or "children" not in token or not matcher.pattern:
        return token
    children = []
    for child in token["children"]:
        if child["type"] == "text":
            children += _linked_text(child["raw"], matcher, met, missed)
        else:
            children.append(_link_in(child, matcher, met, missed))
    return {**token, "children": children}


def _linked_text(text: str, matcher: AliasMatcher, met: set[str], missed: list[str]) -> list[dict]:
    pieces = matcher.split(text)
    if len(pieces) == 1 and not pieces[0][1]:
        return [{"type": "text", "raw": text}]
    tokens = []
    for piece, key in pieces:
        if key and (matcher.modes[key] == "all" or key not in met):
            met.add(key)
            tokens.append({"type": "gloss_ref", "children": [{"type": "text", "raw": piece}],
                           "attrs": {"key": key, "explicit": False}})
        else:
            if key:
                missed.append(key)
            tokens.append({"type": "text", "raw": piece})
    return _merge_text(tokens)


def _merge_text(tokens: list[dict]) -> list[dict]:
    merged: list[dict] = []
    for token in tokens:
        if merged and token["type"] == "text" and merged[-1]["type"] == "text":
            merged[-1] = {"type": "text", "raw": merged[-1]["raw"] + token["raw"]}
        else:
            merged.append(token)
    return merged


def refs_by_block(body: Body) -> list[list[str]]:
    """For each block, the keys referenced in it or in the source's notes it calls, in reading order."""
    refs = [_keys(walk([block])) for block in body.blocks]
    for note in body.notes:
        if note.kind == "source":
            refs[note.block] += _keys(walk(list(note.children)))
    return refs


def _keys(tokens: Iterable[dict]) -> list[str]:
    return [t["attrs"]["key"] for t in tokens if t["type"] == "gloss_ref"]


def first_met(body: Body) -> list[tuple[str, ...]]:
    """For each block, the keys first met in it (first in this document)."""
    seen: set[str] = set()
    result = []
    for keys in refs_by_block(body):
        new = tuple(dict.fromkeys(k for k in keys if k not in seen))
        seen.update(new)
        result.append(new)
    return result


def check_references(path: str, body: Body, entries: dict[str, GlossaryEntry]) -> list[Problem]:
    """An error for each explicit reference in ``body`` to a key the glossary does not have."""
    problems = []
    for ref in body.glossary_refs:
        if ref.key not in entries:
            hint = did_you_mean(ref.key, entries) or "add it to content/glossary.yaml"
            problems.append(error(path, ref.line, f"unknown glossary key '{ref.key}'", hint, ref.column))
    return problems


def unreferenced(entries: dict[str, GlossaryEntry], used: set[str], path: str) -> list[Problem]:
    """A warning for each entry no document refers to (directly or by alias)."""
    return [warning(path, entry.line, f"glossary entry '{key}' is never referenced",
                    "add an alias found in a text, reference it with [[key]], or remove it")
            for key, entry in entries.items() if key not in used]
