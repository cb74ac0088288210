"""Facts inside sentences: counts, ordinals, dates, weekdays and named entities.

The compare engine asks two questions of a pair of aligned sentences from different
articles: do they give the same figure/day/name for the same thing, or a different
one? This module answers them in two steps:

``sentence_facts(article)``
    reads every (body) sentence once with spaCy and returns its facts. Each fact is
    pinned to an exact span of ``article.text`` (``fact.text == article.text[start:end]``)
    and carries a normalised ``value`` plus the *context* needed to tell what it is
    about: ``unit`` (what a number counts) and ``slot`` (where the fact sits in the
    sentence: the word that governs it).

``compare_facts(a, b)``
    pairs facts of two aligned sentences that speak about the same thing and marks
    each pair ``same`` or ``different``. Precision over recall: when it is not clear
    that two facts fill the same slot, they are not paired at all.

Pairing rules (all documented again at the functions that implement them):

* numbers/ordinals pair only when they count the same ``unit`` (lemma of the counted
  noun). An equal value is ``same``. A ``different`` pair needs more: the two facts
  must also share their ``slot`` (the word governing the counted noun phrase), be the
  only unmatched fact with that unit and slot on each side, and their ranges (given
  qualifiers such as "about" or "more than") must not overlap.
* weekdays/dates pair only when their ``slot`` matches: the lemma of the word the
  date attaches to ("fired Sunday" and "fired ... on Saturday" both give ``fire``;
  "Sunday's attack" gives ``attack``), prefixed with the preposition when that is not
  a plain point in time (``since:carry`` for "carried out since Jan. 11"). "on",
  "at", "in", "during" and a bare noun-phrase adverb all mean "at that time".
* entities pair only when they hold the same grammatical role (``agent:launch``,
  ``patient:hit``, ``against:strike``, ``of:direction``, ``mod:personnel``). ``same`` when
  ``same_entity`` holds. ``different`` is much stricter: PERSON/ORG/GPE names alone
  in a core role (subject or object of a verb that is not "say"-like or light) on
  both sides, sharing no word, neither containing nor abbreviating the other, and
  only when the two sentences also share some ``same`` fact.

Every fact kind is resolved without the network and deterministically: weekdays and
"yesterday" are resolved by calendar arithmetic from ``article.published``; explicit
dates are read from the parts their pattern matched (``_date_of``), with dateparser's
rules for a date without a year (the latest such day on or before the publication
date); ``tests/test_facts.py`` checks them against dateparser itself, whose first call
costs a third of a second per process.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from importlib import resources
from typing import TYPE_CHECKING

from newsprism import nlp
from newsprism.analysis._wordlists import read_sections
from newsprism.analysis._dateline import dateline_end
from newsprism.analysis.names import canonical_entity, same_entity
from newsprism.analysis.speakers import REPORTING_VERBS
from newsprism.model import Article, Published, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "Fact",
    "place_scope",
    "FactPair",
    "sentence_facts",
    "compare_facts",
    "KINDS",
]

NUMBER = "number"
ORDINAL = "ordinal"
DATE = "date"
WEEKDAY = "weekday"
ENTITY = "entity"
KINDS = (NUMBER, ORDINAL, DATE, WEEKDAY, ENTITY)

SAME = "same"
DIFFERENT = "different"


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of a sentence, ``text == article.text[start:end]``.

    ``value`` is normalised so that equal facts compare equal across outlets:
    ``"2500"`` for "about 2,500", ``"8"`` for "eighth", ``"2024-01-21"`` for a resolved
    date, ``"--01-04"`` for "January 4" without a known year, ``"--12"`` for "in
    December", ``"sunday"`` for a weekday that cannot be resolved, and the
    ``canonical_entity`` key for a name.

    ``unit`` is the lemma of what a number or ordinal counts ("missile", "troop");
    ``None`` when unknown and always for dates and entities. ``qualifier`` is a
    number's hedge ("about", "more than"); for a date resolved from a weekday name it
    holds that weekday ("sunday"). ``label`` is the spaCy label of an entity, or the
    granularity of a date ("day", "month", "year", "week"; "weekday" for an
    unresolved weekday).

    ``resolved`` and ``zoned`` (dates only) say how far the value can be trusted
    against another outlet's (see the fields).

    ``slot`` (an addition to the brief's fields, defaulted so older constructors keep
    working) is the syntactic context compare_facts pairs on: for numbers and
    ordinals the lemma of the word governing the counted phrase, for dates the lemma
    the date attaches to (with the preposition for since/before/after/...), for
    entities the grammatical role (``agent:fire``, ``against:strike``).
    """

    kind: str
    start: int
    end: int
    text: str
    value: str
    unit: str | None = None
    qualifier: str | None = None
    label: str | None = None
    slot: str | None = None
    #: How a date's value was reached when it is not all written out: "year" (the year
    #: taken from the publication date), "weekday" (a weekday name resolved against
    #: it), "relative" ("yesterday", "last week"); ``None`` when written in full.
    resolved: str | None = None
    #: A day told with a time of day or a time zone ("Saturday morning, local time"):
    #: the same moment can fall on the next or previous calendar day elsewhere.
    zoned: bool = False
    #: Whose count a number is (numbers only): the name key of the subject of its verb
    #: or of its possessor ("Smith scored 20 points", "Smith's 20 points"),
    #: ``PRONOUN_HOLDER`` when that is a pronoun, ``None`` when the count has no such
    #: holder or it is not a name ("20 people were killed", "the team scored 20").
    holder: str | None = None
    #: The adjectives that restrict a counted noun (numbers only; lemmas of its ``amod``
    #: children): "four Irish nationals" counts ``irish`` nationals, "15 foreign
    #: nationals" ``foreign`` ones, two different sets (``_other_sets``).
    modifiers: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class FactPair:
    """Two facts (one per article) about the same thing, with the same or a different value."""

    a: Fact
    b: Fact
    relation: str  # "same" | "different"


# ==========================================================================================
# Reading facts from sentences
# ==========================================================================================


def sentence_facts(article: Article, sentences: Sequence[Sentence] | None = None) -> dict[int, list[Fact]]:
    """Facts per sentence index (body sentences by default), from the ingest-time parse.

    Every requested sentence gets an entry, possibly an empty list. Facts are ordered
    by position.
    """
    chosen = list(article.body_sentences if sentences is None else sentences)
    base = _base_date(article.published)
    docs = nlp.sentence_docs(article.text, [(s.start, s.end) for s in chosen], article.analysis)
    out: dict[int, list[Fact]] = {}
    for sentence, doc in zip(chosen, docs, strict=True):
        out[sentence.index] = _doc_facts(article.text, sentence.start, doc, base)
    return out


def _doc_facts(text: str, offset: int, doc: Doc, base: dt.date | None) -> list[Fact]:
    """All facts of one parsed sentence; ``offset`` is where the sentence starts in ``text``."""
    times, taken = _time_facts(text, offset, doc, base)
    facts = times + _number_facts(text, offset, doc, taken) + _ordinal_facts(text, offset, doc, taken)
    facts += _entity_facts(text, offset, doc)
    return sorted(facts, key=lambda f: (f.start, f.end, KINDS.index(f.kind)))


#: Compounds written both open and closed ("air base"/"airbase"): a governor's lemma
#: is joined with its compound modifier when the closed form is one of these, so that
#: "Al-Asad air base" and "Al-Assad airbase" give their names the same role.
_CLOSED_COMPOUNDS = {"airbase", "airstrike", "airfield", "airspace", "warplane"}


def _governor(tok: Token) -> str:
    """The lemma of a governing word, closed compounds joined ("air base" -> "airbase"),
    a verb named by its event class ("voted" and "passed" -> ``pass``)."""
    lemma = nlp.lemma(tok)
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.dep_ == "compound" and prev.head.i == tok.i and nlp.lemma(prev) + lemma in _CLOSED_COMPOUNDS:
            return nlp.lemma(prev) + lemma
    return EVENT_CLASS.get(lemma, lemma) if tok.pos_ in ("VERB", "AUX") else lemma


def _event_classes() -> dict[str, str]:
    """Lemma -> its class name, from ``data/event_verbs.txt``."""
    text = resources.files("newsprism.analysis").joinpath("data", "event_verbs.txt").read_text(encoding="utf-8")
    classes = {}
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        for word in words:
            classes[word] = words[0]
    return classes


_FACT_LISTS = read_sections("facts.txt", fold=True)
#: Nouns that count nothing in particular ("14 others"): no unit (``data/facts.txt``).
NO_UNIT = frozenset(_FACT_LISTS["no_unit"])
#: Prepositions that confine a count to a place, and common nouns of places (``data/facts.txt``).
SCOPE_PREPOSITIONS = frozenset(_FACT_LISTS["scope_prepositions"])
PLACE_NOUNS = frozenset(_FACT_LISTS["place_nouns"])
#: Currency words mapped to the code their symbol gets ("dollar" -> "usd"; ``data/facts.txt``).
CURRENCY_WORDS = {word: line.split()[0] for line in _FACT_LISTS["currency_words"] for word in line.split()[1:]}
#: Units written in the singular after any number ("93.8 percent"): a count all the same.
SINGULAR_UNITS = frozenset(_FACT_LISTS["singular_units"])
#: Participles that name a noun ("a line called Mantra"): a date is never theirs (``data/facts.txt``).
NAMING_PARTICIPLES = frozenset(_FACT_LISTS["naming_participles"])
#: Words that make a count a part of a series, not a whole (``data/facts.txt``).
PART_MODIFIERS = frozenset(_FACT_LISTS["part_modifiers"])
#: Verbs that name one act in other words, mapped to one name (``data/event_verbs.txt``).
EVENT_CLASS = _event_classes()


def _make(text: str, offset: int, start: int, end: int, **fields) -> Fact:
    """A fact whose text is sliced from the article itself, so it is exact by construction.

    A slot whose word is not a word (one letter: "s" from "Creighton ’ s" split by a
    tokeniser) says nothing about the fact, so the fact gets none."""
    a, b = offset + start, offset + end
    slot = fields.get("slot")
    if slot and len(slot.rsplit(":", 1)[-1]) < 2:
        fields["slot"] = None
    return Fact(start=a, end=b, text=text[a:b], **fields)


def _root(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens covering characters ``start:end`` of the doc."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


# -- dates and weekdays ---------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: Explicit dates, most specific first; named groups say which parts are present.
_DATE_PATTERNS = (
    re.compile(rf"\b(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?:(?:,\s*|\s+)(?P<y>{_YEAR})\b)?"),
    re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:(?:,\s*|\s+)(?P<y>{_YEAR})\b)?"),
    re.compile(rf"\b(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b"),
    # A month alone, written out after "in" ("launched in December"): the month of an act.
    re.compile(rf"(?<=\b[Ii]n )(?P<m>{_MONTH_NAME})\b"),
)
_WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_RE = re.compile(rf"\b(?:(?P<mod>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+)?(?P<w>{_WEEKDAY_NAME})\b")
#: Day-relative words and their offset in days from the publication date.
_RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "yesterday": -1, "last night": -1,
}  # fmt: skip
_RELATIVE_DAY_RE = re.compile(r"\b(" + "|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)) + r")\b", re.I)
#: "last week", "this month": resolved to an ISO week/month/year ("this weekend" is not).
_PERIOD_RE = re.compile(r"\b(last|this)\s+(week|month|year)\b", re.I)
_TIME_OF_DAY = {"morning", "afternoon", "evening", "night"}
#: Prepositions that place an event *at* a time: pairing ignores which one was used.
_POINT_PREPS = {"on", "at", "in", "during", "over"}
#: Words left of a weekday that are part of the date expression, not a name ("Super Tuesday").
_DATE_WORDS = {"last", "this", "next", "past", "on", "since", "by", "until", "before", "after"}
#: Entity types under which a date word is part of a name, not a date ("Bloody Sunday").
_DATE_ENT_OK = {"", "DATE", "TIME", "CARDINAL", "ORDINAL"}


def _base_date(published: Published) -> dt.date | None:
    if published is None:
        return None
    return published.date() if isinstance(published, dt.datetime) else published


def _time_facts(text: str, offset: int, doc: Doc, base: dt.date | None) -> tuple[list[Fact], set[int]]:
    """Date and weekday facts of a sentence, and the token indices they cover.

    Explicit dates first; a weekday right before one ("Sunday, January 21") is folded
    into it; timestamps (``_timestamp``) and a dateline's date
    (``analysis._dateline``) are skipped whole. Relative expressions ("yesterday", "last week") only when the
    publication date is known.
    """
    facts: list[Fact] = []
    opening = dateline_end(doc)  # "PHILADELPHIA, July 25 (UPI) —": when the story was filed
    covered: list[tuple[int, int]] = [(0, doc[opening - 1].idx + len(doc[opening - 1]))] if opening else []
    sentence = doc.text

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in covered)

    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            start, weekday = _leading_weekday(sentence, m.start())
            if _timestamp(sentence, start, m.end()):
                covered.append((start, m.end()))  # no fact, and no weekday fact either
                continue
            fact = _explicit_date(text, offset, doc, m, base, start, weekday)
            if fact is not None:
                facts.append(fact)
                covered.append((fact.start - offset, fact.end - offset))
    for m in _WEEKDAY_RE.finditer(sentence):
        if free(m.start("w"), m.end("w")):
            fact = _weekday(text, offset, doc, m, base)
            if fact is not None:
                facts.append(fact)
                covered.append((fact.start - offset, fact.end - offset))
    if base is not None:
        for m in _RELATIVE_DAY_RE.finditer(sentence):
            if free(m.start(), m.end()) and _date_context_ok(doc, m.start(), m.end()) and not _titled(sentence, m):
                day = base + dt.timedelta(days=_RELATIVE_DAYS[m.group(1).lower()])
                facts.append(_date_fact(text, offset, doc, m.start(), m.end(), day.isoformat(), "day", None, resolved="relative"))
                covered.append((m.start(), m.end()))
        for m in _PERIOD_RE.finditer(sentence):
            if free(m.start(), m.end()) and _date_context_ok(doc, m.start(), m.end()):
                value, label = _period(base, m.group(1).lower(), m.group(2).lower())
                facts.append(_date_fact(text, offset, doc, m.start(), m.end(), value, label, None, resolved="relative"))
                covered.append((m.start(), m.end()))
    for tok in doc:
        if _is_year_token(tok) and free(tok.idx, tok.idx + len(tok)):
            facts.append(_date_fact(text, offset, doc, tok.idx, tok.idx + len(tok), tok.text, "year", None))
            covered.append((tok.idx, tok.idx + len(tok)))
    taken = {tok.i for tok in doc for s, e in covered if tok.idx < e and tok.idx + len(tok) > s}
    return facts, taken


def _date_context_ok(doc: Doc, start: int, end: int) -> bool:
    """False when the words are part of a name (ORG "USA Today", EVENT "Bloody Sunday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ in _DATE_ENT_OK for t in span)


def _titled(sentence: str, m: re.Match) -> bool:
    """Whether a relative day is written with a capital inside the sentence: a name ("told
    the Today show", "Good Morning America Today"), not a day."""
    return m.start() > 0 and sentence[m.start()].isupper()


def _is_year_token(tok: Token) -> bool:
    """A bare year that spaCy marks as a date ("in 2020"), not a count (``_counts``), a
    season ("2008-09") nor part of a name (``_names_year``)."""
    return (
        bool(re.fullmatch(_YEAR, tok.text)) and tok.ent_type_ == "DATE" and not _attached(tok, tok)
        and not _names_year(tok) and not _counts(tok)
    )  # fmt: skip


def _counts(tok: Token) -> bool:
    """Whether a year-like number counts the plural noun after it ("over 2000 flights",
    "2000 flights were cancelled"), not dates it ("the 2016 elections", "Trump's 2016
    campaign": a determiner or a possessive before it). Such a number is a count, read
    by ``_number_facts`` although spaCy marks it a date."""
    head = tok.head
    if not re.fullmatch(_YEAR, tok.text) or tok.dep_ != "nummod" or head.tag_ != "NNS" or head.i < tok.i:
        return False
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before is None or (before.dep_ not in ("det", "poss") and before.tag_ != "POS")


#: How a year hangs on the name it is part of ("Server 2003", "Server 2003, and 2008").
_NAME_YEAR_DEPS = frozenset({"nummod", "compound", "appos", "conj"})


def _names_year(tok: Token) -> bool:
    """Whether a year is part of a name written before it: a product's or an edition's
    ("Windows Server 2003", "Windows Server 2008 R2", "Euro 2016"), or a year conjoined
    with one ("Windows Server 2003, and 2008"). Such a year names a thing, it dates
    nothing: two outlets naming different versions do not disagree on a date.
    A month before the year is a date ("January 2003")."""
    months = nlp.month_numbers()

    def name_word(word: Token) -> bool:
        return word.pos_ == "PROPN" and word.lower_.rstrip(".") not in months

    head = tok.head
    if tok.dep_ not in _NAME_YEAR_DEPS or head.i == tok.i:
        return False
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    if tok.dep_ == "conj":
        return head.i < tok.i and (name_word(head) or (bool(re.fullmatch(_YEAR, head.text)) and _names_year(head)))
    return (name_word(head) and head.i < tok.i) or (before is not None and name_word(before) and name_word(head))


def _explicit_date(
    text: str, offset: int, doc: Doc, m: re.Match, base: dt.date | None, start: int, weekday: str | None
) -> Fact | None:
    """A fact for a written date such as "January 4", "Jan. 11" or "January 13, 2020".

    ``start`` and ``weekday`` come from ``_leading_weekday``: where the expression
    starts when a weekday is written before the date, and that weekday.
    """
    if not _date_context_ok(doc, m.start(), m.end()):
        return None
    groups = m.groupdict()
    has_day, has_year = groups.get("d") is not None, groups.get("y") is not None
    parsed = _date_of(groups, base)
    if parsed is None:
        return None
    resolved = None
    if has_day and has_year:
        value, label = parsed.isoformat(), "day"
    elif has_day:
        value = parsed.isoformat() if base is not None else f"--{parsed.month:02d}-{parsed.day:02d}"
        label, resolved = "day", ("year" if base is not None else None)
    elif has_year:
        value, label = f"{parsed.year:04d}-{parsed.month:02d}", "month"
    else:
        value, label = f"--{parsed.month:02d}", "month"  # the year is not known
    return _date_fact(text, offset, doc, start, m.end(), value, label, weekday, resolved=resolved)


#: Datelines and timestamps give the time of writing, not of the event, so they are
#: not facts: a date followed by a clock time ("Sep 27, 2013 10:50AM CDT",
#: "11 November 2011-11:25am"), after "Posted:"/"Updated:", or opening the sentence
#: with the text running on without punctuation ("July 08, 2012 Wladimir Klitschko ...").
_CLOCK_AFTER = re.compile(r"[,\s\-\u2013]+\d{1,2}(?::\d{2}|\s*[ap]\.?m\b)", re.I)
#: Each run of spaces can be read one way only ("\s*:?\s*" could split a run anywhere,
#: which made a search quadratic in the spaces after "posted").
#: A blog template may name the author and the category in between, capitalised:
#: "Posted by Jane Roe in Pedestrian Accidents on" (not "posted in the morning on").
_STAMP_BEFORE = re.compile(
    r"\b(?:posted|published|updated|dated)(?:\s+by(?:\s+(?-i:[A-Z])[\w.&'-]*){1,4})?"
    r"(?:\s+in(?:\s+the)?(?:\s+(?-i:[A-Z])[\w&'-]*){1,4})?(?:\s+on)?\s*(?::\s*)?"
    r"(?:[A-Z][a-z]{2},?\s*)?$",
    re.I,
)
_RUN_ON_AFTER = re.compile(r"\s+[A-Z]")


def _timestamp(sentence: str, start: int, end: int) -> bool:
    """Whether the date at ``sentence[start:end]`` stamps the writing: a timestamp, or a
    date opening the sentence that runs on into the text."""
    if _CLOCK_AFTER.match(sentence, end) or _STAMP_BEFORE.search(sentence[:start]):
        return True
    opening = not re.search(r"[A-Za-z0-9]", re.sub(rf"{_WEEKDAY_NAME}|\b[A-Z][a-z]{{2}}\b", "", sentence[:start]))
    return opening and bool(_RUN_ON_AFTER.match(sentence, end))


def _leading_weekday(sentence: str, start: int) -> tuple[int, str | None]:
    """Extend a date back over a weekday written right before it ("Sunday, January 21")."""
    m = re.search(rf"\b({_WEEKDAY_NAME}),?\s+$", sentence[:start])
    return (m.start(), m.group(1).lower()) if m else (start, None)


#: Base date for dates written without a year when the publication date is unknown:
#: the end of a leap year, so that "Feb. 29" still reads; only month and day are kept.
_NO_YEAR_BASE = dt.date(2000, 12, 31)


def _date_of(groups: dict[str, str | None], base: dt.date | None) -> dt.date | None:
    """The date an explicit date pattern matched (its ``y``, ``mo`` or ``m``, ``d`` parts).

    As dateparser reads it with ``PREFER_DATES_FROM: past`` and ``PREFER_DAY_OF_MONTH:
    first`` relative to the publication date (``base``): a month without a day is its
    first day; a day without a year is the latest such day on or before ``base``
    (Feb. 29 in the latest leap year); an impossible day (Feb. 30) is None.
    """
    if groups.get("mo"):
        month = int(groups["mo"] or 0)
    else:
        month = nlp.month_numbers().get((groups.get("m") or "").rstrip(".").lower(), 0)
    day = int(re.match(r"\d+", groups["d"]).group()) if groups.get("d") else 1  # type: ignore[union-attr]
    if groups.get("y"):
        return _valid_date(int(groups["y"] or 0), month, day)
    relative = base if base is not None else _NO_YEAR_BASE
    for year in range(relative.year, relative.year - 9, -1):
        found = _valid_date(year, month, day)
        if found is not None and found <= relative:
            return found
    return None


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday(text: str, offset: int, doc: Doc, m: re.Match, base: dt.date | None) -> Fact | None:
    """A weekday name: a resolved ``date`` when that is unambiguous, else kind ``weekday``.

    A bare weekday is resolved against the publication date: the most recent such day
    on or before it, or, when the clause speaks of the future ("will meet Friday",
    "Friday in the week ahead"), the next one on or after it. "next Friday" and "this
    Friday" mean different days to different writers, so they stay weekday names
    (compared by name only), as does any weekday without a publication date. The span
    covers a leading last/this/next and a trailing time of day ("Saturday night"),
    which also decide where the phrase attaches.
    """
    start, end = m.start(), m.end()
    word = doc.char_span(m.start("w"), m.end("w"), alignment_mode="expand")
    if word is None or not _date_context_ok(doc, m.start("w"), m.end("w")) or _in_name(word[0]):
        return None
    tok = word[0]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in _TIME_OF_DAY and tok.head.i == nxt.i:
        end = nxt.idx + len(nxt)  # "Saturday night": the phrase attaches through "night"
    name = m.group("w").lower()
    modifier = (m.group("mod") or "").lower()
    zoned = _zoned(doc, start, end)
    if base is None or modifier in ("next", "this"):
        return _date_fact(text, offset, doc, start, end, name, "weekday", None, kind=WEEKDAY, zoned=zoned)
    delta = (base.weekday() - WEEKDAYS.index(name)) % 7
    if modifier not in ("last", "past") and _future(tok):
        day = base + dt.timedelta(days=(7 - delta) % 7)
    else:
        day = base - dt.timedelta(days=delta)
    return _date_fact(text, offset, doc, start, end, day.isoformat(), "day", name, resolved="weekday", zoned=zoned)


#: Words that put a clause in the future, on the verb a weekday attaches to (as its
#: auxiliary) or around the weekday ("Friday in the week ahead", "the coming Friday").
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_FUTURE_VERBS = {"plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "prepare"}
_FUTURE_WORDS = {"ahead", "coming", "upcoming"}


def _future(tok: Token) -> bool:
    """Whether the weekday ``tok`` speaks of a day after the time of writing."""
    nearby = tok.doc[max(0, tok.i - 2) : tok.i + 6]
    if any(t.lower_ in _FUTURE_WORDS for t in nearby):
        return True
    head = tok.head
    for _ in range(3):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in head.children):
            return True
        if head.lemma_.lower() in _FUTURE_VERBS or (head.dep_ == "xcomp" and head.head.lemma_.lower() in _FUTURE_VERBS):
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


#: A time zone or clock time in the sentence: the day it names is local to somewhere.
_ZONE_RE = re.compile(
    r"\blocal time\b|\b[A-Z][a-z]+ time\b|\b(?:[ECMP][SD]?T|GMT|UTC|KST|JST)\b|\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b"
)
_DAY_PARTS = _TIME_OF_DAY | {"early", "late", "overnight", "midnight", "dawn", "noon"}


def _zoned(doc: Doc, start: int, end: int) -> bool:
    """Whether a day is told with a time of day ("early Saturday", "Friday evening") or
    with a time zone or clock time anywhere in its sentence."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    around = doc[max(0, span.start - 1) : min(len(doc), span.end + 1)]
    return any(t.lower_ in _DAY_PARTS for t in around) or bool(_ZONE_RE.search(doc.text))


def _in_name(tok: Token) -> bool:
    """Whether a weekday is the head of a capitalised name ("Super Tuesday")."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.is_title and prev.is_alpha and prev.lower_ not in _DATE_WORDS and prev.head.i == tok.i


def _period(base: dt.date, which: str, unit: str) -> tuple[str, str]:
    """ISO value of "last/this week|month|year" relative to the publication date."""
    back = which == "last"
    if unit == "week":
        year, week, _ = (base - dt.timedelta(days=7 if back else 0)).isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    if unit == "month":
        month, year = base.month, base.year
        if back:
            month, year = (12, year - 1) if month == 1 else (month - 1, year)
        return f"{year:04d}-{month:02d}", "month"
    return f"{base.year - 1 if back else base.year:04d}", "year"


def _date_fact(
    text: str, offset: int, doc: Doc, start: int, end: int, value: str, label: str, weekday: str | None,
    kind: str = DATE, resolved: str | None = None, zoned: bool | None = None,
) -> Fact:  # fmt: skip
    root = _root(doc, start, end)
    slot = _date_slot(root) if root is not None and not _shares_its_time(root, start, end) else None
    zoned = _zoned(doc, start, end) if zoned is None else zoned
    return _make(
        text, offset, start, end, kind=kind, value=value, unit=None, qualifier=weekday, label=label, slot=slot,
        resolved=resolved, zoned=zoned,
    )  # fmt: skip


#: Relative day words (one token) that date an act whatever the publication date is.
_RELATIVE_DAY_WORDS = frozenset(k for k in _RELATIVE_DAYS if " " not in k)


def _shares_its_time(root: Token, start: int, end: int) -> bool:
    """Whether the word a day hangs on also holds a relative day word outside it ("As it
    promised Tuesday, the company today issued a patch": the parse may hang "Tuesday" on
    "issued"). Which day dates the act is then not known, as when both days are facts
    (``_conflicts`` pairs a slot only when it holds one day a side)."""
    governor = root.head.head if root.dep_ == "pobj" else root.head
    return any(c.lower_ in _RELATIVE_DAY_WORDS and not start <= c.idx < end for c in governor.children)


def _date_slot(root: Token) -> str | None:
    """What a date is the date of: the lemma of the word it attaches to.

    "fired Sunday" (npadvmod) and "fired ... on Saturday" (pobj of "on") both give
    ``fire``; "Sunday's attack" (poss) gives ``attack``. A preposition that is not a
    point in time is kept as a prefix ("since Jan. 11" -> ``since:carry``), so "since
    Monday" never pairs with "on Monday".
    """
    tok = root
    relation = None
    if tok.dep_ == "pobj" and tok.head.pos_ in ("ADP", "SCONJ"):
        prep = tok.head.lower_
        relation = None if prep in _POINT_PREPS else prep
        governor = tok.head.head
    else:
        governor = tok.head
    if governor.i == tok.i:
        return None
    lemma = _governor(_past_naming(_past_report(governor, tok)))
    return lemma if relation is None else f"{relation}:{lemma}"


def _past_report(governor: Token, date: Token) -> Token:
    """The reported act when the parser hung its date on the verb of reporting that
    follows it ("Reid entered the clinic on Tuesday, her rep told People": the entry
    is on Tuesday, not the telling): a date before the reporting verb's subject and
    after the start of the clause it reports belongs to that clause's verb. A date
    before the reported clause ("On Tuesday her rep told People that ...") stays the
    report's."""
    if governor.pos_ != "VERB" or nlp.lemma(governor).lower() not in REPORTING_VERBS:
        return governor
    subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    clause = next((c for c in governor.children if c.dep_ == "ccomp"), None)
    if subject is None or clause is None or not clause.left_edge.i < date.i < subject.i < governor.i:
        return governor
    return clause


def _past_naming(governor: Token) -> Token:
    """The verb a date belongs to when the parser hung it on a naming participle ("launched
    a line called Mantra in September": the launch is in September, not the naming):
    from ``NAMING_PARTICIPLES`` (an ``acl`` of a noun) up to the word governing that noun."""
    while governor.dep_ == "acl" and nlp.lemma(governor).lower() in NAMING_PARTICIPLES:
        noun = governor.head
        if noun.head.i == noun.i or noun.i == governor.i:
            break
        governor = noun.head.head if noun.dep_ == "pobj" and noun.head.pos_ == "ADP" else noun.head
    return governor


# -- numbers ----------------------------------------------------------------------------------

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: Every word the reader takes for (part of) a number: other stages ask whether a text
#: holds a figure this reader would read (``compare.summary``).
NUMBER_WORDS: frozenset[str] = frozenset(_ONES) | frozenset(_SCALES)
_DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
#: Entity types a count may sit in; any other entity (PRODUCT "F-16", LAW, ORG...) is a name.
_COUNT_ENTS = {"", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
_CURRENCIES = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
#: The units of sums of money (codes, from a symbol or a currency word).
CURRENCIES: frozenset[str] = frozenset(_CURRENCIES.values()) | frozenset(CURRENCY_WORDS.values())
#: Dependencies that tie a number (or ordinal) to the noun it counts.
_COUNT_DEPS = {"nummod", "amod", "compound", "quantmod", "nmod"}
#: Hedges before a number, longest first, and how they bound the true value.
_QUALIFIERS = {
    "no more than": "<=", "no fewer than": ">=", "no less than": ">=", "more than": ">",
    "less than": "<", "fewer than": "<", "at least": ">=", "at most": "<=", "up to": "<=",
    "as many as": "<=", "as few as": ">=", "upwards of": ">", "in excess of": ">",
    "well over": ">", "just over": "~>", "just under": "~<", "close to": "~",
    "an estimated": "~", "estimated": "~", "approximately": "~", "roughly": "~",
    "around": "~", "about": "~", "some": "~", "nearly": "~<", "almost": "~<",
    "over": ">", "under": "<",
}  # fmt: skip
_QUALIFIER_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True)) + r")\s+$", re.I
)
#: How far an approximate figure may be from the stated one: "about 2,500" is taken as
#: 2,250-2,750. News rounds to one or two significant figures, so +-10% covers the
#: rounding of a stated figure without making "about 2,500" agree with "2,000".
APPROXIMATE = Decimal("0.10")
#: A counted noun further than this many tokens after the number is not part of its
#: phrase (the span is then the number alone); 5 covers "150 rocket and drone attacks".
MAX_PHRASE = 5


def _cardinal_word(tok: Token) -> bool:
    return tok.lower_ in _ONES


def _cardinal(tok: Token) -> bool:
    return bool(_DIGITS_RE.match(tok.text)) or tok.lower_ in _ONES or tok.lower_ in _SCALES


def _number_groups(doc: Doc, taken: set[int]) -> list[list[Token]]:
    """Runs of tokens that write one number.

    "2,500", "2.5 million", "twenty-five", "two hundred and fifty". Tokens inside
    dates, times or names (any entity but a count's) never start a run.
    """
    groups: list[list[Token]] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if (
            not _cardinal(tok) or tok.i in taken or tok.lower_ in _SCALES
            or (tok.ent_type_ not in _COUNT_ENTS and not _counts(tok))
        ):  # fmt: skip
            i += 1
            continue
        group = [tok]
        j = i + 1
        while j < len(doc) and j not in taken:
            step = _continues(group, doc, j)
            if not step:
                break
            group += [doc[k] for k in range(j, j + step)]
            j += step
        groups.append(group)
        i = j
    return groups


def _continues(group: list[Token], doc: Doc, j: int) -> int:
    """How many tokens from ``doc[j]`` extend the number run ``group`` (0: none)."""
    nxt, last = doc[j], group[-1]
    follow = doc[j + 1] if j + 1 < len(doc) else None
    words = all(_cardinal_word(g) or g.lower_ in _SCALES or g.lower_ in ("-", "and") for g in group)
    if nxt.lower_ in _SCALES:
        return 1  # "2.5 million", "two hundred"
    if words and last.lower_ in _SCALES and _cardinal_word(nxt):
        return 1  # "one hundred twenty"
    if follow is None or not _cardinal_word(follow):
        return 0
    if nxt.text == "-" and _cardinal_word(last) and _tight(last, nxt, follow):
        return 2  # "twenty-five"
    if nxt.lower_ == "and" and words and last.lower_ in ("hundred", "thousand"):
        return 2  # "two hundred and fifty"
    return 0


def _tight(*toks: Token) -> bool:
    """Whether tokens are written with no space between them."""
    return all(a.idx + len(a) == b.idx for a, b in zip(toks, toks[1:]))


def _number_value(group: list[Token]) -> Decimal | None:
    """The value of a number run, or None when it is not a number after all."""
    total, current = Decimal(0), None
    for tok in group:
        low = tok.lower_
        if low in ("-", "and"):
            continue
        if _DIGITS_RE.match(tok.text):
            if current is not None:
                return None
            current = Decimal(tok.text.replace(",", ""))
        elif low in _ONES:
            current = (current or Decimal(0)) + _ONES[low]
        elif low == "hundred":
            current = (current if current is not None else Decimal(1)) * 100
        elif low in _SCALES:
            total += (current if current is not None else Decimal(1)) * _SCALES[low]
            current = None
    return total + (current or Decimal(0))


def _format_decimal(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _excluded_number(group: list[Token]) -> bool:
    """Numbers that are parts of names, compounds, scores or ranges, or years.

    "F-16", "17-year-old", "88-72 loss", "29-of-34 passes", "the 2008-09 season", "in 2020".
    """
    first, last = group[0], group[-1]
    if _attached(first, last):
        return True
    if len(group) == 1 and re.fullmatch(_YEAR, first.text) and first.dep_ != "nummod":
        return True
    return ":" in first.text or "/" in first.text


_DASHES = {"-", "\u2013", "\u2014", "/"}


def _attached(first: Token, last: Token) -> bool:
    """Whether a run of tokens is written glued by a dash to a word or number on either side.

    Such numbers are parts of names ("F-16"), adjectives ("17-year-old"), scores and
    ranges ("88-72", "2008-09"): never a plain count or year.
    """
    doc = first.doc
    if first.i >= 2 and doc[first.i - 1].text in _DASHES and _tight(doc[first.i - 2], doc[first.i - 1], first):
        return any(c.isalnum() for c in doc[first.i - 2].text)
    if last.i + 2 < len(doc) and doc[last.i + 1].text in _DASHES and _tight(last, doc[last.i + 1], doc[last.i + 2]):
        return any(c.isalnum() for c in doc[last.i + 2].text)
    return False


def _group_head(group: list[Token]) -> Token:
    """The token of a run whose syntactic head lies outside the run."""
    ids = {t.i for t in group}
    for tok in group:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return group[-1]


def _counted_noun(tok: Token) -> Token | None:
    """The noun a number or ordinal counts: its head noun, climbing compounds.

    "17 ballistic missiles" -> missiles; "150 rocket and drone attacks" -> attacks
    ("rocket" is a modifier of "attacks"); "one of the groups" -> groups.
    """
    noun = None
    if tok.dep_ in _COUNT_DEPS and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        noun = tok.head
    else:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = (c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN"))
                noun = next(objects, None)
                break
    if noun is None:
        return None
    while noun.dep_ in ("compound", "nmod") and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i:
        noun = noun.head
    return noun


def _phrase_slot(noun: Token, number: Token) -> str | None:
    """The word governing a counted noun phrase: its verb, or the head of its preposition.

    "involved 17 ballistic missiles" -> involve; "strikes on three facilities" -> strike;
    in a partitive ("killed one of the leaders") the phrase is headed by the number.
    """
    found = _phrase_governor(noun, number)
    return None if found is None else _governor(found[1])


def _phrase_governor(noun: Token, number: Token) -> tuple[Token, Token] | None:
    """The counted phrase's top token (conjuncts climbed) and the word governing it.

    A list of counts is one phrase, whether the parser joins its items as conjuncts or,
    after a comma, as appositions ("included four Russians, two Koreans and an Irish":
    the Koreans are included too), so every item takes the list's governor."""
    if not noun.is_ancestor(number):
        noun = number
    while noun.head.i != noun.i and (noun.dep_ == "conj" or (noun.dep_ == "appos" and _counted(noun) and _counted(noun.head))):
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.pos_ == "ADP":
        head = head.head
    if head.i == noun.i:
        return None
    return noun, head


def _unit_lemma(noun: Token) -> str:
    """The lemma of a counted noun. A plural proper noun keeps its "s" in spaCy's lemma
    ("Russians"), so it is dropped here: "four Russians" and "one Russian" count one unit."""
    lemma = nlp.lemma(noun)
    if noun.tag_ == "NNPS" and lemma.endswith("s") and len(lemma) > 3 and noun.lower_ == lemma:
        return lemma[:-1]
    return lemma


def _converted(doc: Doc, first: int) -> bool:
    """Whether a sum of money stands in brackets right after another sum: a conversion
    of it ("$US1 million ($1.52 million)", "200 million euros ($265 million)"), in a
    currency its symbol may not name, so never compared as a figure of its own."""
    opening = next((t for t in reversed(doc[max(0, first - 3) : first]) if t.text == "("), None)
    if opening is None or opening.i == 0:
        return False
    before = doc[opening.i - 1]
    return before.like_num or before.lower_ in _SCALES or nlp.lemma(before) in CURRENCY_WORDS


def _counted(token: Token) -> bool:
    """Whether a token is a count or a noun a number counts ("four Russians")."""
    return token.like_num or any(c.dep_ == "nummod" for c in token.children)


#: ``Fact.holder`` of a count whose subject is a pronoun: whose count it is is not known here.
PRONOUN_HOLDER = "<pronoun>"
#: Nouns and prepositions climbed from a counted phrase to the verb whose subject holds it.
MAX_NOUN_CLIMB = 3
_SUBJECTS = ("nsubj", "nsubjpass")


def _holder(noun: Token, number: Token) -> str | None:
    """Whose count a counted phrase is (``Fact.holder``): its possessor, or the subject
    of the verb that governs it ("Smith finished with 20 points": Smith), climbing
    from a verb that shares its subject with an earlier one ("rushed for 404 yards
    and scored three touchdowns"), and from a relative pronoun to the name it follows
    ("Smith, who has 20 points"). None when the phrase is itself the subject, or the
    holder is not a name or a pronoun."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return _holder_name(possessor)
    found = _phrase_governor(noun, number)
    if found is None or found[0].dep_ in _SUBJECTS:
        return None
    verb = found[1]
    for _ in range(MAX_NOUN_CLIMB):  # "has 53 catches for 605 yards": held by the subject of "has"
        if verb.pos_ not in ("NOUN", "ADP") or verb.head.i == verb.i:
            break
        verb = verb.head
    while verb.pos_ in ("VERB", "AUX"):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            return _holder_name(verb.head)  # "Smith, who has 20 points": Smith
        if subject is not None:
            return _holder_name(subject)
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _holder_name(tok: Token) -> str | None:
    """A holder's key: a pronoun is ``PRONOUN_HOLDER``, a name its canonical key, else None."""
    if tok.pos_ == "PRON":
        return PRONOUN_HOLDER
    if tok.pos_ != "PROPN":
        return None
    words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]
    if not words:
        return None
    return canonical_entity(tok.doc[words[0].i : tok.i + 1].text) or None


def _part_of_series(group: list[Token], noun: Token | None) -> bool:
    """Whether a count is a part of a series, told by a word of ``PART_MODIFIERS`` right
    before it or between it and its noun ("one final chance", "two more players",
    "another 30 people", "the first two drives"): not the whole, so not comparable
    with another outlet's total."""
    doc = group[0].doc
    before = doc[group[0].i - 1] if group[0].i > 0 else None
    between = doc[group[-1].i + 1 : noun.i] if noun is not None and noun.i > group[-1].i else []
    return any(t.lower_ in PART_MODIFIERS for t in ([before] if before is not None else []) + list(between))


def _singular_after_many(value: Decimal, noun: Token, number: Token) -> bool:
    """Whether a number above one stands before a singular noun ("a 6.1 quake", "the
    2018 budget", "a 10 minute walk"): a measure or a name, not a count of the noun."""
    return value > 1 and noun.i > number.i and noun.tag_ in ("NN", "NNP")


def place_scope(article: Article, fact: Fact) -> str | None:
    """The place a count is confined to, as a name key or a place noun's lemma, or None.

    Read on the sentence's parse: a phrase with a ``SCOPE_PREPOSITIONS`` word hanging on
    the counted phrase or on the word governing it ("killed 170,000 people in the
    province" -> ``province``; "across Asia" -> ``asia``), whose object is a named
    place (GPE, LOC, FAC) or a ``PLACE_NOUNS`` noun. Two outlets' counts confined to
    different places, or one to a place and the other not, may count different areas.
    """
    sentence = next((s for s in article.sentences if s.start <= fact.start and fact.end <= s.end), None)
    if sentence is None:
        return None
    (doc,) = nlp.sentence_docs(article.text, [(sentence.start, sentence.end)], article.analysis)
    root = _root(doc, fact.start - sentence.start, fact.end - sentence.start)
    if root is None:
        return None
    head = root.head.head if root.dep_ == "pobj" else root.head
    for word in (root, head):
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in SCOPE_PREPOSITIONS:
                continue
            for place in prep.children:
                if place.dep_ != "pobj":
                    continue
                if place.ent_type_ in ("GPE", "LOC", "FAC"):
                    named = next((e for e in doc.ents if e.start <= place.i < e.end), None)
                    return canonical_entity(named.text if named is not None else place.text)
                if nlp.lemma(place).lower() in PLACE_NOUNS:
                    return nlp.lemma(place).lower()
    return None


def _number_facts(text: str, offset: int, doc: Doc, taken: set[int]) -> list[Fact]:
    """Counts with what they count, their hedge and their slot.

    A number with no counted noun of its own that is a conjunct ("2,500 troops in
    Iraq and 900 in Syria") inherits unit and slot from the previous number of the
    sentence; one under a conjoined verb with no subject of its own ("arrested 12
    people and released 5") inherits the unit only (``_conjoined_verbs``). In a
    partitive ("12 of the 30 protesters", ``_partitives``) the part counts the noun
    in the phrase's slot and the whole fills ``WHOLE_SLOT`` + that slot. Word "one"
    without a counted noun is a pronoun ("no one") and skipped.
    Counts whose spans overlap were read from one figure split in two ("magnitude 6. 1
    quake" as "6. 1 quake" and "1 quake"): neither is trusted, both are dropped.
    """
    facts: list[Fact] = []
    sentence = doc.text
    groups = _number_groups(doc, taken)
    whole_of = _partitives(doc, groups)  # a part's index -> its whole's index
    previous: Token | None = None  # the number of the last count read
    part_slots: dict[int, str | None] = {}  # a whole's index -> its part's slot
    for index, group in enumerate(groups):
        value = _number_value(group)
        if value is None or _excluded_number(group):
            continue
        head = _group_head(group)
        start, end = group[0].idx, group[-1].idx + len(group[-1])
        unit = None
        before = doc[group[0].i - 1] if group[0].i > 0 else None
        after = doc[group[-1].i + 1] if group[-1].i + 1 < len(doc) else None
        whole = whole_of.get(index)
        noun = _counted_noun(head if whole is None else _group_head(groups[whole]))
        slot = _phrase_slot(noun if noun is not None else head, head)
        top = None
        if whole is not None:
            # The part of a partitive counts the whole's noun in the phrase's own slot.
            top = noun if noun is not None and noun.is_ancestor(head) else head
            slot = part_slots[whole] = _phrase_slot(top, top)
        elif part_slots.get(index):
            slot = f"{WHOLE_SLOT}{part_slots[index]}"
        elif index in part_slots:
            slot = None  # the whole of a part that fills no slot is compared with nothing
        if before is not None and before.lower_ in _CURRENCIES:
            unit, start = _CURRENCIES[before.lower_], before.idx
        elif after is not None and after.text == "%":
            unit, end = "percent", after.idx + len(after)
        elif noun is not None:
            unit = _unit_lemma(noun)
            measure = unit not in SINGULAR_UNITS and _singular_after_many(value, noun, group[-1])
            unit = None if unit in NO_UNIT or measure else CURRENCY_WORDS.get(unit, unit)
            if 0 < noun.i - group[-1].i <= MAX_PHRASE and whole is None:
                end = noun.idx + len(noun)
        elif head.dep_ == "conj" and facts and facts[-1].kind == NUMBER and facts[-1].unit:
            unit, slot = facts[-1].unit, facts[-1].slot
        elif facts and facts[-1].kind == NUMBER and facts[-1].unit and _conjoined_verbs(head, previous):
            unit = facts[-1].unit  # "finished with 20 points and now has 2,302": 2,302 points, held by "has"
        if unit is None and len(group) == 1 and head.lower_ == "one":
            continue
        if _part_of_series(group, noun) or (unit in CURRENCIES and _converted(doc, group[0].i)):
            unit = None
        qualifier = None
        q = _QUALIFIER_RE.search(sentence[:start])
        if q is not None:
            qualifier, start = " ".join(q.group(1).lower().split()), q.start(1)
        holder = _holder(top, top) if top is not None else _holder(noun if noun is not None else head, head)
        modifiers = frozenset(nlp.lemma(c) for c in noun.children if c.dep_ == "amod") if noun is not None else frozenset()
        facts.append(
            _make(text, offset, start, end, kind=NUMBER, value=_format_decimal(value), unit=unit,
                  qualifier=qualifier, label=None, slot=slot, holder=holder, modifiers=modifiers)
        )  # fmt: skip
        previous = head
    return [f for f in facts if not any(o is not f and o.start < f.end and f.start < o.end for o in facts)]


#: Slot prefix of the whole of a partitive ("28 of 41 passes": 41 fills ``whole:complete``):
#: the whole is compared only with another whole, never with a plain count of the verb.
WHOLE_SLOT = "whole:"
#: Words that may stand between "of" and the whole's number ("12 of the 30", "10 of the
#: Saints' 16"): determiners, possessives and the names that own them.
_PARTITIVE_GAP = frozenset({"DET", "PRON", "PROPN", "PART", "PUNCT"})
#: Most tokens between "of" and the whole's number.
MAX_PARTITIVE_GAP = 3


def _conjoined_verbs(number: Token, previous: Token | None) -> bool:
    """Whether a bare number is the object of a verb conjoined to the verb of the
    previous count, with no subject of its own ("Smith finished with 20 points and now
    has 2,302"; "arrested 12 people and released 5"): the second verb shares the
    first one's subject, and the bare number counts what the first counted. The verb is
    read directly above the number or above its preposition."""
    if previous is None:
        return False
    verb = number.head.head if number.dep_ == "pobj" else number.head
    if number.dep_ not in ("dobj", "obj", "pobj", "attr") or verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "conj":
        return False
    own_subject = any(c.dep_ in _SUBJECTS for c in verb.children)  # "and the town counted 5": its own count
    return not own_subject and verb.head.is_ancestor(previous)


def _partitives(doc: Doc, groups: list[list[Token]]) -> dict[int, int]:
    """Partitive counts, "N of (the) M nouns": the index of each whole (M) by the index
    of its part (N).

    Read on the words, not the parse, which reads the phrase two ways ("completed 28
    of 41 passes": 28 modifies 41; "arrested 12 of the 30 protesters": 12 is the
    object). The part counts the noun in the phrase's slot (28 passes completed); the
    whole is the set it is taken from (41 passes thrown), so it is never compared with
    another outlet's plain count of that slot ("completed 28 passes").
    """
    out: dict[int, int] = {}
    for index, (part, whole) in enumerate(zip(groups, groups[1:])):
        of = part[-1].i + 1
        if of >= len(doc) or doc[of].lower_ != "of":
            continue
        gap = doc[of + 1 : whole[0].i]
        if len(gap) <= MAX_PARTITIVE_GAP and all(t.pos_ in _PARTITIVE_GAP and t.text != "," for t in gap):
            out[index] = index + 1
    return out


# -- ordinals ---------------------------------------------------------------------------------

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}  # fmt: skip
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def _ordinal_value(tok: Token) -> int | None:
    m = _ORDINAL_DIGITS.match(tok.lower_)
    return int(m.group(1)) if m else _ORDINAL_WORDS.get(tok.lower_)


def _ordinal_facts(text: str, offset: int, doc: Doc, taken: set[int]) -> list[Fact]:
    """Ordinals with what they rank: "the eighth retaliatory airstrike" -> 8, airstrike.

    Only adjectives or spaCy ORDINAL entities count ("a second" as a noun is time,
    "first" as an adverb is not a rank); ordinals inside dates are skipped, and so is
    one before a number ("the first two drives": a part of a series, no rank).
    """
    facts: list[Fact] = []
    for tok in doc:
        value = _ordinal_value(tok)
        if value is None or tok.i in taken or tok.ent_type_ in ("DATE", "TIME"):
            continue
        if tok.ent_type_ != "ORDINAL" and tok.pos_ != "ADJ":
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].like_num and _ordinal_value(doc[tok.i + 1]) is None:
            continue
        start, end = tok.idx, tok.idx + len(tok)
        noun = _counted_noun(tok)
        unit = nlp.lemma(noun) if noun is not None else None
        slot = _phrase_slot(noun, tok) if noun is not None else None
        if noun is not None and 0 < noun.i - tok.i <= MAX_PHRASE:
            end = noun.idx + len(noun)
        facts.append(
            _make(text, offset, start, end, kind=ORDINAL, value=str(value), unit=unit, qualifier=None, label=None,
                  slot=slot)
        )  # fmt: skip
    return facts


# -- entities ---------------------------------------------------------------------------------

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT")
#: Labels that can make a "different" entity pair: spaCy's labels for who acts and where.
_CONTRAST_LABELS = {"PERSON", "ORG", "GPE"}


def _entity_facts(text: str, offset: int, doc: Doc) -> list[Fact]:
    """Named entities with their canonical key and grammatical role (none from a dateline:
    it says where the story was filed, not where anything happened)."""
    opening = dateline_end(doc) or 0
    return [
        _make(text, offset, ent.start_char, ent.end_char, kind=ENTITY, value=canonical_entity(ent.text),
              unit=None, qualifier=None, label=ent.label_, slot=_entity_role(ent))  # fmt: skip
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS and canonical_entity(ent.text) and not _cut_short(ent) and ent.start >= opening
    ]


def _cut_short(ent: Span) -> bool:
    """Whether a name's span ends in a lower-case word ("National Player of"): the
    tagger cut a longer name short, and the piece is no name to compare."""
    return len(ent) > 1 and ent[-1].is_alpha and ent[-1].is_lower


def _entity_role(ent: Span) -> str | None:
    """The role an entity plays, as ``relation:governor-lemma``.

    Conjuncts share the role of the first one ("the US and Britain bombed"). Subject
    and passive "by" agent are ``agent``; object and passive subject are ``patient``;
    a possessive is ``of`` ("Biden's direction" = "the direction of Biden"); a
    modifier is ``mod`` ("U.S. personnel", "Iran-backed").
    """
    tok = ent.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    dep, head = tok.dep_, tok.head
    if head.i == tok.i:
        return None
    if dep in ("nsubj", "csubj"):
        return f"agent:{_governor(head)}"
    if dep in ("dobj", "nsubjpass", "obj"):
        return f"patient:{_governor(head)}"
    if dep == "pobj" and head.pos_ in ("ADP", "SCONJ") and head.head.i != head.i:
        if head.dep_ == "agent":
            return f"agent:{_governor(head.head)}"
        return f"{head.lower_}:{_governor(head.head)}"
    if dep == "poss":
        return f"of:{_governor(head)}"
    if dep in ("compound", "amod", "nmod", "npadvmod", "nummod"):
        return f"mod:{_governor(head)}"
    return None


# ==========================================================================================
# Pairing facts of two aligned sentences
# ==========================================================================================


def compare_facts(a: list[Fact], b: list[Fact]) -> list[FactPair]:
    """Pairs of facts from two aligned sentences that speak about the same thing.

    Facts are grouped by what they are about (see ``_topic``): numbers and ordinals
    by counted unit, weekdays/dates by slot, entities by role. Within a group:

    1. ``same``: each fact of ``a`` pairs with the first unpaired fact of ``b`` that
       has the same value (numbers: equal value; days: same day; entities:
       ``same_entity``).
    2. ``different``: among what is left, a fact pairs with the other side's fact only
       if it is the only one left with that topic *and slot* on each side and the
       values conflict (numbers: their ranges, widened by qualifiers, do not overlap;
       days: comparable and unequal; entities: see ``_entity_conflict``).
    3. A ``different`` entity pair is kept only if the two sentences share at least
       one ``same`` pair: names differ meaningfully only when the sentences
       otherwise say the same thing.

    Facts without a topic (a number with unknown unit, a date with no governor, an
    entity with no role) are never paired.
    """
    pairs: list[FactPair] = []
    left = _by_topic(a)
    right = _by_topic(b)
    for topic, xs in left.items():
        ys = right.get(topic)
        if not ys:
            continue
        used_x: set[int] = set()
        used_y: set[int] = set()
        for i, x in enumerate(xs):
            for j, y in enumerate(ys):
                if j not in used_y and _agree(x, y):
                    pairs.append(FactPair(x, y, SAME))
                    used_x.add(i)
                    used_y.add(j)
                    break
        rest_x = [x for i, x in enumerate(xs) if i not in used_x]
        rest_y = [y for j, y in enumerate(ys) if j not in used_y]
        pairs += _conflicts(rest_x, rest_y)
    if not any(p.relation == SAME for p in pairs):
        # A different actor is only a contradiction when the sentences otherwise
        # agree on something (a figure, a day, another name in the same role).
        pairs = [p for p in pairs if not (p.a.kind == ENTITY and p.relation == DIFFERENT)]
    return sorted(pairs, key=lambda p: (p.a.start, p.b.start))


def compare_lone_days(a: list[Fact], b: list[Fact]) -> list[FactPair]:
    """The day of each side, when each sentence holds exactly one day, paired whatever
    word the parser attached it to; the caller decides when two sentences are alike
    enough for that. A day attached to no word (``slot`` None: the sentence's root, or
    a day whose word also holds "today", ``_shares_its_time``) is not one to pair."""
    xs = [f for f in a if f.kind in (DATE, WEEKDAY) and f.label in ("day", "weekday")]
    ys = [f for f in b if f.kind in (DATE, WEEKDAY) and f.label in ("day", "weekday")]
    if len(xs) != 1 or len(ys) != 1 or xs[0].slot is None or ys[0].slot is None:
        return []
    relation = _day_relation(xs[0], ys[0])
    return [] if relation is None else [FactPair(xs[0], ys[0], SAME if relation else DIFFERENT)]


def _topic(fact: Fact) -> tuple[str, str] | None:
    """What a fact is about, for pairing; None when that is not known."""
    if fact.kind in (NUMBER, ORDINAL):
        return (fact.kind, fact.unit) if fact.unit else None
    if fact.kind in (DATE, WEEKDAY):
        return ("time", fact.slot) if fact.slot else None
    if fact.kind == ENTITY:
        return ("entity", fact.slot) if fact.slot else None
    return None


def _by_topic(facts: Iterable[Fact]) -> dict[tuple[str, str], list[Fact]]:
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        topic = _topic(fact)
        if topic is not None:
            groups.setdefault(topic, []).append(fact)
    return groups


def _conflicts(xs: list[Fact], ys: list[Fact]) -> list[FactPair]:
    """``different`` pairs among unmatched facts: only one-to-one within a slot."""
    out: list[FactPair] = []
    for slot in dict.fromkeys(x.slot for x in xs):
        if slot is None:
            continue
        sx = [x for x in xs if x.slot == slot]
        sy = [y for y in ys if y.slot == slot]
        if len(sx) == 1 and len(sy) == 1 and _conflict(sx[0], sy[0]):
            out.append(FactPair(sx[0], sy[0], DIFFERENT))
    return out


def _agree(x: Fact, y: Fact) -> bool:
    """Whether two facts about the same thing give the same value."""
    if x.kind == ENTITY:
        return same_entity(x.text, y.text)
    if x.kind in (DATE, WEEKDAY):
        return _day_relation(x, y) is True
    return x.value == y.value


def _conflict(x: Fact, y: Fact) -> bool:
    """Whether two facts about the same thing clearly give different values."""
    if x.kind == NUMBER:
        return (
            x.value != y.value and _disjoint(_range(x), _range(y)) and not _rounds_to(x, y) and not _rounds_to(y, x)
            and not _other_holders(x, y) and PRONOUN_HOLDER not in (x.holder, y.holder)
            and not _other_sets(x, y)
        )  # fmt: skip
    if x.kind == ORDINAL:
        return x.value != y.value
    if x.kind in (DATE, WEEKDAY):
        return _day_relation(x, y) is False
    if x.kind == ENTITY:
        return _entity_conflict(x, y)
    return False


def _other_sets(x: Fact, y: Fact) -> bool:
    """Whether two counts of one noun count different sets: each noun is restricted by
    adjectives and they share none ("15 foreign nationals" / "four Irish nationals",
    "12 ballistic missiles" / "15 cruise missiles"). A count with no adjective may be
    either set, so it is still compared."""
    return bool(x.modifiers and y.modifiers and not x.modifiers & y.modifiers)


def _other_holders(x: Fact, y: Fact) -> bool:
    """Whether two counts are held by different named holders ("Smith scored 20 points" /
    "Jones scored 14 points"): two facts, so different values are no dispute. Names
    that share a word ("Smith" / "Tom Smith") may be one holder. Equal values still
    pair: the same figure in aligned sentences is one count, and who holds it is then
    the names' own dispute ("Iran fired 12 missiles" / "Hezbollah fired 12 missiles")."""
    if x.holder in (None, PRONOUN_HOLDER) or y.holder in (None, PRONOUN_HOLDER):
        return False
    return not set(x.holder.split()) & set(y.holder.split())


#: Verbs whose subjects differ without contradiction: two outlets quote different
#: sources ("Austin said" / "the Pentagon said"), or the verb says nothing of its own.
_NEUTRAL_VERBS = {
    "say", "tell", "add", "report", "announce", "state", "claim", "confirm", "note", "write",
    "accord", "quote", "cite", "be", "have", "do", "get", "make",
}  # fmt: skip


def _entity_conflict(x: Fact, y: Fact) -> bool:
    """Whether two names in the same role are clearly different actors.

    Only the core roles (``agent:``/``patient:`` of a verb that is not a reporting or
    light verb): on the ECB+ sample, every modifier or prepositional role conflict
    was two true, compatible facts ("Indonesia's province of Aceh", "a Spiro man" /
    "an Oklahoma man"). Both must be PERSON/ORG/GPE, and the names must share no
    word, neither contain the other ("Hezbollah" / "Kataib Hezbollah", "Us" /
    "UsMagazine.com") and neither be the other's acronym ("CHP" / "the California
    Highway Patrol").
    """
    role, _, verb = (x.slot or "").partition(":")
    if role not in ("agent", "patient") or verb in _NEUTRAL_VERBS:
        return False
    if x.label not in _CONTRAST_LABELS or y.label not in _CONTRAST_LABELS or same_entity(x.text, y.text):
        return False
    if set(x.value.split()) & set(y.value.split()):
        return False
    sx, sy = x.value.replace(" ", ""), y.value.replace(" ", "")
    return not (sx in sy or sy in sx or _acronym(x.text, y.text) or _acronym(y.text, x.text))


def _acronym(short: str, long: str) -> bool:
    """Whether ``short`` is an all-capitals abbreviation of ``long``: its letters, in
    order, with the first letters equal ("USGS" / "US Geological Survey")."""
    letters = re.sub(r"[^A-Za-z]", "", short)
    if len(letters) < 2 or not letters.isupper():
        return False
    words = re.sub(r"^the\s+", "", long.strip(), flags=re.I).lower()
    target = re.sub(r"[^a-z]", "", words)
    if not target or target[0] != letters[0].lower():
        return False
    rest = iter(target)
    return all(c in rest for c in letters.lower())


def _range(fact: Fact) -> tuple[Decimal, Decimal]:
    """The values a hedged figure allows: "about 2,500" -> 2,250..2,750; "more than 150" -> 150..inf."""
    try:
        v = Decimal(fact.value)
    except InvalidOperation:
        return Decimal("-Infinity"), Decimal("Infinity")
    bound = _QUALIFIERS.get(fact.qualifier or "", "=")
    width = v * APPROXIMATE
    return {
        "=": (v, v),
        ">": (v, Decimal("Infinity")),
        ">=": (v, Decimal("Infinity")),
        "<": (Decimal(0), v),
        "<=": (Decimal(0), v),
        "~": (v - width, v + width),
        "~<": (v - width, v),
        "~>": (v, v + width),
    }[bound]


#: A figure this large written with at most this many significant digits may be a
#: rounding ("3 million", "2,000") of a more precise one ("3.2 million", "1,980").
ROUND_FROM = Decimal(1000)
ROUND_DIGITS = 2


def _rounds_to(precise: Fact, rounded: Fact) -> bool:
    """Whether an exact figure, rounded to the significant digits of a round figure,
    gives that figure: "3.2 million" written as "3 million" elsewhere is a rounding,
    not a dispute. A hedged figure ("about 2,500") already says how far it may be."""
    try:
        p, r = Decimal(precise.value), Decimal(rounded.value)
    except InvalidOperation:
        return False
    if precise.qualifier or rounded.qualifier or r < ROUND_FROM or r != r.to_integral_value():
        return False
    digits = str(int(r)).rstrip("0")
    if len(digits) > ROUND_DIGITS:
        return False
    unit = Decimal(10) ** (len(str(int(r))) - len(digits))
    return (p / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit == r


def _disjoint(r1: tuple[Decimal, Decimal], r2: tuple[Decimal, Decimal]) -> bool:
    """Closed ranges that share no value (closed, so a boundary touch is not a conflict)."""
    return r1[1] < r2[0] or r2[1] < r1[0]


def _day_relation(x: Fact, y: Fact) -> bool | None:
    """True for the same day, False for different days, None when not comparable.

    Weekday names compare by name, also against a full date (its weekday). Dates
    compare at equal granularity; a date whose year was not written ("Mar. 3", or
    "--03-03" without a publication date) compares with a full date on month and day.
    Two days one apart, either told with a time of day or a time zone, may be one
    moment in two places ("Saturday morning" in Seoul is "Friday evening" in
    Washington): not comparable.
    """
    wx, wy = _weekday_of(x), _weekday_of(y)
    if WEEKDAY in (x.kind, y.kind):
        if wx is None or wy is None:
            return None
        if wx != wy and (x.zoned or y.zoned) and abs(WEEKDAYS.index(wx) - WEEKDAYS.index(wy)) in (1, 6):
            return None
        return wx == wy
    if x.label != y.label:
        return None
    vx, vy = x.value, y.value
    if vx.startswith("--") != vy.startswith("--") or "year" in (x.resolved, y.resolved):
        keep = 2 if x.label == "month" else 5  # month ("--12", "2008-12") or month and day
        vx, vy = vx[-keep:], vy[-keep:]
    if vx == vy:
        return True
    if (x.zoned or y.zoned) and x.label == "day" and _days_apart(x.value, y.value) == 1:
        return None
    return False


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return None


def _weekday_of(fact: Fact) -> str | None:
    """The weekday a day fact names, from its name or its full ISO date."""
    if fact.kind == WEEKDAY:
        return fact.value
    if fact.qualifier in WEEKDAYS:
        return fact.qualifier
    if fact.label == "day" and not fact.value.startswith("--"):
        try:
            return WEEKDAYS[dt.date.fromisoformat(fact.value).weekday()]
        except ValueError:
            return None
    return None


# ==========================================================================================
# Figures in languages the parse does not read
# ==========================================================================================

#: ``Fact.label`` of a figure read from the text alone, without what it counts: the
#: facts of an article in a language the analyses are not written for (``nlp.ANALYSED``).
PLAIN = "plain"
#: Languages that write 3,5 for 3.5 and 1.000 (or 1 000) for 1,000.
_POINT_DECIMAL = frozenset({"en", "zh", "ja", "ko", "he", "th", "hi"})
_GROUPED = {
    "comma": re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)(?:,(\d+))?(?![\w:/%-]|[.,]\d)"),
    "point": re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w:/%-]|[.,]\d)"),
}
#: Words after a figure that scale it or make it something else than a count
#: (a scale word's value differs between languages: German "Billion" is 10^12).
_NOT_A_COUNT_AFTER = re.compile(r"\s*(?:%|prozent|pour ?cent|por ?ciento|per ?cento|mill|milliard|mrd|mio|bill|bn|mn|uhr|h\b)", re.I)
_YEAR_RE = re.compile(rf"{_YEAR}")


#: The word between a day and its month in some languages ("5 de febrero", "5 di marzo").
_DATE_JOINERS = frozenset({"de", "di", "del"})


def plain_figures(article: Article, sentences: Sequence[Sentence] | None = None) -> dict[int, list[Fact]]:
    """Counts per sentence index (body sentences by default), read from the characters
    alone: for articles in languages whose parse gives no units, slots or dates.

    The number format follows the article's language (1.000,5 or 1,000.5). Skipped,
    because they are not plain counts: years, days of a date (a figure before a month
    name or written "5." as an ordinal), times, percentages and scaled figures
    ("3,5 Millionen"), and figures glued to letters ("G20") or other figures
    ("322:306", "5.2.2019"). Each is a ``number`` fact with ``label`` ``PLAIN`` and no
    unit: ``compare_plain`` pairs them by value only.
    """
    chosen = list(article.body_sentences if sentences is None else sentences)
    style = "point" if (article.language or "en") in _POINT_DECIMAL else "comma"
    out: dict[int, list[Fact]] = {}
    for sentence in chosen:
        out[sentence.index] = _plain_in(article.text, sentence.start, sentence.end, style)
    return out


def _plain_in(text: str, start: int, end: int, style: str) -> list[Fact]:
    facts = []
    months = nlp.month_numbers()
    for m in _GROUPED[style].finditer(text, start, end):
        whole, fraction = m.group(1), m.group(2)
        after = text[m.end() : min(end, m.end() + 24)]
        if _YEAR_RE.fullmatch(whole) and not fraction:
            continue
        if after.startswith(".") and after[1:2] == " " and m.end() + 1 < end - 1:
            continue  # "am 5. Februar", "der 3. Versuch": an ordinal inside the sentence
        if _NOT_A_COUNT_AFTER.match(after):
            continue
        words = re.findall(r"\w+", after.lower())
        if words and (words[0] in months or (words[0] in _DATE_JOINERS and len(words) > 1 and words[1] in months)):
            continue
        digits = re.sub(r"\D", "", whole)
        value = Decimal(digits + ("." + fraction if fraction else ""))
        facts.append(
            Fact(kind=NUMBER, start=m.start(), end=m.end(), text=text[m.start() : m.end()],
                 value=_format_decimal(value), label=PLAIN)
        )  # fmt: skip
    return facts


def compare_plain(a: list[Fact], b: list[Fact]) -> list[FactPair]:
    """Pairs of counts from two aligned sentences where at least one side was read
    without units (``PLAIN``): by value alone, so only the strictest case can differ.

    ``same``: equal values, greedily in order. ``different``: only when both sentences
    give the same number of counts and exactly one is left unmatched on each side,
    beyond rounding. Whether the sentences are alike enough to compare at all is the
    caller's (an aligned pair above the aligner's ``high``).
    """
    xs = [f for f in a if f.kind == NUMBER]
    ys = [f for f in b if f.kind == NUMBER]
    pairs: list[FactPair] = []
    used: set[int] = set()
    rest_x = []
    for x in xs:
        j = next((j for j, y in enumerate(ys) if j not in used and y.value == x.value), None)
        if j is None:
            rest_x.append(x)
        else:
            used.add(j)
            pairs.append(FactPair(x, ys[j], SAME))
    rest_y = [y for j, y in enumerate(ys) if j not in used]
    if len(xs) == len(ys) and len(rest_x) == 1 and len(rest_y) == 1 and _conflict(rest_x[0], rest_y[0]):
        pairs.append(FactPair(rest_x[0], rest_y[0], DIFFERENT))
    return pairs
