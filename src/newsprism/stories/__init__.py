"""Stories: group articles from many outlets into the events they report.

    stories = group(articles, StoryOptions())            # pure: articles in ingest order
    stories = update(store, StoryOptions())              # group the store and save the result

The stage functions (``_minhash``, ``_signals``, ``_group``) are pure and
deterministic (hashes and seeds from ``newsprism.hashing``), so another engine can
run the same functions and get the same stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from newsprism.model import Article, Story
from newsprism.options import StoryOptions
from newsprism.stories import _minhash
from newsprism.stories._group import assign, story_id
from newsprism.stories._signals import Features, features, lead_text, pair_score

__all__ = ["group", "update", "story_id", "features", "lead_text", "pair_score", "Features"]


def group(
    articles: Sequence[Article],
    options: StoryOptions | None = None,
    existing: Iterable[Story] | None = None,
    vectors: np.ndarray | None = None,
) -> list[Story]:
    """Group articles (given in ingest order) into stories, keeping ``existing`` assignments.

    Articles that an existing story holds stay in it; every other article joins the
    best story scoring at least the threshold, or starts a new one. Stories are
    returned in the order they were started. ``vectors`` are precomputed title+lead
    embeddings (rows in article order), if any.
    """
    options = options or StoryOptions()
    if not articles:
        return []
    kept = {aid: s.id for s in existing or () for aid in s.articles}
    feats = features(articles, options, vectors)
    ids, members = assign(feats, options, kept)
    return [_story(sid, [feats[i] for i in positions], options) for sid, positions in zip(ids, members, strict=True)]


def _story(sid: str, members: list[Features], options: StoryOptions) -> Story:
    """The story record of a group of member features (in ingest order)."""
    dates = sorted(m.published for m in members if m.published is not None)
    outlets = list(dict.fromkeys(m.outlet for m in members if m.outlet))
    copies = _minhash.copy_pairs(
        [m.id for m in members], [m.minhash for m in members], [m.paragraphs for m in members], options.copy_jaccard
    )
    return Story(
        id=sid,
        title=_representative(members),
        articles=tuple(m.id for m in members),
        outlets=tuple(outlets),
        first_seen=dates[0].isoformat() if dates else None,
        last_seen=dates[-1].isoformat() if dates else None,
        shared_copy=tuple(copies),
    )


def _representative(members: list[Features]) -> str:
    """The title of the member closest to the story's centroid (the earliest on ties)."""
    if len(members) == 1:
        return members[0].title
    matrix = np.stack([m.vector for m in members])
    centroid = matrix.sum(axis=0)
    return members[int(np.argmax(matrix @ centroid))].title


def update(store, options: StoryOptions | None = None) -> list[Story]:
    """Group the store's articles (keeping the stories it holds) and save the stories."""
    articles = list(store.iter_articles())
    stories = group(articles, options, store.stories())
    store.save_stories(stories)
    return stories
