"""Reports (text, Markdown, JSON) and the ``compare`` command end to end."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newsprism.compare import compare
from newsprism.ingest import build_articles, load
from newsprism.model import Finding, FindingKind, RawArticle
from newsprism.report import render
from newsprism.report._common import kinds_in_order
from newsprism.report._markdown import escape

from .conftest import EXAMPLE, invoke, run_cli

FILES = sorted(str(p) for p in EXAMPLE.glob("*.txt"))


@pytest.fixture(scope="module")
def result():
    return compare(load(FILES))


def test_text_report_groups_findings_and_shows_both_sides(result):
    report = render(result, "text", width=160)
    assert "US stages retaliatory airstrikes" in report and "US launches airstrikes" in report
    order = [report.index(h) for h in ("Contradictions (", "Quotes worded differently (", "Only some outlets report (", "Agreements (")]
    assert order == sorted(order)
    assert "“Sunday”" in report and "“Saturday”" in report
    for kind in kinds_in_order(result):  # headings come from the registry
        assert f"{FindingKind(kind).heading} ({len(result.by_kind(kind))})" in report


def test_text_report_shows_every_version_of_a_quote(result):
    report = " ".join(render(result, "text", width=200).split())
    quote = result.by_kind("quote_change")[0]
    for version in quote.details["versions"]:
        assert f"{result.article(version['article']).name} ({version['change']})" in report
        for left_out in version["left_out"]:
            assert "left out: “" + " ".join(left_out["text"].split())[:60] in report
    names = ", ".join(result.article(a).name for a in quote.details["not_quoting"])
    assert ("not quoted by: " + names in report) == bool(names)


def test_text_report_groups_a_contradiction_by_value(result):
    report = render(result, "text", width=200)
    for group in result.by_kind("contradiction")[0].details["groups"]:
        outlets = ", ".join(result.article(a).name for a in group["articles"])
        assert f"“{group['text']}”: {outlets}" in report


def test_markdown_blocks_show_all_versions_with_changed_words(result):
    report = render(result, "markdown")
    quote = result.by_kind("quote_change")[0]
    for version in quote.details["versions"]:
        name = escape(result.article(version["article"]).name)
        assert f"> **{name}** ({version['change']}, {version['start']}–{version['end']}): " in report
    for change in quote.details["changes"]:
        for side in ("a", "b"):
            if change[f"{side}_span"] and " " not in change[side]:
                assert f"**{escape(change[side])}**" in report
    contradiction = result.by_kind("contradiction")[0]
    for group in contradiction.details["groups"]:
        title = "“" + group["text"] + "”: " + ", ".join(result.article(a).name for a in group["articles"])
        assert f"**{escape(title)}**" in report
        assert f"**{escape(group['text'])}**" in report  # the value marked in each outlet's sentence
    omission = result.by_kind("omission")[0]
    carried = ", ".join(result.article(a).name for a in omission.details["carried_by"])
    missing = ", ".join(result.article(a).name for a in omission.details["missing_from"])
    assert "_" + escape(f"carried by {carried}; missing from {missing}") + "_" in report


def test_text_report_highlights_changed_words_in_colour(result):
    report = render(result, "text", width=160, color=True)
    assert "\x1b[" in report
    plain = render(result, "text", width=160)
    assert "\x1b[" not in plain


def test_markdown_marks_changed_words(result):
    report = render(result, "markdown")
    assert report.startswith("# newsprism comparison")
    assert "## Contradictions (1)" in report
    assert "**escalatory**" in report and "**escalating**" in report


def test_markdown_escapes_article_text():
    hostile = "<script>alert(1)</script> Police said 3 people were hurt on Monday. [link](http://x) *bold*"
    arts = build_articles([
        RawArticle(source="a", title="<b>t</b>", text=hostile, id="a", outlet="A|B"),
        RawArticle(source="b", title="t", text="Police said 5 people were hurt on Monday.", id="b", outlet="B"),
    ])
    report = render(compare(arts), "markdown")
    assert "<script>" not in report and "<b>" not in report
    assert "&lt;script&gt;" in report
    assert "A\\|B" in report
    assert escape("a*b_c") == "a\\*b\\_c"


def test_json_render_is_the_contract(result):
    data = json.loads(render(result, "json"))
    assert data == json.loads(json.dumps(result.to_dict()))


def test_cli_compare_files_json(tmp_path):
    out = tmp_path / "r.json"
    res = invoke("compare", *FILES, "--format", "json", "--out", out)
    assert res.code == 0, res.err
    data = json.loads(out.read_text())
    kinds = {f["kind"] for f in data["findings"]}
    assert {"contradiction", "quote_change", "omission", "agreement"} <= kinds
    for f in data["findings"]:
        for ev in f["evidence"]:
            text = next(a["text"] for a in data["articles"] if a["id"] == ev["article"])
            assert text[ev["start"] : ev["end"]] == ev["text"]


def test_cli_compare_stored_ids_matches_files(tmp_path):
    db = tmp_path / "s.duckdb"
    assert invoke("ingest", "--db", db, str(EXAMPLE)).code == 0
    ids = invoke("list", "--db", db, "--ids").out.split()
    assert len(ids) == 2
    stored = invoke("compare", "--db", db, *ids, "--format", "json")
    direct = invoke("compare", *FILES, "--format", "json")
    assert stored.code == 0 and direct.code == 0
    assert json.loads(stored.out)["findings"] == json.loads(direct.out)["findings"]


def test_cli_compare_unknown_id_is_one_line_exit_2(tmp_path):
    db = tmp_path / "s.duckdb"
    invoke("ingest", "--db", db, FILES[0])
    res = invoke("compare", "--db", db, FILES[0], "nosuchid")
    assert res.code == 2
    assert res.err_lines == [res.err_lines[0]] and "nosuchid" in res.err_lines[0]


def test_cli_compare_needs_two_articles():
    res = invoke("compare", FILES[0])
    assert res.code == 2 and "at least two" in res.err


def test_cli_compare_bad_format():
    res = invoke("compare", *FILES, "--format", "pdf")
    assert res.code == 2 and "pdf" in res.err


def test_compare_subprocess_text_report():
    res = run_cli("compare", *FILES)
    assert res.code == 0, res.err
    assert "Contradictions (1)" in res.out and "Traceback" not in res.err


def test_cli_compare_html_alongside_the_text_report(tmp_path):
    html_file = tmp_path / "report.html"
    res = invoke("compare", *FILES, "--html", html_file)
    assert res.code == 0, res.err
    assert "Contradictions (1)" in res.out
    page = html_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Saturday" in page
    assert f"wrote {html_file}" in res.err


def test_cli_compare_unwritable_html_is_one_line(tmp_path):
    res = invoke("compare", *FILES, "--html", tmp_path / "missing-dir" / "r.html")
    assert res.code == 2 and res.err_lines[-1].startswith("error: cannot write")


def test_kinds_look_as_the_registry_says_and_unknown_ones_fall_back(result):
    odd = Finding("novel_kind", "Something new.", 0.5, result.findings[0].evidence)
    extended = dataclasses.replace(result, findings=(*result.findings, odd))
    text = render(extended, "text", width=160)
    assert "Novel kind (1)" in text and text.index("Agreements (") < text.index("Novel kind (1)")
    assert "## Novel kind (1)" in render(extended, "markdown")
    page = render(extended, "html")
    assert 'id="kind-novel_kind"' in page and ".kind-novel_kind{" not in page  # the page's grey
    assert all(f".kind-{k}{{--c:{k.colour}}}" in page for k in FindingKind)
