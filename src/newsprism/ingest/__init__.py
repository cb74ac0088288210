"""Ingest: read articles from files, directories, globs and URLs into the store.

Public API::

    read(inputs, options)            -> iterator of RawArticle | IngestFailure
    load(inputs, options)            -> list[Article]  (segmented, not stored)
    ingest(inputs, store, options)   -> IngestReport   (segmented and stored)

Readers are chosen by file suffix (``.txt``, ``.html``/``.htm``, ``.jsonl``,
``.json``, ``.csv``, ``.parquet``, ``.xml``/``.rss``/``.atom``); a URL is fetched and read as a
feed or a page by what it returns.
"""

from __future__ import annotations

import glob
import io
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import InputError
from newsprism.ingest._build import build_articles, identity, iter_batches
from newsprism.ingest._decode import check_file, decode, read_bytes
from newsprism.ingest._feed import looks_like_feed, read_feed
from newsprism.ingest._fetch import fetch, is_url
from newsprism.ingest._html import NotAnArticle, parse_html
from newsprism.ingest._lines import trim_span
from newsprism.ingest._records import jsonl_records, read_csv, read_json, read_jsonl, read_parquet
from newsprism.ingest._text import parse_text
from newsprism.model import Article, IngestFailure, IngestReport, RawArticle
from newsprism.options import IngestOptions
from newsprism.workers import ordered_map, resolve_workers

__all__ = [
    "read", "read_data", "load", "ingest", "is_url", "SUFFIXES", "build_articles", "parse_text", "Skipped", "NotAnArticle",
    "trim_span",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Skipped(IngestFailure):
    """A page that is not an article, skipped (``problem`` says why): not a failure."""


Item = RawArticle | IngestFailure
Progress = Callable[[int], None]

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json", ".csv", ".xml", ".rss", ".atom", ".parquet")
_GLOB_CHARS = set("*?[")


def expand(inputs: Iterable[str]) -> Iterator[str | IngestFailure]:
    """Each input as file paths or URLs: directories recursively, globs expanded."""
    for entry in inputs:
        if is_url(entry):
            yield entry
            continue
        path = Path(entry)
        if _GLOB_CHARS & set(entry) and not path.exists():
            matches = expand_glob(entry)
            if not matches:
                yield IngestFailure(entry, "pattern matched no files")
            for match in matches:
                yield from expand([match]) if Path(match).is_dir() else [match]
        elif path.is_dir():
            files = sorted(p for p in files_under(path) if p.suffix.lower() in SUFFIXES)
            if not files:
                yield IngestFailure(entry, f"directory holds no article files ({', '.join(SUFFIXES)})")
            yield from (str(p) for p in files)
        elif not path.exists():
            yield IngestFailure(entry, "no such file or directory")
        else:
            yield entry


def files_under(root: Path) -> Iterator[Path]:
    """Every file below ``root``, following symlinked directories, each directory once.

    A directory reached again (a link back up the tree, two links pointing at each other)
    is not entered again, so links that loop cannot make a walk endless; ``glob``'s and
    ``rglob``'s own walks would follow them until the path grew too long.
    """
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            info = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirnames.sort()
        for name in sorted(filenames):
            candidate = Path(dirpath, name)
            if candidate.is_file():
                yield candidate


def expand_glob(pattern: str) -> list[str]:
    """The paths matching ``pattern`` (``*``, ``?``, ``[...]``, ``**`` for any depth), sorted.

    Without ``**`` the standard ``glob`` is used: its walk is as deep as the pattern. With
    it, the files below the pattern's fixed leading directories are walked by
    ``files_under`` (loop-safe) and matched like ``glob`` would (``*`` never crosses ``/``
    and skips names starting with ``.``).
    """
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = pattern.split("/")
    fixed = 0
    while fixed < len(parts) - 1 and not (_GLOB_CHARS & set(parts[fixed])):
        fixed += 1
    root = "/".join(parts[:fixed]) or ("/" if pattern.startswith("/") else ".")
    regex = re.compile(_glob_regex(parts[fixed:]))
    matches = []
    for path in files_under(Path(root)):
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        if regex.fullmatch(relative):
            matches.append(relative if root == "." else os.path.join(root, relative))
    return sorted(matches)


def _glob_regex(parts: list[str]) -> str:
    pieces = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            pieces.append(r"(?:(?!\.)[^/]+/)*" + (r"(?!\.)[^/]*" if last else ""))
            continue
        pieces.append(_glob_part(part) + ("" if last else "/"))
    return "".join(pieces)


def _glob_part(part: str) -> str:
    """One path component of a glob as a regex that never crosses ``/``."""
    out = [] if part.startswith(".") else [r"(?!\.)"]
    i = 0
    while i < len(part):
        ch = part[i]
        close = part.find("]", i + 2) if ch == "[" else -1
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif close != -1:
            inner = part[i + 1 : close]
            inner = "^" + inner[1:] if inner.startswith("!") else inner
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            i = close
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def read(inputs: Iterable[str], options: IngestOptions | None = None) -> Iterator[Item]:
    """Every article (or failure) found in the inputs, in input order."""
    options = options or IngestOptions()
    for location in expand(inputs):
        if isinstance(location, IngestFailure):
            yield location
            continue
        try:
            yield from _read_one(location, options)
        except NotAnArticle as exc:
            yield Skipped(exc.source, exc.problem)
        except InputError as exc:
            yield IngestFailure(exc.source, exc.problem)


def _read_one(location: str, options: IngestOptions) -> Iterator[Item]:
    if is_url(location):
        page = fetch(location, options.timeout, options.max_bytes, options.allow_private_urls)
        if looks_like_feed(page.data, page.content_type):
            yield from read_feed(page.data, location, options)
        else:
            yield parse_html(decode(page.data, location), location, options, url=page.url)
        return
    path = Path(location)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        check_file(path, max_bytes=None)  # streamed: the size limit applies per record
        yield from read_jsonl(path, options)
        return
    if suffix == ".parquet":
        check_file(path, max_bytes=None)  # streamed by row groups
        yield from read_parquet(path, options)
        return
    yield from read_data(read_bytes(path, options.max_bytes), location, options)


def read_data(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    """The articles in ``data``, read by the reader of ``source``'s suffix.

    For inputs that are already in memory (uploads); ``source`` names them in errors.
    """
    suffix = Path(source).suffix.lower()
    if suffix == ".jsonl":
        yield from jsonl_records(io.BytesIO(data), source, options)
    elif suffix == ".json":
        yield from read_json(data, source, options)
    elif suffix == ".csv":
        yield from read_csv(data, source, options)
    elif suffix in (".xml", ".rss", ".atom"):
        yield from read_feed(data, source, options)
    elif suffix in (".html", ".htm"):
        yield parse_html(decode(data, source), source, options)
    elif suffix == ".txt" or not suffix:
        yield parse_text(decode(data, source), source, options)
    elif suffix == ".parquet":
        yield from _parquet_bytes(data, source, options)
    else:
        raise InputError(source, f"unknown file type {suffix!r} (known: {', '.join(SUFFIXES)})")


def _parquet_bytes(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    """A Parquet corpus given as bytes (an upload): read from a private temporary copy,
    its failures named after ``source``."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="newsprism-upload-") as folder:
        path = Path(folder) / "upload.parquet"
        path.write_bytes(data)
        try:
            for item in read_parquet(path, options):
                yield _renamed(item, str(path), source)
        except InputError as exc:
            raise InputError(source, exc.problem) from None


def _renamed(item: Item, old: str, new: str) -> Item:
    """``item`` with ``old`` (a temporary file's name) replaced by ``new`` in its source."""
    import dataclasses

    return dataclasses.replace(item, source=item.source.replace(old, new, 1))


def load(inputs: Iterable[str], options: IngestOptions | None = None) -> list[Article]:
    """Read and segment articles without storing them; the first failure is raised.

    Pages that are not articles (``Skipped``) are left out, not raised.
    """
    options = options or IngestOptions()
    raws: list[RawArticle] = []
    for item in read(inputs, options):
        if isinstance(item, Skipped):
            continue  # a home or index page among the files is not an error
        if isinstance(item, IngestFailure):
            raise InputError(item.source, item.problem)
        raws.append(item)
    return build_articles(raws) if raws else []


#: Articles parsed per job of the process pool: many jobs per stored batch, so every
#: worker has work, and few enough that a job is worth sending to a process.
PARSE_CHUNK = 32


@dataclass(slots=True)
class _Job:
    """One chunk of a batch's new articles, with what the batch reports when stored."""

    fresh: list[RawArticle]
    #: Set on a batch's last chunk: the batch's size and the ids the store held already.
    batch_size: int = 0
    stored: list[str] | None = None


def ingest(
    inputs: Iterable[str],
    store,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, segment and store articles, one transaction per batch.

    Without ``skip_bad`` the first failure stops the run: the batch in hand is not
    stored, and ``InputError`` is raised (batches committed before stay, whole).
    With ``skip_bad`` failures are collected in the report and the run goes on.
    Articles the store holds already are reported as duplicates without being
    segmented again. Pages that are not articles are reported as skipped, with or
    without ``skip_bad``.

    Segmenting (the spaCy parse) runs on ``options.workers`` processes, in chunks of
    ``PARSE_CHUNK`` articles (``workers.ordered_map``); this process reads and writes,
    in input order, so the store ends the same whatever the number of workers.
    """
    options = options or IngestOptions()
    report = IngestReport()
    batches = iter_batches(_checked(read(inputs, options), options, report), options.batch_size)
    jobs: deque[_Job] = deque()  # in flight, in order: their results come back in this order

    def chunks() -> Iterator[list[RawArticle]]:
        for batch in batches:
            fresh, stored = _split_stored(batch, store)
            parts = [fresh[i : i + PARSE_CHUNK] for i in range(0, len(fresh), PARSE_CHUNK)] or [[]]
            for n, part in enumerate(parts):
                last = n == len(parts) - 1
                jobs.append(_Job(part, len(batch) if last else 0, stored if last else None))
                yield part

    built: list[Article] = []
    for articles in ordered_map(_segment, chunks(), resolve_workers(options.workers)):
        job = jobs.popleft()
        built.extend(articles)
        if job.stored is None:
            continue  # more chunks of this batch to come
        report.duplicates.extend(job.stored)
        if built:
            added, duplicates = store.add_articles(built)
            report.ingested.extend(added)
            report.duplicates.extend(duplicates)
            built = []
        if progress is not None:
            progress(job.batch_size)
    return report


def _segment(raws: list[RawArticle]) -> list[Article]:
    """A pool job: segment a chunk of new articles (none: nothing to do)."""
    return build_articles(raws) if raws else []


def _split_stored(batch: list[RawArticle], store) -> tuple[list[RawArticle], list[str]]:
    """The articles of a batch the store does not hold yet, and the ids of those it does.

    An article repeating one earlier in the same batch (same id or content hash) is a
    duplicate too, as the store would find: a corpus of many copies of one article is
    segmented once, not once per copy.
    """
    keys = [identity(raw) for raw in batch]
    known_ids, known_hashes = store.known([k[0] for k in keys], [k[1] for k in keys])
    fresh: list[RawArticle] = []
    stored: list[str] = []
    for raw, (ident, digest) in zip(batch, keys, strict=True):
        if ident in known_ids or digest in known_hashes:
            stored.append(ident)
        else:
            fresh.append(raw)
            known_ids.add(ident)
            known_hashes.add(digest)
    return fresh, stored


def _checked(items: Iterator[Item], options: IngestOptions, report: IngestReport) -> Iterator[RawArticle]:
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)  # never stops the run: the page is not an article
        elif isinstance(item, IngestFailure):
            if not options.skip_bad:
                raise InputError(item.source, item.problem)
            report.failed.append(item)
        else:
            yield item
