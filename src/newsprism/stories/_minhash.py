"""Near-duplicate detection: MinHash signatures of word shingles and LSH band keys.

Words are hashed with ``newsprism.hashing`` (never Python's ``hash()``), shingles
are combined from word hashes with fixed 64-bit arithmetic, and the permutations
are seeded with ``SEED``, so a signature is identical on every machine, run and
engine. The LSH banding (how many bands of how many rows) is datasketch's choice
for the threshold; the band join itself is a plain key join (``band_keys``), so a
dictionary locally and a Spark join give the same candidate pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.minhash import _fmix  # datasketch's own input mixing; tests check we match update_batch

from newsprism.hashing import SEED, stable_hash, stable_int

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = np.uint64(0xFFFFFFFF)
_PRIME = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)
#: datasketch's hashing scheme for the signatures (32-bit affine permutations), fixed so
#: stored signatures stay comparable.
SCHEME = "affine32"
#: Paragraphs shorter than this (characters) are too generic to count as a shared copy.
MIN_COPY_PARAGRAPH = 120
#: Word hashes kept between articles (words repeat across a corpus); cleared when full.
_WORD_CACHE_SIZE = 500_000
_word_hashes: dict[str, int] = {}


def words(text: str) -> list[str]:
    """Lower-cased word tokens, punctuation dropped (copies re-punctuated still match)."""
    return _WORD.findall(text.lower())


def _word_ids(tokens: list[str]) -> np.ndarray:
    """Stable 64-bit hashes of the tokens, through a corpus-wide cache of word hashes."""
    cache = _word_hashes
    missing = set(tokens).difference(cache)
    if len(cache) + len(missing) > _WORD_CACHE_SIZE:
        cache.clear()
        missing = set(tokens)
    for token in missing:
        cache[token] = stable_int(token)
    return np.fromiter(map(cache.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def shingle_hashes(text: str, size: int = 5) -> np.ndarray:
    """Stable 32-bit hashes of the word ``size``-shingles, in text order (a repeated shingle
    repeats; the minimum a signature keeps does not care). The whole text is one shingle if shorter."""
    ids = _word_ids(words(text))
    if not len(ids):
        return ids
    size = min(size, len(ids))
    count = len(ids) - size + 1
    combined = ids[:count].copy()
    with np.errstate(over="ignore"):
        for k in range(1, size):
            combined = (combined * _PRIME) ^ ids[k : k + count]
        combined ^= combined >> np.uint64(29)
        combined *= _MIX
        combined ^= combined >> np.uint64(32)
    return combined & _MASK32


def _identity(value: int) -> int:
    """The hash function handed to datasketch: shingles are already stable hashes."""
    return int(value)


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> np.ndarray:
    """datasketch's seeded affine permutations (a, b) for ``num_perm`` (made once, shared)."""
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, scheme=SCHEME).permutations


def _new(num_perm: int, values: np.ndarray | None = None) -> MinHash:
    """A datasketch MinHash on the shared permutations, empty or holding ``values``."""
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, hashvalues=values,
                   permutations=_permutations(num_perm), scheme=SCHEME)


def signature(text: str, num_perm: int = 128, size: int = 5) -> MinHash:
    """The MinHash signature of a text's word shingles (seeded with ``SEED``).

    The same values as datasketch's ``update_batch`` with the ``affine32`` scheme
    (each shingle hash is mixed with datasketch's ``_fmix``, mapped to a*h + b mod
    2^32, and the minimum per permutation kept), computed in one array operation
    instead of a Python call per shingle.
    """
    hashes = shingle_hashes(text, size)
    if not len(hashes):
        return _new(num_perm)
    a, b = _permutations(num_perm)
    mixed = _fmix(hashes.astype(np.uint32).reshape(-1, 1), 32)
    mapped = mixed * a + b  # uint32: wraps mod 2^32
    return _new(num_perm, mapped.min(axis=0))


def from_values(values: np.ndarray) -> MinHash:
    """A signature rebuilt from its stored hash values (same seed, so Jaccard works)."""
    return _new(len(values), np.asarray(values, dtype=np.uint32))


#: The value every slot of an empty signature holds.
_EMPTY = np.uint32(0xFFFFFFFF)


def jaccard(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either text was empty)."""
    if a.hashvalues[0] == _EMPTY and a.is_empty() or b.hashvalues[0] == _EMPTY and b.is_empty():
        return 0.0
    return float(a.jaccard(b))


@lru_cache(maxsize=16)
def bands(threshold: float, num_perm: int = 128) -> tuple[int, int]:
    """(bands, rows): datasketch's LSH banding for pairs with Jaccard of about ``threshold`` or more."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(sig: MinHash, threshold: float) -> list[int]:
    """One stable 64-bit key per LSH band; two signatures sharing a key are near-duplicate candidates.

    A key mixes the band's number with its rows' values (fixed 64-bit arithmetic),
    so equal bands at the same place give equal keys on every machine and engine.
    """
    if sig.is_empty():
        return []
    count, rows = bands(threshold, len(sig.hashvalues))
    values = np.asarray(sig.hashvalues[: count * rows], dtype=np.uint64).reshape(count, rows)
    keys = np.arange(count, dtype=np.uint64) + np.uint64(stable_int("lsh-band") & 0xFFFFFFFF)
    with np.errstate(over="ignore"):
        for row in range(rows):
            keys = (keys ^ values[:, row]) * _MIX
            keys ^= keys >> np.uint64(31)
    return keys.tolist()


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
