"""Align: which sentences of different articles say the same thing.

Sentence embeddings (all-MiniLM-L6-v2) give the main signal; lexical overlap of
content words and shared anchors (numbers, capitalised names) decide the
uncertain band. A sentence links to its best counterpart in each other article,
and a counterpart may take several sentences (one long sentence vs two short
ones): many-to-one links come from taking best matches in both directions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from itertools import combinations

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from newsprism.align._embed import MODEL_PACKAGE, embed
from newsprism.align.multilingual import embed_multilingual, needs_multilingual, shift, to_minilm_scale
from newsprism.model import AlignmentLink, Article, Sentence, SentenceRef
from newsprism.options import AlignOptions

__all__ = ["align", "embed", "MODEL_PACKAGE", "sentence_embeddings", "SentenceVectors", "lexical_overlap"]


#: Anchors found in more than this share of a pair's sentences are too common to count.
COMMON_SHARE = 0.25

_TOKEN = re.compile(r"[\w’'-]+", re.UNICODE)
_ALIASES = {"u.s": "us", "u.s.": "us", "united": "us", "america": "us", "american": "us", "u.k": "uk", "britain": "uk", "british": "uk"}
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
}



class SentenceVectors(dict):
    """Body-sentence embeddings per article id (rows in body-sentence order), and how
    two articles' sentences are scored.

    English pairs are scored with all-MiniLM-L6-v2, on which every threshold was
    chosen. A pair with an article in another language is scored with the
    multilingual model (``align.multilingual``), its cosines mapped onto MiniLM's
    scale so the same thresholds hold. The mapping itself (``self[id]``) holds each
    article's MiniLM rows, or its multilingual rows when it has no MiniLM ones.
    """

    def __init__(
        self,
        minilm: dict[str, np.ndarray],
        multilingual: dict[str, np.ndarray] | None = None,
        languages: dict[str, str] | None = None,
    ) -> None:
        super().__init__({**(multilingual or {}), **minilm})
        self.minilm = minilm
        self.multilingual = multilingual or {}
        self.languages = languages or {}

    @classmethod
    def of(cls, vectors: dict[str, np.ndarray]) -> SentenceVectors:
        """``vectors`` as they are, or plain MiniLM rows wrapped."""
        return vectors if isinstance(vectors, SentenceVectors) else cls(dict(vectors))

    def similarities(self, a: str, b: str) -> np.ndarray:
        """Cosine matrix (MiniLM scale) between the body sentences of articles ``a`` and ``b``."""
        if a in self.minilm and b in self.minilm:
            return self.minilm[a] @ self.minilm[b].T
        return to_minilm_scale(self.multilingual[a] @ self.multilingual[b].T, shift(*self._pair(a, b)))

    def similarity(self, a: str, i: int, b: str, j: int) -> float:
        """Cosine (MiniLM scale) of sentence ``i`` of ``a`` and sentence ``j`` of ``b`` (body ranks)."""
        if a in self.minilm and b in self.minilm:
            return float(self.minilm[a][i] @ self.minilm[b][j])
        return float(to_minilm_scale(float(self.multilingual[a][i] @ self.multilingual[b][j]), shift(*self._pair(a, b))))

    def crosses_languages(self, a: str, b: str) -> bool:
        """Whether articles ``a`` and ``b`` are in different languages."""
        return self.languages.get(a, "en") != self.languages.get(b, "en")

    def _pair(self, a: str, b: str) -> tuple[str, str]:
        return self.languages.get(a, "en"), self.languages.get(b, "en")


def sentence_embeddings(articles: Sequence[Article]) -> SentenceVectors:
    """Embeddings of every body sentence, per article id, one model call per model.

    Only a comparison that includes an article not in English pays for the
    multilingual model, and then English articles keep MiniLM between themselves.
    """
    english = [a for a in articles if not needs_multilingual([a.language])]
    minilm = _embed_rows(english, embed) if len(english) >= 2 or len(english) == len(articles) else {}
    if not needs_multilingual(a.language for a in articles):
        return SentenceVectors(minilm)
    languages = {a.id: a.language for a in articles}
    return SentenceVectors(minilm, _embed_rows(articles, embed_multilingual), languages)


def _embed_rows(articles: Sequence[Article], model) -> dict[str, np.ndarray]:
    texts: list[str] = []
    owners: list[tuple[str, int]] = []
    for article in articles:
        sents = article.body_sentences
        owners.append((article.id, len(sents)))
        texts.extend(article.text[s.start : s.end] for s in sents)
    vectors = model(texts)
    out: dict[str, np.ndarray] = {}
    pos = 0
    for ident, count in owners:
        out[ident] = vectors[pos : pos + count]
        pos += count
    return out


#: Sentence texts whose words and anchors are kept: a story's sentences are read once
#: per pair of articles, so every pair after the first finds them here.
TEXT_CACHE = 32_768


@functools.lru_cache(maxsize=TEXT_CACHE)
def _words(text: str) -> frozenset[str]:
    """Content words of a sentence, lower-cased, aliased and with numbers as digits."""
    words = set()
    for token in _TOKEN.findall(text.lower()):
        token = token.strip("’'-")
        token = _ALIASES.get(token, _NUMBER_WORDS.get(token, token))
        if token and token not in STOP_WORDS:
            words.add(token.replace(",", ""))
    return frozenset(words)


@functools.lru_cache(maxsize=TEXT_CACHE)
def _anchors(text: str) -> frozenset[str]:
    """Numbers and capitalised words (not sentence-initial): facts two reports can share."""
    anchors = {w for w in _words(text) if any(ch.isdigit() for ch in w) or w in _NUMBER_WORDS.values()}
    tokens = _TOKEN.findall(text)
    anchors |= {_ALIASES.get(t.lower().strip("’'"), t.lower().strip("’'")) for t in tokens[1:] if t[:1].isupper()}
    return frozenset(anchors)


def _rare_anchors(texts: list[str]) -> list[set[str]]:
    """Anchors of each text, without those in more than ``COMMON_SHARE`` of the texts.

    A name every sentence of the story repeats ("Iraq", "US") says nothing about
    which sentences match.
    """
    sets = [_anchors(t) for t in texts]
    counts: dict[str, int] = {}
    for anchors in sets:
        for anchor in anchors:
            counts[anchor] = counts.get(anchor, 0) + 1
    limit = max(2, COMMON_SHARE * len(texts))
    return [{x for x in anchors if counts[x] <= limit} for anchors in sets]


def lexical_overlap(a: str, b: str) -> float:
    """Share of content words in common, relative to the shorter sentence (0..1)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def align(
    articles: Sequence[Article],
    embeddings: dict[str, np.ndarray] | None = None,
    options: AlignOptions | None = None,
) -> list[AlignmentLink]:
    """Links between body sentences of every pair of articles, in a stable order."""
    options = options or AlignOptions()
    vectors = SentenceVectors.of(embeddings) if embeddings is not None else sentence_embeddings(articles)
    links: list[AlignmentLink] = []
    for left, right in combinations(articles, 2):
        if left.body_sentences and right.body_sentences:
            sims = vectors.similarities(left.id, right.id)
            links.extend(_align_pair(left, right, sims, options, vectors.crosses_languages(left.id, right.id)))
    return links


#: Across languages words cannot overlap; the second signal in the uncertain band is
#: then a clear mutual best: each sentence is the other's best counterpart, ahead of
#: the runner-up in its row and its column by this much (MiniLM scale).
CLEAR_BEST = 0.08


def _clear_best(sims: np.ndarray, i: int, j: int) -> bool:
    """Whether ``(i, j)`` is the best of its row and column by at least ``CLEAR_BEST``."""
    row = np.delete(sims[i], j)
    col = np.delete(sims[:, j], i)
    best = sims[i, j]
    return all(len(rest) == 0 or best - rest.max() >= CLEAR_BEST for rest in (row, col))


def _align_pair(
    a: Article, b: Article, sims: np.ndarray, options: AlignOptions, across: bool = False
) -> list[AlignmentLink]:
    sa, sb = a.body_sentences, b.body_sentences
    if not sa or not sb:
        return []
    texts_a = [a.text[s.start : s.end] for s in sa]
    texts_b = [b.text[s.start : s.end] for s in sb]
    anchors = _rare_anchors(texts_a + texts_b)
    candidates = {(i, int(np.argmax(sims[i]))) for i in range(len(sa))}
    candidates |= {(int(np.argmax(sims[:, j])), j) for j in range(len(sb))}
    links = []
    for i, j in sorted(candidates):
        score = float(sims[i, j])
        if score >= options.high or (
            score >= options.low
            and (
                lexical_overlap(texts_a[i], texts_b[j]) >= options.min_lexical
                or bool(anchors[i] & anchors[len(sa) + j])
                or (across and _clear_best(sims, i, j))
            )
        ):
            links.append(AlignmentLink(_ref(a, sa[i]), _ref(b, sb[j]), score))
    return links


def _ref(article: Article, sentence: Sentence) -> SentenceRef:
    return SentenceRef(article.id, sentence.index, sentence.start, sentence.end)
