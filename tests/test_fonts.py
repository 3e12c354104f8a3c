"""The shipped typeface: its files, its licence, and that it covers every character the edition prints."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT

TTFont = pytest.importorskip("fontTools.ttLib").TTFont
FONTS = PROJECT / "templates" / "assets" / "fonts"
STYLES = ("regular", "italic", "semibold", "bold")


def test_every_font_file_is_declared_with_swap_and_shipped_with_its_licence():
    css = (PROJECT / "templates" / "assets" / "style.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{[^}]*\}", css)
    assert sorted(re.search(r'url\("fonts/edition-serif-(\w+)\.woff2"\)', f).group(1) for f in faces) == sorted(STYLES)
    assert all("font-display: swap" in f for f in faces)
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("style", STYLES)
def test_subsets_are_renamed_away_from_the_reserved_font_name(style):
    names = {r.nameID: r.toUnicode() for r in TTFont(FONTS / f"edition-serif-{style}.woff2")["name"].names}
    assert names[16] == "Edition Serif"
    assert all("Source" not in names[i] for i in (1, 4, 6, 16))


@pytest.mark.parametrize("style", ["regular", "italic"])
def test_the_subset_covers_every_character_of_the_content(style):
    cmap = TTFont(FONTS / f"edition-serif-{style}.woff2").getBestCmap()
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((PROJECT / "content").rglob("*")) if p.is_file())
    # The back-link arrow of notes is set in the sans-serif face of the notes.
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in cmap} - {"↩"})
    assert missing == []
