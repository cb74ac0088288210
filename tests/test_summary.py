"""The neutral summary: agreed, disputed, single-source; every sentence attributed."""

from __future__ import annotations

import pytest

from newsprism.compare import compare
from newsprism.ingest import build_articles, load
from newsprism.model import RawArticle

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example():
    return compare(load([str(EXAMPLE)]))


def by_status(result, status):
    return [s for s in result.summary if s.status == status]


def test_summary_order_agreed_then_disputed_then_single(example):
    order = [s.status for s in example.summary]
    assert order == sorted(order, key=["agreed", "disputed", "single-source"].index)
    assert set(order) == {"agreed", "disputed", "single-source"}


def test_every_summary_sentence_names_sources_with_exact_evidence(example):
    texts = {a.id: a.text for a in example.articles}
    for sentence in example.summary:
        assert sentence.sources and set(sentence.sources) <= set(texts)
        assert sentence.evidence
        for ev in sentence.evidence:
            assert texts[ev.article][ev.start : ev.end] == ev.text
        # nothing but fixed connecting words is added to the sources' own words
        assert any(ev.text in sentence.text or ev.text.strip("“”\"") in sentence.text for ev in sentence.evidence)


def test_example_disputed_day(example):
    [day] = by_status(example, "disputed")
    assert "“Sunday”" in day.text and "“Saturday”" in day.text
    assert set(day.sources) == {a.id for a in example.articles}


def test_example_agreed_facts_are_carried_by_all_and_not_quotes(example):
    agreed = by_status(example, "agreed")
    assert any("2,500" in s.text for s in agreed)
    ids = {a.id for a in example.articles}
    for s in agreed:
        assert set(s.sources) == ids
        assert "Sunday" not in s.text and "Saturday" not in s.text  # disputed sentences stay out
        assert "“" not in s.text.split(": ", 1)[1] and '"' not in s.text  # quoted statements stay out


def test_example_single_source_additions(example):
    single = {s.text for s in by_status(example, "single-source")}
    a, b = example.articles
    assert any("17 ballistic missiles" in t and a.outlet in t for t in single)
    assert any("Erbil" in t and b.outlet in t for t in single)


def test_least_loaded_wording_is_chosen():
    articles = build_articles([
        RawArticle(source="a", title="a", id="a", outlet="Loud",
                   text="Ruthless militants brutally slaughtered 12 helpless villagers near the border on Monday, police said."),
        RawArticle(source="b", title="b", id="b", outlet="Calm",
                   text="Militants killed 12 villagers near the border on Monday, police said."),
    ])
    result = compare(articles)
    [agreed] = by_status(result, "agreed")
    assert agreed.text.endswith("Militants killed 12 villagers near the border on Monday, police said.")
    assert "Calm’s words" in agreed.text and set(agreed.sources) == {"a", "b"}


def test_agreed_words_state_only_figures_every_outlet_states():
    """The agreed line quotes one outlet's words for all: a figure another outlet gives
    differently, or not at all, keeps those words out; a count the fact reader cannot
    read ("one touchdown") cannot be checked, so it keeps them out too."""
    def story(*texts):
        return build_articles([
            RawArticle(source=f"s{i}", title=f"t{i}", id=f"s{i}", outlet=f"Outlet {i}", text=t) for i, t in enumerate(texts)
        ])

    same = compare(story(
        "The health agency said 524 deaths were reported in the province this year.",
        "The health agency said 524 deaths were reported in the province this year, officials added.",
    ))
    assert [s.sources for s in by_status(same, "agreed")] == [("s0", "s1")]
    more = compare(story(
        "The health agency said 524 deaths and 14,000 cases were reported in the province this year.",
        "The health agency said 14,000 cases were reported in the province this year.",
    ))
    [agreed] = by_status(more, "agreed")
    assert "524" not in agreed.text and "Outlet 1’s words" in agreed.text  # only Outlet 0 gives the deaths
    assert agreed.sources == ("s0", "s1")
    unread = compare(story(
        "Mahomes finished the game with 333 passing yards and one passing touchdown, the team said.",
        "Mahomes finished the game with 333 passing yards and two passing touchdowns, the team said.",
    ))
    assert by_status(unread, "agreed") == []


def test_agreed_words_must_be_borne_out_by_every_outlets_sentences():
    """A claim can join two sentences that share a name and tell different things; the
    agreed line quotes one for all, so the others' sentences must hold most of its
    content words. A reordered rendering of one sentence does."""
    from newsprism.compare._findings import ContentWords
    from newsprism.compare.summary import _told_by_all
    from newsprism.model import Claim, ClaimSentence

    texts = {
        "a": "Two officers chased the car on Monday night. Marsh was driving the patrol car.",
        "b": "Two officers chased the car on Monday night. Officer Jon Marsh died at the scene.",
        "c": "Two officers chased the car on Monday night. The patrol car was driven by Marsh, police said.",
    }
    articles = build_articles([RawArticle(source=k, title=k, id=k, outlet=k, text=t) for k, t in texts.items()])
    by_id = {a.id: a for a in articles}

    def claim(x, y):
        carried = tuple(ClaimSentence(i, s.index, s.start, s.end, by_id[i].text[s.start : s.end])
                        for i in (x, y) for s in by_id[i].body_sentences[1:2])
        return Claim("c", carried, ())

    words = ContentWords(by_id)
    assert not _told_by_all(claim("a", "b"), "a", words) and not _told_by_all(claim("a", "b"), "b", words)
    assert _told_by_all(claim("a", "c"), "a", words)
