"""Marks inside sentences: spans of article text wrapped in ``<mark>``, built as safe markup.

Article text is untrusted, so the markup of a marked sentence is made here and only
here, from escaped slices of the text and tags whose attribute values are escaped; the
result is ``markupsafe.Markup`` that the templates insert as is. Overlapping spans are
cut into properly nested pieces (see ``marked``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from newsprism.model import CONTRADICTION_KINDS, Article, CompareResult, Finding, Sentence
from newsprism.report._blocks import change_spans
from newsprism.report._common import heading, outlet
from newsprism.report._dom import class_token

#: (name, raw value) pairs of a tag; values are escaped when written.
Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of an article to wrap in ``<mark>``: offsets, classes, attributes.

    ``classes`` are safe tokens; ``attrs`` values are raw text, escaped when written.
    ``order`` breaks ties between marks starting at one offset (outer first). ``ref``
    is the finding number whose back-link follows the span's end, ``ref_kind`` that
    finding's kind (the link's colour).
    """

    start: int
    end: int
    classes: str
    attrs: Attrs
    order: int
    ref: int | None = None
    ref_kind: str = ""


# -- which marks ------------------------------------------------------------------------------


def finding_marks(result: CompareResult) -> dict[str, list[Mark]]:
    """Per article id, the marks of every finding's evidence and changed words (the article view)."""
    marks: dict[str, list[Mark]] = {}
    order = 0
    for number, finding in enumerate(result.findings, start=1):
        kind = class_token(finding.kind)
        title = f"{heading(finding.kind)}: {finding.summary}"
        role = "role-value" if finding.kind in CONTRADICTION_KINDS else "role-evidence"
        for i, ev in enumerate(finding.evidence):
            order += 1
            attrs = (("data-finding", f"f{number}"), ("data-ev", f"f{number}-{i}"), ("title", title))
            marks.setdefault(ev.article, []).append(
                Mark(ev.start, ev.end, f"kind-{kind} {role}", attrs, order, ref=number, ref_kind=kind)
            )
        for article_id, mark in change_marks(result, finding, number, with_ids=True):
            order += 1
            marks.setdefault(article_id, []).append(replace(mark, order=order))
    return marks


def change_marks(
    result: CompareResult, finding: Finding, number: int, with_ids: bool = False,
) -> Iterable[tuple[str, Mark]]:
    """The changed words of a quote change as (article id, mark), each reference span once.

    The reference's words (side ``a``) are titled with what the other version says
    instead; a version's words (side ``b``) with what the reference says. ``with_ids``
    adds ``data-change=f<N>-c<j>-a|b`` (the article view's hook).
    """
    kind = class_token(finding.kind)
    seen: set[tuple[str, int, int]] = set()
    for span in change_spans(finding):
        key = (span.article, span.start, span.end)
        if key in seen or span.end <= span.start:
            continue
        seen.add(key)
        if span.side == "a":
            title = f"reference: “{span.a or '—'}”; another version: “{span.b or '—'}”"
        else:
            title = f"{outlet(result, span.article)}: “{span.b or '—'}”; reference: “{span.a or '—'}”"
        attrs: Attrs = (("data-finding", f"f{number}"),)
        if with_ids:
            attrs += (("data-change", f"f{number}-c{span.index}-{span.side}"),)
        yield span.article, Mark(span.start, span.end, f"kind-{kind} role-change", attrs + (("title", title),), 0)


def value_marks(finding: Finding, number: int) -> Iterable[tuple[str, Mark]]:
    """The disputed values of a contradiction (its evidence) as (article id, mark)."""
    kind = class_token(finding.kind)
    title = f"{heading(finding.kind)}: {finding.summary}"
    for ev in finding.evidence:
        yield ev.article, Mark(ev.start, ev.end, f"kind-{kind} role-value", (("data-finding", f"f{number}"), ("title", title)), 0)


def summary_marks(result: CompareResult) -> dict[str, list[Mark]]:
    """Per article id, the (invisible until selected) marks of the summary's evidence."""
    marks: dict[str, list[Mark]] = {}
    for number, sentence in enumerate(result.summary, start=1):
        for ev in sentence.evidence:
            marks.setdefault(ev.article, []).append(
                Mark(ev.start, ev.end, "sum-ev", (("data-summary", f"sum-{number}"),), -number)
            )
    return marks


# -- markup -----------------------------------------------------------------------------------


def marked(text: str, lo: int, hi: int, marks: Sequence[Mark], refs: set[int] | None = None) -> Markup:
    """``text[lo:hi]`` escaped, with ``marks`` (already clipped to it) wrapped around.

    The range is cut at every mark boundary; at each cut the marks that end are
    closed (with any marks opened inside them closed first and reopened after), so
    overlapping spans become properly nested pieces. ``refs`` are the positions in
    ``marks`` whose back-link (``a.ref``) goes after their end in this range.
    """
    refs = refs or set()
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
        out.append(str(escape(text[pos : bounds[n + 1]])))
    return Markup("".join(out))


def _open_tag(mark: Mark, start: int, end: int) -> str:
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in mark.attrs)
    return f'<mark class="{escape(mark.classes)}" data-start="{start}" data-end="{end}"{attrs}>'


def _ref(mark: Mark) -> str:
    """The back-link from an evidence span to its finding; its label comes from CSS."""
    n = mark.ref
    return f'<a class="ref kind-{escape(mark.ref_kind)}" href="#f{n}" data-n="{n}" aria-label="finding {n}"></a>'


def clip(marks: Iterable[Mark], lo: int, hi: int) -> list[Mark]:
    """The marks that overlap ``[lo, hi)``, cut to it."""
    return [replace(m, start=max(m.start, lo), end=min(m.end, hi)) for m in marks if m.start < hi and m.end > lo]


def sentence_markup(article: Article, sentence: Sentence, marks: Sequence[Mark], next_start: int) -> Markup:
    """The sentence's text with the marks that touch it, clipped to it, and their back-links.

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
        clipped.append(replace(m, start=start, end=end))
    return marked(article.text, sentence.start, sentence.end, clipped, refs)
