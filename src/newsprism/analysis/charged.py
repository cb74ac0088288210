"""Charged words learned from annotations: a per-token logistic model over cheap features.

``analysis.loaded`` asks this module which words of a sentence are *charged* (carry
an evaluative or emotional load in the writer's choice of word). A lexicon alone
(VADER plus our lists) marks many plain words of news and misses most charged ones;
this model learns from BASIL's lexical-bias annotations (Fan et al., EMNLP 2019)
which word properties go with charged wording, and keeps the lexicon as one of its
features (and as the explanation of a hit).

Features of one token (all read off the stored spaCy parse, plus two word lists the
installed packages ship; nothing is downloaded at run time):

* ``lem=`` the lower-cased lemma (word identity);
* ``pos=``, ``tag=``, ``dep=``, ``pd=`` (POS with dependency), ``hpos=`` (POS of the
  head), ``ppos=``/``npos=`` (POS of the neighbours);
* ``sfx=`` the last three letters (``-ly``, ``-ous``, ``-ist`` ...);
* VADER valence of the form or lemma (``vabs`` the strength 0..1, ``vbin=`` binned
  with its POS, ``vsign=``), and ``neutral`` for words in ``loaded.NEWS_NEUTRAL``;
* ``rule=`` what the lexicon of ``analysis.loaded`` makes of the token (own list,
  VADER, hedge, intensifier);
* word frequency in general English (``wordfreq``'s Zipf scale, ``zipf`` scaled 0..1
  and ``zb=`` binned): charged words are rarer than the words of plain reports;
* ``lenb=`` the length of the word, binned;
* ``rank=`` the position of its sentence in the article, binned: BASIL's annotators
  found lexical bias concentrated at the start of articles.

No features of neighbouring *words* (only their POS): trained on BASIL, where a
lexical-bias span often runs over a hedge and the word after it ("reportedly
considered"), they made the word after "reportedly" look charged.

Proper names are never scored (``candidate``); "alleged" and the other legal hedges
keep their hedge category in ``loaded``.

The weights (``data/charged.json``) are written by ``python -m newsprism.analysis.
train_charged``, which also documents how the threshold was chosen. They hold single
words with weights, no article text.

Measured (``python -m bench basil``, 5-fold cross-validation by triplet, category
``loaded`` against all ``lex`` spans): token P/R/F1 0.133/0.140/0.137 and span
0.135/0.267/0.179, where the lexicon alone has 0.082/0.143/0.104 and 0.082/0.258/0.124;
own voice against unquoted spans: token F1 0.124 (lexicon 0.087), span F1 0.160 (0.109).
BASIL marks about 1.6 lexical-bias spans per article (0.5% of body tokens), and many
words the model ranks first are charged but unmarked ("ploy", "hurtful", "horrific"),
so precision against it is low for any word-level model. Tried and left out, each
within 0.01 token F1 on the cross-validation: L1 regularisation, class weights, a
per-article top-k instead of a threshold, gradient-boosted trees, the neighbouring
words, the Pattern subjectivity lexicon, and whether the word is inside a quote (left
out also because callers pass different sets of quotes); MiniLM word embeddings gave
+0.017 but cost more per article than the parse.

Known gaps: a name the parser misses at the start of a sentence ("Reckless Records
opened ...", tagged as an adjective) is scored like a word; no negation; the word
identity features only know BASIL's 150 articles (2010s US politics).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsprism.timing import model_loader

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ChargedModel", "candidate", "token_features", "sentence_features", "load_model", "word_frequency", "WEIGHTS"]

#: The shipped weights.
WEIGHTS = Path(__file__).resolve().parent / "data" / "charged.json"
#: POS tags that can carry a charged word; other tokens are never scored.
CANDIDATE_POS = frozenset({"ADJ", "ADV", "VERB", "NOUN", "INTJ", "AUX"})
#: Entity types of names (a charged word inside a name is part of the name).
NAME_ENTITIES = frozenset(
    {"PERSON", "ORG", "GPE", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "NORP"}
)


def candidate(token: Token) -> bool:
    """Whether a token can be charged: an alphabetic content word that is not part of a
    proper name (a capitalised PROPN or name-entity token: "Liberty University") and
    that general English knows (an unseen word is a typo, "autioned", or a fusion:
    nothing can be said of its charge)."""
    if not token.is_alpha or token.pos_ not in CANDIDATE_POS:
        return False
    if token.ent_type_ in NAME_ENTITIES and not token.is_lower:
        return False
    return _zipf(token.lower_) > 0


@functools.cache
def _zipf(word: str) -> float:
    """Frequency of a word in general English on the Zipf scale (0 = unseen, 8 = "the")."""
    return _wordfreq().zipf_frequency(word, "en")


@model_loader("word frequencies")
def _wordfreq():
    """The ``wordfreq`` module, imported once.

    On import, wordfreq finds its own data folder with ``locate.this_dir()``, which
    calls ``inspect.stack()``: it reads the source of every frame of the importer's
    stack, a third of a second from inside the CLI, every run. While wordfreq is
    imported, ``locate.this_dir`` answers with wordfreq's package folder, which is
    what it would compute (``tests/test_charged.py`` checks that the data folder and
    the frequencies are the same).
    """
    import importlib.util

    import locate

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        import wordfreq

        return wordfreq
    folder = Path(next(iter(spec.submodule_search_locations)))
    original = locate.this_dir
    locate.this_dir = lambda: folder
    try:
        import wordfreq
    finally:
        locate.this_dir = original
    return wordfreq


def word_frequency(word: str) -> float:
    """Frequency of a (lower-case) word in general English on the Zipf scale (0 = unseen)."""
    return _zipf(word)


def _bin(value: float, step: float) -> str:
    return str(int(value // step))


def token_features(token: Token, rule: str | None, rank: int = 0) -> dict[str, float]:
    """The features of one candidate token (see the module docstring); ``rule`` is the
    lexicon's category for it (``analysis.loaded``), or None; ``rank`` the index of its
    sentence among the article's body sentences."""
    from newsprism.analysis.loaded import NEWS_NEUTRAL, vader_lexicon  # import cycle: loaded uses this module

    form = token.lower_.replace("’", "'")
    lemma = (token.lemma_ or token.text).lower().replace("’", "'")
    pos = token.pos_
    doc = token.doc
    feats: dict[str, float] = {
        "bias": 1.0,
        f"lem={lemma}": 1.0,
        f"pos={pos}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"pd={pos}|{token.dep_}": 1.0,
        f"hpos={token.head.pos_}": 1.0,
        f"ppos={doc[token.i - 1].pos_ if token.i > 0 else '^'}": 1.0,
        f"npos={doc[token.i + 1].pos_ if token.i + 1 < len(doc) else '$'}": 1.0,
        f"sfx={form[-3:]}": 1.0,
        f"lenb={min(len(form), 14) // 3}": 1.0,
    }
    lexicon = vader_lexicon()
    valence = lexicon.get(form, lexicon.get(lemma))
    if valence is not None:
        feats["vabs"] = abs(valence) / 4.0
        feats[f"vbin={_bin(abs(valence), 1.0)}|{pos}"] = 1.0
        feats[f"vsign={'neg' if valence < 0 else 'pos'}"] = 1.0
    if form in NEWS_NEUTRAL or lemma in NEWS_NEUTRAL:
        feats["neutral"] = 1.0
    if rule is not None:
        feats[f"rule={rule}"] = 1.0
    zipf = _zipf(form)
    feats["zipf"] = zipf / 8.0
    feats[f"zb={_bin(zipf, 0.5)}|{pos}"] = 1.0
    if token.i > 0 and token.text[:1].isupper():
        feats["cap"] = 1.0
    feats[f"rank={min(rank, 12) // 3 if rank > 2 else rank}"] = 1.0
    return feats


def sentence_features(doc: Doc, rules: dict[int, str], rank: int = 0) -> list[tuple[int, dict[str, float]]]:
    """``(token index, features)`` of every candidate token of a sentence doc; ``rules``
    maps token indices to the lexicon's category (``loaded.lexicon_rules``), ``rank`` is
    the sentence's index among the article's body sentences."""
    return [(t.i, token_features(t, rules.get(t.i), rank)) for t in doc if candidate(t)]


@dataclass(frozen=True, slots=True)
class ChargedModel:
    """A logistic model: ``P(charged) = sigmoid(sum of weights of the active features)``
    (the intercept is the weight of ``bias``); tokens at or above ``threshold`` are charged."""

    weights: dict[str, float]
    threshold: float
    meta: dict[str, object]

    def probability(self, feats: dict[str, float]) -> float:
        """The model's probability that a token with these features is charged."""
        w = self.weights
        z = sum(w.get(name, 0.0) * value for name, value in feats.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def to_json(self) -> str:
        """The weights file: sorted keys, rounded weights, so re-training diffs cleanly."""
        body = {"meta": self.meta, "threshold": self.threshold, "weights": dict(sorted(self.weights.items()))}
        return json.dumps(body, indent=0, sort_keys=False, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ChargedModel:
        data = json.loads(text)
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]), data.get("meta", {}))


@model_loader("charged-word model")
def load_model(path: Path = WEIGHTS) -> ChargedModel:
    """The shipped model (read once)."""
    return ChargedModel.from_json(path.read_text(encoding="utf-8"))
