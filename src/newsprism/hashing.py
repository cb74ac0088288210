"""Stable hashing and seeds: the one place newsprism derives ids and randomness.

Python's built-in ``hash()`` changes per process; everything here is the same on
every machine and every run, so ids and results are reproducible (and identical
between the local and the Spark engines).
"""

from __future__ import annotations

import hashlib
import re

#: The seed for everything random (MinHash permutations, tie-breaking).
SEED = 20240123

_WS = re.compile(r"\s+")


def stable_hash(*parts: str, size: int = 8) -> str:
    """Hex digest (``2*size`` characters) of the parts, joined unambiguously."""
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def stable_int(*parts: str) -> int:
    """A 64-bit unsigned integer from the parts (for seeds and shingles)."""
    return int(stable_hash(*parts, size=8), 16)


def stable_bytes_int(data: bytes) -> int:
    """``stable_int(text)`` of the text whose UTF-8 encoding is ``data``, without decoding it
    (the MinHash word hashes: one call per new word of a corpus)."""
    digest = hashlib.blake2b(len(data).to_bytes(8, "little") + data, digest_size=8).digest()
    return int.from_bytes(digest, "big")


def content_hash(title: str, text: str) -> str:
    """Hash of an article's content, insensitive to whitespace layout.

    Two inputs with the same headline and the same words in the same order are
    the same article, however their lines were wrapped.
    """
    return stable_hash(_WS.sub(" ", title).strip(), _WS.sub(" ", text).strip(), size=10)


def article_id(title: str, text: str) -> str:
    """The id of an article that came without one: its content hash."""
    return content_hash(title, text)[:16]
