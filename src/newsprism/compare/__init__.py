"""Compare: what outlets agree on, contradict each other on, quote differently and leave out.

    result = compare(articles)            # CompareResult
    result.to_dict()                      # the versioned JSON contract (format 2)

The one place the comparison is orchestrated. The stage is a pure function of the
articles, in this order:

1. annotate each article (``newsprism.analysis``): facts, quotes with their speakers;
2. align sentences across articles (``newsprism.align``);
3. group aligned sentences into claims (``compare.claims``): one statement about the
   event, with every outlet's sentence or its silence;
   Then the same-event guard (``compare.same_event``) scores whether the articles report
   one event at all; when they probably do not, contradictions citing the off-event
   articles are left out and every report says so at the top;
4. framing (``newsprism.framing``): labels, loaded wording, sourcing, with tables;
5. findings per claim (``compare._findings``, ``compare.quotes``, ``compare.copies``):
   one per disputed fact, per quoted statement, per claim some outlets leave out, and
   per statement given to two different people (``compare.speaker_disputes``);
6. every finding that sits in one claim points at it; the neutral summary follows
   the claims (``compare.summary``).

Every finding cites exact spans of the article bodies.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from newsprism import __version__, nlp
from newsprism.align import align, sentence_embeddings
from newsprism.analysis.facts import plain_figures, sentence_facts
from newsprism.analysis.quotes import extract_quotes, voice_quotes
from newsprism.compare._findings import ContentWords, agreements, contradictions, omissions, own_facts
from newsprism.compare.claims import build_claims, claim_index
from newsprism.compare.copies import copy_findings
from newsprism.compare.quotes import quote_findings
from newsprism.compare.same_event import DIFFERENT, assess
from newsprism.compare.speaker_disputes import speaker_disputes
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
    read = [a for a in articles if a.language in nlp.ANALYSED]  # every analysis runs on these
    ids = {a.id for a in read}
    facts = {a.id: sentence_facts(a) if a.id in ids else plain_figures(a) for a in articles}
    quoted = {a.id: extract_quotes(a) if a.id in ids else [] for a in articles}
    voiced = {a.id: voice_quotes(a) if a.id in ids else [] for a in articles}
    claims = build_claims(articles, links, embeddings, facts, quoted, options.claims)
    same_event = assess(articles, claims, embeddings, options.same_event)

    own = [k for k in links if k.a.article in ids and k.b.article in ids]
    framing, tables = frame(read, own, quoted, claims, voiced, facts) if options.framing and len(read) >= 2 else ([], {})
    quotes = quote_findings(read, quoted, claims, voiced) if options.wants(QUOTE_CHANGE) and len(read) >= 2 else []
    findings: list[Finding] = [f for f in framing if options.wants(f.kind)] + quotes
    if options.wants(FindingKind.CONTRADICTION):
        found = contradictions(articles, claims, links, own_facts(facts, quoted, voiced), options.align.high)
        found += speaker_disputes(read, quoted) if len(read) >= 2 else []
        findings += [f for f in found if options.wants(f.kind) and not _off_event(f, same_event)]
    words = ContentWords({a.id: a for a in articles})  # read once, for the omissions and the summary
    if options.wants(FindingKind.OMISSION):
        reported = [e for f in quotes for e in f.evidence]
        findings += omissions(articles, claims, facts, reported, options, links, words)
    if options.wants(FindingKind.AGREEMENT):
        findings += agreements(articles, claims, links, facts)
    if options.wants(FindingKind.SHARED_COPY):
        findings += copy_findings(articles, options.copies)
    findings = sorted((_in_claim(f, articles, claims) for f in findings), key=_finding_order)
    summary = summarize(articles, claims, links, findings, tables, options.align, words)
    return CompareResult(
        __version__, tuple(articles), tuple(findings), tuple(links), tables, summary, claims,
        coverage=coverage(articles), same_event=same_event,
    )  # fmt: skip


#: What runs for an article in a language the analyses are not written for.
NOT_ANALYSED_RUNS = "grouped into stories, aligned with the other reports across languages, and its figures compared by value"
NOT_ANALYSED_SKIPS = "quotes, speakers, dates, names and framing (labels, loaded words, sourcing) are not analysed"


def coverage(articles: Sequence[Article]) -> tuple[str, ...]:
    """One plain sentence per language the analyses do not read: what ran and what did not.

    Reports print these at the top, so no reader takes a silence for an agreement.
    """
    by_language: dict[str, list[Article]] = {}
    for article in articles:
        if article.language not in nlp.ANALYSED:
            by_language.setdefault(article.language or "unknown", []).append(article)
    lines = []
    for language, group in sorted(by_language.items()):
        outlets = ", ".join(dict.fromkeys(a.name for a in group))
        count = f"{len(group)} article{'s' if len(group) != 1 else ''}: {outlets}"
        lines.append(f"{language_name(language)} ({count}): {NOT_ANALYSED_RUNS}; {NOT_ANALYSED_SKIPS}.")
    return tuple(lines)


def language_name(code: str) -> str:
    """"German" for "de"; the code itself for a language without a name here."""
    return _NAMES.get(code, code)


_NAMES = {
    "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese",
    "pl": "Polish", "ru": "Russian", "uk": "Ukrainian", "tr": "Turkish", "ar": "Arabic", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish",
    "cs": "Czech", "el": "Greek", "hu": "Hungarian", "ro": "Romanian", "he": "Hebrew", "hi": "Hindi",
    "en": "English", "unknown": "Unknown language",
}  # fmt: skip


def _off_event(finding: Finding, same_event: dict) -> bool:
    """Whether a contradiction cites an article the same-event guard judged off the event:
    figures of two different events do not contradict each other, so it is left out."""
    if same_event["verdict"] != DIFFERENT:
        return False
    off = set(same_event["off_event"])
    return any(e.article in off for e in finding.evidence)


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
