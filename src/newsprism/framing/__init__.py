"""Framing: who calls whom what, loaded and hedged wording, and how each outlet sources.

    findings, tables = frame(articles, links, quotes, claims)

Facts are half of the difference between two reports; the words are the other
half. Each component reads the articles (and the quotes the compare stage found,
because a loaded word inside a quote is the speaker's, not the outlet's) and
returns findings with exact evidence spans plus a per-outlet table; scare quotes (a
word or three in marks, nobody quoted) are listed per outlet. The detectors
compare two outlets at a time; ``_merge`` then gives one finding per claim (given
``claims``), per actor and per story, naming every outlet's version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.analysis.actors import mentions
from newsprism.analysis.attribution import UNATTRIBUTED, attributions
from newsprism.analysis.facts import Fact
from newsprism.analysis.loaded import loaded_spans
from newsprism.analysis.quotes import Quote, extract_quotes, is_scare, reported_speech, voice_quotes
from newsprism.framing._merge import merge
from newsprism.framing.labels import death_findings, label_findings, label_table
from newsprism.framing.loaded import loaded_findings, loaded_profile
from newsprism.framing.sourcing import figures_of, sourcing_findings, sourcing_profile
from newsprism.model import AlignmentLink, Article, Claim, Finding

__all__ = ["frame"]


def frame(
    articles: Sequence[Article],
    links: Sequence[AlignmentLink],
    quotes: dict[str, list[Quote]] | None = None,
    claims: Sequence[Claim] = (),
    voiced: dict[str, list[Quote]] | None = None,
    facts: Mapping[str, Mapping[int, Sequence[Fact]]] | None = None,
) -> tuple[list[Finding], dict[str, Any]]:
    """Framing findings and per-outlet tables (``labels``, ``sourcing``, ``loaded_language``
    with its ``wording`` scores, ``scare_quotes``).

    Every word inside quotation marks of any length (``voiced``, from ``voice_quotes``:
    scare quotes, single marks, bullets and captions too) or in a reported-speech
    clause (``reported_speech``: "officials said [...]") is someone else's voice for
    labels and loaded words; the statements in ``quotes`` (three words or more) are
    what sourcing attributes; ``facts`` (per article, per sentence) tell sourcing which
    sentences carry one figure (``sourcing_findings``; read again when not given)."""
    quotes = quotes if quotes is not None else {a.id: extract_quotes(a) for a in articles}
    marked = voiced if voiced is not None else {a.id: voice_quotes(a) for a in articles}
    others = {a.id: marked[a.id] + reported_speech(a, marked[a.id]) for a in articles}  # not the outlet's own voice
    labelled = {a.id: mentions(a, others[a.id]) for a in articles}
    findings = label_findings(articles, labelled) + death_findings(articles, links)
    tables: dict[str, Any] = {"labels": label_table(articles, labelled)}
    tables["scare_quotes"] = {a.id: [_span(q) for q in marked[a.id] if is_scare(q)] for a in articles}
    loaded = {a.id: loaded_spans(a, others[a.id]) for a in articles}
    sourced = {a.id: attributions(a, quotes[a.id]) for a in articles}
    where = {(s.article, s.sentence): c.id for c in claims for s in c.carried_by}
    told = {(a.id, s.sentence) for a in articles for s in sourced[a.id] if s.kind != UNATTRIBUTED}
    same_claim = _within_claims(links, where) if claims else links
    findings += loaded_findings(articles, same_claim, loaded, told)
    findings += sourcing_findings(articles, links, sourced, same_claim, figures_of(facts) if facts is not None else None)
    tables["sourcing"] = {a.id: sourcing_profile(a, sourced[a.id]) for a in articles}
    tables["loaded_language"] = {a.id: loaded_profile(a, loaded[a.id], marked[a.id]) for a in articles}
    return merge(findings, articles, where), tables


def _within_claims(links: Sequence[AlignmentLink], where: dict[tuple[str, int], str]) -> list[AlignmentLink]:
    """The links whose two sentences sit in one claim: sentences that tell the same
    statement, whose difference in wording is a choice (a loosely linked sentence may
    tell something else, and its lack of a charged word proves nothing)."""
    return [k for k in links if (c := where.get((k.a.article, k.a.sentence))) is not None and c == where.get((k.b.article, k.b.sentence))]



def _span(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "start": quote.start, "end": quote.end}
