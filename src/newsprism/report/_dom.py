"""Names the page gives its elements: ids and class tokens that never carry raw input.

Article ids, claim ids and kinds come from the input; they are turned into tokens
(``[A-Za-z0-9_-]``) before they go into an ``id``, a class or a space-separated list,
so a hostile id can neither break out of an attribute nor collide with the page's own.
"""

from __future__ import annotations

import hashlib
import re

_SAFE_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CLASS_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def dom_key(raw_id: str) -> str:
    """A token safe in ids and space-separated lists that stands for an article or claim id.

    Ids that are already plain tokens are kept (so ``s-<id>-<n>`` is predictable);
    anything else is replaced by a hash, never inserted raw.
    """
    if _SAFE_KEY.fullmatch(raw_id):
        return raw_id
    return "h" + hashlib.sha256(raw_id.encode("utf-8")).hexdigest()[:16]


def class_token(name: object) -> str:
    """A kind or status as a CSS class token (lowercase, ``[a-z0-9_-]`` only)."""
    return _CLASS_UNSAFE.sub("-", str(name).lower()) or "x"


def sentence_id(article_id: str, index: int) -> str:
    """The element id of a sentence in the article view: ``s-<key>-<index>``."""
    return f"s-{dom_key(article_id)}-{index}"


def article_element_id(article_id: str) -> str:
    """The element id of an article's column in the article view: ``a-<key>``."""
    return f"a-{dom_key(article_id)}"


def claim_element_id(claim_id: str) -> str:
    """The element id of a claim's row in the claim matrix: ``claim-<key>``."""
    return f"claim-{dom_key(claim_id)}"
