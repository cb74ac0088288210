"""Record types shared by every stage.

Stages are pure functions from these records to these records; the store and the
engines only move them around. Every character offset in here points into
``Article.text`` (the stored body), so any span can be checked by slicing.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
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
    #: The language the source declares (ISO 639-1), or "" when it says none; ingest
    #: detects the language from the text and stores that on the ``Article``.
    language: str = ""
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

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset (None outside every sentence)."""
        at = bisect.bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        return self.sentences[at] if at >= 0 and offset < self.sentences[at].end else None

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
    byline: str | None = None
    language: str = "en"


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
    #: Pages that are not articles (home, section, tag pages), each with the reason.
    skipped: list[IngestFailure] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"ingested {len(self.ingested)}, duplicates {len(self.duplicates)}, "
            f"failed {len(self.failed)}" + (f", skipped {len(self.skipped)}" if self.skipped else "")
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

class FindingKind(StrEnum):
    """The one registry of finding kinds: a new kind is added here and nowhere else.

    Members are strings (``FindingKind.OMISSION == "omission"``), so JSON and older
    callers see plain names. The order of the members is the order of a result and
    of every report: what makes sources dependent first, then what differs, then
    what is shared. Each kind carries its heading, its colour (R G B, for HTML) and
    its terminal style (rich).
    """

    SHARED_COPY = "shared_copy"
    CONTRADICTION = "contradiction"
    POSSIBLE_CONTRADICTION = "possible_contradiction"
    QUOTE_CHANGE = "quote_change"
    LABEL_DIFFERENCE = "label_difference"
    SOURCING = "sourcing"
    LOADED_LANGUAGE = "loaded_language"
    OMISSION = "omission"
    AGREEMENT = "agreement"

    @property
    def order(self) -> int:
        return list(FindingKind).index(self)

    @property
    def heading(self) -> str:
        return _KIND_LOOK[self][0]

    @property
    def colour(self) -> str:
        return _KIND_LOOK[self][1]

    @property
    def style(self) -> str:
        return _KIND_LOOK[self][2]

    @property
    def stage(self) -> str:
        """The stage that makes it: ``compare`` or ``framing``."""
        return "framing" if self in (FindingKind.LABEL_DIFFERENCE, FindingKind.SOURCING, FindingKind.LOADED_LANGUAGE) else "compare"

    @classmethod
    def of(cls, name: str) -> FindingKind | None:
        """The kind of that name, or ``None`` for a name no stage makes."""
        try:
            return cls(name)
        except ValueError:
            return None


#: Heading, colour (R G B) and rich style of each kind.
_KIND_LOOK = {
    FindingKind.SHARED_COPY: ("Shared copy: not independent", "71 85 105", "bold white"),
    FindingKind.CONTRADICTION: ("Contradictions", "220 38 38", "bold red"),
    FindingKind.POSSIBLE_CONTRADICTION: ("Possible contradictions: check before citing", "234 88 12", "red"),
    FindingKind.QUOTE_CHANGE: ("Quotes worded differently", "147 51 234", "bold magenta"),
    FindingKind.LABEL_DIFFERENCE: ("Labels: who calls whom what", "8 145 178", "bold cyan"),
    FindingKind.SOURCING: ("Sourced differently", "37 99 235", "bold blue"),
    FindingKind.LOADED_LANGUAGE: ("Loaded wording", "219 39 119", "bold bright_magenta"),
    FindingKind.OMISSION: ("Only some outlets report", "217 119 6", "bold yellow"),
    FindingKind.AGREEMENT: ("Agreements", "22 163 74", "bold green"),
}

AGREEMENT = FindingKind.AGREEMENT
CONTRADICTION = FindingKind.CONTRADICTION
POSSIBLE_CONTRADICTION = FindingKind.POSSIBLE_CONTRADICTION
#: Both contradiction kinds: values that cannot both hold ("high" confidence), and
#: values that may not (``possible``: shown apart, never "disputed" in the summary).
CONTRADICTION_KINDS = (CONTRADICTION, POSSIBLE_CONTRADICTION)
QUOTE_CHANGE = FindingKind.QUOTE_CHANGE
OMISSION = FindingKind.OMISSION
SHARED_COPY = FindingKind.SHARED_COPY
LABEL_DIFFERENCE = FindingKind.LABEL_DIFFERENCE
LOADED_LANGUAGE = FindingKind.LOADED_LANGUAGE
SOURCING = FindingKind.SOURCING


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
    #: The id of the claim the finding belongs to, when it sits in one (see ``Claim``).
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": str(self.kind),
            "summary": self.summary,
            "score": round(float(self.score), 4),
            "evidence": [e.to_dict() for e in self.evidence],
            "claim": self.claim,
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


@dataclass(frozen=True, slots=True)
class ClaimSentence:
    """One outlet's sentence carrying a claim: ``text == article.text[start:end]``."""

    article: str
    sentence: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "sentence": self.sentence, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement about the event, as carried by one or more of the compared articles.

    ``carried_by`` holds the sentences that carry it (usually one per article; two
    adjacent sentences of one article when it splits what another says in one), in
    the order of the compared articles. ``missing_from`` lists the articles that do
    not carry it. ``facts`` (numbers, dates, names) and ``quotes`` are those inside
    its sentences, each with its article and exact span. ``id`` is a stable hash of
    its sentences; ``position`` (0..1) orders claims as the story is told.
    """

    id: str
    carried_by: tuple[ClaimSentence, ...]
    missing_from: tuple[str, ...]
    facts: tuple[dict[str, Any], ...] = ()
    quotes: tuple[dict[str, Any], ...] = ()
    position: float = 0.0

    @property
    def articles(self) -> tuple[str, ...]:
        """The ids of the articles that carry it, in order, each once."""
        return tuple(dict.fromkeys(s.article for s in self.carried_by))

    def sentences_of(self, article_id: str) -> tuple[ClaimSentence, ...]:
        return tuple(s for s in self.carried_by if s.article == article_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "carried_by": [s.to_dict() for s in self.carried_by],
            "missing_from": list(self.missing_from),
            "facts": [dict(f) for f in self.facts],
            "quotes": [dict(q) for q in self.quotes],
        }


#: Version of the JSON result format; bump it when a field changes meaning or goes away.
#: 2: findings per claim (``claims`` list, ``claim`` on findings, value groups, statement versions).
RESULT_FORMAT = 2


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
    #: The statements of the story, in story order (see ``Claim``).
    claims: tuple[Claim, ...] = ()
    #: Whether the articles report the same event: ``{"score", "same", "reason"}``
    #: (see ``compare.same_event``); ``None`` when not assessed.
    same_event: dict[str, Any] | None = None
    #: Which analyses ran for articles not in English, one plain sentence per language
    #: ("German (2 articles): grouped and aligned; ... not available"); empty when all ran.
    coverage: tuple[str, ...] = ()

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)

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
                    "language": a.language,
                    "text": a.text,
                }
                for a in self.articles
            ],
            "same_event": self.same_event,
            "coverage": list(self.coverage),
            "claims": [c.to_dict() for c in self.claims],
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
