"""Align: which sentences of different articles say the same thing.

Sentence embeddings (all-MiniLM-L6-v2) give the main signal; lexical overlap of
content words and shared anchors (numbers, capitalised names) decide the
uncertain band. A sentence links to its best counterpart in each other article,
and a counterpart may take several sentences (one long sentence vs two short
ones): many-to-one links come from taking best matches in both directions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from newsprism.align._embed import MODEL_PACKAGE, embed
from newsprism.model import AlignmentLink, Article, Sentence, SentenceRef
from newsprism.options import AlignOptions

__all__ = ["align", "embed", "MODEL_PACKAGE", "sentence_embeddings", "lexical_overlap"]


#: Anchors found in more than this share of a pair's sentences are too common to count.
COMMON_SHARE = 0.25

_TOKEN = re.compile(r"[\w’'-]+", re.UNICODE)
_ALIASES = {"u.s": "us", "u.s.": "us", "united": "us", "america": "us", "american": "us", "u.k": "uk", "britain": "uk", "british": "uk"}
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
}



def sentence_embeddings(articles: Sequence[Article]) -> dict[str, np.ndarray]:
    """Embeddings of every body sentence, per article id, from one model call."""
    texts: list[str] = []
    owners: list[tuple[str, int]] = []
    for article in articles:
        sents = article.body_sentences
        owners.append((article.id, len(sents)))
        texts.extend(article.text[s.start : s.end] for s in sents)
    vectors = embed(texts)
    out: dict[str, np.ndarray] = {}
    pos = 0
    for ident, count in owners:
        out[ident] = vectors[pos : pos + count]
        pos += count
    return out


def _words(text: str) -> set[str]:
    words = set()
    for token in _TOKEN.findall(text.lower()):
        token = token.strip("’'-")
        token = _ALIASES.get(token, _NUMBER_WORDS.get(token, token))
        if token and token not in STOP_WORDS:
            words.add(token.replace(",", ""))
    return words


def _anchors(text: str) -> set[str]:
    """Numbers and capitalised words (not sentence-initial): facts two reports can share."""
    anchors = {w for w in _words(text) if any(ch.isdigit() for ch in w) or w in _NUMBER_WORDS.values()}
    tokens = _TOKEN.findall(text)
    anchors |= {_ALIASES.get(t.lower().strip("’'"), t.lower().strip("’'")) for t in tokens[1:] if t[:1].isupper()}
    return anchors


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
    embeddings = embeddings if embeddings is not None else sentence_embeddings(articles)
    links: list[AlignmentLink] = []
    for left, right in combinations(articles, 2):
        links.extend(_align_pair(left, right, embeddings[left.id], embeddings[right.id], options))
    return links


def _align_pair(
    a: Article, b: Article, ea: np.ndarray, eb: np.ndarray, options: AlignOptions
) -> list[AlignmentLink]:
    sa, sb = a.body_sentences, b.body_sentences
    if not sa or not sb:
        return []
    texts_a = [a.text[s.start : s.end] for s in sa]
    texts_b = [b.text[s.start : s.end] for s in sb]
    anchors = _rare_anchors(texts_a + texts_b)
    sims = ea @ eb.T
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
            )
        ):
            links.append(AlignmentLink(_ref(a, sa[i]), _ref(b, sb[j]), score))
    return links


def _ref(article: Article, sentence: Sentence) -> SentenceRef:
    return SentenceRef(article.id, sentence.index, sentence.start, sentence.end)
