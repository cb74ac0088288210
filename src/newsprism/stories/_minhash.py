"""Near-duplicate detection: MinHash signatures of word shingles and LSH band candidates.

Shingles are hashed with ``newsprism.hashing`` (never Python's ``hash()``) and the
permutations are seeded with ``SEED``, so a signature is identical on every machine,
run and engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsprism.hashing import SEED, stable_hash, stable_int

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = 0xFFFFFFFF
#: Paragraphs shorter than this (characters) are too generic to count as a shared copy.
MIN_COPY_PARAGRAPH = 120


def words(text: str) -> list[str]:
    """Lower-cased word tokens, punctuation dropped (copies re-punctuated still match)."""
    return [w.lower() for w in _WORD.findall(text)]


def shingle_hashes(text: str, size: int = 5) -> np.ndarray:
    """Stable 32-bit hashes of the word ``size``-shingles (the whole text if shorter)."""
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    grams = {" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1))}
    return np.fromiter((stable_int(g) & _MASK32 for g in sorted(grams)), dtype=np.uint64, count=len(grams))


def _identity(value: int) -> int:
    """The hash function handed to datasketch: shingles are already stable hashes."""
    return int(value)


def signature(text: str, num_perm: int = 128, size: int = 5) -> MinHash:
    """The MinHash signature of a text's word shingles (seeded with ``SEED``)."""
    sig = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity)
    hashes = shingle_hashes(text, size)
    if len(hashes):
        sig.update_batch(hashes.tolist())
    return sig


def jaccard(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either text was empty)."""
    if a.is_empty() or b.is_empty():
        return 0.0
    return float(a.jaccard(b))


def new_index(threshold: float, num_perm: int = 128) -> MinHashLSH:
    """An empty LSH index whose bands catch pairs with Jaccard of about ``threshold`` or more."""
    return MinHashLSH(threshold=threshold, num_perm=num_perm)


def candidates(index: MinHashLSH, sig: MinHash) -> list[str]:
    """Keys in the index that share a band with ``sig``, sorted (for determinism)."""
    if sig.is_empty():
        return []
    return sorted(index.query(sig))


def paragraph_keys(paragraphs: Iterable[str]) -> frozenset[str]:
    """Stable keys of the long paragraphs, normalised to words, for exact paragraph copies."""
    keys = set()
    for text in paragraphs:
        if len(text) >= MIN_COPY_PARAGRAPH:
            keys.add(stable_hash(" ".join(words(text))))
    return frozenset(keys)


def copy_pairs(
    ids: Sequence[str], sigs: Sequence[MinHash], paras: Sequence[frozenset[str]], min_jaccard: float
) -> list[tuple[str, str, float]]:
    """Pairs of near-verbatim copies among a story's members, in member order.

    A pair is a copy when its Jaccard estimate reaches ``min_jaccard`` or when the two
    share a long paragraph word for word; the recorded number is the Jaccard estimate.
    """
    found = []
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            score = jaccard(sigs[i], sigs[j])
            if score >= min_jaccard or (paras[i] & paras[j]):
                found.append((ids[i], ids[j], round(score, 4)))
    return found
