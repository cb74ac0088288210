"""The Spark engine (``newsprism stories --engine spark``) gives the local engine's stories.

The whole ECB+ corpus (473 articles, 43 topics of two similar events each, mostly
undated) is ingested once into a real store; the local engine groups one copy of
it in this process and the Spark engine (PySpark in local mode, a real JVM) groups
another copy through the CLI. Both must produce the very same stories, ids,
members, titles, dates and shared copies included.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsprism.options import StoryOptions
from newsprism.store import Store
from newsprism.stories import update

from .conftest import EXAMPLE, run_cli


def test_spark_and_local_engines_give_identical_stories_on_ecbplus(ecbplus_store: Path, tmp_path: Path) -> None:
    local_db, spark_db = tmp_path / "local.duckdb", tmp_path / "spark.duckdb"
    shutil.copy(ecbplus_store, local_db)
    shutil.copy(ecbplus_store, spark_db)
    with Store.open(local_db) as store:
        local = [s.to_dict() for s in update(store, StoryOptions())]
    result = run_cli("stories", "--db", spark_db, "--engine", "spark", "--master", "local[2]", "--format", "json",
                     timeout=900)
    assert result.code == 0, result.err[-2000:]
    spark = json.loads(result.out)
    assert len(local) >= 41  # ECB+ has 41 gold events here; the grouping is not trivial
    assert any(len(s["articles"]) > 5 for s in local)
    assert spark == local
    with Store.open(spark_db, read_only=True) as store:
        assert [s.to_dict() for s in store.stories()] == local  # saved, in the same order


def test_a_bad_spark_master_is_one_line_error(invoke, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert invoke("ingest", EXAMPLE, "--db", db).code == 0
    result = run_cli("stories", "--db", db, "--engine", "spark", "--master", "nonsense://nowhere", timeout=300)
    assert result.code == 2
    assert len(result.err_lines) == 1 and result.err_lines[0].startswith("error: Spark did not start")
    with Store.open(db, read_only=True) as store:
        assert store.stories() == []  # nothing half-written
