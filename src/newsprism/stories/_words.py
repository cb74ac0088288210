"""Word hashes of many texts at once: ``hashing.stable_int`` of every word, in order.

The MinHash signatures (``_minhash``) start from a stable 64-bit hash of each word
(``\\w+`` of the lower-cased text). Done a token at a time in Python (a regex scan,
then a dictionary lookup per word) that was most of the near-duplicate stage's time.
Here a run of texts is handled in a few array operations, with no Python per word:

1. the texts are joined (NUL between them) and lower-cased once, and read as an
   array of code points; word characters are those ``str.isalnum()`` (or "_") holds
   for, as for the regex ``\\w``;
2. word starts and ends are where the array changes between word and non-word
   characters; each word gets a position-free polynomial key of its code points
   (one prefix sum, mod 2^64);
3. the keys are looked up in sorted tables of the words seen before
   (``WordHashes``); only new words are encoded and hashed with ``stable_bytes_int``,
   once each, so the hashes (and the signatures) are exactly those of a word-by-word
   ``stable_int``.

Two different words with the same 64-bit key would share a hash (for natural text,
about n^2 / 2^65 pairs for n distinct words: never). ``tests/test_stories.py`` checks
the hashes against ``stable_int`` of ``re.findall(r"\\w+", text.lower())`` on the dev
articles and random Unicode text. A hash that is not ``stable_int`` (the key itself)
would be faster still, but changes which ECB+ and synthetic articles are grouped.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from newsprism.hashing import stable_bytes_int

__all__ = ["WordHashes", "word_ids"]

#: Which ASCII code points are word characters (what ``\w`` matches: letters, digits, "_").
_ASCII_WORD = np.array([chr(c).isalnum() or c == 0x5F for c in range(128)])
#: Non-ASCII code points seen so far: whether ``\w`` matches them.
_WORD_CHAR: dict[int, bool] = {}
#: Joins the texts of a run (NUL: never a word character; texts' own NULs become spaces).
_SEPARATOR = "\x00"
#: The polynomial key: sum of byte_k * _Q^k mod 2^64 (``_P`` odd, ``_Q`` its inverse).
_P = np.uint64(0x100000001B3)
_Q = np.uint64(pow(0x100000001B3, -1, 1 << 64))
_MIX = np.uint64(0x9E3779B97F4A7C15)
#: Words remembered before the table starts afresh (bounds its memory: 16 bytes a word).
LIMIT = 500_000


def _word_mask(points: np.ndarray) -> np.ndarray:
    """Which code points are word characters (``str.isalnum()`` or "_", as the regex ``\\w``)."""
    mask = np.zeros(len(points), dtype=bool)
    ascii_ = points < 128
    mask[ascii_] = _ASCII_WORD[points[ascii_]]
    if not ascii_.all():
        other = ~ascii_
        codes = np.unique(points[other]).tolist()
        word = [c for c in codes if _WORD_CHAR.setdefault(c, chr(c).isalnum())]
        mask[other] = np.isin(points[other], word)
    return mask


_POWERS: dict[int, np.ndarray] = {}


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """base^0 .. base^(n-1) mod 2^64 (kept and grown as longer runs come)."""
    have = _POWERS.get(int(base))
    if have is None or len(have) < n:
        seq = np.full(max(n, 1 << 16, 2 * len(have) if have is not None else 0), base, dtype=np.uint64)
        seq[0] = 1
        with np.errstate(over="ignore"):
            have = np.cumprod(seq, dtype=np.uint64)
        _POWERS[int(base)] = have
    return have[:n]


class WordHashes:
    """The words seen so far (keys and their ``stable_int`` values, in sorted arrays),
    and the hashing of runs of texts against them. One lock: a server's threads share it."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        empty = np.zeros(0, dtype=np.uint64)
        self._keys, self._values = empty, empty  # the bulk, merged now and then
        self._recent_keys, self._recent_values = empty, empty  # small, kept sorted on insert

    def __len__(self) -> int:
        return len(self._keys) + len(self._recent_keys)

    def ids(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The word hashes of all the texts, concatenated, and the number of words of each."""
        joined = (_SEPARATOR.join(text.replace(_SEPARATOR, " ") for text in texts) + _SEPARATOR).lower()
        points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        edges = np.diff(_word_mask(points).view(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        counts = np.bincount(np.searchsorted(np.flatnonzero(points == 0), starts), minlength=len(texts))
        keys = _keys(points, starts, ends)
        with self._lock:
            return self._values_of(keys, joined, starts, ends), counts

    def _values_of(self, keys: np.ndarray, text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        values = np.zeros(len(unique), dtype=np.uint64)
        missing = np.ones(len(unique), dtype=bool)
        for table_keys, table_values in ((self._keys, self._values), (self._recent_keys, self._recent_values)):
            if len(table_keys):
                at = np.minimum(np.searchsorted(table_keys, unique), len(table_keys) - 1)
                found = missing & (table_keys[at] == unique)
                values[found] = table_values[at[found]]
                missing &= ~found
        new = np.flatnonzero(missing)
        if len(new):
            values[new] = np.fromiter(
                (stable_bytes_int(text[starts[i] : ends[i]].encode("utf-8", "surrogatepass")) for i in first[new].tolist()),
                dtype=np.uint64, count=len(new),
            )
            self._remember(unique[new], values[new])
        return values[inverse]

    def _remember(self, keys: np.ndarray, values: np.ndarray) -> None:
        if len(self) + len(keys) > self.limit:
            self._clear()
        at = np.searchsorted(self._recent_keys, keys)
        self._recent_keys = np.insert(self._recent_keys, at, keys)
        self._recent_values = np.insert(self._recent_values, at, values)
        if len(self._recent_keys) > max(4096, len(self._keys) // 4):
            merged_keys = np.concatenate((self._keys, self._recent_keys))
            order = np.argsort(merged_keys, kind="stable")
            self._keys, self._values = merged_keys[order], np.concatenate((self._values, self._recent_values))[order]
            self._recent_keys = self._recent_values = np.zeros(0, dtype=np.uint64)


def _keys(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The lookup key of each word ``points[starts[i]:ends[i]]``: sum of point_k * Q^k, mixed with
    the length, from one prefix sum (Q^j * P^s = Q^(j-s), so the key does not depend on
    where the word stands)."""
    n = len(points)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.cumsum(points.astype(np.uint64) * _powers(_Q, n), out=prefix[1:])
        keys = (prefix[ends] - prefix[starts]) * _powers(_P, n)[starts]
        keys ^= (ends - starts).astype(np.uint64) * _MIX
    return keys


_SHARED = WordHashes()


def word_ids(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``WordHashes.ids`` with the process-wide table."""
    return _SHARED.ids(texts)
