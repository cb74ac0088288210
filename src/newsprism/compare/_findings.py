"""Findings derived from aligned sentences and the facts inside them.

contradiction: aligned sentences give different values for the same fact.
agreement:     every article gives the same value for a fact.
omission:      a sentence only some articles carry, ranked by the facts it adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.compare.facts import Fact, FactPair, canonical_entity, compare_facts
from newsprism.model import (
    AGREEMENT,
    CONTRADICTION,
    OMISSION,
    QUOTE_CHANGE,
    AlignmentLink,
    Article,
    Evidence,
    Finding,
)
from newsprism.options import CompareOptions

Facts = dict[str, dict[int, list[Fact]]]

#: Weights of what a sentence carries when ranking omissions: a new number or name
#: matters more than a date, which matters more than a name both reports share.
WEIGHT = {"number": 1.0, "ordinal": 0.8, "date": 0.6, "weekday": 0.6, "new_entity": 0.8, "entity": 0.2}
#: Omission score = BASE + (1 - BASE) * min(1, weight / SATURATION).
OMISSION_BASE = 0.1
OMISSION_SATURATION = 3.0
SNIPPET = 160
#: Facts whose agreement is news: a shared name ("Iraq") in two aligned sentences is not.
AGREED_KINDS = ("number", "ordinal", "date", "weekday")




def _quoted(text: str) -> str:
    return f"“{text}”"


def _sentence_evidence(article: Article, index: int) -> Evidence:
    s = article.sentences[index]
    return Evidence.of(article, s.start, s.end)


def _fact_pairs(links: Sequence[AlignmentLink], facts: Facts):
    """Every (link, fact pair) of facts about the same thing in aligned sentences."""
    for link in links:
        left = facts[link.a.article].get(link.a.sentence, [])
        right = facts[link.b.article].get(link.b.sentence, [])
        if left and right:
            for pair in compare_facts(left, right):
                yield link, pair


def _what(fact: Fact) -> str:
    if fact.kind in ("weekday", "date"):
        return "the day"
    if fact.kind in ("number", "ordinal") and fact.unit:
        return f"the number of {_plural(fact.unit)}"
    if fact.kind == "entity":
        return "who or where"
    return "a figure"


def _plural(noun: str) -> str:
    if noun.endswith(("s", "personnel", "staff", "people", "police")):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


# -- contradictions -------------------------------------------------------------------------


def contradictions(articles: Sequence[Article], links: Sequence[AlignmentLink], facts: Facts) -> list[Finding]:
    """One finding per distinct disagreement, from its most similar pair of sentences."""
    by_id = {a.id: a for a in articles}
    best: dict[tuple, tuple[AlignmentLink, FactPair]] = {}
    for link, pair in _fact_pairs(links, facts):
        if pair.relation != "different":
            continue
        key = (
            pair.a.kind,
            pair.a.unit,
            frozenset({(link.a.article, pair.a.value), (link.b.article, pair.b.value)}),
        )
        if key not in best or link.similarity > best[key][0].similarity:
            best[key] = (link, pair)
    return [_contradiction(by_id, link, pair) for link, pair in best.values()]


def _contradiction(by_id: dict[str, Article], link: AlignmentLink, pair: FactPair) -> Finding:
    a, b = by_id[link.a.article], by_id[link.b.article]
    summary = (
        f"The reports disagree on {_what(pair.a)}: {a.name} says {_quoted(pair.a.text)}, "
        f"{b.name} says {_quoted(pair.b.text)}."
    )
    return Finding(
        kind=CONTRADICTION,
        summary=summary,
        score=round(0.5 + 0.5 * min(1.0, link.similarity), 4),
        evidence=(Evidence.of(a, pair.a.start, pair.a.end), Evidence.of(b, pair.b.start, pair.b.end)),
        details={
            "fact": pair.a.kind,
            "unit": pair.a.unit,
            "values": {a.id: pair.a.text, b.id: pair.b.text},
            "normalized": {a.id: pair.a.value, b.id: pair.b.value},
            "sentences": [
                _sentence_evidence(a, link.a.sentence).to_dict(),
                _sentence_evidence(b, link.b.sentence).to_dict(),
            ],
            "similarity": round(link.similarity, 4),
        },
    )


# -- agreements -----------------------------------------------------------------------------


@dataclass
class _Shared:
    first: Fact
    evidence: dict[str, Evidence] = field(default_factory=dict)
    sentences: dict[str, Evidence] = field(default_factory=dict)
    similarity: float = 1.0


def agreements(articles: Sequence[Article], links: Sequence[AlignmentLink], facts: Facts) -> list[Finding]:
    """Facts every article reports with the same value, in aligned sentences."""
    by_id = {a.id: a for a in articles}
    shared: dict[tuple, _Shared] = {}
    for link, pair in _fact_pairs(links, facts):
        if pair.relation != "same" or pair.a.kind not in AGREED_KINDS:
            continue
        key = (pair.a.kind, pair.a.unit, pair.a.value)
        entry = shared.setdefault(key, _Shared(pair.a))
        for ref, fact in ((link.a, pair.a), (link.b, pair.b)):
            if ref.article not in entry.evidence:
                entry.evidence[ref.article] = Evidence.of(by_id[ref.article], fact.start, fact.end)
                entry.sentences[ref.article] = _sentence_evidence(by_id[ref.article], ref.sentence)
        entry.similarity = min(entry.similarity, link.similarity)
    order = [a.id for a in articles]
    return [
        _agreement(entry, order, by_id)
        for entry in shared.values()
        if len(entry.evidence) == len(articles)
    ]


def _agreement(entry: _Shared, order: list[str], by_id: dict[str, Article]) -> Finding:
    evidence = tuple(entry.evidence[i] for i in order)
    wordings = list(dict.fromkeys(e.text for e in evidence))
    who = "Both reports" if len(order) == 2 else f"All {len(order)} reports"
    summary = f"{who} give {_what(entry.first)} as " + " / ".join(_quoted(w) for w in wordings) + "."
    return Finding(
        kind=AGREEMENT,
        summary=summary,
        score=round(min(1.0, entry.similarity), 4),
        evidence=evidence,
        details={
            "fact": entry.first.kind,
            "unit": entry.first.unit,
            "value": entry.first.value,
            "values": {i: entry.evidence[i].text for i in order},
            "sentences": [entry.sentences[i].to_dict() for i in order],
        },
    )


# -- omissions ------------------------------------------------------------------------------


def omissions(
    articles: Sequence[Article],
    links: Sequence[AlignmentLink],
    facts: Facts,
    quotes: Sequence[Finding],
    options: CompareOptions,
) -> list[Finding]:
    """Per article, the body sentences some other article has no counterpart for.

    Ranked by what they add: new numbers and names first, colour last. Quoted
    sentences already reported as a quote only one outlet carries are not repeated.
    """
    carried: dict[tuple[str, int], set[str]] = {}
    for link in links:
        carried.setdefault((link.a.article, link.a.sentence), set()).add(link.b.article)
        carried.setdefault((link.b.article, link.b.sentence), set()).add(link.a.article)
    quoted = _quote_only_spans(quotes)
    entity_keys = {a.id: _entity_keys(facts[a.id]) for a in articles}
    findings: list[Finding] = []
    for article in articles:
        others = [o for o in articles if o.id != article.id]
        elsewhere = set().union(*(entity_keys[o.id] for o in others)) if others else set()
        found = []
        for sentence in article.body_sentences:
            have = carried.get((article.id, sentence.index), set())
            missing = [o for o in others if o.id not in have]
            if not missing or _covered(quoted, article.id, sentence.start, sentence.end):
                continue
            sentence_facts = facts[article.id].get(sentence.index, [])
            score = _importance(sentence_facts, elsewhere)
            if score >= options.min_omission_score:
                found.append(_omission(article, sentence.index, sentence_facts, missing, articles, score))
        found.sort(key=lambda f: (-f.score, f.evidence[0].start))
        for rank, finding in enumerate(found[: options.max_omissions], start=1):
            finding.details["rank"] = rank
            findings.append(finding)
    return findings


def _entity_keys(per_sentence: dict[int, list[Fact]]) -> set[str]:
    return {canonical_entity(f.text) for fs in per_sentence.values() for f in fs if f.kind == "entity"}


def _importance(sentence_facts: list[Fact], elsewhere: set[str]) -> float:
    weight = 0.0
    for fact in sentence_facts:
        if fact.kind == "entity":
            weight += WEIGHT["entity" if canonical_entity(fact.text) in elsewhere else "new_entity"]
        else:
            weight += WEIGHT.get(fact.kind, 0.0)
    return round(OMISSION_BASE + (1 - OMISSION_BASE) * min(1.0, weight / OMISSION_SATURATION), 4)


def _omission(
    article: Article,
    index: int,
    sentence_facts: list[Fact],
    missing: list[Article],
    articles: Sequence[Article],
    score: float,
) -> Finding:
    evidence = _sentence_evidence(article, index)
    snippet = evidence.text if len(evidence.text) <= SNIPPET else evidence.text[: SNIPPET - 1].rstrip() + "…"
    absent = ", ".join(m.name for m in missing)
    return Finding(
        kind=OMISSION,
        summary=f"Only {article.name} reports (not {absent}): {_quoted(snippet)}",
        score=score,
        evidence=(evidence,),
        details={
            "article": article.id,
            "carried_by": [a.id for a in articles if a not in missing],
            "missing_from": [m.id for m in missing],
            "facts": [{"kind": f.kind, "text": f.text, "value": f.value} for f in sentence_facts],
        },
    )


def _quote_only_spans(quotes: Sequence[Finding]) -> list[Evidence]:
    return [
        e
        for f in quotes
        if f.kind == QUOTE_CHANGE and f.details.get("change") == "only_in_one"
        for e in f.evidence
    ]


def _covered(spans: list[Evidence], article: str, start: int, end: int) -> bool:
    """Whether most of a sentence lies inside one of the spans."""
    for span in spans:
        if span.article == article:
            overlap = min(end, span.end) - max(start, span.start)
            if overlap > 0.6 * (end - start):
                return True
    return False
