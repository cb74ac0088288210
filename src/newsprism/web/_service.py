"""What the routes do, apart from HTTP: store access, comparing, ingesting.

The store is opened **per request** — read-only for reads — and closed again, so
CLI commands can use the same file between requests. DuckDB lets one process write
a file at a time and refuses, inside one process, a read-only and a read-write
connection to the same file at once; so within the server a readers-writer lock
guards the store: any number of reads at once, or one write. Reads run side by
side on purpose: opening the file is the expensive part of a read (~20 ms), and
DuckDB opens it once per process while any connection to it is open, so under
load a read joins the open file for a fraction of a millisecond, where one read at
a time paid the whole opening every time (20 threads reading: ~20 reads/s with one
lock, ~250 with this one, on a busy 2-core machine; ``bench/load.py`` measures the
whole server). A waiting write stops new reads from starting,
so a stream of reads cannot starve it. Another lock serialises the language models
(spaCy, the sentence encoder), which are loaded once and not made for concurrent
use. The locks are always taken models-first, so they cannot deadlock.

A store held by another process raises ``StoreBusyError`` (HTTP 503).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
import dataclasses
from dataclasses import dataclass

from newsprism.compare import compare
from newsprism.errors import NotFoundError, StoreBusyError, UsageError
from newsprism.ingest import Skipped, build_articles
from newsprism.ingest._build import identity
from newsprism.model import Article, ArticleSummary, CompareResult, IngestFailure, IngestReport, RawArticle, Story
from newsprism.options import CompareOptions, ServeOptions, StoryOptions
from newsprism.report.newsroom import (
    Counts,
    OutletProfile,
    TimelineEntry,
    compare_story,
    counts,
    coverage,
    members_key,
    missing,
    outlet_profiles,
    timeline,
)
from newsprism.store import Store
from newsprism.web._errors import TooLargeError

#: Articles read per store opening when exporting (the store is closed in between).
EXPORT_BATCH = 200


class ReadWriteLock:
    """Many readers at once, or one writer; a waiting writer keeps new readers out.

    Writer preference matters under load: with reads arriving all the time, a plain
    readers-writer lock would let them overlap forever and an ingest never start.
    Not reentrant: a thread holding it must not take it again.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._changed:
            while self._writing or self._writers_waiting:
                self._changed.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._changed:
                self._readers -= 1
                if not self._readers:
                    self._changed.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._changed:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._changed.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._changed:
                self._writing = False
                self._changed.notify_all()


@dataclass(frozen=True)
class StoryRow:
    """A story in the list: the story, its coverage marks, its counts (None: not compared yet)."""

    story: Story
    coverage: list[bool]
    counts: Counts | None
    #: Time of its latest ``newsprism watch`` event within ``NEWS_WINDOW`` (the "new" badge).
    news_at: str | None = None


@dataclass(frozen=True)
class StoryPage:
    """A page of ``/stories``: the store's outlets (coverage order) and the rows."""

    outlets: list[str]
    rows: list[StoryRow]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class StoryView:
    """``/stories/{id}``: the story, its timeline, who did not cover it, its comparison."""

    story: Story
    outlets: list[str]
    timeline: list[TimelineEntry]
    missing: list[str]
    contract: dict | None
    report: str | None
    counts: Counts | None
    #: Its ``newsprism watch`` events within ``NEWS_WINDOW``, oldest first.
    news: list[dict] = dataclasses.field(default_factory=list)


def _story_matches(story: Story, outlet: str | None, since: dt.date | None, until: dt.date | None, text: str | None) -> bool:
    """An outlet (substring, any case) among the story's; its dates overlapping
    [since, until] (undated stories only when neither is given); ``text`` in its title."""
    if outlet and not any(outlet.casefold() in o.casefold() for o in story.outlets):
        return False
    if since or until:
        if not story.first_seen:
            return False
        if since and (story.last_seen or story.first_seen)[:10] < since.isoformat():
            return False
        if until and story.first_seen[:10] > until.isoformat():
            return False
    return not text or text.casefold() in story.title.casefold()


#: How long a ``newsprism watch`` event marks its story as new.
NEWS_WINDOW = dt.timedelta(hours=24)


def _news_cutoff() -> str:
    return (dt.datetime.now(dt.timezone.utc) - NEWS_WINDOW).isoformat(timespec="seconds")


def _newest_first(stories: list[Story]) -> list[Story]:
    """Latest article first (then latest first article), undated stories last, ties by id."""
    by_id = sorted(stories, key=lambda s: s.id)
    return sorted(by_id, key=lambda s: (s.last_seen or "", s.first_seen or ""), reverse=True)  # stable: ids stay in order


class Service:
    """The server's state: its options and the two locks, plus the operations."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self._store_lock = ReadWriteLock()
        self._model_lock = threading.Lock()

    # -- the store ---------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """The store, open read-only for the length of the block (other reads may run meanwhile)."""
        with self._store_lock.reading(), Store.open(self.options.db, read_only=True) as store:
            yield store

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store, open for writing for the length of the block (nothing else touches it meanwhile)."""
        with self._store_lock.writing(), Store.open(self.options.db) as store:
            yield store

    def warm(self) -> threading.Thread:
        """Load the models a compare or an ingest needs, in the background, so the first
        request does not pay for them (``newsprism serve`` calls this once at start; the
        models then stay loaded for the life of the process). Requests wait on the model
        lock meanwhile rather than load a second copy."""

        def load() -> None:
            from newsprism.align import embed
            from newsprism.analysis.charged import load_model
            from newsprism.nlp import pipeline

            with self._model_lock:
                pipeline("en")
                embed(["warm"])
                load_model()
                build_articles([RawArticle(source="warm-up", title="Warm up", text="Models load once. They stay loaded.")])

        thread = threading.Thread(target=load, name="newsprism-warm", daemon=True)
        thread.start()
        return thread

    def prepare_store(self) -> None:
        """Create (or migrate) the store at start, so reads work on a fresh server.

        A store busy in another process is fine: requests answer 503 until it is free.
        """
        try:
            with self.writing():
                pass
        except StoreBusyError:
            pass

    def summaries(
        self, outlet: str | None, since: dt.date | None, until: dt.date | None, limit: int | None
    ) -> list[ArticleSummary]:
        """Stored articles, filtered like ``newsprism list``."""
        with self.reading() as store:
            return store.list(
                outlet=outlet or None,
                since=since.isoformat() if since else None,
                until=until.isoformat() if until else None,
                limit=limit,
            )

    def article(self, article_id: str) -> Article:
        """One stored article (``NotFoundError`` if absent)."""
        with self.reading() as store:
            return store.get(article_id)

    def stored(self, ids: Sequence[str]) -> list[Article]:
        """Stored articles in the order of ``ids``; the first unknown id raises ``NotFoundError``."""
        if not ids:
            return []
        with self.reading() as store:
            found = {a.id: a for a in store.get_many(list(ids))}
        for ident in ids:
            if ident not in found:
                raise NotFoundError("article", ident)
        return [found[i] for i in ids]

    def count(self) -> int:
        with self.reading() as store:
            return store.count()

    def export_ids(self) -> list[str]:
        """All ids, read first, so a busy store fails before a stream has begun."""
        with self.reading() as store:
            return store.ids()

    def export_lines(self, ids: list[str]) -> Iterator[str]:
        """The articles as JSONL (``newsprism export``), read in batches.

        The store is closed between batches, so a slow client never holds it.
        """
        for start in range(0, len(ids), EXPORT_BATCH):
            with self.reading() as store:
                batch = store.get_many(ids[start : start + EXPORT_BATCH])
            for article in batch:
                yield json.dumps(article.to_dict(), ensure_ascii=False) + "\n"

    # -- work --------------------------------------------------------------------------------

    def compare(self, ids: Sequence[str], raws: Sequence[RawArticle], max_omissions: int = 25) -> CompareResult:
        """Compare stored articles (by id) and fresh ones (segmented here, not stored)."""
        options = CompareOptions(max_omissions=max_omissions)
        total = len(ids) + len(raws)
        if total > self.options.max_items:
            raise UsageError(f"{total} articles to compare; the limit is {self.options.max_items}")
        if total < 2:
            raise UsageError(
                "compare needs two or more articles: paste texts, upload files, give URLs or pick stored articles"
            )
        articles = self.stored(ids)
        self.check_budget(articles, raws)
        with self._model_lock:
            if raws:
                articles += build_articles(list(raws))
            return compare(articles, options)

    def check_budget(self, stored: Sequence[Article], raws: Sequence[RawArticle]) -> None:
        """Refuse (413) a comparison whose articles hold more characters than the budget.

        Checked before any segmentation: the cost of a compare grows with its text, and
        one oversized request must not hold the model lock for minutes.
        """
        size = sum(len(a.text) for a in stored) + sum(len(r.text) for r in raws)
        budget = self.options.compare_max_chars
        if size > budget:
            raise TooLargeError(
                f"the articles of this comparison hold {size:,} characters, over the server's budget of "
                f"{budget:,} per compare; compare fewer or shorter articles, or run `newsprism compare` "
                "on the command line"
            )

    def ingest(self, items: Sequence[RawArticle | IngestFailure]) -> IngestReport:
        """Store the articles (failures are reported, not raised), like ``ingest --skip-bad``.

        All or nothing: the articles are segmented first (store closed), then written in
        **one** transaction. If the store is busy (another process writes it) or the work
        is stopped, nothing of this request is stored and the error says so; a report
        always describes exactly what the store now holds. Articles the store holds
        already are reported as duplicates without being segmented again.
        """
        report = IngestReport(
            failed=[i for i in items if isinstance(i, IngestFailure) and not isinstance(i, Skipped)],
            skipped=[i for i in items if isinstance(i, Skipped)],
        )
        fresh = self._not_stored([i for i in items if isinstance(i, RawArticle)], report)
        if fresh:
            with self._model_lock:
                articles = build_articles(fresh)
            with self.writing() as store:
                added, duplicates = store.add_articles(articles)
            report.ingested.extend(added)
            report.duplicates.extend(duplicates)
            if added:
                self.regroup()
        return report

    def regroup(self) -> None:
        """Bring the stored stories up to date (``newsprism stories``: incremental, stable
        ids); after a web ingest, so ``/stories`` shows what was just added."""
        from newsprism.stories import update

        with self._model_lock, self.writing() as store:
            update(store, StoryOptions())

    # -- stories -----------------------------------------------------------------------------

    def story_rows(
        self, outlet: str | None, since: dt.date | None, until: dt.date | None, text: str | None, limit: int, offset: int
    ) -> StoryPage:
        """A page of stored stories, newest first, filtered (see ``_story_matches``), each
        with its coverage and, when its comparison is cached and current, its counts."""
        with self.reading() as store:
            outlets = store.outlets()
            found = _newest_first([s for s in store.stories() if _story_matches(s, outlet, since, until, text)])
            page = found[offset : offset + limit]
            cached = store.story_comparisons({s.id: members_key(s) for s in page})
            news = store.news_since(_news_cutoff())
        rows = [
            StoryRow(s, coverage(s, outlets), counts(json.loads(cached[s.id])) if s.id in cached else None,
                     news[s.id][0] if s.id in news else None)
            for s in page
        ]  # fmt: skip
        return StoryPage(outlets=outlets, rows=rows, total=len(found), offset=offset, limit=limit)

    def story_view(self, story_id: str) -> StoryView:
        """One story: its timeline, the store's outlets that did not cover it, and its
        comparison, computed once (the first time it is asked for) and then read from the
        store until the story's articles change. A story of one article has no comparison."""
        with self.reading() as store:
            story = store.story(story_id)
            outlets = store.outlets()
            key = members_key(story)
            cached = store.story_comparison(story.id, key)
            articles = store.get_many(list(story.articles))
            news = store.news_since(_news_cutoff()).get(story.id, ("", []))[1]
        if cached is None and len(articles) >= 2:
            with self._model_lock:
                cached = compare_story(articles)
            try:
                with self.writing() as store:
                    store.save_story_comparison(story.id, key, *cached)
            except StoreBusyError:
                pass  # shown now, computed again next time
        contract = json.loads(cached[0]) if cached else None
        return StoryView(
            story=story, outlets=outlets, timeline=timeline(story, {a.id: a for a in articles}),
            missing=missing(story, outlets), contract=contract, report=cached[1] if cached else None,
            counts=counts(contract) if contract else None, news=news,
        )  # fmt: skip

    def outlet_profiles(self) -> list[OutletProfile]:
        """The profile of every outlet over the stories it shares with another outlet; the
        stories not compared yet are compared now (once: their comparisons are kept)."""
        with self.reading() as store:
            stories = [s for s in store.stories() if len(set(s.outlets)) >= 2]
            keys = {s.id: members_key(s) for s in stories}
            contracts = {sid: json.loads(c) for sid, c in store.story_comparisons(keys).items()}
        for story in stories:
            if story.id not in contracts:
                view = self.story_view(story.id)
                if view.contract is not None:
                    contracts[story.id] = view.contract
        return outlet_profiles(contracts)

    def _not_stored(self, raws: list[RawArticle], report: IngestReport) -> list[RawArticle]:
        """The raw articles the store does not hold yet; the others go to the report as duplicates."""
        if not raws:
            return []
        keys = [identity(raw) for raw in raws]
        with self.reading() as store:
            known_ids, known_hashes = store.known([k[0] for k in keys], [k[1] for k in keys])
        fresh = []
        for raw, (ident, digest) in zip(raws, keys, strict=True):
            if ident in known_ids or digest in known_hashes:
                report.duplicates.append(ident)
            else:
                fresh.append(raw)
        return fresh
