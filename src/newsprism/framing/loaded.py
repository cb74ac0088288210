"""Loaded language per outlet: how often each writes charged words, and where two differ.

    spans = loaded_spans(article, extract_quotes(article))      # newsprism.analysis.loaded
    table = loaded_profile(article, spans)                      # plain JSON data
    found = loaded_findings(articles, links, {a.id: spans, ...})

The spans (loaded words, intensifiers, hedges) come from ``newsprism.analysis.loaded``.
Only the outlet's own voice counts here: a span inside a direct quote (``in_quote``) is
the speaker's word, so it is counted apart in the profile and left out of the outlet's
own rate and of the findings. Findings are held to a higher bar than the profile
(precision first: a finding a reader cannot trust costs more than one missed): only
firmly loaded words (``firmly_loaded``), against a counterpart in the other outlet's own
words that tells the same clause (see ``loaded_findings``).
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from importlib import resources
from typing import Any

from newsprism import nlp
from newsprism.analysis.charged import word_frequency
from newsprism.analysis.loaded import HEDGE, INTENSIFIER, LOADED, MODEL, TERM, LoadedSpan
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
    "firmly_loaded",
    "quoted_share",
    "claim_words",
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
#: A word this frequent in general English (``wordfreq`` Zipf scale: 4.5 is about 30
#: per million words, the commonest few thousand words) is the plain vocabulary of
#: reports ("powerful", "clearly", "favorite"): it makes a word-choice or rate finding
#: only when our own list of charged terms names it.
COMMON_ZIPF = 4.5
#: POS of the words the charged-word model may make a finding of on its own. Charged
#: modifiers are the evaluative words the model finds well ("momentous", "blowhard");
#: the verbs and nouns it finds alone are mostly the event's own vocabulary ("vowed",
#: "pleaded", "hotline", "outpost"): a charged verb or noun needs the lexicon (VADER or
#: our own list) to back it before a reader is told about it.
MODEL_FINDING_POS = frozenset({"ADJ", "ADV"})
#: A counterpart sentence with at least this share of its words inside quotation marks
#: tells someone's words, not the outlet's: its lack of a charged word says nothing
#: about the outlet's choice.
QUOTED_SHARE = 0.5
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


def firmly_loaded(span: LoadedSpan) -> bool:
    """Whether a loaded span is firm enough to tell a reader about (a word-choice or a
    rate finding, the profile's count, rate and most used words): a term of our own
    list, or a word that is not among the commonest of English (``COMMON_ZIPF``), not a
    noun, and, when the model found it alone, a modifier (``MODEL_FINDING_POS``).

    A noun is firm only by our own list (``LOADED_TERMS``): the nouns VADER rates
    strongly name what happened ("fatality", "assassinations", "condemnations"), while
    the loaded nouns of news are labels ("thug", "regime", "hoax"), which the list names."""
    if span.category != LOADED:
        return False
    if span.source == TERM:
        return True
    if span.pos == "NOUN" or word_frequency(span.text.lower()) >= COMMON_ZIPF:
        return False
    return span.source != MODEL or not span.pos or span.pos in MODEL_FINDING_POS


def sentence_score(spans: Iterable[LoadedSpan]) -> float:
    """How charged a sentence is in the outlet's own voice: the noisy-or of the
    strengths of its own spans (two strong words beat one, and it stays below 1)."""
    rest = 1.0
    for span in spans:
        if not span.in_quote:
            rest *= 1.0 - span.score
    return round(1.0 - rest, 4)


def _sentence_of(article: Article, start: int) -> Sentence | None:
    """The body sentence holding an offset."""
    sentence = article.sentence_at(start)
    return sentence if sentence is not None and sentence.is_body else None


def loaded_profile(article: Article, spans: Sequence[LoadedSpan], marked: Sequence[Quote] = ()) -> dict[str, Any]:
    """The article's loaded-language table (plain JSON data).

    ``wording`` scores each sentence's charged words outside the ``marked`` quotes
    (see ``_wording``). What a reader is shown counts only firmly loaded words
    (``firmly_loaded``), as the findings do: ``loaded`` counts the outlet's own
    (outside quotes), ``in_quotes`` those inside quotes; ``per_1000_words`` is the own
    count per 1,000 body words. ``sentences`` lists the sentences with own spans (firm
    loaded words, intensifiers, hedges), most charged first (see ``sentence_score``),
    each with its own spans; ``top`` the most frequent own loaded words.
    """
    words = body_words(article)
    own = _firm_own(spans)
    by_sentence: dict[int, list[LoadedSpan]] = {}
    for span in spans:
        if span.category == LOADED and not firmly_loaded(span):
            continue
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
        "in_quotes": sum(1 for s in spans if s.in_quote and firmly_loaded(s)),
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

    1. For aligned sentences of two articles, each own firmly loaded word
       (``firmly_loaded``) and each strong hedge (``HEDGE_FINDING_MIN``) on one side
       whose counterpart sentence has no own word of the same category and polarity,
       nor the same word in any voice or form ("raided" / "raid"). The counterpart must
       be the other outlet's own wording (less than ``QUOTED_SHARE`` of its words inside
       quotation marks) and must tell the clause the charged word is in (a shared
       content word: ``_tells_the_clause``), not only another part of its sentence.
    2. Per article, one finding when its own rate of firmly loaded words is at least
       ``RATE_RATIO`` times another article's (both with ``MIN_WORDS_FOR_RATE`` body
       words).

    A hedge is not compared with a counterpart sentence in ``attributed`` ((article,
    sentence) pairs with a source: "the Post reported ...", "a source said ...") nor
    with one that tells a claim (``claim_words``: "accused", "allegations",
    "charging that", "a supposed ..."): that sentence keeps its distance too.
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
    return firmly_loaded(span) or (span.category == HEDGE and span.score >= HEDGE_FINDING_MIN)


@functools.cache
def claim_words() -> frozenset[str]:
    """Word forms that present a statement as someone's claim (``data/claim_words.txt``)."""
    text = resources.files("newsprism.analysis").joinpath("data", "claim_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].lower().split())


_OPENERS, _CLOSERS = "“«„", "”»"


def quoted_share(text: str, start: int, end: int) -> float:
    """The share of the words of ``text[start:end]`` that lie inside double quotation
    marks. A quote may run over the span's edges: a closing mark before any opening one
    closes a quote opened earlier (the words from the span's start are quoted), an
    opening mark never closed quotes to the span's end."""
    words = list(_WORD.finditer(text, start, end))
    if not words:
        return 0.0
    inside: list[tuple[int, int]] = []
    opened: int | None = None
    seen = False
    for i in range(start, end):
        ch = text[i]
        if ch == '"' and opened is not None or ch in _CLOSERS:
            if opened is not None:
                inside.append((opened, i))
            elif not seen:
                inside.append((start, i))
            opened, seen = None, True
        elif ch == '"' or ch in _OPENERS:
            opened = i if opened is None else opened
    if opened is not None:
        if any(m.start() > opened for m in words):
            inside.append((opened, end))
        elif not seen:
            inside.append((start, opened))  # a straight mark at the end closes an earlier quote
    # ``inside`` holds disjoint spans in text order, like ``words``: one sweep counts.
    inside.sort()
    quoted, k = 0, 0
    for m in words:
        while k < len(inside) and inside[k][1] < m.end():
            k += 1
        quoted += k < len(inside) and inside[k][0] <= m.start()
    return quoted / len(words)


def _stem(word: str) -> str:
    """A crude stem for spotting the same word in another form ("raided"/"raid",
    "undermining"/"undermine"): lower-case, one inflectional ending off."""
    word = word.lower().replace("’", "'")
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _says_the_word(text: str, sentence: Sentence, word: str) -> bool:
    """Whether the sentence has the word itself, in any form and any voice: then the
    other outlet made the same choice, even where its word is not marked as loaded."""
    stems = {_stem(w) for w in _PART.findall(word)}
    return bool(stems) and stems <= {_stem(m.group()) for m in _PART.finditer(text, sentence.start, sentence.end)}


#: Clausal dependents that tell an act of their own (adverbial clauses, coordinated and
#: parenthetical clauses; not complements, which tell what the verb says or wants): a
#: charged word's clause leaves them out ("As Iran warned that ..., Mr. Trump threatened
#: it": "threatened" is told in "Mr. Trump threatened it", not in what Iran warned).
_OWN_CLAUSE = frozenset({"advcl", "parataxis", "conj"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def _doc(article: Article, sentence: Sentence):
    (doc,) = nlp.sentence_docs(article.text, [(sentence.start, sentence.end)], article.analysis)
    return doc


def _clause_words(article: Article, span: LoadedSpan) -> set[str] | None:
    """Stems of the content words of the clause that holds the span (its nearest verb,
    with the verb it complements, "tried to [appeal]", without the clauses that hang
    off it), the span's own words left out; None when the sentence cannot be read."""
    sentence = _sentence_of(article, span.start)
    if sentence is None:
        return None
    doc = _doc(article, sentence)
    at = [t for t in doc if sentence.start + t.idx < span.end and span.start < sentence.start + t.idx + len(t)]
    if not at:
        return None
    head = at[0]
    # spaCy makes a new Token object on each access: compare positions, not identities
    # (the root is its own head; "is not" never stops there)
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        head = at[0].sent.root
    inner = {t.i for t in at}
    left_out = set(inner)
    for child in head.children:
        if child.dep_ in _OWN_CLAUSE and child.pos_ in ("VERB", "AUX") and not inner & {t.i for t in child.subtree}:
            left_out.update(t.i for t in child.subtree)
    return {
        _stem(t.text) for t in head.subtree
        if t.i not in left_out and t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha
    }  # fmt: skip


def _tells_the_clause(article: Article, span: LoadedSpan, other: Article, counterpart: Sentence) -> bool:
    """Whether the counterpart tells the clause the charged word is in: it shares a
    content word with that clause (the word itself aside). Two sentences aligned as a
    whole may match on another part ("As Iran warned ..., Mr. Trump threatened it" and
    "The Iranians warned ..."): the counterpart of the charged word must tell the same
    act, or its lack of a charged word says nothing."""
    clause = _clause_words(article, span)
    if clause is None:
        return True
    theirs = {_stem(m.group()) for m in _PART.finditer(other.text, counterpart.start, counterpart.end)}
    return bool(clause & theirs)


def _keeps_distance(text: str, sentence: Sentence) -> bool:
    """Whether the sentence presents what it tells as someone's claim (``claim_words``):
    then a hedge elsewhere is no difference."""
    words = claim_words()
    return any(m.group().lower().replace("’", "'") in words for m in _PART.finditer(text, sentence.start, sentence.end))


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
        own_voice = [
            (j, sim) for j, sim in partners
            if quoted_share(other.text, other.sentences[j].start, other.sentences[j].end) < QUOTED_SHARE
        ]  # fmt: skip
        if not own_voice:
            continue  # the counterpart quotes someone: its wording is not the outlet's choice
        best, similarity = max(own_voice, key=lambda p: (p[1], -p[0]))
        if similarity < CHOICE_MIN_SIMILARITY:
            continue  # a loosely matched sentence may say something else: its wording proves nothing
        theirs = [s for j, _ in partners for s in _in_sentence(spans[other_id], other.sentences[j])]
        for span in mine:
            if span.category == HEDGE and any(
                (other_id, j) in attributed or _keeps_distance(other.text, other.sentences[j]) for j, _ in partners
            ):
                continue
            if any(_says_the_word(other.text, other.sentences[j], span.text) for j, _ in partners):
                continue
            if not any(_tells_the_clause(article, span, other, other.sentences[j]) for j, _ in own_voice):
                continue  # the counterpart tells another part of the sentence
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


def _firm_own(spans: Iterable[LoadedSpan]) -> list[LoadedSpan]:
    return [s for s in _own_loaded(spans) if firmly_loaded(s)]


def _rate_findings(articles: Sequence[Article], spans: dict[str, list[LoadedSpan]]) -> list[Finding]:
    stats = {a.id: (len(_firm_own(spans[a.id])), body_words(a)) for a in articles}
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
    own = sorted(_firm_own(spans), key=lambda s: (-s.score, s.start))[:RATE_EVIDENCE]
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
