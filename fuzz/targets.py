"""The fuzz targets: one function per input path, each taking the raw bytes of one input.

A target passes an input when the reader returns articles and failures that keep
newsprism's promises, or raises the documented ``NewsprismError``. It fails (raises
``FuzzFailure`` or lets another exception out) when:

* any exception but ``NewsprismError`` escapes (a traceback instead of a one-line error);
* an error or failure message is not one line;
* an article breaks what later stages rely on: a non-empty body, text that encodes to
  UTF-8 (the store and spaCy need it), metadata the store can write as JSON, and
  paragraph spans that slice the body in order;
* (compare) a finding's evidence is not the exact slice of its article, or the
  result does not serialise to JSON.

The targets are plain functions so a crash input can be replayed without atheris
(``TARGETS["text"].run(data)``), which is what the regression tests do.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from newsprism.errors import NewsprismError
from newsprism.ingest import build_articles, read_data
from newsprism.ingest._lines import paragraphs
from newsprism.model import Article, IngestFailure, RawArticle
from newsprism.options import IngestOptions

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "airstrikes-iraq"

#: Fuzzed feeds never reach the network: entries without full text are not fetched.
OPTIONS = IngestOptions(fetch_links=False)
#: Separates the two texts of a compare input (ASCII record separator).
PAIR_SEPARATOR = b"\x1e"


class FuzzFailure(AssertionError):
    """An input made newsprism break one of its promises without raising an exception."""


@dataclass(frozen=True)
class Target:
    """A named fuzz target: ``run(data)`` checks one input, ``seeds()`` its starting corpus."""

    name: str
    run: Callable[[bytes], None]
    seeds: Callable[[], list[bytes]]
    doc: str
    #: Tokens libFuzzer splices into inputs: the syntax the reader cares about.
    dictionary: tuple[str | bytes, ...] = ()


# -- checks shared by the targets ---------------------------------------------------------------


#: Longest error message allowed past the input's name: a message quotes bits of the
#: input, never all of it.
MAX_MESSAGE = 400


def check_message(message: str, source: str = "") -> None:
    """An error message is one short non-empty line (what the CLI prints after ``error:``)."""
    if not message.strip() or "\n" in message or "\r" in message:
        raise FuzzFailure(f"error message is not one line: {message[:2000]!r}")
    if len(message) > len(source) + MAX_MESSAGE:
        raise FuzzFailure(f"error message of {len(message):,} characters: {message[:300]!r}...")


def check_raw(raw: RawArticle) -> None:
    """A raw article is what segmentation and the store can take."""
    for name in ("source", "title", "text", "outlet", "language"):
        if not isinstance(getattr(raw, name), str):
            raise FuzzFailure(f"RawArticle.{name} is {type(getattr(raw, name)).__name__}, not str")
    if not raw.text.strip():
        raise FuzzFailure("article with an empty body")
    for name in ("url", "byline", "id"):
        value = getattr(raw, name)
        if value is not None and not isinstance(value, str):
            raise FuzzFailure(f"RawArticle.{name} is {type(value).__name__}")
    try:
        for value in (raw.title, raw.text, raw.outlet, raw.url or "", raw.byline or "", raw.id or ""):
            value.encode("utf-8")
        json.dumps(raw.metadata, ensure_ascii=False, default=str).encode("utf-8")
    except (UnicodeEncodeError, RecursionError, ValueError) as exc:
        raise FuzzFailure(f"article the store cannot write: {type(exc).__name__}: {exc}") from exc
    previous = 0
    for para in paragraphs(raw.text):
        if not previous <= para.start < para.end <= len(raw.text):
            raise FuzzFailure(f"paragraph span {para.start}:{para.end} out of order or out of the text")
        previous = para.end


def read_checked(data: bytes, source: str) -> list[RawArticle]:
    """Run the reader of ``source``'s suffix on ``data`` and check what comes out."""
    try:
        items = list(read_data(data, source, OPTIONS))
    except NewsprismError as exc:
        check_message(str(exc), source)
        return []
    raws = []
    for item in items:
        if isinstance(item, IngestFailure):
            check_message(str(item), item.source)
        elif isinstance(item, RawArticle):
            check_raw(item)
            raws.append(item)
        else:
            raise FuzzFailure(f"reader yielded a {type(item).__name__}")
    return raws


def check_result(articles: Sequence[Article], result) -> None:
    """Every evidence span slices its article, and the result is JSON."""
    texts = {a.id: a.text for a in articles}
    for finding in result.findings:
        for ev in finding.evidence:
            if texts[ev.article][ev.start : ev.end] != ev.text:
                raise FuzzFailure(f"{finding.kind} evidence {ev.start}:{ev.end} is not the article's text there")
    for line in result.summary:
        for ev in line.evidence:
            if texts[ev.article][ev.start : ev.end] != ev.text:
                raise FuzzFailure(f"summary evidence {ev.start}:{ev.end} is not the article's text there")
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


# -- targets ------------------------------------------------------------------------------------


def fuzz_text(data: bytes) -> None:
    """A ``.txt`` article: decoding, YAML front matter, headline and body."""
    read_checked(data, "fuzz.txt")


def fuzz_html(data: bytes) -> None:
    """An ``.html`` page: decoding and trafilatura extraction."""
    read_checked(data, "fuzz.html")


def fuzz_jsonl(data: bytes) -> None:
    """A ``.jsonl`` corpus, one record per line."""
    read_checked(data, "fuzz.jsonl")


def fuzz_json(data: bytes) -> None:
    """A ``.json`` corpus: an array of records, ``{"articles": [...]}`` or one record."""
    read_checked(data, "fuzz.json")


def fuzz_csv(data: bytes) -> None:
    """A ``.csv`` corpus with a header row."""
    read_checked(data, "fuzz.csv")


def fuzz_feed(data: bytes) -> None:
    """An RSS or Atom feed (``.xml``), entries read inline, links never fetched."""
    read_checked(data, "fuzz.xml")


def fuzz_compare(data: bytes) -> None:
    """Two texts (split at ``PAIR_SEPARATOR``) read as ``.txt``, segmented and compared."""
    from newsprism.compare import compare

    first, _, second = data.partition(PAIR_SEPARATOR)
    raws = read_checked(first, "a.txt") + read_checked(second, "b.txt")
    if len(raws) < 2:
        return
    articles = build_articles(raws)
    try:
        result = compare(articles)
    except NewsprismError as exc:
        check_message(str(exc))
        return
    check_result(articles, result)


# -- seeds, generated from the bundled example ---------------------------------------------------


def example_texts() -> list[tuple[str, str]]:
    """(file stem, text) of each example article."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]


def _split(text: str) -> tuple[str, str]:
    """Headline and body of an example text."""
    title, _, body = text.strip().partition("\n")
    return title.strip(), body.strip()


def _records() -> list[dict[str, str]]:
    return [
        {"id": stem, "outlet": f"outlet-{i}", "title": _split(text)[0], "published": f"2024-01-2{i + 3}",
         "url": f"https://example.org/{stem}", "text": _split(text)[1], "section": "world"}
        for i, (stem, text) in enumerate(example_texts())
    ]  # fmt: skip


def seeds_text() -> list[bytes]:
    """The example files as they are, with YAML front matter, and in UTF-16 and cp1252."""
    out = []
    for i, (stem, text) in enumerate(example_texts()):
        out.append(text.encode("utf-8"))
        front = f"---\noutlet: {stem}\npublished: 2024-01-2{i + 3}\nurl: https://example.org/{stem}\n" \
                f"byline: Staff\ntags: [iraq, us]\n---\n"  # fmt: skip
        out.append((front + text).encode("utf-8"))
    out.append(example_texts()[0][1][:600].encode("utf-16"))
    out.append(example_texts()[1][1][:600].encode("cp1252", "replace"))
    return out


def seeds_html() -> list[bytes]:
    """The examples as news pages: metadata in the head, nav and footer around the story."""
    out = []
    for stem, text in example_texts():
        title, body = _split(text)
        paras = "\n".join(f"<p>{escape(p)}</p>" for p in body.split("\n") if p.strip())
        out.append(
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta property="og:site_name" content="{stem}"><meta name="author" content="Staff">'
            f'<meta property="article:published_time" content="2024-01-23T08:00:00+00:00"></head>'
            f'<body><nav><a href="/">Home</a></nav><article><h1>{escape(title)}</h1>{paras}</article>'
            f"<footer>Copyright 2024</footer></body></html>".encode()
        )
    return out


def seeds_jsonl() -> list[bytes]:
    records = _records()
    return [
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8") + b"\n",
        json.dumps({**records[0], "metadata": {"section": "world", "tags": ["a", "b"]}}).encode() + b"\n",
    ]


def seeds_json() -> list[bytes]:
    records = _records()
    return [
        json.dumps(records, ensure_ascii=False).encode("utf-8"),
        json.dumps({"articles": records[:1]}).encode(),
        json.dumps(records[1]).encode(),
    ]


def seeds_csv() -> list[bytes]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(_records()[0]))
    writer.writeheader()
    writer.writerows(_records())
    return [buffer.getvalue().encode("utf-8")]


def seeds_feed() -> list[bytes]:
    """An RSS 2.0 and an Atom feed carrying the example articles as full-text entries."""
    items, entries = [], []
    for record in _records():
        html = escape("".join(f"<p>{p}</p>" for p in record["text"].split("\n") if p.strip()))
        items.append(
            f"<item><title>{escape(record['title'])}</title><link>{record['url']}</link>"
            f"<guid>{record['id']}</guid><pubDate>Tue, 23 Jan 2024 08:00:00 GMT</pubDate>"
            f"<description>{html}</description></item>"
        )
        entries.append(
            f"<entry><title>{escape(record['title'])}</title><link href=\"{record['url']}\"/>"
            f"<id>{record['id']}</id><updated>2024-01-23T08:00:00Z</updated>"
            f'<content type="html">{html}</content></entry>'
        )
    rss = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example</title>{"".join(items)}</channel></rss>'
    atom = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>{"".join(entries)}</feed>'
    return [rss.encode("utf-8"), atom.encode("utf-8")]


def seeds_compare() -> list[bytes]:
    """The two example reports as a pair, and a short pair with quotes and dates."""
    (_, a), (_, b) = example_texts()[:2]
    short_a = 'Strikes hit bases\nThe strikes on Sunday killed 3 people, officials said. "We will respond," Austin said.\n'
    short_b = 'Strikes hit bases\nThe strikes on Saturday killed 4 people. "We shall respond," Austin told reporters.\n'
    return [a.encode() + PAIR_SEPARATOR + b.encode(), short_a.encode() + PAIR_SEPARATOR + short_b.encode()]


#: Syntax shared by the text-bearing targets: quote marks, dates, figures, scripts.
_PROSE = (
    '"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", " said ", "according to", "Sunday",
    "January 21, 2024", "Jan. 4", "about 2,500", "more than 150", "eighth", "yesterday", "last week",
    "Iran-backed", "U.S.", "\u202e", "\u200f", "\u0627\u0644\u0639\u0631\u0627\u0642", "\U0001f600",
    "\u0000", "\x0b", "\r\n", "\n\n", "\u2022 ", "Read more:", "(AP Photo)", "...",
)  # fmt: skip

TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("text", fuzz_text, seeds_text, "txt with YAML front matter", (
            "---\n", "\n---\n", "published: ", "date: ", "title: ", "outlet: ", "id: ", "url: ",
            "2024-13-45", "2024-01-23T25:61:00", "&a ", "*a", "!!binary ", "!!set ", "!!python/object ",
            "? ", "[", "{", "- ", "|\n", "\ufeff", b"\xff\xfe", *_PROSE,
        )),
        Target("html", fuzz_html, seeds_html, "HTML pages (trafilatura)", (
            "<p>", "</p>", "<article>", "<html>", "<body>", "<div>", "<title>", "<h1>", "<br>", "<script>",
            "<!--", "-->", "<![CDATA[", '<meta charset="', '<meta property="og:site_name" content="',
            '<meta property="article:published_time" content="', '<link rel="canonical" href="',
            "&amp;", "&#x0;", "&#1114112;", "<table>", "<li>", *_PROSE,
        )),
        Target("jsonl", fuzz_jsonl, seeds_jsonl, "JSONL records", (
            "{", "}", "[", "]", '"text": ', '"published": ', '"id": ', '"metadata": ', '"title": ',
            "\\ud800", "\\u0000", "NaN", "1e999", "null", "true", "\n", *_PROSE,
        )),
        Target("json", fuzz_json, seeds_json, "JSON records", (
            "{", "}", "[", "]", '"articles": ', '"text": ', '"published": ', '"id": ', '"metadata": ',
            "\\ud800", "\\u0000", "NaN", "-Infinity", "1e999", "null", *_PROSE,
        )),
        Target("csv", fuzz_csv, seeds_csv, "CSV records", (
            ",", '"', '""', "\r\n", "\n", "text", "published", "id", "\ufeff", *_PROSE,
        )),
        Target("feed", fuzz_feed, seeds_feed, "RSS/Atom feeds", (
            "<rss>", "<channel>", "<item>", "</item>", "<entry>", "</entry>", "<title>", "<link>",
            "<description>", "<content:encoded>", '<content type="html">', "<pubDate>", "<updated>",
            "<guid>", "<author>", "<![CDATA[", "]]>", "&lt;p&gt;", "<!DOCTYPE rss [<!ENTITY e \"x\">]>", "&e;",
            '<?xml version="1.0" encoding="', '<feed xmlns="http://www.w3.org/2005/Atom">', *_PROSE,
        )),
        Target("compare", fuzz_compare, seeds_compare, "the compare engine on a pair of texts", (
            "\x1e", *_PROSE,
        )),
    )
}  # fmt: skip


def dictionary_file(target: Target) -> str:
    """The target's tokens in libFuzzer's ``-dict`` format (one quoted, escaped token a line)."""
    lines = []
    for token in target.dictionary:
        data = token if isinstance(token, bytes) else token.encode("utf-8")
        quoted = "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02x}" for b in data)
        lines.append(f'"{quoted}"')
    return "\n".join(lines) + "\n"


def replay(name: str, inputs: Iterable[bytes]) -> None:
    """Run a target on inputs without atheris (regression tests, crash triage)."""
    for data in inputs:
        TARGETS[name].run(data)
