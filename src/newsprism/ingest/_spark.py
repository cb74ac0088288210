"""``ingest --engine spark``: a Parquet corpus parsed on a Spark cluster, stored here.

    newsprism ingest --engine spark [--master local[4] | spark://host:7077] corpus.parquet ...

For a corpus too large for one machine's cores. The stage functions are the local
engine's: ``record_to_article`` (a row as a raw article, or why it is not one) and
``build_articles`` (language, spaCy parse, segmentation). What runs where:

* Spark reads the Parquet files (each file's rows numbered in file order, files in
  the order given), and each executor turns its rows into raw articles and parses
  them, ``PARSE_CHUNK`` at a time, the models loaded once per Python worker; a row
  whose id or content hash the store held when the run started (broadcast to the
  executors) is not parsed again, so a re-run after a crash parses only what is new;
* the parsed records (each ``Article`` with its parse, pickled, or the row's
  failure) are written to Parquet, in input order;
* the driver reads them back and stores them in batches, as the local engine does
  (one writer; duplicates by id or content hash found at storing), so the store ends
  the same as after a local ingest of the same files.
"""

from __future__ import annotations

import itertools
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsprism import spark_session
from newsprism.errors import InputError
from newsprism.ingest._build import build_articles, identity
from newsprism.ingest._records import parquet_record, record_to_article
from newsprism.model import Article, IngestFailure, IngestReport, RawArticle
from newsprism.options import IngestOptions

#: Shuffle partitions of the session.
PARTITIONS = 4
#: Rows parsed together on an executor (one spaCy pass).
PARSE_CHUNK = 32

#: Ids and content hashes of the articles a store holds (``Store.identities``).
Known = tuple[frozenset[str], frozenset[str]]


@dataclass(frozen=True, slots=True)
class _Held:
    """A row whose article the store held when the run started: not parsed again."""

    id: str


def ingest_on_spark(files: Sequence[str], store, options: IngestOptions, master: str, progress=None) -> IngestReport:
    """Parse the Parquet ``files`` on Spark at ``master`` and store the articles.

    Failures follow the local engine: without ``skip_bad`` the first one stops the
    run (``InputError``; batches stored before it stay), with it they are reported.
    """
    for name in files:
        if Path(name).suffix.lower() != ".parquet" or not Path(name).is_file():
            raise InputError(name, "--engine spark reads Parquet files (.parquet); convert the corpus first")
    report = IngestReport()
    with tempfile.TemporaryDirectory(prefix="newsprism-spark-") as tmp:
        folder = Path(tmp)
        with spark_session.running(master, "newsprism-ingest", folder, PARTITIONS) as spark:
            ids, hashes = store.identities()
            parsed = _parse(spark, files, options, (frozenset(ids), frozenset(hashes)), str(folder / "parsed.parquet"))
            batch: list[Article] = []
            for item in parsed:
                if isinstance(item, _Held):
                    report.duplicates.append(item.id)
                    if progress is not None:
                        progress(1)
                    continue
                if isinstance(item, IngestFailure):
                    if not options.skip_bad:
                        raise InputError(item.source, item.problem)
                    report.failed.append(item)
                    continue
                batch.append(item)
                if len(batch) >= options.batch_size:
                    _store(store, batch, report, progress)
                    batch = []
            _store(store, batch, report, progress)
    return report


def _store(store, batch: list[Article], report: IngestReport, progress) -> None:
    if not batch:
        return
    added, duplicates = store.add_articles(batch)
    report.ingested.extend(added)
    report.duplicates.extend(duplicates)
    if progress is not None:
        progress(len(batch))


def _parse(
    spark, files: Sequence[str], options: IngestOptions, known: Known, target: str
) -> Iterator[Article | IngestFailure | _Held]:
    """The parsed articles and failures of the files' rows, in input order (a row the
    store holds: ``_Held``)."""
    from pyspark.sql.types import BinaryType, LongType, StructField, StructType

    numbered = None
    for n, name in enumerate(files):
        rows = spark.read.parquet(name).rdd.zipWithIndex().map(lambda ri, n=n, name=name: ((n, ri[1]), name, ri[0].asDict()))
        numbered = rows if numbered is None else numbered.union(rows)
    shared = spark.sparkContext.broadcast(known)
    parsed = numbered.mapPartitions(lambda part: _parse_rows(part, options, shared.value))  # type: ignore[union-attr]
    schema = StructType([
        StructField("file", LongType(), False),
        StructField("row", LongType(), False),
        StructField("item", BinaryType(), False),
    ])  # fmt: skip
    spark.createDataFrame(parsed, schema).write.mode("overwrite").parquet(target)
    for row in spark.read.parquet(target).orderBy("file", "row").toLocalIterator():
        yield pickle.loads(row.item)


def _parse_rows(part, options: IngestOptions, known: Known) -> Iterator[tuple[int, int, bytes]]:
    """(file, row, pickled Article, IngestFailure or ``_Held``) of a partition's rows (on
    an executor); ``known``: what the store holds, left unparsed."""
    os.environ.setdefault("NEWSPRISM_THREADS", "1")
    part = iter(part)
    while chunk := list(itertools.islice(part, PARSE_CHUNK)):
        # named ``file:row`` (from 1), as the local reader (``read_parquet``) names them
        items = [
            record_to_article(parquet_record(record.items()), f"{name}:{row + 1}", options)
            for (_, row), name, record in chunk
        ]
        items = [(_held(i, known) or i) if isinstance(i, RawArticle) else i for i in items]
        raws = [i for i in items if isinstance(i, RawArticle)]
        built = iter(build_articles(raws) if raws else [])
        for ((n, row), _, _), item in zip(chunk, items, strict=True):
            done = next(built) if isinstance(item, RawArticle) else item
            yield n, row, pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)


def _held(raw: RawArticle, known: Known) -> _Held | None:
    """``_Held`` when the store holds the article already (by id or content hash)."""
    ident, digest = identity(raw)
    return _Held(ident) if ident in known[0] or digest in known[1] else None

