"""HTML report: one self-contained page an editor can read, click through and print.

    html(result) -> str

The page holds, top to bottom: the neutral summary (when the result has one), a
legend, two views behind tabs - the claim matrix (every claim a row, every outlet a
column; the default when the result has claims) and the articles side by side (every
sentence its own element, finding evidence marked inside it) - then the findings
grouped by kind, and the framing tables.

It is rendered with Jinja2 (``templates/``, autoescaping on, undefined names an error)
and needs nothing but itself: the CSS and the one script (``static/``) are read once and
inlined, and a Content-Security-Policy ``<meta>`` allows exactly that script (by its
SHA-256, ``script_hash(SCRIPT)``) and inline styles, so a script smuggled in through
article text could not run even if escaping failed somewhere. The web app serves the
page with a CSP header built from the same ``SCRIPT``.

Article text is untrusted. The templates escape every value; the only markup not
written by a template is a marked sentence, built in ``_marks`` from escaped slices.
The script reads ids and data-attributes the page itself wrote, toggles classes and
``hidden``, sets ``textContent`` at most, and never uses ``innerHTML``.

Stable hooks (for tests and for the web app that serves this page):

* ``#summary`` - the summary list; each item ``li.summary-sentence#sum-<N>`` (N from 1)
  with ``.status-agreed|.status-disputed|.status-single-source``, ``data-targets`` (ids
  of the sentences its evidence lies in). Clicking it toggles ``is-active`` on it and
  ``is-evidence`` on those sentences and on its ``mark.sum-ev[data-summary=sum-<N>]``.
* ``#views`` - the tab bar: ``button[role=tab]#tab-claims`` and ``#tab-articles`` with
  ``aria-controls`` naming their panel (``#view-claims``, ``#view-articles``) and
  ``aria-selected``. Clicking a tab shows its panel and sets ``hidden`` on the other.
  Following a link to an element inside a hidden panel (``a.jump``, ``a.to-claim``,
  an outlet header) first shows that panel.
* ``#kind-filter`` - one ``button.kind-toggle[data-kind=<kind>][aria-pressed]`` per kind
  of finding in the result, and ``button#kind-filter-clear``. While any is pressed, only
  claim rows with a finding of a pressed kind and only the ``section.kind-group`` of
  pressed kinds are shown (the others get ``hidden``); ``#filter-status`` says how many
  rows are shown.
* ``table#claims`` - the claim matrix. ``thead th.outlet-head[data-article]`` per outlet in
  ``result.articles`` order (after ``th.claim-head``); each claim a
  ``tr.claim#claim-<key>[data-claim=<id>][data-kinds=<kinds>]`` (``<key>`` as for articles,
  kinds space-separated) with ``th.claim-label`` (number, ``a.badge.kind-<kind>[data-kind]``
  per kind linking to its first finding) then one ``td.cell[data-article]`` per outlet:
  ``span.claim-sent[data-target=s-<key>-<index>]`` per sentence (text exactly the
  sentence; ``data-start``/``data-end``) with ``mark.kind-<kind>.role-change|role-value
  [data-finding=f<N>]`` inside, or ``td.cell.missing`` ("not reported") when the outlet
  does not carry the claim.
* ``#articles`` - the columns; each ``article.col#a-<key>[data-article=<id>]``.
* ``span.sent#s-<key>-<index>`` - one sentence, text exactly ``text[start:end]``, with
  ``data-article`` (article id), ``data-sentence`` (index), ``data-kind`` (line kind),
  ``data-start``/``data-end`` and ``data-links`` (space-separated ids of its aligned
  sentences in other columns; class ``has-links`` when there are any). ``<key>`` is the
  article id when it is made of ``[A-Za-z0-9_-]``, else ``h`` + 16 hex of its SHA-256
  (see ``dom_key``). Non-body lines have class ``nonbody`` and ``line-<kind>``.
* Clicking a sentence toggles a persistent selection: ``is-active`` on it, ``is-linked``
  on its counterparts; clicking it again (or pressing Escape) clears both; clicking
  another sentence moves the selection. Hovering adds ``is-hover`` / ``is-hover-linked``
  (separate classes, so hover never disturbs the selection).
* ``mark.kind-<kind>[data-finding=f<N>]`` inside ``span.sent`` - a piece of evidence of
  finding N (N from 1, the finding's position in ``result.findings``), with
  ``data-ev=f<N>-<i>`` (i-th evidence), ``data-start``/``data-end`` (absolute offsets of
  this piece: a span is split where it crosses a sentence or another mark). Roles:
  ``role-evidence`` (the evidence span), ``role-value`` (contradiction values),
  ``role-change`` (words changed in a quote, with ``data-change=f<N>-c<j>-a|b``: change j
  of ``details["changes"]``, ``a`` the reference's words, ``b`` the version's). After the
  last piece of each evidence span comes ``a.ref[href=#f<N>]`` (label via CSS, so it adds
  no text to the sentence).
* ``#findings`` - ``section.kind-group#kind-<kind>[data-kind]`` per kind with
  ``li.finding#f<N>``; each evidence is an ``a.jump[href=#s-<key>-<index>]``, each claim
  it sits in an ``a.to-claim[href=#claim-<key>]``. Clicking a finding toggles
  ``is-active`` on it and ``is-focus`` on its marks.
* ``#framing`` - the framing tables (``table.framing``).
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from newsprism.model import Article, CompareResult, Evidence, Finding, FindingKind, Sentence, SummarySentence
from newsprism.report._common import (
    colour,
    finding_claims,
    framing_tables,
    heading,
    kinds_in_order,
    outlet,
    outlets,
)
from newsprism.report._dom import article_element_id, class_token, claim_element_id, dom_key, sentence_id
from newsprism.report._marks import Mark, finding_marks, sentence_markup, summary_marks
from newsprism.report._matrix import Row, claim_rows

__all__ = ["html", "SCRIPT", "CSS", "script_hash", "dom_key", "sentence_id", "safe_url", "class_token"]

STATUS_LABELS = {"agreed": "agreed", "disputed": "disputed", "single-source": "single source"}
#: Where an outlet name may break in a narrow column: after a dot that follows a letter.
_DOT_BREAK = re.compile(r"(?<=\w\.)(?=\w)")
#: Longest evidence excerpt in the findings list.
EXCERPT = 180


def _static(name: str) -> str:
    """A file of ``static/``, as text without surrounding blank lines."""
    return (files("newsprism.report") / "static" / name).read_text(encoding="utf-8").strip()


#: The page's one script (inlined; the CSP allows exactly it). The web app imports it too.
SCRIPT = _static("report.js")
#: The page's style sheet (inlined), without the per-kind colours (see ``kind_css``).
CSS = _static("report.css")
assert "</script" not in SCRIPT.lower() and "</style" not in CSS.lower()


def script_hash(script: str) -> str:
    """The CSP source (``'sha256-...'``) that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: The page's CSP: its own script by hash, inline styles, nothing loaded from anywhere.
CSP = (
    f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_hash(SCRIPT)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


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
    href: str
    outlet: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class FindingView:
    number: int
    kind: str
    summary: str
    score: str
    details: tuple[tuple[str, str], ...]
    jumps: tuple[Jump, ...]
    claims: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class KindGroup:
    kind: KindView
    findings: tuple[FindingView, ...]


@dataclass(frozen=True, slots=True)
class FramingTable:
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
    if finding.kind == "contradiction":
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


def kind_css() -> Markup:
    """One colour variable per registered finding kind (marks, badges, swatches, borders).

    Unknown kinds get no rule and inherit the page's grey. Only registry constants go in.
    """
    return Markup("\n".join(f".kind-{class_token(k)}{{--c:{colour(k)}}}" for k in FindingKind))


# -- the page --------------------------------------------------------------------------------------


@cache
def _environment() -> Environment:
    """The template environment: autoescaping on, any undefined name an error."""
    return Environment(
        loader=PackageLoader("newsprism.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html(result: CompareResult) -> str:
    """The whole report as one self-contained HTML document."""
    rows: list[Row] = claim_rows(result)
    page = _environment().get_template("report.html.j2")
    return page.render(
        csp=Markup(_html.escape(CSP, quote=True)),
        css=Markup(CSS),
        kind_css=kind_css(),
        script=Markup(SCRIPT),
        version=result.version,
        outlet_names=", ".join(a.name for a in result.articles),
        count=len(result.articles),
        summary=summary_items(result),
        kinds=kind_views(result),
        view="claims" if rows else "articles",
        rows=rows,
        heads=outlet_heads(result),
        columns=columns(result),
        groups=kind_groups(result),
        tables=tables(result),
    )
