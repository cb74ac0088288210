"""Attribution: the main source each body sentence attributes its claim to.

A component of the analysis layer: it reads one article (its ingest-time parse,
entities and direct quotes) and writes one ``Attribution`` per body or bullet sentence.
How outlets differ in their sourcing is ``newsprism.framing.sourcing``.

``attributions(article, quotes)``
    One ``Attribution`` per body sentence: the main source the sentence attributes its
    claim to ("two U.S. officials said", "according to the Pentagon", "Defense
    Secretary Lloyd Austin said in a statement"), classified by kind, or an
    ``unattributed`` record spanning the whole sentence when it names no source.

Who a source is, and which sources a sentence has, is read by ``speakers.Reader``: the
same reader gives each direct quote its speaker (``quotes.extract_quotes``), so a
sentence and the quote in it are never given two different speakers. Here:

* the main source of a sentence is its best reporting source (``Reader.main``): the
  verb closest to the root of the parse, then one governing a clause, then the first
  (so "in what it said was ..., claims denied by Iraqi officials" is attributed to
  "it", Iran); reporting verbs inside quoted words are the speaker's and ignored;
* a sentence inside a direct quote with no source of its own takes the source of the
  quote (``_from_quotes``): the quote's own, or, for a quote that goes on from the one
  before without an attribution of its own ('"A," X said. "B. C."'), that quote's.

Kinds: ``named_person``, ``named_organisation``, ``anonymous`` (with the phrase that
marks the anonymity, ``ANONYMITY``), ``media``, ``document`` and ``unattributed``; the
rules are ``speakers._classify``'s.

Every span is an offset pair into ``Article.text``; texts are sliced from it, so
``attribution.text == article.text[start:end]`` always.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.analysis.quotes import Quote, extract_quotes, outermost
from newsprism.analysis.speakers import (
    ANONYMITY,
    ANONYMOUS,
    DOCUMENT,
    KINDS,
    MEDIA,
    NAMED_KINDS,
    NAMED_ORGANISATION,
    NAMED_PERSON,
    REPORTING_VERBS,
    SOURCED_KINDS,
    UNATTRIBUTED,
    Reader,
    Source,
    reader,
)
from newsprism.model import Article, Sentence

__all__ = [
    "Attribution",
    "attributions",
    "KINDS",
    "NAMED_KINDS",
    "NAMED_PERSON",
    "NAMED_ORGANISATION",
    "ANONYMOUS",
    "MEDIA",
    "DOCUMENT",
    "UNATTRIBUTED",
    "REPORTING_VERBS",
    "SOURCED_KINDS",
]


@dataclass(frozen=True, slots=True)
class Attribution:
    """The main source of one body sentence.

    ``start``/``end``/``text`` cover the source phrase ("two U.S. officials", "Defense
    Secretary Lloyd Austin", "the Pentagon"), for a pronoun the pronoun itself ("he",
    with ``name`` resolved), and for ``unattributed`` the whole sentence. For a
    sentence inside a direct quote the phrase is the quote's source, which may lie in a
    neighbouring sentence. ``name`` is the canonical name of a named source (titles
    and "the" dropped, a surname or pronoun resolved to the person's full name);
    ``verb`` the reporting verb's lemma or "according to"; ``anonymity`` the phrase
    that marks an anonymous source as deliberately unnamed.
    """

    article: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str
    name: str | None
    verb: str | None
    verb_span: tuple[int, int] | None
    anonymity: str | None

    @property
    def attributed(self) -> bool:
        return self.kind != UNATTRIBUTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "name": self.name,
            "verb": self.verb,
            "verb_span": list(self.verb_span) if self.verb_span else None,
            "anonymity": self.anonymity,
        }


def _anonymity(article: Article, sentence: Sentence, read: Reader) -> str | None:
    """The anonymity phrase of the sentence (outside quoted words), if any."""
    for m in ANONYMITY.finditer(article.text, sentence.start, sentence.end):
        if not any(s <= m.start() < e for s, e in read.quoted):
            return m.group(0)
    return None


def _attribution(article: Article, sentence: Sentence, source: Source, read: Reader) -> Attribution:
    """The attribution of ``sentence`` to a source (of this sentence or of its quote)."""
    anonymity = _anonymity(article, article.sentences[source.sentence], read) if source.kind == ANONYMOUS else None
    return Attribution(
        article.id, sentence.index, source.start, source.end, article.text[source.start : source.end],
        source.kind, source.name, source.verb, source.verb_span, anonymity,
    )  # fmt: skip


def _unattributed(article: Article, sentence: Sentence) -> Attribution:
    text = article.text[sentence.start : sentence.end]
    return Attribution(
        article.id, sentence.index, sentence.start, sentence.end, text, UNATTRIBUTED, None, None, None, None
    )


def _quote_source(read: Reader, quotes: Sequence[Quote], sentence: Sentence) -> Source | None:
    """The source of the direct quote a sentence lies in: the quote's own, or, for a
    quote that took its speaker from the quote before (no attribution of its own, the
    same speaker mention), the source of the nearest such quote that has one."""
    at = next(
        (k for k, q in enumerate(quotes) if any(s < sentence.end and sentence.start < e for s, e in q.parts)), None
    )
    if at is None:
        return None
    quote = quotes[at]
    for earlier in reversed(quotes[: at + 1]):
        if earlier is not quote and (quote.speaker_span is None or earlier.speaker_span != quote.speaker_span):
            continue
        source = read.speaker_of(earlier.parts)
        if source is not None:
            return source
    return None


def attributions(article: Article, quotes: Sequence[Quote] = ()) -> list[Attribution]:
    """The main attribution of every body or bullet sentence, in order (one per sentence).

    Bullet summaries are the outlet's own words ("Pentagon officials, speaking on
    condition of anonymity, said ..."), so their sources count in its profile;
    captions, sub-headings and boilerplate do not.

    ``quotes`` are the article's direct quotes as the compare stage found them; when
    none are given they are extracted here (an article without quotes gives none
    either way). Quotes of other articles are ignored, and so are nested quotes (a
    sentence lies in the outer quote). A sentence with no source gets an
    ``unattributed`` record spanning the sentence.
    """
    own = tuple(outermost([q for q in quotes if q.article == article.id] or extract_quotes(article)))
    sentences = [s for s in article.sentences if s.kind in SOURCED_KINDS]
    if not sentences:
        return []
    read = reader(article, [p for q in own for p in q.parts])
    out: list[Attribution] = []
    for sentence in sentences:
        source = read.main(sentence.index) or _quote_source(read, own, sentence)
        out.append(_attribution(article, sentence, source, read) if source else _unattributed(article, sentence))
    return out
