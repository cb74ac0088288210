"""Loaded language per outlet: how often each writes charged words, and where two differ.

    spans = loaded_spans(article, extract_quotes(article))      # newsprism.analysis.loaded
    table = loaded_profile(article, spans)                      # plain JSON data
    found = loaded_findings(articles, links, {a.id: spans, ...})

The spans (loaded words, intensifiers, hedges) come from ``newsprism.analysis.loaded``.
Only the outlet's own voice counts here: a span inside a direct quote (``in_quote``) is
the speaker's word, so it is counted apart in the profile and left out of the outlet's
own rate and of the findings.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from typing import Any

from newsprism.analysis.loaded import HEDGE, INTENSIFIER, LOADED, LoadedSpan
from newsprism.analysis.quotes import Quote
from newsprism.model import LOADED_LANGUAGE, AlignmentLink, Article, Evidence, Finding, Sentence

__all__ = [
    "loaded_profile",
    "loaded_findings",
    "sentence_score",
    "body_words",
    "MIN_WORDS_FOR_RATE",
    "RATE_RATIO",
    "rate_p_value",
]

# -- thresholds ------------------------------------------------------------------------

#: An outlet's own rate of loaded words is compared only for articles with at least
#: this many body words: below it one word more or less swings the rate by 5 per
#: 1,000 or more, which is noise, not style.
MIN_WORDS_FOR_RATE = 200
#: A rate finding needs the article's rate to be at least this multiple of another's.
RATE_RATIO = 2.0
#: ... and at least this many own loaded words: 2 vs 0 is a coincidence, not a style.
MIN_LOADED_FOR_RATE = 3
#: A word choice is compared only with a sentence aligned at least this closely (the
#: alignment's "high" band, ``AlignOptions.high``): a looser counterpart may tell
#: something else, and its lack of a charged word says nothing.
CHOICE_MIN_SIMILARITY = 0.70
#: A rate difference is reported only when chance alone would give it at most this
#: often (``rate_p_value``): the texts must be long enough to say.
MAX_RATE_P = 0.05
#: How many own loaded spans a rate finding cites as evidence.
RATE_EVIDENCE = 5
#: A hedge gets a word-choice finding (one outlet hedges, the other states flatly)
#: only at this strength: modal verbs ("may", "could") are too common to matter alone.
HEDGE_FINDING_MIN = 0.6
#: A counterpart word is named as what the other outlet wrote ``instead`` only when
#: the two differing stretches are at most this many words each.
INSTEAD_MAX_WORDS = 3
#: Profile limits.
PROFILE_SENTENCES = 10
PROFILE_TOP = 10

_WORD = re.compile(r"[^\W_]+(?:['’\-‐‑][^\W_]+)*")


# -- profile -----------------------------------------------------------------------------


def body_words(article: Article) -> int:
    """Words of the body sentences (runs of letters/digits, inner hyphens and apostrophes kept)."""
    return sum(len(_WORD.findall(article.text, s.start, s.end)) for s in article.body_sentences)


def _own_loaded(spans: Iterable[LoadedSpan]) -> list[LoadedSpan]:
    return [s for s in spans if s.category == LOADED and not s.in_quote]


def sentence_score(spans: Iterable[LoadedSpan]) -> float:
    """How charged a sentence is in the outlet's own voice: the noisy-or of the
    strengths of its own spans (two strong words beat one, and it stays below 1)."""
    rest = 1.0
    for span in spans:
        if not span.in_quote:
            rest *= 1.0 - span.score
    return round(1.0 - rest, 4)


def _sentence_of(article: Article, start: int) -> Sentence | None:
    for sentence in article.body_sentences:
        if sentence.start <= start < sentence.end:
            return sentence
    return None


def loaded_profile(article: Article, spans: Sequence[LoadedSpan], marked: Sequence[Quote] = ()) -> dict[str, Any]:
    """The article's loaded-language table (plain JSON data).

    ``wording`` scores each sentence's charged words outside the ``marked`` quotes
    (see ``_wording``). ``loaded`` counts the outlet's own loaded words (outside quotes), ``in_quotes``
    loaded words inside quotes; ``per_1000_words`` is the own count per 1,000 body
    words. ``sentences`` lists the sentences with own spans, most charged first (see
    ``sentence_score``), each with its own spans; ``top`` the most frequent own
    loaded words.
    """
    words = body_words(article)
    own = _own_loaded(spans)
    by_sentence: dict[int, list[LoadedSpan]] = {}
    for span in spans:
        sentence = _sentence_of(article, span.start)
        if sentence is not None and not span.in_quote:
            by_sentence.setdefault(sentence.index, []).append(span)
    rows = [
        {
            "sentence": index,
            "score": sentence_score(members),
            "spans": [[s.start, s.end, s.category] for s in members],
        }
        for index, members in by_sentence.items()
    ]
    rows.sort(key=lambda r: (-r["score"], r["sentence"]))
    counts = Counter(s.text.lower() for s in own)
    return {
        "words": words,
        "loaded": len(own),
        "in_quotes": sum(1 for s in spans if s.category == LOADED and s.in_quote),
        "intensifiers": sum(1 for s in spans if s.category == INTENSIFIER and not s.in_quote),
        "hedges": sum(1 for s in spans if s.category == HEDGE and not s.in_quote),
        "per_1000_words": _rate(len(own), words),
        "sentences": rows[:PROFILE_SENTENCES],
        "top": [w for w, _ in counts.most_common(PROFILE_TOP)],
        "wording": _wording(article, spans, marked),
    }


def _wording(article: Article, spans: Sequence[LoadedSpan], marked: Sequence[Quote]) -> list[list[float]]:
    """[sentence, score] of every sentence with charged words outside quotation marks
    (``marked``), reported speech included: how loaded the sentence reads, whoever's
    claim it tells (the summary quotes the least loaded wording; "police said" does not
    make "brutally slaughtered" neutral)."""
    parts = [part for q in marked for part in q.parts]
    by_sentence: dict[int, list[LoadedSpan]] = {}
    for span in spans:
        if span.category != LOADED or any(a <= span.start and span.end <= b for a, b in parts):
            continue
        sentence = _sentence_of(article, span.start)
        if sentence is not None:
            by_sentence.setdefault(sentence.index, []).append(replace(span, in_quote=False))
    return [[index, sentence_score(members)] for index, members in sorted(by_sentence.items())]


def _rate(count: int, words: int) -> float:
    return round(1000.0 * count / words, 2) if words else 0.0


# -- findings ----------------------------------------------------------------------------


def loaded_findings(
    articles: Sequence[Article],
    links: Sequence[AlignmentLink],
    spans: dict[str, list[LoadedSpan]],
    attributed: Collection[tuple[str, int]] = (),
) -> list[Finding]:
    """``loaded_language`` findings: word choices and rates that differ between outlets.

    1. For aligned sentences of two articles, each own loaded word (and each strong
       hedge, ``HEDGE_FINDING_MIN``) on one side whose counterpart sentence has no own
       word of the same category and polarity, nor the same word in any voice.
    2. Per article, one finding when its own loaded rate is at least ``RATE_RATIO``
       times another article's (both with ``MIN_WORDS_FOR_RATE`` body words).

    A hedge is not compared with a counterpart sentence in ``attributed`` ((article,
    sentence) pairs with a source: "the Post reported ...", "a source said ..."): that
    sentence keeps its distance too.
    """
    by_id = {a.id: a for a in articles}
    findings = _choice_findings(by_id, links, spans, frozenset(attributed))
    findings += _rate_findings([a for a in articles if a.id in spans], spans)
    findings.sort(key=lambda f: (-f.score, f.evidence[0].article, f.evidence[0].start))
    return findings


def _counterparts(links: Sequence[AlignmentLink]) -> dict[tuple[str, int, str], list[tuple[int, float]]]:
    """(article, sentence, other article) -> the other article's linked sentences with similarity."""
    out: dict[tuple[str, int, str], list[tuple[int, float]]] = {}
    for link in links:
        if link.a.article == link.b.article:
            continue
        for this, that in ((link.a, link.b), (link.b, link.a)):
            out.setdefault((this.article, this.sentence, that.article), []).append((that.sentence, link.similarity))
    return out


def _in_sentence(spans: Sequence[LoadedSpan], sentence: Sentence) -> list[LoadedSpan]:
    return [s for s in spans if sentence.start <= s.start and s.end <= sentence.end]


def _matches(span: LoadedSpan, other: LoadedSpan) -> bool:
    """Whether the counterpart's span answers ``span``: same word in any voice, or an
    own word of the same category and polarity."""
    if other.text.lower() == span.text.lower():
        return True
    return not other.in_quote and other.category == span.category and other.polarity == span.polarity


def _finding_worthy(span: LoadedSpan) -> bool:
    if span.in_quote:
        return False
    return span.category == LOADED or (span.category == HEDGE and span.score >= HEDGE_FINDING_MIN)


def _choice_findings(
    by_id: dict[str, Article],
    links: Sequence[AlignmentLink],
    spans: dict[str, list[LoadedSpan]],
    attributed: frozenset[tuple[str, int]] = frozenset(),
) -> list[Finding]:
    findings = []
    for (ident, index, other_id), partners in sorted(_counterparts(links).items()):
        if ident not in by_id or other_id not in by_id or ident not in spans or other_id not in spans:
            continue
        article, other = by_id[ident], by_id[other_id]
        mine = [s for s in _in_sentence(spans[ident], article.sentences[index]) if _finding_worthy(s)]
        if not mine:
            continue
        best, similarity = max(partners, key=lambda p: (p[1], -p[0]))
        if similarity < CHOICE_MIN_SIMILARITY:
            continue  # a loosely matched sentence may say something else: its wording proves nothing
        theirs = [s for j, _ in partners for s in _in_sentence(spans[other_id], other.sentences[j])]
        for span in mine:
            if span.category == HEDGE and any((other_id, j) in attributed for j, _ in partners):
                continue
            if not any(_matches(span, t) for t in theirs):
                findings.append(_choice_finding(article, span, other, best, similarity))
    return findings


def _choice_finding(
    article: Article, span: LoadedSpan, other: Article, index: int, similarity: float
) -> Finding:
    """One word-choice finding. Score: the word's strength, discounted by up to half
    for a weaker alignment (a loosely matched counterpart may say something else)."""
    counterpart = other.sentences[index]
    evidence = (
        Evidence.of(article, span.start, span.end),
        Evidence.of(other, counterpart.start, counterpart.end),
    )
    instead = _instead(article, span, other, counterpart)
    details: dict[str, Any] = {
        "articles": [article.id, other.id],
        "word": span.text,
        "category": span.category,
        "polarity": span.polarity,
        "counterpart": evidence[1].text,
        "in_quote": False,
    }
    if instead is not None:
        details["instead"] = other.text[instead[0] : instead[1]]
        details["instead_span"] = list(instead)
    if span.category == HEDGE:
        summary = (
            f"{article.name} hedges with “{span.text}” where {other.name}’s matching "
            "sentence states it without a hedge."
        )
    else:
        tail = f" (it writes “{details['instead']}”)" if instead is not None else ""
        summary = (
            f"{article.name} writes “{span.text}” where {other.name}’s matching sentence "
            f"has no charged word{tail}."
        )
    score = span.score * (0.5 + 0.5 * max(0.0, min(1.0, similarity)))
    return Finding(LOADED_LANGUAGE, summary, round(score, 4), evidence, details)


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(normalised word, start, end) of ``text[start:end]``, split at hyphens so
    "Iran-backed" and "Iranian-backed" share "backed"; "U.S." and "US" alike."""
    out: list[tuple[str, int, int]] = []
    for m in _PART.finditer(text, start, end):
        key = m.group().lower()
        if key == "u" and text[m.end() : m.end() + 3].lower() == ".s.":
            out.append(("us", m.start(), m.end() + 2))
        elif key == "s" and out and out[-1][0] == "us" and out[-1][2] >= m.start():
            continue
        else:
            out.append((key, m.start(), m.end()))
    return out


_PART = re.compile(r"[^\W_]+")
_FUNCTION = frozenset("the a an of to in on at for and or but by with from that this is are was were be".split())


def _instead(
    article: Article, span: LoadedSpan, other: Article, counterpart: Sentence
) -> tuple[int, int] | None:
    """The words the other outlet wrote where the article wrote ``span``, if a word
    diff of the two sentences pairs them up: a short replacement (at most
    ``INSTEAD_MAX_WORDS`` words a side), word for word when both sides are as long."""
    sentence = _sentence_of(article, span.start)
    if sentence is None:
        return None
    mine = _tokens(article.text, sentence.start, sentence.end)
    theirs = _tokens(other.text, counterpart.start, counterpart.end)
    at = [k for k, (_, s, e) in enumerate(mine) if s < span.end and span.start < e]
    if not at:
        return None
    matcher = difflib.SequenceMatcher(None, [w for w, _, _ in mine], [w for w, _, _ in theirs], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or not (i1 <= at[0] and at[-1] < i2):
            continue
        if i2 - i1 > INSTEAD_MAX_WORDS or j2 - j1 > INSTEAD_MAX_WORDS:
            return None
        if i2 - i1 == j2 - j1:
            j1, j2 = j1 + at[0] - i1, j1 + at[-1] - i1 + 1
        words = theirs[j1:j2]
        while words and words[0][0] in _FUNCTION:
            words = words[1:]
        while words and words[-1][0] in _FUNCTION:
            words = words[:-1]
        return (words[0][1], words[-1][2]) if words else None
    return None


def _rate_findings(articles: Sequence[Article], spans: dict[str, list[LoadedSpan]]) -> list[Finding]:
    stats = {a.id: (len(_own_loaded(spans[a.id])), body_words(a)) for a in articles}
    findings = []
    for article in articles:
        count, words = stats[article.id]
        if words < MIN_WORDS_FOR_RATE or count < MIN_LOADED_FOR_RATE:
            continue
        rate = 1000.0 * count / words
        lower = [
            o for o in articles
            if o.id != article.id and stats[o.id][1] >= MIN_WORDS_FOR_RATE
            and rate >= RATE_RATIO * (1000.0 * stats[o.id][0] / stats[o.id][1])
            and rate_p_value(count, words, *stats[o.id]) <= MAX_RATE_P
        ]  # fmt: skip
        if lower:
            findings.append(_rate_finding(article, rate, count, words, lower, stats, spans[article.id]))
    return findings


def rate_p_value(count: int, words: int, other_count: int, other_words: int) -> float:
    """How likely the first text would show at least ``count`` of the two texts' loaded
    words if both used them at one rate (one-sided exact test: given the total, the
    first text's share is binomial with its share of the words). Small texts with a
    few words each cannot tell a rate apart from chance: 3 against 1 in two texts of
    equal length gives 0.31."""
    total = count + other_count
    share = words / (words + other_words)
    return sum(math.comb(total, k) * share**k * (1 - share) ** (total - k) for k in range(count, total + 1))


def _rate_finding(
    article: Article,
    rate: float,
    count: int,
    words: int,
    lower: list[Article],
    stats: dict[str, tuple[int, int]],
    spans: Sequence[LoadedSpan],
) -> Finding:
    """One rate finding, citing the article's strongest own loaded words. Score:
    1 - lowest/own rate (2x -> 0.5, 4x -> 0.75, none at all on the other side -> 1)."""
    own = sorted(_own_loaded(spans), key=lambda s: (-s.score, s.start))[:RATE_EVIDENCE]
    evidence = tuple(Evidence.of(article, s.start, s.end) for s in sorted(own, key=lambda s: s.start))
    others = [
        {"article": o.id, "loaded": stats[o.id][0], "words": stats[o.id][1], "per_1000_words": _rate(*stats[o.id])}
        for o in lower
    ]
    lowest = min(lower, key=lambda o: stats[o.id][0] / stats[o.id][1])
    low_rate = 1000.0 * stats[lowest.id][0] / stats[lowest.id][1]
    own_rate = _rate(count, words)
    if low_rate:
        summary = (
            f"{article.name} uses charged words in its own voice {rate / low_rate:.1f} times as often "
            f"as {lowest.name} ({own_rate:g} vs {_rate(*stats[lowest.id]):g} per 1,000 words)."
        )
    else:
        none = [o for o in lower if stats[o.id][0] == 0]
        summary = (
            f"{article.name} uses charged words in its own voice ({own_rate:g} per 1,000 words); "
            f"{', '.join(o.name for o in none)} {'uses' if len(none) == 1 else 'use'} none."
        )
    details = {
        "article": article.id,
        "loaded": count,
        "words": words,
        "per_1000_words": own_rate,
        "compared_with": others,
        "words_cited": [s.text for s in own],
    }
    return Finding(LOADED_LANGUAGE, summary, round(1.0 - low_rate / rate, 4), evidence, details)
