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
* scores with ``_signals.link_score``, each pair offered to both its articles
  (``_group.choices``), and each article's nearest neighbours (``_group.nearest``);
* on the driver, the neighbour edges (at most ``neighbours`` per article) joined
  into stories with ``_group.labels``; on the workers, one record per story with
  ``story_record``; the stories are written to Parquet and read back.

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
from newsprism.stories._group import choices, labels, nearest, ranks
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
    threshold, count = opts.threshold, opts.neighbours
    offered = (
        lsh.union(bucketed).union(nearby)
        .filter(lambda ijs: not (ijs[0] in fixed and ijs[1] in fixed))
        .flatMap(lambda ijs: choices(ijs[0], ijs[1], ijs[2], threshold, rank, dated))
    )
    _step(progress, 2)
    # Each article's nearest neighbours on the workers; the joining, a walk over at most
    # ``neighbours`` edges per article in one order, on the driver (``_group.labels``).
    edges = offered.groupByKey().flatMap(lambda kv: nearest(kv[1], count)).collect()
    _step(progress, 3)
    story_of = spark.sparkContext.broadcast(dict(enumerate(labels(ids, edges, kept, rank, dated))))

    stories = (
        features.map(lambda pf: (story_of.value[pf[0]], pf))
        .groupByKey()
        .map(lambda kv: _record(kv[0], list(kv[1]), opts))
    )
    _step(progress, 4)

    target = str(workdir / "stories.parquet")
    spark.createDataFrame(stories, _story_schema()).write.mode("overwrite").parquet(target)
    found = spark.read.parquet(target).orderBy("first_position").collect()
    _step(progress, 5)
    return [_story_from_parquet(r) for r in found]


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
