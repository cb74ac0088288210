"""Analysis: what each article says, read once and used by every later stage.

The per-article annotation that ``compare``, ``framing`` and ``stories`` build on. Like
spaCy's pipeline components, each module is a small component over one article (its
text, ingest-time parse and entities) that declares what it writes. The modules
import nothing from the stages above them (``tests/test_layers.py``).

``speakers`` -- ``Reader(article, quoted)``
    Who says something, read once on the dependency parse: every source of every body
    sentence (the subject of a reporting verb, "according to X", ...), resolved to a
    kind and a full name (surnames, "he"/"she" and "the president" to the person they
    stand for). The one attribution reader: ``quotes`` and ``attribution`` both ask it.
``quotes`` -- ``extract_quotes(article) -> list[Quote]``
    Direct quotes: the quoted parts, the speaker, its kind and the span of the
    speaker's mention.
``facts`` -- ``sentence_facts(article) -> {sentence: list[Fact]}``
    Numbers, ordinals, dates, weekdays and named entities of each body sentence, with
    what they count (``unit``) and where they sit (``slot``). ``compare_facts(a, b)``
    pairs the facts of two aligned sentences (``FactPair``: same or different).
``names`` -- ``canonical_entity(text) -> str``, ``same_entity(a, b) -> bool``
    One key per name across spellings ("U.S." = "United States"), the name
    canonicaliser every stage uses.
``attribution`` -- ``attributions(article, quotes) -> list[Attribution]``
    The main source of each body sentence and its kind (named person or organisation,
    anonymous, media, document, unattributed).
``actors`` -- ``mentions(article, quotes) -> list[Mention]``
    Noun phrases that label an actor ("Iran-backed militias"), with the label's charge
    and the actor they describe.
``loaded`` -- ``loaded_spans(article, quotes) -> list[LoadedSpan]``
    Charged words, intensifiers and hedges, each marked in or out of a quote.

Every record is pinned to exact offsets into ``Article.text``. ``attributions``,
``mentions`` and ``loaded_spans`` take the article's quotes (from ``extract_quotes``) so
that words inside a quote count as the speaker's, not the outlet's.
"""

from __future__ import annotations

from newsprism.analysis.actors import Mention, mentions
from newsprism.analysis.attribution import Attribution, attributions
from newsprism.analysis.facts import Fact, compare_facts, sentence_facts
from newsprism.analysis.loaded import LoadedSpan, loaded_spans
from newsprism.analysis.names import canonical_entity, same_entity
from newsprism.analysis.quotes import Quote, extract_quotes

__all__ = [
    "extract_quotes",
    "Quote",
    "sentence_facts",
    "Fact",
    "compare_facts",
    "canonical_entity",
    "same_entity",
    "attributions",
    "Attribution",
    "mentions",
    "Mention",
    "loaded_spans",
    "LoadedSpan",
]
