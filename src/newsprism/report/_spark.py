"""``compare --all --engine spark``: each story compared on a Spark executor.

    newsprism compare --all --engine spark [--master local[4] | spark://host:7077]

The stage function is the local engine's, ``newsroom.compare_story`` (articles in,
JSON contract and HTML report out), so the stored results are the same (checked on
ECB+ by ``tests/test_engines.py``). What runs where:

* the driver reads the stories to compare from the store and writes them to
  Parquet, ``CHUNK`` stories at a time: one row per story, its articles as pickled
  ``Article`` records (text, segmentation and the ingest-time parse, which the
  comparison reuses);
* the executors compare the stories of their partitions; each Python worker loads
  the models once and keeps them for the stories after (``spark.python.worker.reuse``);
* the results are written to Parquet (story position, contract, report) and read
  back by the driver, which stores each chunk before the next starts: a killed run
  loses at most the chunk in hand, and a re-run compares only what is left.
"""

from __future__ import annotations

import itertools
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from newsprism import spark_session
from newsprism.errors import EngineError
from newsprism.model import Article
from newsprism.report.newsroom import CompareEngine, compare_story

#: Stories per Spark job: the driver stores each chunk's results before the next.
CHUNK = 256
#: Shuffle partitions of the session (the comparisons themselves are partitioned by
#: ``PER_PARTITION``).
PARTITIONS = 4
#: Stories per partition: a partition is one executor task.
PER_PARTITION = 4


def spark_engine(master: str, workdir: str | Path | None = None) -> CompareEngine:
    """A ``CompareEngine`` that compares the stories on the Spark cluster at ``master``."""

    def run(jobs: Iterable[Sequence[Article]]) -> Iterator[tuple[str, str]]:
        jobs = iter(jobs)
        first = list(itertools.islice(jobs, 1))
        if not first:
            return  # nothing to compare: no JVM started
        with tempfile.TemporaryDirectory(prefix="newsprism-spark-") as tmp:
            folder = Path(workdir or tmp)
            with spark_session.running(master, "newsprism-compare", folder, PARTITIONS) as spark:
                for n, chunk in enumerate(_chunks(itertools.chain(first, jobs))):
                    yield from _compared(spark, chunk, folder / f"chunk-{n}")

    return run


def _chunks(jobs: Iterator[Sequence[Article]]) -> Iterator[list[Sequence[Article]]]:
    while chunk := list(itertools.islice(jobs, CHUNK)):
        yield chunk


def _compare_row(row) -> tuple[int, str, str]:
    """One story's result row (run on an executor, one core per Python worker)."""
    os.environ.setdefault("NEWSPRISM_THREADS", "1")
    contract, report = compare_story(pickle.loads(row.articles))
    return row.position, contract, report


def _compared(spark, chunk: list[Sequence[Article]], folder: Path) -> list[tuple[str, str]]:
    """The (contract, report) of each story of ``chunk``, in order: Parquet in, Parquet out."""
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    source, target = str(folder / "stories.parquet"), str(folder / "compared.parquet")
    rows = [(i, pickle.dumps(list(articles), protocol=pickle.HIGHEST_PROTOCOL)) for i, articles in enumerate(chunk)]
    schema = StructType([StructField("position", LongType(), False), StructField("articles", BinaryType(), False)])
    partitions = max(1, -(-len(rows) // PER_PARTITION))
    spark.createDataFrame(rows, schema).repartition(partitions).write.mode("overwrite").parquet(source)
    out = StructType([
        StructField("position", LongType(), False),
        StructField("contract", StringType(), False),
        StructField("report", StringType(), False),
    ])  # fmt: skip
    compared = spark.read.parquet(source).rdd.map(_compare_row)
    spark.createDataFrame(compared, out).write.mode("overwrite").parquet(target)
    found = spark.read.parquet(target).orderBy("position").collect()
    if [r.position for r in found] != list(range(len(chunk))):
        raise EngineError(f"the Spark job returned {len(found)} comparisons for {len(chunk)} stories")
    return [(r.contract, r.report) for r in found]
