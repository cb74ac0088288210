"""Candidate pairs: the article pairs worth scoring, found without comparing all pairs.

A pair (earlier article, later article) is a candidate when

* the two share an LSH band key (near-duplicate text, any dates), or
* they may be in the same story by date (both dated within ``window_days``, or
  either undated) and their title+lead embeddings have a cosine of at least
  ``min_cosine``.

The rule looks at the two articles only, never at the rest of the corpus, so
adding articles never changes the candidates of the ones already there, and every
engine finds the same pairs. Locally the cosine test runs as matrix products over
day blocks (dated articles meet only the articles of nearby days), with the exact
per-pair ``cosine`` deciding at the edge; undated articles meet every article.
Pairs with a non-English side are compared on the multilingual embeddings mapped
onto MiniLM's scale (``_signals.cosine``), in the same matrix products.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import numpy as np

from newsprism.options import StoryOptions
from newsprism.stories import _minhash
from newsprism.stories._signals import Features, cosine, mapped

#: Matrix-product cosines within this of ``min_cosine`` are checked pair by pair.
_EDGE = 1e-4


def in_window(a: dt.date | None, b: dt.date | None, window_days: int) -> bool:
    """Whether two publication days allow the same story by date alone (undated always do)."""
    return a is None or b is None or abs((a - b).days) <= window_days


def time_bucket(day: dt.date | None, window_days: int) -> int | None:
    """The bucket of a day: dated pairs within the window are in the same or adjacent buckets."""
    return None if day is None else day.toordinal() // (window_days + 1)


def is_candidate(a: Features, b: Features, options: StoryOptions) -> bool:
    """The embedding half of the rule: date-compatible and similar enough to score."""
    return in_window(a.published, b.published, options.window_days) and cosine(a, b, options) >= options.min_cosine


def lsh_pairs(features: Sequence[Features], options: StoryOptions) -> set[tuple[int, int]]:
    """Position pairs (i < j) that share an LSH band key."""
    buckets: dict[int, list[int]] = {}
    keys = _minhash.band_keys_many([f.minhash for f in features], options.lsh_threshold)
    for position, feature_keys in enumerate(keys):
        for key in feature_keys:
            buckets.setdefault(key, []).append(position)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def _blocks(features: Sequence[Features], window_days: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(rows, columns) position blocks that hold every date-compatible pair at least once."""
    dated = [i for i, f in enumerate(features) if f.published is not None]
    undated = np.array([i for i, f in enumerate(features) if f.published is None], dtype=np.int64)
    everyone = np.arange(len(features), dtype=np.int64)
    if len(undated):
        yield undated, everyone
    if not dated:
        return
    dated.sort(key=lambda i: (features[i].published, i))
    order = np.array(dated, dtype=np.int64)
    days = np.array([features[i].published.toordinal() for i in dated], dtype=np.int64)  # type: ignore[union-attr]
    start = 0
    while start < len(order):
        end = int(np.searchsorted(days, days[start], side="right"))
        low = int(np.searchsorted(days, days[start] - window_days, side="left"))
        high = int(np.searchsorted(days, days[start] + window_days, side="right"))
        yield order[start:end], np.concatenate([order[low:high], undated])
        start = end


def nearby_pairs(
    rows: Sequence[tuple[int, Features]], cols: Sequence[tuple[int, Features]], options: StoryOptions
) -> Iterator[tuple[int, int]]:
    """(earlier, later) pairs passing ``is_candidate`` with the later one in ``rows``, the earlier in ``cols``.

    A matrix product finds the pairs near or above ``min_cosine``; the exact
    per-pair test decides, so every engine and block shape keeps the same pairs.
    """
    if not rows or not cols:
        return
    left = np.stack([f.vector for _, f in rows]).astype(np.float32, copy=False)
    right = np.stack([f.vector for _, f in cols]).astype(np.float32, copy=False)
    sims = left @ right.T
    if any(not f.english for _, f in rows) or any(not f.english for _, f in cols):
        sims = _with_multilingual(sims, [f for _, f in rows], [f for _, f in cols], options)
    r, c = np.nonzero(sims >= options.min_cosine - _EDGE)
    for a, b in zip(r.tolist(), c.tolist(), strict=True):
        (later, f_later), (earlier, f_earlier) = rows[a], cols[b]
        if earlier < later and is_candidate(f_earlier, f_later, options):
            yield earlier, later


def _with_multilingual(
    sims: np.ndarray, rows: Sequence[Features], cols: Sequence[Features], options: StoryOptions
) -> np.ndarray:
    """``sims`` with the pairs that have a non-English side replaced by their mapped e5 cosines."""
    dim = next((f.mvector.shape[0] for f in (*rows, *cols) if f.mvector is not None), 0)
    if not dim:
        return sims
    zero = np.zeros(dim, dtype=np.float32)
    has_r = np.array([f.mvector is not None for f in rows])
    has_c = np.array([f.mvector is not None for f in cols])
    foreign_r = np.array([not f.english for f in rows])
    foreign_c = np.array([not f.english for f in cols])
    left = np.stack([f.mvector if f.mvector is not None else zero for f in rows]).astype(np.float32, copy=False)
    right = np.stack([f.mvector if f.mvector is not None else zero for f in cols]).astype(np.float32, copy=False)
    use = (foreign_r[:, None] | foreign_c[None, :]) & has_r[:, None] & has_c[None, :]
    return np.where(use, mapped(left @ right.T, [f.language for f in rows], [f.language for f in cols]), sims)


def embedding_pairs(features: Sequence[Features], options: StoryOptions) -> set[tuple[int, int]]:
    """Position pairs (i < j) passing ``is_candidate``, found block by block."""
    pairs: set[tuple[int, int]] = set()
    for rows, cols in _blocks(features, options.window_days):
        pairs.update(
            nearby_pairs([(i, features[i]) for i in rows.tolist()], [(i, features[i]) for i in cols.tolist()], options)
        )
    return pairs


def candidate_pairs(features: Sequence[Features], options: StoryOptions) -> list[tuple[int, int]]:
    """Every candidate pair (earlier position, later position), sorted."""
    return sorted(lsh_pairs(features, options) | embedding_pairs(features, options))
