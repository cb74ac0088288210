"""A day of news, end to end: a synthetic corpus ingested, grouped into stories and
every multi-outlet story compared, on this machine, with the projection to 200k.

Corpus (``NEWSPRISM_BENCH_DAY`` articles, default 20,000): the dev corpora (ECB+,
BASIL, NewsWCL50: their distinct articles, with outlets and stories) replicated
as ``bench.stories`` does: copy k of an article gets a new id, a date k x 30 days
later and about one word in three disguised the same way across copy k, so each
copy of a story is a story of the same size and outlets (the story sizes of the
dev corpora: real ones), and copies are not near-duplicates of each other.
It is written as one JSONL corpus, as a user would ingest it.

Stages, each a ``newsprism`` command in a child process, as a user runs them, with
every core (``--workers`` 0, the default):

1. ``ingest`` (read, detect language, spaCy parse, store);
2. ``stories`` (embeddings of title + lead, MinHash, grouping);
3. ``compare --all`` (every story with two or more outlets compared and stored).

For each: wall time, CPU time (all processes), articles per second and peak
memory of the whole process tree (sampled every 0.2 s). The 200k projection
scales each stage linearly by articles (stories of the same sizes: compare cost
is per story; ``bench.stories`` measures grouping growth of 10.4x per 10x).

Spark: the same ``compare --all`` on ``--engine spark --master local[2]`` over a
sample store (the first ``SPARK_SAMPLE`` articles of the corpus): its stories per
second per executor core give the cluster size that compares a day in an hour.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.stories import CORPORA, EVAL, _edit, _pool_day
from newsprism.ingest import read
from newsprism.model import RawArticle

SIZE = int(os.environ.get("NEWSPRISM_BENCH_DAY", "20000"))
TARGET = 200_000
GOAL_HOURS = 12.0
SPARK_SAMPLE = 1_000


def pool() -> list[RawArticle]:
    """The distinct raw articles of the dev corpora (first record of each id), with days."""
    raws: list[RawArticle] = []
    seen: set[str] = set()
    for name in CORPORA:
        for item in read([str(EVAL / name / "articles.jsonl")]):
            if isinstance(item, RawArticle) and item.id not in seen:
                seen.add(item.id)
                raws.append(dataclasses.replace(item, published=_pool_day(item)))  # type: ignore[arg-type]
    return raws


def write_corpus(raws: list[RawArticle], size: int, path: Path) -> None:
    """``size`` records: copy 0 of every pool article, then copy 1, ... (cut at ``size``)."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(size):
            copy, raw = divmod(n, len(raws))
            edited = _edit(raws[raw], copy, raws[raw].published)  # type: ignore[arg-type]
            day = edited.published
            record = {"id": edited.id, "title": edited.title, "text": edited.text, "outlet": edited.outlet,
                      "published": day.isoformat() if isinstance(day, dt.date) else None}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _tree_rss_mib(root: int) -> float:
    """Resident memory of a process and all its descendants, MiB (from /proc)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total / 1024


@dataclasses.dataclass
class Stage:
    name: str
    wall: float
    cpu: float
    peak_mib: float
    out: str


def run(name: str, *args: str) -> Stage:
    """Run ``newsprism ARGS`` in a child process: wall and CPU time, peak tree memory."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_mib(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"newsprism {' '.join(args)} failed ({proc.returncode}): {err.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Stage(name, wall, cpu, peak[0], out.strip().splitlines()[-1] if out.strip() else "")


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h"


def main() -> None:
    raws = pool()
    cores = len(os.sched_getaffinity(0))
    print(f"pool: {len(raws)} distinct dev articles; corpus: {SIZE:,} articles; {cores} cores")
    with tempfile.TemporaryDirectory(prefix="newsprism-day-") as tmp:
        folder = Path(tmp)
        corpus, db = folder / "day.jsonl", folder / "day.duckdb"
        write_corpus(raws, SIZE, corpus)
        stages = [
            run("ingest", "ingest", str(corpus), "--db", str(db)),
            run("group", "stories", "--db", str(db), "--format", "json"),
        ]
        stages[-1].out = ""  # the story list itself
        stories = _story_counts(db)
        stages.append(run("compare --all", "compare", "--all", "--db", str(db)))
        print(f"stories: {stories[0]:,}, with two or more outlets: {stories[1]:,} "
              f"({stories[2]:,} of their articles)")  # fmt: skip
        print(f"{'stage':<14} {'wall s':>9} {'CPU s':>9} {'art/s':>8} {'peak MiB':>9} {'200k proj.':>11}")
        total = 0.0
        for s in stages:
            projected = s.wall * TARGET / SIZE
            total += projected
            print(f"{s.name:<14} {s.wall:9.1f} {s.cpu:9.1f} {SIZE / s.wall:8.1f} {s.peak_mib:9.0f} {_hours(projected):>11}")
        print(f"{'total':<14} {sum(s.wall for s in stages):9.1f} {sum(s.cpu for s in stages):9.1f} "
              f"{SIZE / sum(s.wall for s in stages):8.1f} {'':>9} {_hours(total):>11}")  # fmt: skip
        verdict = "meets" if total / 3600 <= GOAL_HOURS else "misses"
        top = max(stages, key=lambda s: s.wall)
        print(f"projection for {TARGET:,} articles on this machine: {_hours(total)} ({verdict} the goal of "
              f"{GOAL_HOURS:.0f} h); largest stage: {top.name} ({100 * top.wall / sum(s.wall for s in stages):.0f}%)")
        spark_line(corpus, folder, stories[1] * TARGET / SIZE)


def _story_counts(db: Path) -> tuple[int, int, int]:
    from newsprism.store import Store

    with Store.open(db, read_only=True) as store:
        found = store.stories()
    multi = [s for s in found if len(set(s.outlets)) >= 2]
    return len(found), len(multi), sum(len(s.articles) for s in multi)


def spark_line(corpus: Path, folder: Path, day_stories: float) -> None:
    """Stories compared per second per executor core on Spark (local[2]), and the cluster
    that would compare a day's ``day_stories`` in one hour at that rate."""
    if shutil.which("java") is None:
        print("spark: skipped (no Java runtime: `make java`)")
        return
    sample, db = folder / "sample.jsonl", folder / "sample.duckdb"
    with corpus.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as out:
        for _, line in zip(range(SPARK_SAMPLE), src, strict=False):
            out.write(line)
    run("ingest sample", "ingest", str(sample), "--db", str(db))
    run("group sample", "stories", "--db", str(db), "--format", "json")
    multi = _story_counts(db)[1]
    stage = run("spark compare", "compare", "--all", "--db", str(db), "--engine", "spark", "--master", "local[2]")
    per_core = multi / stage.wall / 2
    cores = day_stories / (per_core * 3600)
    print(f"spark compare --all, local[2], {SPARK_SAMPLE:,}-article sample: {multi} stories in {stage.wall:.1f} s "
          f"(JVM start included): {per_core:.3f} stories/s per executor core; a day's {day_stories:,.0f} stories "
          f"compared in one hour needs about {cores:.0f} executor cores")  # fmt: skip


if __name__ == "__main__":
    main()
