"""Compare speed: the bundled example and a 10-article ECB+ story.

Baseline, measured in the same run: the bare time to embed the same body
sentences with the same model (the floor any embedding-based comparison pays).
Goal from the issue: compare total <= 1.5x that baseline. Models are loaded
before timing (their load time is reported apart); each figure is the best of
``REPEAT`` runs. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import json
import resource
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from newsprism.align import embed
from newsprism.compare import compare
from newsprism.ingest import build_articles, load, read
from newsprism.model import Article, RawArticle
from newsprism.nlp import forget, pipeline

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "airstrikes-iraq"
ECBPLUS = REPO.parent / "shared" / "eval" / "ecbplus"
REPEAT = 3
STORY_SIZE = 10


def best_of(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    """Fastest wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def ecb_story() -> list[Article]:
    """The first ECB+ event (in id order) with at least ``STORY_SIZE`` articles."""
    gold = json.loads((ECBPLUS / "gold_stories.json").read_text())["story_of"]
    sizes = Counter(gold.values())
    story = sorted(s for s, n in sizes.items() if n >= STORY_SIZE)[0]
    wanted = sorted(i for i, s in gold.items() if s == story)[:STORY_SIZE]
    raws = [r for r in read([str(ECBPLUS / "articles.jsonl")]) if isinstance(r, RawArticle) and r.id in wanted]
    return build_articles(raws)


def main() -> None:
    start = time.perf_counter()
    pipeline()
    embed(["warm up"])
    load_time = time.perf_counter() - start
    cases = [("example (2 articles)", load([str(EXAMPLE)]))]
    if ECBPLUS.is_dir():
        cases.append((f"ECB+ story ({STORY_SIZE} articles)", ecb_story()))
    print("compare speed (best of 3; baseline = embedding the same sentences, same model, same run)")
    print(f"  models loaded in {load_time:.2f} s (not counted below)")
    print(f"  {'case':28} {'sentences':>9} {'embed s':>8} {'compare s':>10} {'ratio':>6}")
    for name, articles in cases:
        texts = [a.text[s.start : s.end] for a in articles for s in a.body_sentences]
        bare = best_of(lambda: embed(texts))
        total = best_of(lambda: (forget(), compare(articles)))
        print(f"  {name:28} {len(texts):9d} {bare:8.3f} {total:10.3f} {total / bare:5.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory (max RSS of the process): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
