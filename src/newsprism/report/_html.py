"""HTML report: one self-contained page an editor can read, click through and print.

    html(result) -> str

The page holds, top to bottom: the neutral summary (when the result has one), a
legend, the articles side by side in columns (every sentence its own element,
finding evidence marked inside it), the findings grouped by kind, and the framing
tables. It needs nothing but itself: CSS and one script are inline, and a
Content-Security-Policy ``<meta>`` allows exactly that script (by its SHA-256) and
inline styles, so a script smuggled in through article text could not run even if
escaping failed somewhere.

Article text is untrusted. Every piece of it (and every finding summary or detail,
which quote article text) goes through ``html.escape(..., quote=True)``; markup is
only ever built around escaped slices. The script reads ids and data-attributes the
page itself wrote and never uses ``innerHTML``.

Stable hooks (for tests and for the web app that serves this page):

* ``#summary`` - the summary list; each item ``li.summary-sentence#sum-<N>`` (N from 1)
  with ``.status-agreed|.status-disputed|.status-single-source``, ``data-targets`` (ids
  of the sentences its evidence lies in). Clicking it toggles ``is-active`` on it and
  ``is-evidence`` on those sentences and on its ``mark.sum-ev[data-summary=sum-<N>]``.
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
* ``mark.kind-<kind>[data-finding=f<N>]`` - a piece of evidence of finding N (N from 1,
  the finding's position in ``result.findings``), with ``data-ev=f<N>-<i>`` (i-th evidence),
  ``data-start``/``data-end`` (absolute offsets of this piece: a span is split where it
  crosses a sentence or another mark). Roles: ``role-evidence`` (the evidence span),
  ``role-value`` (contradiction values), ``role-change`` (words changed in a quote, with
  ``data-change=f<N>-c<j>-a|b``). After the last piece of each evidence span comes
  ``a.ref[href=#f<N>]`` (label via CSS, so it adds no text to the sentence).
* ``#findings`` - ``section.kind-group#kind-<kind>`` per kind with ``li.finding#f<N>``;
  each evidence is an ``a.jump[href=#s-<key>-<index>]``. Clicking a finding toggles
  ``is-active`` on it and ``is-focus`` on its marks.
* ``#framing`` - the framing tables (``table.framing``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape as _escape
from urllib.parse import urlsplit

from newsprism.model import Article, CompareResult, Evidence, Finding, Sentence, SummarySentence
from newsprism.report._common import framing_tables, heading, kinds_in_order

#: Colour (R G B) of each finding kind; other kinds fall back to grey.
COLOURS = {
    "shared_copy": "71 85 105",
    "contradiction": "220 38 38",
    "quote_change": "147 51 234",
    "omission": "217 119 6",
    "agreement": "22 163 74",
    "label_difference": "8 145 178",
    "sourcing": "37 99 235",
    "loaded_language": "219 39 119",
}
_GREY = "100 116 139"

STATUS_LABELS = {"agreed": "agreed", "disputed": "disputed", "single-source": "single source"}

_SAFE_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CLASS_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def esc(value: object) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return _escape(str(value), quote=True)


def dom_key(article_id: str) -> str:
    """A token safe in ids and space-separated lists that stands for an article id.

    Ids that are already plain tokens are kept (so ``s-<id>-<n>`` is predictable);
    anything else is replaced by a hash, never inserted raw.
    """
    if _SAFE_KEY.fullmatch(article_id):
        return article_id
    return "h" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16]


def class_token(name: str) -> str:
    """A kind or status as a CSS class token (lowercase, ``[a-z0-9_-]`` only)."""
    return _CLASS_UNSAFE.sub("-", str(name).lower()) or "x"


def sentence_id(article_id: str, index: int) -> str:
    return f"s-{dom_key(article_id)}-{index}"


def script_hash(script: str) -> str:
    """The CSP source (``'sha256-...'``) that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL that can be a link, else ``None``."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# -- marks inside sentences -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of an article to wrap in ``<mark>``: offsets, classes, attributes.

    ``classes`` are safe tokens; ``attrs`` values are raw text, escaped when written.
    ``ref`` is the finding number whose back-link follows the span's end, ``ref_kind``
    that finding's kind (the link's colour).
    """

    start: int
    end: int
    classes: str
    attrs: tuple[tuple[str, str], ...]
    order: int
    ref: int | None = None
    ref_kind: str = ""


def finding_marks(result: CompareResult) -> dict[str, list[Mark]]:
    """Per article id, the marks of every finding's evidence and changed words."""
    marks: dict[str, list[Mark]] = {}
    order = 0
    for number, finding in enumerate(result.findings, start=1):
        kind = class_token(finding.kind)
        title = f"{heading(finding.kind)}: {finding.summary}"
        role = "role-value" if finding.kind == "contradiction" else "role-evidence"
        for i, ev in enumerate(finding.evidence):
            order += 1
            attrs = (("data-finding", f"f{number}"), ("data-ev", f"f{number}-{i}"), ("title", title))
            marks.setdefault(ev.article, []).append(
                Mark(ev.start, ev.end, f"kind-{kind} {role}", attrs, order, ref=number, ref_kind=kind)
            )
        for article_id, start, end, attrs in _change_spans(finding, number):
            order += 1
            marks.setdefault(article_id, []).append(
                Mark(start, end, f"kind-{kind} role-change", attrs, order)
            )
    return marks


def _change_spans(finding: Finding, number: int) -> Iterable[tuple[str, int, int, tuple[tuple[str, str], ...]]]:
    """The changed-word spans of a quote change, each side with its counterpart's words."""
    articles = finding.details.get("articles") or []
    if finding.kind != "quote_change" or len(articles) != 2:
        return
    for j, change in enumerate(finding.details.get("changes") or []):
        a_text, b_text = str(change.get("a") or "—"), str(change.get("b") or "—")
        for side, article_id in zip(("a", "b"), articles, strict=True):
            span = change.get(f"{side}_span")
            if not span or len(span) != 2:
                continue
            title = f"“{a_text}” vs “{b_text}”"
            attrs = (("data-finding", f"f{number}"), ("data-change", f"f{number}-c{j}-{side}"), ("title", title))
            yield str(article_id), int(span[0]), int(span[1]), attrs


def summary_marks(result: CompareResult) -> dict[str, list[Mark]]:
    """Per article id, the (invisible until selected) marks of the summary's evidence."""
    marks: dict[str, list[Mark]] = {}
    for number, sentence in enumerate(result.summary, start=1):
        for ev in sentence.evidence:
            marks.setdefault(ev.article, []).append(
                Mark(ev.start, ev.end, "sum-ev", (("data-summary", f"sum-{number}"),), -number)
            )
    return marks


def _open_tag(mark: Mark, start: int, end: int) -> str:
    attrs = "".join(f' {name}="{esc(value)}"' for name, value in mark.attrs)
    return f'<mark class="{mark.classes}" data-start="{start}" data-end="{end}"{attrs}>'


def marked(text: str, lo: int, hi: int, marks: Sequence[Mark], refs: set[int]) -> str:
    """``text[lo:hi]`` escaped, with ``marks`` (already clipped to it) wrapped around.

    The range is cut at every mark boundary; at each cut the marks that end are
    closed (with any marks opened inside them closed first and reopened after), so
    overlapping spans become properly nested pieces. ``refs`` are the positions in
    ``marks`` whose back-link (``a.ref``) goes after their end in this range.
    """
    bounds = sorted({lo, hi, *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[int]] = {}
    for i, m in enumerate(marks):
        starting.setdefault(m.start, []).append(i)
    out: list[str] = []
    stack: list[tuple[int, int, int]] = []  # (mark index, slot of its open tag in out, piece start)
    for n, pos in enumerate(bounds):
        ending = [k for k, (i, _, _) in enumerate(stack) if marks[i].end <= pos]
        if ending:
            first = ending[0]
            for i, slot, piece_start in reversed(stack[first:]):
                out[slot] = _open_tag(marks[i], piece_start, pos)
                out.append("</mark>")
            reopen = [i for i, _, _ in stack[first:] if marks[i].end > pos]
            for i in sorted(i for i, _, _ in stack[first:] if marks[i].end == pos and i in refs):
                out.append(_ref(marks[i]))
            del stack[first:]
            for i in reopen:
                stack.append((i, len(out), pos))
                out.append("")
        if pos == hi:
            break
        for i in sorted(starting.get(pos, []), key=lambda i: (-marks[i].end, marks[i].order)):
            stack.append((i, len(out), pos))
            out.append("")
        out.append(esc(text[pos : bounds[n + 1]]))
    return "".join(out)


def _ref(mark: Mark) -> str:
    """The back-link from an evidence span to its finding; its label comes from CSS."""
    n = mark.ref
    return f'<a class="ref kind-{mark.ref_kind}" href="#f{n}" data-n="{n}" aria-label="finding {n}"></a>'


def sentence_markup(article: Article, sentence: Sentence, marks: Sequence[Mark], next_start: int) -> str:
    """The sentence's text with the marks that touch it, clipped to it.

    ``next_start`` is where the next sentence begins: a span ending before it (in the
    gap after this sentence) gets its back-link here, in its last sentence.
    """
    clipped: list[Mark] = []
    refs: set[int] = set()
    for m in marks:
        start, end = max(m.start, sentence.start), min(m.end, sentence.end)
        if end <= start:
            continue
        if m.ref is not None and (m.end <= sentence.end or m.end <= next_start):
            refs.add(len(clipped))
        clipped.append(Mark(start, end, m.classes, m.attrs, m.order, m.ref, m.ref_kind))
    return marked(article.text, sentence.start, sentence.end, clipped, refs)


# -- page parts ------------------------------------------------------------------------------


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


def outlet_name(result: CompareResult, article_id: str) -> str:
    """The outlet of an article in the result, or the id itself when it is not there."""
    for article in result.articles:
        if article.id == article_id:
            return article.name
    return article_id


def evidence_sentences(result: CompareResult, ev: Evidence) -> list[str]:
    """Element ids of the sentences an evidence span touches."""
    for article in result.articles:
        if article.id == ev.article:
            touching = (s for s in article.sentences if s.start < ev.end and s.end > ev.start)
            return [sentence_id(article.id, s.index) for s in touching]
    return []


def summary_section(result: CompareResult) -> str:
    """The neutral summary: each sentence with its status badge and its sources."""
    if not result.summary:
        return ""
    items = [_summary_item(result, number, s) for number, s in enumerate(result.summary, start=1)]
    return (
        '<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        '<p class="hint">Click a sentence to highlight what it rests on.</p>'
        f'<ol class="summary">{"".join(items)}</ol></section>'
    )


def _summary_item(result: CompareResult, number: int, sentence: SummarySentence) -> str:
    targets = list(dict.fromkeys(t for ev in sentence.evidence for t in evidence_sentences(result, ev)))
    status = class_token(sentence.status)
    label = STATUS_LABELS.get(sentence.status, sentence.status)
    sources = ", ".join(outlet_name(result, s) for s in sentence.sources) or "no source"
    return (
        f'<li class="summary-sentence status-{status}" id="sum-{number}" data-targets="{esc(" ".join(targets))}"'
        f' tabindex="0"><span class="badge status-{status}">{esc(label)}</span> '
        f'<span class="summary-text">{esc(sentence.text)}</span> '
        f'<span class="sources">({esc(sources)})</span></li>'
    )


def legend(result: CompareResult) -> str:
    """Colour key of the finding kinds present, and what the mark styles mean."""
    kinds = kinds_in_order(result)
    if not kinds:
        return ""
    items = "".join(
        f'<li><mark class="kind-{class_token(k)} role-evidence">{esc(heading(k))}</mark></li>' for k in kinds
    )
    return (
        '<section id="legend" aria-label="Legend"><ul class="legend">' + items + "</ul>"
        '<p class="hint">Light marks are evidence spans, strong marks changed words and '
        "disputed values; the small numbers link to the finding. Muted lines are not body text "
        "(captions, bullets, ...). Click a sentence to see its counterparts in the other columns.</p></section>"
    )


def articles_section(result: CompareResult) -> str:
    """The articles side by side, one column each."""
    marks = finding_marks(result)
    for article_id, extra in summary_marks(result).items():
        marks.setdefault(article_id, []).extend(extra)
    links = counterparts(result)
    columns = "".join(_column(a, marks.get(a.id, []), links) for a in result.articles)
    return (
        f'<section id="articles" aria-label="Articles"><div class="columns" style="--cols: {len(result.articles)}">'
        f"{columns}</div></section>"
    )


def _column(article: Article, marks: Sequence[Mark], links: dict[tuple[str, int], list[str]]) -> str:
    return (
        f'<article class="col" id="a-{dom_key(article.id)}" data-article="{esc(article.id)}">'
        f"{_column_head(article)}<div class=\"body\">{_body(article, marks, links)}</div></article>"
    )


def _column_head(article: Article) -> str:
    meta = [esc(article.published_iso or "date unknown"), f"id <code>{esc(article.id)}</code>"]
    if article.byline:
        meta.append(esc(article.byline))
    url = safe_url(article.url)
    if url:
        meta.append(f'<a class="source" href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>')
    elif article.url:
        meta.append(f'<span class="source">{esc(article.url)}</span>')
    return (
        f'<header class="col-head"><h3 class="outlet">{esc(article.name)}</h3>'
        f'<p class="title">{esc(article.title)}</p><p class="meta">{" · ".join(meta)}</p></header>'
    )


def _body(article: Article, marks: Sequence[Mark], links: dict[tuple[str, int], list[str]]) -> str:
    """The body as paragraphs of sentence elements; text between sentences kept as is."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in article.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    paragraphs = [(p.index, p.start, p.end, p.kind) for p in article.paragraphs] or [
        (0, 0, len(article.text), "body")
    ]
    ordered = sorted(article.sentences, key=lambda s: s.start)
    next_starts = {s.index: n.start for s, n in zip(ordered, ordered[1:])}
    if ordered:
        next_starts[ordered[-1].index] = len(article.text)
    out = []
    for index, start, end, kind in paragraphs:
        sentences = sorted(by_paragraph.get(index, []), key=lambda s: s.start) if article.paragraphs else ordered
        out.append(_paragraph(article, start, end, kind, sentences, marks, links, next_starts))
    return "".join(out)


def _paragraph(
    article: Article, start: int, end: int, kind: str, sentences: Sequence[Sentence],
    marks: Sequence[Mark], links: dict[tuple[str, int], list[str]], next_starts: dict[int, int],
) -> str:
    token = class_token(kind)
    parts = [f'<span class="line-kind" aria-label="{esc(kind)} line">{esc(kind)}</span>'] if kind != "body" else []
    pos = start
    for s in sentences:
        parts.append(esc(article.text[pos : s.start]) if s.start > pos else "")
        parts.append(_sentence(article, s, marks, links.get((article.id, s.index), []), next_starts[s.index]))
        pos = max(pos, s.end)
    parts.append(esc(article.text[pos:end]) if end > pos else "")
    nonbody = " nonbody" if kind != "body" else ""
    return f'<p class="para line-{token}{nonbody}">{"".join(parts)}</p>'


def _sentence(article: Article, s: Sentence, marks: Sequence[Mark], targets: list[str], next_start: int) -> str:
    classes = ["sent", f"line-{class_token(s.kind)}"]
    if not s.is_body:
        classes.append("nonbody")
    extra = ""
    if targets:
        classes.append("has-links")
        extra = ' tabindex="0"'
    return (
        f'<span class="{" ".join(classes)}" id="{sentence_id(article.id, s.index)}" data-article="{esc(article.id)}"'
        f' data-sentence="{s.index}" data-kind="{esc(s.kind)}" data-start="{s.start}" data-end="{s.end}"'
        f' data-links="{esc(" ".join(targets))}"{extra}>{sentence_markup(article, s, marks, next_start)}</span>'
    )


def findings_section(result: CompareResult) -> str:
    """All findings grouped by kind, each with jump links to its evidence."""
    if not result.findings:
        return (
            '<section id="findings"><h2>Findings</h2><p class="empty">No findings: the articles share '
            "no aligned facts and differ in none.</p></section>"
        )
    numbers = {id(f): n for n, f in enumerate(result.findings, start=1)}
    groups = []
    for kind in kinds_in_order(result):
        findings = result.by_kind(kind)
        items = "".join(_finding(result, f, numbers[id(f)]) for f in findings)
        token = class_token(kind)
        groups.append(
            f'<section class="kind-group kind-{token}" id="kind-{token}"><h3><span class="swatch kind-{token}"></span>'
            f"{esc(heading(kind))} ({len(findings)})</h3><ol class=\"findings\">{items}</ol></section>"
        )
    return '<section id="findings"><h2>Findings</h2>' + "".join(groups) + "</section>"


def _finding(result: CompareResult, finding: Finding, number: int) -> str:
    jumps = []
    for ev in finding.evidence:
        targets = evidence_sentences(result, ev)
        href = "#" + (targets[0] if targets else f"a-{dom_key(ev.article)}")
        excerpt = ev.text if len(ev.text) <= 180 else ev.text[:177] + "…"
        jumps.append(
            f'<li><a class="jump" href="{href}">{esc(outlet_name(result, ev.article))}</a> '
            f'<q class="excerpt">{esc(excerpt)}</q></li>'
        )
    details = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in finding_details(result, finding))
    return (
        f'<li class="finding kind-{class_token(finding.kind)}" id="f{number}" value="{number}" tabindex="-1">'
        f'<p class="finding-summary">{esc(finding.summary)} <span class="score">score {finding.score:.2f}</span></p>'
        + (f'<dl class="details">{details}</dl>' if details else "")
        + f'<ul class="evidence">{"".join(jumps)}</ul></li>'
    )


def finding_details(result: CompareResult, finding: Finding) -> list[tuple[str, str]]:
    """The kind-specific details worth showing, as (label, plain text) pairs."""
    d = finding.details

    def per_outlet(value: object) -> str:
        if not isinstance(value, dict):
            return ""
        return "; ".join(f"{outlet_name(result, str(k))}: {_plain(v)}" for k, v in value.items())

    rows: list[tuple[str, str]] = []
    if finding.kind in ("contradiction", "agreement"):
        rows += [("fact", _plain(d.get("fact"))), ("values", per_outlet(d.get("values")))]
    elif finding.kind == "quote_change":
        changes = [
            f"“{c.get('a') or '—'}” → “{c.get('b') or '—'}”"
            for c in d.get("changes") or []
            if isinstance(c, dict)
        ]
        rows += [("speaker", _plain(d.get("speaker"))), ("change", _plain(d.get("change")))]
        rows += [("words", "; ".join(changes))]
    elif finding.kind == "omission":
        missing = ", ".join(outlet_name(result, str(a)) for a in d.get("missing_from") or [])
        rows += [("missing from", missing), ("rank", _plain(d.get("rank")))]
    elif finding.kind == "label_difference":
        rows += [("actor", _plain(d.get("actor"))), ("words", per_outlet(d.get("words")))]
        rows += [("charges", per_outlet(d.get("charges")))]
    elif finding.kind == "loaded_language":
        rows += [(key, _plain(d.get(key))) for key in ("word", "category", "polarity")]
    elif finding.kind == "sourcing":
        rows += [("scope", _plain(d.get("scope")))]
    return [(k, v) for k, v in rows if v]


def _plain(value: object) -> str:
    """A details value as short plain text (lists joined, ``None`` empty)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def framing_section(result: CompareResult) -> str:
    """The framing tables (labels by actor, sourcing, loaded language), one column per outlet."""
    tables = framing_tables(result)
    if not tables:
        return ""
    heads = "".join(f'<th scope="col">{esc(a.name)}</th>' for a in result.articles)
    out = ['<section id="framing"><h2>Framing</h2>']
    for title, first, rows in tables:
        body = "".join(
            f'<tr><th scope="row">{esc(label)}</th>{"".join(f"<td>{esc(c)}</td>" for c in cells)}</tr>'
            for label, cells in rows
        )
        out.append(
            f'<table class="framing"><caption>{esc(title)}</caption><thead><tr><th scope="col">{esc(first)}</th>'
            f"{heads}</tr></thead><tbody>{body}</tbody></table>"
        )
    out.append("</section>")
    return "".join(out)


def kind_css() -> str:
    """One colour variable per finding kind (marks, swatches, finding borders)."""
    rules = [f".kind-{class_token(k)}{{--c:{rgb}}}" for k, rgb in COLOURS.items()]
    return "\n".join(rules)


# -- the page --------------------------------------------------------------------------------


def html(result: CompareResult) -> str:
    """The whole report as one self-contained HTML document."""
    csp = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_hash(SCRIPT)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    count = len(result.articles)
    outlets = ", ".join(a.name for a in result.articles)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>newsprism: {count} reports compared</title>\n"
        f"<style>\n{CSS}\n{kind_css()}\n</style>\n</head>\n<body>\n"
        '<header id="top"><h1>newsprism comparison</h1>'
        f'<p class="subtitle">{count} reports: {esc(outlets)}</p></header>\n'
        f"<main>{summary_section(result)}{legend(result)}{articles_section(result)}"
        f"{findings_section(result)}{framing_section(result)}</main>\n"
        f'<footer><p>newsprism {esc(result.version)} · every mark is an exact span of the article text.</p></footer>\n'
        f"<script>{SCRIPT}</script>\n</body></html>\n"
    )


CSS = """
:root{--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#fff;--soft:#f8fafc;--c:""" + _GREY + """;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header#top,main,footer{max-width:1600px;margin:0 auto;padding:0 1.25rem}
h1{font-size:1.5rem;margin:1rem 0 .1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1rem;margin:.9rem 0 .4rem}
.subtitle,.hint,.meta,.score,footer{color:var(--muted);font-size:.85rem}
.hint{margin:.2rem 0 .6rem}
ol.summary{padding-left:1.5rem;margin:0}
.summary-sentence{padding:.25rem .4rem;border-radius:4px;cursor:pointer;margin:.15rem 0}
.summary-sentence:hover,.summary-sentence:focus{background:var(--soft);outline:none}
.summary-sentence.is-active{background:#fef9c3}
.badge{display:inline-block;font-size:.72rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em;padding:0 .4rem;border-radius:3px;border:1px solid currentColor;vertical-align:1px}
.badge.status-agreed{color:#15803d}.badge.status-disputed{color:#b91c1c}.badge.status-single-source{color:#a16207}
.sources{color:var(--muted);font-size:.85rem}
ul.legend{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem .9rem}
.columns{display:grid;grid-template-columns:repeat(var(--cols,2),minmax(19rem,1fr));gap:1rem;overflow-x:auto}
.col{border:1px solid var(--line);border-radius:6px;background:var(--bg);min-width:0;display:flex;flex-direction:column}
.col-head{padding:.6rem .8rem;border-bottom:1px solid var(--line);background:var(--soft)}
.outlet{margin:0;font-size:1rem}
.col-head .title{margin:.15rem 0;font-weight:600}
.col-head .meta{margin:0;overflow-wrap:anywhere}
.col .body{padding:.2rem .8rem .8rem;max-height:75vh;overflow-y:auto}
.para{margin:.55rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.para.nonbody{color:var(--muted);font-size:.9rem;border-left:3px solid var(--line);padding-left:.5rem}
.line-kind{font-size:.68rem;text-transform:uppercase;letter-spacing:.05em;border:1px solid var(--line);border-radius:3px;padding:0 .25rem;margin-right:.35rem;white-space:nowrap}
.sent{border-radius:3px;transition:background-color .1s}
.sent.has-links{cursor:pointer}
.sent.is-hover{background:#f1f5f9}
.sent.is-hover-linked{background:#e0f2fe}
.sent.is-active{background:#fde68a;outline:2px solid #d97706}
.sent.is-linked{background:#bae6fd;outline:2px solid #0284c7}
.sent.is-evidence{outline:2px dashed #ca8a04}
.sent:target{outline:2px solid #7c3aed}
.sent:focus-visible{outline:2px solid #2563eb}
mark{color:inherit;background:rgb(var(--c) / .13);border-bottom:2px solid rgb(var(--c) / .55);border-radius:2px;padding:0}
mark.role-change,mark.role-value{background:rgb(var(--c) / .38);border-bottom-color:rgb(var(--c));font-weight:600}
mark.is-focus{outline:2px solid rgb(var(--c));background:rgb(var(--c) / .3)}
mark.sum-ev{background:none;border:0}
mark.sum-ev.is-evidence{background:#fef08a;box-shadow:0 2px 0 #ca8a04}
a.ref{font-size:.65rem;vertical-align:super;text-decoration:none;color:rgb(var(--c));margin:0 .05rem;line-height:0}
a.ref::after{content:attr(data-n)}
.swatch{display:inline-block;width:.75rem;height:.75rem;border-radius:2px;background:rgb(var(--c));margin-right:.4rem;vertical-align:-1px}
ol.findings{padding-left:1.8rem;margin:.2rem 0}
.finding{margin:.4rem 0 .7rem;padding:.2rem .5rem;border-left:3px solid rgb(var(--c) / .6);cursor:pointer}
.finding:target,.finding.is-active{background:rgb(var(--c) / .08)}
.finding-summary{margin:0}
dl.details{display:grid;grid-template-columns:max-content 1fr;gap:0 .6rem;margin:.2rem 0;font-size:.85rem}
dl.details dt{color:var(--muted)}dl.details dd{margin:0;overflow-wrap:anywhere}
ul.evidence{margin:.2rem 0;padding-left:1.1rem;font-size:.88rem}
q.excerpt{color:#374151}
table.framing{border-collapse:collapse;margin:.4rem 0 1.2rem;width:100%;font-size:.88rem}
table.framing caption{text-align:left;font-weight:600;padding:.3rem 0}
table.framing th,table.framing td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.framing thead th{background:var(--soft)}
code{font-size:.82em}
footer{margin:2rem auto 1rem}
@page{margin:1.5cm}
@media print{
  body{font-size:10.5pt;line-height:1.45}
  header#top,main,footer{max-width:none;padding:0}
  .hint,.line-kind{border:0}
  .hint{display:none}
  .columns{display:block}
  .col{border:0;border-top:2px solid #000;border-radius:0;margin:0 0 1rem;display:block;break-before:auto}
  .col-head{background:none;padding:.3rem 0}
  .col .body{max-height:none;overflow:visible;padding:0}
  .sent,.sent.is-hover,.sent.is-hover-linked,.sent.is-active,.sent.is-linked,.sent.is-evidence,.sent:target,.summary-sentence.is-active,.finding.is-active,.finding:target{background:none;outline:none;box-shadow:none}
  mark.sum-ev,mark.sum-ev.is-evidence{background:none;box-shadow:none}
  mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
  a.source::after{content:""}
  .finding,table.framing tr,.summary-sentence{break-inside:avoid}
  .finding,.sent.has-links,.summary-sentence{cursor:auto}
  h2{break-after:avoid}
}
""".strip()


#: The page's one script. Only reads ids and data-attributes the page wrote; toggles classes.
SCRIPT = """
(function () {
  "use strict";
  var doc = document;
  var active = null, hover = null, summary = null, finding = null;
  function idsOf(el, attr) {
    var raw = el.getAttribute(attr) || "";
    var out = [];
    raw.split(" ").forEach(function (id) {
      var t = id ? doc.getElementById(id) : null;
      if (t) { out.push(t); }
    });
    return out;
  }
  function flag(el, self, other, on) {
    el.classList.toggle(self, on);
    idsOf(el, "data-links").forEach(function (t) { t.classList.toggle(other, on); });
  }
  function select(el) {
    var same = el === active;
    if (active) { flag(active, "is-active", "is-linked", false); active = null; }
    if (!el || same) { return; }
    active = el;
    flag(el, "is-active", "is-linked", true);
    idsOf(el, "data-links").slice(0, 1).forEach(function (t) { t.scrollIntoView({block: "nearest"}); });
  }
  function each(selector, fn) { Array.prototype.forEach.call(doc.querySelectorAll(selector), fn); }
  function showSummary(li) {
    var same = li === summary;
    each(".is-evidence", function (e) { e.classList.remove("is-evidence"); });
    if (summary) { summary.classList.remove("is-active"); summary = null; }
    if (!li || same) { return; }
    summary = li;
    li.classList.add("is-active");
    each("mark.sum-ev", function (m) {
      if (m.getAttribute("data-summary") === li.id) { m.classList.add("is-evidence"); }
    });
    var targets = idsOf(li, "data-targets");
    targets.forEach(function (t) { t.classList.add("is-evidence"); });
    if (targets.length) { targets[0].scrollIntoView({block: "center"}); }
  }
  function showFinding(li) {
    var same = li === finding;
    each("mark.is-focus", function (m) { m.classList.remove("is-focus"); });
    if (finding) { finding.classList.remove("is-active"); finding = null; }
    if (!li || same) { return; }
    finding = li;
    li.classList.add("is-active");
    var first = null;
    each("mark[data-finding]", function (m) {
      if (m.getAttribute("data-finding") === li.id) { m.classList.add("is-focus"); first = first || m; }
    });
    if (first) { first.scrollIntoView({block: "nearest"}); }
  }
  doc.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element) || t.closest("a")) { return; }
    var li = t.closest(".summary-sentence");
    if (li) { showSummary(li); return; }
    var sent = t.closest(".sent");
    if (sent) { select(sent); return; }
    var f = t.closest(".finding");
    if (f) { showFinding(f); }
  });
  doc.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.key === "Escape") { select(null); showSummary(null); showFinding(null); return; }
    if ((ev.key === "Enter" || ev.key === " ") && t instanceof Element) {
      if (t.classList.contains("sent")) { ev.preventDefault(); select(t); }
      else if (t.classList.contains("summary-sentence")) { ev.preventDefault(); showSummary(t); }
    }
  });
  doc.addEventListener("mouseover", function (ev) {
    var t = ev.target instanceof Element ? ev.target.closest(".sent") : null;
    if (t === hover) { return; }
    if (hover) { flag(hover, "is-hover", "is-hover-linked", false); }
    hover = t;
    if (t) { flag(t, "is-hover", "is-hover-linked", true); }
  });
})();
""".strip()
