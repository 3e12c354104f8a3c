#!/usr/bin/env python3
"""Screenshots of the built edition in headless Chromium, at desktop and phone widths.

Usage: python scripts/screenshots.py [OUTPUT_DIR] [--dir tests/screenshots]
Looks at output/ from file:// (as a reader who downloaded the site would).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"desktop": 1400, "phone": 390}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", nargs="?", type=Path, default=Path("output"))
    parser.add_argument("--dir", type=Path, default=Path("tests/screenshots"))
    parser.add_argument("--full", action="store_true", help="whole pages, not just the first screen")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    pages = sorted(p for p in args.site.rglob("*.html"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for label, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            for html in pages:
                page.goto(html.resolve().as_uri())
                name = html.relative_to(args.site).as_posix().replace("/", "_").removesuffix(".html")
                page.screenshot(path=str(args.dir / f"{name}.{label}.png"), full_page=args.full)
            page.close()
        browser.close()
    print(f"{len(pages) * len(WIDTHS)} screenshots in {args.dir}")


if __name__ == "__main__":
    main()
