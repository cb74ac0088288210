"""The neutral summary: what all outlets agree on, what is disputed, what one outlet adds.

Nothing in it is written by newsprism beyond fixed connecting words: each sentence
either quotes a source sentence whole, naming who reports it, or is a contradiction's
own summary (which quotes both values). Where several outlets say the same thing, the
least loaded wording is chosen. Every sentence lists its sources and the evidence
spans it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.align import AlignOptions
from newsprism.model import (
    AGREED,
    CONTRADICTION,
    DISPUTED,
    OMISSION,
    SINGLE_SOURCE,
    AlignmentLink,
    Article,
    Evidence,
    Finding,
    SummarySentence,
)

#: At most this many agreed sentences, and single-source ones per article.
MAX_AGREED = 6
MAX_SINGLE = 2
#: A single-source sentence must carry facts (omission score, see ``_findings``).
MIN_SINGLE_SCORE = 0.4


def summarize(
    articles: Sequence[Article],
    links: Sequence[AlignmentLink],
    findings: Sequence[Finding],
    framing: dict[str, Any],
    quoted: dict[str, list[tuple[int, int]]] | None = None,
) -> tuple[SummarySentence, ...]:
    """Agreed sentences first, then disputed facts, then what single outlets add.

    ``quoted`` (per article id, the spans of direct quotes) keeps quoted statements
    out of the agreed part: they are the speaker's words, which the quote findings
    compare; the summary states what the outlets report.
    """
    by_id = {a.id: a for a in articles}
    disputed = [f for f in findings if f.kind == CONTRADICTION]
    contested = {(s["article"], s["start"]) for f in disputed for s in f.details.get("sentences", [])}
    loaded = _loaded_scores(framing)
    skip = contested | _quoted_sentences(articles, quoted or {})
    return (
        tuple(_agreed(articles, links, skip, loaded, by_id))
        + tuple(_disputed(f) for f in disputed)
        + tuple(_single(articles, findings, by_id))
    )


def _names(articles: Sequence[Article]) -> str:
    names = [a.name for a in articles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _loaded_scores(framing: dict[str, Any]) -> dict[tuple[str, int], float]:
    """How charged each sentence's own wording is (from the loaded-language table)."""
    scores: dict[tuple[str, int], float] = {}
    for article_id, profile in framing.get("loaded_language", {}).items():
        for entry in profile.get("sentences", []):
            scores[(article_id, entry["sentence"])] = float(entry.get("score", 0.0))
    return scores


def _quoted_sentences(articles: Sequence[Article], quoted: dict[str, list[tuple[int, int]]]) -> set[tuple[str, int]]:
    """(article, sentence start) of every sentence that overlaps a direct quote."""
    out = set()
    for article in articles:
        for s in article.sentences:
            if any(start < s.end and s.start < end for start, end in quoted.get(article.id, [])):
                out.add((article.id, s.start))
    return out


def _components(links: Sequence[AlignmentLink], strong: float) -> list[set[tuple[str, int]]]:
    """Groups of sentences tied by strong links (union-find over sentence refs)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        if link.similarity >= strong:
            a, b = (link.a.article, link.a.sentence), (link.b.article, link.b.sentence)
            parent[root(a)] = root(b)
    groups: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for node in list(parent):
        groups.setdefault(root(node), set()).add(node)
    return list(groups.values())


def _agreed(
    articles: Sequence[Article],
    links: Sequence[AlignmentLink],
    skip: set[tuple[str, int]],
    loaded: dict[tuple[str, int], float],
    by_id: dict[str, Article],
) -> list[SummarySentence]:
    order = {a.id: i for i, a in enumerate(articles)}
    out = []
    for group in _components(links, AlignOptions().high):
        if {a for a, _ in group} != set(by_id):
            continue
        refs = sorted(group, key=lambda r: (order[r[0]], r[1]))
        if any((a, by_id[a].sentences[i].start) in skip for a, i in refs):
            continue
        choice = min(refs, key=lambda r: (loaded.get(r, 0.0), order[r[0]], r[1]))
        out.append((order[refs[0][0]], refs[0][1], choice, refs))
    out.sort(key=lambda item: (item[0], item[1]))
    sentences = []
    for _, _, (article_id, index), refs in out[:MAX_AGREED]:
        article = by_id[article_id]
        s = article.sentences[index]
        sources = tuple(dict.fromkeys(a for a, _ in refs))
        words = article.name
        text = f"Reported by {_names([by_id[a] for a in sources])} (in {words}’s words): {article.text[s.start : s.end]}"
        evidence = tuple(Evidence.of(by_id[a], by_id[a].sentences[i].start, by_id[a].sentences[i].end) for a, i in refs)
        sentences.append(SummarySentence(text, sources, AGREED, evidence))
    return sentences


def _disputed(finding: Finding) -> SummarySentence:
    sources = tuple(dict.fromkeys(e.article for e in finding.evidence))
    return SummarySentence(finding.summary, sources, DISPUTED, finding.evidence)


def _single(articles: Sequence[Article], findings: Sequence[Finding], by_id: dict[str, Article]) -> list[SummarySentence]:
    out = []
    for article in articles:
        own = [
            f for f in findings
            if f.kind == OMISSION and f.details.get("article") == article.id and f.score >= MIN_SINGLE_SCORE
        ]
        for finding in sorted(own, key=lambda f: f.details.get("rank", 0))[:MAX_SINGLE]:
            carried = [by_id[i] for i in finding.details.get("carried_by", [article.id])]
            evidence = finding.evidence[0]
            text = f"Only {_names(carried)} report{'s' if len(carried) == 1 else ''}: {evidence.text}"
            out.append(SummarySentence(text, tuple(a.id for a in carried), SINGLE_SOURCE, (evidence,)))
    return out
