#!/usr/bin/env python3
"""Screenshots of every page of the built edition in headless Chromium, for a person to look at.

Usage: python scripts/screenshots.py [SITE_DIR] [--dir tests/screenshots] [--first-screen]

Every page at 1400 px and 390 px, light and dark; document pages also in both reading modes.
One naming scheme: ``<page>.<width>px.<scheme>[.<mode>].png``, where <page> is the page's path
with "/" as "_" and no ".html", e.g. ``documents_1962-12-23-usun-to-state-2477.1400px.dark.diplomatic.png``.
Pages are opened from file:// (as a reader who downloaded the site would), after fonts load.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1400, 390)
SCHEMES = ("light", "dark")
MODES = ("reading", "diplomatic")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def shot_name(relative: str, width: int, scheme: str, mode: str = "") -> str:
    """The file name of one screenshot, in the script's one scheme."""
    stem = relative.removesuffix(".html").replace("/", "_")
    return f"{stem}.{width}px.{scheme}{'.' + mode if mode else ''}.png"


def take(browser, site: Path, out: Path, full_page: bool) -> int:
    """Every page × width × scheme (× mode on pages that have the switch); returns how many were taken."""
    count = 0
    for width in WIDTHS:
        for scheme in SCHEMES:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            for html in sorted(site.rglob("*.html")):
                relative = html.relative_to(site).as_posix()
                page.goto(html.resolve().as_uri())
                page.evaluate("document.fonts.ready.then(() => true)")
                modes = MODES if page.locator(".modes input").count() else ("",)
                for mode in modes:
                    if mode:
                        page.check(f'.modes input[value="{mode}"]')
                    page.screenshot(path=str(out / shot_name(relative, width, scheme, mode)), full_page=full_page)
                    count += 1
            context.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", nargs="?", type=Path, default=Path("output"))
    parser.add_argument("--dir", type=Path, default=Path("tests/screenshots"))
    parser.add_argument("--first-screen", action="store_true", help="only the first screen, not whole pages")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        count = take(browser, args.site, args.dir, not args.first_screen)
        browser.close()
    print(f"{count} screenshots in {args.dir}")


if __name__ == "__main__":
    main()
