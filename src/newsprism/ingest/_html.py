"""HTML pages: main text and metadata with trafilatura."""

from __future__ import annotations

import logging
from pathlib import PurePath
from urllib.parse import urlparse

import trafilatura

from newsprism.errors import InputError
from newsprism.ingest._lines import classify
from newsprism.model import BODY, RawArticle, parse_published
from newsprism.options import IngestOptions

# trafilatura logs extraction trouble on its own; our errors say it in one line.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse_html(html: str, source: str, options: IngestOptions, url: str | None = None) -> RawArticle:
    """Read one article page; refuse pages with no main text."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(source, f"HTML could not be parsed ({type(exc).__name__})") from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "no main text found in the HTML page")
    title = (doc.title or "").strip()
    body = _drop_title_line(doc.text.strip(), title)
    if not body:
        raise InputError(source, "no main text found in the HTML page (only a headline)")
    if not _has_body_line(body):
        raise InputError(source, "no main text found in the HTML page (only menus, headings or notices)")
    page_url = doc.url or url
    return RawArticle(
        source=source,
        title=title or body.split("\n", 1)[0][:200],
        text=body,
        outlet=_outlet(doc.sitename, doc.hostname, page_url, options, source),
        published=_date(doc.date),
        url=page_url,
        byline=doc.author or None,
        language=doc.language or "en",
        metadata={k: v for k, v in {"description": doc.description}.items() if v},
    )


def _has_body_line(text: str) -> bool:
    """Whether any line is story text rather than a menu item, heading or notice.

    trafilatura falls back to whatever text a page has, so a page of navigation links
    comes back as "Home\nNews"; no line of it reads as a sentence.
    """
    return any(classify(line) == BODY for line in text.split("\n") if line.strip())


def _drop_title_line(text: str, title: str) -> str:
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        return rest.strip()
    return text


def _outlet(
    sitename: str | None, hostname: str | None, url: str | None, options: IngestOptions, source: str
) -> str:
    if options.outlet:
        return options.outlet
    if sitename:
        return sitename
    host = hostname or (urlparse(url).hostname if url else None)
    if host:
        return host.removeprefix("www.")
    return PurePath(source).stem


def _date(value: str | None):
    try:
        return parse_published(value)
    except ValueError:
        return None
