"""The compare engine on the bundled example and on small hand-written article sets."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.compare import compare
from newsprism.errors import UsageError
from newsprism.ingest import build_articles, load
from newsprism.model import Article, CompareResult, RawArticle

from .conftest import EXAMPLE

A_ID, B_ID = "4d9563f38563400f", "5bf052296aea3d81"  # content-hash ids of 000_... and 002_...


@pytest.fixture(scope="module")
def example() -> CompareResult:
    return compare(load([str(EXAMPLE)]))


def articles(*texts: str, published: str | None = None) -> list[Article]:
    """Articles built from bodies, one outlet each (A, B, C...)."""
    raws = [
        RawArticle(source=f"t{i}", title=f"Report {i}", text=text, outlet=chr(65 + i), id=f"art{i}",
                   published=None)
        for i, text in enumerate(texts)
    ]
    return build_articles(raws)


def assert_evidence_exact(result: CompareResult) -> None:
    bodies = {a.id: a.text for a in result.articles}
    for finding in result.findings:
        assert finding.evidence, finding
        for ev in finding.evidence:
            assert bodies[ev.article][ev.start : ev.end] == ev.text
        for sentence in finding.details.get("sentences", []):
            assert bodies[sentence["article"]][sentence["start"] : sentence["end"]] == sentence["text"]
        for change in finding.details.get("changes", []):
            sides = {"a": finding.details["reference"], "b": change["article"]} if "reference" in finding.details else dict(zip(("a", "b"), finding.details["articles"], strict=True))
            for side, ident in sides.items():
                span = change[f"{side}_span"]
                if span is not None:
                    assert bodies[ident][span[0] : span[1]] == change[side]
        for version in finding.details.get("versions", []):
            assert bodies[version["article"]][version["start"] : version["end"]] == version["text"]
            for quote in version["quotes"]:
                assert bodies[version["article"]][quote["start"] : quote["end"]] == quote["text"]
            for left in version["left_out"]:
                assert bodies[finding.details["reference"]][left["start"] : left["end"]] == left["text"]
    for claim in result.claims:
        for s in claim.carried_by:
            assert bodies[s.article][s.start : s.end] == s.text
        for q in claim.quotes:
            assert bodies[q["article"]][q["start"] : q["end"]] == q["text"]
    for link in result.alignment:
        for ref in (link.a, link.b):
            sentence = next(a for a in result.articles if a.id == ref.article).sentences[ref.sentence]
            assert (sentence.start, sentence.end) == (ref.start, ref.end)


# -- the bundled example ------------------------------------------------------------------


def test_example_ids_are_the_content_hashes(example):
    assert [a.id for a in example.articles] == [A_ID, B_ID]


def test_example_sunday_saturday_contradiction(example):
    days = [f for f in example.by_kind("contradiction") if set(f.details["values"].values()) == {"Sunday", "Saturday"}]
    assert len(days) == 1
    finding = days[0]
    assert finding.details["values"] == {A_ID: "Sunday", B_ID: "Saturday"}
    # the evidence sits in the sentences about the missiles being fired
    sentences = [s["text"] for s in finding.details["sentences"]]
    assert "ballistic missiles fired Sunday" in sentences[0]
    assert "ballistic missiles fired at Al-Asad air base on Saturday" in sentences[1]
    assert "Sunday" in finding.summary and "Saturday" in finding.summary


def test_example_no_contradiction_between_agreeing_statements(example):
    for finding in example.by_kind("contradiction"):
        values = {v.lower().replace(".", "") for v in finding.details["values"].values()}
        assert len(values) > 1, finding.summary
        assert not any("four" in v for v in values), finding.summary


def test_example_quote_change_on_austin_statement(example):
    """One finding for Austin's statement, every version against the fullest (002's)."""
    (finding,) = example.by_kind("quote_change")
    assert finding.details["speaker"] == "Lloyd Austin" and finding.details["change"] == "altered"
    assert finding.details["reference"] == B_ID and finding.details["not_quoting"] == []
    reference, version = finding.details["versions"]
    assert (reference["article"], reference["change"]) == (B_ID, "reference")
    assert (version["article"], version["change"]) == (A_ID, "altered")
    pairs = {(c["b"], c["a"]) for c in version["changes"]}  # (000's words, 002's words)
    assert ("President Biden’s direction", "the direction of President Biden") in pairs
    assert ("escalatory", "escalating") in pairs
    assert ("necessary action", "whatever action is necessary") in pairs
    # 002 quotes a sentence of the statement that 000 leaves out
    assert any(left["text"].startswith("I am grateful") for left in version["left_out"])
    assert "I am grateful" in finding.summary


def test_example_omissions_include_missiles_and_erbil(example):
    omissions = example.by_kind("omission")
    missiles = [f for f in omissions if "17 ballistic missiles" in f.evidence[0].text]
    erbil = [f for f in omissions if "Erbil" in f.evidence[0].text]
    assert missiles and missiles[0].evidence[0].article == A_ID
    assert missiles[0].details["carried_by"] == [A_ID] and missiles[0].details["missing_from"] == [B_ID]
    assert erbil and erbil[0].evidence[0].article == B_ID
    # ranked: facts (numbers, new names) come before colour
    assert missiles[0].details["rank"] <= 3 and erbil[0].details["rank"] <= 3


def test_example_omissions_skip_captions_and_bullets(example):
    b = example.article(B_ID)
    non_body = [(s.start, s.end) for s in b.sentences if not s.is_body]
    for finding in example.by_kind("omission"):
        assert (finding.evidence[0].start, finding.evidence[0].end) not in non_body


def test_example_agreements_on_facilities_and_troops(example):
    values = [set(fact["values"].values()) for f in example.by_kind("agreement") for fact in f.details["facts"]]
    assert {"three facilities"} in values
    assert {"four U.S. personnel", "four US personnel"} in values
    assert any(any("2,500" in v for v in vs) for vs in values)


def test_example_evidence_slices_bodies_exactly(example):
    assert_evidence_exact(example)


def test_example_json_contract(example):
    data = json.loads(json.dumps(example.to_dict()))
    assert set(data) == {
        "newsprism", "format", "articles", "same_event", "coverage", "claims", "findings", "alignment", "framing", "summary"
    }
    assert data["format"] == 2
    assert data["same_event"]["verdict"] == "same" and data["coverage"] == []
    claim_ids = {c["id"] for c in data["claims"]}
    for claim in data["claims"]:
        assert set(claim) == {"id", "carried_by", "missing_from", "facts", "quotes"}
        for s in claim["carried_by"]:
            assert data["articles"][[a["id"] for a in data["articles"]].index(s["article"])]["text"][s["start"] : s["end"]] == s["text"]
    assert all(f["claim"] is None or f["claim"] in claim_ids for f in data["findings"])
    assert {"labels", "sourcing", "loaded_language"} <= set(data["framing"])
    assert set(data["articles"][0]) == {"id", "outlet", "title", "published", "url", "language", "text"}
    for finding in data["findings"]:
        assert {"kind", "summary", "score", "evidence"} <= set(finding)
        assert 0.0 <= finding["score"] <= 1.0
    assert data["alignment"] and set(data["alignment"][0]) == {"a", "b", "similarity"}


def test_compare_is_deterministic(example):
    again = compare(load([str(EXAMPLE)]))
    assert json.dumps(again.to_dict()) == json.dumps(example.to_dict())


# -- small hand-written sets ----------------------------------------------------------------


def test_different_count_of_the_same_thing_is_a_contradiction():
    result = compare(articles(
        "Police said 12 people were killed in the explosion at the market on Monday.\n\nThe market was closed.",
        "Police said 15 people were killed in the explosion at the market on Monday.\n\nShops stayed shut.",
    ))
    found = result.by_kind("contradiction")
    assert [f.details["values"] for f in found] == [{"art0": "12 people", "art1": "15 people"}]
    assert_evidence_exact(result)


def test_different_numbers_about_different_things_are_not_contradictions():
    result = compare(articles(
        "The fire destroyed 30 homes in the village, the fire service said.",
        "The fire service said firefighters rescued 12 people from the village.",
    ))
    assert result.by_kind("contradiction") == []


def test_agreeing_reports_give_agreement_not_contradiction():
    result = compare(articles(
        "The storm killed four people in the coastal town on Friday, officials said.",
        "Officials said four people died in the coastal town when the storm hit on Friday.",
    ))
    assert result.by_kind("contradiction") == []
    assert any("four people" in fact["values"].values() for f in result.by_kind("agreement") for fact in f.details["facts"])


def test_agreement_counts_the_outlets_that_carry_the_fact():
    """Two outlets give the same figure, a third does not report it: an agreement of
    the two and an omission naming the third, not a silence taken for agreement."""
    result = compare(articles(
        "The earthquake damaged 200 buildings in the capital, the government said.",
        "The government said 200 buildings in the capital were damaged by the earthquake.",
        "Rescue teams searched the rubble through the night for survivors.",
    ))
    (agreement,) = result.by_kind("agreement")
    assert agreement.details["carried_by"] == ["art0", "art1"]
    assert "A and B give" in agreement.summary
    omitted = [f for f in result.by_kind("omission") if f.claim == agreement.claim]
    assert omitted and omitted[0].details["missing_from"] == ["art2"]


def test_an_agreement_names_the_outlets_of_each_figure():
    """One claim, two figures, not given by the same outlets: each figure names its own
    ("All 3 reports give" only when all three give every figure, and "all 3 reports"
    after the first clause)."""
    third = "Five Indians were among the passengers on board, the airport authority said."
    summaries = []
    for counts in ("Five Indians and four Russians", "Four Russians and five Indians"):
        result = compare(articles(
            f"{counts} were among the passengers, the airport authority said.",
            f"{counts} were on board the plane, the airport authority said.",
            third,
        ))
        (agreement,) = result.by_kind("agreement")
        summaries.append(agreement.summary)
    indians_first, russians_first = summaries
    assert indians_first.startswith("All 3 reports give the number of Indians as")
    assert "; A and B give the number of Russians as" in indians_first
    assert russians_first.startswith("A and B give the number of Russians as")
    assert "; all 3 reports give the number of Indians as" in russians_first  # mid-sentence: no capital


def test_a_counted_proper_noun_keeps_its_capital_and_a_shouted_noun_does_not():
    """"the number of Russians", as the reports write them; a count in a headline set in
    capitals is named in lower case ("the number of children", not "Children")."""
    from newsprism.analysis.facts import Fact
    from newsprism.compare._findings import _what

    def count(text: str, unit: str) -> Fact:
        return Fact(kind="number", start=0, end=len(text), text=text, value="4", unit=unit)

    assert _what(count("four Russians", "russian")) == "the number of Russians"
    assert _what(count("FOUR CHILDREN", "child")) == "the number of children"
    assert _what(count("Four children", "child")) == "the number of children"


def test_an_agreement_names_what_each_figure_is_of_in_plain_words():
    """A count of an irregular noun in its plural ("children", not "childs"), a sum of
    money as an amount, a year as a year (not "the day")."""
    result = compare(articles(
        "Three children were hurt when the bridge fell in 2019, and the city paid $40,000 to their families.",
        "The city paid $40,000 to the families of three children hurt when the bridge fell in 2019.",
    ))
    summaries = " ".join(f.summary for f in result.by_kind("agreement"))
    assert "the number of children as" in summaries  # "Three children": no capital after the first word
    assert "the amount of money as “$40,000”" in summaries
    assert "the year as “2019”" in summaries
    assert "childs" not in summaries and "usds" not in summaries


def test_omission_with_facts_ranks_above_colour():
    shared = "The company announced on Monday that it will close its factory in Leeds."
    result = compare(articles(
        shared + "\n\nThe closure will cost 450 jobs, union leader Mark Evans said.\n\nIt was a grey morning.",
        "On Monday the company announced it would close its Leeds factory.",
    ))
    ranked = [f for f in result.by_kind("omission") if f.details["carried_by"] == ["art0"]]
    assert [f.evidence[0].text for f in ranked][:2] == [
        "The closure will cost 450 jobs, union leader Mark Evans said.",
        "It was a grey morning.",
    ]
    assert ranked[0].score > ranked[1].score
    assert all(f.details["missing_from"] == ["art1"] for f in ranked)


def test_identical_articles_have_no_differences():
    text = "The minister resigned on Thursday after 18 months in office, her office said."
    result = compare(articles(text, text + " "))
    assert {f.kind for f in result.findings} == {"agreement", "shared_copy"}  # the same text is one source


def test_compare_needs_two_articles():
    with pytest.raises(UsageError):
        compare(articles("Only one report here, with one sentence."))


# -- evidence property ------------------------------------------------------------------------

SENTENCES = [
    "The plane landed in Paris on Sunday with 120 passengers.",
    "The plane landed in Paris on Saturday with 140 passengers.",
    "“We are relieved,” the airline’s chief Ana Costa said.",
    "\"We are very relieved,\" Ana Costa said.",
    "Two passengers were treated for minor injuries.",
    "An investigation has been opened.",
    "Émoji 🚀 and العربية text sit here.",
    "\"Unbalanced quote here.",
    "",
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5),
    st.sampled_from(["\n\n", " ", "\n"]),
)
def test_every_evidence_span_slices_the_body(left, right, joiner):
    texts = [joiner.join(left).strip() or "Nothing.", joiner.join(right).strip() or "Nothing here."]
    result = compare(articles(*texts))
    assert_evidence_exact(result)


def test_wire_copy_is_one_source_not_confirmation(example):
    """A second outlet running the same agency copy is flagged, with the shared paragraphs as evidence."""
    import dataclasses

    original, other = example.articles
    wire = dataclasses.replace(original, id="wire-copy", outlet="wire.example", title=original.title + " (AP)")
    result = compare([original, other, wire])
    copies = [f for f in result.findings if f.kind == "shared_copy"]
    assert len(copies) == 1
    finding = copies[0]
    assert finding.details["articles"] == [original.id, "wire-copy"]
    assert finding.details["shared_paragraphs"] >= 3 and finding.details["jaccard"] >= 0.8
    assert "not independent confirmation" in finding.summary
    assert {e.article for e in finding.evidence} == {original.id, "wire-copy"}
    assert result.findings[0].kind == "shared_copy"  # said first
    assert_evidence_exact(result)
    assert not [f for f in example.findings if f.kind == "shared_copy"]  # the two real reports are not copies
    from newsprism.report import render

    assert "Shared copy" in render(result, "markdown") and "Shared copy" in render(result, "html")


def test_an_outlet_that_tells_the_claim_in_other_words_is_not_said_to_leave_it_out():
    from newsprism.analysis.facts import sentence_facts
    from newsprism.compare._findings import omissions
    from newsprism.model import Claim, ClaimSentence
    from newsprism.options import CompareOptions

    a, b, c = articles(
        "The mayor and his wife Stacy have two young sons.",
        "The news conference was attended by the mayor's wife, Stacey, and their two young sons.",
        "The council met on Tuesday to discuss the budget.",
    )
    s = a.sentences[0]
    # As if the aligner had not linked b's sentence: the claim names b and c as missing it.
    claim = Claim("c1", (ClaimSentence(a.id, 0, s.start, s.end, a.text[s.start : s.end]),), (b.id, c.id))
    facts = {x.id: sentence_facts(x) for x in (a, b, c)}
    (finding,) = omissions([a, b, c], [claim], facts, [], CompareOptions())
    assert finding.details["missing_from"] == [c.id]  # b tells it: most of its words are in b's sentence


@pytest.mark.parametrize(("similarity", "reported"), [(0.9, True), (0.55, False)])
def test_an_omission_needs_its_outlets_joined_by_a_strong_link(similarity, reported):
    # Two outlets' loosely alike sentences may be two facts: who leaves "it" out would be a guess.
    from newsprism.analysis.facts import sentence_facts
    from newsprism.compare._findings import omissions
    from newsprism.model import AlignmentLink, Claim, ClaimSentence, SentenceRef
    from newsprism.options import CompareOptions

    a, b, c = articles(
        "The party called it the Akin plank in a statement on Tuesday.",
        "Akin's remark about rape caused outrage across the party on Tuesday.",
        "The council met on Tuesday to discuss the budget.",
    )
    sa, sb = a.sentences[0], b.sentences[0]
    claim = Claim("c1", (
        ClaimSentence(a.id, 0, sa.start, sa.end, a.text[sa.start : sa.end]),
        ClaimSentence(b.id, 0, sb.start, sb.end, b.text[sb.start : sb.end]),
    ), (c.id,))  # fmt: skip
    link = AlignmentLink(SentenceRef(a.id, 0, sa.start, sa.end), SentenceRef(b.id, 0, sb.start, sb.end), similarity)
    facts = {x.id: sentence_facts(x) for x in (a, b, c)}
    found = omissions([a, b, c], [claim], facts, [], CompareOptions(), [link])
    assert [f.details["missing_from"] for f in found] == ([[c.id]] if reported else [])
