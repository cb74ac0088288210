"""Who said it: one quoted statement given to two different people (short texts written for the test)."""

from __future__ import annotations

import pytest

from newsprism.compare import compare
from newsprism.ingest import build_articles
from newsprism.model import CompareResult, RawArticle

QUOTE = "We are aware of the incident involving our quarterback last night and we are gathering the facts"


def _compare(name: str, first: str, second: str) -> CompareResult:
    raws = [
        RawArticle(source=f"{name}-{o}", title="Quarterback arrested after crash", text=t, outlet=o, id=f"{name}-{o}")
        for t, o in ((first, "A"), (second, "B"))
    ]
    return compare(build_articles(raws))


def _report(attribution: str) -> str:
    return (f"The quarterback was arrested early Sunday after a crash on the interstate, police said. "
            f"“{QUOTE},” {attribution} said in a statement. He was released on bail on Sunday afternoon.")  # fmt: skip


def _speaker_findings(result: CompareResult) -> list:
    return [f for f in result.findings if f.details.get("fact") == "speaker"]


def test_the_same_words_given_to_two_holders_of_one_title_are_disputed():
    result = _compare("who", _report("team president Mark Olsen"), _report("Hawks president Carl Jensen"))
    (finding,) = _speaker_findings(result)
    assert finding.kind == "contradiction" and finding.details["confidence"] == "high"
    assert [g["text"] for g in finding.details["groups"]] == ["Mark Olsen", "Carl Jensen"]
    assert [g["articles"] for g in finding.details["groups"]] == [["who-A"], ["who-B"]]
    assert "president" in finding.details["reasons"][1]
    shown = {(e.article, e.text) for e in finding.evidence}
    assert {("who-A", "Mark Olsen"), ("who-B", "Carl Jensen"), ("who-A", QUOTE), ("who-B", QUOTE)} <= shown
    assert any(s.status == "disputed" and s.text == finding.summary for s in result.summary)


@pytest.mark.parametrize(
    "first, second",
    [
        ("Mark Olsen", "Carl Jensen"),  # no title beside either name: two people may say one line
        ("team president Mark Olsen", "team spokesman Carl Jensen"),  # a spokesman may read the president's words
        ("team president Mark Pedersen", "team president Mark Petersen"),  # one name spelt two ways
        ("team president Mark Olsen", "Olsen"),  # one person, named in full and by family name
    ],
)
def test_no_dispute_over_who_when_the_outlets_may_agree(first, second):
    result = _compare("not-who", _report(first), _report(second))
    assert _speaker_findings(result) == []


def test_a_short_line_said_by_two_people_is_no_dispute():
    short = "“We are cooperating fully,” {} said."
    result = _compare("short", short.format("team president Mark Olsen"), short.format("league president Carl Jensen"))
    assert _speaker_findings(result) == []
