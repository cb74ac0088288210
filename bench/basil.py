"""Loaded language against BASIL's bias annotations (and omissions against informational bias).

BASIL (Fan et al., EMNLP 2019; ``../shared/eval/basil``) has 150 articles in 50
triplets (Fox, NYT, HuffPost on one event) with annotated *lexical* bias spans
(``lex``: the wording is biased) and *informational* bias spans (``inf``: the
content chosen is biased), each marked as inside a quote or not.

Lexical bias: ``analysis.loaded`` spans against the ``lex`` spans, two ways.

* token level: the word tokens (``[^\\W_]+``) of predicted spans against the word
  tokens of gold spans; P = shared / predicted, R = shared / gold.
* span level: a predicted span is correct when it overlaps a gold span (P); a gold
  span is found when a predicted span overlaps it (R).

Rows, first for the charged-word model (``analysis.charged``) under cross-validation
by triplet (``train_charged.fold_models``: 5 folds of triplets; each fold's model is
trained on the other four folds, its threshold chosen by an inner cross-validation on
those, and it scores only its own held-out triplets: no article is scored by a model
trained on it), then for the lexicon alone (``model_spans(..., None)``, the baseline):
category ``loaded`` only, and all categories (loaded, intensifier, hedge);
each for every span against every ``lex`` span, and for the outlet's own spans
(not ``in_quote``) against the ``lex`` spans marked ``quote == "no"``. Baselines,
measured in the same run: *chance* (token precision of flagging every body token:
the share of body tokens inside gold spans, and recall 1) and *raw VADER* (every
word VADER rates at ``|valence| >= MIN_VALENCE``, any part of speech, no news
stop list, no own lists) to show what the news filtering buys.

Informational bias: the share of ``inf`` spans that overlap the evidence of an
``omission`` finding of their own article (content only some outlets carry), from
``compare`` run per triplet, next to the share of body characters that omission
evidence covers (what a single character placed at random would hit) and the
chance that a span of the same length as each ``inf`` span, placed at a random
body position of its article, overlaps omission evidence (long spans hit more).

Data quirk: four HuffPost records share the id ``basil-empty``; they get distinct
ids here (``basil-empty#1``...) and their spans and triplets are resolved by which
record's text the span slices exactly.

BASIL is a development set for this module: the lexicon's thresholds were set with it
in view, so its figures are optimistic for unseen news. The model's rows are honest
about its weights and threshold (cross-validation by triplet), not about its feature
set and ``C``, which were chosen looking at the same cross-validation.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from newsprism.analysis import train_charged
from newsprism.analysis.loaded import INTENSIFIER, LOADED, MIN_VALENCE, LoadedSpan, model_spans, vader_lexicon
from newsprism.analysis.quotes import extract_quotes
from newsprism.compare import compare
from newsprism.framing.loaded import body_words, loaded_profile
from newsprism.ingest import build_articles
from newsprism.model import OMISSION, Article, RawArticle

BASIL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "basil"
#: One BASIL bias span; the loader lives with the trainer of the charged-word model.
Gold = train_charged.Gold
_TOKEN = re.compile(r"[^\W_]+")

Span = tuple[int, int]


# -- data ------------------------------------------------------------------------------


def load_basil() -> tuple[list[RawArticle], list[Gold], dict[str, str], int]:
    """Raw articles (ids made unique), gold spans, triplet of each article id, and the
    number of gold spans that could not be placed (``train_charged.load_basil``)."""
    return train_charged.load_basil(BASIL)


# -- scoring ---------------------------------------------------------------------------


def _tokens(text: str, spans: Iterable[Span]) -> set[int]:
    """Start offsets of the word tokens of ``text`` that overlap any of the spans."""
    spans = sorted(spans)
    if not spans:
        return set()
    out = set()
    for m in _TOKEN.finditer(text, spans[0][0], max(e for _, e in spans)):
        if any(s < m.end() and m.start() < e for s, e in spans):
            out.add(m.start())
    return out


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    articles: Sequence[Article], predicted: dict[str, list[Span]], gold: dict[str, list[Span]]
) -> dict[str, tuple[float, float, float] | int]:
    """Token- and span-level P/R/F1 of predicted against gold spans, summed over articles."""
    t_tp = t_pred = t_gold = 0
    s_ok = s_pred = g_found = g_all = 0
    for article in articles:
        pred, want = predicted.get(article.id, []), gold.get(article.id, [])
        pt, gt = _tokens(article.text, pred), _tokens(article.text, want)
        t_tp, t_pred, t_gold = t_tp + len(pt & gt), t_pred + len(pt), t_gold + len(gt)
        s_ok += sum(1 for p in pred if _overlaps(p, want))
        s_pred += len(pred)
        g_found += sum(1 for g in want if _overlaps(g, pred))
        g_all += len(want)
    return {
        "token": _prf(t_tp, t_pred, t_tp, t_gold),
        "span": _prf(s_ok, s_pred, g_found, g_all),
        "predicted": s_pred,
        "gold": g_all,
    }


def _overlaps(span: Span, others: Sequence[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in others)


def raw_vader(article: Article) -> list[Span]:
    """Baseline: every body word VADER rates at ``|valence| >= MIN_VALENCE``, no filters."""
    lexicon = vader_lexicon()
    out = []
    for sentence in article.body_sentences:
        for m in re.finditer(r"[A-Za-z][A-Za-z'\-]*", article.text[sentence.start : sentence.end]):
            if abs(lexicon.get(m.group().lower(), 0.0)) >= MIN_VALENCE:
                out.append((sentence.start + m.start(), sentence.start + m.end()))
    return out


def chance_precision(articles: Sequence[Article], gold: dict[str, list[Span]]) -> float:
    """Token precision of flagging every body token: the share of body tokens in gold spans."""
    body = hit = 0
    for article in articles:
        spans = [(s.start, s.end) for s in article.body_sentences]
        tokens = _tokens(article.text, spans)
        body += len(tokens)
        hit += len(tokens & _tokens(article.text, gold.get(article.id, [])))
    return hit / body if body else 0.0


# -- informational bias vs omissions ---------------------------------------------------------


def omission_coverage(articles: Sequence[Article], gold: Sequence[Gold], triplet: dict[str, str]) -> dict[str, float]:
    """Share of ``inf`` spans (all / own) inside omission evidence, and the chance share."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[triplet[article.id]].append(article)
    evidence: dict[str, list[Span]] = defaultdict(list)
    for members in groups.values():
        if len(members) < 2:
            continue
        for finding in compare(members).by_kind(OMISSION):
            for e in finding.evidence:
                evidence[e.article].append((e.start, e.end))
    inf = [g for g in gold if g.bias == "inf"]
    own = [g for g in inf if not g.quote]
    covered = _covered_chars(articles, evidence)
    by_id = {a.id: a for a in articles}
    placed = [_random_placement(by_id[g.article], evidence[g.article], g.end - g.start) for g in inf]
    return {
        "placed": sum(placed) / max(1, len(placed)),
        "inf_all": sum(_overlaps((g.start, g.end), evidence[g.article]) for g in inf) / max(1, len(inf)),
        "inf_own": sum(_overlaps((g.start, g.end), evidence[g.article]) for g in own) / max(1, len(own)),
        "n_all": len(inf),
        "n_own": len(own),
        "chance": covered,
    }


def _random_placement(article: Article, evidence: Sequence[Span], length: int) -> float:
    """Chance that a span of ``length`` characters starting at a random body character
    of the article overlaps the evidence spans."""
    mask = np.zeros(len(article.text) + length + 1, dtype=np.int32)
    for s, e in evidence:
        mask[s:e] = 1
    sums = np.concatenate([[0], np.cumsum(mask)])
    starts = np.concatenate([np.arange(s.start, s.end) for s in article.body_sentences] or [np.arange(0)])
    if not len(starts):
        return 0.0
    hits = sums[starts + length] - sums[starts] > 0
    return float(hits.mean())


def _covered_chars(articles: Sequence[Article], evidence: dict[str, list[Span]]) -> float:
    """Share of body-sentence characters inside omission evidence."""
    body = inside = 0
    for article in articles:
        marks = bytearray(len(article.text))
        for s, e in evidence.get(article.id, []):
            marks[s:e] = b"\x01" * (e - s)
        for sentence in article.body_sentences:
            body += sentence.end - sentence.start
            inside += sum(marks[sentence.start : sentence.end])
    return inside / body if body else 0.0


# -- report --------------------------------------------------------------------------------


def _row(name: str, result: dict) -> str:
    tp, tr, tf = result["token"]
    sp, sr, sf = result["span"]
    return (
        f"  {name:42} {result['predicted']:6d} {result['gold']:5d}   "
        f"{tp:5.3f} {tr:5.3f} {tf:5.3f}   {sp:5.3f} {sr:5.3f} {sf:5.3f}"
    )


def _spans(spans: dict[str, list[LoadedSpan]], categories: set[str], own: bool) -> dict[str, list[Span]]:
    return {
        k: [(s.start, s.end) for s in v if s.category in categories and not (own and s.in_quote)]
        for k, v in spans.items()
    }


def main() -> None:
    if not BASIL.is_dir():
        print(f"BASIL not found at {BASIL}; skipped")
        return
    start = time.perf_counter()
    raws, gold, triplet, unplaced = load_basil()
    articles = build_articles(raws)
    built = time.perf_counter() - start
    by_id = {a.id: a for a in articles}
    exact = sum(1 for g in gold if by_id[g.article].text[g.start : g.end] == g.text)
    quotes = {a.id: extract_quotes(a) for a in articles}
    start = time.perf_counter()
    spans = {a.id: model_spans(a, quotes[a.id], None) for a in articles}
    spotted = time.perf_counter() - start
    start = time.perf_counter()
    models = train_charged.fold_models(train_charged.examples(articles, gold, triplet))
    trained = time.perf_counter() - start
    start = time.perf_counter()
    cv = {a.id: model_spans(a, quotes[a.id], models[triplet[a.id]]) for a in articles}
    scored = time.perf_counter() - start
    thresholds = sorted({m.threshold for m in models.values()})

    lex_all: dict[str, list[Span]] = defaultdict(list)
    lex_own: dict[str, list[Span]] = defaultdict(list)
    for g in gold:
        if g.bias == "lex":
            lex_all[g.article].append((g.start, g.end))
            if not g.quote:
                lex_own[g.article].append((g.start, g.end))

    print(
        f"BASIL: {len(articles)} articles in {len(set(triplet.values()))} triplets, "
        f"{len(gold)} gold spans ({exact} slice Article.text exactly, {unplaced} unplaced); "
        f"built in {built:.0f} s, lexicon spans in {spotted:.1f} s, {train_charged.FOLDS} fold models "
        f"trained in {trained:.0f} s (thresholds {', '.join(map(str, thresholds))}), model spans in {scored:.1f} s"
    )
    print("lexical bias (lex spans): token-level and span-level (overlap) precision / recall / F1")
    print(f"  {'predictions vs gold':42} {'pred':>6} {'gold':>5}   {'tok P':>5} {'tok R':>5} {'tok F':>5}   "
          f"{'spn P':>5} {'spn R':>5} {'spn F':>5}")  # fmt: skip
    every = {LOADED, INTENSIFIER, "hedge"}
    vader = {a.id: raw_vader(a) for a in articles}
    print("  model (analysis.charged), cross-validated by triplet: each triplet scored by its fold's model")
    print(_row("model: loaded, all voices / all lex", score(articles, _spans(cv, {LOADED}, False), lex_all)))
    print(_row("model: all categories / all lex", score(articles, _spans(cv, every, False), lex_all)))
    print(_row("model: loaded, own voice / lex not quot.", score(articles, _spans(cv, {LOADED}, True), lex_own)))
    print(_row("model: all categories, own / not quot.", score(articles, _spans(cv, every, True), lex_own)))
    print("  baseline: the lexicon alone (VADER filtered + own lists; thresholds set with BASIL in view)")
    print(_row("loaded, all voices / all lex", score(articles, _spans(spans, {LOADED}, False), lex_all)))
    print(_row("all categories / all lex", score(articles, _spans(spans, every, False), lex_all)))
    print(_row("loaded, own voice / lex not quoted", score(articles, _spans(spans, {LOADED}, True), lex_own)))
    print(_row("all categories, own / lex not quoted", score(articles, _spans(spans, every, True), lex_own)))
    print(_row("baseline raw VADER / all lex", score(articles, vader, lex_all)))
    print(f"  baseline chance (flag every body token): token P {chance_precision(articles, lex_all):.4f}, R 1.000")

    per_outlet: dict[str, list[float]] = defaultdict(list)
    for article in articles:
        per_outlet[article.outlet].append(loaded_profile(article, cv[article.id])["per_1000_words"])
    rates = ", ".join(f"{o} {sum(v) / len(v):.1f}" for o, v in sorted(per_outlet.items()))
    words = sum(body_words(a) for a in articles)
    print(f"  own loaded words (model, CV) per 1,000 body words, mean by outlet: {rates} ({words} body words)")

    start = time.perf_counter()
    cover = omission_coverage(articles, gold, triplet)
    print(f"informational bias (inf spans) inside omission evidence (compare per triplet, {time.perf_counter() - start:.0f} s)")
    print(f"  all inf spans:  {cover['inf_all']:.3f} of {cover['n_all']}")
    print(f"  own (not quoted): {cover['inf_own']:.3f} of {cover['n_own']}")
    print(f"  baseline: share of body characters in omission evidence {cover['chance']:.3f}")
    print(f"  baseline: same-length span at a random body position {cover['placed']:.3f}")


if __name__ == "__main__":
    main()
