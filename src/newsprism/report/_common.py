"""What every renderer shares: how a finding kind looks, which claims a finding sits in,
and the per-outlet framing tables.

The look of a kind (heading, colour, terminal style, order) comes from the one registry,
``newsprism.model.FindingKind``; a kind it does not know (from a newer or foreign
result) falls back to its capitalised name, grey and plain bold, after the known ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsprism.model import CompareResult, Finding, FindingKind

#: Colour (R G B) of a kind the registry does not know.
GREY = "100 116 139"


def heading(kind: str) -> str:
    """The kind's heading in reports ("Contradictions"), else its name capitalised."""
    known = FindingKind.of(kind)
    return known.heading if known else str(kind).replace("_", " ").capitalize()


def colour(kind: str) -> str:
    """The kind's colour as ``"R G B"`` (for CSS ``rgb(R G B / alpha)``), grey when unknown."""
    known = FindingKind.of(kind)
    return known.colour if known else GREY


def style(kind: str) -> str:
    """The kind's rich style, plain bold when unknown."""
    known = FindingKind.of(kind)
    return known.style if known else "bold"


def short_label(kind: str) -> str:
    """A kind as a short badge label: its name in words ("quote change")."""
    return str(kind).replace("_", " ")


def kind_order(kind: str) -> int:
    """Where a kind sorts: registry order, unknown kinds after all known ones."""
    known = FindingKind.of(kind)
    return known.order if known else len(FindingKind)


def kinds_in_order(result: CompareResult) -> list[str]:
    """The kinds that have findings in ``result``, in registry order."""
    return sorted(dict.fromkeys(str(f.kind) for f in result.findings), key=kind_order)


def outlet(result: CompareResult, article_id: str) -> str:
    """How reports name an article of the result: its outlet, else its id (also for ids not in it)."""
    for article in result.articles:
        if article.id == article_id:
            return article.name
    return str(article_id)


def outlets(result: CompareResult, article_ids: Iterable[object]) -> str:
    """Several articles named and joined with commas."""
    return ", ".join(outlet(result, str(a)) for a in article_ids)


def finding_claims(finding: Finding) -> tuple[str, ...]:
    """The ids of the claims a finding sits in: its ``claim``, and for a quote change
    that spans several claims, its ``details["claims"]``."""
    ids = [finding.claim] if finding.claim else []
    extra = finding.details.get("claims")
    if isinstance(extra, list | tuple):
        ids += [str(c) for c in extra if c]
    return tuple(dict.fromkeys(ids))


def findings_by_claim(result: CompareResult) -> dict[str, list[tuple[int, Finding]]]:
    """Per claim id, the findings (with their 1-based number in ``result.findings``) that sit in it."""
    attached: dict[str, list[tuple[int, Finding]]] = {}
    for number, finding in enumerate(result.findings, start=1):
        for claim_id in finding_claims(finding):
            attached.setdefault(claim_id, []).append((number, finding))
    return attached


# -- notices ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Notice:
    """A line every report prints at its top, before anything else.

    ``kind`` is ``same-event`` (the articles are probably or possibly not about one event)
    or ``coverage`` (an analysis did not run for some articles); ``level`` is
    ``different``, ``possibly-different`` or ``coverage``. ``text`` is plain, unescaped.
    """

    kind: str
    level: str
    text: str


def notices(result: CompareResult) -> list[Notice]:
    """The same-event warning (when the verdict is not "same"), then the coverage lines."""
    out = []
    same = result.same_event
    if same and not same.get("same", True):
        verdict = str(same.get("verdict", "different"))
        head = "Probably not the same event" if verdict == "different" else "Possibly not the same event"
        score = same.get("score")
        scored = f" (score {float(score):.2f})" if isinstance(score, int | float) else ""
        out.append(Notice("same-event", verdict.replace(" ", "-"), f"{head}{scored}: {same.get('reason', '')}"))
    out += [Notice("coverage", "coverage", str(line)) for line in result.coverage]
    return out


# -- framing tables ----------------------------------------------------------------------------

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
