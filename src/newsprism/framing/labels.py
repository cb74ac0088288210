"""label_difference: who calls whom what.

The same actor is named in different words by different outlets: "Iran-backed
militias" in one, "Iranian-backed terrorists" and "jihadists" in another. The
mentions (noun phrases whose head labels an actor, with the actor they describe)
come from ``newsprism.analysis.actors``; this module groups mentions of the same
actor across articles and reports per actor the labels each outlet uses in its own
voice. Labels inside a direct quote are the speaker's: they are listed in the table
but do not count as the outlet's choice.

It also compares how matching sentences tell a death: with someone doing the
killing ("killed") or without ("died").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from newsprism.analysis.actors import NEUTRAL, Mention
from newsprism.model import LABEL_DIFFERENCE, AlignmentLink, Article, Evidence, Finding

__all__ = ["label_table", "label_findings", "death_findings"]


def label_table(articles: Sequence[Article], found: dict[str, list[Mention]]) -> list[dict]:
    """Per actor seen in at least two articles, the labels each article uses (JSON-able)."""
    actors = _by_actor(found)
    table = []
    for key, per_article in actors.items():
        if len(per_article) < 2:
            continue
        table.append({
            "actor": _display(per_article),
            "key": key,
            "labels": {
                a.id: [
                    {"label": m.label, "word": m.word, "charge": m.charge, "text": m.text, "start": m.start, "end": m.end,
                     "in_quote": m.in_quote}
                    for m in per_article.get(a.id, [])
                ]
                for a in articles
            },
        })
    return table


def _by_actor(found: dict[str, list[Mention]]) -> dict[str, dict[str, list[Mention]]]:
    actors: dict[str, dict[str, list[Mention]]] = {}
    for article_id, ms in found.items():
        for m in ms:
            actors.setdefault(m.actor, {}).setdefault(article_id, []).append(m)
    return dict(sorted(actors.items()))


def _display(per_article: dict[str, list[Mention]]) -> str:
    counts: dict[str, int] = {}
    for ms in per_article.values():
        for m in ms:
            counts[m.display] = counts.get(m.display, 0) + 1
    return max(sorted(counts), key=lambda d: counts[d])


def label_findings(articles: Sequence[Article], found: dict[str, list[Mention]]) -> list[Finding]:
    """A finding per actor and pair of articles whose own labels differ in charge."""
    by_id = {a.id: a for a in articles}
    findings = []
    for key, per_article in _by_actor(found).items():
        own = {i: [m for m in ms if not m.in_quote] for i, ms in per_article.items()}
        for left, right in combinations([a.id for a in articles if own.get(a.id)], 2):
            charges = (_charges(own[left]), _charges(own[right]))
            if charges[0] != charges[1]:
                findings.append(_finding(by_id[left], by_id[right], own[left], own[right], _display(per_article)))
    return findings


def _charges(ms: list[Mention]) -> set[str]:
    return {m.charge for m in ms}


def _labels(ms: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.label for m in ms))


def _words(ms: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.word.lower() for m in _first_per_label(ms)))


def _finding(a: Article, b: Article, left: list[Mention], right: list[Mention], actor: str) -> Finding:
    def words(ms: list[Mention]) -> str:
        return ", ".join(f"“{word}”" for word in _words(ms))


    charged = any(m.charge != NEUTRAL for m in left + right)
    evidence = tuple(
        Evidence.of(article, m.start, m.end)
        for article, ms in ((a, left), (b, right))
        for m in _first_per_label(ms)
    )
    return Finding(
        kind=LABEL_DIFFERENCE,
        summary=f"{a.name} calls the {actor} {words(left)}; {b.name} calls them {words(right)}.",
        score=0.9 if charged else 0.5,
        evidence=evidence,
        details={
            "actor": actor,
            "articles": [a.id, b.id],
            "labels": {a.id: _labels(left), b.id: _labels(right)},
            "words": {a.id: _words(left), b.id: _words(right)},
            "charges": {a.id: sorted(_charges(left)), b.id: sorted(_charges(right))},
        },
    )


def _first_per_label(ms: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for m in ms:
        seen.setdefault(m.label, m)
    return list(seen.values())


# -- how a death is told ----------------------------------------------------------------------

#: Words that tell a death with someone doing the killing, and words that tell it as
#: something that happened. "Police killed two men" and "two men died" report the
#: same deaths and frame them differently; the lists are ours.
AGENTIVE_DEATH = ("killed", "murdered", "slaughtered", "massacred", "executed", "assassinated", "gunned down", "shot dead")
NON_AGENTIVE_DEATH = ("died", "dead", "perished", "lost their lives", "lost his life", "lost her life", "deaths", "fatalities")
_DEATH = {
    word: kind
    for kind, words in (("agentive", AGENTIVE_DEATH), ("non-agentive", NON_AGENTIVE_DEATH))
    for word in words
}
_DEATH_WORD = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(_DEATH, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def death_findings(articles: Sequence[Article], links: Sequence[AlignmentLink]) -> list[Finding]:
    """Matching sentences where one outlet says the victims were killed and the other that they died."""
    by_id = {a.id: a for a in articles}
    findings: list[Finding] = []
    seen: set[tuple[str, int, str, int]] = set()
    for link in links:
        a, b = by_id[link.a.article], by_id[link.b.article]
        left = _death_words(a, link.a.start, link.a.end)
        right = _death_words(b, link.b.start, link.b.end)
        if not left or not right:
            continue
        kinds = ({_DEATH[m.group(1).lower()] for m in left}, {_DEATH[m.group(1).lower()] for m in right})
        key = (a.id, link.a.sentence, b.id, link.b.sentence)
        if kinds[0] != kinds[1] and len(kinds[0]) == len(kinds[1]) == 1 and key not in seen:
            seen.add(key)
            findings.append(_death_finding(a, b, left[0], right[0]))
    return findings


def _death_words(article: Article, start: int, end: int) -> list[re.Match]:
    return list(_DEATH_WORD.finditer(article.text, start, end))


def _death_finding(a: Article, b: Article, left: re.Match, right: re.Match) -> Finding:

    words = {a.id: left.group(1), b.id: right.group(1)}
    return Finding(
        kind=LABEL_DIFFERENCE,
        summary=(
            f"{a.name} says “{left.group(1)}” where {b.name} says “{right.group(1)}”: "
            "the same deaths, told with and without someone doing the killing."
        ),
        score=0.6,
        evidence=(Evidence.of(a, left.start(1), left.end(1)), Evidence.of(b, right.start(1), right.end(1))),
        details={
            "actor": "the deaths",
            "articles": [a.id, b.id],
            "labels": {i: [w.lower()] for i, w in words.items()},
            "words": words,
            "charges": {a.id: [_DEATH[left.group(1).lower()]], b.id: [_DEATH[right.group(1).lower()]]},
        },
    )
