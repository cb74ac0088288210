"""RSS and Atom feeds (feedparser): each entry becomes an article.

Entries that carry the full text are read as they are; entries with only a teaser
get their linked page fetched and extracted like any HTML page.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from collections.abc import Iterator

import feedparser

from newsprism.errors import InputError
from newsprism.ingest._decode import decode
from newsprism.ingest._fetch import fetch, is_url
from newsprism.ingest._html import parse_html
from newsprism.model import IngestFailure, RawArticle
from newsprism.options import IngestOptions

#: An entry with fewer words than this is a teaser, not the full article.
FULL_TEXT_MIN_WORDS = 120

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<?xml")


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """Whether a fetched body is a feed: by its content type, else by how it starts.

    An HTML type always means a page, even an XHTML one (``application/xhtml+xml``,
    which starts with ``<?xml`` too).
    """
    mime = content_type.split(";", 1)[0].strip().lower()
    if "html" in mime:
        return False
    head = data[:1024].lstrip().lower()
    return any(m in mime for m in ("rss", "atom", "xml")) or head.startswith(_FEED_MARKERS)


def read_feed(data: bytes, source: str, options: IngestOptions) -> Iterator[RawArticle | IngestFailure]:
    """Every entry of a feed, in feed order; at most ``options.max_records`` of them."""
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's lenient parser raises on some broken markup (&#xd800;)
        raise InputError(source, f"not an RSS/Atom feed: the XML could not be read ({type(exc).__name__})") from exc
    if not parsed.get("version") and not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "").strip()
        detail = f" ({reason.splitlines()[0][:120]})" if reason else ""
        raise InputError(source, f"not an RSS/Atom feed: the XML could not be read{detail}")
    if not parsed.entries:
        raise InputError(source, "feed has no entries")
    outlet = options.outlet or parsed.feed.get("title") or source
    for index, entry in enumerate(parsed.entries):
        where = f"{source}#{index + 1}"
        if index >= options.max_records:
            yield IngestFailure(where, f"more than {options.max_records:,} entries; split the feed")
            return
        try:
            yield _entry(entry, where, outlet, options)
        except InputError as exc:
            yield IngestFailure(exc.source if exc.source != where else where, exc.problem)


def _entry(entry: dict, where: str, outlet: str, options: IngestOptions) -> RawArticle:
    link = entry.get("link")
    html = _content_html(entry)
    text_article = _inline_text(html, entry.get("title", ""), where, options)
    full = text_article is not None and len(text_article.text.split()) >= FULL_TEXT_MIN_WORDS
    if full:
        article = text_article
    elif options.fetch_links and link and is_url(link):
        page = fetch(link, options.timeout, options.max_bytes, options.allow_private_urls)
        article = parse_html(decode(page.data, link), link, options, url=page.url)
    elif text_article is not None:
        article = text_article
    else:
        raise InputError(where, "feed entry has no text and no link to fetch it from")
    meta = {"feed_entry_id": entry.get("id")} if entry.get("id") else {}
    return RawArticle(
        source=where,
        title=(entry.get("title") or article.title).strip(),
        text=article.text,
        outlet=outlet,
        published=_published(entry),
        url=link or article.url,
        byline=entry.get("author") or article.byline,
        language=article.language,
        metadata=meta,
    )


def _content_html(entry: dict) -> str:
    contents = entry.get("content") or []
    if contents:
        return max((c.get("value", "") for c in contents), key=len)
    return entry.get("summary", "") or ""


def _inline_text(fragment: str, title: str, where: str, options: IngestOptions) -> RawArticle | None:
    """The entry's own text, extracted like a page; ``None`` when it has none."""
    if not fragment.strip():
        return None
    page = f"<html><head><title>{escape(title)}</title></head><body><article>{fragment}</article></body></html>"
    try:
        return parse_html(page, where, options)
    except InputError:
        return None


def _published(entry: dict) -> dt.datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return dt.datetime(*stamp[:6], tzinfo=dt.timezone.utc)
    except (ValueError, OverflowError):  # feedparser passes through years like 0 or 99999
        return None
