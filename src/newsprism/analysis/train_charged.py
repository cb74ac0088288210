"""Train the charged-word model (``analysis.charged``) on BASIL's lexical-bias annotations.

Re-run with the BASIL data beside the repo (``../shared/eval/basil``, or ``--basil DIR``)::

    python -m newsprism.analysis.train_charged            # writes analysis/data/charged.json
    python -m newsprism.analysis.train_charged --check    # trains, compares with the shipped file

What it does, deterministically (sorted inputs, a fixed solver, no random state):

1. Parses the 150 BASIL articles (``ingest.build_articles``) and takes every candidate
   token of their body sentences (``charged.candidate``: alphabetic content words, no
   proper names) with its features (``charged.token_features``). A token is *charged*
   when it overlaps a ``lex`` span (lexical bias, inside quotes or not).
2. Fits an L2 logistic regression (scikit-learn, liblinear, ``C``) on all tokens.
3. Chooses the threshold by cross-validation by triplet (``FOLDS`` folds, triplets in
   sorted order dealt round-robin; an event's three articles are always in the same
   fold): the threshold that maximises token F1 of the out-of-fold probabilities.
4. Writes the weights, rounded, small ones dropped (``MIN_WEIGHT``), to
   ``analysis/data/charged.json``: feature names (single words for ``lem=`` features)
   and numbers, no article text.

``bench.basil`` measures the model the honest way: each fold's model (threshold chosen
by an inner cross-validation on its training triplets) scores only the held-out
triplets.

The texts belong to their publishers: they are read from the shared folder at
training time and never written anywhere.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from newsprism import nlp
from newsprism.analysis import charged
from newsprism.analysis.charged import ChargedModel
from newsprism.ingest import build_articles, read
from newsprism.model import Article, RawArticle

__all__ = [
    "BASIL",
    "Gold",
    "Example",
    "load_basil",
    "examples",
    "folds",
    "fit",
    "cv_probabilities",
    "best_threshold",
    "fold_models",
    "train",
]

BASIL = Path(__file__).resolve().parents[4] / "shared" / "eval" / "basil"
#: Inverse L2 regularisation strength, chosen by cross-validation by triplet on BASIL
#: among 0.1, 0.2, 0.5, 1 and 2 (out-of-fold token F1 0.135-0.157, best at 0.5).
C = 0.5
#: Folds of the cross-validation by triplet.
FOLDS = 5
#: Weights smaller than this (in absolute value) are dropped from the shipped file.
MIN_WEIGHT = 0.01
#: Decimals kept of each weight.
DECIMALS = 4


@dataclasses.dataclass(frozen=True, slots=True)
class Gold:
    """One BASIL bias span, resolved to an article of this run."""

    article: str
    triplet: str
    bias: str
    start: int
    end: int
    text: str
    quote: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Example:
    """One candidate token: where it is, its features and whether annotators marked it."""

    article: str
    triplet: str
    start: int
    end: int
    features: dict[str, float]
    charged: bool


# -- data ------------------------------------------------------------------------------


def load_basil(basil: Path = BASIL) -> tuple[list[RawArticle], list[Gold], dict[str, str], int]:
    """Raw articles (ids made unique), gold spans, triplet of each article id, and the
    number of gold spans that could not be placed (offsets not slicing their text).

    Four HuffPost records share the id ``basil-empty``: they get distinct ids
    (``basil-empty#1``...) and their spans go to the record whose text they slice.
    """
    raws = [r for r in read([str(basil / "articles.jsonl")]) if isinstance(r, RawArticle)]
    counts = Counter(r.id for r in raws)
    seen: Counter[str] = Counter()
    unique: list[RawArticle] = []
    for raw in raws:
        if counts[raw.id] > 1:
            seen[raw.id] += 1
            raw = dataclasses.replace(raw, id=f"{raw.id}#{seen[raw.id]}")
        unique.append(raw)
    story_of = json.loads((basil / "gold_stories.json").read_text())["story_of"]
    by_base: dict[str, list[RawArticle]] = defaultdict(list)
    for raw in unique:
        by_base[raw.id.split("#")[0]].append(raw)
    gold: list[Gold] = []
    unplaced = 0
    for line in (basil / "bias_spans.jsonl").read_text().splitlines():
        rec = json.loads(line)
        home = [r for r in by_base.get(rec["article"], []) if r.text[rec["start"] : rec["end"]] == rec["text"]]
        if len(home) != 1:
            unplaced += 1
            continue
        gold.append(
            Gold(home[0].id, rec["triplet"], rec["bias"], rec["start"], rec["end"], rec["text"], rec["quote"] == "yes")
        )
    triplet = {r.id: story_of[r.id] for r in unique if r.id in story_of and counts[r.id] == 1}
    for g in gold:
        triplet.setdefault(g.article, g.triplet)
    return [r for r in unique if r.id in triplet], gold, triplet, unplaced


def examples(articles: Sequence[Article], gold: Sequence[Gold], triplet: dict[str, str]) -> list[Example]:
    """Every candidate token of the articles' body sentences, labelled by the ``lex`` spans."""
    from newsprism.analysis.loaded import lexicon_rules, with_lemmas

    lex: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for g in gold:
        if g.bias == "lex":
            lex[g.article].append((g.start, g.end))
    out: list[Example] = []
    for article in sorted(articles, key=lambda a: a.id):
        sentences = article.body_sentences
        if not sentences:
            continue
        docs = nlp.sentence_docs(article.text, [(s.start, s.end) for s in sentences], article.analysis)
        spans = lex.get(article.id, [])
        for rank, (sentence, doc) in enumerate(zip(sentences, docs, strict=True)):
            doc = with_lemmas(doc)
            for i, feats in charged.sentence_features(doc, lexicon_rules(doc), rank):
                start = sentence.start + doc[i].idx
                end = start + len(doc[i].text)
                hit = any(s < end and start < e for s, e in spans)
                out.append(Example(article.id, triplet[article.id], start, end, feats, hit))
    return out


def folds(triplets: Sequence[str], k: int = FOLDS) -> dict[str, int]:
    """The fold of each triplet: sorted ids dealt round-robin (deterministic)."""
    return {t: n % k for n, t in enumerate(sorted(set(triplets)))}


# -- fitting ---------------------------------------------------------------------------


def fit(data: Sequence[Example], c: float = C) -> dict[str, float]:
    """Weights of an L2 logistic regression on the examples (intercept as ``bias``)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([e.features for e in data]).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear wants 32-bit
    y = [int(e.charged) for e in data]
    model = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, max_iter=1000)
    model.fit(x, y)
    return {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)}


def _prob(weights: dict[str, float], data: Sequence[Example]) -> list[float]:
    model = ChargedModel(weights, 0.5, {})
    return [model.probability(e.features) for e in data]


def cv_probabilities(data: Sequence[Example], k: int = FOLDS, c: float = C) -> list[float]:
    """Out-of-fold probabilities: each token scored by a model not trained on its triplet."""
    fold = folds([e.triplet for e in data], k)
    out = [0.0] * len(data)
    for f in range(k):
        train_set = [e for e in data if fold[e.triplet] != f]
        held = [n for n, e in enumerate(data) if fold[e.triplet] == f]
        probs = _prob(fit(train_set, c), [data[n] for n in held])
        for n, p in zip(held, probs, strict=True):
            out[n] = p
    return out


def best_threshold(probs: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """The probability threshold with the best token F1, and that F1 (ties: the higher
    threshold). Thresholds are tried on a 0.01 grid so the choice is stable."""
    total = sum(labels)
    best = (0.5, 0.0)
    for step in range(1, 100):
        t = step / 100
        tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and y)
        pred = sum(1 for p in probs if p >= t)
        f1 = 2 * tp / (pred + total) if pred + total else 0.0
        if f1 >= best[1]:
            best = (t, f1)
    return best


def fold_models(data: Sequence[Example], k: int = FOLDS, c: float = C) -> dict[str, ChargedModel]:
    """For each triplet, the model of its outer fold: trained on the other folds, with its
    threshold chosen by an inner cross-validation on those folds (the held-out triplets
    play no part). For ``bench.basil``."""
    fold = folds([e.triplet for e in data], k)
    out: dict[str, ChargedModel] = {}
    for f in range(k):
        train_set = [e for e in data if fold[e.triplet] != f]
        threshold, _ = best_threshold(cv_probabilities(train_set, k - 1, c), [e.charged for e in train_set])
        model = ChargedModel(fit(train_set, c), threshold, {"fold": f})
        for t, g in fold.items():
            if g == f:
                out[t] = model
    return out


def train(data: Sequence[Example], k: int = FOLDS, c: float = C) -> ChargedModel:
    """The model to ship: weights fitted on every example, threshold chosen by CV."""
    labels = [e.charged for e in data]
    threshold, f1 = best_threshold(cv_probabilities(data, k, c), labels)
    weights = {n: round(w, DECIMALS) for n, w in fit(data, c).items() if abs(w) >= MIN_WEIGHT}
    meta = {
        "trained_on": "BASIL lexical-bias (lex) spans, Fan et al. EMNLP 2019",
        "trainer": "python -m newsprism.analysis.train_charged",
        "model": f"L2 logistic regression, liblinear, C={c}",
        "tokens": len(data),
        "charged_tokens": sum(labels),
        "threshold_by": f"{k}-fold cross-validation by triplet, best candidate-token F1 ({f1:.3f})",
    }
    return ChargedModel(weights, threshold, meta)


def basil_examples(basil: Path = BASIL) -> list[Example]:
    """Parse BASIL and return its labelled candidate tokens."""
    raws, gold, triplet, _ = load_basil(basil)
    return examples(build_articles(raws), gold, triplet)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=Path, default=BASIL, help="the BASIL folder (articles.jsonl ...)")
    parser.add_argument("--out", type=Path, default=charged.WEIGHTS, help="where to write the weights")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args(argv)
    if not args.basil.is_dir():
        print(f"BASIL not found at {args.basil}", file=sys.stderr)
        return 2
    model = train(basil_examples(args.basil))
    text = model.to_json()
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("same as the shipped weights" if same else f"differs from {args.out}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(model.weights)} weights, threshold {model.threshold}; {model.meta['threshold_by']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
