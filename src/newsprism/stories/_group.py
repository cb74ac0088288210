"""Grouping: each article links to its best earlier article; stories are the linked trees.

Why this shape: an article (in ingest order) joins the story of the earlier
article it scores highest with, if that score reaches the threshold, or starts a
story. Because every article has at most one link and it points back in time,
the links form a forest: no story ever merges with another, a story id is fixed
once given (a stable hash of its first article's id), adding articles later only
adds links from the new ones, and re-running over the same store reproduces the
same grouping. The link of an article depends only on it and the earlier
articles, so the grouping can be computed all at once (connected components of
the links, as the Spark engine does) or one article at a time, with the same
result.
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


def better(candidate: tuple[float, int], incumbent: tuple[float, int] | None) -> bool:
    """Whether a (score, earlier position) link beats another: higher score, then the earlier article."""
    if incumbent is None:
        return True
    return candidate[0] > incumbent[0] or (candidate[0] == incumbent[0] and candidate[1] < incumbent[1])


def best_links(
    scored: Iterable[tuple[int, int, float]], threshold: float, skip: frozenset[int] = frozenset()
) -> dict[int, int]:
    """Later position -> the earlier position it links to, from (earlier, later, score) triples.

    A link needs a score at or above ``threshold``; ``skip`` holds positions whose
    story is already fixed (they take no link).
    """
    best: dict[int, tuple[float, int]] = {}
    for earlier, later, score in scored:
        if later in skip or score < threshold or math.isnan(score):
            continue
        if better((score, earlier), best.get(later)):
            best[later] = (score, earlier)
    return {later: earlier for later, (_, earlier) in best.items()}


def labels(ids: Sequence[str], links: Mapping[int, int], kept: Mapping[str, str]) -> list[str]:
    """The story id of every position: kept as given, else its link's story, else a new story."""
    found: list[str] = []
    for position, ident in enumerate(ids):
        if ident in kept:
            found.append(kept[ident])
        elif position in links:
            found.append(found[links[position]])
        else:
            found.append(story_id(ident))
    return found


def members(found: Sequence[str]) -> tuple[list[str], list[list[int]]]:
    """Story ids in the order their first members come, and the member positions of each."""
    order: dict[str, list[int]] = {}
    for position, sid in enumerate(found):
        order.setdefault(sid, []).append(position)
    return list(order), list(order.values())


def assign(
    features: Sequence[Features], options: StoryOptions, existing: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[int]]]:
    """Story ids and their member positions for articles given in ingest order.

    ``existing`` maps article ids to the story an earlier run gave them; those
    assignments are kept as they are, and only the other articles are placed.
    """
    existing = existing or {}
    fixed = frozenset(i for i, f in enumerate(features) if f.id in existing)
    scored = (
        (i, j, link_score(features[j], features[i], options))
        for i, j in candidate_pairs(features, options)
        if j not in fixed
    )
    links = best_links(scored, options.threshold, fixed)
    return members(labels([f.id for f in features], links, existing))
