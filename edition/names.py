"""Names made from text: slugs for ids, keys and file names, and how to keep them unique."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def slugify(text: str, limit: int = 0) -> str:
    """``Chamoun, Camille`` → ``chamoun-camille``: a-z, 0-9 and single hyphens, never empty.

    Accents are dropped (``Zorín`` → ``zorin``); text with no letter or digit at all
    gets a short hash, so that different texts keep different slugs.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if limit:
        slug = slug[:limit].rstrip("-")
    return slug or "x" + hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


def unique(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3`` … : the first not in ``taken``, which it is added to."""
    name, n = candidate, 1
    while name in taken:
        n += 1
        name = f"{candidate}-{n}"
    taken.add(name)
    return name
