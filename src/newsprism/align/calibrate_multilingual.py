"""Fit the e5 -> MiniLM cosine map of ``align.multilingual`` (``data/e5_scale.json``).

    python -m newsprism.align.calibrate_multilingual           # writes the knots and shifts
    python -m newsprism.align.calibrate_multilingual --check   # fits, compares, writes nothing

1. Knots: all pairs of 600 English sentences of NewsWCL50 (the first 30 of each
   article, naive split), scored by both models; their cosine distributions are
   matched at ``QUANTILES``.
2. Shifts: median e5 cosine of unrelated pairs per ``PAIR_KINDS`` on the dev pages
   (six sentences of each article page; two pages are about different events),
   subtracted from English pairs' median.

Deterministic: fixed inputs in file order, no random state. The texts are read from
the shared folder and never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsprism.align.multilingual import PAIR_KINDS, QUANTILES, SCALE_FILE, embed_multilingual, pair_kind

def calibrate(sentences: Sequence[str]) -> dict[str, list[float]]:
    """Quantile-matched knots from all pairs of ``sentences``, scored by both models."""
    from newsprism.align._embed import embed

    upper = np.triu_indices(len(sentences), k=1)
    m_vectors = embed(sentences)
    e_vectors = embed_multilingual(sentences)
    minilm = (m_vectors @ m_vectors.T)[upper]
    e5 = (e_vectors @ e_vectors.T)[upper]
    qs = np.asarray(QUANTILES)
    e_knots = np.quantile(e5, qs)
    m_knots = np.quantile(minilm, qs)
    # np.interp needs increasing x; ties (rare) are nudged apart.
    e_knots = np.maximum.accumulate(e_knots + np.arange(len(qs)) * 1e-9)
    return {
        "e5": [round(float(x), 5) for x in e_knots],
        "minilm": [round(float(x), 5) for x in m_knots],
        "pairs": int(len(e5)),
        "spearman_like": round(float(np.corrcoef(np.argsort(np.argsort(e5)), np.argsort(np.argsort(minilm)))[0, 1]), 4),
    }


def shifts(groups: dict[str, list[list[str]]]) -> dict[str, float]:
    """Per pair kind, the shift that moves its unrelated pairs to where English ones lie.

    ``groups``: per language, the sentences of each document; sentences of two
    different documents count as unrelated (the dev pages are about different events).
    Texts of one other language (``same``) are moved to English pairs' median. Pairs
    across two languages (``en-other``, ``other-other``) are moved to the median of all
    pairs within one language (the dev pages' languages pooled), the larger of the two
    references: e5 loses far more across languages on pairs that mean the same than on
    unrelated ones (a German sentence and its English translation score 0.86-0.92,
    0.07-0.14 below the English original against the same translation), so the
    English-only reference (0.016 for English-German) would leave same-event pairs
    under every threshold.
    """
    vectors = {lang: [embed_multilingual(doc) for doc in docs if doc] for lang, docs in groups.items()}
    cosines: dict[str, list[np.ndarray]] = {kind: [] for kind in PAIR_KINDS}
    langs = sorted(vectors)
    for x, la in enumerate(langs):
        for lb in langs[x:]:
            for i, va in enumerate(vectors[la]):
                for j, vb in enumerate(vectors[lb]):
                    if la != lb or j > i:
                        cosines[pair_kind(la, lb)].append((va @ vb.T).ravel())
    medians = {k: float(np.median(np.concatenate(v))) for k, v in cosines.items() if v}
    within = float(np.median(np.concatenate(cosines["en-en"] + cosines["same"])))
    reference = {"en-en": medians["en-en"], "same": medians["en-en"], "en-other": within, "other-other": within}
    return {k: round(reference[k] - m, 4) for k, m in medians.items()}


def _page_sentences(pages: Path, per_page: int) -> dict[str, list[list[str]]]:
    """Sentences of the dev pages' article bodies, per declared language."""
    import gzip
    import re

    from newsprism.errors import InputError
    from newsprism.ingest._html import parse_html
    from newsprism.options import IngestOptions

    out: dict[str, list[list[str]]] = {}
    for line in (pages / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if not record.get("article"):
            continue
        path = pages / record["file"]
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        try:
            raw = parse_html(data.decode("utf-8", "replace"), str(path), IngestOptions(), record.get("url"))
        except InputError:
            continue
        parts = [p for p in re.split(r"(?<=[.!?])\s+", raw.text) if 40 <= len(p) <= 300][:per_page]
        out.setdefault(record["language"], []).append(parts)
    return out


def _dev_sentences(path: Path, per_article: int, limit: int) -> list[str]:
    """Body sentences of the first articles of a JSONL corpus (naive split; only for fitting)."""
    import re

    out: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text) if 40 <= len(p.strip()) <= 400]
            out.extend(parts[:per_article])
            if len(out) >= limit:
                break
    return out[:limit]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = Path(__file__).resolve().parents[4] / "shared" / "eval" / "newswcl50" / "articles.jsonl"
    parser.add_argument("--corpus", type=Path, default=default, help="an English JSONL corpus (default: NewsWCL50)")
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--pages", type=Path, default=default.parents[1] / "pages", help="saved pages in several languages")
    parser.add_argument("--check", action="store_true", help="fit, compare with the shipped knots, write nothing")
    args = parser.parse_args(argv)
    sentences = _dev_sentences(args.corpus, per_article=30, limit=args.sentences)
    knots = calibrate(sentences)
    knots["shift"] = shifts(_page_sentences(args.pages, per_page=6))
    if args.check:
        shipped = json.loads(SCALE_FILE.read_text(encoding="utf-8"))
        same = all(shipped.get(k) == knots[k] for k in ("e5", "minilm", "shift"))
        print("shipped knots reproduced" if same else "shipped knots differ from a fresh fit")
        return 0 if same else 1
    SCALE_FILE.parent.mkdir(exist_ok=True)
    SCALE_FILE.write_text(json.dumps(knots, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SCALE_FILE} ({knots['pairs']} pairs, rank correlation {knots['spearman_like']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
