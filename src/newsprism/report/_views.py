"""What the report's templates read: plain records built from a ``CompareResult``.

Every text in these records is plain (the templates escape it), except the ``html`` of
a sentence, which ``_marks`` builds as ``Markup`` from escaped slices of the article.
Ids and classes come from ``_dom`` (tokens, never raw input).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from newsprism.model import CONTRADICTION_KINDS, Article, CompareResult, Evidence, Finding, Sentence, SummarySentence
from newsprism.report._common import finding_claims, framing_tables, heading, kinds_in_order, outlet, outlets
from newsprism.report._dom import article_element_id, class_token, claim_element_id, sentence_id
from newsprism.report._marks import Mark, finding_marks, sentence_markup, summary_marks

STATUS_LABELS = {"agreed": "agreed", "disputed": "disputed", "single-source": "single source"}
#: Where an outlet name may break in a narrow column: after a dot that follows a letter.
_DOT_BREAK = re.compile(r"(?<=\w\.)(?=\w)")
#: Longest evidence excerpt in the findings list.
EXCERPT = 180


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL that can be a link, else ``None``."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# -- view records (what the templates read) ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SummaryItem:
    """A summary sentence: number (from 1), status token and label, text, its sources, the sentence ids it rests on."""

    number: int
    status: str
    label: str
    text: str
    sources: str
    targets: str


@dataclass(frozen=True, slots=True)
class KindView:
    """A kind of finding present in the result: class token, heading, short label, count."""

    token: str
    heading: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A sentence of the article view: element id, classes, article id, index, line kind, span, counterpart ids, marked text."""

    id: str
    classes: str
    article: str
    index: int
    kind: str
    start: int
    end: int
    links: str
    html: Markup


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """A paragraph: its line kind, then (text before, sentence) pairs, then the text after the last."""

    kind: str
    token: str
    nonbody: bool
    items: tuple[tuple[str, SentenceView], ...]
    tail: str


@dataclass(frozen=True, slots=True)
class ColumnView:
    """An article's column: element id, article id, outlet, headline, date, byline, link (``None`` when unsafe), raw url, paragraphs."""

    id: str
    article: str
    outlet: str
    title: str
    published: str
    byline: str
    url: str | None
    raw_url: str
    paragraphs: tuple[ParagraphView, ...]


@dataclass(frozen=True, slots=True)
class OutletHead:
    """A column header of the claim matrix: the outlet's name cut into ``parts`` after each
    dot, so a narrow column breaks ``thehollywoodgossip.com`` at the dot, not mid-word."""

    article: str
    outlet: str
    parts: tuple[str, ...]
    published: str
    target: str


@dataclass(frozen=True, slots=True)
class Jump:
    """A finding's link to one piece of its evidence: where to, whose, what it says (shortened)."""

    href: str
    outlet: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding in the list: number, kind token, summary, score, details, evidence links, claim links (href, label)."""

    number: int
    kind: str
    summary: str
    score: str
    details: tuple[tuple[str, str], ...]
    jumps: tuple[Jump, ...]
    claims: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class KindGroup:
    """The findings of one kind, in result order."""

    kind: KindView
    findings: tuple[FindingView, ...]


@dataclass(frozen=True, slots=True)
class FramingTable:
    """A framing table: title, first column name, rows of (label, one cell per outlet)."""

    title: str
    first: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]


# -- building the views ----------------------------------------------------------------------------


def summary_items(result: CompareResult) -> list[SummaryItem]:
    """The neutral summary: each sentence with its status, sources and the sentences it rests on."""
    return [_summary_item(result, n, s) for n, s in enumerate(result.summary, start=1)]


def _summary_item(result: CompareResult, number: int, sentence: SummarySentence) -> SummaryItem:
    targets = list(dict.fromkeys(t for ev in sentence.evidence for t in evidence_sentences(result, ev)))
    return SummaryItem(
        number, class_token(sentence.status), STATUS_LABELS.get(sentence.status, sentence.status), sentence.text,
        outlets(result, sentence.sources) or "no source", " ".join(targets),
    )


def kind_views(result: CompareResult) -> list[KindView]:
    """The kinds present, in registry order."""
    return [
        KindView(class_token(k), heading(k), k.replace("_", " "), len(result.by_kind(k)))
        for k in kinds_in_order(result)
    ]


def evidence_sentences(result: CompareResult, ev: Evidence) -> list[str]:
    """Element ids of the sentences an evidence span touches."""
    for article in result.articles:
        if article.id == ev.article:
            return [sentence_id(article.id, s.index) for s in article.sentences if s.start < ev.end and s.end > ev.start]
    return []


def counterparts(result: CompareResult) -> dict[tuple[str, int], list[str]]:
    """For each aligned sentence, the element ids of its counterparts (both directions)."""
    links: dict[tuple[str, int], list[str]] = {}
    for link in result.alignment:
        for one, other in ((link.a, link.b), (link.b, link.a)):
            target = sentence_id(other.article, other.sentence)
            bucket = links.setdefault((one.article, one.sentence), [])
            if target not in bucket:
                bucket.append(target)
    return links


def columns(result: CompareResult) -> list[ColumnView]:
    """The articles side by side: each a column of paragraphs of sentence elements."""
    marks = finding_marks(result)
    for article_id, extra in summary_marks(result).items():
        marks.setdefault(article_id, []).extend(extra)
    links = counterparts(result)
    return [_column(a, marks.get(a.id, []), links) for a in result.articles]


def _column(article: Article, marks: list[Mark], links: dict[tuple[str, int], list[str]]) -> ColumnView:
    return ColumnView(
        article_element_id(article.id), article.id, article.name, article.title,
        article.published_iso or "date unknown", article.byline or "", safe_url(article.url), article.url or "",
        tuple(_paragraphs(article, marks, links)),
    )


def _paragraphs(article: Article, marks: list[Mark], links: dict[tuple[str, int], list[str]]) -> list[ParagraphView]:
    """The body as paragraphs; the text between sentences is kept as is, so nothing is lost."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in article.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    paragraphs = [(p.index, p.start, p.end, p.kind) for p in article.paragraphs] or [(0, 0, len(article.text), "body")]
    ordered = sorted(article.sentences, key=lambda s: s.start)
    next_starts = {s.index: n.start for s, n in zip(ordered, ordered[1:])}
    if ordered:
        next_starts[ordered[-1].index] = len(article.text)
    out = []
    for index, start, end, kind in paragraphs:
        sentences = sorted(by_paragraph.get(index, []), key=lambda s: s.start) if article.paragraphs else ordered
        items, pos = [], start
        for s in sentences:
            gap = article.text[pos : s.start] if s.start > pos else ""
            view = _sentence(article, s, marks, links.get((article.id, s.index), []), next_starts[s.index])
            items.append((gap, view))
            pos = max(pos, s.end)
        tail = article.text[pos:end] if end > pos else ""
        out.append(ParagraphView(kind, class_token(kind), kind != "body", tuple(items), tail))
    return out


def _sentence(article: Article, s: Sentence, marks: list[Mark], targets: list[str], next_start: int) -> SentenceView:
    classes = ["sent", f"line-{class_token(s.kind)}"]
    if not s.is_body:
        classes.append("nonbody")
    if targets:
        classes.append("has-links")
    return SentenceView(
        sentence_id(article.id, s.index), " ".join(classes), article.id, s.index, s.kind, s.start, s.end,
        " ".join(targets), sentence_markup(article, s, marks, next_start),
    )


def outlet_heads(result: CompareResult) -> list[OutletHead]:
    """The claim matrix's column headers."""
    return [
        OutletHead(a.id, a.name, tuple(_DOT_BREAK.split(a.name)), a.published_iso or "", article_element_id(a.id))
        for a in result.articles
    ]


def kind_groups(result: CompareResult) -> list[KindGroup]:
    """All findings grouped by kind, in registry order, each with its number in the result."""
    numbers = {id(f): n for n, f in enumerate(result.findings, start=1)}
    claim_numbers = {c.id: n for n, c in enumerate(result.claims, start=1)}
    groups = []
    for view in kind_views(result):
        findings = [f for f in result.findings if class_token(f.kind) == view.token]
        groups.append(KindGroup(view, tuple(_finding(result, f, numbers[id(f)], claim_numbers) for f in findings)))
    return groups


def _finding(result: CompareResult, finding: Finding, number: int, claim_numbers: dict[str, int]) -> FindingView:
    jumps = []
    for ev in finding.evidence:
        targets = evidence_sentences(result, ev)
        href = "#" + (targets[0] if targets else article_element_id(ev.article))
        excerpt = ev.text if len(ev.text) <= EXCERPT else ev.text[: EXCERPT - 3] + "…"
        jumps.append(Jump(href, outlet(result, ev.article), excerpt))
    claims = tuple(
        ("#" + claim_element_id(c), f"claim {claim_numbers[c]}") for c in finding_claims(finding) if c in claim_numbers
    )
    return FindingView(
        number, class_token(finding.kind), finding.summary, f"{finding.score:.2f}",
        tuple(finding_details(result, finding)), tuple(jumps), claims,
    )


def finding_details(result: CompareResult, finding: Finding) -> list[tuple[str, str]]:
    """The kind-specific details worth showing, as (label, plain text) pairs."""
    d = finding.details

    def per_outlet(value: object) -> str:
        if not isinstance(value, dict):
            return ""
        return "; ".join(f"{outlet(result, str(k))}: {_plain(v)}" for k, v in value.items())

    rows: list[tuple[str, str]] = []
    if finding.kind in CONTRADICTION_KINDS:
        groups = [g for g in d.get("groups") or [] if isinstance(g, dict)]
        values = "; ".join(f"“{g.get('text') or g.get('value')}”: {outlets(result, g.get('articles') or [])}" for g in groups)
        rows += [("fact", _plain(d.get("fact"))), ("values", values or per_outlet(d.get("values")))]
    elif finding.kind == "agreement":
        facts = [f for f in d.get("facts") or [] if isinstance(f, dict)]
        rows += [("facts", "; ".join(per_outlet(f.get("values")) for f in facts) or per_outlet(d.get("values")))]
        rows += [("carried by", outlets(result, d.get("carried_by") or []))]
    elif finding.kind == "quote_change":
        rows += [("speaker", _plain(d.get("speaker"))), ("change", _plain(d.get("change")))]
        rows += [("reference", outlet(result, str(d["reference"])) if d.get("reference") else "")]
        rows += [("words", _changed_words(result, d.get("changes") or []))]
        rows += [("not quoted by", outlets(result, d.get("not_quoting") or []))]
    elif finding.kind == "omission":
        rows += [("carried by", outlets(result, d.get("carried_by") or []))]
        rows += [("missing from", outlets(result, d.get("missing_from") or [])), ("rank", _plain(d.get("rank")))]
    elif finding.kind == "label_difference":
        rows += [("actor", _plain(d.get("actor"))), ("words", per_outlet(d.get("words")))]
        rows += [("charges", per_outlet(d.get("charges")))]
    elif finding.kind == "loaded_language":
        rows += [(key, _plain(d.get(key))) for key in ("word", "category", "polarity")]
    elif finding.kind == "sourcing":
        rows += [("scope", _plain(d.get("scope")))]
    return [(k, v) for k, v in rows if v]


def _changed_words(result: CompareResult, changes: list) -> str:
    """``Outlet: “reference words” → “its words”`` per change of a quote change."""
    return "; ".join(
        f"{outlet(result, str(c.get('article') or ''))}: “{c.get('a') or '—'}” → “{c.get('b') or '—'}”"
        for c in changes if isinstance(c, dict)
    )


def _plain(value: object) -> str:
    """A details value as short plain text (lists joined, ``None`` empty)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def tables(result: CompareResult) -> list[FramingTable]:
    """The framing tables (labels by actor, sourcing, loaded language), one column per outlet."""
    return [
        FramingTable(title, first, tuple((label, tuple(cells)) for label, cells in rows))
        for title, first, rows in framing_tables(result)
    ]
