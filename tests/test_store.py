"""The DuckDB store: schema and migrations, batched writes, reads, filters, and the
errors it gives for stores it cannot use (newer, foreign, busy).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from newsprism.errors import NotFoundError, StoreBusyError, StoreError, StoreVersionError
from newsprism.ingest import build_articles
from newsprism.model import Article, RawArticle, Sentence
from newsprism.store import SCHEMA_VERSION, Store

BODY_TEXT = (
    "The central bank raised interest rates by a quarter point on Wednesday, its third rise this year.\n\n"
    "Governor Maria Costa said inflation was still too high and that further rises could follow.\n\n"
    "• Rate now 4.5 percent\n\n"
    "A photo taken on Wednesday shows the governor arriving at the bank in Lisbon for the meeting"
)


def raw(n: int, outlet: str, published: dt.date | dt.datetime | None) -> RawArticle:
    return RawArticle(
        source=f"test:{n}",
        title=f"Rates rise again ({n})",
        text=BODY_TEXT.replace("third", f"rise number {n},"),
        outlet=outlet,
        published=published,
        url=f"https://news.example/{n}",
        byline="Ana Writer" if n % 2 else None,
        metadata={"n": n, "tags": ["economy"]},
    )


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """Five segmented articles from three outlets, one undated (spaCy runs once)."""
    return build_articles([
        raw(0, "Lisbon Daily", dt.date(2024, 1, 10)),
        raw(1, "Porto Herald", dt.datetime(2024, 1, 12, 9, 30, tzinfo=dt.timezone.utc)),
        raw(2, "lisbon daily", dt.date(2024, 1, 15)),
        raw(3, "Wire Service", None),
        raw(4, "Porto Herald", dt.date(2024, 2, 1)),
    ])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def filled(db: Path, articles: list[Article]) -> Path:
    """A store file holding all five articles."""
    with Store.open(db) as store:
        store.add_articles(articles)
    return db


def schema_versions(path: Path) -> list[int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    finally:
        con.close()


# -- schema ------------------------------------------------------------------------------------


def test_a_new_store_records_its_schema_version(db: Path) -> None:
    Store.open(db).close()
    assert schema_versions(db) == list(range(1, SCHEMA_VERSION + 1))


def test_reopening_a_store_changes_nothing(filled: Path, articles: list[Article]) -> None:
    with Store.open(filled, read_only=True) as store:
        before = (store.ids(), store.get(articles[1].id))
    for read_only in (False, True, False):
        with Store.open(filled, read_only=read_only) as store:
            assert (store.ids(), store.get(articles[1].id)) == before
    assert schema_versions(filled) == list(range(1, SCHEMA_VERSION + 1))


def test_a_store_from_a_newer_newsprism_is_refused_with_both_versions(filled: Path) -> None:
    con = duckdb.connect(str(filled))
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 5])
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreVersionError) as caught:
            Store.open(filled, read_only=read_only)
        message = str(caught.value)
        assert str(filled) in message
        assert f"schema version {SCHEMA_VERSION + 5} is newer than this newsprism knows ({SCHEMA_VERSION})" in message
        assert "upgrade newsprism" in message
    assert schema_versions(filled)[-1] == SCHEMA_VERSION + 5  # left as it was


def test_a_file_that_is_not_a_duckdb_database_is_a_store_error_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError) as caught:
            Store.open(path, read_only=read_only)
        assert not isinstance(caught.value, StoreBusyError)
        assert str(caught.value).startswith(f"store {path}: cannot open")
        assert "\n" not in str(caught.value)
    assert path.read_bytes() == before


def test_a_duckdb_database_of_another_program_is_not_a_newsprism_store(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE things (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a newsprism store"):
        Store.open(path, read_only=True)


def test_reading_a_store_that_does_not_exist_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here yet; run `newsprism ingest` first"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_store_path_under_a_file_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker / "store.duckdb")
    assert str(blocker / "store.duckdb") in str(caught.value)


# -- writing -----------------------------------------------------------------------------------


def test_stored_articles_read_back_exactly(db: Path, articles: list[Article]) -> None:
    with Store.open(db) as store:
        added, duplicates = store.add_articles(articles)
    assert (added, duplicates) == ([a.id for a in articles], [])
    with Store.open(db, read_only=True) as store:
        assert store.count() == len(articles)
        assert store.ids() == [a.id for a in articles]
        assert store.get_many([a.id for a in reversed(articles)]) == list(reversed(articles))
        assert all(store.has(a.id) for a in articles) and not store.has("nope")


def test_articles_already_stored_are_duplicates_by_id_or_by_content(filled: Path, articles: list[Article]) -> None:
    same_content_new_id = dataclasses.replace(articles[0], id="another-id")
    same_id_new_content = dataclasses.replace(articles[1], content_hash="f" * 20, title="Changed")
    fresh = build_articles([raw(9, "New Outlet", None)])[0]
    with Store.open(filled) as store:
        added, duplicates = store.add_articles([same_content_new_id, fresh, same_id_new_content, fresh])
        assert added == [fresh.id]
        assert duplicates == ["another-id", articles[1].id, fresh.id]
        assert store.get(articles[1].id).title == articles[1].title
        assert store.count() == len(articles) + 1


def test_a_batch_that_fails_to_write_stores_none_of_its_articles(filled: Path, articles: list[Article]) -> None:
    good = build_articles([raw(7, "New Outlet", None)])[0]
    first = good.sentences[0]
    # Two sentences with the same index break the sentences table's primary key,
    # after the batch's article rows are written: the whole batch must roll back.
    broken = dataclasses.replace(
        build_articles([raw(8, "New Outlet", None)])[0],
        sentences=(first, Sentence(first.index, first.start, first.end, first.paragraph, first.kind)),
    )
    with Store.open(filled) as store:
        with pytest.raises(StoreError, match="write failed"):
            store.add_articles([good, broken])
        assert store.count() == len(articles)
        assert not store.has(good.id) and not store.has(broken.id)
        assert store.add_articles([good]) == ([good.id], [])  # the store still works


def test_getting_an_unknown_id_is_not_found(filled: Path) -> None:
    with Store.open(filled, read_only=True) as store:
        with pytest.raises(NotFoundError, match="no article with id 'nope' in the store"):
            store.get("nope")


def test_iter_articles_reads_everything_in_ingest_order_across_batches(filled: Path, articles: list[Article]) -> None:
    with Store.open(filled, read_only=True) as store:
        assert list(store.iter_articles(batch=2)) == articles


# -- listing -----------------------------------------------------------------------------------


def listed(path: Path, **filters: object) -> list[str]:
    with Store.open(path, read_only=True) as store:
        return [row.id for row in store.list(**filters)]


def test_list_gives_summaries_in_ingest_order(filled: Path, articles: list[Article]) -> None:
    with Store.open(filled, read_only=True) as store:
        rows = store.list()
    assert [r.id for r in rows] == [a.id for a in articles]
    for row, article in zip(rows, articles, strict=True):
        assert (row.outlet, row.title, row.published) == (article.outlet, article.title, article.published)
        assert row.sentences == len(article.sentences)
        assert row.non_body == len(article.sentences) - len(article.body_sentences)
        assert row.non_body == 2  # the bullet and the caption


def test_list_filters_by_outlet_substring_ignoring_case(filled: Path, articles: list[Article]) -> None:
    assert listed(filled, outlet="lisbon") == [articles[0].id, articles[2].id]
    assert listed(filled, outlet="HERALD") == [articles[1].id, articles[4].id]
    assert listed(filled, outlet="nobody") == []


def test_list_filters_by_inclusive_dates_and_leaves_out_undated(filled: Path, articles: list[Article]) -> None:
    assert listed(filled, since="2024-01-12") == [articles[1].id, articles[2].id, articles[4].id]
    assert listed(filled, until="2024-01-12") == [articles[0].id, articles[1].id]
    assert listed(filled, since="2024-01-11", until="2024-01-31") == [articles[1].id, articles[2].id]
    assert articles[3].id in listed(filled)


def test_list_limit_and_filters_combine(filled: Path, articles: list[Article]) -> None:
    assert listed(filled, outlet="porto", since="2024-01-01", limit=1) == [articles[1].id]
    assert listed(filled, limit=0) == []


# -- one writer at a time ----------------------------------------------------------------------

HOLDER = """
import sys
from newsprism.store import Store
store = Store.open(sys.argv[1])
print("locked", flush=True)
sys.stdin.readline()
store.close()
"""


@contextlib.contextmanager
def held_by_another_process(path: Path) -> Iterator[None]:
    """Keep the store at ``path`` open for writing in another process for the block."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "locked", proc.stderr.read()
        yield
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_a_store_held_by_another_process_is_busy(filled: Path) -> None:
    with held_by_another_process(filled):
        for read_only in (False, True):
            with pytest.raises(StoreBusyError) as caught:
                Store.open(filled, read_only=read_only)
            assert "store is busy: another newsprism process is using it" in str(caught.value)


def test_cli_ingest_into_a_busy_store_fails_with_one_line_and_leaves_it_intact(
    filled: Path, articles: list[Article], example_dir: Path, run_cli
) -> None:
    with held_by_another_process(filled):
        result = run_cli("ingest", "--db", filled, example_dir)
    assert result.code == 2
    assert result.err_lines == [
        f"error: store {filled}: store is busy: another newsprism process is using it; "
        "wait for it to finish and try again, or pass another --db"
    ]
    assert "Traceback" not in result.err
    with Store.open(filled, read_only=True) as store:
        assert store.ids() == [a.id for a in articles]
        assert store.get(articles[2].id) == articles[2]


# -- damage ------------------------------------------------------------------------------------


def damage(path: Path) -> None:
    """Overwrite the second half of a store file with garbage (a disk or copy gone wrong)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xab" * (size - size // 2))


def test_a_damaged_store_gives_store_errors_not_database_errors(filled: Path) -> None:
    damage(filled)
    with pytest.raises(StoreError) as caught:
        with Store.open(filled, read_only=True) as store:
            store.list()
            list(store.iter_articles())
    assert str(caught.value).startswith(f"store {filled}: ")
    assert "\n" not in str(caught.value)


def test_a_version_1_store_migrates_forward_and_keeps_its_articles(tmp_path: Path, example_dir: Path) -> None:
    """A store written before the parse was kept (schema 1) opens, upgrades, and still compares."""
    import duckdb

    from newsprism.compare import compare
    from newsprism.ingest import load
    from newsprism.store._duckdb import MIGRATIONS, _article_row

    path = tmp_path / "v1.duckdb"
    articles = load([str(example_dir)])
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1)")
    for seq, article in enumerate(articles, start=1):
        con.execute("INSERT INTO articles (id, seq, content_hash, outlet, title, published, url, byline,"
                    " language, source, text, paragraphs, metadata) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    list(_article_row(article, seq)[:-1]))
        con.executemany("INSERT INTO sentences VALUES (?,?,?,?,?,?)",
                        [(article.id, s.index, s.start, s.end, s.paragraph, s.kind) for s in article.sentences])
    con.close()
    with Store.open(path) as store:
        stored = store.get_many([a.id for a in articles])
    assert schema_versions(path) == list(range(1, SCHEMA_VERSION + 1))
    assert [a.text for a in stored] == [a.text for a in articles]
    assert all(a.analysis is None for a in stored)
    fresh, old = compare(articles), compare(stored)
    assert {f.summary for f in old.by_kind("contradiction")} == {f.summary for f in fresh.by_kind("contradiction")}


def test_kept_comparisons_are_current_only_for_their_members(db: Path) -> None:
    with Store.open(db) as store:
        store.save_story_comparison("s1", "members-a", '{"n": 1}', "<p>1</p>")
        store.save_story_comparison("s2", "members-b", '{"n": 2}', "<p>2</p>")
        wanted = {"s1": "members-a", "s2": "members-changed", "s3": "members-c"}
        assert store.current_comparisons(wanted) == {"s1"}
        assert store.story_comparisons(wanted) == {"s1": '{"n": 1}'}
        assert store.current_comparisons({}) == set()
