"""The engines: ingest and ``compare --all`` on every core of this machine and on Spark.

Each engine must store exactly what one process stores: the same comparisons of the
same stories (ECB+, 473 articles, 22 stories with two or more outlets), and the same
articles, parses included, in the same order, whatever the number of workers.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from newsprism.ingest._spark import _Held, _parse_rows
from newsprism.model import Article
from newsprism.options import IngestOptions
from newsprism.report.newsroom import members_key
from newsprism.store import Store
from newsprism.workers import ordered_map

from .conftest import run_cli


def _kept(db: Path) -> dict[str, tuple[str, str]]:
    """The stored comparisons of the store's multi-outlet stories: {story: (contract, report)}."""
    with Store.open(db, read_only=True) as store:
        multi = [s for s in store.stories() if len(set(s.outlets)) >= 2]
        keys = {s.id: members_key(s) for s in multi}
        kept = {sid: store.story_comparison(sid, key) for sid, key in keys.items()}
    assert all(kept.values())  # every multi-outlet story is compared, for its current members
    return kept  # type: ignore[return-value]


def test_spark_and_local_compare_all_store_identical_results_on_ecbplus(ecbplus_store: Path, tmp_path: Path, invoke) -> None:
    local_db, spark_db = tmp_path / "local.duckdb", tmp_path / "spark.duckdb"
    shutil.copy(ecbplus_store, local_db)
    shutil.copy(ecbplus_store, spark_db)
    local = invoke("compare", "--all", "--db", local_db, "--workers", "2")
    assert local.code == 0, local.err
    spark = run_cli("compare", "--all", "--db", spark_db, "--engine", "spark", "--master", "local[2]", timeout=1200)
    assert spark.code == 0, spark.err[-2000:]
    assert spark.out == local.out  # "22 stor(ies) ...: 22 compared now, 0 already current"
    kept_local, kept_spark = _kept(local_db), _kept(spark_db)
    assert len(kept_local) >= 20
    assert kept_spark == kept_local
    findings = [f for contract, _ in kept_local.values() for f in json.loads(contract)["findings"]]
    assert len({f["kind"] for f in findings}) >= 3  # real comparisons, not empty ones
    again = run_cli("compare", "--all", "--db", spark_db, "--engine", "spark", timeout=600)
    assert again.code == 0 and "0 compared now" in again.out  # nothing left: no JVM started either


def test_ingest_on_two_workers_stores_what_one_process_stores(ecbplus_path: Path, tmp_path: Path, invoke) -> None:
    lines = ecbplus_path.read_text(encoding="utf-8").splitlines()[:70]
    corpus = tmp_path / "part.jsonl"
    corpus.write_text("\n".join(lines + lines[:3]), encoding="utf-8")  # three repeats: duplicates
    stored = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        result = invoke("ingest", corpus, "--db", db, "--workers", workers, "--batch-size", "40")
        assert result.code == 0, result.err
        assert "ingested 70, duplicates 3" in result.out
        with Store.open(db, read_only=True) as store:
            ids = store.ids()
            articles = store.get_many(ids)
            stored[workers] = (ids, articles, [a.analysis for a in articles])
    assert stored[2] == stored[1]


def _number(text: str) -> int:
    return int(text)


def test_ordered_map_keeps_item_order_and_raises_the_jobs_error() -> None:
    items = [str(n) for n in range(40)]
    assert list(ordered_map(_number, items, 2)) == list(range(40))
    assert list(ordered_map(_number, items, 1)) == list(range(40))
    with pytest.raises(ValueError, match="invalid literal"):
        list(ordered_map(_number, ["1", "2", "three", "4"], 2))


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("ingest", "{example}", "--workers", "-1"), "--workers must be 0"),
        (("compare", "--all", "--engine", "hadoop"), "--engine 'hadoop' is not one of local, spark"),
        (("ingest", "{example}", "--engine", "hadoop"), "--engine 'hadoop' is not one of local, spark"),
        (("compare", "{example}", "--engine", "spark"), "--engine and --workers apply to --all"),
    ],
)
def test_bad_engine_options_are_one_line_errors(args, problem: str, invoke, tmp_path: Path, example_dir: Path) -> None:
    db = tmp_path / "e.duckdb"
    result = invoke(*[a.replace("{example}", str(example_dir)) for a in args], "--db", db)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and problem in result.err


def _parquet_of(jsonl: Path, target: Path) -> Path:
    """The JSONL corpus as a Parquet file (DuckDB writes it; dates become DATE columns)."""
    import duckdb

    con = duckdb.connect()
    con.execute(
        "COPY (SELECT id, title, text, outlet, TRY_CAST(published AS DATE) AS published FROM read_json_auto(?)) TO ? (FORMAT parquet)",
        [str(jsonl), str(target)],
    )
    con.close()
    return target


def test_parquet_corpus_reads_as_its_jsonl_does(ecbplus_path: Path, tmp_path: Path, invoke) -> None:
    jsonl = tmp_path / "part.jsonl"
    jsonl.write_text("\n".join(ecbplus_path.read_text(encoding="utf-8").splitlines()[:40]), encoding="utf-8")
    parquet = _parquet_of(jsonl, tmp_path / "part.parquet")
    stored = {}
    for corpus in (jsonl, parquet):
        db = tmp_path / f"{corpus.suffix[1:]}.duckdb"
        result = invoke("ingest", corpus, "--db", db)
        assert result.code == 0, result.err
        with Store.open(db, read_only=True) as store:
            stored[corpus.suffix] = [(a.id, a.title, a.text, a.outlet, a.published, a.sentences, a.entities)
                                     for a in store.get_many(store.ids())]  # fmt: skip
    assert len(stored[".jsonl"]) == 40 and stored[".parquet"] == stored[".jsonl"]
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    result = invoke("ingest", bad, "--db", tmp_path / "bad.duckdb")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert result.err.startswith(f"error: {bad}: not a readable Parquet file")


def test_spark_ingest_of_a_parquet_corpus_stores_what_local_ingest_stores(ecbplus_path: Path, tmp_path: Path, invoke) -> None:
    lines = ecbplus_path.read_text(encoding="utf-8").splitlines()[:60]
    jsonl = tmp_path / "part.jsonl"
    jsonl.write_text("\n".join(lines + ['{"id": "empty", "text": "  "}'] + lines[:2]), encoding="utf-8")
    parquet = str(_parquet_of(jsonl, tmp_path / "part.parquet"))
    local_db, spark_db = tmp_path / "local.duckdb", tmp_path / "spark.duckdb"
    local = invoke("ingest", parquet, "--db", local_db, "--skip-bad", "--batch-size", "25")
    spark = run_cli("ingest", parquet, "--db", spark_db, "--skip-bad", "--batch-size", "25",
                    "--engine", "spark", "--master", "local[2]", timeout=900)  # fmt: skip
    assert (local.code, spark.code) == (1, 1), spark.err[-2000:]  # one bad row, reported
    assert local.out == spark.out and "ingested 60, duplicates 2, failed 1" in local.out
    assert local.err == spark.err and f"{parquet}:61: record has no text" in local.err
    stored = {}
    for db in (local_db, spark_db):
        with Store.open(db, read_only=True) as store:
            articles = store.get_many(store.ids())
            stored[db] = (articles, [a.analysis for a in articles])
    assert stored[spark_db] == stored[local_db]
    again = run_cli("ingest", parquet, "--db", spark_db, "--skip-bad", "--engine", "spark", "--master", "local[2]", timeout=900)
    assert again.code == 1 and "ingested 0, duplicates 62, failed 1" in again.out, again.err[-2000:]
    assert invoke("ingest", jsonl, "--db", tmp_path / "x.duckdb", "--engine", "spark").code == 2  # Parquet only


def test_spark_ingest_does_not_parse_again_what_the_store_holds(ecbplus_path: Path) -> None:
    records = [json.loads(line) for line in ecbplus_path.read_text(encoding="utf-8").splitlines()[:3]]
    rows = [((0, n), "corpus.parquet", record) for n, record in enumerate(records)]

    def parsed(known: tuple[frozenset[str], frozenset[str]]) -> list:
        return [pickle.loads(item) for _, _, item in _parse_rows(iter(rows), IngestOptions(), known)]

    first = parsed((frozenset(), frozenset()))
    assert [type(a) for a in first] == [Article] * 3
    # held by id, held by content hash (under another id), new
    again = parsed((frozenset({first[0].id}), frozenset({first[1].content_hash})))
    assert again == [_Held(first[0].id), _Held(first[1].id), first[2]]
