#!/usr/bin/env python3
"""Make the edition's reading typeface: subset woff2 files from the PyPI package that ships the font.

Usage: .venv/bin/python -m pip install '.[fonts]' && .venv/bin/python scripts/fonts.py

The source is Source Serif Pro (Adobe, SIL Open Font License 1.1) as shipped by the
PyPI package ``font-source-serif-pro``.  The licence reserves the name "Source" for
unmodified fonts, and a subset is a modified font, so the subsets are renamed
"Edition Serif".  The files (and the licence, copied unchanged) are committed under
templates/assets/fonts/, so building the edition needs neither this script nor the
package.  The output is byte-identical from run to run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import font_source_serif_pro
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "templates" / "assets" / "fonts"
FAMILY = "Edition Serif"
#: output file stem → (file in the package, style name)
STYLES = {
    "regular": ("SourceSerifPro-Regular.ttf", "Regular"),
    "italic": ("SourceSerifPro-It.ttf", "Italic"),
    "semibold": ("SourceSerifPro-Semibold.ttf", "Semibold"),
    "bold": ("SourceSerifPro-Bold.ttf", "Bold"),
}
#: Latin with Western and Central European accents, combining marks, punctuation, arrows.
UNICODES = ("U+0020-007E U+00A0-017F U+0192 U+02BB-02BC U+02C6 U+02DA U+02DC U+0300-036F "
            "U+2000-206F U+2070-209F U+20AC U+2116 U+2122 U+2190-2193 U+2212 U+2215")
#: OpenType features the stylesheet uses, besides the ones a browser applies by default.
FEATURES = ("kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk", "onum", "lnum", "pnum", "tnum",
            "smcp", "c2sc", "case", "sups")
#: The 'name' table records that carry the family name (1, 4, 6, 16, 17); the others are kept.
RENAMED = (1, 3, 4, 6, 16, 17)


def subset_style(source: Path, target: Path, style: str) -> None:
    """Subset ``source`` to ``target`` as woff2, renamed to the edition's family."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = list(FEATURES)
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    rename(font, style)
    font.recalcTimestamp = False
    subset.save_font(font, str(target), options)


def rename(font: TTFont, style: str) -> None:
    """Give the subset a family name of its own (the OFL's Reserved Font Name is "Source")."""
    names = {1: FAMILY if style in ("Regular", "Italic", "Bold") else f"{FAMILY} {style}",
             2: style if style in ("Regular", "Italic", "Bold") else "Regular",
             3: f"{FAMILY.replace(' ', '')}-{style};subset of Source Serif Pro",
             4: f"{FAMILY} {style}", 6: f"{FAMILY.replace(' ', '')}-{style}", 16: FAMILY, 17: style}
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in RENAMED]
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)


def main() -> None:
    package = Path(font_source_serif_pro.font_directory)
    FONTS.mkdir(parents=True, exist_ok=True)
    for stem, (file, style) in STYLES.items():
        target = FONTS / f"edition-serif-{stem}.woff2"
        subset_style(package / file, target, style)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KiB")
    shutil.copyfile(package / "LICENSE.txt", FONTS / "OFL.txt")


if __name__ == "__main__":
    main()
