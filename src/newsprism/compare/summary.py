"""The neutral summary: what outlets agree on, what is disputed, what one outlet adds.

Nothing in it is written by newsprism beyond fixed connecting words: each sentence
either quotes a source sentence whole, naming who reports it, or is a contradiction's
own summary (which quotes every value). Statuses follow claims: ``agreed`` only for a
claim two or more outlets carry, tied by strong alignment links, disputed by none, and
told by one outlet in words that every other outlet's sentences of the claim bear out
(their figures, ``_fits_all``, and most of their content words, ``_told_by_all``):
those words are quoted for all;
``single-source`` only for a claim exactly one outlet carries. Only contradictions of
"high" confidence are ``disputed``; a possible one keeps its claim out of ``agreed``. Where several outlets
say the same thing, the least loaded wording is chosen. Every sentence lists its
sources and the evidence spans it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsprism import nlp
from newsprism.analysis.facts import NUMBER_WORDS
from newsprism.compare._findings import AGREED_KINDS, ContentWords, names
from newsprism.model import (
    AGREED,
    CONTRADICTION,
    CONTRADICTION_KINDS,
    DISPUTED,
    OMISSION,
    SINGLE_SOURCE,
    AlignmentLink,
    Article,
    Claim,
    Evidence,
    Finding,
    SummarySentence,
)
from newsprism.options import AlignOptions

#: At most this many agreed sentences, and single-source ones per article.
MAX_AGREED = 6
MAX_SINGLE = 2
#: A single-source sentence must carry facts (omission score, see ``_findings``).
MIN_SINGLE_SCORE = 0.4


def summarize(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    links: Sequence[AlignmentLink],
    findings: Sequence[Finding],
    framing: dict[str, Any],
    align: AlignOptions | None = None,
    words: ContentWords | None = None,
) -> tuple[SummarySentence, ...]:
    """Agreed claims first (most outlets first), then disputed facts, then what single
    outlets add. ``words`` are the articles' content words, when the caller has read
    them already (for the omissions).

    Claims that hold quoted words are left out of the agreed part: they are the
    speaker's words, which the quote findings compare; the summary states what the
    outlets report.
    """
    by_id = {a.id: a for a in articles}
    disputed = [f for f in findings if f.kind == CONTRADICTION]
    doubted = [f for f in findings if f.kind in CONTRADICTION_KINDS]
    contested = {c for f in doubted for c in [f.claim, *f.details.get("claims", [])] if c}
    loaded = _loaded_scores(framing)
    strong = (align or AlignOptions()).high
    words = words or ContentWords(by_id)
    fitting = {
        c.id: [a for a in c.articles if _fits_all(c, a, by_id[a]) and _told_by_all(c, a, words)]
        for c in claims
        if len(c.articles) >= 2 and c.id not in contested and not c.quotes and _strongly_tied(c, links, strong)
    }  # fmt: skip
    agreed = [c for c in claims if fitting.get(c.id)]
    return (
        tuple(_agreed(articles, agreed, loaded, by_id, fitting))
        + tuple(_disputed(f) for f in disputed)
        + tuple(_single(articles, findings, links))
    )


def _loaded_scores(framing: dict[str, Any]) -> dict[tuple[str, int], float]:
    """How charged each sentence's wording reads outside quotation marks, reported
    speech included (the loaded-language table's ``wording``; its own-voice
    ``sentences`` when a table has none)."""
    scores: dict[tuple[str, int], float] = {}
    for article_id, profile in framing.get("loaded_language", {}).items():
        if "wording" in profile:
            scores.update({(article_id, int(index)): float(score) for index, score in profile["wording"]})
            continue
        for entry in profile.get("sentences", []):
            scores[(article_id, entry["sentence"])] = float(entry.get("score", 0.0))
    return scores


#: The share of the quoted outlet's content words an agreed line needs in every other
#: outlet's sentences of the claim (``_told_by_all``).
AGREED_SHARE = 0.6
#: A number written in a sentence: digits, or a number word of the fact reader's
#: (``facts.NUMBER_WORDS``, "hundreds" too), "one" only as a count (not "one of them",
#: "one another", "no one").
_NUMBER = re.compile(
    r"\d|\b(?:(?<!no )one(?!\s+(?:of|another)\b)|"
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS if w != "one"), key=len, reverse=True))
    + r")s?\b",
    re.IGNORECASE,
)


def _fits_all(claim: Claim, article_id: str, article: Article) -> bool:
    """Whether one outlet's words for a claim may be quoted for every outlet carrying it:
    each figure or day they state (``AGREED_KINDS``) is stated alike by every
    other outlet in the claim, and they hold no number the fact reader did not read.
    "Reported by A and B (in A's words): ... 524 deaths" is false when B's sentence gives
    another count or none; "one passing touchdown", unread, cannot be checked."""
    mine = [f for f in claim.facts if f["article"] == article_id and f["kind"] in AGREED_KINDS]
    for other in claim.articles:
        held = {_figure(f) for f in claim.facts if f["article"] == other and f["kind"] in AGREED_KINDS}
        if other != article_id and any(_figure(f) not in held for f in mine):
            return False
    read = [(f["start"], f["end"]) for f in mine]
    for sentence in claim.sentences_of(article_id):
        for match in _NUMBER.finditer(article.text, sentence.start, sentence.end):
            if not any(s <= match.start() < e for s, e in read):
                return False
    return True


def _figure(fact: dict[str, Any]) -> tuple[str, str, str]:
    return fact["kind"], str(fact.get("unit", "")), str(fact["value"])


def _told_by_all(claim: Claim, article_id: str, words: ContentWords) -> bool:
    """Whether every other outlet's sentences of the claim hold ``AGREED_SHARE`` of the
    content words of this outlet's (``ContentWords``: lemmas): its words are then a
    fair rendering of what they all report. A claim can join sentences that share a
    phrase and tell different things ("Shoop was driving." / "Shoop died at the
    scene."); quoting one for all would say the others report it."""
    own = frozenset().union(*(words.of(article_id)[s.sentence] for s in claim.sentences_of(article_id)))
    if not own:
        return False
    for other in claim.articles:
        if other == article_id:
            continue
        theirs = frozenset().union(*(words.of(other)[s.sentence] for s in claim.sentences_of(other)))
        if len(own & theirs) < AGREED_SHARE * len(own):
            return False
    return True


def _strongly_tied(claim: Claim, links: Sequence[AlignmentLink], strong: float) -> bool:
    """Whether the claim's outlets are connected by links at or above ``strong``."""
    nodes = {(s.article, s.sentence) for s in claim.carried_by}
    reached = {claim.articles[0]}
    edges = [
        (k.a.article, k.b.article) for k in links
        if k.similarity >= strong and (k.a.article, k.a.sentence) in nodes and (k.b.article, k.b.sentence) in nodes
    ]  # fmt: skip
    grew = True
    while grew:
        grew = False
        for x, y in edges:
            if (x in reached) != (y in reached):
                reached |= {x, y}
                grew = True
    return reached == set(claim.articles)


def _agreed(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    loaded: dict[tuple[str, int], float],
    by_id: dict[str, Article],
    fitting: dict[str, list[str]],
) -> list[SummarySentence]:
    order = {a.id: i for i, a in enumerate(articles)}
    ranked = sorted(claims, key=lambda c: (-len(c.articles), c.position))[:MAX_AGREED]
    out = []
    for claim in sorted(ranked, key=lambda c: c.position):
        firsts = [claim.sentences_of(a)[0] for a in fitting[claim.id]]
        # The least charged wording, among reports whose charge was measured (English) first.
        choice = min(firsts, key=lambda s: (
            by_id[s.article].language not in nlp.ANALYSED,
            sum(loaded.get((s.article, x.sentence), 0.0) for x in claim.sentences_of(s.article)),
            order[s.article],
        ))  # fmt: skip
        words = " ".join(s.text for s in claim.sentences_of(choice.article))
        sources = claim.articles
        text = f"Reported by {names([by_id[a] for a in sources])} (in {by_id[choice.article].name}’s words): {words}"
        evidence = tuple(Evidence.of(by_id[s.article], s.start, s.end) for s in claim.carried_by)
        out.append(SummarySentence(text, sources, AGREED, evidence))
    return out


def _disputed(finding: Finding) -> SummarySentence:
    sources = tuple(dict.fromkeys(e.article for e in finding.evidence))
    return SummarySentence(finding.summary, sources, DISPUTED, finding.evidence)


def _single(
    articles: Sequence[Article], findings: Sequence[Finding], links: Sequence[AlignmentLink]
) -> list[SummarySentence]:
    """The most newsworthy claims that exactly one outlet carries, a few per outlet.

    A claim whose sentence is aligned to another outlet's at all, even too loosely to
    share its claim, is left out: "only X reports" must not be said of something
    another outlet may tell in other words.
    """
    by_id = {a.id: a for a in articles}
    linked = {(ref.article, ref.start) for k in links for ref in (k.a, k.b)}
    out = []
    for article in articles:
        own = [
            f for f in findings
            if f.kind == OMISSION and f.details["carried_by"] == [article.id] and f.score >= MIN_SINGLE_SCORE
            and not any((e.article, e.start) in linked for e in f.evidence)
        ]  # fmt: skip
        for finding in sorted(own, key=lambda f: f.details.get("rank", 0))[:MAX_SINGLE]:
            words = " ".join(e.text for e in finding.evidence)
            text = f"Only {by_id[article.id].name} reports: {words}"
            out.append(SummarySentence(text, (article.id,), SINGLE_SOURCE, finding.evidence))
    return out
