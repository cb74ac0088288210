"""Choose the alignment thresholds on ECB+ (run: python -m bench.calibrate_align).

ECB+ holds, per topic, articles about two similar but different events. For each
sentence we take its best cosine similarity to the sentences of another article
about the SAME event (where true counterparts are) and to an article about the
OTHER event of the topic (hard negatives: same vocabulary, different facts). The
thresholds in ``newsprism.options.AlignOptions`` come from the negative side: a link
above ``high`` must beat nearly all hard negatives; links between ``low`` and
``high`` need a second signal. The script prints the percentiles it rests on.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

from newsprism.align import sentence_embeddings
from newsprism.options import AlignOptions
from newsprism.hashing import SEED
from newsprism.ingest import load

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "ecbplus"
PER_EVENT = 4


def main() -> None:
    gold = json.loads((SHARED / "gold_stories.json").read_text())["story_of"]
    articles = {a.id: a for a in load([str(SHARED / "articles.jsonl")])}
    events: dict[str, list[str]] = defaultdict(list)
    for ident, story in sorted(gold.items()):
        if ident in articles:
            events[story].append(ident)
    rng = random.Random(SEED)
    chosen = {story: sorted(rng.sample(ids, min(PER_EVENT, len(ids)))) for story, ids in events.items()}
    picked = [articles[i] for ids in chosen.values() for i in ids]
    vectors = sentence_embeddings(picked)
    pos, neg = [], []
    topics: dict[str, list[str]] = defaultdict(list)
    for story in chosen:
        topics[story.split("_")[0]].append(story)
    for stories in topics.values():
        for story in stories:
            for x, y in combinations(chosen[story], 2):
                pos.extend(_best(vectors[x], vectors[y]))
            for other in stories:
                if other != story:
                    for x in chosen[story]:
                        for y in chosen[other]:
                            neg.extend(_best(vectors[x], vectors[y]))
    for label, values in (("same event (best match)", pos), ("other event, same topic (best match)", neg)):
        q = np.percentile(values, [50, 75, 90, 95, 99])
        print(f"{label:40} n={len(values):5}  p50={q[0]:.3f} p75={q[1]:.3f} p90={q[2]:.3f} p95={q[3]:.3f} p99={q[4]:.3f}")
    options = AlignOptions()
    for name, value in (("high", options.high), ("low", options.low)):
        print(
            f"{name}={value:.2f}: above it {np.mean(np.array(pos) >= value):.1%} of same-event best matches,"
            f" {np.mean(np.array(neg) >= value):.1%} of hard negatives"
        )


def _best(a: np.ndarray, b: np.ndarray) -> list[float]:
    if not len(a) or not len(b):
        return []
    return [float(x) for x in (a @ b.T).max(axis=1)]


if __name__ == "__main__":
    main()
