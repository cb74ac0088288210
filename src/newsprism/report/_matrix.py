"""The claim matrix: one row per claim, one column per outlet, what each outlet says.

    rows = claim_rows(result)

A reader comparing five or ten outlets asks, per statement, who says it and how; the
matrix answers that at a glance. Rows are ``result.claims`` in story order; columns are
``result.articles`` in order. A cell holds that outlet's sentence(s) of the claim,
exactly as written, with the words a finding of the claim is about marked inside
(changed words of a quote change, disputed values of a contradiction), or nothing (the
template writes "not reported"). The row header carries a badge per kind of finding
that sits in the claim (``Finding.claim``, or ``details["claims"]`` of a quote change).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from newsprism.model import CONTRADICTION_KINDS, Article, Claim, ClaimSentence, CompareResult, Finding
from newsprism.report._common import findings_by_claim, heading, kind_order, short_label
from newsprism.report._dom import class_token, claim_element_id, sentence_id
from newsprism.report._marks import Mark, change_marks, clip, marked, value_marks


@dataclass(frozen=True, slots=True)
class Badge:
    """One kind of finding in a claim: its class token, label, heading, how many, and the first one's number."""

    kind: str
    label: str
    heading: str
    count: int
    first: int


@dataclass(frozen=True, slots=True)
class CellSentence:
    """One sentence in a cell: the article view's element id of it, its span, its marked text."""

    target: str
    start: int
    end: int
    html: Markup


@dataclass(frozen=True, slots=True)
class Cell:
    """One outlet's part of a claim; no sentences means the outlet does not report it."""

    article: str
    outlet: str
    sentences: tuple[CellSentence, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """One claim: its element id, claim id, number (from 1), kinds (space-separated tokens), badges, cells."""

    id: str
    claim: str
    number: int
    kinds: str
    badges: tuple[Badge, ...]
    cells: tuple[Cell, ...]
    carried: int


def claim_rows(result: CompareResult) -> list[Row]:
    """The matrix rows of ``result.claims``, in order (see the module docstring)."""
    attached = findings_by_claim(result)
    return [_row(result, number, claim, attached.get(claim.id, [])) for number, claim in enumerate(result.claims, start=1)]


def _row(result: CompareResult, number: int, claim: Claim, findings: list[tuple[int, Finding]]) -> Row:
    badges = _badges(findings)
    marks = _marks(result, findings)
    cells = tuple(_cell(article, claim.sentences_of(article.id), marks.get(article.id, [])) for article in result.articles)
    return Row(
        claim_element_id(claim.id), claim.id, number, " ".join(b.kind for b in badges), badges, cells,
        sum(1 for c in cells if c.sentences),
    )


def _badges(findings: list[tuple[int, Finding]]) -> tuple[Badge, ...]:
    """One badge per kind of the claim's findings, in registry order."""
    by_kind: dict[str, list[int]] = {}
    for number, finding in findings:
        by_kind.setdefault(str(finding.kind), []).append(number)
    return tuple(
        Badge(class_token(kind), short_label(kind), heading(kind), len(numbers), min(numbers))
        for kind, numbers in sorted(by_kind.items(), key=lambda item: kind_order(item[0]))
    )


def _marks(result: CompareResult, findings: list[tuple[int, Finding]]) -> dict[str, list[Mark]]:
    """Per article, the changed words and disputed values of the claim's findings."""
    out: dict[str, list[Mark]] = {}
    pairs: Iterable[tuple[str, Mark]]
    for number, finding in findings:
        if finding.kind == "quote_change":
            pairs = change_marks(result, finding, number)
        elif finding.kind in CONTRADICTION_KINDS:
            pairs = value_marks(finding, number)
        else:
            continue
        for article_id, mark in pairs:
            out.setdefault(article_id, []).append(mark)
    return out


def _cell(article: Article, sentences: tuple[ClaimSentence, ...], marks: list[Mark]) -> Cell:
    """The outlet's sentences of the claim, each sliced from the article with its marks inside."""
    shown = []
    for s in sorted(sentences, key=lambda s: s.start):
        html = marked(article.text, s.start, s.end, clip(marks, s.start, s.end))
        shown.append(CellSentence(sentence_id(article.id, s.sentence), s.start, s.end, html))
    return Cell(article.id, article.name, tuple(shown))
