"""The Spark engine: the same stage functions as the local engine, orchestrated by Spark.

    newsprism stories --engine spark [--master local[4] | spark://host:7077]

What runs where:

* the driver gives each article its embedding (from the store's feature cache,
  like the local engine) and writes the articles to Parquet;
* Spark reads the Parquet and, in map steps, builds each article's features with
  ``_features`` (the MinHash signature is computed there, with ``_minhash.signature``);
* candidate pairs: an LSH band join (``_minhash.band_keys``) and a time-bucket
  join (``_candidates.time_bucket``; undated articles meet every article), the
  latter kept when ``_candidates.is_candidate`` holds (``nearby_pairs``);
* scores with ``_signals.link_score``, each pair oriented in the grouping's order
  (``_group.ranks``, ``_group.oriented``), and each article's best earlier link
  with ``_group.better``;
* connected components of the links by pointer jumping, labels as in
  ``_group.labels``; one record per story with ``story_record``; the stories are
  written to Parquet and read back.

Every step is a pure, deterministic function of the articles (no ``hash()``, no
randomness, ties broken by ingest position), so the stories equal the local
engine's; ``tests/test_stories_spark.py`` checks that on ECB+.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from newsprism import spark_session
from newsprism.errors import UsageError
from newsprism.model import Story
from newsprism.options import StoryOptions
from newsprism.stories import Progress, _minhash, story_record
from newsprism.stories._candidates import nearby_pairs, time_bucket
from newsprism.stories._group import better, oriented, ranks, story_id
from newsprism.stories._signals import Features, link_score

#: Partitions of the shuffles: enough for a few cores, few enough for small corpora.
PARTITIONS = 4


# -- rows <-> features (run on the workers) ---------------------------------------------------


def _row(position: int, feature: Features, text: str, paragraphs: Sequence[str]) -> tuple:
    """An article as a Parquet row: what the workers need to rebuild its features."""
    day = feature.published.toordinal() if feature.published is not None else None
    mvector = [float(x) for x in feature.mvector] if feature.mvector is not None else None
    return (position, feature.id, feature.outlet, feature.title, day,
            [float(x) for x in feature.vector], text, list(paragraphs), sorted(feature.entities),
            feature.language, mvector, sorted(feature.years), sorted(feature.who), sorted(feature.where),
            sorted(feature.surnames), sorted(feature.headline))


def _features(row, options: StoryOptions) -> tuple[int, Features]:
    """(position, features) of a Parquet row: the MinHash signature is computed here."""
    import numpy as np

    return row.position, Features(
        id=row.id,
        outlet=row.outlet,
        title=row.title,
        published=dt.date.fromordinal(row.day) if row.day is not None else None,
        vector=np.asarray(row.vector, dtype=np.float32),
        minhash=_minhash.signature(row.text, options.num_perm, options.shingle),
        entities=frozenset(row.entities),
        paragraphs=_minhash.paragraph_keys(row.paragraphs),
        language=row.language,
        mvector=np.asarray(row.mvector, dtype=np.float32) if row.mvector is not None else None,
        years=frozenset(row.years),
        who=frozenset(row.who),
        where=frozenset(row.where),
        surnames=frozenset(row.surnames),
        headline=frozenset(row.headline),
    )


def _pairs_in(members: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Every (earlier, later) pair among the positions sharing one band key."""
    ordered = sorted(set(members))
    for x in range(len(ordered)):
        for y in range(x + 1, len(ordered)):
            yield ordered[x], ordered[y]


def _bucket_keys(position: int, feature: Features, window_days: int) -> Iterator[tuple[int, tuple[int, bool, Features]]]:
    """Time-bucket join keys: a dated article resides in its bucket and probes the two around it."""
    bucket = time_bucket(feature.published, window_days)
    if bucket is None:
        return
    for key in (bucket - 1, bucket, bucket + 1):
        yield key, (position, key == bucket, feature)


def _scored(pairs: Iterator[tuple[int, int]], by_position: Mapping[int, Features], options: StoryOptions):
    """(i, j, score) for each (i, j) position pair (i < j), with ``link_score``."""
    for i, j in pairs:
        yield i, j, link_score(by_position[j], by_position[i], options)


def _bucket_scores(entries: Sequence[tuple[int, bool, Features]], options: StoryOptions):
    """Scored candidates of one time bucket: each probe (later) against the residents (earlier)."""
    lookup = {p: f for p, _, f in entries}
    home = {p for p, resident, _ in entries if resident}
    probes = sorted(lookup.items(), key=lambda pf: pf[0])
    residents = [pf for pf in probes if pf[0] in home]
    return _scored(nearby_pairs(probes, residents, options), lookup, options)


def _undated_scores(part: Iterator[tuple[int, Features]], undated: Sequence[tuple[int, Features]], options: StoryOptions):
    """Scored candidates between a partition's articles and the undated ones (both directions)."""
    mine = list(part)
    lookup = dict(mine) | dict(undated)
    yield from _scored(nearby_pairs(mine, undated, options), lookup, options)
    yield from _scored(nearby_pairs(undated, mine, options), lookup, options)


# -- the job ---------------------------------------------------------------------------------


def group_on_spark(
    feats: Sequence[Features],
    options: StoryOptions,
    kept: Mapping[str, str],
    progress: Progress | None,
    texts: Sequence[tuple[str, Sequence[str]]],
    workdir: str | Path | None = None,
) -> list[Story]:
    """The stories of ``feats`` (in ingest order), computed on Spark; equal to the local engine's.

    ``texts`` gives each article's (text, paragraph texts), in the same order, so
    the workers compute the MinHash signatures themselves. Input and output go
    through Parquet files in ``workdir`` (a temporary folder by default).
    """
    if not feats:
        return []
    if len(texts) != len(feats):
        raise UsageError(f"the Spark engine got {len(texts)} texts for {len(feats)} articles")
    with tempfile.TemporaryDirectory(prefix="newsprism-spark-") as tmp:
        return _run(feats, options, dict(kept), progress, texts, Path(workdir or tmp))


def _run(feats, options, kept, progress, texts, workdir: Path) -> list[Story]:
    with spark_session.running(options.master, "newsprism-stories", workdir, PARTITIONS) as spark:
        return _job(spark, feats, options, kept, progress, texts, workdir)


def _schema():
    from pyspark.sql.types import (
        ArrayType, FloatType, IntegerType, LongType, StringType, StructField, StructType,
    )

    return StructType([
        StructField("position", LongType(), False),
        StructField("id", StringType(), False),
        StructField("outlet", StringType(), False),
        StructField("title", StringType(), False),
        StructField("day", IntegerType(), True),
        StructField("vector", ArrayType(FloatType(), False), False),
        StructField("text", StringType(), False),
        StructField("paragraphs", ArrayType(StringType(), False), False),
        StructField("entities", ArrayType(StringType(), False), False),
        StructField("language", StringType(), False),
        StructField("mvector", ArrayType(FloatType(), False), True),
        StructField("years", ArrayType(IntegerType(), False), False),
        StructField("who", ArrayType(StringType(), False), False),
        StructField("where", ArrayType(StringType(), False), False),
        StructField("surnames", ArrayType(StringType(), False), False),
        StructField("headline", ArrayType(StringType(), False), False),
    ])


def _step(progress: Progress | None, done: int) -> None:
    if progress:
        progress("spark", done, 5)


def _job(spark, feats, options, kept, progress, texts, workdir: Path) -> list[Story]:
    """Parquet in, stage functions as Spark steps, Parquet out."""
    rows = [_row(i, f, *texts[i]) for i, f in enumerate(feats)]
    source = str(workdir / "articles.parquet")
    spark.createDataFrame(rows, _schema()).write.mode("overwrite").parquet(source)
    _step(progress, 1)

    ids = [f.id for f in feats]
    fixed = frozenset(i for i, aid in enumerate(ids) if aid in kept)
    rank = ranks(feats, kept)
    by_rank = {r: p for p, r in enumerate(rank)}
    dated = [f.published is not None for f in feats]
    opts, window = options, options.window_days
    features = spark.read.parquet(source).rdd.map(lambda r: _features(r, opts)).cache()

    # Candidates, scored where both articles are at hand; duplicates are harmless (same score).
    lsh_pairs = (
        features.flatMap(lambda pf: [(k, pf[0]) for k in _minhash.band_keys(pf[1].minhash, opts.lsh_threshold)])
        .groupByKey()
        .flatMap(lambda kv: _pairs_in(list(kv[1])))
        .distinct()
    )
    lsh = (
        lsh_pairs.join(features)
        .map(lambda x: (x[1][0], (x[0], x[1][1])))
        .join(features)
        .map(lambda x: (x[1][0][0], x[0], link_score(x[1][1], x[1][0][1], opts)))
    )
    bucketed = (
        features.flatMap(lambda pf: _bucket_keys(pf[0], pf[1], window))
        .groupByKey()
        .flatMap(lambda kv: _bucket_scores(list(kv[1]), opts))
    )
    undated = spark.sparkContext.broadcast(features.filter(lambda pf: pf[1].published is None).collect())
    nearby = features.mapPartitions(lambda part: _undated_scores(part, undated.value, opts))
    scored = (
        lsh.union(bucketed).union(nearby)
        .filter(lambda ijs: ijs[2] >= opts.threshold)
        .map(lambda ijs: oriented(ijs[0], ijs[1], ijs[2], rank, dated))
        .filter(lambda link: link is not None and link[0] not in fixed)
    )
    _step(progress, 2)
    links = scored.reduceByKey(lambda a, b: a if better(a, b) else b).mapValues(lambda sv: by_rank[sv[1]])
    _step(progress, 3)

    # Connected components of the link forest: pointer jumping to each tree's root.
    roots = _roots(spark, links, len(feats))
    id_of = spark.sparkContext.broadcast(ids)
    kept_b = spark.sparkContext.broadcast(kept)

    def label(root: int) -> str:
        aid = id_of.value[root]
        return kept_b.value.get(aid) or story_id(aid)

    stories = (
        roots.map(lambda nr: (nr[0], label(nr[1])))
        .join(features)
        .map(lambda x: (x[1][0], (x[0], x[1][1])))
        .groupByKey()
        .map(lambda kv: _record(kv[0], list(kv[1]), opts))
    )
    _step(progress, 4)

    target = str(workdir / "stories.parquet")
    spark.createDataFrame(stories, _story_schema()).write.mode("overwrite").parquet(target)
    found = spark.read.parquet(target).orderBy("first_position").collect()
    _step(progress, 5)
    return [_story_from_parquet(r) for r in found]


def _roots(spark, links, count: int):
    """(position, root) for every position: pointer jumping until no pointer moves.

    Each round replaces a node's target by its target's target (one join), so a
    tree of depth d needs about log2(d) rounds.
    """
    pointers = spark.sparkContext.parallelize(range(count), PARTITIONS).map(lambda p: (p, p))
    pointers = pointers.leftOuterJoin(links).mapValues(lambda v: v[1] if v[1] is not None else v[0]).cache()
    while True:
        # (target, node) joined with (target, target's target) -> (node, (target's target, moved))
        step = pointers.map(lambda nt: (nt[1], nt[0])).join(pointers).map(
            lambda x: (x[1][0], (x[1][1], x[1][1] != x[0]))
        ).cache()
        moved = step.filter(lambda nv: nv[1][1]).count()
        pointers.unpersist()
        pointers = step.mapValues(lambda v: v[0]).cache()
        if moved == 0:
            return pointers


def _record(sid: str, members: list[tuple[int, Features]], options: StoryOptions) -> tuple:
    """One story's Parquet row, from its (position, features) members."""
    members.sort(key=lambda pf: pf[0])
    story = story_record(sid, [f for _, f in members], options)
    return (story.id, members[0][0], story.title, list(story.articles), list(story.outlets),
            story.first_seen, story.last_seen, [list(c[:2]) for c in story.shared_copy],
            [float(c[2]) for c in story.shared_copy])


def _story_schema():
    from pyspark.sql.types import ArrayType, DoubleType, LongType, StringType, StructField, StructType

    text = StringType()
    return StructType([
        StructField("story", text, False),
        StructField("first_position", LongType(), False),
        StructField("title", text, False),
        StructField("articles", ArrayType(text, False), False),
        StructField("outlets", ArrayType(text, False), False),
        StructField("first_seen", text, True),
        StructField("last_seen", text, True),
        StructField("copy_pairs", ArrayType(ArrayType(text, False), False), False),
        StructField("copy_jaccard", ArrayType(DoubleType(), False), False),
    ])


def _story_from_parquet(row) -> Story:
    return Story(
        id=row.story,
        title=row.title,
        articles=tuple(row.articles),
        outlets=tuple(row.outlets),
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        shared_copy=tuple((a, b, float(j)) for (a, b), j in zip(row.copy_pairs, row.copy_jaccard, strict=True)),
    )
