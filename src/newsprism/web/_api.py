"""The JSON API under ``/api`` (documented at ``/openapi.json`` and ``/docs``).

Everything the CLI does: list and show stored articles and stories (a story's
timeline, the outlets that missed it and its comparison, cached in the store until its
articles change), ingest files and URLs,
compare stored articles, pasted texts, uploads or URLs (the versioned JSON contract
of ``newsprism compare --format json``, or the markdown/text/html reports), export
the store as JSONL, and a health check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse

from newsprism import __version__
from newsprism.errors import StoreBusyError
from newsprism.model import Article, ArticleSummary, CompareResult, IngestReport
from newsprism.options import parse_field_map
from newsprism.report import render, to_json
from newsprism.web._errors import UnsupportedTypeError, WebError
from newsprism.web._inputs import (
    PastedText,
    Upload,
    articles_only,
    check_count,
    check_total,
    check_upload,
    display_name,
    read_texts,
    read_uploads,
    read_urls,
    reading_options,
)
from newsprism.web._security import DOCS_CSP, REPORT_POLICY, document_csp
from newsprism.web._service import Service, StoryPage, StoryView
from newsprism.web._work import run_work

Format = Literal["json", "markdown", "html", "text"]
#: Media types of the compare formats.
MEDIA_TYPES = {
    "json": "application/json",
    "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}
#: Width of the ``text`` report (the terminal renderer needs one).
TEXT_WIDTH = 100
#: Largest ``limit`` of a listing (anything larger is refused with 422, not passed to the store).
MAX_LIMIT = 1_000_000_000
#: Largest page of stories.
MAX_STORIES = 500
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Let only ``YYYY-MM-DD`` through to the date parser.

    Left to itself pydantic reads a number as a Unix time, so ``until=0`` meant
    1970-01-01 and ``since=20240101`` a day in August 1970, not an error. The
    schema says ``format: date``; this makes the server hold to it.
    """
    if value is None or isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("date_format", "not a date of the form YYYY-MM-DD")


#: An optional query date: exactly ``YYYY-MM-DD`` (``format: date`` in the schema). The validator
#: sits on the optional type itself: inside ``Annotated[...] | None`` FastAPI would lose it.
IsoDate = Annotated[dt.date | None, BeforeValidator(_iso_date)]


# -- models ------------------------------------------------------------------------------------


class ErrorOut(BaseModel):
    """Every error: one line that names what is wrong and what to do."""

    error: str


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    store: Literal["ok", "busy"] = Field(description="'busy' while another process writes the store")
    articles: int | None = Field(description="stored articles (null while the store is busy)")


class ArticleSummaryOut(BaseModel):
    """One row of ``newsprism list``."""

    id: str
    outlet: str
    title: str
    published: str | None
    sentences: int = Field(description="all sentences, body and non-body")
    non_body: int = Field(description="captions, bullets, boilerplate and subheads")
    words: int
    byline: str | None = None
    language: str = Field("en", description="ISO 639-1 code, detected from the text at ingest")

    @classmethod
    def of(cls, row: ArticleSummary) -> ArticleSummaryOut:
        return cls(
            id=row.id, outlet=row.outlet, title=row.title,
            published=row.published.isoformat() if row.published else None,
            sentences=row.sentences, non_body=row.non_body, words=row.words,
            byline=row.byline, language=row.language,
        )


class SentenceOut(BaseModel):
    """A sentence: ``text == article.text[start:end]``; ``kind`` other than body marks a non-body line."""

    index: int
    start: int
    end: int
    paragraph: int
    kind: str
    text: str


class ParagraphOut(BaseModel):
    index: int
    start: int
    end: int
    kind: str


class ArticleOut(BaseModel):
    """A stored article with its segmentation (offsets point into ``text``)."""

    id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    byline: str | None
    language: str
    source: str
    text: str
    paragraphs: list[ParagraphOut]
    sentences: list[SentenceOut]
    metadata: dict[str, Any]

    @classmethod
    def of(cls, a: Article) -> ArticleOut:
        return cls(
            id=a.id, outlet=a.outlet, title=a.title, published=a.published_iso, url=a.url, byline=a.byline,
            language=a.language, source=a.source, text=a.text, metadata=a.metadata,
            paragraphs=[ParagraphOut(index=p.index, start=p.start, end=p.end, kind=p.kind) for p in a.paragraphs],
            sentences=[
                SentenceOut(index=s.index, start=s.start, end=s.end, paragraph=s.paragraph, kind=s.kind,
                            text=a.text[s.start : s.end])
                for s in a.sentences
            ],
        )


class FailureOut(BaseModel):
    source: str
    problem: str


class IngestOut(BaseModel):
    """What an ingest did, as ``newsprism ingest`` reports it."""

    ingested: list[str]
    duplicates: list[str]
    failed: list[FailureOut]
    skipped: list[FailureOut] = Field([], description="pages that are not articles (home, section, tag pages), with why")
    summary: str = Field(description="e.g. 'ingested 2, duplicates 0, failed 0'")

    @classmethod
    def of(cls, report: IngestReport) -> IngestOut:
        return cls(
            ingested=report.ingested, duplicates=report.duplicates,
            failed=[FailureOut(source=f.source, problem=f.problem) for f in report.failed],
            skipped=[FailureOut(source=f.source, problem=f.problem) for f in report.skipped],
            summary=report.summary(),
        )


class IngestFailedOut(IngestOut):
    error: str


class IngestIn(BaseModel):
    """URLs of pages or feeds to fetch and store."""

    model_config = ConfigDict(extra="forbid")
    urls: list[str] = Field(min_length=1, description="http(s) URLs of article pages or RSS/Atom feeds")


class TextIn(BaseModel):
    """A pasted article. Without a title the first line of ``text`` is the headline."""

    model_config = ConfigDict(extra="forbid")
    text: str
    title: str | None = None
    outlet: str | None = None


#: The example of ``CompareIn`` in the schema (shown by /docs; schemathesis sends it as is).
COMPARE_EXAMPLE: dict[str, Any] = {"texts": [
    {"outlet": "Daily", "text": "Bridge reopens\nThe harbour bridge reopened on Tuesday after repairs, "
     "Mayor Anna Lindqvist said. \"It is safe again,\" she said."},
    {"outlet": "Courier", "text": "Harbour bridge opens again\nThe harbour bridge opened again on Wednesday, "
     "officials said. \"It is finally safe,\" Mayor Anna Lindqvist said."},
]}


class CompareIn(BaseModel):
    """Two or more articles in all: stored ids, pasted texts and/or URLs (not stored)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [COMPARE_EXAMPLE]})
    ids: list[str] = Field(default_factory=list, description="ids of stored articles")
    texts: list[TextIn] = Field(default_factory=list, description="pasted articles")
    urls: list[str] = Field(default_factory=list, description="http(s) URLs of article pages or feeds")
    #: strict: without it ``false`` read as 0 and ``true`` as 1, against the schema's integer type
    max_omissions: int = Field(25, ge=0, strict=True, description="at most this many omissions per article")


class EvidenceOut(BaseModel):
    """A span of an article body: ``text == article.text[start:end]``."""

    model_config = ConfigDict(extra="allow")
    article: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class ContractArticleOut(BaseModel):
    """An article of a comparison; evidence offsets point into its ``text``."""

    id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    language: str = Field("en", description="ISO 639-1 code of the article's language")
    text: str


class SameEventSignalsOut(BaseModel):
    """The evidence behind a same-event verdict, for the least connected pair of articles."""

    model_config = ConfigDict(extra="allow")
    aligned_sentences: int = Field(ge=0, description="body sentences of the pair that sit in a shared claim")
    sentences: int = Field(ge=0, description="body sentences of the pair")
    similarity: float | None = Field(description="cosine of the two articles' mean sentence embeddings")
    shared_names: list[str] = Field(description="a few of the names both articles use (canonical form)")
    days_apart: int | None = Field(description="days between the publication dates, when both are known")


class SameEventOut(BaseModel):
    """Whether the compared articles report one event (``compare.same_event``)."""

    model_config = ConfigDict(extra="allow")
    score: float = Field(ge=0, le=1, description="0 = nothing in common, 1 = clearly one event")
    verdict: Literal["same", "possibly different", "different"]
    same: bool = Field(description="verdict == 'same'")
    reason: str = Field(description="one plain sentence with the evidence and what the verdict changes")
    off_event: list[str] = Field(description="ids of the articles judged off the event (empty when 'same'); "
                                 "on 'different', contradictions citing them are left out")
    signals: SameEventSignalsOut


class FindingOut(BaseModel):
    """A finding; each kind adds its own fields (see the README's JSON contract)."""

    model_config = ConfigDict(extra="allow")
    kind: str
    summary: str
    score: float
    claim: str | None = Field(description="the id of the claim the finding sits in, if one")
    evidence: list[EvidenceOut]


class ClaimSentenceOut(BaseModel):
    """One outlet's sentence carrying a claim, ``text`` = the article's ``text[start:end]``."""

    article: str
    sentence: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class ClaimOut(BaseModel):
    """One statement about the event: the sentence of each outlet that carries it, and who does not."""

    id: str
    carried_by: list[ClaimSentenceOut]
    missing_from: list[str]
    facts: list[dict[str, Any]]
    quotes: list[dict[str, Any]]


class AlignedSentenceOut(BaseModel):
    """One side of an aligned pair: a body sentence and its span."""

    article: str
    sentence: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class AlignmentOut(BaseModel):
    """Two sentences that report the same thing, and how similar they are."""

    a: AlignedSentenceOut
    b: AlignedSentenceOut
    similarity: float


class SummarySentenceOut(BaseModel):
    """A sentence of the neutral summary, with the articles it comes from."""

    model_config = ConfigDict(extra="allow")
    text: str
    sources: list[str]
    status: Literal["agreed", "disputed", "single-source"]
    evidence: list[EvidenceOut]


class ContractOut(BaseModel):
    """The versioned JSON contract of ``newsprism compare --format json`` (``format`` bumps on a change of meaning)."""

    model_config = ConfigDict(extra="allow")
    newsprism: str = Field(description="the version that wrote it")
    format: int
    articles: list[ContractArticleOut]
    same_event: SameEventOut | None = Field(
        description="whether the articles report one event; reports print a notice at the top unless 'same'"
    )
    coverage: list[str] = Field(description="one plain sentence per language some analyses did not run for")
    claims: list[ClaimOut]
    findings: list[FindingOut]
    alignment: list[AlignmentOut]
    framing: dict[str, Any] = Field(description="per-outlet tables: labels, sourcing, loaded_language")
    summary: list[SummarySentenceOut]


class CountsOut(BaseModel):
    """What a story's comparison found, counted."""

    disputes: int = Field(description="contradiction findings (values in dispute; 'possible' ones not counted)")
    altered_quotes: int = Field(description="quote_change findings")
    one_outlet_facts: int = Field(description="claims that exactly one outlet carries")


class StoryRowOut(BaseModel):
    """A story in the list."""

    id: str
    title: str
    first_seen: str | None = Field(description="earliest publication date of its articles")
    last_seen: str | None = Field(description="latest publication date of its articles")
    articles: int
    outlets: list[str]
    coverage: list[bool] = Field(description="one mark per outlet of the store (StoriesOut.outlets order): covered?")
    counts: CountsOut | None = Field(description="null until the story's comparison has been computed (open the story)")
    new_since: str | None = Field(
        default=None, description="time of its latest `newsprism watch` event (new article, dispute, ...) in the last 24 hours"
    )


class StoriesOut(BaseModel):
    """A page of stories, newest first."""

    outlets: list[str] = Field(description="every outlet of the store, in the order it was first ingested")
    total: int = Field(description="stories matching the filters")
    offset: int
    limit: int
    stories: list[StoryRowOut]


class TimelineOut(BaseModel):
    """An article of a story, in publication order."""

    article: str
    outlet: str
    title: str
    published: str | None
    lag_days: int | None = Field(description="whole days after the story's first dated article")
    first: bool = Field(description="the first dated report of the story")


class StoryOut(BaseModel):
    """One story: timeline, who did not cover it, and its comparison (cached until its articles change)."""

    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    outlets: list[str]
    articles: list[str]
    shared_copy: list[tuple[str, str, float]] = Field(description="near-verbatim copies among its articles (a, b, Jaccard)")
    timeline: list[TimelineOut]
    missing_outlets: list[str] = Field(description="outlets of the store without an article in this story")
    counts: CountsOut | None
    comparison: ContractOut | None = Field(description="the comparison of its articles (null for a one-article story)")
    news: list[dict[str, Any]] = Field(default=[], description="its `newsprism watch` events of the last 24 hours, oldest first")


class EvidenceLinkOut(BaseModel):
    """A unit of a figure: the story and the claim in it (null: the story as a whole)."""

    story: str
    claim: str | None
    link: str = Field(description="the story page, at the claim")


class FigureOut(BaseModel):
    """A count; when it is a rate, out of ``of`` with its 95% Wilson interval."""

    count: int
    of: int | None
    rate: float | None
    interval: tuple[float, float] | None
    evidence: list[EvidenceLinkOut]


class LabelUseOut(BaseModel):
    actor: str
    label: str
    uses: int


class OutletOut(BaseModel):
    """What the store shows of one outlet, over the compared stories it shares with another outlet."""

    outlet: str
    stories: int = Field(description="stories it shares with at least one other outlet")
    alone: FigureOut = Field(description="claims only it carries, of the claims it carries")
    left_out: FigureOut = Field(description="claims most of the other outlets carry and it does not, of such claims")
    disputes: FigureOut = Field(description="contradiction findings naming one of its articles")
    quote_changes: FigureOut = Field(description="altered or cut quotes (quote_change findings) naming one of its articles")
    anonymous: FigureOut = Field(description="anonymous sources, of its attributed source acts")
    loaded_words: int = Field(description="charged words in its own voice")
    words: int
    loaded_per_1000: float | None
    labels: list[LabelUseOut] = Field(description="its most used labels for the actors, own voice")


# -- routes ------------------------------------------------------------------------------------

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (400, "a request that does not make sense (e.g. fewer than two articles)"),
        (401, "the server has a token and the request did not carry it"),
        (422, "an input that cannot be read, or an invalid request"),
        (503, "the store is busy: another process is writing to it; try again"),
    )
}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    413: {"model": ErrorOut, "description": "a file over the per-file or total size limit"},
    415: {"model": ErrorOut, "description": "a file of a type newsprism does not read"},
}
COMPARE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "model": ContractOut,
        "description": "The comparison: with format=json (the default) the versioned JSON contract of "
        "`newsprism compare --format json` (`newsprism`, `format`, `articles`, `same_event`, `coverage`, `claims`, `findings`, `alignment`, "
        "`framing`, `summary`; every finding cites exact spans of the article bodies); else a report.",
        "content": {media: {} for fmt, media in MEDIA_TYPES.items() if fmt != "json"},
    },
    413: {"model": ErrorOut, "description": "a pasted text, file or page over the size limit"},
}


def router(service: Service) -> APIRouter:
    """The ``/api`` routes, bound to the server's ``service``."""
    api = APIRouter(prefix="/api", tags=["api"])
    options = service.options

    @api.get("/health", response_model=HealthOut, summary="Is the server up, and the store free?")
    def health() -> HealthOut:
        try:
            return HealthOut(version=__version__, store="ok", articles=service.count())
        except StoreBusyError:
            return HealthOut(version=__version__, store="busy", articles=None)

    @api.get("/articles", response_model=list[ArticleSummaryOut], responses=ERRORS, summary="List stored articles")
    def list_articles(
        outlet: Annotated[str | None, Query(description="only outlets whose name contains this")] = None,
        since: Annotated[IsoDate, Query(description="published on or after (YYYY-MM-DD)")] = None,
        until: Annotated[IsoDate, Query(description="published on or before (YYYY-MM-DD)")] = None,
        limit: Annotated[int | None, Query(ge=0, le=MAX_LIMIT, description="at most this many rows")] = None,
    ) -> list[ArticleSummaryOut]:
        return [ArticleSummaryOut.of(r) for r in service.summaries(outlet, since, until, limit)]

    @api.get("/articles/{article_id}", response_model=ArticleOut, responses={**ERRORS, 404: {"model": ErrorOut}},
             summary="One stored article with its numbered sentences")
    def get_article(article_id: str) -> ArticleOut:
        return ArticleOut.of(service.article(article_id))

    @api.get(
        "/export", summary="Every stored article as JSONL (newsprism export; re-ingestable)",
        response_class=StreamingResponse,
        responses={**ERRORS, 200: {"content": {"application/x-ndjson": {}}, "description": "one article per line"}},
    )
    def export() -> StreamingResponse:
        ids = service.export_ids()
        return StreamingResponse(
            service.export_lines(ids), media_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="newsprism-export.jsonl"'},
        )

    @api.get("/stories", response_model=StoriesOut, responses=ERRORS, summary="Stored stories, newest first")
    def list_stories(
        outlet: Annotated[str | None, Query(description="only stories an outlet whose name contains this covered")] = None,
        since: Annotated[IsoDate, Query(description="with an article on or after (YYYY-MM-DD)")] = None,
        until: Annotated[IsoDate, Query(description="with an article on or before (YYYY-MM-DD)")] = None,
        q: Annotated[str | None, Query(description="text in the story's title (any case)")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_STORIES, description="stories per page")] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="stories to skip")] = 0,
    ) -> StoriesOut:
        return stories_out(service.story_rows(outlet, since, until, q, limit, offset))

    @api.get("/stories/{story_id}", response_model=StoryOut, responses={**ERRORS, 404: {"model": ErrorOut}},
             summary="One story: timeline, missing outlets, and its comparison")
    async def get_story(request: Request, story_id: str) -> StoryOut:
        return await run_work(request, lambda: story_out(service.story_view(story_id)), options.work_timeout, "compare")

    @api.get("/outlets", response_model=list[OutletOut], responses=ERRORS,
             summary="Outlet profiles from the store's evidence (compares the stories not compared yet)")
    async def list_outlets(request: Request) -> list[OutletOut]:
        profiles = await run_work(request, service.outlet_profiles, options.work_timeout, "compare")
        return [OutletOut.model_validate(p.to_dict()) for p in profiles]

    @api.post(
        "/ingest", response_model=IngestOut, summary="Store uploaded files and/or fetched URLs",
        responses={**UPLOAD_ERRORS, 422: {
            "model": ErrorOut | IngestFailedOut,
            "description": "an invalid request (just the error), or every input failed (the error and the report)",
        }},
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": IngestIn.model_json_schema()},
            "multipart/form-data": {"schema": {
                "type": "object",
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                              "description": "article files (.txt .html .htm .json .jsonl .csv .xml .rss .atom)"},
                    "urls": {"type": "array", "items": {"type": "string"}, "description": "http(s) URLs"},
                },
            }},
        }}},
    )
    async def ingest(
        request: Request,
        outlet: Annotated[str | None, Query(description="outlet name for every input (overrides theirs)")] = None,
        field_map: Annotated[list[str], Query(
            alias="map", description="read a field from another corpus column, e.g. map=text=body (repeatable)",
        )] = [],  # noqa: B006
        fetch_links: Annotated[bool, Query(
            description="fetch the linked page of feed entries without full text",
        )] = True,
    ) -> Response:
        ingest_options = reading_options(
            options, skip_bad=True, outlet=outlet or None, field_map=parse_field_map(field_map),
            fetch_links=fetch_links,
        )
        uploads, urls = await _ingest_inputs(request, service)
        check_count(len(uploads) + len(urls), options.max_files, "files and URLs")
        if not uploads and not urls:
            raise WebError("nothing to ingest: send files (multipart field 'files') or URLs")

        def work() -> IngestReport:
            items = read_uploads(uploads, ingest_options) + read_urls(urls, options, ingest_options)
            return service.ingest(items)

        report = await run_work(request, work, options.work_timeout, "ingest")
        body = IngestOut.of(report)
        if report.failed and not report.ingested and not report.duplicates:
            failed = IngestFailedOut(**body.model_dump(), error=f"nothing ingested: {report.failed[0]}")
            return JSONResponse(failed.model_dump(), status_code=422)
        return JSONResponse(body.model_dump())

    @api.post("/compare", responses={**ERRORS, 404: {"model": ErrorOut}, **COMPARE_RESPONSES},
              summary="Compare stored articles, pasted texts and/or URLs")
    async def compare_json(
        request: Request,
        body: CompareIn,
        format: Annotated[Format, Query(description="json (the contract), markdown, html or text")] = "json",  # noqa: A002
    ) -> Response:
        check_count(len(body.ids) + len(body.texts) + len(body.urls), options.max_items, "ids, texts and URLs")

        def work() -> Response:
            raws = read_texts([PastedText(t.text, t.title, t.outlet) for t in body.texts], options)
            raws += articles_only(read_urls(body.urls, options))
            return compare_response(service.compare(body.ids, raws, body.max_omissions), format)

        return await run_work(request, work, options.work_timeout, "compare")

    @api.post("/compare/upload", responses={**UPLOAD_ERRORS, **COMPARE_RESPONSES},
              summary="Compare uploaded article files (read on the fly, not stored)")
    async def compare_upload(
        request: Request,
        files: Annotated[list[UploadFile] | None, File(description="two or more article files")] = None,
        format: Annotated[Format, Query(description="json (the contract), markdown, html or text")] = "json",  # noqa: A002
        max_omissions: Annotated[int, Query(ge=0, description="at most this many omissions per article")] = 25,
    ) -> Response:
        def work() -> Response:
            uploads = read_upload_files(files or [], service, options.max_items)
            if not uploads:
                raise WebError("no files uploaded: send two or more files in the multipart field 'files'")
            raws = articles_only(read_uploads(uploads, reading_options(options)))
            return compare_response(service.compare([], raws, max_omissions), format)

        return await run_work(request, work, options.work_timeout, "compare")

    return api


#: Swagger UI's files served at ``/docs/static/`` from the ``swagger-ui-bundle`` package.
DOCS_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}


def docs_router(title: str) -> APIRouter:
    """``/docs``: Swagger UI served by this server (no CDN), with a CSP of 'self' and its one inline script."""
    from swagger_ui_bundle import swagger_ui_path

    docs = APIRouter()

    @docs.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json", title=f"{title} API",
            swagger_js_url="/docs/static/swagger-ui-bundle.js", swagger_css_url="/docs/static/swagger-ui.css",
            swagger_favicon_url="/docs/static/favicon-32x32.png",
        )
        body = bytes(page.body).decode("utf-8")
        return HTMLResponse(body, headers={"Content-Security-Policy": document_csp(body, DOCS_CSP)})

    @docs.get("/docs/static/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name not in DOCS_ASSETS:
            raise StarletteHTTPException(404, f"no file {name!r} under /docs/static")
        data = (swagger_ui_path / name).read_bytes()
        return Response(data, media_type=DOCS_ASSETS[name])

    return docs


# -- helpers shared with the pages -------------------------------------------------------------


def stories_out(page: StoryPage) -> StoriesOut:
    """The API shape of a page of stories."""
    return StoriesOut(
        outlets=page.outlets, total=page.total, offset=page.offset, limit=page.limit,
        stories=[
            StoryRowOut(
                id=r.story.id, title=r.story.title, first_seen=r.story.first_seen, last_seen=r.story.last_seen,
                articles=len(r.story.articles), outlets=list(r.story.outlets), coverage=r.coverage,
                counts=CountsOut(**dataclasses.asdict(r.counts)) if r.counts else None, new_since=r.news_at,
            )
            for r in page.rows
        ],
    )  # fmt: skip


def story_out(view: StoryView) -> StoryOut:
    """The API shape of one story."""
    story = view.story
    return StoryOut(
        id=story.id, title=story.title, first_seen=story.first_seen, last_seen=story.last_seen,
        outlets=list(story.outlets), articles=list(story.articles), shared_copy=[tuple(c) for c in story.shared_copy],
        timeline=[TimelineOut(**dataclasses.asdict(t)) for t in view.timeline], missing_outlets=view.missing,
        counts=CountsOut(**dataclasses.asdict(view.counts)) if view.counts else None,
        comparison=ContractOut.model_validate(view.contract) if view.contract else None, news=view.news,
    )  # fmt: skip


def compare_response(result: CompareResult, fmt: str) -> Response:
    """The comparison in ``fmt``: the JSON contract, or a rendered report."""
    if fmt == "json":
        return Response(to_json(result) + "\n", media_type=MEDIA_TYPES["json"])
    if fmt == "html":
        return report_response(result)
    if fmt == "markdown":
        return Response(render(result, "markdown"), media_type=MEDIA_TYPES["markdown"])
    return PlainTextResponse(render(result, "text", width=TEXT_WIDTH, color=False))


def report_response(result: CompareResult) -> HTMLResponse:
    """The self-contained HTML report of a comparison."""
    return report_html(render(result, "html"))


def report_html(page: str) -> HTMLResponse:
    """An HTML report (rendered now or read from the store), under the report's own CSP
    (its inline script and styles are allowed by hash)."""
    return HTMLResponse(page, headers={"Content-Security-Policy": REPORT_POLICY})


def read_upload_files(files: list[Any], service: Service, max_count: int) -> list[Upload]:
    """Uploaded files (FastAPI/Starlette ``UploadFile``s) checked and read into memory.

    Parts without a file name and without content are what browsers send for an
    empty file input; they are skipped. Type, size and count are checked before
    anything is read.
    """
    chosen = [f for f in files if (f.filename or f.size)]
    check_count(len(chosen), max_count, "files")
    names = [display_name(f.filename, i) for i, f in enumerate(chosen, start=1)]
    for name, upload in zip(names, chosen, strict=True):
        check_upload(name, upload.size or 0, service.options)
    check_total(sum(f.size or 0 for f in chosen), service.options)
    uploads = []
    for name, upload in zip(names, chosen, strict=True):
        upload.file.seek(0)
        data = upload.file.read(service.options.max_file_bytes + 1)
        check_upload(name, len(data), service.options)
        uploads.append(Upload(name, data))
    return uploads


async def _ingest_inputs(request: Request, service: Service) -> tuple[list[Upload], list[str]]:
    """The files and URLs of an ingest request: multipart (files, urls) or JSON ({"urls": [...]})."""
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    options = service.options
    if media == "application/json":
        try:
            payload = IngestIn.model_validate(json.loads(await request.body()))
        except json.JSONDecodeError as exc:
            raise WebError(f"request body is not valid JSON ({exc.msg} at line {exc.lineno})") from exc
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from exc
        return [], payload.urls
    if media == "multipart/form-data":
        form = await request.form(max_files=options.max_files + 1, max_fields=options.max_files + 10)
        try:
            files = [f for f in form.getlist("files") if not isinstance(f, str)]
            urls = [line for u in form.getlist("urls") if isinstance(u, str) for line in u.splitlines()]
            uploads = await run_in_threadpool(read_upload_files, files, service, options.max_files)
        finally:
            await form.close()
        return uploads, urls
    raise UnsupportedTypeError(
        f"content type {media or 'none'!r} is not accepted: send multipart/form-data (files) "
        'or application/json ({"urls": [...]})'
    )

