"""Watch feeds: poll, ingest what is new, regroup, re-compare what changed, say what is new.

One poll of one feed (``poll_feed``), as ``newsprism watch`` runs it every ``--every``:

1. a conditional GET with the validators (ETag, Last-Modified) of the feed's last
   answer, kept in the store: an unchanged feed answers 304 and costs nothing;
2. the entries are read (the linked page is fetched for an entry that is only a
   teaser), those the store holds already are dropped, the rest segmented and stored
   in one transaction, and the feed's validators saved with them;
3. the store is regrouped into stories (incremental, stable ids); each story that
   gained an article and has two or more outlets is compared again (kept in the store);
4. an entry whose link the store holds under other content is a new version of that
   article: it takes the old one's place, and the facts the new version added and
   dropped (the omissions of comparing the two versions) are reported;
5. events, one JSON object each: ``article_added``, ``article_updated``, ``fact_added``,
   ``fact_dropped``, ``new_story``, ``story_grew``, ``story_updated``,
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
from newsprism.model import Article, FindingKind, IngestFailure, RawArticle
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
    articles stored. The events that concern stories are also kept in the store (the
    web app's "new" badges)."""
    kept: list[dict[str, Any]] = []

    def emit_and_keep(event: dict[str, Any]) -> None:
        emit(event)
        if event.get("story"):
            kept.append(event)

    count = _poll(db, feed, options, emit_and_keep)
    if kept:
        with Store.open(db) as store:
            store.save_watch_events(dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), kept)
    return count


def _poll(db: Path, feed: str, options: IngestOptions, emit: Emit) -> int:
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
    with Store.open(db, read_only=True) as store:
        earlier = {a.id: store.article_at(a.url) for a in articles}
        old = {o.id: o for o in store.get_many([i for i in earlier.values() if i])}
    updates = [(old[earlier[a.id]], a) for a in articles if earlier[a.id] in old]
    new = [a for a in articles if earlier[a.id] not in old]
    changes = [(before, after, _fact_changes(before, after)) for before, after in updates]
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with Store.open(db) as store:
        stories_before = {s.id: s for s in store.stories()}
        added, _ = store.add_articles(new) if new else ([], [])
        for before, after, _ in changes:
            store.replace_article(before.id, after)
        store.save_feed(feed, page.etag, page.last_modified, now)
        if not added and not changes:
            return 0
        for article in new:
            if article.id in added:
                emit({"event": "article_added", "feed": feed, "article": article.id, "outlet": article.outlet, "title": article.title})
        for before, after, facts in changes:
            emit({"event": "article_updated", "feed": feed, "article": after.id, "replaces": before.id, "outlet": after.outlet,
                  "title": after.title})  # fmt: skip
            for event in facts:
                emit({**event, "feed": feed})
        _report_stories(store, stories_before, update(store, StoryOptions()), set(added), {a.id for _, a, _ in changes}, emit)
    return len(added) + len(changes)


def _fact_changes(before: Article, after: Article) -> list[dict[str, Any]]:
    """What a new version of an article added and dropped: the omissions of comparing the
    two versions (a claim only the new one carries was added; only the old one, dropped)."""
    from newsprism.compare import compare

    events = []
    for finding in compare([before, after]).findings:
        if finding.kind != FindingKind.OMISSION or not finding.evidence:
            continue
        carrier = finding.evidence[0]
        kind = "fact_added" if carrier.article == after.id else "fact_dropped"
        events.append({"event": kind, "article": after.id, "outlet": after.outlet, "text": carrier.text})
    return events


def _report_stories(store: Store, before: dict, after: Iterable, added: set[str], updated: set[str], emit: Emit) -> None:
    """Events for the stories the new articles started or joined (or that hold a new
    version of an article), and what their new comparisons found that the previous ones
    did not."""
    for story in after:
        members = set(story.articles)
        if not (added | updated) & members:
            continue
        old = before.get(story.id)
        base = {"story": story.id, "title": story.title, "outlets": list(story.outlets), "articles": len(story.articles)}
        kind = "new_story" if old is None else ("story_grew" if added & members else "story_updated")
        emit({"event": kind, **base})
        if len(set(story.outlets)) < 2:
            continue
        previous = store.story_comparison(story.id, members_key(old)) if old else None
        seen = {f["summary"] for f in json.loads(previous[0])["findings"]} if previous else set()
        contract = story_contracts(store, [story])[story.id]
        for finding in contract["findings"]:
            event = NEWS.get(finding["kind"])
            if event and finding["summary"] not in seen:
                emit({"event": event, "story": story.id, "claim": finding.get("claim"), "summary": finding["summary"]})
