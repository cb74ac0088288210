"""What every renderer shares: headings, the side-by-side sentences of a finding."""

from __future__ import annotations

from newsprism.model import Article, CompareResult, Evidence, Finding

HEADINGS = {
    "contradiction": "Contradictions",
    "quote_change": "Quotes worded differently",
    "omission": "Only some outlets report",
    "agreement": "Agreements",
}


def heading(kind: str) -> str:
    return HEADINGS.get(kind, kind.replace("_", " ").capitalize())


def kinds_in_order(result: CompareResult) -> list[str]:
    return list(dict.fromkeys(f.kind for f in result.findings))


def outlet(result: CompareResult, article_id: str) -> str:
    article = result.article(article_id)
    return article.outlet or article.id


def context(result: CompareResult, finding: Finding) -> list[tuple[Evidence, list[tuple[int, int]]]]:
    """Per article, the sentence(s) to show and the spans inside them to highlight.

    The sentence around each evidence span is shown (evidence spans that are whole
    sentences are shown as they are) with the evidence marked inside it.
    """
    shown: dict[str, tuple[Evidence, list[tuple[int, int]]]] = {}
    marks = _marks(finding)
    for ev in finding.evidence:
        article = result.article(ev.article)
        sentence = _enclosing(article, ev)
        if ev.article not in shown:
            shown[ev.article] = (sentence, [])
        spans = marks.get(ev.article) or ([(ev.start, ev.end)] if (ev.start, ev.end) != (sentence.start, sentence.end) else [])
        shown[ev.article][1].extend(s for s in spans if s not in shown[ev.article][1])
    return list(shown.values())


def _marks(finding: Finding) -> dict[str, list[tuple[int, int]]]:
    """Changed-word spans of a quote change, per article."""
    changes = finding.details.get("changes") or []
    articles = finding.details.get("articles") or []
    out: dict[str, list[tuple[int, int]]] = {}
    if len(articles) == 2:
        for change in changes:
            for side, article_id in zip(("a_span", "b_span"), articles, strict=True):
                span = change.get(side)
                if span:
                    out.setdefault(article_id, []).append((span[0], span[1]))
    return out


def _enclosing(article: Article, ev: Evidence) -> Evidence:
    """The span from the start of the first to the end of the last sentence touching ``ev``."""
    touching = [s for s in article.sentences if s.start < ev.end and s.end > ev.start]
    if not touching:
        return ev
    return Evidence.of(article, min(s.start for s in touching), max(s.end for s in touching))
