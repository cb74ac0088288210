"""One framing finding per claim, per actor, per story: pairwise detections read as a whole.

The framing detectors compare two outlets at a time (two aligned sentences, two
outlets' labels for one actor). With five outlets that is up to ten findings for one
sentence of the story. Readers ask per statement ("how does each outlet source this?")
and per actor ("what does each outlet call them?"), so the pairs are merged here:

* sentence-level findings (``sourcing`` with ``scope`` "sentence", ``loaded_language``
  word choices, deaths told with or without a killer) whose evidence lies in one
  claim: one finding per kind and claim, naming every outlet's version;
* ``label_difference`` findings of one actor: one finding per actor (findings that
  already name every outlet, ``details["contrast"]``, are kept as they are, with the
  claim that holds all their evidence when there is one);
* ``sourcing`` findings of scope "article" (reliance on anonymous sources): one
  finding per story, every outlet's share.

A group of one is kept as it is, with its claim set. Merged findings keep every
evidence span of their pairs (exact, ordered by article and offset), the highest
score, and the pairs' details under ``pairs``.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from newsprism.model import LABEL_DIFFERENCE, LOADED_LANGUAGE, SOURCING, Article, Finding

#: (article id, sentence index) -> claim id.
ClaimIndex = dict[tuple[str, int], str]


def merge(findings: Sequence[Finding], articles: Sequence[Article], where: ClaimIndex) -> list[Finding]:
    """The framing findings, pairs of one claim / actor / story merged (see the module)."""
    by_id = {a.id: a for a in articles}
    groups: dict[tuple, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(_group_key(finding, by_id, where), []).append(finding)
    out = []
    for key, members in groups.items():
        claim = key[2] if key[1] == "claim" else None
        if key[1] == "own" and len(key) > 3 and key[3]:
            claim = key[3]  # a finding that names every outlet, all its evidence in one claim
        if len(members) == 1 or key[1] == "own":
            out += [dataclasses.replace(f, claim=claim) if claim else f for f in members]
        else:
            out.append(_merged(members, by_id, claim))
    return out


def _group_key(finding: Finding, by_id: dict[str, Article], where: ClaimIndex) -> tuple:
    details = finding.details
    if finding.kind == LABEL_DIFFERENCE and "contrast" in details:
        return (finding.kind, "own", id(finding), _claim_of(finding, by_id, where))
    if finding.kind == LABEL_DIFFERENCE and details.get("actor") != "the deaths":
        return (finding.kind, "actor", details.get("actor"))
    if finding.kind == SOURCING and details.get("scope") == "article":
        return (finding.kind, "story", None)
    if finding.kind == LOADED_LANGUAGE and "word" not in details:
        return (finding.kind, "own", id(finding))  # a rate finding already names every outlet
    claim = _claim_of(finding, by_id, where)
    return (finding.kind, "claim", claim) if claim else (finding.kind, "own", id(finding))


def _claim_of(finding: Finding, by_id: dict[str, Article], where: ClaimIndex) -> str | None:
    """The claim that holds all of the finding's evidence, if there is one."""
    found = set()
    for ev in finding.evidence:
        article = by_id[ev.article]
        index = bisect.bisect_right([s.start for s in article.sentences], ev.start) - 1
        if index < 0 or ev.end > article.sentences[index].end or (ev.article, index) not in where:
            return None
        found.add(where[(ev.article, index)])
    return found.pop() if len(found) == 1 else None


def _merged(members: list[Finding], by_id: dict[str, Article], claim: str | None) -> Finding:
    order = {ident: i for i, ident in enumerate(by_id)}
    articles = sorted({a for f in members for a in f.details.get("articles", [])}, key=order.__getitem__)
    evidence = sorted({e for f in members for e in f.evidence}, key=lambda e: (order[e.article], e.start, e.end))
    details: dict[str, Any] = {"scope": "claim" if claim else "story", "articles": articles}
    for f in members:
        for name, value in f.details.items():
            if isinstance(value, dict) and set(value) <= set(by_id):
                details.setdefault(name, {}).update(value)
            elif name not in ("articles", "scope") and not isinstance(value, dict | list):
                details.setdefault(name, value)
    details["pairs"] = [f.details for f in members]
    summary = _SUMMARIES[_summary_kind(members[0])](members, details, by_id)
    score = max(f.score for f in members)
    return Finding(members[0].kind, summary, score, tuple(evidence), details, claim=claim)


def _summary_kind(finding: Finding) -> str:
    if finding.kind == SOURCING:
        return "sourcing-" + finding.details.get("scope", "sentence")
    if finding.kind == LABEL_DIFFERENCE:
        return "deaths" if finding.details.get("actor") == "the deaths" else "labels"
    return "loaded"


def _names(ids: Sequence[str], by_id: dict[str, Article]) -> str:
    named = [by_id[i].name for i in ids]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


def _by_wording(values: dict[str, Any], articles: Sequence[str]) -> list[tuple[Any, list[str]]]:
    """Articles grouped by equal values, in article order."""
    groups: list[tuple[Any, list[str]]] = []
    for ident in articles:
        if ident not in values:
            continue
        for value, members in groups:
            if value == values[ident]:
                members.append(ident)
                break
        else:
            groups.append((values[ident], [ident]))
    return groups


def _labels(members: list[Finding], details: dict[str, Any], by_id: dict[str, Article]) -> str:
    parts = []
    for k, (words, ids) in enumerate(_by_wording(details.get("words", {}), details["articles"])):
        verb = "calls" if len(ids) == 1 else "call"
        target = f"the {details.get('actor')}" if k == 0 else "them"
        parts.append(f"{_names(ids, by_id)} {verb} {target} {_quoted(words)}")
    return "; ".join(parts) + "."


def _deaths(members: list[Finding], details: dict[str, Any], by_id: dict[str, Article]) -> str:
    parts = []
    for word, ids in _by_wording({i: w.lower() for i, w in details.get("words", {}).items()}, details["articles"]):
        parts.append(f"{_names(ids, by_id)} {'says' if len(ids) == 1 else 'say'} “{word}”")
    return "; ".join(parts) + ": the same deaths, told with and without someone doing the killing."


def _sourcing_sentence(members: list[Finding], details: dict[str, Any], by_id: dict[str, Article]) -> str:
    parts = []
    for source, ids in _by_wording({i: _described(s) for i, s in details.get("sources", {}).items()}, details["articles"]):
        one = len(ids) == 1
        if source is None:
            parts.append(f"{_names(ids, by_id)} {'states' if one else 'state'} it without attribution")
        else:
            parts.append(f"{_names(ids, by_id)} {'attributes' if one else 'attribute'} it to {source}")
    return "; ".join(parts) + "."


def _described(source: dict[str, Any]) -> str | None:
    """How a source reads ("“the Pentagon” (named organisation)"); None when unattributed."""
    if source.get("kind") == "unattributed":
        return None
    return f"“{source.get('text', '')}” ({source.get('kind', '').replace('_', ' ')})"


def _sourcing_article(members: list[Finding], details: dict[str, Any], by_id: dict[str, Article]) -> str:
    shares = details.get("anonymous_share", {})
    counts = details.get("attributions", {})
    ranked = sorted(shares, key=lambda i: (-shares[i], list(by_id).index(i)))
    listed = ", ".join(f"{by_id[i].name} {shares[i]:.0%} (of {counts.get(i, 0)})" for i in ranked)
    return f"Reliance on anonymous sources differs: share of their sources that are anonymous, {listed}."


def _loaded(members: list[Finding], details: dict[str, Any], by_id: dict[str, Article]) -> str:
    """"B writes “terrorists” where A and C have no charged word; D hedges with ..."."""
    choices: dict[tuple[str, str, str], list[str]] = {}
    for f in members:
        writer, other = f.details["articles"]
        choices.setdefault((writer, f.details["word"], f.details.get("category", "")), []).append(other)
    parts = []
    for (writer, word, category), others in sorted(choices.items(), key=lambda c: list(by_id).index(c[0][0])):
        others = sorted(set(others), key=list(by_id).index)
        if category == "hedge":
            parts.append(f"{by_id[writer].name} hedges with “{word}” where {_names(others, by_id)} state it without a hedge")
        else:
            parts.append(f"{by_id[writer].name} writes “{word}” where {_names(others, by_id)} use no charged word")
    return "; ".join(parts) + "."


_SUMMARIES: dict[str, Callable[[list[Finding], dict[str, Any], dict[str, Article]], str]] = {
    "labels": _labels,
    "deaths": _deaths,
    "sourcing-sentence": _sourcing_sentence,
    "sourcing-article": _sourcing_article,
    "loaded": _loaded,
}
