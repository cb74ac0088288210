"""The same-event guard (issue 15): unrelated articles are flagged at the top of every
report and in the JSON, and their contradictions are left out; same-event ones are not."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from newsprism.compare import compare
from newsprism.compare.same_event import DIFFERENT, POSSIBLY_DIFFERENT, SAME, assess
from newsprism.ingest import build_articles, load
from newsprism.model import CONTRADICTION_KINDS, Article, RawArticle
from newsprism.options import SameEventOptions
from newsprism.report import render
from tests.conftest import EXAMPLE, SHARED

# Two reports written for this test: an awards night and power cuts, each with a day and
# figures (the kind of facts a comparison would otherwise set against each other).
AWARDS = (
    "The city's film academy handed out its annual awards on Saturday night at the Palace Theatre.\n\n"
    "Director Mara Ellison won best picture for her drama about a fishing village, the film's third prize "
    "this season.\n\n"
    "About 1,200 guests attended the ceremony, which was hosted by the comedian Tom Baxter.\n\n"
    "Newcomer Jonas Prieto took the award for best actor and thanked his mother from the stage.\n\n"
    "The academy said 45 films had been submitted this year, up from 38 last year.\n\n"
    "The evening ended with a tribute to the late composer Helen Stroud."
)
BLACKOUTS = (
    "Power cuts left about 300,000 homes without electricity on Sunday as a heatwave strained the grid.\n\n"
    "The operator, Northern Grid, said demand had reached a record 52 gigawatts in the afternoon.\n\n"
    "Engineers restored supply to most districts within six hours, but hospitals ran on generators.\n\n"
    "The energy minister, Paul Okafor, ordered an inquiry into why reserve plants failed to start.\n\n"
    "Traffic lights were out across the capital, and the metro suspended service on two lines.\n\n"
    "Forecasters expect temperatures to stay above 38 degrees until Wednesday."
)


def _articles(*texts: tuple[str, str, str], published: dt.date | None = None) -> list[Article]:
    raws = [
        RawArticle(source=f"test:{outlet}", title=title, text=text, outlet=outlet, published=published, id=outlet)
        for outlet, title, text in texts
    ]
    return build_articles(raws)


@pytest.fixture(scope="module")
def unrelated():
    articles = _articles(
        ("Daily Courier", "Film academy names its winners", AWARDS),
        ("Evening Post", "Heatwave blackouts hit 300,000 homes", BLACKOUTS),
    )
    return compare(articles)


@pytest.fixture(scope="module")
def example():
    return compare(load([str(EXAMPLE)]))


def test_unrelated_pair_is_flagged_in_json_and_has_no_contradiction(unrelated) -> None:
    same = json.loads(render(unrelated, "json"))["same_event"]
    assert same["verdict"] == DIFFERENT and same["same"] is False
    assert 0.0 <= same["score"] < SameEventOptions().different_below
    assert "0 of" in same["reason"] and "contradictions are left out" in same["reason"]
    assert sorted(same["off_event"]) == sorted(a.id for a in unrelated.articles)
    assert not [f for f in unrelated.findings if f.kind in CONTRADICTION_KINDS]
    assert all(s.status != "disputed" for s in unrelated.summary)


def test_unrelated_pair_notice_is_at_the_top_of_every_report(unrelated) -> None:
    reason = unrelated.same_event["reason"]
    text = render(unrelated, "text", width=400)
    assert text.splitlines()[0].startswith("Probably not the same event")
    assert reason[:40] in text.splitlines()[0]
    md = render(unrelated, "markdown")
    lines = md.splitlines()
    assert lines[0] == "# newsprism comparison"
    assert lines[2].startswith("> **Warning:** Probably not the same event")
    page = render(unrelated, "html")
    notices = page.index('id="notices"')
    assert notices < page.index('id="views"')
    assert 'id="summary"' not in page or notices < page.index('id="summary"')
    assert re.search(r'<p class="notice notice-same-event level-different" role="alert">Probably not the same event', page)


def test_example_pair_is_the_same_event_with_its_contradictions(example) -> None:
    assert example.same_event["verdict"] == SAME and example.same_event["same"] is True
    assert example.same_event["score"] >= SameEventOptions().same_from
    assert [f for f in example.findings if f.kind in CONTRADICTION_KINDS]
    assert 'id="notices"' not in render(example, "html")
    assert "not the same event" not in render(example, "text", width=200)
    assert "Warning" not in render(example, "markdown").split("## ", 1)[0]


def test_off_event_article_among_same_event_ones_is_named_and_only_its_contradictions_go(example) -> None:
    extra = _articles(("Daily Courier", "Film academy names its winners", AWARDS))
    result = compare([*example.articles, *extra])
    same = result.same_event
    assert same["verdict"] == DIFFERENT
    assert same["off_event"] == ["Daily Courier"]
    assert same["reason"].startswith("Daily Courier shares little with the others")
    kept = [f for f in result.findings if f.kind in CONTRADICTION_KINDS]
    assert kept, "contradictions between the two same-event reports stay"
    assert all(e.article != "Daily Courier" for f in kept for e in f.evidence)


def test_without_named_entities_capitalised_names_stand_in_and_absence_decides_nothing(example) -> None:
    """Articles in languages without an entity recogniser have no entities: the example pair
    stripped of its entities is still the same event, its names read from capitalised words."""
    bare = [dataclasses.replace(a, entities=()) for a in example.articles]
    result = compare(bare)
    assert result.same_event["verdict"] == SAME
    assert result.same_event["signals"]["shared_names"]
    assert [f for f in result.findings if f.kind in CONTRADICTION_KINDS]


def test_notice_is_escaped_in_html_and_markdown(unrelated) -> None:
    hostile = dict(unrelated.same_event, reason='<script>alert(1)</script> & "x"')
    result = dataclasses.replace(unrelated, same_event=hostile, coverage=("<img src=x onerror=alert(1)>",))
    page = render(result, "html")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and 'class="notice notice-coverage level-coverage"' in page
    md = render(result, "markdown")
    assert "<script>" not in md and "<img" not in md
    text = render(result, "text", width=300)
    assert text.splitlines()[1].startswith("<img src=x")


def test_coverage_lines_follow_the_same_event_notice(unrelated) -> None:
    result = dataclasses.replace(unrelated, coverage=("German (1 article: Spiegel): quotes are not analysed.",))
    text = render(result, "text", width=300).splitlines()
    assert text[0].startswith("Probably not the same event") and text[1].startswith("German (1 article")
    md = render(result, "markdown")
    assert r"> **Note:** German \(1 article: Spiegel\)" in md
    same = dataclasses.replace(result, same_event=dict(result.same_event, verdict=SAME, same=True))
    assert render(same, "text", width=300).splitlines()[0].startswith("German (1 article")


def test_far_apart_dates_lower_the_score_and_too_little_text_is_never_called_different() -> None:
    a, b = _articles(("A", "Awards", AWARDS), ("B", "Blackouts", BLACKOUTS))
    embeddings = {a.id: _fake_vectors(len(a.body_sentences), 0), b.id: _fake_vectors(len(b.body_sentences), 0)}
    near = assess([a, b], [], embeddings)
    far_b = dataclasses.replace(b, published=dt.date(2024, 3, 1))
    far = assess([dataclasses.replace(a, published=dt.date(2024, 1, 1)), far_b], [], embeddings)
    assert far["score"] < near["score"] and far["signals"]["days_apart"] == 60
    assert "published 60 days apart" in far["reason"]
    # A two-sentence report that shares nothing: too little text to call it different.
    short = dataclasses.replace(b, sentences=b.sentences[:2])
    unlike = {a.id: _fake_vectors(len(a.body_sentences), 0), b.id: _fake_vectors(len(b.body_sentences), 1)}
    verdict = assess([a, short], [], unlike)
    assert verdict["verdict"] == POSSIBLY_DIFFERENT and "too little text to tell" in verdict["reason"]


def _fake_vectors(n: int, axis: int):
    import numpy as np

    vectors = np.zeros((n, 384), dtype=np.float32)
    vectors[:, axis] = 1.0
    return vectors


def test_web_app_shows_the_notice_and_the_api_returns_same_event(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from newsprism.options import ServeOptions
    from newsprism.web import create_app

    client = TestClient(create_app(ServeOptions(db=tmp_path / "web.duckdb")), base_url="http://127.0.0.1")
    texts = [{"outlet": "Daily Courier", "text": "Film academy names its winners\n" + AWARDS},
             {"outlet": "Evening Post", "text": "Heatwave blackouts hit 300,000 homes\n" + BLACKOUTS}]
    api = client.post("/api/compare", json={"texts": texts})
    assert api.status_code == 200, api.text[-500:]
    data = api.json()
    assert data["same_event"]["verdict"] == DIFFERENT and data["coverage"] == []
    assert not [f for f in data["findings"] if f["kind"] in CONTRADICTION_KINDS]
    form = {"text-1": texts[0]["text"], "outlet-1": "Daily Courier", "text-2": texts[1]["text"], "outlet-2": "Evening Post"}
    page = client.post("/compare", data=form)
    assert page.status_code == 200, page.text[-500:]
    assert 'class="notice notice-same-event level-different"' in page.text
    assert page.text.index('id="notices"') < page.text.index('id="views"')


EVAL = SHARED / "eval"


@pytest.mark.skipif(not (EVAL / "newswcl50" / "articles.jsonl").is_file(), reason="no evaluation data in shared/")
def test_real_same_event_pairs_are_same_and_unrelated_ones_flagged() -> None:
    """NewsWCL50 (two outlets, one event) and BASIL (one triplet) are "same"; outlets of two
    different NewsWCL50 events, or articles of two ECB+ topics, are not."""
    def records(name: str) -> dict[str, RawArticle]:
        from newsprism.ingest import read

        return {r.id: r for r in read([str(EVAL / name / "articles.jsonl")]) if isinstance(r, RawArticle)}

    wcl = records("newswcl50")
    basil = records("basil")
    ecb = records("ecbplus")
    triplet = json.loads((EVAL / "basil" / "gold_stories.json").read_text())["story_of"]
    story = sorted(triplet.items())[0][1]
    members = sorted(i for i, s in triplet.items() if s == story and i in basil)[:2]
    pairs = {
        "same": [(wcl["0_L"], wcl["0_R"]), (wcl["3_M"], wcl["3_RR"]), tuple(basil[i] for i in members)],
        "unrelated": [(wcl["0_M"], wcl["4_M"]), (ecb["ecb-1_10ecb"], ecb["ecb-37_2ecb"])],
    }
    for expected, group in pairs.items():
        for x, y in group:
            result = compare(build_articles([x, y]))
            verdict = result.same_event["verdict"]
            if expected == "same":
                assert verdict == SAME, (x.id, y.id, result.same_event)
            else:
                assert verdict != SAME, (x.id, y.id, result.same_event)
