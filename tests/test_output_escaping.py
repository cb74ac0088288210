"""One hostile record through every output: the report formats (text, json, markdown, html),
the web API's compare formats, and the terminal (`list`, `show`, `compare`, errors).

No markup survives where it would be markup (Markdown, HTML), no escape sequence reaches
a terminal, and a one-line error stays one line whatever the file name holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.ingest import build_articles
from newsprism.model import RawArticle
from newsprism.options import ServeOptions
from newsprism.report import render
from newsprism.report._text import safe_text
from newsprism.web import create_app

from .conftest import invoke

HOSTILE_ID = "x<img src=x onerror=alert(1)>`|*"
HOSTILE_TITLE = "Bridge reopens \x1b[2J\x1b]0;pwned\x07<b>bold</b>"
HOSTILE_OUTLET = "Daily\x1b[31m <script>alert(1)</script>\u202e"
BODY = (
    "The harbour bridge reopened on Tuesday after repairs, Mayor Anna Lindqvist said.\x1b[2J "
    "\"It is safe again,\" she said. Repairs cost 40 million dollars."
)
OTHER = (
    "The harbour bridge opened again on Wednesday, officials said. \"It is finally safe,\" "
    "Mayor Anna Lindqvist said. Repairs cost 45 million dollars."
)
MARKUP = ("<img", "<script", "<b>")
SEQUENCES = ("\x1b", "\x07", "\x9b", "\u202e")


def records() -> list[dict[str, str]]:
    return [
        {"id": HOSTILE_ID, "title": HOSTILE_TITLE, "outlet": HOSTILE_OUTLET, "text": BODY},
        {"id": "plain-b", "title": "Harbour bridge opens again", "outlet": "Courier", "text": OTHER},
    ]


@pytest.fixture(scope="module")
def result():
    from newsprism.compare import compare

    raws = [RawArticle(source=f"r{i}", **r) for i, r in enumerate(records())]
    return compare(build_articles(raws))


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    corpus = folder / "hostile.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records()) + "\n", encoding="utf-8")
    db = folder / "hostile.duckdb"
    done = invoke("ingest", corpus, "--db", db)
    assert done.code == 0, done.err
    return db


def no_markup(report: str, what: str) -> None:
    for tag in MARKUP:
        assert tag not in report, (what, tag)


def no_sequences(report: str, what: str) -> None:
    for seq in SEQUENCES:
        assert seq not in report, (what, repr(seq))


def test_markdown_escapes_ids_and_every_field(result) -> None:
    report = render(result, "markdown")
    no_markup(report, "markdown")
    no_sequences(report, "markdown")
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in report  # the id, as text
    assert "`" not in report.split("## ")[0].replace("\\`", "")  # no raw backtick (code span) from the id


def test_html_has_no_markup_from_the_record(result) -> None:
    report = render(result, "html")  # the report has its own script: look for the record's tags only
    for tag in ("<img src=x", "<script>alert", "<b>bold"):
        assert tag not in report, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in report or "&lt;img src=x onerror=alert(1)" in report


def test_json_escapes_control_characters(result) -> None:
    from newsprism.report import to_json

    report = to_json(result)
    assert "\x1b" not in report and "\x07" not in report  # JSON escapes C0 controls (\u001b)
    assert json.loads(report)["articles"][0]["id"] == HOSTILE_ID  # data kept exactly


@pytest.mark.parametrize("color", [False, True])
def test_text_report_shows_no_escape_sequence_of_the_record(result, color) -> None:
    report = render(result, "text", width=100, color=color)
    assert "\x1b[2J" not in report and "\x1b]0" not in report and "\x07" not in report
    assert "\u202e" not in report and "\u241b[2J" in report  # shown as a visible picture
    if not color:
        no_sequences(report, "text")


def test_web_compare_formats(tmp_path) -> None:
    client = TestClient(create_app(ServeOptions(db=tmp_path / "w.duckdb")), base_url="http://127.0.0.1:8000")
    texts = [{"text": f"{r['title']}\n{r['text']}", "outlet": r["outlet"]} for r in records()]
    for fmt in ("json", "markdown", "html", "text"):
        response = client.post("/api/compare", params={"format": fmt}, json={"texts": texts})
        assert response.status_code == 200, response.text
        if fmt in ("markdown", "text"):  # plain text: tags are harmless there, sequences are not
            no_markup(response.text, fmt) if fmt == "markdown" else None
            no_sequences(response.text, fmt)
        elif fmt == "html":
            assert "<script>alert" not in response.text and "<b>bold" not in response.text
        else:
            assert "\x1b" not in response.text


def test_cli_list_show_compare_print_no_escape_sequence(hostile_db) -> None:
    listing = invoke("list", "--db", hostile_db)
    ids = invoke("list", "--db", hostile_db, "--ids")
    shown = invoke("show", HOSTILE_ID, "--db", hostile_db)
    compared = invoke("compare", HOSTILE_ID, "plain-b", "--db", hostile_db)
    compared_md = invoke("compare", HOSTILE_ID, "plain-b", "--db", hostile_db, "--format", "markdown")
    for what, run in (("list", listing), ("ids", ids), ("show", shown), ("compare", compared), ("md", compared_md)):
        assert run.code == 0, (what, run.err)
        no_sequences(run.out + run.err, what)
    assert "\u241b[2J" in shown.out and "Daily" in shown.out
    no_markup(compared_md.out, "compare markdown")


def test_one_line_errors_stay_one_line_whatever_the_file_name(tmp_path) -> None:
    bad = tmp_path / "bad\nerror: forged line\x1b[2J.json"
    bad.write_text("{not json", encoding="utf-8")
    result = invoke("ingest", bad, "--db", tmp_path / "e.duckdb")
    assert result.code == 2
    lines = result.err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "\x1b" not in result.err and "\u2424error: forged line" in lines[0]
    skipped = invoke("ingest", bad, tmp_path / "nothing-here.txt", "--db", tmp_path / "e.duckdb", "--skip-bad")
    assert all(line.startswith("error: ") or line.startswith("ingested") for line in skipped.err.splitlines() + skipped.out.splitlines())


def test_safe_text_keeps_offsets() -> None:
    text = "a\x1bb\x9bc\u202ed\te\nf"
    assert len(safe_text(text)) == len(text) and len(safe_text(text, one_line=True)) == len(text)
    assert "\n" in safe_text(text) and "\n" not in safe_text(text, one_line=True)
