"""Record types shared by every stage.

Stages are pure functions from these records to these records; the store and the
engines only move them around. Every character offset in here points into
``Article.text`` (the stored body), so any span can be checked by slicing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Kinds of paragraph/sentence. Everything but ``body`` is a non-body line: kept in the
#: text (so offsets stay exact) but marked, and left out of the comparison.
BODY = "body"
CAPTION = "caption"
BULLET = "bullet"
BOILERPLATE = "boilerplate"
SUBHEAD = "subhead"
LINE_KINDS = (BODY, CAPTION, BULLET, BOILERPLATE, SUBHEAD)

Published = dt.date | dt.datetime | None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the body text, ``text[start:end]``, with its kind."""

    index: int
    start: int
    end: int
    kind: str = BODY


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, ``text[start:end]``; it never crosses a paragraph boundary."""

    index: int
    start: int
    end: int
    paragraph: int
    kind: str = BODY

    @property
    def is_body(self) -> bool:
        return self.kind == BODY


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity found by spaCy, ``text[start:end]`` with its label."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as a reader found it, before segmentation.

    ``id`` is the id given by the source, if any; ``text`` is the body exactly as it
    will be stored.
    """

    source: str
    title: str
    text: str
    outlet: str = ""
    published: Published = None
    url: str | None = None
    byline: str | None = None
    language: str = "en"
    id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article: metadata, body text and its segmentation."""

    id: str
    outlet: str
    title: str
    text: str
    published: Published = None
    url: str | None = None
    byline: str | None = None
    language: str = "en"
    source: str = ""
    content_hash: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    #: The ingest-time spaCy parse (``nlp.to_bytes``), reused by later stages.
    analysis: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        """How reports and findings name the article: its outlet, else its id."""
        return self.outlet or self.id

    def span(self, start: int, end: int) -> str:
        """The body text between two offsets."""
        return self.text[start:end]

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.is_body)

    @property
    def published_iso(self) -> str | None:
        return self.published.isoformat() if self.published is not None else None

    def to_dict(self) -> dict[str, Any]:
        """The article as plain JSON-able data (the export and API format)."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published_iso,
            "url": self.url,
            "byline": self.byline,
            "language": self.language,
            "text": self.text,
            "source": self.source,
            "paragraphs": [[p.start, p.end, p.kind] for p in self.paragraphs],
            "sentences": [[s.start, s.end, s.paragraph, s.kind] for s in self.sentences],
            "metadata": self.metadata,
        }


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of ``newsprism list``."""

    id: str
    outlet: str
    title: str
    published: Published
    sentences: int
    non_body: int
    words: int


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An input that could not be ingested, with the one-line reason."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"ingested {len(self.ingested)}, duplicates {len(self.duplicates)}, "
            f"failed {len(self.failed)}"
        )


def parse_published(value: Any) -> Published:
    """Read a publication date or datetime from ISO text; ``None`` when absent.

    Raises ``ValueError`` for text that is not an ISO date, so readers can report it.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value).strip()
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return stamp


# -- comparison records ------------------------------------------------------------------

#: Finding kinds of the compare stage (the framing stage adds its own).
AGREEMENT = "agreement"
CONTRADICTION = "contradiction"
QUOTE_CHANGE = "quote_change"
OMISSION = "omission"
#: Finding kinds of the framing stage.
LABEL_DIFFERENCE = "label_difference"
LOADED_LANGUAGE = "loaded_language"
SOURCING = "sourcing"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of one article's body: ``text == article.text[start:end]`` always."""

    article: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Evidence:
        """Evidence sliced from the article itself, so it is exact by construction."""
        return cls(article.id, start, end, article.text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Finding:
    """One difference or agreement between articles, with the spans that show it.

    ``details`` holds the kind-specific fields of the JSON contract (``values`` for a
    contradiction, ``changes`` for a quote change, ...); they are merged into the
    finding's JSON object.
    """

    kind: str
    summary: str
    score: float
    evidence: tuple[Evidence, ...]
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "summary": self.summary,
            "score": round(float(self.score), 4),
            "evidence": [e.to_dict() for e in self.evidence],
        }
        data.update(self.details)
        return data


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A sentence of an article, by index and span."""

    article: str
    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class AlignmentLink:
    """Two sentences (of different articles) that say the same thing."""

    a: SentenceRef
    b: SentenceRef
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "similarity": round(float(self.similarity), 4)}


AGREED = "agreed"
DISPUTED = "disputed"
SINGLE_SOURCE = "single-source"


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of the neutral summary, with the articles that support it.

    ``text`` is taken from the sources (an extract) or fills a fixed template with
    their words ("A says ...; B says ..."); ``evidence`` points at what it rests on.
    """

    text: str
    sources: tuple[str, ...]
    status: str  # AGREED | DISPUTED | SINGLE_SOURCE
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "sources": list(self.sources),
            "status": self.status,
            "evidence": [e.to_dict() for e in self.evidence],
        }


#: Version of the JSON result format; bump it when a field changes meaning or goes away.
RESULT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class CompareResult:
    """Everything ``compare`` found about a set of articles on one event."""

    version: str
    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]
    alignment: tuple[AlignmentLink, ...]
    #: Per-outlet tables of the framing stage (plain JSON data): ``labels`` (per actor,
    #: the labels each article uses), ``sourcing`` and ``loaded_language`` (per article).
    framing: dict[str, Any] = field(default_factory=dict)
    #: The neutral summary: agreed facts first, then disputed ones, then single-source.
    summary: tuple[SummarySentence, ...] = ()

    def by_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)

    def to_dict(self) -> dict[str, Any]:
        """The versioned JSON contract that scripts rely on."""
        return {
            "newsprism": self.version,
            "format": RESULT_FORMAT,
            "articles": [
                {
                    "id": a.id,
                    "outlet": a.outlet,
                    "title": a.title,
                    "published": a.published_iso,
                    "url": a.url,
                    "text": a.text,
                }
                for a in self.articles
            ],
            "findings": [f.to_dict() for f in self.findings],
            "alignment": [link.to_dict() for link in self.alignment],
            "framing": self.framing,
            "summary": [s.to_dict() for s in self.summary],
        }


# -- story records -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Story:
    """Articles (of any outlets) that report the same event, as grouped by ``newsprism.stories``.

    ``id`` is a stable hash of the first article's id, so it survives re-runs and
    growth. ``first_seen``/``last_seen`` are the earliest/latest publication dates of
    the members (ISO; ``None`` when no member is dated). ``shared_copy`` lists pairs
    of members that are near-verbatim copies (``(id_a, id_b, jaccard)``): copies are
    not independent confirmation of each other.
    """

    id: str
    title: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None
    shared_copy: tuple[tuple[str, str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``newsprism stories --format json``."""
        return {
            "story": self.id,
            "title": self.title,
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "shared_copy": [[a, b, round(float(j), 4)] for a, b, j in self.shared_copy],
        }
