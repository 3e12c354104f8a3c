"""The files a published site carries besides its pages: 404 and search pages, sitemap, robots, feeds.

Pure functions of the Site (and the paths of the pages rendered), returning
``{relative path: bytes}``.  ``base_url`` is used only where an absolute address
is required: the sitemap (written only when there is a base_url), the feeds'
links and the 404 page, which is served at whatever address was missing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import jinja2

from .linked_data import document_url
from .model import Document, PartialDate, Site

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Pages that are not content: kept out of the sitemap.
NOT_CONTENT = ("404.html", "search.html")
FEEDS = {"documents": "feeds/documents.xml", "revisions": "feeds/revisions.xml"}


def publishing_files(env: jinja2.Environment, site: Site, pages: Iterable[str]) -> dict[str, bytes]:
    """``.nojekyll``, ``404.html``, ``search.html``, ``robots.txt``, the feeds and (with a base_url) ``sitemap.xml``.

    ``pages`` are the paths of the HTML pages rendered, listed in the sitemap.
    """
    files = {
        ".nojekyll": b"",
        "404.html": render_not_found(env, site).encode("utf-8"),
        "search.html": render_search_page(env, site).encode("utf-8"),
        "robots.txt": robots_txt(site).encode("utf-8"),
        FEEDS["documents"]: documents_feed(site),
        FEEDS["revisions"]: revisions_feed(site),
    }
    if site.edition.base_url:
        files["sitemap.xml"] = sitemap_xml(site, pages)
    assert tuple(files) == publishing_outputs(site)
    return files


def publishing_outputs(site: Site) -> tuple[str, ...]:
    """The paths ``publishing_files`` writes, known without rendering anything."""
    paths = (".nojekyll", "404.html", "search.html", "robots.txt", *FEEDS.values())
    return paths + (("sitemap.xml",) if site.edition.base_url else ())


def _render(env: jinja2.Environment, template: str, site: Site, root: str, **context) -> str:
    return env.get_template(template).render(site=site, edition=site.edition, root=root, **context)


def render_not_found(env: jinja2.Environment, site: Site) -> str:
    """The 404 page.  A host serves it at the missing address, at any depth, so relative links
    would resolve wrongly: with a base_url its links start from the base_url's path (no host, so a
    copy served elsewhere stays on its own server); without one they are relative to the site's top."""
    root = urlsplit(site.edition.base_url).path if site.edition.base_url else ""
    return _render(env, "404.html", site, root, current="404")


def render_search_page(env: jinja2.Environment, site: Site) -> str:
    """The search page, with the choices of its filters taken from the documents."""
    documents = site.documents
    choices = {"sender": sorted({a.name.display for d in documents for a in d.senders}, key=str.casefold),
               "recipient": sorted({a.name.display for d in documents for a in d.recipients}, key=str.casefold),
               "year": sorted({str(d.date.year) for d in documents}),
               "type": sorted({d.type for d in documents if d.type})}
    return _render(env, "search.html", site, "", current="search", path="search.html", choices=choices)


def robots_txt(site: Site) -> str:
    """Every crawler welcome; the sitemap named when the site's address is known.

    Crawlers read robots.txt only at a host's root: under a sub-path this file is inert."""
    text = "User-agent: *\nAllow: /\n"
    if site.edition.base_url:
        text += f"\nSitemap: {site.edition.base_url}sitemap.xml\n"
    return text


def sitemap_xml(site: Site, pages: Iterable[str]) -> bytes:
    """Every content page's absolute address; documents dated by their last revision."""
    revised = {f"documents/{d.id}.html": d.last_revision.date.iso for d in site.documents if d.last_revision}
    urlset = ET.Element("urlset", xmlns=SITEMAP)
    for path in sorted(p for p in pages if p.endswith(".html") and p not in NOT_CONTENT):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = site.edition.base_url + ("" if path == "index.html" else path)
        if path in revised:
            ET.SubElement(url, "lastmod").text = revised[path].split("T")[0]
    return _xml(urlset)


def documents_feed(site: Site) -> bytes:
    """An Atom feed of the documents, newest transcription first."""
    entries = [_entry(site, f"documents/{d.id}", d.title, _updated(site, d), document_href(site, d),
                      _document_summary(d)) for d in site.documents]
    return _feed(site, "documents", f"{site.edition.title}: documents", entries)


def revisions_feed(site: Site) -> bytes:
    """An Atom feed of every change-log entry of every transcription."""
    entries = [_entry(site, f"revisions/{d.id}/{number}", f"{d.title}: revised {r.date.day_month_year}",
                      _timestamp(r.date), document_href(site, d) + "#changes", r.note)
               for d in site.documents for number, r in enumerate(sorted(d.revisions, key=lambda r: r.date))]
    return _feed(site, "revisions", f"{site.edition.title}: revisions of the transcriptions", entries)


def document_href(site: Site, document: Document) -> str:
    """The document page's address as a feed gives it: absolute with a base_url, else relative to the feed."""
    return document_url(site.edition, document) or f"../documents/{document.id}.html"


def _document_summary(document: Document) -> str:
    parties = ", ".join(a.name.display for a in document.senders)
    if document.recipients:
        parties += " to " + ", ".join(a.name.display for a in document.recipients)
    head = " · ".join(part for part in (document.date.day_month_year, document.place, parties) if part)
    return f"{head}. {document.summary}" if document.summary else head + "."


def _updated(site: Site, document: Document) -> str:
    revision = document.last_revision
    return _timestamp(revision.date) if revision else edition_updated(site)


def edition_updated(site: Site) -> str:
    """When the edition last changed, as far as its content says: latest revision, else 'built', else its year."""
    dates = [d.last_revision.date for d in site.documents if d.last_revision]
    if dates:
        return _timestamp(max(dates))
    if site.edition.built:
        return _timestamp(PartialDate.parse(site.edition.built))
    return _timestamp(PartialDate(site.edition.year))


def _timestamp(date: PartialDate) -> str:
    """RFC 3339, as Atom requires: missing month or day taken as the first, times as UTC."""
    hour = max(date.hour, 0)
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T{hour:02d}:{date.minute:02d}:00Z"


def feed_id(site: Site, name: str) -> str:
    """A permanent id that does not change when the site moves: a UUID from the edition's title and ``name``."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"edition:{site.edition.title}/{name}").urn


def _entry(site: Site, name: str, title: str, updated: str, href: str, summary: str) -> ET.Element:
    entry = ET.Element("entry")
    ET.SubElement(entry, "id").text = feed_id(site, name)
    ET.SubElement(entry, "title").text = title
    ET.SubElement(entry, "updated").text = updated
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=href)
    ET.SubElement(entry, "summary").text = summary
    return entry


def _feed(site: Site, name: str, title: str, entries: list[ET.Element]) -> bytes:
    feed = ET.Element("feed", xmlns=ATOM)
    feed.set("xml:lang", site.edition.language)
    ET.SubElement(feed, "id").text = feed_id(site, f"feeds/{name}")
    ET.SubElement(feed, "title").text = title
    if site.edition.subtitle:
        ET.SubElement(feed, "subtitle").text = site.edition.subtitle
    updated = max((e.findtext("updated") for e in entries), default=edition_updated(site))
    ET.SubElement(feed, "updated").text = updated
    for editor in site.edition.editors:
        ET.SubElement(ET.SubElement(feed, "author"), "name").text = editor.display
    home = site.edition.base_url or "../index.html"
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=home)
    if site.edition.base_url:
        ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=site.edition.base_url + FEEDS[name])
    if site.edition.licence:
        ET.SubElement(feed, "rights").text = site.edition.licence
    feed.extend(sorted(entries, key=lambda e: (e.findtext("updated"), e.findtext("id")), reverse=True))
    return _xml(feed)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
