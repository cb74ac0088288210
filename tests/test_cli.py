"""The command line, end to end: what a user types and what they see.

Most runs call ``newsprism.cli.main`` in-process (``invoke``: spaCy stays loaded);
a few run ``python -m newsprism`` as a subprocess (``run_cli``) to check the real
process: exit codes, one error line, no traceback.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.model import BODY, BULLET, CAPTION, LINE_KINDS, Article
from newsprism.store import Store

MARKER = re.compile(r"\[(%s)\] " % "|".join(k for k in LINE_KINDS if k != BODY))


# -- helpers ---------------------------------------------------------------------------------


def stored(db: Path) -> list[Article]:
    with Store.open(db, read_only=True) as store:
        return list(store.iter_articles())


def snapshot(db: Path) -> tuple[int, list[str], Article]:
    """What a test compares before and after a failed run: count, ids, the last article."""
    with Store.open(db, read_only=True) as store:
        ids = store.ids()
        return store.count(), ids, store.get(ids[-1])


def table_rows(output: str) -> list[list[str]]:
    """The body rows of a rich table, cells of wrapped rows joined back together."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0]:
            rows.append(cells)
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def shown_sentences(output: str) -> list[tuple[str, str]]:
    """``(kind, text)`` of each numbered sentence ``show`` printed (wrapped lines joined)."""
    sentences: list[list[str]] = []
    for line in output.splitlines():
        numbered = re.match(r"^\s*(\d+) (.*)$", line)
        if numbered and int(numbered.group(1)) == len(sentences) + 1:
            sentences.append([numbered.group(2)])
        elif sentences and line.strip():
            sentences[-1].append(line.strip())
    result = []
    for parts in sentences:
        text = " ".join(p.strip() for p in parts)
        marker = MARKER.match(text)
        result.append((marker.group(1), text[marker.end() :]) if marker else (BODY, text))
    return result


def assert_one_error_line(result, *needles: str) -> str:
    """Exactly one ``error: ...`` line on stderr, holding every needle, and no traceback."""
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1, result.err
    (line,) = result.err_lines
    assert line.startswith("error: ")
    for needle in needles:
        assert needle in line, (needle, line)
    return line


# -- help and version ------------------------------------------------------------------------


def test_help_works_as_a_module_and_as_the_installed_command(run_cli, cli_env) -> None:
    module = run_cli("--help")
    assert module.code == 0 and module.err == ""
    for command in ("ingest", "list", "show", "export"):
        assert command in module.out
    script = Path(sys.executable).parent / "newsprism"
    assert script.exists(), "the console script is installed next to the interpreter"
    proc = subprocess.run([str(script), "--help"], capture_output=True, text=True, env=cli_env)
    assert proc.returncode == 0 and proc.stdout == module.out


def test_every_command_has_help(invoke) -> None:
    for command in ("ingest", "list", "show", "export"):
        result = invoke(command, "--help")
        assert result.code == 0, result.err
        assert "Usage:" in result.out


def test_version_is_printed(invoke) -> None:
    from newsprism import __version__

    assert invoke("--version").out.strip() == f"newsprism {__version__}"


# -- the bundled example ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory, example_dir: Path, run_cli) -> Path:
    """The bundled example ingested by a real ``newsprism ingest`` process."""
    db = tmp_path_factory.mktemp("example") / "example.duckdb"
    result = run_cli("ingest", "--db", db, example_dir)
    assert result.code == 0, result.err
    assert result.out.strip() == "ingested 2, duplicates 0, failed 0"
    return db


def example_articles(db: Path) -> dict[str, Article]:
    """The stored example articles by file name."""
    return {Path(a.source).name: a for a in stored(db)}


def test_verbose_prints_model_loading_versus_work_and_leaves_the_report_alone(example_dir, run_cli) -> None:
    """``--verbose`` (on the command or before it) adds one stderr line naming each model
    loaded and its seconds; the report on stdout is the same as without it."""
    files = sorted(str(p) for p in example_dir.glob("*.txt"))
    plain = run_cli("compare", *files)
    verbose = run_cli("compare", "--verbose", *files)
    root = run_cli("--verbose", "list", "--db", example_dir / "missing.duckdb")
    assert plain.code == verbose.code == 0
    assert verbose.out == plain.out and "time:" not in plain.err
    (line,) = [l for l in verbose.err_lines if l.startswith("time:")]
    assert re.search(r"loading models \d+\.\d\d s \(.*spaCy \d+\.\d\d.*MiniLM \d+\.\d\d", line), line
    assert re.search(r"\+ working \d+\.\d\d s$", line), line
    assert root.code == 2 and root.err_lines[-1].startswith("time:") and "loading models 0.00 s" in root.err_lines[-1]


def test_example_articles_are_listed_with_outlet_title_byline_language_and_sentence_counts(example_db, example_dir, invoke) -> None:
    result = invoke("list", "--db", example_db)
    assert result.code == 0, result.err
    rows = {row[0]: row for row in table_rows(result.out)}
    assert result.out.rstrip().endswith("2 article(s)")
    for path in sorted(example_dir.glob("*.txt")):
        article = example_articles(example_db)[path.name]
        headline = path.read_text(encoding="utf-8").split("\n", 1)[0].strip()
        ident, outlet, published, title, byline, lang, body, non_body = rows[article.id]
        assert (outlet, published, title) == (path.stem, "-", headline)
        assert (byline, lang) == (article.byline or "-", article.language or "-")
        assert int(body) == len(article.body_sentences) > 10
        assert int(non_body) == len(article.sentences) - len(article.body_sentences)


def test_example_second_article_marks_captions_and_bullets(example_db, invoke) -> None:
    article = example_articles(example_db)["002_76bb4d94ef43ccb5.txt"]
    result = invoke("show", article.id, "--db", example_db)
    assert result.code == 0, result.err
    sentences = shown_sentences(result.out)
    assert [text for _, text in sentences] == [article.text[s.start : s.end] for s in article.sentences]
    captions = [text for kind, text in sentences if kind == CAPTION]
    bullets = [text for kind, text in sentences if kind == BULLET]
    assert len(captions) == 2 and len(bullets) == 3
    assert any(c.startswith("A photo taken on January 13, 2020 shows") for c in captions)
    assert any(c.startswith("US personnel suffered minor injuries") and c.endswith("on Saturday") for c in captions)
    assert bullets[0].startswith("The attack was in retaliation for ballistic missiles")
    assert bullets[2].startswith("There have been more than 150 rocket and drone attacks")
    assert {kind for kind, _ in sentences} == {BODY, CAPTION, BULLET}


def test_example_first_article_has_only_body_lines(example_db, invoke) -> None:
    article = example_articles(example_db)["000_91ce66356fd37ad2.txt"]
    result = invoke("show", article.id, "--db", example_db)
    assert result.code == 0
    assert article.title in result.out and "000_91ce66356fd37ad2" in result.out
    assert {kind for kind, _ in shown_sentences(result.out)} == {BODY}
    assert all(s.kind == BODY for s in article.sentences)


def test_example_sentences_slice_the_text_and_stay_in_their_paragraph(example_db) -> None:
    for article in stored(example_db):
        assert article.text == article.text.strip() and article.paragraphs
        for sentence in article.sentences:
            paragraph = article.paragraphs[sentence.paragraph]
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
            piece = article.text[sentence.start : sentence.end]
            assert piece == piece.strip() and "\n\n" not in piece


def test_ingesting_the_example_again_reports_duplicates(example_db, example_dir, invoke) -> None:
    before = snapshot(example_db)
    result = invoke("ingest", "--db", example_db, example_dir)
    assert (result.code, result.out.strip()) == (0, "ingested 0, duplicates 2, failed 0")
    assert snapshot(example_db) == before


def test_show_of_an_unknown_id_is_one_error_line(example_db, invoke) -> None:
    result = invoke("show", "deadbeef", "--db", example_db)
    assert result.code == 2
    assert_one_error_line(result, "no article with id 'deadbeef'", "newsprism list")


def test_listing_a_store_that_does_not_exist_is_one_error_line(tmp_path, invoke) -> None:
    result = invoke("list", "--db", tmp_path / "none.duckdb")
    assert result.code == 2
    assert_one_error_line(result, str(tmp_path / "none.duckdb"), "no store here yet")


def test_the_store_defaults_to_the_environment_variable(tmp_path, example_dir, invoke, monkeypatch) -> None:
    db = tmp_path / "from-env.duckdb"
    monkeypatch.setenv("NEWSPRISM_DB", str(db))
    assert invoke("ingest", example_dir / "000_91ce66356fd37ad2.txt").code == 0
    assert len(stored(db)) == 1


# -- quotes ----------------------------------------------------------------------------------


def test_quotes_of_a_stored_article_as_json(example_db, invoke) -> None:
    """Both quotes of the first example article, with their speaker, its kind, its
    mention and the quoted parts; every span slices the article."""
    article = example_articles(example_db)["000_91ce66356fd37ad2.txt"]
    result = invoke("quotes", article.id, "--db", example_db, "--format", "json")
    assert result.code == 0, result.err
    found = json.loads(result.out)
    assert found["article"] == article.id and len(found["quotes"]) == 2
    for quote in found["quotes"]:
        assert set(quote) == {"start", "end", "text", "speaker", "speaker_kind", "speaker_span", "cue_span", "parts", "nested_in"}
        assert article.text[quote["start"] : quote["end"]] == quote["text"]
        assert (quote["speaker"], quote["speaker_kind"]) == ("Lloyd Austin", "named_person")
        assert article.text[slice(*quote["speaker_span"])] == "Lloyd Austin"
        assert quote["parts"][0][0] == quote["start"] and quote["parts"][-1][1] == quote["end"]
    assert len(found["quotes"][1]["parts"]) == 2  # '"...," he said. "..."' is one quote
    cues = [article.text[slice(*q["cue_span"])] for q in found["quotes"]]
    assert all(c.endswith("said") for c in cues) and cues[1] == "he said", cues  # each pinned to its attribution


def test_quotes_of_a_file_as_text(example_dir, invoke) -> None:
    result = invoke("quotes", example_dir / "002_76bb4d94ef43ccb5.txt")
    assert result.code == 0, result.err
    assert "1 quote(s)" in result.out
    assert "Lloyd Austin [named person]" in result.out and "“Today, at the direction" in result.out


def test_quotes_errors_are_one_line(example_db, example_dir, invoke) -> None:
    unknown = invoke("quotes", "deadbeef", "--db", example_db)
    assert unknown.code == 2
    assert_one_error_line(unknown, "deadbeef")
    bad_format = invoke("quotes", "deadbeef", "--db", example_db, "--format", "xml")
    assert bad_format.code == 2
    assert_one_error_line(bad_format, "--format 'xml'")
    folder = invoke("quotes", example_dir)
    assert folder.code == 2
    assert_one_error_line(folder, "2 articles", "quotes reads one")


# -- list filters ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dated_db(tmp_path_factory: pytest.TempPathFactory, invoke) -> Path:
    """Three dated articles from two outlets, ingested from text files with front matter."""
    folder = tmp_path_factory.mktemp("dated")
    for name, outlet, date in [("a", "Lisbon Daily", "2024-01-10"), ("b", "Porto Herald", "2024-01-12"),
                               ("c", "Lisbon Daily", "2024-02-01")]:
        (folder / f"{name}.txt").write_text(
            f"---\noutlet: {outlet}\npublished: {date}\nsection: economy\ndesk: [{name}, rates]\n---\n"
            f"Rates story {name}\n\n"
            f"The central bank raised rates on the day, story {name} reported.\n",
            encoding="utf-8",
        )
    db = folder / "dated.duckdb"
    assert invoke("ingest", "--db", db, folder).code == 0
    return db


def listed_titles(invoke, db: Path, *args: str) -> list[str]:
    result = invoke("list", "--db", db, *args)
    assert result.code == 0, result.err
    return [row[3] for row in table_rows(result.out)]


def test_list_filters_by_outlet(dated_db, invoke) -> None:
    assert listed_titles(invoke, dated_db, "--outlet", "lisbon") == ["Rates story a", "Rates story c"]
    assert listed_titles(invoke, dated_db, "--outlet", "Herald") == ["Rates story b"]


def test_list_filters_by_inclusive_date_range(dated_db, invoke) -> None:
    assert listed_titles(invoke, dated_db, "--since", "2024-01-12") == ["Rates story b", "Rates story c"]
    assert listed_titles(invoke, dated_db, "--until", "2024-01-12") == ["Rates story a", "Rates story b"]
    assert listed_titles(invoke, dated_db, "--since", "2024-01-11", "--until", "2024-01-31") == ["Rates story b"]
    assert listed_titles(invoke, dated_db, "--limit", "1") == ["Rates story a"]


def test_list_rejects_a_date_that_is_not_a_date(dated_db, invoke) -> None:
    result = invoke("list", "--db", dated_db, "--since", "yesterday")
    assert result.code == 2
    assert_one_error_line(result, "--since 'yesterday' is not a date; use YYYY-MM-DD")


def test_list_rejects_a_negative_limit_as_a_usage_error(dated_db, invoke) -> None:
    result = invoke("list", "--db", dated_db, "--limit", "-1")
    assert result.code == 2
    assert "Traceback" not in result.err and "--limit" in result.err


# -- export ----------------------------------------------------------------------------------


@pytest.mark.parametrize("store", ["example_db", "dated_db"])
def test_export_jsonl_round_trips_through_ingest(store, request, tmp_path, invoke) -> None:
    example_db = request.getfixturevalue(store)
    out = tmp_path / "export.jsonl"
    result = invoke("export", "--db", example_db, "--out", out)
    assert result.code == 0, result.err
    to_stdout = invoke("export", "--db", example_db)
    assert to_stdout.out == out.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    originals = stored(example_db)
    assert [line["id"] for line in lines] == [a.id for a in originals]

    again = tmp_path / "again.duckdb"
    result = invoke("ingest", "--db", again, out)
    assert (result.code, result.out.strip()) == (0, f"ingested {len(originals)}, duplicates 0, failed 0")
    for original, copy in zip(originals, stored(again), strict=True):
        assert copy.id == original.id and copy.content_hash == original.content_hash
        for field in ("outlet", "title", "text", "published", "url", "byline", "language", "metadata"):
            assert getattr(copy, field) == getattr(original, field), field
        assert (copy.paragraphs, copy.sentences) == (original.paragraphs, original.sentences)


def test_export_in_an_unknown_format_is_refused(example_db, invoke) -> None:
    result = invoke("export", "--db", example_db, "--format", "xml")
    assert result.code == 2
    assert_one_error_line(result, "--format 'xml' is not supported; use jsonl")


def test_export_to_a_folder_that_does_not_exist_is_one_error_line(example_db, tmp_path, invoke) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.jsonl"
    result = invoke("export", "--db", example_db, "--out", target)
    assert result.code == 2
    assert_one_error_line(result, str(target), "cannot write")


# -- bad input -------------------------------------------------------------------------------


@pytest.fixture
def victim(example_db: Path, tmp_path: Path) -> Path:
    """A private copy of the example store for a run that is expected to fail."""
    db = tmp_path / "victim.duckdb"
    shutil.copy(example_db, db)
    return db


def bad_jsonl_line(tmp_path: Path, bad: bytes, good_lines: int = 1) -> Path:
    """A JSONL file whose line ``good_lines + 1`` is ``bad``; the other lines are good."""
    good = [json.dumps({"id": f"good-{i}", "title": f"Good {i}", "text": f"Good story number {i} is here."})
            for i in range(good_lines + 1)]
    path = tmp_path / "corpus.jsonl"
    path.write_bytes("\n".join(good[:-1]).encode() + b"\n" + bad + b"\n" + good[-1].encode() + b"\n")
    return path


BAD_INPUTS = {
    "missing-path": (lambda tmp, _: tmp / "nowhere" / "story.txt", (), "no such file or directory"),
    "empty-file": (lambda tmp, _: _write(tmp / "empty.txt", b""), (), "file is empty"),
    "blank-file": (lambda tmp, _: _write(tmp / "blank.txt", b"\n  \n\t\n"), (), "file is empty"),
    "binary-file": (lambda tmp, _: _write(tmp / "photo.txt", bytes(range(256)) * 8), (), "binary file, not text"),
    "over-max-bytes": (lambda tmp, _: _write(tmp / "long.txt", b"Headline\n" + b"word " * 1000),
                       ("--max-bytes", "1000"), "file is 5,009 bytes, over the limit of 1,000 (raise --max-bytes)"),
    "html-without-main-text": (
        lambda tmp, _: _write(tmp / "menu.html", b"<html><head><title>Menu</title></head><body><nav>"
                              b"<a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"),
        (), "no main text found in the HTML page"),
    "feed-that-is-not-xml": (lambda tmp, _: _write(tmp / "feed.xml", b"this is not a feed, just some words\n"),
                             (), "not an RSS/Atom feed"),
    "rss-file-of-garbage": (lambda tmp, _: _write(tmp / "news.rss", b"\x89PNG\r\n\x1a\n<<<>>>garbage"),
                            (), "not an RSS/Atom feed"),
    "unreachable-url": (lambda _, url: url, ("--timeout", "5"), "could not fetch it"),
    "unknown-file-kind": (lambda tmp, _: _write(tmp / "notes.md", b"# Notes\n"), (), "unknown file type '.md'"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_error_line_exit_2_and_the_store_is_untouched(case, victim, tmp_path, closed_port_url, invoke) -> None:
    make, options, problem = BAD_INPUTS[case]
    source = str(make(tmp_path, closed_port_url))
    before = snapshot(victim)
    result = invoke("ingest", "--db", victim, *options, source)
    assert result.code == 2
    line = assert_one_error_line(result, problem)
    assert line.startswith(f"error: {source}: ")
    assert snapshot(victim) == before


@pytest.mark.parametrize(
    ("bad", "problem"),
    [(b'{"id": "bad", "title": "Caf\xe9", "text": "Invalid UTF-8 inside."}', "invalid UTF-8 at byte 27"),
     (b'{"id": "bad", "title": "Broken', "malformed JSON"),
     (b'["not", "an", "object"]', "record is not a JSON object"),
     (b'{"id": "bad", "title": "No text"}', "record has no text in field 'text'")],
    ids=["invalid-utf8", "malformed-json", "not-an-object", "no-text"],
)
def test_a_bad_jsonl_line_is_reported_as_file_and_line(bad, problem, victim, tmp_path, invoke) -> None:
    path = bad_jsonl_line(tmp_path, bad)
    before = snapshot(victim)
    result = invoke("ingest", "--db", victim, path)
    assert result.code == 2
    assert_one_error_line(result, f"error: {path}:2: {problem}")
    assert snapshot(victim) == before  # the good line before it is not stored either


def test_skip_bad_stores_the_good_lines_and_exits_1(victim, tmp_path, invoke) -> None:
    path = bad_jsonl_line(tmp_path, b"{not json", good_lines=98)  # the bad one is line 99
    path.write_bytes(path.read_bytes() + b"{also: bad}\n")  # and line 101
    count_before, ids_before, last_before = snapshot(victim)
    result = invoke("ingest", "--db", victim, "--skip-bad", path)
    assert result.code == 1
    assert result.out.strip() == "ingested 99, duplicates 0, failed 2"
    assert [line.split(": ", 2)[1] for line in result.err_lines] == [f"{path}:99", f"{path}:101"]
    assert all(line.startswith("error: ") and "malformed JSON" in line for line in result.err_lines)
    with Store.open(victim, read_only=True) as store:
        assert store.count() == count_before + 99
        assert store.ids()[: len(ids_before)] == ids_before
        assert store.get(last_before.id) == last_before
        assert store.has("good-0") and store.has("good-98")


def test_skip_bad_goes_on_past_a_missing_file(victim, example_dir, tmp_path, invoke) -> None:
    missing = tmp_path / "missing.txt"
    story = tmp_path / "story.txt"
    story.write_text("A new headline\nA new story, not in the example.\n", encoding="utf-8")
    result = invoke("ingest", "--db", victim, "--skip-bad", missing, story, example_dir)
    assert result.code == 1
    assert result.out.strip() == "ingested 1, duplicates 2, failed 1"
    assert_one_error_line(result, f"error: {missing}: no such file or directory")


def test_skip_bad_exits_2_when_every_input_failed(victim, tmp_path, invoke) -> None:
    before = snapshot(victim)
    result = invoke("ingest", "--db", victim, "--skip-bad", tmp_path / "missing.txt", tmp_path / "gone.txt")
    assert result.code == 2
    assert result.out.strip() == "ingested 0, duplicates 0, failed 2"
    assert len(result.err_lines) == 2
    assert snapshot(victim) == before


def test_line_100_of_a_corpus_is_named_as_is(victim, tmp_path, invoke) -> None:
    path = bad_jsonl_line(tmp_path, b"{broken", good_lines=99)
    result = invoke("ingest", "--db", victim, path)
    assert_one_error_line(result, f"error: {path}:100: malformed JSON")


def test_a_bad_file_in_a_directory_stops_the_run_before_anything_is_stored(victim, tmp_path, invoke) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text("Good headline\nA good new story.\n", encoding="utf-8")
    (folder / "b-empty.txt").write_bytes(b"")
    before = snapshot(victim)
    result = invoke("ingest", "--db", victim, folder)
    assert result.code == 2
    assert_one_error_line(result, f"error: {folder / 'b-empty.txt'}: file is empty")
    assert snapshot(victim) == before


def test_bad_options_are_one_error_line(victim, example_dir, invoke) -> None:
    result = invoke("ingest", "--db", victim, "--map", "text", example_dir)
    assert result.code == 2
    assert_one_error_line(result, "--map 'text' is not of the form FIELD=COLUMN")
    result = invoke("ingest", "--db", victim, "--map", "body=text", example_dir)
    assert_one_error_line(result, "--map names unknown field 'body'")


def test_bad_input_in_a_real_process_is_one_line_and_no_traceback(victim, tmp_path, run_cli) -> None:
    path = bad_jsonl_line(tmp_path, b"{broken")
    before = snapshot(victim)
    result = run_cli("ingest", "--db", victim, path)
    assert result.code == 2
    assert result.err_lines == [f"error: {path}:2: malformed JSON (Expecting property name enclosed in double "
                                "quotes at column 2)"]
    assert result.out == ""
    assert snapshot(victim) == before
    skipped = run_cli("ingest", "--db", victim, "--skip-bad", path, tmp_path / "missing.txt")
    assert skipped.code == 1
    assert len(skipped.err_lines) == 2 and skipped.out.strip() == "ingested 2, duplicates 0, failed 2"


# -- the ECB+ corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ecbplus_runs(ecbplus_path: Path, tmp_path_factory: pytest.TempPathFactory, invoke):
    """The ECB+ corpus ingested twice into one store (the slow part of the suite: once)."""
    db = tmp_path_factory.mktemp("ecbplus") / "ecbplus.duckdb"
    first = invoke("ingest", "--db", db, ecbplus_path)
    second = invoke("ingest", "--db", db, ecbplus_path)
    return db, first, second


def test_ecbplus_corpus_ingests_every_article_under_its_own_id(ecbplus_runs, ecbplus_path) -> None:
    db, first, _ = ecbplus_runs
    records = [json.loads(line) for line in ecbplus_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) == 473
    assert (first.code, first.out.strip(), first.err) == (0, "ingested 473, duplicates 0, failed 0", "")
    articles = stored(db)
    assert [a.id for a in articles] == [r["id"] for r in records]
    for article, record in zip(articles, records, strict=True):
        assert (article.title, article.text, article.outlet) == (record["title"], record["text"], record["outlet"])
        assert article.sentences
        for sentence in article.sentences:
            paragraph = article.paragraphs[sentence.paragraph]
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end


def test_ecbplus_corpus_ingested_again_stores_nothing_and_reports_473_duplicates(ecbplus_runs) -> None:
    db, _, second = ecbplus_runs
    assert (second.code, second.out.strip()) == (0, "ingested 0, duplicates 473, failed 0")
    with Store.open(db, read_only=True) as store:
        assert store.count() == 473


def test_a_damaged_store_is_one_error_line(victim, invoke) -> None:
    size = victim.stat().st_size
    with victim.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xab" * (size - size // 2))
    for command in (["list"], ["export"]):
        result = invoke(*command, "--db", victim)
        assert result.code == 2
        assert_one_error_line(result, f"error: store {victim}: ")
