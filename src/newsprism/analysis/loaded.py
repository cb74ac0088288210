"""Loaded language: the charged words, intensifiers and hedges of one article.

A component of the analysis layer: it reads one article (its ingest-time parse, with
lemmas added here) and the article's direct quotes, and writes ``LoadedSpan`` records.
How outlets differ in their wording (rates, profiles, word-choice findings) is
``newsprism.framing.loaded``.

    spans = loaded_spans(article, extract_quotes(article))      # list[LoadedSpan]

Three categories of span, each an exact ``(start, end)`` into ``Article.text``:

``loaded``
    Words with a strong evaluative or emotional charge ("slammed", "reckless",
    "terrorists", "so-called"), with a polarity ("neg"/"pos") and a strength 0..1.
``intensifier``
    Degree words that heighten a claim ("deeply", "sharply", "utterly").
``hedge``
    Words that distance the outlet from a claim ("reportedly", "allegedly", "may",
    "claimed that ...").

A span inside a direct quote (``newsprism.analysis.quotes.extract_quotes``) is the
speaker's word, not the outlet's: it is kept and marked ``in_quote`` with the speaker.
So is a span inside the complement of a claim or a name-calling (``claim_content``:
"despite claims that [it is a ploy]", "calling it [a scam], Trump said"), with no
speaker: the claimant's word, as in reported speech.

Which words are loaded
----------------------
A learned model decides (``newsprism.analysis.charged``): a logistic regression over
cheap features of each content word (its lemma, POS and dependency, VADER valence,
what the lexicon below makes of it, its frequency in general English, the position
of its sentence), trained on BASIL's lexical-bias annotations by
``python -m newsprism.analysis.train_charged`` and shipped as ``data/charged.json``.
A word is loaded when the model's probability reaches the shipped threshold (chosen
by cross-validation by triplet). The lexicon stays: as a feature, as the explanation
of a hit (``LoadedSpan.source``: ``"term"`` own list, ``"vader"`` VADER rates the
word, ``"model"`` the model alone), and for the categories the model does not decide:
hedges, intensifiers and the phrases of our own lists (always kept). Proper names
are never loaded. Cross-validated figures: ``python -m bench basil``.

Lexicon
-------
Single loaded words come from the VADER sentiment lexicon (C.J. Hutto, *VADER: A
Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text*, ICWSM
2014), read from the ``vader_lexicon.txt`` file that the ``vaderSentiment`` package
ships. The lexicon is under the MIT licence (Copyright (c) 2016 C.J. Hutto); it is
read at run time, not copied here. VADER rates words from -4 to +4 for social media
sentiment, so it is restricted and filtered for news:

* only entries with ``|valence| >= MIN_VALENCE``;
* only adjectives, adverbs and verbs (spaCy POS of the token in context); a noun
  needs ``NOUN_MIN_VALENCE``: most strongly rated nouns in news name events
  ("death", "war", "crisis"), while charged nouns are better caught by name in
  ``LOADED_TERMS``;
* never words in ``NEWS_NEUTRAL``, a stop list of words that report events,
  outcomes and states as facts in news ("killed", "attack", "injured", "won",
  "arrested", "support") or are function words VADER rates ("no", "like", "well");
* never inside a proper name (``PROPN`` or a name entity: "Liberty University").

Our own short lists, written for this module, add what VADER lacks: loaded labels and
verbs of news bias (``LOADED_TERMS``: "terrorists", "regime", "slammed", "so-called",
...), ``INTENSIFIERS`` and ``HEDGES``. Lookup is by the lower-cased word, then by its
spaCy lemma, so "slammed" finds "slam" and "terrorists" finds "terrorist".

Measured by ``python -m bench basil`` against BASIL's lexical-bias annotations (the
lexicon alone is the baseline there: ``model_spans(article, quotes, None)``).

Known gaps: no negation ("not reckless" still counts as a charged word); word sense
only for motion and origin (``_moves``: "ripped through", "hails from" are plain),
for feelings reported of a person (``_reports_feeling``: "the attack angered Qatar",
"Murray was upset" are plain) and for the sides of a contest (``_names_a_side``: "the
fifth offensive play", "did little offensively" are plain), so "tax regime", a literal
"blast", "radical surgery" are not caught; VADER has no entries for many derived forms
("disgraceful" although "disgrace"); scare quotes of one or two words are not quotes for
``extract_quotes``, so their words count as the outlet's.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from importlib import resources
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsprism import nlp
from newsprism.analysis._wordlists import read_sections
from newsprism.analysis.speakers import DOCUMENT_WORDS
from newsprism.analysis import charged
from newsprism.analysis.charged import ChargedModel
from newsprism.analysis.quotes import Quote
from newsprism.model import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "LoadedSpan",
    "loaded_spans",
    "vader_lexicon",
    "model_spans",
    "lexicon_rules",
    "with_lemmas",
    "claim_content",
    "LOADED",
    "INTENSIFIER",
    "HEDGE",
    "MIN_VALENCE",
    "NOUN_MIN_VALENCE",
]

LOADED, INTENSIFIER, HEDGE = "loaded", "intensifier", "hedge"
NEG, POS, NONE = "neg", "pos", "none"
#: Where a span comes from: our own lists, VADER, the learned model (``analysis.charged``).
TERM, VADER, MODEL = "term", "vader", "model"

# -- thresholds ------------------------------------------------------------------------

#: VADER entries (mean rating, -4..+4) weaker than this are not loaded. VADER's raters
#: gave |mean| < 1 to words they found barely emotive ("critical" -1.3 sits just above
#: that, "controversial" -0.8 below); 1.5 keeps words most readers feel as charged
#: ("reckless" -1.7, "appalling" -1.5, "bold" 1.6) and drops the mild band, where the
#: words of plain news reporting crowd ("accused" -1.2, "refused" -1.2). Checked on
#: BASIL (``python -m bench basil``, category loaded vs all lex spans): 1.0 gives
#: 41% more spans for a recall of 0.279 instead of 0.258 (span level, precision
#: 0.064 instead of 0.082); 2.0 drops recall to 0.183 for precision 0.094: F1 is
#: flat across the range, 1.5 is its middle.
MIN_VALENCE = 1.5
#: A noun needs a stronger VADER rating (see the module docstring): at 2.5 nouns like
#: "outrage" (-2.3) still need ``LOADED_TERMS``; only very strong evaluative nouns
#: ("evil" -3.4, "hatred" -3.2, "catastrophe" -3.4) pass; the event nouns rated that
#: high ("death", "violence") are in the stop list. On BASIL (span-level F1 0.124),
#: dropping VADER nouns altogether gives 0.122, admitting them at 1.5 gives 0.107.
NOUN_MIN_VALENCE = 2.5
#: VADER valence that maps to strength 1.0 (the scale's end).
VALENCE_SCALE = 4.0
#: POS tags whose VADER entries count as loaded (nouns with ``NOUN_MIN_VALENCE``).
LOADED_POS = frozenset({"ADJ", "ADV", "VERB"})
#: Entity types of names: a charged word inside a name is part of the name.
NAME_ENTITIES = frozenset(
    {"PERSON", "ORG", "GPE", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
)

# -- lexicon: our own lists ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    """A word or phrase of our own lists: its words (lower-case, forms or lemmas), the
    polarity, the strength 0..1 and, if set, the POS its first word must have."""

    words: tuple[str, ...]
    polarity: str
    strength: float
    pos: frozenset[str] | None = None


def _terms(spec: str, polarity: str, pos: Iterable[str] | None = None) -> list[_Term]:
    """Parse ``"word:strength, two words:strength, ..."`` into terms."""
    out = []
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        phrase, strength = item.rsplit(":", 1)
        out.append(_Term(_phrase_words(phrase), polarity, float(strength), frozenset(pos) if pos else None))
    return out


def _phrase_words(phrase: str) -> tuple[str, ...]:
    """The words of a phrase; hyphens are separators ("so-called" = "so called")."""
    return tuple(w for w in re.split(r"[\s\-‐‑]+", phrase.lower()) if w)


#: Labels and verbs that news-bias studies find one outlet choosing where another
#: writes a neutral word: labels for groups and people, verbs of attack and praise
#: used for speech ("slammed" for "criticised"), scare labels. Strength: 0.9 for
#: labels that condemn outright, 0.7-0.8 for charged verbs and nouns, 0.5-0.6 for
#: milder tilt. Keys are lemmas (or lower-case forms); all are our own choice.
LOADED_TERMS: tuple[_Term, ...] = (
    # labels for groups and people
    *_terms(
        "terrorist:0.9, jihadist:0.9, jihadi:0.9, thug:0.9, regime:0.6, extremist:0.8, "
        "radical:0.6, zealot:0.8, fanatic:0.8, henchman:0.8, cabal:0.8, "
        "despot:0.8, tyrant:0.8, mob:0.6, mouthpiece:0.7, puppet:0.7, stooge:0.8, "
        "illegals:0.9, illegal alien:0.9, rogue state:0.7, "
        "far left:0.6, far right:0.6, hardliner:0.6, firebrand:0.6, provocateur:0.7",
        NEG,
    ),
    # scare labels and charged nouns for events and acts
    *_terms(
        "so called:0.6, witch hunt:0.9, hoax:0.8, sham:0.8, smear:0.7, propaganda:0.7, "
        "scheme:0.5, ploy:0.6, stunt:0.6, tirade:0.8, rant:0.7, meltdown:0.7, "
        "debacle:0.8, fiasco:0.8, boondoggle:0.8, gaffe:0.7, blunder:0.7, "
        "firestorm:0.7, fearmongering:0.8, "
        "scare tactics:0.7, power grab:0.8, job killing:0.7, flip flop:0.7",
        NEG,
    ),
    # charged adjectives VADER lacks
    *_terms(
        "embattled:0.6, disgraced:0.7, notorious:0.7, infamous:0.7, brazen:0.7, "
        "shameless:0.8, draconian:0.8, heavy handed:0.6, hardline:0.5, hard line:0.5, "
        "phony:0.8, bogus:0.8, outlandish:0.7, incendiary:0.7, "
        "inflammatory:0.6, rabid:0.8, vitriolic:0.8, scathing:0.6, "
        "divisive:0.6, dubious:0.6, discredited:0.7",
        NEG,
        {"ADJ", "VERB", "NOUN"},
    ),
    # verbs of attack used for speech and of giving in
    *_terms(
        "slam:0.7, blast:0.7, lambaste:0.8, bash:0.7, rip:0.6, skewer:0.7, "
        "berate:0.7, lash out:0.7, decry:0.6, savage:0.8, trash:0.6, "
        "pander:0.7, grandstand:0.7, stonewall:0.6, "
        "brag:0.6, boast:0.5, gloat:0.7, whine:0.7, rant:0.7, fume:0.6",
        NEG,
        {"VERB"},
    ),
    # praise and glory
    *_terms(
        "hail:0.5, tout:0.5, champion:0.5, laud:0.6, extol:0.7",
        POS,
        {"VERB"},
    ),
    *_terms(
        "heroic:0.7, visionary:0.7, trailblazing:0.6, landmark:0.4, groundbreaking:0.5",
        POS,
    ),
)

#: Degree words that heighten a claim, with how much (our own list). Adverbs must be
#: tagged ``ADV`` in context ("the very day" is not an intensifier).
INTENSIFIERS: dict[str, float] = {
    "very": 0.4, "extremely": 0.7, "deeply": 0.6, "sharply": 0.6, "fiercely": 0.7,
    "highly": 0.5, "hugely": 0.6, "utterly": 0.8, "totally": 0.6, "completely": 0.5,
    "absolutely": 0.7, "incredibly": 0.7, "remarkably": 0.6, "enormously": 0.6,
    "massively": 0.6, "vastly": 0.5, "really": 0.4,
    "truly": 0.5, "bitterly": 0.7, "vehemently": 0.8, "staunchly": 0.6, "furiously": 0.8,
    "desperately": 0.7, "dramatically": 0.6, "starkly": 0.6, "immensely": 0.6,
    "exceedingly": 0.6, "overwhelmingly": 0.6, "profoundly": 0.6, "intensely": 0.6,
    "terribly": 0.7, "awfully": 0.7, "extraordinarily": 0.7, "pretty": 0.3, "so": 0.3,
}  # fmt: skip
#: Degree adjectives (tagged ``ADJ``): "sheer defiance", "a massive overhaul".
INTENSIFIER_ADJECTIVES: dict[str, float] = {
    "sheer": 0.6, "utter": 0.8, "outright": 0.6, "unprecedented": 0.6, "massive": 0.5,
    "huge": 0.5, "enormous": 0.5, "staggering": 0.7, "sweeping": 0.4, "fierce": 0.6,
    "relentless": 0.6, "furious": 0.7, "blistering": 0.7,
}  # fmt: skip

#: Hedging adverbs and adjectives (our own list): the outlet does not vouch for what
#: follows. Strength: 0.8 for words that cast doubt ("allegedly", "supposedly"),
#: 0.6-0.7 for attribution at a distance ("reportedly"), 0.3-0.5 for mere possibility.
HEDGES: dict[str, float] = {
    "reportedly": 0.7, "allegedly": 0.8, "apparently": 0.6, "purportedly": 0.8,
    "supposedly": 0.8, "ostensibly": 0.8, "seemingly": 0.6, "possibly": 0.5,
    "perhaps": 0.5, "probably": 0.4, "arguably": 0.6, "presumably": 0.5,
    "conceivably": 0.5, "alleged": 0.8, "unconfirmed": 0.6, "unverified": 0.6,
    "unsubstantiated": 0.7, "purported": 0.8,
}  # fmt: skip
#: Modal verbs (tag ``MD``) that hedge: weak, they are everywhere in reporting.
HEDGE_MODALS: dict[str, float] = {"may": 0.3, "might": 0.4, "could": 0.3}
#: Verbs that hedge only with a clause after them ("claimed that ...", "appears to"):
#: "claimed responsibility" or "suggested a date" are plain reports.
HEDGE_VERBS: dict[str, float] = {
    "claim": 0.6, "allege": 0.7, "suggest": 0.4, "appear": 0.4, "seem": 0.4,
    "purport": 0.8, "contend": 0.4, "insist": 0.5,
}  # fmt: skip
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "acomp", "oprd"})

#: Words VADER rates but news uses as plain reports of events, outcomes and states
#: (and function words VADER rates for social media). Lemmas. Our own list, built
#: from the most frequent VADER hits in ECB+ news (a corpus of event reports), each
#: kept out because a neutral report of the same event has no other word for it;
#: then (last three lines) the neutral reporting verbs ("criticized", "praised",
#: "argued": the plain choice that "slammed" or "hailed" replace) and procedural
#: words found among the most frequent false hits on BASIL. No word was added or
#: removed because BASIL annotators marked it.
NEWS_NEUTRAL: frozenset[str] = frozenset(
    """
    kill killing killed die died dead death deadly fatal fatally injure injured injury
    wound wounded hurt harm harmed suffer victim attack attacker assault war battle
    fight fighting combat conflict bomb bombing explosion explode missile rocket gun
    gunman weapon shoot shooting shot fire firing strike destroy damage collapse crash
    accident disaster emergency rescue survive survivor trap trapped missing hostage
    kidnap murder rape steal stolen theft rob robbery arrest prison jail guilty
    convict charge accuse prosecute prosecution penalty punishment illegal lawsuit
    suspect suspicion violation violate fraud abuse crime criminal riot protest
    ill illness sick disease infect infected pain cancer overdose
    win won winner winning lose lost loss defeat champion championship victory play
    played score debt deficit cut low lower drop decline increase gain growth benefit
    credit value interest profit recession
    no yes ok okay like well please sure certain clear help support care share join
    hand chance party free freedom security safety safe protect protection justice
    legal agree agreement approve accept want wish hope promise commitment commit
    committed create ensure fit special original energy gift heart kind friend love
    honor respect opportunity ability advantage solution problem trouble risk danger
    warn warning alert avoid block stop delay lack alone miss save restore improve
    improvement progress dispute pressure tension worry concern fear doubt deny
    refuse reject impose unclear responsible responsibility united trust award prize
    welcome thank thanks relief aid rich poor wealth negative positive critical
    active engaged determined advanced fresh natural alive comprehensive secure calm
    threat unemployment worth traumatic degrade expel condemn violence crisis terrorism
    racism ban hack force struggle
    argue criticize criticise blame praise urge recommend promote encourage favor favour
    focus treat ready interested grant resolve reward succeed success effective
    effectively wealthy popular eager motivate influential
    """.split()
)

_HYPHENS = frozenset("-‐‑–")


# -- the VADER lexicon -----------------------------------------------------------------


def _vader_path() -> Path:
    """The ``vader_lexicon.txt`` shipped inside the installed ``vaderSentiment`` package."""
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the vaderSentiment package is not installed (pip install vaderSentiment)")
    return Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"


@functools.cache
def vader_lexicon() -> dict[str, float]:
    """VADER's word ratings (lower-case words only, emoticons left out), mean valence."""
    out: dict[str, float] = {}
    for line in _vader_path().read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and re.fullmatch(r"[a-z][a-z'\-]*", fields[0]):
            out[fields[0]] = float(fields[1])
    return out


@functools.cache
def _term_index() -> dict[str, list[_Term]]:
    """Own-list terms by first word, longest first (so a phrase beats its first word)."""
    index: dict[str, list[_Term]] = {}
    for term in LOADED_TERMS:
        index.setdefault(term.words[0], []).append(term)
    for terms in index.values():
        terms.sort(key=lambda t: -len(t.words))
    return index


# -- spans -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadedSpan:
    """A charged, intensifying or hedging word of an article: ``text == article.text[start:end]``.

    ``score`` is the strength 0..1; ``polarity`` is "neg"/"pos" for loaded words and
    "none" for intensifiers and hedges. ``in_quote`` spans lie inside a direct quote
    and are the ``speaker``'s words, not the outlet's. ``source`` says why the span is
    there: ``"term"`` (our own lists), ``"vader"`` (VADER rates the word and the model
    agrees), ``"model"`` (the charged-word model alone; ``score`` is then its
    probability), ``"hedge"``, ``"intensifier"``. ``pos`` is the spaCy POS of its first
    word in context. Not part of any JSON output.
    """

    article: str
    start: int
    end: int
    text: str
    category: str
    score: float
    polarity: str
    in_quote: bool
    speaker: str | None
    source: str = TERM
    pos: str = ""


@dataclass(frozen=True, slots=True)
class _Hit:
    """A match inside one sentence doc: token range and what it is."""

    first: int
    last: int  # inclusive
    category: str
    score: float
    polarity: str
    source: str  # "term" (own list), "vader", "hedge", "intensifier", "model"


def loaded_spans(article: Article, quotes: Sequence[Quote]) -> list[LoadedSpan]:
    """Every loaded word, intensifier and hedge of the article's body sentences, in order.

    Loaded words are those the shipped charged-word model (``analysis.charged``) scores
    at or above its threshold, plus the phrases of our own lists; see ``model_spans``.
    """
    return model_spans(article, quotes, charged.load_model())


def model_spans(article: Article, quotes: Sequence[Quote], model: ChargedModel | None) -> list[LoadedSpan]:
    """``loaded_spans`` with a given charged-word model (``bench.basil`` passes each
    cross-validation fold's model); with ``model=None``, the lexicon alone.

    With a model, per sentence:

    * hedges and intensifiers come from the lexicon, as before (their own categories);
    * own-list terms (``LOADED_TERMS``: labels like "terrorists", phrases like
      "so-called") are always loaded: an editorial choice, and phrases are beyond a
      per-word model;
    * every other candidate word (``charged.candidate``: no proper names) is loaded
      when the model's probability reaches ``model.threshold``; a VADER hit the model
      rejects is dropped. The span's ``source`` says why: ``"vader"`` when VADER rates
      the word (score: the VADER strength), else ``"model"`` (score: the probability,
      polarity: VADER's sign where it has the word, else ``"neg"``).
    """
    sentences = article.body_sentences
    if not sentences:
        return []
    docs = nlp.sentence_docs(article.text, [(s.start, s.end) for s in sentences], article.analysis)
    out: list[LoadedSpan] = []
    for rank, (sentence, doc) in enumerate(zip(sentences, docs, strict=True)):
        doc = with_lemmas(doc)
        hits = _sentence_hits(doc) if model is None else _model_hits(doc, model, rank)
        claimed = claim_content(doc) if hits else set()
        for hit in hits:
            if hit.category == LOADED and hit.first == hit.last and _plain_sense(doc[hit.first]):
                continue
            start = sentence.start + doc[hit.first].idx
            end = sentence.start + doc[hit.last].idx + len(doc[hit.last].text)
            quote = _quote_at(quotes, start, end)
            others = quote is not None or hit.first in claimed
            out.append(
                LoadedSpan(
                    article=article.id,
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    category=hit.category,
                    score=round(hit.score, 4),
                    polarity=hit.polarity,
                    in_quote=others,
                    speaker=quote.speaker if quote is not None else None,
                    source=hit.source,
                    pos=doc[hit.first].pos_,
                )
            )
    return out


@functools.cache
def claim_heads() -> frozenset[tuple[str, str]]:
    """(lemma, POS) of the words whose complement is someone else's claim or label
    (``data/claim_heads.txt``)."""
    text = resources.files("newsprism.analysis").joinpath("data", "claim_heads.txt").read_text(encoding="utf-8")
    rows = (line.split("#", 1)[0].split() for line in text.splitlines())
    return frozenset((row[0].lower(), row[1].upper()) for row in rows if len(row) == 2)


#: Dependencies of a claim verb's complement: the clause or the predicate it claims.
_CLAIM_CLAUSE = frozenset({"ccomp", "xcomp", "oprd"})
#: Dependencies of a claim noun's that-clause.
_NOUN_CLAUSE = frozenset({"acl", "relcl", "ccomp"})


def claim_content(doc: Doc) -> set[int]:
    """Token indices of a sentence doc that tell someone else's claim or label in the
    words of its complement (``claim_heads``): the that-clause of a claim noun ("claims
    that [the measure is a ploy]"), the clause of a claim verb ("alleged that [...]"),
    what an allegation alleges ("alleging [a conspiracy]"), what someone is called
    ("calling it [a scam]"). Like reported speech, these words are not the outlet's own
    voice: "despite claims that the measure is a ploy" does not call it a ploy. The
    claim word itself is outside its complement (a hedge the outlet chose stays one)."""
    heads = claim_heads()
    out: set[int] = set()
    for token in doc:
        lemma = (token.lemma_ or token.text).lower()
        if (lemma, token.pos_) not in heads:
            continue
        if token.pos_ == "NOUN":
            parts = [c for c in token.children if c.dep_ in _NOUN_CLAUSE and any(m.dep_ == "mark" for m in c.children)]
        else:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            parts = [c for c in token.children if c.dep_ in _CLAIM_CLAUSE]
            if lemma in ("call", "brand", "dub", "label"):
                parts += objects[1:]  # "calling it [a scam]": the thing called is not the label
            elif lemma in ("allege", "charge", "claim"):
                parts += objects  # "alleging [a widespread conspiracy]"
            elif lemma == "accuse":
                parts += [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        for part in parts:
            out.update(t.i for t in part.subtree)
    return out


def _model_hits(doc: Doc, model: ChargedModel, rank: int) -> list[_Hit]:
    """The hits of one sentence with the charged-word model deciding the loaded words."""
    lexicon_hits = _sentence_hits(doc)
    by_first = {hit.first: hit for hit in lexicon_hits}
    rules = {i: hit.source for hit in lexicon_hits for i in range(hit.first, hit.last + 1)}
    charged_at = {
        i: p for i, feats in charged.sentence_features(doc, rules, rank)
        if (p := model.probability(feats)) >= model.threshold
    }  # fmt: skip
    hits: list[_Hit] = []
    taken: set[int] = set()
    for token in doc:
        i = token.i
        if i in taken:
            continue
        hit = by_first.get(i)
        if hit is not None and (hit.source != VADER or i in charged_at):
            hits.append(hit)
            taken.update(range(hit.first, hit.last + 1))
        elif i in charged_at and rules.get(i) in (None, VADER):
            hits.append(_model_hit(token, charged_at[i]))
            taken.add(i)
    return hits


def _model_hit(token: Token, probability: float) -> _Hit:
    """A loaded word found by the model alone: polarity from VADER where it rates the word."""
    form, lemma = _keys(token)
    lexicon = vader_lexicon()
    valence = lexicon.get(form, lexicon.get(lemma))
    polarity = POS if valence is not None and valence > 0 else NEG
    return _Hit(token.i, token.i, LOADED, max(probability, 0.0001), polarity, MODEL)


def lexicon_rules(doc: Doc) -> dict[int, str]:
    """What the lexicon makes of each token of a sentence doc it hits: the source of the
    hit (``TERM``, ``VADER``, ``HEDGE``, ``INTENSIFIER``) by token index. A feature of
    the charged-word model (``analysis.charged``)."""
    return {i: hit.source for hit in _sentence_hits(doc) for i in range(hit.first, hit.last + 1)}


def with_lemmas(doc: Doc) -> Doc:
    """The doc with lemmas: ingest parses without the lemmatizer, so run it here."""
    if any(t.is_alpha and not t.lemma_ for t in doc):
        doc = nlp.pipeline().get_pipe("lemmatizer")(doc)
    return doc


def _quote_at(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    """The quote one of whose parts holds ``[start, end)``, if any."""
    for quote in quotes:
        if quote.start <= start and end <= quote.end:
            for s, e in quote.parts:
                if s <= start and end <= e:
                    return quote
    return None


def _keys(token: Token) -> tuple[str, str]:
    """The lower-case form and lemma of a token (curly apostrophes straightened)."""
    return token.lower_.replace("’", "'"), (token.lemma_ or token.text).lower().replace("’", "'")


def _sentence_hits(doc: Doc) -> list[_Hit]:
    """Hits of one sentence: own-list phrases first, then single words, one per token."""
    words = [t.i for t in doc if t.text not in _HYPHENS]  # hyphens are separators
    taken: set[int] = set()
    hits: list[_Hit] = []
    for n, i in enumerate(words):
        if i in taken:
            continue
        hit = _phrase_hit(doc, words, n) or _word_hit(doc[i])
        if hit is not None:
            hits.append(hit)
            taken.update(range(hit.first, hit.last + 1))
    return hits


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTITIES


def _phrase_hit(doc: Doc, words: list[int], n: int) -> _Hit | None:
    """An own-list term starting at the ``n``-th word of the sentence, if any."""
    first = doc[words[n]]
    if _is_name(first) and not first.is_lower:
        return None
    for key in dict.fromkeys(_keys(first)):
        for term in _term_index().get(key, ()):
            if n + len(term.words) > len(words):
                continue
            if term.pos is not None and first.pos_ not in term.pos:
                continue
            tokens = [doc[words[n + k]] for k in range(len(term.words))]
            if all(w in _keys(t) for w, t in zip(term.words, tokens, strict=True)):
                return _Hit(tokens[0].i, tokens[-1].i, LOADED, term.strength, term.polarity, TERM)
    return None


#: Prepositions that make a verb of attack or praise tell a motion or an origin, not
#: speech: "tornadoes ripped through the town", "slammed into a wall", "hails from Madurai".
_MOTION_PREPOSITIONS = frozenset({"through", "across", "into", "onto", "from", "apart"})


#: Words of feeling (``data/feelings.txt``): reported of a person, they are that person's.
FEELINGS = frozenset(read_sections("feelings.txt", fold=True)["feelings"])
#: How the one who feels is tied to the word: its object ("angered Qatar"), its subject
#: ("Murray was upset", "lawmakers were angered"), or the word is said of a subject.
_FEELER_DEPS = frozenset({"dobj", "nsubj", "nsubjpass"})


def _reports_feeling(token: Token) -> bool:
    """Whether a word of feeling reports how someone took something ("the attack angered
    Qatar", "which agitated Murray", "Murray was upset"): the feeler is its object or
    subject, or it is the predicate of one. Such a word is no loaded word, whoever found
    it; before a noun ("an angry mob") it is left as it is."""
    if nlp.lemma(token) not in FEELINGS and token.lower_ not in FEELINGS:
        return False
    if token.dep_ in ("acomp", "oprd") or (token.dep_ == "amod" and token.head.pos_ != "NOUN"):
        return True
    return any(c.dep_ in _FEELER_DEPS for c in token.children)


#: Words for a side in a contest (``data/senses.txt``), and nouns of what is said or done.
_SENSES = read_sections("senses.txt", fold=True)
SIDES, SPEECH = frozenset(_SENSES["sides"]), frozenset(_SENSES["speech"])


def _plain_sense(token: Token) -> bool:
    """Whether a charged word is used in a sense where it is the plain word: a motion
    (``_moves``), a feeling reported of a person (``_reports_feeling``), a side in a
    contest (``_names_a_side``). Such a word is no loaded word, whoever found it (our
    list, VADER or the model; the model's features are left as they are)."""
    return _moves(token) or _reports_feeling(token) or _names_a_side(token)


def _names_a_side(token: Token) -> bool:
    """Whether a word of attack or defence names a side in a game or a fight: as an
    adverb ("did little offensively", "Defensively, the Colts ...") or before a noun that
    is not something said or done to someone ("the fifth offensive play", "defensive
    end"; not "offensive remarks"). As a predicate ("the remarks were offensive") it
    judges and is left as it is."""
    if token.lower_ not in SIDES:
        return False
    if token.pos_ == "ADV":
        return True
    return token.dep_ in ("amod", "compound") and token.head.pos_ in ("NOUN", "PROPN") and nlp.lemma(token.head) not in SPEECH


def _moves(verb: Token) -> bool:
    """Whether a verb is used for a motion or an origin (``_MOTION_PREPOSITIONS``), where
    a verb of attack or praise is the plain word ("the storm ripped through", "the truck
    slammed into a wall", "she hails from Ohio"): such a verb is no loaded word, whoever
    found it (our list, VADER or the model; the model's features are left as they are)."""
    return verb.pos_ == "VERB" and any(c.dep_ in ("prep", "prt") and c.lower_ in _MOTION_PREPOSITIONS for c in verb.children)


def _word_hit(token: Token) -> _Hit | None:
    """A single-word hit: hedge, intensifier, or VADER loaded word, in that order."""
    if not token.is_alpha or _is_name(token):
        return None
    form, lemma = _keys(token)
    if token.tag_ == "MD" and form in HEDGE_MODALS:
        return _Hit(token.i, token.i, HEDGE, HEDGE_MODALS[form], NONE, HEDGE)
    if form in HEDGES and token.pos_ in ("ADV", "ADJ", "VERB"):
        return _Hit(token.i, token.i, HEDGE, HEDGES[form], NONE, HEDGE)
    if (
        lemma in HEDGE_VERBS and token.pos_ == "VERB" and any(c.dep_ in _CLAUSE_DEPS for c in token.children)
        and not _files_a_claim(token)
    ):  # fmt: skip
        return _Hit(token.i, token.i, HEDGE, HEDGE_VERBS[lemma], NONE, HEDGE)
    if form in INTENSIFIERS and token.pos_ == "ADV" and _modifies(token):
        return _Hit(token.i, token.i, INTENSIFIER, INTENSIFIERS[form], NONE, INTENSIFIER)
    if form in INTENSIFIER_ADJECTIVES and token.pos_ == "ADJ":
        return _Hit(token.i, token.i, INTENSIFIER, INTENSIFIER_ADJECTIVES[form], NONE, INTENSIFIER)
    valence = _valence(token, form, lemma)
    if valence is None:
        return None
    return _Hit(token.i, token.i, LOADED, min(1.0, abs(valence) / VALENCE_SCALE), NEG if valence < 0 else POS, VADER)


def _files_a_claim(verb: Token) -> bool:
    """Whether a hedging verb reports what a filing or an organisation claims ("the
    lawsuit alleges that ...", "the DNC alleges ...", "it alleges"): the plain legal
    way to report a complaint, not the outlet keeping a distance."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.lower_ == "it" or subject.ent_type_ == "ORG" or nlp.lemma(subject) in DOCUMENT_WORDS


#: "so far", "pretty much": fixed phrases, not grading.
_NOT_GRADED = frozenset({"far", "much", "many", "long", "well"})


def _modifies(token: Token) -> bool:
    """Whether an adverb grades something ("deeply concerned", "so angry"), not
    "so" as a conjunction or "pretty" as an adjective."""
    if token.lower_ in ("so", "pretty"):
        head = token.head
        return token.dep_ == "advmod" and head.pos_ in ("ADJ", "ADV") and head.lower_ not in _NOT_GRADED
    return True


def _valence(token: Token, form: str, lemma: str) -> float | None:
    """The VADER valence of a token if it counts as loaded in news, else None."""
    if form in NEWS_NEUTRAL or lemma in NEWS_NEUTRAL:
        return None
    lexicon = vader_lexicon()
    valence = lexicon.get(form, lexicon.get(lemma))
    if valence is None:
        return None
    if token.pos_ in LOADED_POS:
        return valence if abs(valence) >= MIN_VALENCE else None
    if token.pos_ == "NOUN":
        return valence if abs(valence) >= NOUN_MIN_VALENCE else None
    return None

