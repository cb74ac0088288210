"""Hostile input: property tests (hypothesis), a bounded atheris pass, and the crashes fuzzing found.

Every reader and the compare engine are run on generated input through the fuzz
targets of ``fuzz.targets`` (the same functions atheris drives): any exception but
``NewsprismError``, an error message that is not one short line, or an article the
store or spaCy cannot take fails the test. Hypothesis runs derandomized, so a CI run
always tries the same examples.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.targets import PAIR_SEPARATOR, TARGETS, FuzzFailure, check_message, read_checked
from newsprism.errors import InputError
from newsprism.ingest import read_data
from newsprism.model import IngestFailure, RawArticle
from newsprism.options import IngestOptions
from tests.conftest import REPO, cli_env

#: Derandomized, no deadline (spaCy's first call loads a model), a budget that keeps CI fast.
CI = settings(
    derandomize=True,
    deadline=None,
    max_examples=120,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: The compare engine costs a spaCy parse and a sentence embedding per example.
CI_COMPARE = settings(CI, max_examples=15)

# -- hostile text ---------------------------------------------------------------------------------

#: What real and hostile news text is made of: every kind of quote mark, dates, figures,
#: right-to-left and mixed scripts, bidi controls, control characters, emoji sequences.
FRAGMENTS = (
    '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u300c", "\u300d",
    " said ", " told reporters.", "according to officials", "Sunday", "on Saturday", "January 21, 2024",
    "Jan. 4", "2024-01-23", "about 2,500", "more than 150", "17", "eighth", "yesterday", "last week",
    "Iran-backed", "U.S.", "Lloyd Austin", "Kataib Hezbollah", ". ", "! ", "? ", "...", "\u2026",
    "\u0627\u0644\u0639\u0631\u0627\u0642", "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd", "\u5317\u4eac",
    "\u0928\u092e\u0938\u094d\u0924\u0947", "\u202e", "\u202b", "\u200f", "\u200d", "\u2066", "\ufeff",
    "\U0001f600", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1f8",
    "e\u0301", "\x00", "\x07", "\x1b[31m", "\x0b", "\x0c", "\u2028", "\u2029", "\r", "\n", "\n\n", "\t",
    "\u2022 ", "- ", "Read more: ", "(AP Photo)", "Photo: ", "---\n", "<p>", "&amp;", "&#0;",
)  # fmt: skip

hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)
words = st.lists(st.sampled_from(("strikes", "militia", "Austin", "said", "base", "Iraq", "missiles")), min_size=1, max_size=30)
body_text = st.one_of(hostile_text, words.map(" ".join), st.tuples(words, hostile_text).map(lambda t: " ".join(t[0]) + t[1]))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=12,
)
record_fields = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values, "outlet": json_values, "title": json_values, "published": st.one_of(
            json_values, st.sampled_from(["2024-01-23", "2024-01-23T08:00:00Z", "2024-13-45", "yesterday"])
        ),
        "url": json_values, "text": st.one_of(body_text, json_values), "metadata": json_values,
        "byline": json_values, "language": json_values,
    },
)  # fmt: skip


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


# -- the parsers ----------------------------------------------------------------------------------

yaml_scalars = st.none() | st.booleans() | st.integers() | st.dates() | st.datetimes() | hostile_text
front_matter = st.one_of(
    st.dictionaries(
        st.sampled_from(("outlet", "published", "date", "url", "byline", "title", "id", "language", "tags")) | hostile_text,
        st.recursive(yaml_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8),
        max_size=6,
    ).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.lists(st.tuples(st.sampled_from(("published", "title", "outlet", "a")), hostile_text), max_size=4).map(
        lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs)
    ),
    hostile_text,
)  # fmt: skip


@CI
@given(front=front_matter, headline=hostile_text, body=body_text, closed=st.booleans())
def test_text_reader_on_any_front_matter_headline_and_body(front: str, headline: str, body: str, closed: bool) -> None:
    data = f"---\n{front}\n{'---' if closed else ''}\n{headline}\n{body}"
    TARGETS["text"].run(utf8(data))


@CI
@given(data=st.binary(max_size=2000))
def test_text_reader_on_any_bytes(data: bytes) -> None:
    TARGETS["text"].run(data)


@CI
@given(body=body_text, encoding=st.sampled_from(("utf-8", "utf-16", "utf-8-sig", "cp1252", "latin-1", "shift_jis")))
def test_text_reader_in_any_encoding(body: str, encoding: str) -> None:
    TARGETS["text"].run(("Headline\n" + body).encode(encoding, "replace"))


html_tags = st.sampled_from(("p", "div", "article", "main", "h1", "h2", "span", "li", "table", "td", "script", "style", "br", "a"))


@CI
@given(
    title=hostile_text,
    parts=st.lists(st.tuples(html_tags, body_text, st.booleans()), max_size=12),
    meta=st.lists(st.tuples(st.sampled_from(("og:site_name", "article:published_time", "author", "og:url")), hostile_text), max_size=4),
    canonical=st.one_of(st.none(), hostile_text, st.just("http://[::1"), st.just("https://example.org/a")),
)  # fmt: skip
def test_html_reader_on_any_tag_soup(title: str, parts: list, meta: list, canonical: str | None) -> None:
    body = "".join(f"<{tag}>{text}" + (f"</{tag}>" if close else "") for tag, text, close in parts)
    head = "".join(f'<meta property="{p}" content="{escape(v)}">' for p, v in meta)
    if canonical is not None:
        head += f'<link rel="canonical" href="{escape(canonical)}">'
    TARGETS["html"].run(utf8(f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"))


@CI
@given(data=st.binary(max_size=2000))
def test_html_reader_on_any_bytes(data: bytes) -> None:
    TARGETS["html"].run(data)


jsonl_lines = st.one_of(
    record_fields.map(lambda r: json.dumps(r, ensure_ascii=False)),
    json_values.map(json.dumps),
    hostile_text,
    st.sampled_from(('{"text": "a\\ud800b"}', '{"text": "x", "n": ' + "9" * 5000 + "}", "[" * 5000 + "]" * 5000)),
)


@CI
@given(lines=st.lists(jsonl_lines, max_size=8))
def test_jsonl_reader_on_any_lines(lines: list[str]) -> None:
    TARGETS["jsonl"].run(utf8("\n".join(lines)))


@CI
@given(doc=st.one_of(
    st.lists(record_fields, max_size=5), st.fixed_dictionaries({"articles": st.lists(record_fields, max_size=5)}),
    record_fields, json_values,
))  # fmt: skip
def test_json_reader_on_any_document(doc: object) -> None:
    TARGETS["json"].run(utf8(json.dumps(doc, ensure_ascii=False)))


@CI
@given(
    header=st.lists(st.one_of(st.sampled_from(("id", "outlet", "title", "published", "url", "text")), hostile_text), max_size=7),
    rows=st.lists(st.lists(body_text, max_size=8), max_size=6),
    tail=hostile_text,
)  # fmt: skip
def test_csv_reader_on_any_table(header: list[str], rows: list[list[str]], tail: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    TARGETS["csv"].run(utf8(buffer.getvalue() + tail))


feed_dates = st.one_of(
    hostile_text, st.sampled_from(("Tue, 23 Jan 2024 08:00:00 GMT", "2024-01-23T08:00:00Z", "Tue, 23 Jan 99999 08:00:00 GMT",
                                   "Mon, 31 Feb 2024 25:61:61 +9999", "0000-00-00T00:00:00Z")),
)  # fmt: skip
feed_entries = st.lists(
    st.tuples(hostile_text, body_text, feed_dates, st.sampled_from(("", "&#xd800;", "&#0;", "<![CDATA[<p>x</p>]]>", "&e;"))),
    max_size=5,
)


@CI
@given(entries=feed_entries, atom=st.booleans(), title=hostile_text)
def test_feed_reader_on_any_entries(entries: list, atom: bool, title: str) -> None:
    if atom:
        items = "".join(
            f"<entry><title>{escape(t)}</title><updated>{escape(d)}</updated>"
            f'<content type="html">{escape(b)}{raw}</content></entry>'
            for t, b, d, raw in entries
        )
        feed = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>{items}</feed>'
    else:
        items = "".join(
            f"<item><title>{escape(t)}</title><pubDate>{escape(d)}</pubDate><description>{escape(b)}{raw}</description></item>"
            for t, b, d, raw in entries
        )
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>{items}</channel></rss>'
    TARGETS["feed"].run(utf8(feed))


@CI
@given(data=st.binary(max_size=2000))
def test_feed_reader_on_any_bytes(data: bytes) -> None:
    TARGETS["feed"].run(data)


# -- the compare engine ---------------------------------------------------------------------------

#: The pairs the brief names: empty, one word, only quotes, unbalanced quotation marks,
#: right-to-left and mixed scripts, control characters, emoji.
HOSTILE_BODIES = {
    "empty": "",
    "one word": "Strikes",
    "one word with a stop": "Strikes.",
    "only quotes": '"“”‘’«»"\'\'"',
    "only quote marks and spaces": '" " “ ” \' \' « »',
    "unbalanced open": 'Austin said: "We will respond. We do not seek conflict. The attacks must stop.',
    "unbalanced close": 'We will respond," Austin said." The attacks must stop”.',
    "nested and crossed": '“He said ‘we will “respond” and’ left” she wrote ‘ends',
    "right to left": "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 17 \u0635\u0627\u0631\u0648\u062e\u0627 \u0623\u0637\u0644\u0642\u062a \u064a\u0648\u0645 \u0627\u0644\u0623\u062d\u062f.",
    "mixed scripts": "Austin \u0642\u0627\u0644 that \u05d4\u05de\u05ea\u05e7\u05e4\u05d4 hit \u5317\u4eac on Sunday, 17 missiles \u202eSaturday\u202c.",
    "control characters": "Strikes\x07 hit\x1b[31m the base\x0b on Sunday.\x0c Four \x08troops were hurt.",
    "emoji": "Strikes \U0001f4a5 hit the base \U0001f1fa\U0001f1f8 on Sunday \U0001f468\u200d\U0001f469\u200d\U0001f467. \"We \U0001f44d\U0001f3fd respond,\" he said.",
    "combining marks": "Stri\u0301kes hi\u0308t the ba\u0302se on Su\u0301nday.",
    "digits only": "17 2,500 900 150 4 3 2024",
    "punctuation only": "... !!! ??? ,,, ;;; ::: --- ***",
}
EXAMPLE_BODY = (REPO / "examples" / "airstrikes-iraq" / "000_91ce66356fd37ad2.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(HOSTILE_BODIES))
def test_compare_on_hostile_text_against_the_example(kind: str) -> None:
    """The compare engine takes each hostile body against a real report without crashing."""
    hostile = f"Headline\n{HOSTILE_BODIES[kind]}\n".encode()
    TARGETS["compare"].run(hostile + PAIR_SEPARATOR + EXAMPLE_BODY.encode())
    TARGETS["compare"].run(hostile + PAIR_SEPARATOR + hostile.replace(b"Headline", b"Other headline"))


@CI_COMPARE
@given(a=body_text, b=body_text)
def test_compare_on_any_pair_of_texts(a: str, b: str) -> None:
    TARGETS["compare"].run(utf8(f"Strikes hit bases\n{a}") + PAIR_SEPARATOR + utf8(f"Strikes hit bases\n{b}"))


# -- the targets themselves ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in TARGETS if n != "compare"])
def test_every_parser_seed_reads_as_articles(name: str) -> None:
    """The generated seeds are valid inputs: a fuzzer starting from them starts inside the reader."""
    source = {"text": "s.txt", "html": "s.html", "jsonl": "s.jsonl", "json": "s.json", "csv": "s.csv", "feed": "s.xml"}[name]
    for seed in TARGETS[name].seeds():
        assert read_checked(seed, source), f"{name} seed read as no article: {seed[:80]!r}"


def test_the_checks_catch_a_broken_promise() -> None:
    """The fuzz checks fail on what they guard against (else the fuzzers could not find it)."""
    with pytest.raises(FuzzFailure, match="not one line"):
        check_message("file.txt: two\nlines")
    with pytest.raises(FuzzFailure, match="characters"):
        check_message("file.txt: " + "x" * 1000, "file.txt")
    from fuzz.targets import check_raw

    with pytest.raises(FuzzFailure, match="cannot write"):
        check_raw(RawArticle(source="s", title="t", text="a\ud800b"))


# -- a bounded atheris pass ------------------------------------------------------------------------

#: Inputs per target in the CI pass: a few seconds each, the same inputs every run (seed 1).
CI_RUNS = {"text": 1500, "html": 300, "jsonl": 4000, "json": 4000, "csv": 800, "feed": 300, "compare": 10}


@pytest.mark.parametrize("name", list(TARGETS))
def test_bounded_fuzz_pass(name: str, tmp_path: Path) -> None:
    """``python -m fuzz --runs N --seed 1 TARGET`` from the generated seeds finds no crash."""
    proc = subprocess.run(
        [sys.executable, "-m", "fuzz", "--runs", str(CI_RUNS[name]), "--seconds", "20", "--seed", "1",
         "--corpus", str(tmp_path / "corpus"), "--artifacts", str(tmp_path / "artifacts"), name],
        capture_output=True, text=True, cwd=REPO, env=cli_env(), timeout=300, check=False,
    )  # fmt: skip
    log = tmp_path / "artifacts" / f"{name}.log"
    detail = log.read_text(errors="replace")[-3000:] if log.exists() else proc.stderr
    assert proc.returncode == 0, detail
    runs = re.match(rf"{name}: ([\d,]+) inputs in \d+ s, no crash$", proc.stdout.strip())
    assert runs is not None and int(runs.group(1).replace(",", "")) > len(TARGETS[name].seeds()), proc.stdout
    assert "seed-00" in {p.name for p in (tmp_path / "corpus" / name).iterdir()}


# -- crashes fuzzing found, kept as regression tests ------------------------------------------------


def read_one(data: bytes, source: str) -> list[RawArticle | IngestFailure]:
    return list(read_data(data, source, IngestOptions(fetch_links=False)))


def test_csv_header_with_a_line_break_in_a_column_name_gives_a_one_line_error() -> None:
    """Found by atheris (csv): the error listed the columns as they were, line breaks and all."""
    with pytest.raises(InputError) as raised:
        read_one(b'id,"head\nline",title\nr1,x,y\n', "c.csv")
    check_message(str(raised.value), "c.csv")
    assert raised.value.problem == "CSV has no 'text' column (columns: id, 'head\\nline', title); use --map text=COLUMN"


def test_csv_with_many_long_columns_names_ten_of_them() -> None:
    header = ",".join(f"column-{i}-" + "x" * 40 for i in range(30))
    with pytest.raises(InputError) as raised:
        read_one((header + "\n").encode(), "c.csv")
    check_message(str(raised.value), "c.csv")
    assert raised.value.problem.endswith(", ... (30 in all)); use --map text=COLUMN")


def test_lone_surrogate_escape_in_a_jsonl_record_is_a_failure_not_an_unstorable_article() -> None:
    """Found by hypothesis (jsonl): "\\ud800" decoded to a lone surrogate, which the store
    and spaCy cannot encode, so ingest crashed after the reader had accepted the record."""
    items = read_one(b'{"text": "Body \\ud800 text"}\n{"text": "Fine body text"}\n', "s.jsonl")
    assert [type(i).__name__ for i in items] == ["IngestFailure", "RawArticle"]
    assert str(items[0]) == "s.jsonl:1: record holds invalid Unicode (unpaired surrogate U+D800)"


def test_a_huge_published_value_is_quoted_short() -> None:
    """Found by hypothesis (json): the error quoted the whole value of ``published``."""
    (failure,) = read_one(json.dumps({"text": "Body", "published": ["x" * 5000, {"a": 1}]}).encode(), "p.json")
    assert isinstance(failure, IngestFailure)
    check_message(str(failure), failure.source)
    assert failure.problem == "published ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... is not an ISO date (YYYY-MM-DD)"


def test_an_integer_of_5000_digits_in_a_jsonl_record_is_a_failure() -> None:
    """Python refuses to read integers over 4,300 digits with ValueError, not JSONDecodeError."""
    (failure,) = read_one(b'{"text": "Body", "n": ' + b"9" * 5000 + b"}\n", "n.jsonl")
    assert isinstance(failure, IngestFailure)
    assert failure.problem.startswith("malformed JSON ('Exceeds the limit (4300 digits)")


def test_a_surrogate_character_reference_in_a_broken_feed_is_an_input_error() -> None:
    """Found by hypothesis (feed): feedparser's lenient parser raised UnicodeEncodeError on
    "&#xd800;" in a feed that is not well-formed XML."""
    feed = b"<rss><channel><item><title>x</title><description>&#xd800; hi</description></item></channel></rss>"
    with pytest.raises(InputError) as raised:
        read_one(feed, "f.xml")
    assert raised.value.problem == "not an RSS/Atom feed: the XML could not be read (UnicodeEncodeError)"


def test_a_feed_entry_dated_year_zero_is_read_undated() -> None:
    """Found by hypothesis (feed): "0000-00-00T00:00:00Z" parsed to year -1, and building the
    datetime raised ValueError."""
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>T</title>'
        b"<pubDate>0000-00-00T00:00:00Z</pubDate><description>Entry says things.</description></item></channel></rss>"
    )
    (article,) = read_one(feed, "f.xml")
    assert isinstance(article, RawArticle) and article.published is None and article.text == "Entry says things."


def test_front_matter_with_an_impossible_date_is_an_input_error() -> None:
    """YAML reads 2024-13-45 as a timestamp and raises ValueError building it."""
    with pytest.raises(InputError) as raised:
        read_one(b"---\npublished: 2024-13-45\n---\nHeadline\nBody.\n", "d.txt")
    assert raised.value.problem == "front matter has a value YAML cannot read ('month must be in 1..12')"
