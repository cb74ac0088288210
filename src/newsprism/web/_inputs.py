"""What a request hands in — uploaded files, pasted texts, URLs — read into raw articles.

Uploaded files are read **from memory** by the same readers the CLI uses, chosen by
the file's extension; the client's file name is only a label (its last part, with
control characters removed) and is never used as a path. Pasted texts read like a
``.txt`` file (first line the headline, optional front matter) unless a title is
given. URLs must be http(s): anything else would be taken for a local path by the
ingest readers.

Every limit of ``ServeOptions`` is checked here, with a message that names the file,
text or URL at fault.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from newsprism.errors import InputError, UsageError
from newsprism.ingest import SUFFIXES, NotAnArticle, Skipped, is_url, parse_text, read, read_data
from newsprism.model import IngestFailure, RawArticle
from newsprism.options import IngestOptions, ServeOptions
from newsprism.web._errors import TooLargeError, UnsupportedTypeError

Item = RawArticle | IngestFailure

#: Longest file name label kept in messages and stored ``source`` fields.
MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Upload:
    """An uploaded file: a display name (a label only) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class PastedText:
    """A text pasted into the form or sent as JSON, with optional headline and outlet."""

    text: str
    title: str | None = None
    outlet: str | None = None


def display_name(filename: str | None, index: int) -> str:
    """A safe label for an uploaded file: the last path part, printable, bounded."""
    last = PurePosixPath((filename or "").replace("\\", "/")).name
    clean = "".join(ch for ch in last if ch.isprintable()).strip()
    return clean[:MAX_NAME] or f"upload {index}"


def suffix_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def check_upload(name: str, size: int, options: ServeOptions) -> None:
    """Refuse a file of a type newsprism does not read (415) or over the size limit (413)."""
    suffix = suffix_of(name)
    if suffix not in SUFFIXES:
        what = f"type {suffix!r}" if suffix else "no file extension"
        raise UnsupportedTypeError(
            f"file {name!r} has {what}; newsprism reads {', '.join(SUFFIXES)}"
        )
    if size > options.max_file_bytes:
        raise TooLargeError(
            f"file {name!r} is {size:,} bytes, over the limit of {options.max_file_bytes:,} bytes per file"
        )


def check_total(total: int, options: ServeOptions) -> None:
    """Refuse a request whose files (and texts) together are over the total limit (413)."""
    if total > options.max_total_bytes:
        raise TooLargeError(
            f"the files and texts of this request are {total:,} bytes together, over the limit of "
            f"{options.max_total_bytes:,} bytes"
        )


def check_count(count: int, limit: int, what: str) -> None:
    """Refuse more than ``limit`` inputs in one request (400)."""
    if count > limit:
        raise UsageError(f"{count} {what} in one request; the limit is {limit}")


# -- reading -----------------------------------------------------------------------------------


def reading_options(options: ServeOptions, **overrides: object) -> IngestOptions:
    """How the server reads inputs: its size limit, URL timeout and private-address rule.

    Every route that reads files or URLs takes its options from here, so a feed entry
    link inside an uploaded ``.rss`` file is fetched under the same rules as a URL.
    """
    return IngestOptions(
        max_bytes=options.max_file_bytes, timeout=options.timeout,
        allow_private_urls=options.allow_private_urls, **overrides,  # type: ignore[arg-type]
    )


def read_uploads(uploads: Sequence[Upload], options: IngestOptions) -> list[Item]:
    """Every article (or failure) in the uploaded files, in upload order."""
    items: list[Item] = []
    for upload in uploads:
        items.extend(read_upload(upload, options))
    return items


def read_upload(upload: Upload, options: IngestOptions) -> list[Item]:
    """The articles of one uploaded file, read from memory by its extension's reader."""
    name = upload.name
    if not upload.data.strip():
        return [IngestFailure(name, "file is empty")]
    items: list[Item] = []
    try:
        items.extend(read_data(upload.data, upload.name, options))
    except NotAnArticle as exc:
        items.append(Skipped(exc.source, exc.problem))
    except InputError as exc:
        items.append(IngestFailure(exc.source, exc.problem))
    return items


def read_text(item: PastedText, index: int, options: ServeOptions) -> RawArticle:
    """A pasted text as an article; ``text N`` names it in errors and is its default outlet."""
    label = f"text {index}"
    body = item.text.replace("\r\n", "\n").replace("\r", "\n")
    size = len(body.encode("utf-8"))
    if size > options.max_file_bytes:
        raise TooLargeError(f"{label} is {size:,} bytes, over the limit of {options.max_file_bytes:,} bytes per text")
    if not body.strip():
        raise InputError(label, "text is empty")
    outlet = (item.outlet or "").strip() or None
    title = (item.title or "").strip()
    if not title:
        return parse_text(body, label, IngestOptions(outlet=outlet))
    return RawArticle(source=label, title=title, text=body.strip(), outlet=outlet or label)


def read_texts(texts: Iterable[PastedText], options: ServeOptions) -> list[RawArticle]:
    """Pasted texts as articles, numbered from 1 in the order given."""
    items = list(texts)
    check_total(sum(len(t.text.encode("utf-8")) for t in items), options)
    return [read_text(t, i, options) for i, t in enumerate(items, start=1)]


def check_urls(urls: Iterable[str]) -> list[str]:
    """The URLs, stripped; anything but http(s) is refused (422)."""
    checked = []
    for url in (u.strip() for u in urls):
        if not url:
            continue
        if not is_url(url):
            raise InputError(url[:MAX_NAME], "not an http(s) URL")
        checked.append(url)
    return checked


def read_urls(urls: Sequence[str], options: ServeOptions, ingest: IngestOptions | None = None) -> list[Item]:
    """Every article (or failure) behind the URLs: pages, or feeds and their entries.

    ``ingest`` gives the reading options (outlet, field map, link fetching); the size
    limit and timeout are always the server's.
    """
    if not urls:
        return []
    base = ingest or IngestOptions()
    reading = dataclasses.replace(
        base, max_bytes=options.max_file_bytes, timeout=options.timeout, skip_bad=True,
        allow_private_urls=options.allow_private_urls,
    )
    return list(read(check_urls(urls), reading))


def articles_only(items: Iterable[Item]) -> list[RawArticle]:
    """The raw articles, raising the first failure (for compare, which needs them all)."""
    raws = []
    for item in items:
        if isinstance(item, IngestFailure):
            raise InputError(item.source, item.problem)
        raws.append(item)
    return raws
