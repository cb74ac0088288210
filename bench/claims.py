"""Findings per claim on five-outlet stories: NewsWCL50 events 0-4 (HuffPost, NYT, USA Today, Fox, Breitbart).

For each event: the claims (and how many two or more outlets carry), the findings per
kind of the claim-based compare, and beside them two pairwise figures:

* ``pairwise today`` — the counts the pairwise compare gave on the same events before
  claims (commit dad0d2d, measured on this machine with the same models; recorded
  below because that code is gone);
* ``per pair now`` — the findings of this compare summed over the ten pairs of
  outlets of the event (what a user comparing two outlets at a time would read).

It also checks the two invariants of the issue on every event and prints them:
at most one finding per claim for omissions, per quoted statement for quote changes
(no quote span in two findings), per disputed fact for contradictions; no summary
item called single-source while its claim is carried by two or more outlets.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

from newsprism.compare import compare
from newsprism.ingest import build_articles
from newsprism.model import CompareResult, RawArticle, parse_published

REPO = Path(__file__).resolve().parents[1]
NEWSWCL50 = REPO.parent / "shared" / "eval" / "newswcl50" / "articles.jsonl"
KINDS = ("contradiction", "quote_change", "omission", "agreement", "label_difference", "sourcing", "loaded_language")

#: The pairwise compare before claims (commit dad0d2d), per event: findings by kind,
#: summary items, and summary items labelled single-source that named 2+ outlets.
PAIRWISE_TODAY = {
    0: {"quote_change": 45, "sourcing": 38, "loaded_language": 43, "omission": 98, "summary": 10, "single_multi": 8},
    1: {"quote_change": 61, "sourcing": 58, "loaded_language": 44, "omission": 98, "summary": 10, "single_multi": 9},
    2: {"contradiction": 2, "quote_change": 19, "sourcing": 57, "loaded_language": 53, "omission": 93, "summary": 12, "single_multi": 7},
    3: {"contradiction": 1, "quote_change": 32, "sourcing": 61, "loaded_language": 76, "omission": 99, "agreement": 1, "summary": 11, "single_multi": 7},
    4: {"contradiction": 3, "quote_change": 190, "sourcing": 43, "loaded_language": 49, "omission": 103, "summary": 13, "single_multi": 6},
}  # fmt: skip


def events() -> dict[int, list]:
    """The articles of each event, built once (the real ingest pipeline)."""
    rows = [json.loads(line) for line in NEWSWCL50.read_text(encoding="utf-8").splitlines() if line.strip()]
    raws = [
        RawArticle(source=r["id"], title=r["title"] or "", text=r["text"], outlet=r["outlet"], id=r["id"],
                   published=parse_published(r["published"]), url=r["url"])
        for r in rows
    ]  # fmt: skip
    built = {a.id: a for a in build_articles(raws)}
    out: dict[int, list] = {}
    for r in rows:
        out.setdefault(int(r["event"]), []).append(built[r["id"]])
    return out


def violations(result: CompareResult) -> list[str]:
    """Breaches of the one-finding-per-claim rules and of the summary's statuses."""
    problems = []
    omitted = Counter(f.claim for f in result.by_kind("omission"))
    problems += [f"{n} omissions for claim {c}" for c, n in omitted.items() if n > 1 or c is None]
    spans = Counter((e.article, e.start, e.end) for f in result.by_kind("quote_change") for e in f.evidence)
    problems += [f"quote {s} in {n} findings" for s, n in spans.items() if n > 1]
    facts = Counter(
        frozenset((a, v) for a, v in f.details["normalized"].items()) for f in result.by_kind("contradiction")
    )
    problems += [f"dispute {sorted(k)} reported {n} times" for k, n in facts.items() if n > 1]
    where = {(s.article, s.start): c for c in result.claims for s in c.carried_by}
    for item in result.summary:
        if item.status == "single-source":
            carriers = {len(where[(e.article, e.start)].articles) for e in item.evidence}
            if len(item.sources) != 1 or carriers != {1}:
                problems.append(f"single-source item carried by {sorted(carriers)}: {item.text[:60]}")
        if item.status == "agreed" and len(item.sources) < 2:
            problems.append(f"agreed item with one source: {item.text[:60]}")
    return problems


def _cell(*counts: int) -> str:
    return "|".join(str(c) for c in counts)


def main() -> None:
    if not NEWSWCL50.is_file():
        print("NewsWCL50 not found beside the repo (../shared/eval/newswcl50): skipped")
        return
    stories = events()
    print("findings per event: claims now | pairwise today (dad0d2d) | per pair now (sum over the 10 pairs)")
    header = f"  {'event':5} {'claims':>6} {'2+':>4} " + " ".join(f"{k[:13]:>13}" for k in KINDS) + f" {'summary':>9} {'1src>1':>7} {'breaches':>8}"
    print(header)
    for event, articles in sorted(stories.items()):
        result = compare(articles)
        now = Counter(str(f.kind) for f in result.findings)
        pairs = Counter()
        for a, b in combinations(articles, 2):
            pairs.update(str(f.kind) for f in compare([a, b]).findings)
        today = PAIRWISE_TODAY.get(event, {})
        multi = sum(1 for c in result.claims if len(c.articles) > 1)
        single_multi = sum(1 for s in result.summary if s.status == "single-source" and len(s.sources) > 1)
        breaches = violations(result)
        cells = " ".join(f"{_cell(now[k], today.get(k, 0), pairs[k]):>13}" for k in KINDS)
        summary = _cell(len(result.summary), today.get("summary", 0))
        single = _cell(single_multi, today.get("single_multi", 0))
        print(f"  {event:5d} {len(result.claims):6d} {multi:4d} {cells} {summary:>9} {single:>7} {len(breaches):8d}")
        for problem in breaches:
            print(f"      breach: {problem}")
    print("  cells: now | pairwise today | per pair now; 1src>1 = single-source summary items naming 2+ outlets")


if __name__ == "__main__":
    main()
