"""Watch feeds: poll, ingest what is new, regroup, re-compare what changed, say what is new.

One poll of one feed (``poll_feed``), as ``newsprism watch`` runs it every ``--every``:

1. a conditional GET with the validators (ETag, Last-Modified) of the feed's last
   answer, kept in the store: an unchanged feed answers 304 and costs nothing;
2. the entries are read (the linked page is fetched for an entry that is only a
   teaser), those the store holds already are dropped, the rest segmented and stored
   in one transaction, and the feed's validators saved with them;
3. the store is regrouped into stories (incremental, stable ids); each story that
   gained an article and has two or more outlets is compared again (kept in the store);
4. events, one JSON object each: ``article_added``, ``new_story``, ``story_grew``,
   ``new_dispute`` and ``altered_quote`` (findings the story's previous comparison did
   not have), ``feed_error`` (a feed down, slow, refused or not a feed: one line, and
   the next poll tries again).

State lives in the store, so a restart goes on where it stopped; a kill during a poll
loses nothing stored (each write is one transaction) and stores nothing twice (entries
already held are dropped by id and content hash before anything is written).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from newsprism.errors import InputError
from newsprism.ingest import Skipped, build_articles
from newsprism.ingest._build import identity
from newsprism.ingest._feed import looks_like_feed, read_feed
from newsprism.ingest._fetch import fetch
from newsprism.model import FindingKind, IngestFailure, RawArticle
from newsprism.options import IngestOptions, StoryOptions
from newsprism.report.newsroom import members_key, story_contracts
from newsprism.store import Store
from newsprism.stories import update

__all__ = ["poll_feed", "Emit"]

Emit = Callable[[dict[str, Any]], None]
#: Finding kinds reported as news when a story's new comparison has one its last did not.
NEWS = {FindingKind.CONTRADICTION: "new_dispute", FindingKind.QUOTE_CHANGE: "altered_quote"}


def poll_feed(db: Path, feed: str, options: IngestOptions, emit: Emit) -> int:
    """Poll one feed into the store at ``db`` (see the module docstring); the number of
    articles stored."""
    with Store.open(db, read_only=True) as store:
        etag, modified = store.feed_validators(feed)
    try:
        page = fetch(feed, options.timeout, options.max_bytes, options.allow_private_urls, etag=etag, last_modified=modified)
        if page.status == 304:
            return 0
        if not looks_like_feed(page.data, page.content_type):
            raise InputError(feed, "not an RSS/Atom feed")
        items = list(read_feed(page.data, feed, options))
    except InputError as exc:
        emit({"event": "feed_error", "feed": feed, "error": exc.problem})
        return 0
    for failure in items:
        if isinstance(failure, IngestFailure) and not isinstance(failure, Skipped):
            emit({"event": "feed_error", "feed": failure.source, "error": failure.problem})
    raws = [i for i in items if isinstance(i, RawArticle)]
    keys = [identity(raw) for raw in raws]
    with Store.open(db, read_only=True) as store:
        known_ids, known_hashes = store.known([k[0] for k in keys], [k[1] for k in keys])
    fresh = [raw for raw, (ident, digest) in zip(raws, keys, strict=True) if ident not in known_ids and digest not in known_hashes]
    articles = build_articles(fresh) if fresh else []
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with Store.open(db) as store:
        before = {s.id: s for s in store.stories()}
        added, _ = store.add_articles(articles) if articles else ([], [])
        store.save_feed(feed, page.etag, page.last_modified, now)
        if not added:
            return 0
        titles = {a.id: (a.outlet, a.title) for a in articles}
        for ident in added:
            emit({"event": "article_added", "feed": feed, "article": ident, "outlet": titles[ident][0], "title": titles[ident][1]})
        _report_stories(store, before, update(store, StoryOptions()), set(added), emit)
    return len(added)


def _report_stories(store: Store, before: dict, after: Iterable, added: set[str], emit: Emit) -> None:
    """Events for the stories the new articles started or joined, and what their new
    comparisons found that the previous ones did not."""
    for story in after:
        if not added & set(story.articles):
            continue
        old = before.get(story.id)
        base = {"story": story.id, "title": story.title, "outlets": list(story.outlets), "articles": len(story.articles)}
        emit({"event": "story_grew" if old else "new_story", **base})
        if len(set(story.outlets)) < 2:
            continue
        previous = store.story_comparison(story.id, members_key(old)) if old else None
        seen = {f["summary"] for f in json.loads(previous[0])["findings"]} if previous else set()
        contract = story_contracts(store, [story])[story.id]
        for finding in contract["findings"]:
            event = NEWS.get(finding["kind"])
            if event and finding["summary"] not in seen:
                emit({"event": event, "story": story.id, "claim": finding.get("claim"), "summary": finding["summary"]})
