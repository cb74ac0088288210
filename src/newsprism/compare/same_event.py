"""Are the compared articles about the same event? The guard in front of every report.

    assess(articles, claims, embeddings, options) -> {"score", "verdict", "same", "reason", ...}

A comparison of two unrelated reports (an awards ceremony and power blackouts) still
"finds" things: omissions everywhere and, worse, contradictions between figures that
describe different things. So every comparison is scored first, from what the compare
already computed, and reports say so at the top when the articles probably are not about
one event.

Signals, for every pair of articles:

* **aligned share**: of the shorter-covered article, the share of its body sentences that
  sit in a claim the other article carries too (``max`` over the two, so a short report
  fully contained in a long one scores high). Same-event reports share several claims;
  unrelated ones hardly ever one.
* **overall similarity**: the cosine of the two articles' mean body-sentence embeddings
  (the aligner's vectors, so it works across languages when they do).
* **shared names**: overlap of canonical named entities (``stories._signals``), or of
  capitalised words when an article has no entities (languages spaCy does not read
  here). Absent when either side has none: a missing signal never counts as a
  difference.
* **few shared statements in long reports**: when both have at least ``long_sentences``
  body sentences and share fewer than ``long_min_claims`` claims, the pair is at most
  "possibly different" unless its overall similarity reaches ``long_similarity`` (two
  reports of one event that long share several statements; two stories of one beat
  share names and wording, not facts: on the dev data such pairs reach 0.71, while one
  event told from both political sides with few shared statements reaches 0.84);
* **publication dates**: only when both are dated; beyond ``near_days`` apart the score
  loses up to ``date_penalty`` (all of it at ``far_days``).

Pair score = ``w_similarity * S + w_aligned * A + w_names * N`` (each term 0..1, weights
renormalised over the present terms) minus the date penalty, clipped to 0..1. With more
than two articles, each article keeps its best pair, and the comparison's score is the
lowest of those: the least connected article (named in the reason).

Verdicts (``SameEventOptions``): ``"same"`` at or above ``same_from``; ``"different"``
below ``different_below``; ``"possibly different"`` between. When the shorter article has
fewer than ``min_sentences`` body sentences and the dates do not tell them apart, there is
too little text to call them different: the verdict is at most ``"possibly different"``.

On ``"different"`` the compare leaves out contradictions that cite an article judged off
the event (all of them for two articles): figures of two events do not contradict each
other. Everything else is kept, and the reports say what was left out and why.
Thresholds and weights were chosen on ECB+, NewsWCL50 and BASIL (``python -m bench
same_event`` prints the rates per class and the score distributions; no held-out split,
so the figures are optimistic). Last run, 150 pairs: same-event pairs (ECB+ 40, NewsWCL50
15, BASIL 20) called "different" 0/75, "possibly different" 6/75 (all ECB+: four with a
report under 4 sentences, two long pairs sharing one statement); unrelated pairs (ECB+
40, BASIL 15) flagged 55/55, "different" 51/55; the hard negatives (the other event of
the same ECB+ topic, 20) "same" 50%, "possibly different" 35%, "different" 15%: two
earthquakes or two rehab stays read alike, and only names, figures and dates in shared
statements would tell them apart. Unrelated scores stay at or below 0.30 (p90 0.08);
BASIL and NewsWCL50 same-event pairs score 0.74 or more, ECB+ ones (many short) have a
median of 0.98. ``different_below`` = 0.30 and ``same_from`` = 0.45 sit in that gap, the
upper one low so that a real same-event pair is rarely even questioned.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import numpy as np

from newsprism.model import Article, Claim
from newsprism.options import SameEventOptions

__all__ = ["assess", "SAME", "POSSIBLY_DIFFERENT", "DIFFERENT", "VERDICTS"]

SAME = "same"
POSSIBLY_DIFFERENT = "possibly different"
DIFFERENT = "different"
VERDICTS = (SAME, POSSIBLY_DIFFERENT, DIFFERENT)

#: A capitalised word inside a sentence (not its first word): a name, in languages
#: without an entity recogniser here. Letters of any Latin-script alphabet.
_CAPITAL = re.compile(r"(?<=[^\s.!?:;\"'“‘«(\[])\s+([A-ZÀ-ÖØ-ÞĀ-Ž][\wÀ-ÿĀ-ž'’-]{2,})")
#: Names shown in a reason, at most.
SHOWN_NAMES = 3


def assess(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    embeddings: Mapping[str, np.ndarray],
    options: SameEventOptions | None = None,
) -> dict[str, Any]:
    """Whether ``articles`` report one event: score, verdict and the reason in one sentence.

    Pure: it reads only its arguments (the claims and body-sentence embeddings the
    compare computed). The result is JSON-able (the ``same_event`` key of the result).
    """
    options = options or SameEventOptions()
    names = [_names(a) for a in articles]
    centroids = [_centroid(embeddings.get(a.id)) for a in articles]
    pairs = {}
    for i, j in combinations(range(len(articles)), 2):
        pairs[(i, j)] = _pair(articles[i], articles[j], claims, centroids[i], centroids[j], names[i], names[j], options)
    best = [max((p for (a, b), p in pairs.items() if i in (a, b)), key=lambda p: p["score"]) for i in range(len(articles))]
    weakest = min(range(len(articles)), key=lambda i: (best[i]["score"], i))
    pair = best[weakest]
    score = pair["score"]
    verdict = SAME if score >= options.same_from else DIFFERENT if score < options.different_below else POSSIBLY_DIFFERENT
    if verdict == DIFFERENT and pair["short"] and not pair["far"]:
        verdict = POSSIBLY_DIFFERENT
    off = [articles[i].id for i in range(len(articles)) if best[i]["score"] < options.same_from] if verdict != SAME else []
    return {
        "score": round(score, 4),
        "verdict": verdict,
        "same": verdict == SAME,
        "reason": _reason(articles, pair, verdict, off),
        "off_event": off,
        "signals": {
            "aligned_sentences": pair["aligned"],
            "sentences": pair["sentences"],
            "similarity": round(pair["similarity"], 4) if pair["similarity"] is not None else None,
            "shared_names": pair["shared"],
            "days_apart": pair["days"],
        },
    }


# -- one pair ------------------------------------------------------------------------------------


def _pair(
    a: Article, b: Article, claims: Sequence[Claim], ca: np.ndarray | None, cb: np.ndarray | None,
    na: frozenset[str], nb: frozenset[str], options: SameEventOptions,
) -> dict[str, Any]:
    in_a: set[int] = set()
    in_b: set[int] = set()
    together = 0
    for claim in claims:
        carriers = claim.articles
        if a.id in carriers and b.id in carriers:
            together += 1
            in_a.update(s.sentence for s in claim.sentences_of(a.id))
            in_b.update(s.sentence for s in claim.sentences_of(b.id))
    size_a, size_b = len(a.body_sentences), len(b.body_sentences)
    share = max(len(in_a) / size_a if size_a else 0.0, len(in_b) / size_b if size_b else 0.0)
    similarity = float(np.dot(ca, cb)) if ca is not None and cb is not None else None
    shared = sorted(na & nb)
    overlap = len(shared) / math.sqrt(len(na) * len(nb)) if na and nb else None
    days = _days_apart(a, b)

    terms = [(options.w_aligned, _clip(share / options.aligned_full))]
    if similarity is not None:
        terms.append((options.w_similarity, _clip((similarity - options.similarity_zero) / (options.similarity_full - options.similarity_zero))))
    if overlap is not None:
        terms.append((options.w_names, _clip(overlap / options.names_full)))
    score = sum(w * t for w, t in terms) / sum(w for w, _ in terms)
    few = (
        min(size_a, size_b) >= options.long_sentences
        and together < options.long_min_claims
        and (similarity is None or similarity < options.long_similarity)
    )
    if few:  # alike in topic, but two long reports of one event share more than that
        score = min(score, (options.same_from + options.different_below) / 2)
    far = days is not None and days > options.near_days
    if far:
        score -= options.date_penalty * _clip((days - options.near_days) / max(1, options.far_days - options.near_days))
    return {
        "score": _clip(score),
        "aligned": len(in_a) + len(in_b),
        "sentences": size_a + size_b,
        "similarity": similarity,
        "shared": shared[:SHOWN_NAMES],
        "shared_count": len(shared),
        "names_known": bool(na and nb),
        "days": days,
        "far": far,
        "short": min(size_a, size_b) < options.min_sentences,
        "claims": together,
        "few": few,
    }


def _centroid(vectors: np.ndarray | None) -> np.ndarray | None:
    if vectors is None or len(vectors) == 0:
        return None
    mean = np.asarray(vectors, dtype=np.float64).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


def _names(article: Article) -> frozenset[str]:
    """Canonical names in the article: its named entities, else its capitalised words."""
    from newsprism.stories._signals import _canonical, entity_keys

    keys = entity_keys(article)
    if keys:
        return _with_surnames(keys)
    words = set()
    for sentence in article.body_sentences:
        for match in _CAPITAL.finditer(article.text[sentence.start : sentence.end]):
            key = _canonical(match.group(1))
            if key:
                words.add(key)
    return frozenset(words)


def _with_surnames(keys: frozenset[str]) -> frozenset[str]:
    """Keys plus the last word of multi-word names ("tara reid" also as "reid"): later
    mentions use the surname alone, and a report may only ever use it."""
    out = set(keys)
    for key in keys:
        words = key.split()
        if len(words) > 1 and len(words[-1]) > 2:
            out.add(words[-1])
    return frozenset(out)


def _days_apart(a: Article, b: Article) -> int | None:
    da, db = _day(a.published), _day(b.published)
    return abs((da - db).days) if da is not None and db is not None else None


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _clip(x: float) -> float:
    return max(0.0, min(1.0, float(x)))


# -- the reason ----------------------------------------------------------------------------------


def _reason(articles: Sequence[Article], pair: dict[str, Any], verdict: str, off: list[str]) -> str:
    """One plain sentence with the evidence, then what the verdict changes."""
    parts = [f"{pair['aligned']} of {pair['sentences']} sentences align"]
    if pair["few"] and pair["claims"]:
        parts[0] += f" (only {pair['claims']} shared statement{'s' if pair['claims'] != 1 else ''} in two long reports)"
    if pair["similarity"] is not None:
        parts.append(f"overall similarity {pair['similarity']:.2f}")
    if not pair["names_known"]:
        parts.append("names not compared")
    elif pair["shared_count"]:
        more = f" and {pair['shared_count'] - len(pair['shared'])} more" if pair["shared_count"] > len(pair["shared"]) else ""
        parts.append(f"{pair['shared_count']} shared name{'s' if pair['shared_count'] != 1 else ''} ({', '.join(pair['shared'])}{more})")
    else:
        parts.append("no shared names")
    if pair["days"] is not None:
        parts.append("published the same day" if pair["days"] == 0 else f"published {pair['days']} day{'s' if pair['days'] != 1 else ''} apart")
    evidence = "; ".join(parts)
    if len(articles) > 2 and verdict != SAME:
        names = ", ".join(a.name for a in articles if a.id in off)
        evidence = f"{names} {'shares' if len(off) == 1 else 'share'} little with the others: {evidence}"
    if verdict == DIFFERENT:
        return f"{evidence}; contradictions are left out."
    if verdict == POSSIBLY_DIFFERENT:
        short = " (too little text to tell)" if pair["short"] and not pair["far"] else ""
        return f"{evidence}{short}; check that they report one event before citing a contradiction."
    return f"{evidence}."
