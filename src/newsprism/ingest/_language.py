"""The language of an article, read from its text with py3langid (its model ships in the wheel).

A page's declared language (``<html lang>``, a record's ``language`` field) is often a
site-wide template value and sometimes wrong, so the text decides when it is clear;
the declaration decides when the text is too short or mixed to tell, and English is
the last resort (``DEFAULT``). Same text, same answer: the detector is deterministic.
"""

from __future__ import annotations

import functools

#: What an article is read as when neither its text nor its source says.
DEFAULT = "en"
#: The detector's normalised probability above which the text overrules a declaration.
CONFIDENT = 0.90
#: Below this many characters of title and text the detector is not trusted at all.
MIN_CHARS = 60
#: How much of the body is read: enough to be sure, not the whole of a long text.
SAMPLE_CHARS = 3000


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def normalise(code: str | None) -> str:
    """``"de-DE"``, ``"de_AT"``, ``"DE"`` -> ``"de"``; empty for nothing usable."""
    head = (code or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return head if head.isalpha() and 2 <= len(head) <= 3 else ""


def guess(title: str, text: str) -> tuple[str, float]:
    """The detector's language for a text and its probability (0 when too short to tell)."""
    sample = f"{title}\n{text[:SAMPLE_CHARS]}".strip()
    if len(sample) < MIN_CHARS:
        return "", 0.0
    code, probability = _identifier().classify(sample)
    return normalise(code), float(probability)


def detect(title: str, text: str, declared: str | None = None) -> str:
    """The article's language: the text's when clear, else the declared one, else ``DEFAULT``."""
    code, probability = guess(title, text)
    stated = normalise(declared)
    if code and probability >= CONFIDENT:
        return code
    return stated or (code if probability >= 0.5 else DEFAULT)
