"""Compare: what outlets agree on, contradict each other on, quote differently and leave out.

    result = compare(articles)            # CompareResult
    result.to_dict()                      # the versioned JSON contract (format 2)

The one place the comparison is orchestrated. The stage is a pure function of the
articles, in this order:

1. annotate each article (``newsprism.analysis``): facts, quotes with their speakers;
2. align sentences across articles (``newsprism.align``);
3. group aligned sentences into claims (``compare.claims``): one statement about the
   event, with every outlet's sentence or its silence;
4. framing (``newsprism.framing``): labels, loaded wording, sourcing, with tables;
5. findings per claim (``compare._findings``, ``compare.quotes``, ``compare.copies``):
   one per disputed fact, per quoted statement, per claim some outlets leave out;
6. every finding that sits in one claim points at it; the neutral summary follows
   the claims (``compare.summary``).

Every finding cites exact spans of the article bodies.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from newsprism import __version__
from newsprism.align import align, sentence_embeddings
from newsprism.analysis.facts import sentence_facts
from newsprism.analysis.quotes import extract_quotes, voice_quotes
from newsprism.compare._findings import agreements, contradictions, omissions
from newsprism.compare.claims import build_claims, claim_index
from newsprism.compare.copies import copy_findings
from newsprism.compare.quotes import quote_findings
from newsprism.compare.summary import summarize
from newsprism.errors import UsageError
from newsprism.framing import frame
from newsprism.model import QUOTE_CHANGE, Article, Claim, CompareResult, Finding, FindingKind
from newsprism.options import CompareOptions

__all__ = ["compare", "CompareOptions"]


def compare(articles: Sequence[Article], options: CompareOptions | None = None) -> CompareResult:
    """Compare two or more articles about the same event."""
    options = options or CompareOptions()
    articles = _distinct(articles)
    if len(articles) < 2:
        raise UsageError("compare needs at least two different articles")
    embeddings = sentence_embeddings(articles)
    links = align(articles, embeddings, options.align)
    facts = {a.id: sentence_facts(a) for a in articles}
    quoted = {a.id: extract_quotes(a) for a in articles}
    voiced = {a.id: voice_quotes(a) for a in articles}
    claims = build_claims(articles, links, embeddings, facts, quoted, options.claims)

    framing, tables = frame(articles, links, quoted, claims, voiced) if options.framing else ([], {})
    quotes = quote_findings(articles, quoted, claims, voiced) if options.wants(QUOTE_CHANGE) else []
    findings: list[Finding] = [f for f in framing if options.wants(f.kind)] + quotes
    if options.wants(FindingKind.CONTRADICTION):
        found = contradictions(articles, claims, links, facts, options.align.high)
        findings += [f for f in found if options.wants(f.kind)]
    if options.wants(FindingKind.OMISSION):
        reported = [e for f in quotes for e in f.evidence]
        findings += omissions(articles, claims, facts, reported, options)
    if options.wants(FindingKind.AGREEMENT):
        findings += agreements(articles, claims, links, facts)
    if options.wants(FindingKind.SHARED_COPY):
        findings += copy_findings(articles, options.copies)
    findings = sorted((_in_claim(f, articles, claims) for f in findings), key=_finding_order)
    summary = summarize(articles, claims, links, findings, tables, options.align)
    return CompareResult(__version__, tuple(articles), tuple(findings), tuple(links), tables, summary, claims)


def _distinct(articles: Sequence[Article]) -> list[Article]:
    seen: set[str] = set()
    out = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            out.append(article)
    return out


def _in_claim(finding: Finding, articles: Sequence[Article], claims: Sequence[Claim]) -> Finding:
    """The finding with ``claim`` set when all its evidence lies in sentences of one claim."""
    if finding.claim is not None or not finding.evidence:
        return finding
    by_id = {a.id: a for a in articles}
    where = claim_index(claims)
    found = set()
    for ev in finding.evidence:
        article = by_id[ev.article]
        starts = [s.start for s in article.sentences]
        index = bisect.bisect_right(starts, ev.start) - 1
        sentence = article.sentences[index] if index >= 0 else None
        if sentence is None or ev.end > sentence.end or (ev.article, sentence.index) not in where:
            return finding
        found.add(where[(ev.article, sentence.index)])
    return dataclasses.replace(finding, claim=found.pop()) if len(found) == 1 else finding


def _finding_order(finding: Finding) -> tuple:
    kind = FindingKind.of(finding.kind)
    first = finding.evidence[0] if finding.evidence else None
    return (
        kind.order if kind is not None else len(FindingKind),
        -round(finding.score, 4),
        first.article if first else "",
        first.start if first else 0,
    )
