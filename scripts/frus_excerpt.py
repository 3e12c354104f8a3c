#!/usr/bin/env python3
"""Trim a Foreign Relations volume to a handful of documents, for a test fixture.

Usage: python scripts/frus_excerpt.py VOLUME.xml OUT.xml d1 d12 …

Keeps the header, the preface, the chapters that hold a kept document (with their
headings), the kept documents with the page break each begins on, and the entries
of the lists of persons and abbreviations that the kept text refers to.  Drops the
other documents and sections, the table of contents and the back matter.  Nothing
inside a kept element is changed.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from lxml import etree

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": T[1:-1]}


def excerpt(volume: Path, keep: set[str]) -> etree._ElementTree:
    tree = etree.parse(str(volume))
    root = tree.getroot()
    documents = root.xpath("//t:body//t:div[@type='document']", namespaces=NS)
    missing = keep - {d.get(XML_ID) for d in documents}
    if missing:
        raise SystemExit(f"{volume}: no document {', '.join(sorted(missing))}")
    for document in documents:
        if document.get(XML_ID) not in keep:
            _remove(document)
    for division in root.xpath("//t:body//t:div[not(@type='document')]", namespaces=NS):
        if not division.xpath(".//t:div[@type='document']", namespaces=NS):
            _remove(division)
    _keep_opening_page_breaks(root)
    for back in root.iter(T + "back"):
        _remove(back)
    front = root.find(f"{T}text/{T}front")
    for child in list(front):
        if child.tag == T + "div" and child.get(XML_ID) not in ("preface", "persons", "terms"):
            _remove(child)
        elif child.tag == T + "titlePage":
            _remove(child)
    used = set(re.findall(r'(?:corresp|target)="#([^"]+)"', etree.tostring(root.find(f"{T}text/{T}body"), encoding="unicode")))
    for item in front.xpath("t:div[@xml:id='persons' or @xml:id='terms']//t:item", namespaces=NS):
        ids = {e.get(XML_ID) for e in item.iter() if e.get(XML_ID)}
        if ids and not ids & used:
            _remove(item)
    return tree


def _keep_opening_page_breaks(root) -> None:
    """Outside the kept documents, keep only the page break just before each (the page it begins on)."""
    body = root.find(f"{T}text/{T}body")
    text = root.find(f"{T}text")
    opening = set()
    for document in body.xpath(".//t:div[@type='document']", namespaces=NS):
        before = document.xpath("preceding::t:pb[1]", namespaces=NS)
        if before and not before[0].xpath("ancestor::t:div[@type='document'] | ancestor::t:front", namespaces=NS):
            opening.add(before[0])
    for pb in text.xpath("t:pb | t:body//t:pb[not(ancestor::t:div[@type='document'])]", namespaces=NS):
        if pb not in opening:
            _remove(pb)


def _remove(element) -> None:
    """Remove an element, keeping its tail (the whitespace or text after it) in place."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("volume", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("documents", nargs="+", help="xml:id of each document to keep, e.g. d12")
    args = parser.parse_args()
    tree = excerpt(args.volume, set(args.documents))
    tree.write(str(args.out), encoding="UTF-8", xml_declaration=True)
    print(f"{args.out}: {len(args.documents)} documents of {args.volume}")


if __name__ == "__main__":
    main()
