"""One finding as a block of every outlet's version: what the text and Markdown reports print.

    block = finding_block(result, finding)      # Block(sections, notes)

A finding of format 2 is about one claim, quote or fact across all compared outlets, so
a block shows each outlet's words, not a pair:

* ``quote_change``: every version of the quote (``details["versions"]``), the reference
  first as the result lists them, each with its role ("reference", "altered", ...), its
  changed words marked and what it leaves out of the reference; the outlets that do not
  quote it at all in one note.
* ``contradiction``: one section per value ("“Sunday”: A, C"), each outlet's sentence
  under it with its wording of the value marked.
* ``omission``: who carries it and who does not, in one note, then the carrying sentences.
* anything else: the sentence around each piece of evidence, evidence marked unless it
  is the whole sentence.

Every text shown is an exact slice of its article (``Evidence.of``), and every mark an
absolute span inside it, so renderers only ever cut the article's own text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsprism.model import CONTRADICTION_KINDS, Article, CompareResult, Evidence, Finding
from newsprism.report._common import outlet, outlets

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Passage:
    """One outlet's words in a block: the text shown, the spans to mark in it, a role and a note."""

    article: str
    outlet: str
    shown: Evidence
    marks: tuple[Span, ...] = ()
    label: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """Passages under an optional title (a contradiction's value and who gives it)."""

    title: str
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A finding's sections, then notes that name outlets ("not quoted by: X, Y")."""

    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeSpan:
    """One side of a changed-word pair of a quote change, as a span of one article.

    ``side`` is ``a`` for the reference's words and ``b`` for the version's; ``index``
    is the change's position in ``details["changes"]``; ``a`` and ``b`` are both wordings.
    """

    index: int
    side: str
    article: str
    start: int
    end: int
    a: str
    b: str


def finding_block(result: CompareResult, finding: Finding) -> Block:
    """The block of any finding (see the module docstring)."""
    if finding.kind == "quote_change" and finding.details.get("versions"):
        return _quote_block(result, finding)
    if finding.kind in CONTRADICTION_KINDS and finding.details.get("groups"):
        return _contradiction_block(result, finding)
    if finding.kind == "omission":
        return _omission_block(result, finding)
    return Block((Section("", tuple(_evidence_passages(result, finding))),))


def change_spans(finding: Finding) -> list[ChangeSpan]:
    """The changed-word spans of a quote change (format 2), both sides, in change order.

    Each change of ``details["changes"]`` names its version's ``article``: ``b_span`` lies
    in that article, ``a_span`` in ``details["reference"]``. Spans that are missing (a
    word only one side has) are skipped.
    """
    if finding.kind != "quote_change":
        return []
    reference = str(finding.details.get("reference") or "")
    spans: list[ChangeSpan] = []
    for j, change in enumerate(finding.details.get("changes") or []):
        if not isinstance(change, dict):
            continue
        a, b = str(change.get("a") or ""), str(change.get("b") or "")
        for side, article in (("a", reference), ("b", str(change.get("article") or ""))):
            span = change.get(f"{side}_span")
            if article and isinstance(span, list | tuple) and len(span) == 2:
                spans.append(ChangeSpan(j, side, article, int(span[0]), int(span[1]), a, b))
    return spans


# -- kinds ------------------------------------------------------------------------------------


def _quote_block(result: CompareResult, finding: Finding) -> Block:
    """Every version of the quote with its changed words, then who does not quote it."""
    marks: dict[str, list[Span]] = {}
    for span in change_spans(finding):
        bucket = marks.setdefault(span.article, [])
        if (span.start, span.end) not in bucket:
            bucket.append((span.start, span.end))
    passages = []
    for version in finding.details.get("versions") or []:
        article = _article(result, version.get("article"))
        if article is None or not _valid(article, version.get("start"), version.get("end")):
            continue
        shown = Evidence.of(article, int(version["start"]), int(version["end"]))
        left_out, adds = _texts(version.get("left_out")), _texts(version.get("adds"))
        notes = ["left out: " + "; ".join(f"“{t}”" for t in left_out)] if left_out else []
        notes += ["quoted only here: " + "; ".join(f"“{t}”" for t in adds)] if adds else []
        note = " · ".join(notes)
        passages.append(Passage(
            article.id, article.name, shown, _inside(marks.get(article.id, []), shown),
            str(version.get("change") or ""), note,
        ))
    missing = finding.details.get("not_quoting") or []
    notes = (f"not quoted by: {outlets(result, missing)}",) if missing else ()
    return Block((Section("", tuple(passages)),), notes)


def _contradiction_block(result: CompareResult, finding: Finding) -> Block:
    """One section per value: the value and its outlets, then each outlet's sentence."""
    sentences = _sentences(result, finding.details.get("sentences"))
    sections = []
    for group in finding.details.get("groups") or []:
        if not isinstance(group, dict):
            continue
        ids = [str(a) for a in group.get("articles") or []]
        wording = str(group.get("text") or group.get("value") or "")
        passages = []
        for article_id in ids:
            article = _article(result, article_id)
            if article is None:
                continue
            values = [(e.start, e.end) for e in finding.evidence if e.article == article_id]
            shown = sentences.get(article_id) or list(dict.fromkeys(
                _enclosing(article, e) for e in finding.evidence if e.article == article_id
            ))
            passages += [Passage(article_id, article.name, s, _inside(values, s)) for s in shown]
        sections.append(Section(f"“{wording}”: {outlets(result, ids)}", tuple(passages)))
    return Block(tuple(sections))


def _omission_block(result: CompareResult, finding: Finding) -> Block:
    """Who carries the claim and who does not, then the carrying sentences."""
    carried = finding.details.get("carried_by") or list(dict.fromkeys(e.article for e in finding.evidence))
    missing = finding.details.get("missing_from") or []
    note = f"carried by {outlets(result, carried)}; missing from {outlets(result, missing) or 'none'}"
    return Block((Section("", tuple(_evidence_passages(result, finding))),), (note,))


def _evidence_passages(result: CompareResult, finding: Finding) -> list[Passage]:
    """Per article, the sentence(s) around its evidence, with the evidence marked inside.

    Evidence in adjacent sentences of one article (an outlet that says in two sentences
    what another says in one) is shown as one passage; evidence that is exactly what is
    shown is not marked (the whole text would be).
    """
    shown: dict[str, list[tuple[Evidence, list[Span]]]] = {}
    for ev in finding.evidence:
        article = _article(result, ev.article)
        if article is None:
            continue
        sentence = _enclosing(article, ev)
        passages = shown.setdefault(ev.article, [])
        last = passages[-1][0] if passages else None
        if last is not None and _adjacent(article, last, sentence):
            passages[-1] = (Evidence.of(article, min(last.start, sentence.start), max(last.end, sentence.end)), passages[-1][1])
        elif last is None or sentence != last:
            passages.append((sentence, []))
        spans = passages[-1][1]
        if (ev.start, ev.end) != (sentence.start, sentence.end) and (ev.start, ev.end) not in spans:
            spans.append((ev.start, ev.end))
    return [
        Passage(s.article, outlet(result, s.article), s, _inside(m, s))
        for passages in shown.values() for s, m in passages
    ]


def _adjacent(article: Article, one: Evidence, other: Evidence) -> bool:
    """Whether two shown spans of an article overlap or follow each other with no body
    sentence between (a dateline or caption between them does not part them)."""
    lo, hi = sorted((one, other), key=lambda e: e.start)
    return hi.start <= lo.end or not any(lo.end <= s.start and s.end <= hi.start for s in article.body_sentences)


# -- helpers ----------------------------------------------------------------------------------


def _article(result: CompareResult, article_id: object) -> Article | None:
    return next((a for a in result.articles if a.id == str(article_id)), None)


def _valid(article: Article, start: object, end: object) -> bool:
    """Whether ``start``/``end`` are a non-empty span of the article's text."""
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text)


def _sentences(result: CompareResult, records: object) -> dict[str, list[Evidence]]:
    """``details["sentences"]`` (``[{article, start, end}]``) as exact slices, per article."""
    out: dict[str, list[Evidence]] = {}
    for record in records if isinstance(records, list | tuple) else []:
        article = _article(result, record.get("article")) if isinstance(record, dict) else None
        if article is not None and _valid(article, record.get("start"), record.get("end")):
            ev = Evidence.of(article, record["start"], record["end"])
            if ev not in out.setdefault(article.id, []):
                out[article.id].append(ev)
    return out


def _texts(items: object) -> list[str]:
    """Left-out passages as text, whether listed as strings or as ``{text, ...}`` records."""
    if not isinstance(items, list | tuple):
        return []
    return [str(i.get("text", "")) if isinstance(i, dict) else str(i) for i in items if i]


def _inside(spans: Iterable[Span], shown: Evidence) -> tuple[Span, ...]:
    """The spans that overlap the shown text, clipped to it, in order."""
    clipped = {(max(s, shown.start), min(e, shown.end)) for s, e in spans if s < shown.end and e > shown.start}
    return tuple(sorted(clipped))


def _enclosing(article: Article, ev: Evidence) -> Evidence:
    """From the start of the first to the end of the last sentence touching ``ev``."""
    touching = [s for s in article.sentences if s.start < ev.end and s.end > ev.start]
    if not touching:
        return ev
    return Evidence.of(article, min(s.start for s in touching), max(s.end for s in touching))
