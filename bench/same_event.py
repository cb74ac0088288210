"""The same-event guard (``compare.same_event``) on pairs with known answers.

Classes (pairs drawn with a fixed seed, so every run compares the same pairs):

* ``ecb_same``: two articles of one ECB+ gold story (same event) -> should be "same";
* ``wcl_same``: two outlets of one NewsWCL50 event -> "same";
* ``basil_same``: two articles of one BASIL triplet -> "same";
* ``ecb_unrelated``: articles of two different ECB+ topics -> "different";
* ``basil_unrelated``: articles of two different BASIL triplets (dated) -> "different";
* ``ecb_hard``: the two events of one ECB+ topic (same kind of event, another
  occurrence: two earthquakes, two rehab stays) -> ideally "possibly different".

Goal (issue 15): unrelated pairs flagged (not "same") >= 95%; same-event pairs called
"different" (contradictions hidden) <= 2%. Prints, per class, the share of each verdict,
the score distribution, and the contradictions kept; then the misjudged pairs (ids only:
the texts belong to their publishers). Each pair runs the real ``compare`` with only the
contradiction kinds asked for (the guard does not depend on the other kinds).
"""

from __future__ import annotations

import collections
import itertools
import json
import random
import resource
from pathlib import Path

import numpy as np

from newsprism.compare import compare
from newsprism.compare.same_event import DIFFERENT, POSSIBLY_DIFFERENT, SAME
from newsprism.ingest import build_articles, read
from newsprism.model import CONTRADICTION_KINDS, RawArticle
from newsprism.options import CompareOptions

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SEED = 15
#: Pairs per class (compare costs ~2 s a pair; the whole bench stays under ~8 minutes).
SIZES = {"ecb_same": 40, "wcl_same": 15, "basil_same": 20, "ecb_unrelated": 40, "basil_unrelated": 15, "ecb_hard": 20}
SAME_CLASSES = ("ecb_same", "wcl_same", "basil_same")
UNRELATED_CLASSES = ("ecb_unrelated", "basil_unrelated")


def _raws(name: str) -> dict[str, RawArticle]:
    return {r.id: r for r in read([str(EVAL / name / "articles.jsonl")]) if isinstance(r, RawArticle) and r.id}


def _stories(name: str, known: dict[str, RawArticle]) -> dict[str, list[str]]:
    gold = json.loads((EVAL / name / "gold_stories.json").read_text())
    gold = gold.get("story_of", gold)
    stories: dict[str, list[str]] = collections.defaultdict(list)
    for ident, story in sorted(gold.items()):
        if ident in known:
            stories[str(story)].append(ident)
    return dict(stories)


def pairs() -> tuple[list[tuple[str, str, str]], dict[str, RawArticle]]:
    """``(class, id_a, id_b)`` for every class, and the raw articles they name."""
    rng = random.Random(SEED)
    out: list[tuple[str, str, str]] = []
    ecb = _raws("ecbplus")
    by = _stories("ecbplus", ecb)
    stories = sorted(by)

    def topic(story: str) -> str:
        return story.split("_")[0]

    multi = [s for s in stories if len(by[s]) >= 2]
    out += [("ecb_same", *rng.sample(by[s], 2)) for s in rng.sample(multi, SIZES["ecb_same"])]
    chosen: list[tuple[str, str, str]] = []
    while len(chosen) < SIZES["ecb_unrelated"]:
        s1, s2 = rng.sample(stories, 2)
        if topic(s1) != topic(s2):
            chosen.append(("ecb_unrelated", rng.choice(by[s1]), rng.choice(by[s2])))
    out += chosen
    topics = sorted({topic(s) for s in stories if f"{topic(s)}_ecb" in by and f"{topic(s)}_ecbplus" in by})
    for t in rng.sample(topics, min(SIZES["ecb_hard"], len(topics))):
        out.append(("ecb_hard", rng.choice(by[f"{t}_ecb"]), rng.choice(by[f"{t}_ecbplus"])))

    wcl = _raws("newswcl50")
    bw = _stories("newswcl50", wcl)
    within = [p for s in sorted(bw) for p in itertools.combinations(bw[s], 2)]
    out += [("wcl_same", a, b) for a, b in rng.sample(within, min(SIZES["wcl_same"], len(within)))]

    basil = _raws("basil")
    bb = _stories("basil", basil)
    within = [p for s in sorted(bb) for p in itertools.combinations(bb[s], 2)]
    out += [("basil_same", a, b) for a, b in rng.sample(within, SIZES["basil_same"])]
    triplets = sorted(bb)
    for _ in range(SIZES["basil_unrelated"]):
        s1, s2 = rng.sample(triplets, 2)
        out.append(("basil_unrelated", rng.choice(bb[s1]), rng.choice(bb[s2])))
    return out, {**ecb, **wcl, **basil}


def main() -> None:
    if not EVAL.is_dir():
        print(f"skipped: no evaluation data at {EVAL}")
        return
    chosen, raws = pairs()
    needed = sorted({i for _, a, b in chosen for i in (a, b)})
    articles = {a.id: a for a in build_articles([raws[i] for i in needed])}
    options = CompareOptions(kinds=tuple(str(k) for k in CONTRADICTION_KINDS))
    verdicts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    scores: dict[str, list[float]] = collections.defaultdict(list)
    kept: dict[str, int] = collections.Counter()
    wrong: list[str] = []
    for cls, a, b in chosen:
        result = compare([articles[a], articles[b]], options)
        same = result.same_event or {}
        verdicts[cls][same["verdict"]] += 1
        scores[cls].append(same["score"])
        kept[cls] += sum(1 for f in result.findings if f.kind in CONTRADICTION_KINDS)
        if (cls in SAME_CLASSES and same["verdict"] != SAME) or (cls in UNRELATED_CLASSES and same["verdict"] == SAME):
            wrong.append(f"  {cls:16} {same['verdict']:18} {same['score']:.2f}  {a} / {b}: {same['reason']}")
    se = options.same_event
    print(f"same-event guard: 'same' from {se.same_from}, 'different' below {se.different_below}, "
          f"never 'different' on text alone when an article has < {se.min_sentences} body sentences")
    print(f"  {'class':16} {'pairs':>5} {'same':>6} {'possibly':>9} {'different':>10} "
          f"{'score min':>9} {'p10':>5} {'p50':>5} {'p90':>5} {'max':>5} {'contradictions kept':>20}")
    for cls in (*SAME_CLASSES, *UNRELATED_CLASSES, "ecb_hard"):
        n = sum(verdicts[cls].values())
        if not n:
            continue
        q = np.quantile(scores[cls], [0.0, 0.1, 0.5, 0.9, 1.0])
        rate = {v: verdicts[cls][v] / n for v in (SAME, POSSIBLY_DIFFERENT, DIFFERENT)}
        print(f"  {cls:16} {n:5d} {rate[SAME]:6.0%} {rate[POSSIBLY_DIFFERENT]:9.0%} {rate[DIFFERENT]:10.0%} "
              f"{q[0]:9.2f} {q[1]:5.2f} {q[2]:5.2f} {q[3]:5.2f} {q[4]:5.2f} {kept[cls]:20d}")
    same_n = sum(sum(verdicts[c].values()) for c in SAME_CLASSES)
    unrel_n = sum(sum(verdicts[c].values()) for c in UNRELATED_CLASSES)
    print(f"  same-event pairs called 'different' (contradictions hidden): "
          f"{sum(verdicts[c][DIFFERENT] for c in SAME_CLASSES)}/{same_n}; "
          f"flagged at all: {sum(verdicts[c][DIFFERENT] + verdicts[c][POSSIBLY_DIFFERENT] for c in SAME_CLASSES)}/{same_n}")
    print(f"  unrelated pairs flagged: {sum(verdicts[c][DIFFERENT] + verdicts[c][POSSIBLY_DIFFERENT] for c in UNRELATED_CLASSES)}"
          f"/{unrel_n}; called 'different': {sum(verdicts[c][DIFFERENT] for c in UNRELATED_CLASSES)}/{unrel_n}")
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    print(f"  {len(chosen)} pairs; CPU time of this process {cpu.ru_utime + cpu.ru_stime:.0f} s "
          "(wall time grows with the machine's load)")
    if wrong:
        print("  misjudged pairs:")
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
