"""Turn raw articles into segmented ``Article`` records (paragraphs, sentences, entities)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from newsprism import hashing, nlp
from newsprism.ingest._language import detect
from newsprism.ingest._lines import content_start, paragraphs, trim_span
from newsprism.model import Article, Entity, Paragraph, RawArticle, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc


def build_articles(raws: Sequence[RawArticle]) -> list[Article]:
    """Segment a batch of raw articles: detect each one's language, then one pass of
    its language's spaCy pipeline over all the paragraphs of that language."""
    raws = [dataclasses.replace(raw, language=detect(raw.title, raw.text, raw.language)) for raw in raws]
    layouts = [paragraphs(raw.text) for raw in raws]
    jobs: list[tuple[int, Paragraph, int, int]] = [
        (i, para, s, e)
        for i, (raw, paras) in enumerate(zip(raws, layouts, strict=True))
        for para in paras
        for s, e in nlp.pieces(raw.text, content_start(raw.text, para), para.end)
    ]
    sentences: list[list[Sentence]] = [[] for _ in raws]
    entities: list[list[Entity]] = [[] for _ in raws]
    parsed: list[list[tuple[int, Doc]]] = [[] for _ in raws]
    for (i, para, offset, _), doc in zip(jobs, _parse_by_language(raws, jobs), strict=True):
        parsed[i].append((offset, doc))
        text = doc.text  # built from the tokens at each access: once per piece
        for sent in doc.sents:
            for first, last in nlp.sentence_spans(sent):
                start, end = trim_span(text, first, last)
                if end > start:
                    sentences[i].append(
                        Sentence(len(sentences[i]), offset + start, offset + end, para.index, para.kind)
                    )
        entities[i].extend(
            Entity(offset + ent.start_char, offset + ent.end_char, ent.label_, ent.text)
            for ent in doc.ents
        )
    return [
        _article(raw, layout, tuple(sents), tuple(ents), nlp.to_bytes(docs))
        for raw, layout, sents, ents, docs in zip(raws, layouts, sentences, entities, parsed, strict=True)
    ]


def _parse_by_language(raws: Sequence[RawArticle], jobs: Sequence[tuple[int, Paragraph, int, int]]) -> list[Doc]:
    """The docs of every job, in job order, each parsed by its article's language pipeline."""
    docs: list[Doc | None] = [None] * len(jobs)
    for language in sorted({raw.language for raw in raws}):
        picked = [k for k, (i, _, _, _) in enumerate(jobs) if raws[i].language == language]
        texts = (raws[jobs[k][0]].text[jobs[k][2] : jobs[k][3]] for k in picked)
        for k, doc in zip(picked, nlp.parse(texts, language=language), strict=True):
            docs[k] = doc
    return docs  # type: ignore[return-value]


def identity(raw: RawArticle) -> tuple[str, str]:
    """The id and the content hash a raw article will be stored under.

    Cheap next to segmentation, so ingest uses it to skip stored articles early.
    """
    return raw.id or hashing.article_id(raw.title, raw.text), hashing.content_hash(raw.title, raw.text)


def _article(
    raw: RawArticle,
    layout: tuple[Paragraph, ...],
    sentences: tuple[Sentence, ...],
    entities: tuple[Entity, ...],
    analysis: bytes,
) -> Article:
    ident, digest = identity(raw)
    return Article(
        id=ident,
        outlet=raw.outlet,
        title=raw.title,
        text=raw.text,
        published=raw.published,
        url=raw.url,
        byline=raw.byline,
        language=raw.language,
        source=raw.source,
        content_hash=digest,
        paragraphs=layout,
        sentences=sentences,
        entities=entities,
        metadata=dict(raw.metadata),
        analysis=analysis,
    )


def iter_batches(items: Iterator[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    """Group a stream into lists of at most ``size`` items."""
    batch: list[RawArticle] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
