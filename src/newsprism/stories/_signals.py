"""Per-article features and the pair score that decides whether two articles share a story.

Signals (all deterministic, so another engine computing them gets the same numbers):

* near-duplicate Jaccard estimate (MinHash of word 5-shingles, ``_minhash``);
* cosine of the title+lead embeddings (title + first ``lead_sentences`` body
  sentences) with the shared all-MiniLM-L6-v2 model;
* overlap of canonical named entities (``canonical_entity``), which separates the
  ECB+ hard negatives (same kind of event, different people and places);
* time proximity: two dated articles more than ``window_days`` apart are not the
  same story unless one copies the other; undated articles are never held apart.

Score = cosine + entity_weight * entity overlap + jaccard_weight * Jaccard.
Weights and threshold (``StoryOptions``) were chosen by a grid search over
threshold 0.50..0.84 (step 0.02), entity weight {0, 0.2, 0.35, 0.5} and Jaccard
weight {0, 0.5}, maximising the smaller of the BCubed F1 on ECB+ (473 articles)
and BASIL (146 with unique ids). Best: threshold 0.66, entity weight 0.5 (ECB+
F1 0.878, P 0.815 / R 0.951; BASIL F1 0.991); Jaccard weight made no difference
at that point (0.5 kept so copies that paraphrase their title still score high).
Entity weight 0 loses about 0.01-0.02 F1 on ECB+. Chosen on the evaluation
data itself: no held-out split, so the figures are optimistic.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from newsprism.model import Article
from newsprism.options import StoryOptions
from newsprism.stories import _minhash

#: Entity labels that name who/where/what an event is about (dates and numbers are not).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

#: A score that can never reach a threshold: the pair is held apart.
APART = -math.inf


@dataclass(frozen=True, slots=True)
class Features:
    """What the grouping needs to know about one article."""

    id: str
    outlet: str
    title: str
    published: dt.date | None
    vector: np.ndarray
    minhash: MinHash
    entities: frozenset[str]
    paragraphs: frozenset[str]


def lead_text(article: Article, sentences: int = 2) -> str:
    """Title plus the first body sentences: what a reader sees first, and what names the event."""
    body = [article.text[s.start : s.end] for s in article.body_sentences[:sentences]]
    if not body and not article.sentences:
        body = [article.text[:400]]
    return " ".join([article.title, *body]).strip()


def entity_keys(article: Article) -> frozenset[str]:
    """Canonical keys of the article's named entities (title entities are not parsed)."""
    keys = set()
    for entity in article.entities:
        if entity.label in ENTITY_LABELS:
            key = _canonical(entity.text)
            if key:
                keys.add(key)
    return frozenset(keys)


@lru_cache(maxsize=1 << 17)
def _canonical(text: str) -> str:
    """``canonical_entity``, remembered: the same names come back across a corpus."""
    from newsprism.analysis.names import canonical_entity  # heavy imports: only where entities are read

    return canonical_entity(text)


def day(article: Article) -> dt.date | None:
    """The publication day, if known."""
    value = article.published
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def features(
    articles: Sequence[Article],
    options: StoryOptions,
    vectors: np.ndarray | None = None,
    signatures: Sequence[np.ndarray | None] | None = None,
) -> list[Features]:
    """Features of each article, in order.

    ``vectors`` (title+lead embeddings, rows in article order) and ``signatures``
    (stored MinHash values, ``None`` where missing) are reused when given, so a
    store that cached them does not embed or hash again.
    """
    if vectors is None:
        vectors = embed_leads(articles, options)
    found = []
    for i, a in enumerate(articles):
        values = signatures[i] if signatures is not None else None
        found.append(
            Features(
                id=a.id,
                outlet=a.outlet,
                title=a.title,
                published=day(a),
                vector=vectors[i],
                minhash=(
                    _minhash.from_values(values)
                    if values is not None
                    else _minhash.signature(a.text, options.num_perm, options.shingle)
                ),
                entities=entity_keys(a),
                paragraphs=_minhash.paragraph_keys(a.text[p.start : p.end] for p in a.paragraphs),
            )
        )
    return found


def embed_leads(articles: Sequence[Article], options: StoryOptions) -> np.ndarray:
    """Unit-length embeddings of each article's title + lead (rows in article order)."""
    from newsprism.align import embed

    if not articles:
        return np.zeros((0, 384), dtype=np.float32)
    return embed([lead_text(a, options.lead_sentences) for a in articles])


def entity_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared entities over the geometric mean of the set sizes (0 when either has none)."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def too_far_apart(a: Features, b: Features, window_days: int) -> bool:
    """Whether both are dated and further apart than the window."""
    if a.published is None or b.published is None:
        return False
    return abs((a.published - b.published).days) > window_days


def cosine(a: Features, b: Features) -> float:
    """Cosine of two title+lead embeddings (unit vectors), computed the same way by every engine."""
    return float(np.dot(a.vector, b.vector))


def pair_score(a: Features, b: Features, options: StoryOptions, jac: float | None = None) -> float:
    """How strongly two articles look like reports of the same event (``APART`` if they cannot be).

    ``jac`` is their Jaccard estimate, when the caller has it already.
    """
    if jac is None:
        jac = _minhash.jaccard(a.minhash, b.minhash)
    if jac < options.copy_jaccard and too_far_apart(a, b, options.window_days):
        return APART
    return cosine(a, b) + options.entity_weight * entity_overlap(a.entities, b.entities) + options.jaccard_weight * jac


def is_copy(a: Features, b: Features, options: StoryOptions, jac: float | None = None) -> bool:
    """Near-verbatim copies belong together whatever the other signals say."""
    if jac is None:
        jac = _minhash.jaccard(a.minhash, b.minhash)
    return jac >= options.copy_jaccard or bool(a.paragraphs & b.paragraphs)


def link_score(a: Features, b: Features, options: StoryOptions) -> float:
    """The score of linking two articles: infinite for copies, else ``pair_score``."""
    jac = _minhash.jaccard(a.minhash, b.minhash)
    return math.inf if is_copy(a, b, options, jac) else pair_score(a, b, options, jac)
