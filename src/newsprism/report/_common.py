"""What every renderer shares: headings, the side-by-side sentences of a finding."""

from __future__ import annotations

from newsprism.model import Article, CompareResult, Evidence, Finding

HEADINGS = {
    "shared_copy": "Shared copy: not independent",
    "contradiction": "Contradictions",
    "quote_change": "Quotes worded differently",
    "label_difference": "Labels: who calls whom what",
    "sourcing": "Sourced differently",
    "loaded_language": "Loaded wording",
    "omission": "Only some outlets report",
    "agreement": "Agreements",
}


def heading(kind: str) -> str:
    return HEADINGS.get(kind, kind.replace("_", " ").capitalize())


def kinds_in_order(result: CompareResult) -> list[str]:
    return list(dict.fromkeys(f.kind for f in result.findings))


def outlet(result: CompareResult, article_id: str) -> str:
    article = result.article(article_id)
    return article.name


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


SOURCE_KINDS = ("named_person", "named_organisation", "anonymous", "media", "document", "unattributed")


def label_rows(result: CompareResult) -> list[tuple[str, list[str]]]:
    """Per actor, one cell per article: the labels it uses, quoted ones marked."""
    rows = []
    for entry in result.framing.get("labels", []):
        cells = []
        for article in result.articles:
            counts: dict[str, int] = {}
            for m in entry["labels"].get(article.id, []):
                word = m["word"].lower() + (" (in a quote)" if m["in_quote"] else "")
                counts[word] = counts.get(word, 0) + 1
            cells.append(", ".join(w + (f" ×{n}" if n > 1 else "") for w, n in counts.items()) or "-")
        rows.append((entry["actor"], cells))
    return rows


def sourcing_rows(result: CompareResult) -> list[tuple[str, list[str]]]:
    """Per source kind, one cell per article: how many sentences, and which sources."""
    profiles = result.framing.get("sourcing", {})
    if not profiles:
        return []
    rows = []
    for kind in SOURCE_KINDS:
        cells = []
        for article in result.articles:
            profile = profiles.get(article.id, {})
            count = profile.get("counts", {}).get(kind, 0)
            names = _source_names(profile, kind)
            cells.append(str(count) + (f": {names}" if names else ""))
        rows.append((kind.replace("_", " "), cells))
    return rows


def _source_names(profile: dict, kind: str) -> str:
    if kind == "anonymous":
        items = [a.get("text", "") for a in profile.get("anonymous", [])]
    else:
        items = [n.get("name", "") for n in profile.get("named", []) if n.get("kind") == kind]
    return "; ".join(i for i in items[:4] if i)


def loaded_rows(result: CompareResult) -> list[tuple[str, list[str]]]:
    """Per measure, one cell per article: own loaded words, rate, quotes, hedges, intensifiers."""
    profiles = result.framing.get("loaded_language", {})
    if not profiles:
        return []
    measures = (
        ("own loaded words", lambda p: str(p.get("loaded", 0))),
        ("per 1,000 words", lambda p: f"{p.get('per_1000_words', 0):.1f}"),
        ("loaded words in quotes", lambda p: str(p.get("in_quotes", 0))),
        ("hedges", lambda p: str(p.get("hedges", 0))),
        ("intensifiers", lambda p: str(p.get("intensifiers", 0))),
        ("most used", lambda p: ", ".join(str(w) for w in p.get("top", [])[:5]) or "-"),
    )
    return [(label, [fn(profiles.get(a.id, {})) for a in result.articles]) for label, fn in measures]


def framing_tables(result: CompareResult) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """(title, first column name, rows) of every framing table with rows."""
    tables = [
        ("Labels by actor", "actor", label_rows(result)),
        ("Sourcing profile (sentences by source)", "source", sourcing_rows(result)),
        ("Loaded language", "measure", loaded_rows(result)),
    ]
    return [t for t in tables if t[2]]
