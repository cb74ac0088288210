"""Faults around the store: two writers at once, and an ingest killed halfway.

* **Concurrent writers.** Two ``newsprism ingest`` processes start at the same time
  on one (new) store. DuckDB lets one process write a file; the other must stop at
  once with the one-line "store is busy" error and exit 2 — no traceback, nothing
  half-written — and the store must then hold exactly what the winner stored. Run
  again, the loser gets through.
* **SIGKILL mid-ingest.** An ingest of many small generated articles, in batches of
  ``BATCH``, is killed with SIGKILL after some batches committed (twice: the second
  run resumes the first's store). Each time the store must open and hold exactly
  the first whole batches — no partial batch, no duplicate, every stored article
  with all its sentences — and re-running the same ``newsprism ingest`` must store
  the rest and nothing twice.

The killed process is a plain ``newsprism ingest --batch-size BATCH --verbose``,
which prints a ``committed a batch of N`` line to stderr after each commit.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO, cli_env

BATCH = 10
#: Articles in the killed ingest: many batches, so a kill after a few lands midway.
ARTICLES = 200
#: Articles per writer in the concurrency test: enough for the winner to hold the store for seconds.
WRITER_ARTICLES = 60

def corpus(path: Path, prefix: str, count: int) -> list[str]:
    """A JSONL corpus of ``count`` small, distinct articles with ids ``prefix-00000``...; the ids in order."""
    ids = [f"{prefix}-{i:05d}" for i in range(count)]
    with path.open("w", encoding="utf-8") as out:
        for i, ident in enumerate(ids):
            record = {
                "id": ident, "outlet": f"Outlet {i % 7}", "title": f"{prefix} council vote {i}",
                "published": f"2024-03-{1 + i % 28:02d}",
                "text": f"The town council met on Monday to vote on proposal {prefix} {i}. "
                        f"Mayor Anna Berg said the plan would cost {i * 3 + 7} thousand dollars.",
            }
            out.write(json.dumps(record) + "\n")
    return ids


def start_ingest(corpus_path: Path, db: Path) -> subprocess.Popen[str]:
    """The ingest to kill: it prints ``committed a batch of N`` to stderr after each commit."""
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", "ingest", str(corpus_path), "--db", str(db),
         "--batch-size", str(BATCH), "--verbose"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=REPO,
    )


def kill_after(proc: subprocess.Popen[str], commits: int, delay: float = 0.0) -> int:
    """SIGKILL ``proc`` ``delay`` s after its ``commits``-th commit line; the commit lines read."""
    seen = 0
    assert proc.stderr is not None
    while seen < commits:
        line = proc.stderr.readline()
        assert line, f"the ingest ended early: {proc.stdout.read() if proc.stdout else ''}"
        assert line.startswith("committed "), line
        seen += 1
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert "ingested" not in out, "the kill came too late: the ingest had finished"
    return seen + err.count("committed ")


def stored(invoke, db: Path) -> list[str]:
    """The ids the store holds, sorted, after checking every article is whole.

    ``newsprism export`` must read the store (it replays DuckDB's log after a kill) and
    give every article with all its sentences, their spans inside the text.
    """
    listed = invoke("list", "--db", db, "--ids")
    assert listed.code == 0, listed.err
    exported = invoke("export", "--db", db)
    assert exported.code == 0, exported.err
    records = [json.loads(line) for line in exported.out.splitlines()]
    for record in records:
        assert record["sentences"], record["id"]
        # export writes each sentence as [start, end, paragraph, kind]
        assert all(0 <= s[0] < s[1] <= len(record["text"]) for s in record["sentences"]), record["id"]
    ids = listed.out.split()
    assert sorted(r["id"] for r in records) == sorted(ids)
    assert len(set(ids)) == len(ids), "no article stored twice"
    return sorted(ids)


def test_an_ingest_killed_midway_keeps_whole_batches_and_a_rerun_completes_it(tmp_path, invoke):
    source = tmp_path / "corpus.jsonl"
    ids = corpus(source, "art", ARTICLES)
    db = tmp_path / "store" / "killed.duckdb"

    # 1. Killed right after its third commit, while segmenting the fourth batch.
    committed = kill_after(start_ingest(source, db), commits=3)
    held = stored(invoke, db)
    assert len(held) % BATCH == 0 and len(held) // BATCH >= committed >= 3, (len(held), committed)
    assert held == ids[: len(held)], "exactly the first whole batches"  # ids sort in corpus order
    assert len(held) < ARTICLES
    print(f"\nkill 1: {committed} commits reported, store holds {len(held)} of {ARTICLES} "
          f"({len(held) // BATCH} batches)")

    # 2. Resumed, then killed again a little after two more commits: the store stays whole.
    first = len(held)
    kill_after(start_ingest(source, db), commits=first // BATCH + 2, delay=0.05)
    held = stored(invoke, db)
    assert len(held) % BATCH == 0 and len(held) >= first + 2 * BATCH and len(held) < ARTICLES
    assert held == ids[: len(held)]
    print(f"kill 2: store holds {len(held)} of {ARTICLES} ({len(held) // BATCH} batches)")

    # 3. The same ingest, by the CLI, stores the rest and nothing twice.
    rerun = invoke("ingest", "--db", db, source)
    assert rerun.code == 0, rerun.err
    assert rerun.out.strip() == f"ingested {ARTICLES - len(held)}, duplicates {len(held)}, failed 0"
    assert stored(invoke, db) == ids


def test_two_writers_at_once_one_is_busy_and_the_store_holds_the_other(tmp_path, invoke):
    corpora = {name: tmp_path / f"{name}.jsonl" for name in ("left", "right")}
    ids = {name: corpus(path, name, WRITER_ARTICLES) for name, path in corpora.items()}
    db = tmp_path / "shared.duckdb"  # a new store: the two also race to create it
    procs = {
        name: subprocess.Popen([sys.executable, "-m", "newsprism", "ingest", "--db", str(db), str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=REPO)
        for name, path in corpora.items()
    }
    results = {name: (*proc.communicate(timeout=300), proc.returncode) for name, proc in procs.items()}
    codes = sorted(code for _, _, code in results.values())
    assert codes == [0, 2], {name: (code, err) for name, (_, err, code) in results.items()}
    winner = next(name for name, (_, _, code) in results.items() if code == 0)
    loser = next(name for name in results if name != winner)
    out, err, _ = results[loser]
    lines = [line for line in err.splitlines() if line.strip()]
    assert out == "" and len(lines) == 1, err
    assert lines[0].startswith(f"error: store {db}:") and "store is busy" in lines[0], lines[0]
    assert "Traceback" not in results[winner][1]
    assert results[winner][0].strip() == f"ingested {WRITER_ARTICLES}, duplicates 0, failed 0"
    assert stored(invoke, db) == ids[winner], "exactly the winner's articles"
    print(f"\nwinner {winner}: {results[winner][0].strip()}; loser {loser}: exit 2, {lines[0]}")

    # Busy is passing: run again, the loser's articles join.
    again = invoke("ingest", "--db", db, corpora[loser])
    assert again.code == 0 and again.out.strip() == f"ingested {WRITER_ARTICLES}, duplicates 0, failed 0", again.err
    assert stored(invoke, db) == sorted(ids[winner] + ids[loser])


@pytest.fixture(autouse=True)
def _no_store_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process CLI calls must use the ``--db`` given, never a store from the environment."""
    monkeypatch.delenv("NEWSPRISM_DB", raising=False)
