"""Claims: aligned sentences of all outlets grouped into statements, findings per claim.

The grouping guards are tested on real articles with hand-set similarities (the
embedding is an input of ``build_claims``); the issue's invariants are tested on the
five-outlet NewsWCL50 development stories with the real models.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from bench.claims import events, violations
from newsprism.compare import compare
from newsprism.compare.claims import build_claims
from newsprism.ingest import build_articles, load
from newsprism.model import AlignmentLink, Article, CompareResult, RawArticle, SentenceRef

from .conftest import EXAMPLE, SHARED

NEWSWCL50 = SHARED / "eval" / "newswcl50" / "articles.jsonl"


@pytest.fixture(scope="module")
def example() -> CompareResult:
    return compare(load([str(EXAMPLE)]))


@pytest.fixture(scope="module")
def newswcl50() -> dict[int, CompareResult]:
    if not NEWSWCL50.is_file():
        pytest.skip(f"NewsWCL50 not found at {NEWSWCL50} (it lives in ../shared next to the repo)")
    return {event: compare(articles) for event, articles in events().items()}


def _articles(*bodies: str) -> list[Article]:
    raws = [
        RawArticle(source=f"s{i}", title=f"t{i}", text=body, outlet=chr(65 + i), id=f"art{i}")
        for i, body in enumerate(bodies)
    ]
    return build_articles(raws)


def _link(a: Article, i: int, b: Article, j: int, similarity: float) -> AlignmentLink:
    sa, sb = a.sentences[i], b.sentences[j]
    return AlignmentLink(SentenceRef(a.id, i, sa.start, sa.end), SentenceRef(b.id, j, sb.start, sb.end), similarity)


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


# -- the grouping ------------------------------------------------------------------------------


def test_every_body_sentence_is_in_exactly_one_claim(example):
    seen = [(s.article, s.sentence) for c in example.claims for s in c.carried_by]
    assert len(seen) == len(set(seen))
    assert set(seen) == {(a.id, s.index) for a in example.articles for s in a.body_sentences}
    ids = {a.id for a in example.articles}
    for claim in example.claims:
        assert set(claim.articles) | set(claim.missing_from) == ids
        assert not set(claim.articles) & set(claim.missing_from)
        assert claim.id.startswith("c-") and len({c.id for c in example.claims}) == len(example.claims)


def test_claims_are_in_story_order_and_hold_their_facts_and_quotes(example):
    positions = [c.position for c in example.claims]
    assert positions == sorted(positions)
    bodies = {a.id: a.text for a in example.articles}
    day = next(c for c in example.claims if any(f["text"] == "Sunday" for f in c.facts))
    assert any(f["kind"] == "weekday" for f in day.facts)
    for claim in example.claims:
        for s in claim.carried_by:
            assert bodies[s.article][s.start : s.end] == s.text
        for f in claim.facts:
            assert bodies[f["article"]][f["start"] : f["end"]] == f["text"]
        for q in claim.quotes:
            assert bodies[q["article"]][q["start"] : q["end"]] == q["text"] and q["speaker"] == "Lloyd Austin"


def test_a_chain_that_drifts_to_another_statement_is_split():
    """A~B and B~C are links, but A and C say different things: C starts its own claim."""
    a, b, c = _articles(
        "The council approved the budget on Monday.",
        "On Monday the council passed its budget.",
        "Budget talks in the region went on for weeks.",
    )
    vectors = {a.id: [_unit(1, 0, 0)], b.id: [_unit(1, 0.45, 0)], c.id: [_unit(0.2, 1, 0)]}
    links = [_link(a, 0, b, 0, 0.91), _link(b, 0, c, 0, 0.55)]
    claims = build_claims([a, b, c], links, {k: np.stack(v) for k, v in vectors.items()}, {}, {})
    groups = sorted(tuple(x.articles) for x in claims)
    assert groups == [(a.id, b.id), (c.id,)]


def test_two_distant_sentences_of_one_outlet_are_not_one_claim():
    """Both link to one sentence of another outlet, but they are far apart and unalike."""
    a = _articles(
        "The storm hit the coast on Friday. Power failed in the north. Schools will reopen next week.",
    )[0]
    b = _articles("The storm reached the coast on Friday and schools will reopen next week.")[0]
    b = dataclasses.replace(b, id="other", outlet="B")
    vectors = {a.id: np.stack([_unit(1, 0, 0), _unit(0, 0, 1), _unit(0, 1, 0)]), b.id: np.stack([_unit(1, 1, 0)])}
    links = [_link(a, 0, b, 0, 0.71), _link(a, 2, b, 0, 0.70)]
    claims = build_claims([a, b], links, vectors, {}, {})
    holding_b = next(c for c in claims if "other" in c.articles)
    assert [s.sentence for s in holding_b.sentences_of(a.id)] == [0]
    assert any(c.articles == (a.id,) and c.carried_by[0].sentence == 2 for c in claims)


def test_adjacent_sentences_may_share_a_claim():
    """One outlet says in two sentences what another says in one."""
    a = _articles("The storm hit the coast on Friday. It cut power to 3,000 homes.")[0]
    b = _articles("The storm that hit the coast on Friday cut power to 3,000 homes.")[0]
    b = dataclasses.replace(b, id="other", outlet="B")
    vectors = {a.id: np.stack([_unit(1, 0.2, 0), _unit(1, 0, 0.3)]), b.id: np.stack([_unit(1, 0.1, 0.1)])}
    links = [_link(a, 0, b, 0, 0.8), _link(a, 1, b, 0, 0.75)]
    (claim,) = build_claims([a, b], links, vectors, {}, {})
    assert [s.sentence for s in claim.sentences_of(a.id)] == [0, 1]


# -- the seed pair, as claims -----------------------------------------------------------------------


def test_example_findings_point_at_their_claims(example):
    ids = {c.id for c in example.claims}
    kinds = {str(f.kind) for f in example.findings if f.claim in ids}
    # No sourcing finding here: the pair's one candidate links two different statements
    # (``test_sourcing.test_example_findings``); ``test_sourcing`` checks that one sits in its claim.
    assert {"omission", "agreement", "loaded_language"} <= kinds
    for finding in example.by_kind("omission"):
        claim = example.claim(finding.claim)
        assert finding.details["carried_by"] == list(claim.articles)
        assert finding.details["missing_from"] == list(claim.missing_from)


# -- five outlets per story (NewsWCL50 events 0-4) ------------------------------------------------


def test_newswcl50_one_finding_per_claim_statement_and_fact(newswcl50):
    for event, result in newswcl50.items():
        assert violations(result) == [], f"event {event}"
        omitted = [f.claim for f in result.by_kind("omission")]
        assert len(omitted) == len(set(omitted)) and None not in omitted


def test_newswcl50_summary_statuses_follow_claims(newswcl50):
    for event, result in newswcl50.items():
        where = {(s.article, s.start): c for c in result.claims for s in c.carried_by}
        singles = [s for s in result.summary if s.status == "single-source"]
        assert singles, f"event {event} has no single-source item to check"
        for item in singles:
            assert len(item.sources) == 1
            assert {len(where[(e.article, e.start)].articles) for e in item.evidence} == {1}, item.text
        for item in result.summary:
            if item.status == "agreed":
                assert len(item.sources) >= 2


def test_newswcl50_quote_findings_name_every_outlet_once(newswcl50):
    for result in newswcl50.values():
        for finding in result.by_kind("quote_change"):
            versions = [v["article"] for v in finding.details["versions"]]
            listed = versions + finding.details["not_quoting"]
            assert sorted(listed) == sorted(a.id for a in result.articles)
            assert finding.details["versions"][0]["change"] == "reference"


def test_newswcl50_result_is_valid_json_format_2(newswcl50):
    data = json.loads(json.dumps(newswcl50[0].to_dict()))
    assert data["format"] == 2 and len(data["claims"]) == len(newswcl50[0].claims)
