"""Grouping: each article links to its best earlier article; stories are the linked trees.

Why this shape: an article joins the story of the earlier article it scores
highest with, if that score reaches the threshold, or starts a story. Because
every article has at most one link and it points to an earlier article, the links
form a forest: no story ever merges with another, a story id is fixed once given
(a stable hash of its first article's id, the root of its tree), adding articles
later only adds links from the new ones, and re-running over the same store
reproduces the same grouping. The grouping can be computed all at once
(connected components of the links, as the Spark engine does) or one article at
a time, with the same result.

"Earlier" is not the ingest order but a stable order of the articles themselves
(``order_key``): articles an earlier run already placed first, then by
publication day, undated articles after the dated ones, then by id. So the same
articles give the same stories whatever order they were ingested in.

Undated articles: an undated article may join a story, but a dated article never
links to an undated one (``may_link``). So every undated article hangs below the
story it joined and cannot hold together two stories whose dated members are too
far apart to link (two events a week apart, each reported by a dated article, and
an undated report that resembles both: it joins the one it scores higher with).
The cost: a new dated article does not join a story that an earlier run made of
undated articles only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from newsprism.hashing import stable_hash
from newsprism.options import StoryOptions
from newsprism.stories._candidates import candidate_pairs
from newsprism.stories._signals import Features, link_score


def story_id(first_article: str) -> str:
    """The id of the story an article starts: stable across runs and machines."""
    return stable_hash("story", first_article)


def order_key(feature: Features, kept: bool) -> tuple:
    """Where an article stands in the grouping's order: placed ones, then dated by day, then undated; then id."""
    day = feature.published
    return (not kept, day is None, day.toordinal() if day is not None else 0, feature.id)


def ranks(features: Sequence[Features], existing: Mapping[str, str]) -> list[int]:
    """Each position's rank in the grouping's order (``order_key``)."""
    order = sorted(range(len(features)), key=lambda i: order_key(features[i], features[i].id in existing))
    found = [0] * len(features)
    for rank, position in enumerate(order):
        found[position] = rank
    return found


def may_link(later: Features, earlier: Features) -> bool:
    """Whether ``later`` may take a link to ``earlier``: never from a dated article to an undated one."""
    return later.published is None or earlier.published is not None


def oriented(
    i: int, j: int, score: float, rank: Sequence[int], dated: Sequence[bool]
) -> tuple[int, tuple[float, int]] | None:
    """A scored pair as (later position, (score, earlier rank)), or ``None`` if it cannot link."""
    later, earlier = (j, i) if rank[j] > rank[i] else (i, j)
    if dated[later] and not dated[earlier]:
        return None
    return later, (score, rank[earlier])


def better(candidate: tuple[float, int], incumbent: tuple[float, int] | None) -> bool:
    """Whether a (score, earlier rank) link beats another: higher score, then the earlier article."""
    if incumbent is None:
        return True
    return candidate[0] > incumbent[0] or (candidate[0] == incumbent[0] and candidate[1] < incumbent[1])


def best_links(
    scored: Iterable[tuple[int, int, float]],
    threshold: float,
    rank: Sequence[int],
    dated: Sequence[bool],
    skip: frozenset[int] = frozenset(),
) -> dict[int, int]:
    """Later position -> the earlier position it links to, from (position, position, score) triples.

    A link needs a score at or above ``threshold`` and ``may_link``; ``skip`` holds
    positions whose story is already fixed (they take no link).
    """
    best: dict[int, tuple[float, int]] = {}
    for i, j, score in scored:
        if score < threshold or math.isnan(score):
            continue
        link = oriented(i, j, score, rank, dated)
        if link is None or link[0] in skip:
            continue
        later, value = link
        if better(value, best.get(later)):
            best[later] = value
    by_rank = {r: p for p, r in enumerate(rank)}
    return {later: by_rank[r] for later, (_, r) in best.items()}


def labels(ids: Sequence[str], links: Mapping[int, int], kept: Mapping[str, str], rank: Sequence[int]) -> list[str]:
    """The story id of every position: kept as given, else its link's story, else a new story."""
    found: list[str | None] = [None] * len(ids)
    for position in sorted(range(len(ids)), key=lambda p: rank[p]):
        ident = ids[position]
        if ident in kept:
            found[position] = kept[ident]
        elif position in links:
            found[position] = found[links[position]]
        else:
            found[position] = story_id(ident)
    return found  # type: ignore[return-value]


def members(found: Sequence[str]) -> tuple[list[str], list[list[int]]]:
    """Story ids in the order their first members come, and the member positions of each."""
    order: dict[str, list[int]] = {}
    for position, sid in enumerate(found):
        order.setdefault(sid, []).append(position)
    return list(order), list(order.values())


def assign(
    features: Sequence[Features], options: StoryOptions, existing: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[int]]]:
    """Story ids and their member positions (in ingest order) for articles given in ingest order.

    ``existing`` maps article ids to the story an earlier run gave them; those
    assignments are kept as they are, and only the other articles are placed.
    """
    existing = existing or {}
    fixed = frozenset(i for i, f in enumerate(features) if f.id in existing)
    rank = ranks(features, existing)
    dated = [f.published is not None for f in features]
    scored = (
        (i, j, link_score(features[j], features[i], options))
        for i, j in candidate_pairs(features, options)
        if not (i in fixed and j in fixed)
    )
    links = best_links(scored, options.threshold, rank, dated, fixed)
    return members(labels([f.id for f in features], links, existing, rank))
