"""Compare: what outlets agree on, contradict each other on, quote differently and leave out.

    result = compare(articles)            # CompareResult
    result.to_dict()                      # the versioned JSON contract

The stage is a pure function of the articles: align sentences, read the facts in
them, then derive findings, each citing exact spans of the article bodies.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism import __version__
from newsprism.align import align, sentence_embeddings
from newsprism.compare._findings import agreements, contradictions, omissions
from newsprism.compare.copies import copy_findings
from newsprism.compare.facts import sentence_facts
from newsprism.compare.quotes import extract_quotes, quote_findings
from newsprism.compare.summary import summarize
from newsprism.errors import UsageError
from newsprism.model import Article, CompareResult, Finding
from newsprism.options import CompareOptions

__all__ = ["compare", "CompareOptions"]

#: Order of finding kinds in a result: what differs first, then what is shared.
KIND_ORDER = (
    "shared_copy", "contradiction", "quote_change", "label_difference", "sourcing", "loaded_language", "omission", "agreement",
)


def compare(articles: Sequence[Article], options: CompareOptions | None = None) -> CompareResult:
    """Compare two or more articles about the same event."""
    options = options or CompareOptions()
    articles = _distinct(articles)
    if len(articles) < 2:
        raise UsageError("compare needs at least two different articles")
    # framing builds on this package's quotes and facts: imported here, not at the top,
    # so that importing either package first works.
    from newsprism.framing import frame

    links = align(articles, sentence_embeddings(articles))
    facts = {a.id: sentence_facts(a) for a in articles}
    quoted = {a.id: extract_quotes(a) for a in articles}
    quotes = quote_findings(articles, quoted) if "quote_change" in options.kinds else []
    framing, tables = frame(articles, links, quoted) if options.framing else ([], {})
    findings: list[Finding] = [f for f in framing if f.kind in options.kinds]
    if "contradiction" in options.kinds:
        findings += contradictions(articles, links, facts)
    findings += quotes
    if "omission" in options.kinds:
        findings += omissions(articles, links, facts, quotes, options)
    if "agreement" in options.kinds:
        findings += agreements(articles, links, facts)
    if "shared_copy" in options.kinds:
        findings += copy_findings(articles)
    findings.sort(key=_finding_order)
    spans = {i: [part for q in qs for part in q.parts] for i, qs in quoted.items()}
    summary = summarize(articles, links, findings, tables, spans)
    return CompareResult(__version__, tuple(articles), tuple(findings), tuple(links), tables, summary)


def _distinct(articles: Sequence[Article]) -> list[Article]:
    seen: set[str] = set()
    out = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            out.append(article)
    return out


def _finding_order(finding: Finding) -> tuple:
    first = finding.evidence[0] if finding.evidence else None
    return (
        KIND_ORDER.index(finding.kind) if finding.kind in KIND_ORDER else len(KIND_ORDER),
        -round(finding.score, 4),
        first.article if first else "",
        first.start if first else 0,
    )
