"""Near-duplicate detection: MinHash signatures of word shingles and LSH band keys.

Words are hashed with ``newsprism.hashing`` (never Python's ``hash()``), shingles
are combined from word hashes with fixed 64-bit arithmetic, and the permutations
are seeded with ``SEED``, so a signature is identical on every machine, run and
engine. The LSH banding (how many bands of how many rows) is datasketch's choice
for the threshold; the band join itself is a plain key join (``band_keys``), so a
dictionary locally and a Spark join give the same candidate pairs.

The signatures are datasketch's ``affine32`` MinHash (its seeded permutations, its
MurmurHash3 input mixing, ``a * h + b mod 2^32``, the minimum per permutation),
computed for many texts in a few array operations (``signatures``) and held in a
small value type (``Signature``). Importing the datasketch package pulls scipy
(for LSH tuning) and costs most of a second, which every cold ``newsprism compare``
would pay for two signatures; so the permutations and the mixing are reproduced
here with numpy, and ``tests/test_stories.py`` checks them, value for value,
against datasketch's ``MinHash.update_batch``. datasketch itself is imported only to
choose the LSH banding (``bands``), once per threshold, when stories are grouped.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsprism.hashing import SEED, stable_hash, stable_int
from newsprism.stories._words import word_ids

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = np.uint64(0xFFFFFFFF)
_PRIME = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)
#: datasketch's hashing scheme for the signatures (32-bit affine permutations), fixed so
#: stored signatures stay comparable.
SCHEME = "affine32"
#: Paragraphs shorter than this (characters) are too generic to count as a shared copy.
MIN_COPY_PARAGRAPH = 120
#: Characters of text whose words are hashed in one run by ``signatures``.
_CHUNK_CHARS = 65_536
#: Shingles permuted in one array operation (bounds the memory: this many x
#: ``num_perm`` 32-bit values, 4 MiB for 128).
_BLOCK = 8_192
#: The value every slot of an empty signature holds.
_EMPTY = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True, eq=False)
class Signature:
    """A MinHash signature: ``num_perm`` 32-bit minima (all ``0xFFFFFFFF`` for an empty text)."""

    hashvalues: np.ndarray

    def is_empty(self) -> bool:
        return bool((self.hashvalues == _EMPTY).all())

    def __len__(self) -> int:
        return len(self.hashvalues)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, punctuation dropped (copies re-punctuated still match)."""
    return _WORD.findall(text.lower())


def shingle_hashes(text: str, size: int = 5) -> np.ndarray:
    """Stable 32-bit hashes of the word ``size``-shingles, in text order (a repeated shingle
    repeats; the minimum a signature keeps does not care). The whole text is one shingle if shorter."""
    ids, _ = word_ids([text])
    return _shingles(ids, np.array([0]), size)[0]


def _shingles(ids: np.ndarray, starts: np.ndarray, size: int) -> list[np.ndarray]:
    """The shingle hashes of each text whose word hashes are ``ids[starts[i]:starts[i+1]]``.

    The shingles of all texts are combined in one pass over the concatenation; those
    that would run across two texts are then dropped. A text shorter than ``size``
    words is one shingle of all its words.
    """
    ends = np.append(starts[1:], len(ids))
    lengths = ends - starts
    out: list[np.ndarray] = [np.zeros(0, dtype=np.uint64)] * len(starts)
    if len(ids) >= size:
        combined = _combine(ids, size, len(ids) - size + 1)
        for i in np.flatnonzero(lengths >= size).tolist():
            out[i] = combined[starts[i] : ends[i] - size + 1]
    for i in np.flatnonzero((lengths > 0) & (lengths < size)).tolist():
        out[i] = _combine(ids[starts[i] : ends[i]], int(lengths[i]), 1)
    return out


def _combine(ids: np.ndarray, size: int, count: int) -> np.ndarray:
    """Hashes of the ``count`` windows of ``size`` consecutive word hashes (fixed 64-bit arithmetic)."""
    combined = ids[:count].copy()
    with np.errstate(over="ignore"):
        for k in range(1, size):
            combined = (combined * _PRIME) ^ ids[k : k + count]
        combined ^= combined >> np.uint64(29)
        combined *= _MIX
        combined ^= combined >> np.uint64(32)
    return combined & _MASK32


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's seeded ``affine32`` permutations (a odd, b), made as its
    ``MinHash._init_permutations`` makes them."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """The 32-bit MurmurHash3 finalizer (datasketch's input mixing for ``affine32``)."""
    h = values.astype(np.uint32)
    with np.errstate(over="ignore"):
        h ^= h >> np.uint32(16)
        h *= np.uint32(0x85EBCA6B)
        h ^= h >> np.uint32(13)
        h *= np.uint32(0xC2B2AE35)
        h ^= h >> np.uint32(16)
    return h


def signature(text: str, num_perm: int = 128, size: int = 5) -> Signature:
    """The MinHash signature of a text's word shingles (seeded with ``SEED``)."""
    return signatures([text], num_perm, size)[0]


def signatures(texts: Sequence[str], num_perm: int = 128, size: int = 5) -> list[Signature]:
    """The MinHash signatures of many texts, equal to one ``signature`` call each.

    Runs of texts (up to ``_CHUNK_CHARS`` characters) are tokenized and hashed
    (``_words``), shingled, mixed and permuted in a few array operations over their
    concatenation, and each text's minima taken with ``np.minimum.reduceat``: there is
    no Python-level work per word, and little per text.
    """
    a, b = _permutations(num_perm)
    out: list[Signature] = []
    begin = 0
    while begin < len(texts):
        end, held = begin, 0
        while end < len(texts) and (end == begin or held + len(texts[end]) <= _CHUNK_CHARS):
            held += len(texts[end])
            end += 1
        out.extend(_chunk_signatures(texts[begin:end], a, b, size))
        begin = end
    return out


def _chunk_signatures(texts: Sequence[str], a: np.ndarray, b: np.ndarray, size: int) -> list[Signature]:
    ids, lengths = word_ids(texts)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    hashes = _shingles(ids, starts, size)
    counts = np.fromiter(map(len, hashes), dtype=np.int64, count=len(hashes))
    empty = np.full(len(a), _EMPTY, dtype=np.uint32)
    if not counts.any():
        return [Signature(empty.copy()) for _ in texts]
    filled = np.flatnonzero(counts)
    offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))[filled]
    minima = _minima(_fmix32(np.concatenate(hashes)), offsets, a, b)
    rows = dict(zip(filled.tolist(), range(len(filled)), strict=True))
    return [Signature(minima[rows[i]]) if i in rows else Signature(empty.copy()) for i in range(len(texts))]


_BUFFERS = threading.local()


def _buffer(num_perm: int) -> np.ndarray:
    """This thread's scratch array for permuted shingles (allocated once: fresh 4 MiB
    arrays cost a page fault per page every block)."""
    buffers = getattr(_BUFFERS, "by_size", None)
    if buffers is None:
        buffers = _BUFFERS.by_size = {}
    if num_perm not in buffers:
        buffers[num_perm] = np.empty((num_perm, _BLOCK), dtype=np.uint32)
    return buffers[num_perm]


def _minima(mixed: np.ndarray, offsets: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per text (its shingles start at ``offsets``, strictly increasing), the minimum of
    ``a * h + b mod 2^32`` over its mixed shingle hashes ``h``, for each permutation.

    At most ``_BLOCK`` shingles are permuted at a time (one long text is cut into
    blocks, each text keeps the smaller of its blocks' minima); one row per
    permutation, so that each minimum runs over contiguous memory.
    """
    out = np.full((len(offsets), len(a)), _EMPTY, dtype=np.uint32)
    for low in range(0, len(mixed), _BLOCK):
        high = min(low + _BLOCK, len(mixed))
        first = int(np.searchsorted(offsets, low, side="right")) - 1
        last = int(np.searchsorted(offsets, high, side="left"))
        mapped = _buffer(len(a))[:, : high - low]
        np.multiply(a[:, None], mixed[None, low:high], out=mapped)  # uint32: wraps mod 2^32
        mapped += b[:, None]
        local = np.maximum(offsets[first:last], low) - low
        np.minimum(out[first:last], np.minimum.reduceat(mapped, local, axis=1).T, out=out[first:last])
    return out


def from_values(values: np.ndarray) -> Signature:
    """A signature rebuilt from its stored hash values (same seed, so Jaccard works)."""
    return Signature(np.asarray(values, dtype=np.uint32))


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either text was empty)."""
    if a.hashvalues[0] == _EMPTY and a.is_empty() or b.hashvalues[0] == _EMPTY and b.is_empty():
        return 0.0
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


@lru_cache(maxsize=16)
def bands(threshold: float, num_perm: int = 128) -> tuple[int, int]:
    """(bands, rows): datasketch's LSH banding for pairs with Jaccard of about ``threshold`` or more."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(sig: Signature, threshold: float) -> list[int]:
    """One stable 64-bit key per LSH band; two signatures sharing a key are near-duplicate candidates.

    A key mixes the band's number with its rows' values (fixed 64-bit arithmetic),
    so equal bands at the same place give equal keys on every machine and engine.
    """
    return band_keys_many([sig], threshold)[0]


#: Mixed into every band key (fixed, so stored keys stay comparable).
_BAND_BASE = np.uint64(stable_int("lsh-band") & 0xFFFFFFFF)


def band_keys_many(sigs: Sequence[Signature], threshold: float) -> list[list[int]]:
    """``band_keys`` of each signature (empty for an empty text), in a few array operations."""
    if not sigs:
        return []
    count, rows = bands(threshold, len(sigs[0].hashvalues))
    values = np.stack([s.hashvalues[: count * rows] for s in sigs]).astype(np.uint64).reshape(len(sigs), count, rows)
    keys = np.broadcast_to(np.arange(count, dtype=np.uint64) + _BAND_BASE, (len(sigs), count)).copy()
    with np.errstate(over="ignore"):
        for row in range(rows):
            keys ^= values[:, :, row]
            keys *= _MIX
            keys ^= keys >> np.uint64(31)
    return [[] if sig.is_empty() else row for sig, row in zip(sigs, keys.tolist(), strict=True)]


def paragraph_keys(paragraphs: Iterable[str]) -> frozenset[str]:
    """Stable keys of the long paragraphs, normalised to words, for exact paragraph copies."""
    keys = set()
    for text in paragraphs:
        if len(text) >= MIN_COPY_PARAGRAPH:
            keys.add(stable_hash(" ".join(words(text))))
    return frozenset(keys)


def copy_pairs(
    ids: Sequence[str], sigs: Sequence[Signature], paras: Sequence[frozenset[str]], min_jaccard: float
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
