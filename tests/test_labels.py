"""label_difference: per actor, the labels each outlet uses in its own voice."""

from __future__ import annotations

import pytest

from newsprism.analysis.actors import mentions
from newsprism.analysis.quotes import extract_quotes
from newsprism.framing.labels import label_findings, label_table
from newsprism.ingest import build_articles, load
from newsprism.model import RawArticle

from .conftest import EXAMPLE


def pair(a: str, b: str):
    return build_articles([
        RawArticle(source="a", title="a", text=a, outlet="Alpha", id="a"),
        RawArticle(source="b", title="b", text=b, outlet="Beta", id="b"),
    ])


def analyse(articles):
    found = {a.id: mentions(a, extract_quotes(a)) for a in articles}
    return found, label_findings(articles, found)


def assert_exact(articles, findings):
    texts = {a.id: a.text for a in articles}
    for f in findings:
        for ev in f.evidence:
            assert texts[ev.article][ev.start : ev.end] == ev.text


@pytest.fixture(scope="module")
def example():
    articles = load([str(EXAMPLE)])
    found, findings = analyse(articles)
    return articles, found, findings


def test_example_iran_backed_militias_vs_terrorists_and_jihadists(example):
    articles, _, findings = example
    a, b = articles
    [finding] = [f for f in findings if "militia" in f.details["labels"][a.id]]
    assert finding.kind == "label_difference"
    assert finding.details["labels"] == {a.id: ["militia"], b.id: ["terrorist", "jihadist"]}
    assert finding.details["charges"] == {a.id: ["neutral"], b.id: ["pejorative"]}
    assert [e.text for e in finding.evidence] == ["Iran-backed militias", "Iranian-backed terrorists", "other Iranian-backed jihadists"]
    assert "“militias”" in finding.summary and "“terrorists”" in finding.summary
    assert_exact(articles, findings)


def test_example_labels_inside_the_quote_are_the_speakers(example):
    articles, found, _ = example
    b = articles[1]
    quoted = {m.text for m in found[b.id] if m.in_quote}
    assert "Iranian-sponsored militias" in quoted
    own = {m.label for m in found[b.id] if not m.in_quote and m.actor == "affiliation:iran"}
    assert own == {"terrorist", "jihadist"}


def test_example_label_table_lists_each_outlets_labels(example):
    articles, found, _ = example
    table = label_table(articles, found)
    iran = next(row for row in table if row["key"] == "affiliation:iran")
    words = {i: {(m["word"].lower(), m["in_quote"]) for m in ms} for i, ms in iran["labels"].items()}
    assert ("militias", False) in words[articles[0].id]
    assert {("terrorists", False), ("jihadists", False), ("militias", True)} <= words[articles[1].id]


def test_protesters_vs_rioters():
    articles = pair(
        "Thousands of anti-government protesters marched through Minsk on Sunday.",
        "Thousands of anti-government rioters marched through Minsk on Sunday.",
    )
    _, findings = analyse(articles)
    # "anti-government" is no affiliation and there is no name: nothing to group on
    assert findings == []
    articles = pair(
        "Thousands of Navalny supporters and Kremlin-backed protesters marched on Sunday.",
        "Thousands of Kremlin-backed rioters marched through the capital on Sunday.",
    )
    _, findings = analyse(articles)
    assert [f.details["labels"] for f in findings] == [{"a": ["protester"], "b": ["rioter"]}]
    assert_exact(articles, findings)


def test_same_label_in_both_is_no_finding():
    articles = pair(
        "Syrian-backed militias shelled the town overnight, residents said.",
        "Residents said Syrian-backed militias shelled the town during the night.",
    )
    found, findings = analyse(articles)
    assert findings == []
    assert all(m.label == "militia" for ms in found.values() for m in ms)


def test_two_neutral_labels_are_no_finding():
    articles = pair(
        "Hamas-affiliated groups claimed the attack.",
        "Hamas-affiliated militants claimed the attack.",
    )
    assert analyse(articles)[1] == []


def test_a_charged_label_only_inside_a_quote_is_not_the_outlets():
    articles = pair(
        'The minister said: "These Iran-backed terrorists will pay for the attack on our soldiers."',
        "The minister said the Iran-backed militias would pay for the attack on the soldiers.",
    )
    found, findings = analyse(articles)
    assert [m.in_quote for m in found["a"]] == [True]
    assert findings == []


def test_named_actor_groups_across_spellings():
    articles = pair(
        "The Kataib Hezbollah militia group claimed the strike.",
        "Kataib Hezbollah terrorists claimed the strike on Tuesday.",
    )
    _, findings = analyse(articles)
    assert [f.details["actor"] for f in findings] == ["Kataib Hezbollah"]


def test_killed_vs_died_in_matching_sentences():
    from newsprism.align import align

    articles = pair(
        "Police killed two protesters in the capital on Friday, witnesses said.",
        "Two protesters died in the capital on Friday, witnesses said.",
    )
    from newsprism.framing.labels import death_findings

    findings = death_findings(articles, align(articles))
    assert [f.details["words"] for f in findings] == [{"a": "killed", "b": "died"}]
    assert_exact(articles, findings)


def test_killed_in_both_is_no_death_finding():
    from newsprism.align import align
    from newsprism.framing.labels import death_findings

    articles = pair(
        "Police killed two protesters in the capital on Friday.",
        "Two protesters were killed by police in the capital on Friday.",
    )
    assert death_findings(articles, align(articles)) == []
