"""Ingest speed on the ECB+ corpus (473 articles), in articles per second.

Baseline, measured in the same run on the same texts: bare spaCy ``nlp.pipe`` with
the components and batch size ingest uses (the floor any spaCy-based ingest pays).
The ratio ingest / baseline is newsprism's own cost: reading, paragraph layout,
offsets and the DuckDB writes. A second ingest of the same corpus (every article a
duplicate) shows that stored articles are not segmented again. The spaCy pipeline
is loaded and warmed up before timing (its load time is reported apart); each step runs once, as
one run of the corpus takes tens of seconds. Peak memory is the process's maximum
resident set size (tracemalloc would slow spaCy down several times).

Run: ``python -m bench ingest`` (or ``python -m bench.ingest [N]`` for the first N articles).
"""

from __future__ import annotations

import itertools
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsprism.ingest import ingest, read
from newsprism.model import RawArticle
from newsprism.nlp import pipeline
from newsprism.store import Store

REPO = Path(__file__).resolve().parents[1]
ECBPLUS = REPO.parent / "shared" / "eval" / "ecbplus" / "articles.jsonl"
#: What ``newsprism.nlp.parse`` passes to spaCy, so the baseline does the same work.
PIPE_BATCH = 64
PIPE_DISABLE = ["lemmatizer"]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Wall time of one call, in seconds, and its result."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def max_rss_mib() -> float:
    """The process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(limit: int | None, folder: Path) -> Path:
    """The ECB+ JSONL, or a copy of its first ``limit`` lines for a quick run."""
    if limit is None:
        return ECBPLUS
    subset = folder / f"ecbplus-{limit}.jsonl"
    with ECBPLUS.open("rb") as source:
        subset.write_bytes(b"".join(itertools.islice(source, limit)))
    return subset


def bare_spacy(texts: list[str]) -> None:
    """The baseline: spaCy over the article bodies, nothing else."""
    for _ in pipeline().pipe(texts, batch_size=PIPE_BATCH, disable=PIPE_DISABLE):
        pass


def row(step: str, seconds: float, articles: int | None = None, words: int | None = None) -> str:
    rate = f"{articles / seconds:11.1f}" if articles else " " * 11
    word_rate = f"{words / seconds:10,.0f}" if words else ""
    return f"  {step:40} {seconds:8.2f} {rate} {word_rate}".rstrip()


def main(limit: int | None = None) -> None:
    if not ECBPLUS.is_file():
        print(f"ingest bench skipped: the ECB+ corpus is not at {ECBPLUS}")
        return
    load_time, _ = timed(pipeline)
    rss_loaded = max_rss_mib()
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
        source = corpus(limit, Path(tmp))
        read_time, items = timed(lambda: list(read([str(source)])))
        raws = [i for i in items if isinstance(i, RawArticle)]
        texts = [r.text for r in raws]
        words = sum(len(t.split()) for t in texts)
        bare_spacy(texts[:PIPE_BATCH])  # warm-up, so neither timed step pays for first use
        spacy_time, _ = timed(lambda: bare_spacy(texts))
        rss_baseline = max_rss_mib()
        with Store.open(Path(tmp) / "bench.duckdb") as store:
            ingest_time, first = timed(lambda: ingest([str(source)], store))
            again_time, second = timed(lambda: ingest([str(source)], store))
    assert len(first.ingested) == len(raws) and len(second.duplicates) == len(raws), "corpus not ingested whole"
    print(f"ingest speed on ECB+ ({len(raws)} articles, {words:,} words; each step once, same process)")
    print(f"  spaCy pipeline loaded in {load_time:.2f} s (not counted below)")
    print(f"  {'step':40} {'seconds':>8} {'articles/s':>11} {'words/s':>10}")
    print(row("read only (JSONL to records)", read_time))
    print(row("baseline: bare spaCy nlp.pipe", spacy_time, len(raws), words))
    print(row("newsprism ingest (read, segment, store)", ingest_time, len(raws), words))
    print(row("ingest again (all duplicates)", again_time, len(raws)))
    print(f"  ingest / baseline: {ingest_time / spacy_time:.2f}x")
    print(
        f"  peak memory (max RSS of the process): {max_rss_mib():.0f} MiB "
        f"(after model load {rss_loaded:.0f} MiB, after baseline {rss_baseline:.0f} MiB)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
