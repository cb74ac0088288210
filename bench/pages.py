"""Real web pages: metadata, body and non-article pages, against hand-checked gold.

Over the development half of ``shared/eval/pages`` (saved news pages in English, German
and French, plus a few home and index pages; see its ``SOURCE.md``), each page is read
by the real ingest path (``newsprism.ingest.read_data``, as a local ``.html`` file) and
compared with its record:

- title: right when it equals ``title`` or one of ``title_aliases`` after normalising
  case, whitespace and quotation marks;
- outlet: ``site`` or one of ``site_aliases``, case-insensitive;
- date: the day equals ``published``;
- author: the byline equals the gold authors, case-insensitive, either as the whole
  string or as the set of names (split at ``;``, ``,``, ``&``, "and", "und", "et");
  no byline when the gold has none;
- body snippets: each ``with`` snippet in the body and each ``without`` snippet not in
  it, counted per snippet (whitespace collapsed);
- non-articles: every ``"article": false`` page must be skipped, no article page may be;
- language: the language the page declares (``<html lang>``, ``og:locale``, ...) equals
  ``language``; lang stored: the language ingest stores (detected from the text, the
  declaration deciding only a text too short to tell; ``ingest._language.detect``).

The baseline, measured in the same run on the same pages: plain
``trafilatura.bare_extraction(html, with_metadata=True)`` (title, sitename, date,
author, text as it returns them; it never skips a page). Every wrong item is listed
(file, field, got, want) so a developer sees the errors.

Run: ``python -m bench pages``.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO.parent / "shared" / "eval" / "pages"
FIELDS = ("title", "outlet", "date", "author")

_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»‹›″\u201e"} | {c: "'" for c in "‘’‚‛′´`"})


def page_records(folder: Path = PAGES) -> list[dict]:
    """The records of ``pages.jsonl``, in file order."""
    with (folder / "pages.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def page_bytes(record: dict, folder: Path = PAGES) -> tuple[bytes, str]:
    """A page's bytes (gunzipped) and the file name ingest sees (without ``.gz``)."""
    path = folder / record["file"]
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data), path.with_suffix("").name
    return data, path.name


def norm_title(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return " ".join(text.split()).casefold()


def norm_text(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def title_right(got: str | None, record: dict) -> bool:
    wanted = [record.get("title")] + list(record.get("title_aliases") or [])
    return norm_title(got) in {norm_title(w) for w in wanted if w}


def outlet_right(got: str | None, record: dict) -> bool:
    wanted = [record.get("site")] + list(record.get("site_aliases") or [])
    return (got or "").strip().casefold() in {w.casefold() for w in wanted if w}


def date_right(got, record: dict) -> bool:
    return (got.isoformat()[:10] if got is not None else None) == record.get("published")


_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\bet\b)\s*", re.I)


def _names(text: str) -> frozenset[str]:
    return frozenset(p.casefold() for p in _SPLIT.split(" ".join(text.split())) if p)


def author_right(got: str | None, record: dict) -> bool:
    authors = record.get("authors") or []
    if not authors:
        return not (got or "").strip()
    if not got:
        return False
    whole = "; ".join(authors)
    if " ".join(got.split()).casefold() == whole.casefold():
        return True
    return _names(got) == frozenset(n for a in authors for n in _names(a))


def snippets(body: str | None, record: dict) -> list[tuple[str, str, bool]]:
    """(kind, snippet, right) for each ``with`` and ``without`` snippet."""
    text = norm_text(body)
    found = [("with", s, norm_text(s) in text) for s in record.get("with") or []]
    return found + [("without", s, norm_text(s) not in text) for s in record.get("without") or []]


@dataclass
class Tally:
    """Right/total per field, and the wrong items."""

    name: str
    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, file: str, key: str, ok: bool, got: object, want: object) -> None:
        self.total[key] += 1
        self.right[key] += ok
        if not ok:
            self.wrong.append((file, key, _short(got), _short(want)))

    def pct(self, key: str) -> str:
        if not self.total[key]:
            return "    -"
        return f"{100 * self.right[key] / self.total[key]:5.1f}% ({self.right[key]}/{self.total[key]})"


def _short(value: object, limit: int = 90) -> str:
    text = " ".join(str(value).split()) if value is not None else "None"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def score(tally: Tally, file: str, record: dict, title, outlet, published, byline, body) -> None:
    tally.add(file, "title", title_right(title, record), title, record.get("title"))
    tally.add(file, "outlet", outlet_right(outlet, record), outlet, record.get("site"))
    tally.add(file, "date", date_right(published, record), published, record.get("published"))
    tally.add(file, "author", author_right(byline, record), byline, "; ".join(record.get("authors") or []) or None)
    for kind, snippet, ok in snippets(body, record):
        tally.add(file, f"body:{kind}", ok, "missing" if kind == "with" else "present", snippet)
        tally.total["body"] += 1
        tally.right["body"] += ok


def baseline(html: str):
    """Plain trafilatura, as a reader without newsprism's work would get it."""
    import trafilatura

    from newsprism.model import parse_published

    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return None, None, None, None, ""
    try:
        published = parse_published(doc.date)
    except ValueError:
        published = None
    return doc.title, doc.sitename, published, doc.author, doc.text or ""


def read_items(data: bytes, name: str, options) -> list:
    """What ingest makes of one page: its articles, or its failure (a skip is one too)."""
    from newsprism.errors import InputError
    from newsprism.ingest import read_data
    from newsprism.model import IngestFailure

    try:
        return list(read_data(data, name, options))
    except InputError as exc:
        return [IngestFailure(exc.source, exc.problem)]


def main() -> None:
    if not (PAGES / "pages.jsonl").is_file():
        print(f"pages bench skipped: the pages are not at {PAGES}")
        return
    from newsprism.ingest._decode import decode
    from newsprism.ingest._language import detect
    from newsprism.model import IngestFailure, RawArticle
    from newsprism.options import IngestOptions

    options = IngestOptions()
    ours, base = Tally("newsprism"), Tally("trafilatura")
    skipped_right: list[str] = []
    skipped_wrong: list[str] = []
    not_skipped: list[str] = []
    failures: list[str] = []
    records = page_records()
    articles = [r for r in records if r["article"]]
    others = [r for r in records if not r["article"]]
    for record in records:
        data, name = page_bytes(record)
        file = record["file"].removeprefix("html/")
        items = read_items(data, name, options)
        skipped = [i for i in items if isinstance(i, IngestFailure) and "not an article" in i.problem]
        failed = [i for i in items if isinstance(i, IngestFailure) and i not in skipped]
        raws = [i for i in items if isinstance(i, RawArticle)]
        if not record["article"]:
            (skipped_right if skipped else not_skipped).append(str(skipped[0]) if skipped else file)
            continue
        if skipped:
            skipped_wrong.append(str(skipped[0]))
        failures.extend(str(f) for f in failed)
        raw = raws[0] if raws else None
        if raw is None:
            score(ours, file, record, None, None, None, None, "")
        else:
            score(ours, file, record, raw.title, raw.outlet, raw.published, raw.byline, raw.text)
            ours.add(file, "language", raw.language == record.get("language"), raw.language or "(none declared)",
                     record.get("language"))
            stored = detect(raw.title, raw.text, raw.language)  # what ingest stores: the text decides
            ours.add(file, "lang stored", stored == record.get("language"), stored, record.get("language"))
        score(base, file, record, *baseline(decode(data, name)))

    print(f"real pages: {len(records)} ({len(articles)} articles, {len(others)} non-articles) from {PAGES}")
    print(f"  {'right':14} {'newsprism':>20} {'trafilatura':>20}")
    for key in (*FIELDS, "language", "lang stored", "body", "body:with", "body:without"):
        print(f"  {key:14} {ours.pct(key):>20} {base.pct(key):>20}")
    print(f"  non-articles skipped: {len(skipped_right)}/{len(others)} (trafilatura: 0/{len(others)})")
    for line in skipped_right:
        print(f"    {line}")
    for file in not_skipped:
        print(f"    NOT SKIPPED: {file}")
    print(f"  articles wrongly skipped: {len(skipped_wrong)}/{len(articles)}")
    for line in skipped_wrong:
        print(f"    {line}")
    if failures:
        print(f"  articles refused: {len(failures)}")
        for line in failures:
            print(f"    {line}")
    print(f"  wrong items (newsprism): {len(ours.wrong)}")
    for file, key, got, want in sorted(ours.wrong, key=lambda w: (w[1], w[0])):
        print(f"    {file[:44]:44} {key:12} got {got!r}  want {want!r}")


if __name__ == "__main__":
    main()
