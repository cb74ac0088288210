"""DuckDB backend of the store: schema, forward migrations, reads and batched writes."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from newsprism.errors import NotFoundError, StoreBusyError, StoreError, StoreVersionError, first_line
from newsprism.model import (
    Article,
    ArticleSummary,
    Entity,
    Paragraph,
    Sentence,
    Story,
    parse_published,
)

#: Forward migrations; the store's version is the number applied. Never edit one
#: that has shipped: add the next.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            content_hash VARCHAR NOT NULL,
            outlet VARCHAR NOT NULL,
            title VARCHAR NOT NULL,
            published VARCHAR,
            url VARCHAR,
            byline VARCHAR,
            language VARCHAR,
            source VARCHAR,
            text VARCHAR NOT NULL,
            paragraphs VARCHAR NOT NULL,
            metadata VARCHAR NOT NULL,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )""",
        "CREATE INDEX articles_hash ON articles(content_hash)",
        """CREATE TABLE sentences (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            PRIMARY KEY (article_id, idx)
        )""",
        """CREATE TABLE entities (
            article_id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            label VARCHAR NOT NULL,
            text VARCHAR NOT NULL
        )""",
        "CREATE INDEX entities_article ON entities(article_id)",
    ),
    # 2: keep the ingest-time spaCy parse, so compare does not parse again.
    ("ALTER TABLE articles ADD COLUMN analysis BLOB",),
    # 3: stories (``newsprism stories``) and their member articles.
    (
        """CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,
            title VARCHAR NOT NULL,
            first_seen VARCHAR,
            last_seen VARCHAR,
            outlets VARCHAR NOT NULL,
            shared_copy VARCHAR NOT NULL
        )""",
        """CREATE TABLE story_articles (
            story_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (story_id, article_id)
        )""",
        "CREATE INDEX story_articles_article ON story_articles(article_id)",
    ),
    # 4: cached story features (title+lead embedding, MinHash values), so a re-run of
    # ``newsprism stories`` does not embed or hash the articles it has seen.
    (
        """CREATE TABLE story_features (
            article_id VARCHAR NOT NULL,
            feature_key VARCHAR NOT NULL,
            vector BLOB NOT NULL,
            signature BLOB NOT NULL,
            PRIMARY KEY (article_id, feature_key)
        )""",
    ),
    # 5: each story's comparison (the JSON contract and the HTML report), computed once
    # and kept until the story's articles change (``members`` is their stable hash).
    (
        """CREATE TABLE story_comparisons (
            story_id VARCHAR PRIMARY KEY,
            members VARCHAR NOT NULL,
            contract VARCHAR NOT NULL,
            report VARCHAR NOT NULL
        )""",
    ),
    # 6: the feeds ``newsprism watch`` polls: the validators of their last answer, so the
    # next poll is a conditional request, and when they were polled.
    (
        """CREATE TABLE feeds (
            url VARCHAR PRIMARY KEY,
            etag VARCHAR,
            last_modified VARCHAR,
            polled_at VARCHAR NOT NULL
        )""",
    ),
    # 7: what ``newsprism watch`` found (its JSON lines), for the web app's "new" badges.
    (
        """CREATE TABLE watch_events (
            happened_at VARCHAR NOT NULL,
            story_id VARCHAR,
            event VARCHAR NOT NULL
        )""",
        "CREATE INDEX watch_events_story ON watch_events(story_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_SUMMARY_SQL = """
    SELECT a.id, a.outlet, a.title, a.published,
           count(s.idx) AS sentences,
           count(s.idx) FILTER (WHERE s.kind <> 'body') AS non_body,
           length(a.text) - length(replace(a.text, ' ', '')) + 1 AS words,
           a.byline, a.language
    FROM articles a LEFT JOIN sentences s ON s.article_id = a.id
"""


class Store:
    """An open store file. Use ``Store.open`` as a context manager."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Store:
        """Open (creating and migrating if needed) the store at ``path``."""
        name = str(path)
        if read_only and not Path(name).exists():
            raise StoreError(name, "no store here yet; run `newsprism ingest` first, or pass --db")
        if not read_only and name != ":memory:":
            try:
                Path(name).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(name, f"cannot create its folder ({exc.strerror or exc})") from exc
        try:
            con = duckdb.connect(name, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreBusyError(name) from exc
            raise StoreError(name, f"cannot open ({first_line(exc)})") from exc
        except duckdb.Error as exc:
            raise StoreError(name, f"not a newsprism store ({first_line(exc)})") from exc
        store = cls(con, name, read_only)
        try:
            store._migrate()
        except BaseException:
            con.close()
            raise
        return store

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        try:
            if not self.read_only:
                self._con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = self._con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.Error as exc:
            raise StoreError(self.path, f"not a newsprism store ({first_line(exc)})") from exc
        found = row[0] or 0
        if found > SCHEMA_VERSION:
            raise StoreVersionError(self.path, found, SCHEMA_VERSION)
        if found == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(self.path, "store needs an upgrade; run any writing command (e.g. ingest) first")
        with self._transaction():
            for version in range(found, SCHEMA_VERSION):
                for statement in MIGRATIONS[version]:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version VALUES (?)", [version + 1])

    def _transaction(self) -> _Transaction:
        return _Transaction(self._con, self.path)

    # -- writing ---------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article]) -> tuple[list[str], list[str]]:
        """Store new articles in one transaction; return (added ids, duplicate ids).

        An article is a duplicate when its id or its content hash is stored already
        (or it repeats one earlier in the same batch).
        """
        if not articles:
            return [], []
        ids = [a.id for a in articles]
        hashes = [a.content_hash for a in articles]
        known_ids = self._existing("id", ids)
        known_hashes = self._existing("content_hash", hashes)
        added: list[Article] = []
        duplicates: list[str] = []
        for article in articles:
            if article.id in known_ids or article.content_hash in known_hashes:
                duplicates.append(article.id)
                continue
            known_ids.add(article.id)
            known_hashes.add(article.content_hash)
            added.append(article)
        if added:
            with self._transaction():
                self._insert(added)
        return [a.id for a in added], duplicates

    def _insert(self, added: Sequence[Article]) -> None:
        """Write articles, their sentences and entities (inside the caller's transaction)."""
        seq = self._con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        self._append("articles", _ARTICLE_COLUMNS, [_article_row(a, seq + i + 1) for i, a in enumerate(added)])
        self._append(
            "sentences", _SENTENCE_COLUMNS,
            [(a.id, s.index, s.start, s.end, s.paragraph, s.kind) for a in added for s in a.sentences],
        )
        self._append("entities", _ENTITY_COLUMNS, [(a.id, e.start, e.end, e.label, e.text) for a in added for e in a.entities])

    def _append(self, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]], replace: bool = False) -> None:
        """Insert ``rows`` (tuples in the order of ``columns``, each a (name, SQL type)) in one
        statement: each column goes in as one list and is unnested in place, in row order.

        DuckDB's ``executemany`` binds row by row (about 4,000 rows a second); one list
        per column is about 60 times faster, and ingest writes tens of rows per article.
        """
        if not rows:
            return
        names = ", ".join(name for name, _ in columns)
        values = ", ".join(f"unnest(?::{kind}[])" for _, kind in columns)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        self._con.execute(f"{verb} INTO {table} ({names}) SELECT {values}", [list(col) for col in zip(*rows, strict=True)])  # noqa: S608 (fixed names)

    def known(self, ids: Sequence[str], hashes: Sequence[str]) -> tuple[set[str], set[str]]:
        """Which of ``ids`` and of the content ``hashes`` the store holds already."""
        return self._existing("id", list(ids)), self._existing("content_hash", list(hashes))

    def identities(self) -> tuple[set[str], set[str]]:
        """Every stored article id and content hash (what ``known`` looks up), at once."""
        rows = self._rows("SELECT id, content_hash FROM articles")
        return {r[0] for r in rows}, {r[1] for r in rows}

    def _existing(self, column: str, values: list[str]) -> set[str]:
        rows = self._rows(f"SELECT {column} FROM articles WHERE {column} IN (SELECT unnest(?))", [values])
        return {r[0] for r in rows}

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query; DuckDB errors (a damaged file) become one-line ``StoreError``."""
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(self.path, f"read failed ({first_line(exc)})") from exc

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        return self._rows("SELECT count(*) FROM articles")[0][0]

    def ids(self) -> list[str]:
        """All article ids, in ingest order."""
        return [r[0] for r in self._rows("SELECT id FROM articles ORDER BY seq")]

    def has(self, article_id: str) -> bool:
        return bool(self._rows("SELECT count(*) FROM articles WHERE id = ?", [article_id])[0][0])

    def list(
        self,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[ArticleSummary]:
        """Summaries of stored articles, in ingest order, filtered by outlet and date.

        ``since``/``until`` are ISO dates, inclusive; undated articles are left out
        when either is given.
        """
        where, params = [], []
        if outlet:
            # the outlet is a plain substring: LIKE's wildcards in it (% _) and the escape are escaped
            where.append("lower(a.outlet) LIKE lower(?) ESCAPE '\\'")
            escaped = outlet.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        if since:
            where.append("substr(a.published, 1, 10) >= ?")
            params.append(since)
        if until:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(until)
        sql = _SUMMARY_SQL + (" WHERE " + " AND ".join(where) if where else "")
        sql += " GROUP BY a.id, a.outlet, a.title, a.published, a.text, a.byline, a.language, a.seq ORDER BY a.seq"
        if limit is not None:
            # DuckDB's LIMIT is a signed 64-bit integer: anything larger lists every row
            sql += f" LIMIT {max(0, min(int(limit), 2**62))}"
        return [
            ArticleSummary(r[0], r[1], r[2], parse_published(r[3]), r[4], r[5], r[6], r[7], r[8] or "en")
            for r in self._rows(sql, params)
        ]

    def get(self, article_id: str) -> Article:
        """The stored article with its segmentation; ``NotFoundError`` if absent."""
        found = self.get_many([article_id])
        if not found:
            raise NotFoundError("article", article_id)
        return found[0]

    def get_many(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``ids``, in the order of ``ids``."""
        if not ids:
            return []
        rows = self._rows(
            "SELECT id, outlet, title, published, url, byline, language, source, content_hash, text,"
            " paragraphs, metadata, analysis FROM articles WHERE id IN (SELECT unnest(?))",
            [list(ids)],
        )
        sentences = self._grouped(
            "SELECT article_id, idx, start_char, end_char, paragraph, kind FROM sentences"
            " WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, idx",
            ids,
        )
        entities = self._grouped(
            "SELECT article_id, start_char, end_char, label, text FROM entities"
            " WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, start_char, end_char",
            ids,
        )
        by_id = {
            r[0]: _article_from_row(r, sentences.get(r[0], []), entities.get(r[0], [])) for r in rows
        }
        return [by_id[i] for i in ids if i in by_id]

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every stored article, in ingest order, read in batches."""
        ids = self.ids()
        for i in range(0, len(ids), batch):
            yield from self.get_many(ids[i : i + batch])

    def _grouped(self, sql: str, ids: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]:
        grouped: dict[str, list[tuple[Any, ...]]] = {}
        for row in self._rows(sql, [list(ids)]):
            grouped.setdefault(row[0], []).append(row[1:])
        return grouped

    # -- stories ---------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Make ``stories`` the stored grouping, in one transaction, writing only what changed.

        The list given is the complete grouping (``newsprism.stories.update`` keeps
        earlier assignments): stories missing from it are deleted, new or changed
        ones (re)written, and unchanged ones left alone, so a re-run that changes
        nothing writes nothing.
        """
        stored = {s.id: s for s in self.stories()}
        wanted = {s.id: s for s in stories}
        gone = [sid for sid in stored if sid not in wanted]
        changed = [s for s in stories if stored.get(s.id) != s]
        if not gone and not changed:
            return
        with self._transaction():
            dropped = gone + [s.id for s in changed if s.id in stored]
            if dropped:
                self._con.execute("DELETE FROM story_articles WHERE story_id IN (SELECT unnest(?))", [dropped])
                self._con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [dropped])
            if not changed:
                return
            self._append(
                "stories", _STORY_COLUMNS,
                [
                    (s.id, s.title, s.first_seen, s.last_seen, json.dumps(list(s.outlets), ensure_ascii=False),
                     json.dumps([list(c) for c in s.shared_copy]))
                    for s in changed
                ],
            )
            self._append(
                "story_articles", _STORY_ARTICLE_COLUMNS,
                [(s.id, a, i) for s in changed for i, a in enumerate(s.articles)],
            )

    def story_features(self, key: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Cached story features under ``key``: article id -> (embedding, MinHash values)."""
        return {
            aid: (np.frombuffer(vector, dtype=np.float32), np.frombuffer(sig, dtype=np.uint32))
            for aid, vector, sig in self._rows(
                "SELECT article_id, vector, signature FROM story_features WHERE feature_key = ?", [key]
            )
        }

    def save_story_features(self, key: str, found: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> None:
        """Cache story features under ``key`` (one transaction; a read-only store keeps none)."""
        if self.read_only or not found:
            return
        with self._transaction():
            self._append(
                "story_features", _FEATURE_COLUMNS,
                [
                    (aid, key, np.asarray(v, dtype=np.float32).tobytes(), np.asarray(sig, dtype=np.uint32).tobytes())
                    for aid, (v, sig) in found.items()
                ],
                replace=True,
            )

    def story_comparison(self, story_id: str, members: str) -> tuple[str, str] | None:
        """The cached comparison of a story, (JSON contract, HTML report), if it was made
        for these ``members`` (the hash of its article ids); None otherwise."""
        rows = self._rows(
            "SELECT contract, report FROM story_comparisons WHERE story_id = ? AND members = ?", [story_id, members]
        )
        return (rows[0][0], rows[0][1]) if rows else None

    def story_comparisons(self, members: Mapping[str, str]) -> dict[str, str]:
        """The cached JSON contracts of the stories in ``members`` (story id -> members hash)
        whose comparison is current."""
        if not members:
            return {}
        rows = self._rows("SELECT story_id, members, contract FROM story_comparisons WHERE story_id IN (SELECT unnest(?))",
                          [list(members)])
        return {sid: contract for sid, key, contract in rows if members.get(sid) == key}

    def current_comparisons(self, members: Mapping[str, str]) -> set[str]:
        """The stories of ``members`` (story id -> members hash) whose kept comparison is
        current, without reading the comparisons."""
        if not members:
            return set()
        rows = self._rows("SELECT story_id, members FROM story_comparisons WHERE story_id IN (SELECT unnest(?))",
                          [list(members)])
        return {sid for sid, key in rows if members.get(sid) == key}

    def save_story_comparison(self, story_id: str, members: str, contract: str, report: str) -> None:
        """Cache a story's comparison (replacing an older one); a read-only store keeps none."""
        if self.read_only:
            return
        with self._transaction():
            self._con.execute("INSERT OR REPLACE INTO story_comparisons VALUES (?,?,?,?)", [story_id, members, contract, report])

    def article_at(self, url: str) -> str | None:
        """The id of the latest stored article from ``url`` (None: none, or no URL)."""
        if not url:
            return None
        rows = self._rows("SELECT id FROM articles WHERE url = ? ORDER BY seq DESC LIMIT 1", [url])
        return rows[0][0] if rows else None

    def replace_article(self, old_id: str, new: Article) -> None:
        """Put a new version of an article in place of ``old_id``, in one transaction: the
        old version, its sentences, entities, story membership and cached features go;
        the new one is stored (stories are regrouped by the caller)."""
        with self._transaction():
            for table, column in (("sentences", "article_id"), ("entities", "article_id"),
                                  ("story_articles", "article_id"), ("story_features", "article_id"), ("articles", "id")):
                self._con.execute(f"DELETE FROM {table} WHERE {column} = ?", [old_id])  # noqa: S608 (fixed names)
            self._insert([new])

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of a watched feed's last answer; (None, None) if never polled."""
        rows = self._rows("SELECT etag, last_modified FROM feeds WHERE url = ?", [url])
        return (rows[0][0], rows[0][1]) if rows else (None, None)

    def save_feed(self, url: str, etag: str | None, last_modified: str | None, polled_at: str) -> None:
        """Record a poll of a watched feed."""
        with self._transaction():
            self._con.execute("INSERT OR REPLACE INTO feeds VALUES (?,?,?,?)", [url, etag, last_modified, polled_at])

    def save_watch_events(self, at: str, events: Sequence[Mapping[str, Any]]) -> None:
        """Keep the events of a watch poll (each with the story it concerns, if any)."""
        if not events:
            return
        with self._transaction():
            self._append(
                "watch_events", _WATCH_EVENT_COLUMNS,
                [(at, e.get("story"), json.dumps(e, ensure_ascii=False)) for e in events],
            )

    def news_since(self, since: str) -> dict[str, tuple[str, list[dict[str, Any]]]]:
        """Per story, the time of its latest watch event at or after ``since`` (ISO) and
        those events (each with its ``at``), oldest first."""
        found: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        for at, story, event in self._rows(
            "SELECT happened_at, story_id, event FROM watch_events WHERE story_id IS NOT NULL AND happened_at >= ?"
            " ORDER BY happened_at, rowid", [since]
        ):
            found[story] = (at, [*found.get(story, ("", []))[1], {**json.loads(event), "at": at}])
        return found

    def outlets(self) -> list[str]:
        """The outlets of the stored articles, in the order they were first ingested."""
        return [r[0] for r in self._rows("SELECT outlet FROM articles GROUP BY outlet ORDER BY min(seq), outlet")]

    def stories(self) -> list[Story]:
        """The stored stories, in the order their first articles were ingested."""
        members = self._grouped(
            "SELECT sa.story_id, sa.article_id FROM story_articles sa WHERE sa.story_id IN (SELECT unnest(?))"
            " ORDER BY sa.story_id, sa.position",
            [r[0] for r in self._rows("SELECT id FROM stories")],
        )
        rows = self._rows(
            "SELECT s.id, s.title, s.first_seen, s.last_seen, s.outlets, s.shared_copy,"
            " min(a.seq) AS first FROM stories s LEFT JOIN story_articles sa ON sa.story_id = s.id"
            " LEFT JOIN articles a ON a.id = sa.article_id"
            " GROUP BY ALL ORDER BY first NULLS LAST, s.id"
        )
        return [_story_from_row(r, [m[0] for m in members.get(r[0], [])]) for r in rows]

    def story(self, story_id: str) -> Story:
        """One stored story; ``NotFoundError`` if there is none with that id."""
        found = [s for s in self.stories() if s.id == story_id]
        if not found:
            raise NotFoundError("story", story_id)
        return found[0]


class _Transaction:
    """BEGIN/COMMIT around a block; ROLLBACK on any exception; DuckDB errors translated."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self._con = con
        self._path = path

    def __enter__(self) -> None:
        self._con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            try:
                self._con.execute("COMMIT")
            except duckdb.Error as err:
                self._con.execute("ROLLBACK")
                raise StoreError(self._path, f"write failed ({first_line(err)})") from err
            return False
        self._con.execute("ROLLBACK")
        if isinstance(exc, duckdb.Error):
            raise StoreError(self._path, f"write failed ({first_line(exc)})") from exc
        return False


#: The columns each bulk insert writes, with their SQL types (``Store._append``).
_ARTICLE_COLUMNS = (
    ("id", "VARCHAR"), ("seq", "BIGINT"), ("content_hash", "VARCHAR"), ("outlet", "VARCHAR"), ("title", "VARCHAR"),
    ("published", "VARCHAR"), ("url", "VARCHAR"), ("byline", "VARCHAR"), ("language", "VARCHAR"),
    ("source", "VARCHAR"), ("text", "VARCHAR"), ("paragraphs", "VARCHAR"), ("metadata", "VARCHAR"),
    ("analysis", "BLOB"),
)  # fmt: skip
_SENTENCE_COLUMNS = (
    ("article_id", "VARCHAR"), ("idx", "INTEGER"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
    ("paragraph", "INTEGER"), ("kind", "VARCHAR"),
)  # fmt: skip
_ENTITY_COLUMNS = (("article_id", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
                   ("label", "VARCHAR"), ("text", "VARCHAR"))  # fmt: skip
_STORY_COLUMNS = (("id", "VARCHAR"), ("title", "VARCHAR"), ("first_seen", "VARCHAR"), ("last_seen", "VARCHAR"),
                  ("outlets", "VARCHAR"), ("shared_copy", "VARCHAR"))  # fmt: skip
_STORY_ARTICLE_COLUMNS = (("story_id", "VARCHAR"), ("article_id", "VARCHAR"), ("position", "INTEGER"))
_FEATURE_COLUMNS = (("article_id", "VARCHAR"), ("feature_key", "VARCHAR"), ("vector", "BLOB"), ("signature", "BLOB"))
_WATCH_EVENT_COLUMNS = (("happened_at", "VARCHAR"), ("story_id", "VARCHAR"), ("event", "VARCHAR"))


def _article_row(a: Article, seq: int) -> tuple[Any, ...]:
    return (
        a.id,
        seq,
        a.content_hash,
        a.outlet,
        a.title,
        a.published_iso,
        a.url,
        a.byline,
        a.language,
        a.source,
        a.text,
        json.dumps([[p.start, p.end, p.kind] for p in a.paragraphs]),
        json.dumps(a.metadata, ensure_ascii=False, default=str),
        a.analysis,
    )


def _article_from_row(row: tuple[Any, ...], sentences: list[tuple[Any, ...]], entities: list[tuple[Any, ...]]) -> Article:
    (ident, outlet, title, published, url, byline, language, source, digest, text, paragraphs, metadata, analysis) = row
    return Article(
        id=ident,
        outlet=outlet,
        title=title,
        text=text,
        published=parse_published(published),
        url=url,
        byline=byline,
        language=language or "en",
        source=source or "",
        content_hash=digest,
        paragraphs=tuple(Paragraph(i, s, e, k) for i, (s, e, k) in enumerate(json.loads(paragraphs))),
        sentences=tuple(Sentence(*s) for s in sentences),
        entities=tuple(Entity(*e) for e in entities),
        metadata=json.loads(metadata),
        analysis=bytes(analysis) if analysis is not None else None,
    )


def _story_from_row(row: tuple[Any, ...], articles: list[str]) -> Story:
    ident, title, first_seen, last_seen, outlets, shared_copy = row[:6]
    return Story(
        id=ident,
        title=title,
        articles=tuple(articles),
        outlets=tuple(json.loads(outlets)),
        first_seen=first_seen,
        last_seen=last_seen,
        shared_copy=tuple((a, b, float(j)) for a, b, j in json.loads(shared_copy)),
    )
