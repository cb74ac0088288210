"""Corpora with one article per record: JSONL, JSON, CSV and Parquet.

Fields: ``id`` (optional), ``outlet``, ``title``, ``published``, ``url``, ``text``;
every other field is kept as metadata. ``IngestOptions.field_map`` renames columns.
A bad record becomes an ``IngestFailure`` naming ``file:line``, so a run can go on
past it (``--skip-bad``) or stop there.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsprism.errors import InputError, first_line
from newsprism.ingest._decode import decode, decode_utf8, os_error
from newsprism.ingest._limits import check_tree, shown
from newsprism.model import IngestFailure, RawArticle, parse_published
from newsprism.options import RECORD_FIELDS, IngestOptions

Item = RawArticle | IngestFailure

#: What ``newsprism export`` adds to a record besides its ``metadata`` object: the
#: stored segmentation (ingest recomputes it) and the original source.
EXPORT_FIELDS = ("source", "paragraphs", "sentences")
#: Bytes read at a time while skipping the rest of an over-long JSONL line.
SKIP_CHUNK = 1 << 20
#: Columns a CSV error names before it stops listing them.
SHOWN_COLUMNS = 10


def read_jsonl(path: Path, options: IngestOptions) -> Iterator[Item]:
    """Stream a JSONL file line by line (never loaded whole, nor any line over the limit)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise os_error(str(path), exc) from exc
    with handle:
        yield from jsonl_records(bounded_lines(handle, options.max_bytes), str(path), options)


def bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of a binary file, none longer than ``limit + 1`` bytes.

    A longer line is cut there (so it still reads as over the limit) and the rest of
    it is skipped a chunk at a time: a file without newlines is not read into memory
    whole as one "line".
    """
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
        yield line


def jsonl_records(lines: Iterable[bytes], source: str, options: IngestOptions) -> Iterator[Item]:
    """The records of JSONL lines; failures name ``source:line``."""
    count = 0
    for lineno, raw in enumerate(lines, start=1):
        where = f"{source}:{lineno}"
        if len(raw) > options.max_bytes:
            yield IngestFailure(where, f"record is over the size limit of {options.max_bytes:,} bytes")
            continue
        if not raw.strip():
            continue
        count += 1
        if count > options.max_records:
            yield IngestFailure(where, f"more than {options.max_records:,} records; split the file")
            return
        try:
            record = json.loads(decode_utf8(raw, where))
        except InputError as exc:
            yield IngestFailure(where, exc.problem)
            continue
        except json.JSONDecodeError as exc:
            yield IngestFailure(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield IngestFailure(where, f"record is nested more than {options.max_depth} levels deep")
            continue
        except ValueError as exc:  # an integer of more than 4,300 digits
            yield IngestFailure(where, f"malformed JSON ({shown(str(exc))})")
            continue
        yield record_to_article(record, where, options)
    if count == 0:
        raise InputError(source, "file is empty (no JSON records)")


#: Parquet rows fetched at a time (the file is streamed, never loaded whole).
PARQUET_ROWS = 1024


def read_parquet(path: Path, options: IngestOptions) -> Iterator[Item]:
    """The rows of a Parquet file (a corpus exported by Spark, pandas or DuckDB) as
    records, in file order, read with DuckDB; failures name ``file:row``."""
    import duckdb

    source = str(path)
    con = duckdb.connect()
    try:
        cursor = con.execute("SELECT * FROM read_parquet(?)", [source])
        names = [d[0] for d in cursor.description]
    except duckdb.Error as exc:
        con.close()
        raise InputError(source, f"not a readable Parquet file ({first_line(exc)})") from exc
    count = 0
    try:
        while rows := cursor.fetchmany(PARQUET_ROWS):
            for row in rows:
                count += 1
                where = f"{source}:{count}"
                if count > options.max_records:
                    yield IngestFailure(where, f"more than {options.max_records:,} records; split the file")
                    return
                yield record_to_article(parquet_record(zip(names, row, strict=True)), where, options)
    except duckdb.Error as exc:
        raise InputError(source, f"damaged Parquet file ({first_line(exc)})") from exc
    finally:
        con.close()
    if count == 0:
        raise InputError(source, "file is empty (no Parquet rows)")


def parquet_record(columns: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """A Parquet row's (column, value) pairs as a JSON-like record: nulls left out, dates
    and times as ISO text (as a JSONL corpus writes them), so both kinds of corpus read
    the same (DuckDB here, Spark in ``ingest._spark``)."""
    return {
        name: value.isoformat() if isinstance(value, dt.date | dt.time) else value
        for name, value in columns
        if value is not None
    }


def read_json(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    """A JSON array of records, or an object with an ``articles`` array, or one record."""
    try:
        doc = json.loads(decode_utf8(data, source))
    except json.JSONDecodeError as exc:
        raise InputError(source, f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError(source, f"JSON is nested more than {options.max_depth} levels deep") from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise InputError(source, f"malformed JSON ({shown(str(exc))})") from exc
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    records = doc if isinstance(doc, list) else [doc]
    if not records:
        raise InputError(source, "file is empty (no JSON records)")
    if len(records) > options.max_records:
        raise InputError(source, f"more than {options.max_records:,} records; split the file")
    for index, record in enumerate(records):
        yield record_to_article(record, f"{source}[{index}]", options)


def read_csv(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    """CSV with a header row naming the fields."""
    text = decode(data, source)
    csv.field_size_limit(max(options.max_bytes, 131072))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise InputError(f"{source}:1", f"malformed CSV header ({exc})") from exc
    if not header:
        raise InputError(source, "CSV has no header row")
    if options.column("text") not in header:
        raise InputError(
            source,
            f"CSV has no {options.column('text')!r} column (columns: {_columns(header)}); "
            "use --map text=COLUMN",
        )
    try:
        for index, row in enumerate(reader):
            if index >= options.max_records:
                yield IngestFailure(source, f"more than {options.max_records:,} records; split the file")
                return
            yield record_to_article(row, f"{source}:{reader.line_num}", options)
    except csv.Error as exc:
        raise InputError(f"{source}:{reader.line_num}", f"malformed CSV ({exc})") from exc


def _columns(names: list[str]) -> str:
    """CSV column names for an error message: one line, each name and the list cut short."""
    shown_names = [n if n.isprintable() and len(n) <= 24 else shown(n, 24) for n in names[:SHOWN_COLUMNS]]
    more = f", ... ({len(names)} in all)" if len(names) > SHOWN_COLUMNS else ""
    return ", ".join(shown_names) + more


def record_to_article(record: Any, where: str, options: IngestOptions) -> Item:
    """One record as a raw article, or the reason it is not one."""
    if not isinstance(record, dict):
        return IngestFailure(where, "record is not a JSON object")
    try:
        check_tree(record, where, "record", options.max_depth)
    except InputError as exc:
        return IngestFailure(exc.source, exc.problem)
    col = options.column
    text = record.get(col("text"))
    if not isinstance(text, str) or not text.strip():
        return IngestFailure(where, f"record has no text in field {col('text')!r}")
    title = record.get(col("title")) or ""
    published_raw = record.get(col("published"))
    try:
        published = parse_published(published_raw)
    except (ValueError, TypeError):
        return IngestFailure(where, f"published {shown(published_raw)} is not an ISO date (YYYY-MM-DD)")
    ident = record.get(col("id"))
    taken = {col(name) for name in RECORD_FIELDS}
    return RawArticle(
        source=where,
        title=str(title).strip(),
        text=text.replace("\r\n", "\n"),
        outlet=str(options.outlet or record.get(col("outlet")) or ""),
        published=published,
        url=_opt(record.get(col("url"))),
        byline=_opt(record.get(col("byline"))),
        language=str(record.get(col("language")) or ""),
        id=None if ident in (None, "") else str(ident),
        metadata=_metadata(record, taken),
    )


def _metadata(record: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    """The record's other fields; an exported article's own metadata, as it was.

    Without this, re-ingesting an export nested the metadata one level deeper on each
    round trip and kept the old segmentation as metadata.
    """
    extra = {k: v for k, v in record.items() if k not in taken}
    if not isinstance(extra.get("metadata"), dict):
        return extra
    exported = extra.pop("metadata")
    return {k: v for k, v in extra.items() if k not in EXPORT_FIELDS} | exported


def _opt(value: Any) -> str | None:
    return None if value in (None, "") else str(value)
