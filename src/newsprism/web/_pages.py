"""The HTML pages: server-rendered, every value escaped, no script at all.

    /                  a form: paste texts (with optional outlet and headline), upload
                       files and/or give URLs → POST /compare → the HTML report
    /compare?ids=…     the report for stored articles (picked on /articles)
    /articles          stored articles (filter by outlet and dates), checkboxes to
                       compare the picked ones, and a small form to ingest more
    /articles/{id}     one article, sentences numbered, non-body lines marked
    /ingest            (POST) store uploaded files and URLs, then show what happened
    /static/newsprism.css  the pages' stylesheet (CSP allows styles from 'self' only)
    /favicon.ico       204 (there is no icon; keeps browser consoles free of 404s)

    /stories           stored stories, newest first: title, dates, a coverage bar (one mark
                       per outlet of the store), counts of disputes, altered quotes and
                       one-outlet facts once compared; filters and paging
    /stories/{id}      one story: timeline (who published first, who followed when), the
                       outlets that did not cover it, the claim view of its comparison
                       (computed once, cached in the store until its articles change)
    /stories/{id}/report  the full HTML report of that comparison
    /outlets           outlet profiles from the store's evidence: facts carried alone and
                       left out, disputes, quote changes, anonymous sources, loaded words,
                       labels; each figure with its count (and interval) and its evidence

Web ingests regroup the store into stories (incrementally) right after storing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, Response

from newsprism import __version__
from newsprism.errors import UsageError
from newsprism.ingest import SUFFIXES, is_url
from newsprism.model import BODY, Article, ArticleSummary, FindingKind, IngestReport, parse_published
from newsprism.web._api import read_upload_files, report_html, report_response
from newsprism.web._inputs import (
    PastedText,
    articles_only,
    check_count,
    check_total,
    read_text,
    read_uploads,
    read_urls,
    reading_options,
)
from newsprism.report.newsroom import Figure, OutletProfile, claim_link
from newsprism.web._service import Service, StoryPage, StoryView
from newsprism.web._work import run_work

#: Text boxes on the form unless ``/?texts=N`` asks for more.
DEFAULT_TEXT_BOXES = 4
#: Stories per page of /stories.
STORIES_PER_PAGE = 50
#: Rows on /articles unless a smaller limit is asked for.
MAX_ROWS = 500

CSS = """
:root { color-scheme: light dark; --muted: #666; --line: #ccc; --accent: #1a5fb4; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; }
header { border-bottom: 1px solid var(--line); padding: .5rem 1rem; }
header nav a { margin-right: 1rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
label { display: block; font-weight: 600; margin-top: .5rem; }
input[type=text], input[type=date], input[type=number], textarea { width: 100%; box-sizing: border-box; font: inherit; }
textarea { font-family: ui-monospace, monospace; font-size: .9rem; }
.texts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
fieldset { border: 1px solid var(--line); margin: 0 0 1rem; }
button { font: inherit; padding: .4rem 1.2rem; margin-top: .5rem; }
.hint, .meta { color: var(--muted); }
.error { color: #b00020; font-weight: 600; }
.badge { background: var(--accent); color: #fff; border-radius: .6rem; padding: 0 .45rem; font-size: .8rem; }
.coverage { font-family: ui-monospace, monospace; letter-spacing: .1em; white-space: nowrap; }
.coverage .mark { color: var(--line); }
.coverage .mark.on { color: var(--accent); }
#claims td, #claims th { vertical-align: top; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num { text-align: right; }
.filters { display: flex; gap: 1rem; flex-wrap: wrap; align-items: end; }
.filters label { margin: 0; }
ol.sentences li { margin: .2rem 0; }
ol.sentences li.non-body { color: var(--muted); }
.kind { font-size: .8rem; text-transform: uppercase; color: #8a6d00; margin-right: .3rem; }
code { font-size: .9em; }
"""


def router(service: Service) -> APIRouter:
    """The page routes, bound to the server's ``service``."""
    pages = APIRouter(include_in_schema=False)
    options = service.options

    @pages.get("/static/newsprism.css")
    def stylesheet() -> Response:
        return Response(CSS, media_type="text/css; charset=utf-8")

    @pages.get("/favicon.ico")
    def favicon() -> Response:
        """No icon: an empty answer, so browsers (and their consoles) see no 404."""
        return Response(status_code=204)

    @pages.get("/", response_class=HTMLResponse)
    def index(texts: Annotated[int, Query(ge=0)] = DEFAULT_TEXT_BOXES) -> HTMLResponse:
        return HTMLResponse(index_page(max(2, min(texts, options.max_items)), service))

    @pages.post("/compare", response_class=HTMLResponse)
    async def compare_form(request: Request) -> Response:
        form = await request.form(
            max_files=options.max_items + 1,
            max_fields=4 * options.max_items + 20,
            max_part_size=options.max_file_bytes + 4096,
        )
        try:
            return await run_work(request, lambda: _compare_form(form, service), options.work_timeout, "compare")
        finally:
            await form.close()

    @pages.get("/compare", response_class=HTMLResponse)
    async def compare_stored(
        request: Request,
        ids: Annotated[list[str], Query()] = [],  # noqa: B006
        max_omissions: Annotated[int, Query(alias="max-omissions", ge=0)] = 25,
    ) -> Response:
        if len(ids) < 2:
            raise UsageError("pick two or more stored articles to compare (on /articles)")
        return await run_work(
            request, lambda: report_response(service.compare(ids, [], max_omissions)), options.work_timeout, "compare"
        )

    @pages.get("/articles", response_class=HTMLResponse)
    def articles(outlet: str = "", since: str = "", until: str = "", limit: str = "") -> HTMLResponse:
        rows_limit = _limit(limit)
        rows = service.summaries(outlet, _date(since, "since"), _date(until, "until"), rows_limit + 1)
        filters = {"outlet": outlet, "since": since, "until": until, "limit": limit}
        return HTMLResponse(articles_page(rows[:rows_limit], len(rows) > rows_limit, filters, service))

    @pages.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(article_id: str) -> HTMLResponse:
        return HTMLResponse(article_page(service.article(article_id)))

    @pages.get("/stories", response_class=HTMLResponse)
    def stories(outlet: str = "", since: str = "", until: str = "", q: str = "", offset: str = "") -> HTMLResponse:
        start = _offset(offset)
        page = service.story_rows(outlet or None, _date(since, "since"), _date(until, "until"), q or None, STORIES_PER_PAGE, start)
        return HTMLResponse(stories_page(page, {"outlet": outlet, "since": since, "until": until, "q": q}))

    @pages.get("/stories/{story_id}", response_class=HTMLResponse)
    async def story(request: Request, story_id: str) -> Response:
        view = await run_work(request, lambda: service.story_view(story_id), service.options.work_timeout, "compare")
        return HTMLResponse(story_page(view))

    @pages.get("/stories/{story_id}/report", response_class=HTMLResponse)
    async def story_report(request: Request, story_id: str) -> Response:
        view = await run_work(request, lambda: service.story_view(story_id), service.options.work_timeout, "compare")
        if view.report is None:
            raise UsageError(f"story {story_id} has one article: there is nothing to compare")
        return report_html(view.report)

    @pages.get("/outlets", response_class=HTMLResponse)
    async def outlets(request: Request) -> Response:
        profiles = await run_work(request, service.outlet_profiles, service.options.work_timeout, "compare")
        return HTMLResponse(outlets_page(profiles))

    @pages.post("/ingest", response_class=HTMLResponse)
    async def ingest_form(request: Request) -> Response:
        form = await request.form(max_files=options.max_files + 1, max_fields=20)
        try:
            report = await run_work(request, lambda: _ingest_form(form, service), options.work_timeout, "ingest")
        finally:
            await form.close()
        return HTMLResponse(ingest_page(report), status_code=200 if report.ingested or report.duplicates else 422)

    return pages


# -- form handling -----------------------------------------------------------------------------


def _compare_form(form: FormData, service: Service) -> Response:
    """Read the comparison form (texts, files, URLs) and answer with the HTML report."""
    options = service.options
    texts = [
        (i, PastedText(text, _field(form, f"title-{i}"), _field(form, f"outlet-{i}")))
        for i in range(1, options.max_items + 1)
        if (text := _field(form, f"text-{i}")).strip()
    ]
    files = [f for f in form.getlist("files") if not isinstance(f, str)]
    urls = [u.strip() for u in _field(form, "urls").splitlines() if u.strip()]
    chosen_files = [f for f in files if f.filename or f.size]
    check_count(len(texts) + len(chosen_files) + len(urls), options.max_items, "texts, files and URLs")
    check_total(sum(len(t.text.encode("utf-8")) for _, t in texts) + sum(f.size or 0 for f in chosen_files), options)
    raws = [read_text(t, i, options) for i, t in texts]
    uploads = read_upload_files(chosen_files, service, options.max_items)
    ingest_options = reading_options(options)
    raws += articles_only(read_uploads(uploads, ingest_options))
    raws += articles_only(read_urls(urls, options))
    return report_response(service.compare([], raws, _omissions(_field(form, "max-omissions"))))


def _ingest_form(form: FormData, service: Service) -> IngestReport:
    """Read the ingest form (files, URLs) and store what it holds."""
    options = service.options
    files = [f for f in form.getlist("files") if not isinstance(f, str)]
    urls = [u.strip() for u in _field(form, "urls").splitlines() if u.strip()]
    uploads = read_upload_files(files, service, options.max_files)
    check_count(len(uploads) + len(urls), options.max_files, "files and URLs")
    if not uploads and not urls:
        raise UsageError("nothing to ingest: choose files or give URLs")
    ingest_options = reading_options(options, skip_bad=True)
    return service.ingest(read_uploads(uploads, ingest_options) + read_urls(urls, options))


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _omissions(value: str) -> int:
    if not value.strip():
        return 25
    if not value.strip().isdigit():
        raise UsageError(f"max omissions {value!r} is not a whole number of zero or more")
    return int(value)


def _date(value: str, name: str) -> dt.date | None:
    """A filter date from the form; empty means no filter."""
    if not value.strip():
        return None
    try:
        parsed = parse_published(value.strip())
    except ValueError as exc:
        raise UsageError(f"{name} {value!r} is not a date; use YYYY-MM-DD") from exc
    return parsed.date() if isinstance(parsed, dt.datetime) else parsed


def _offset(value: str) -> int:
    """``offset=`` of /stories: empty is 0; anything but a whole number >= 0 is a usage error."""
    if not value.strip():
        return 0
    if not value.strip().isdigit():
        raise UsageError(f"offset {value!r} is not a whole number of stories")
    return min(int(value), 1_000_000_000)


def _limit(value: str) -> int:
    if not value.strip():
        return MAX_ROWS
    if not value.strip().isdigit():
        raise UsageError(f"limit {value!r} is not a whole number of zero or more")
    return min(int(value), MAX_ROWS)


# -- pages -------------------------------------------------------------------------------------


def layout(title: str, body: str) -> str:
    """A whole page: head with the stylesheet, the navigation bar, then ``body`` (HTML)."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)} · newsprism</title>\n"
        "<link rel=\"icon\" href=\"data:,\">\n"
        "<link rel=\"stylesheet\" href=\"/static/newsprism.css\">\n</head>\n<body>\n"
        "<header><nav><a href=\"/\" id=\"nav-compare\">Compare</a>"
        "<a href=\"/articles\" id=\"nav-articles\">Stored articles</a>"
        "<a href=\"/stories\" id=\"nav-stories\">Stories</a>"
        "<a href=\"/outlets\" id=\"nav-outlets\">Outlets</a>"
        "<a href=\"/docs\" id=\"nav-api\">API</a></nav></header>\n"
        f"<main>\n{body}\n</main>\n"
        f"<footer><p class=\"hint\">newsprism {escape(__version__)}</p></footer>\n</body>\n</html>\n"
    )


def index_page(boxes: int, service: Service) -> str:
    """The comparison form with ``boxes`` text boxes, plus file upload and URLs."""
    options = service.options
    blocks = "\n".join(_text_block(i) for i in range(1, boxes + 1))
    more = (
        f"<p><a href=\"/?texts={min(boxes + 2, options.max_items)}\" id=\"more-texts\">More text boxes</a></p>"
        if boxes < options.max_items else ""
    )
    accept = ",".join(SUFFIXES)
    body = f"""<h1>Compare news articles</h1>
<p>Give two or more articles about the same event: paste their texts, upload files, or give URLs
(any mix). newsprism shows what they agree on, contradict each other on, quote differently and
leave out; every finding cites the sentences it comes from. When the articles seem not to be about
one event, the report says so at its top and leaves contradictions out. Nothing here is stored.</p>
<form id="compare-form" method="post" action="/compare" enctype="multipart/form-data">
<div class="texts">
{blocks}
</div>
{more}
<fieldset id="files-block"><legend>Files</legend>
<label for="files">Upload article files</label>
<input type="file" id="files" name="files" multiple accept="{escape(accept)}">
<p class="hint">{escape(' '.join(SUFFIXES))}; at most {options.max_file_bytes:,} bytes each.</p>
</fieldset>
<fieldset id="urls-block"><legend>URLs</legend>
<label for="urls">Article URLs, one per line</label>
<textarea id="urls" name="urls" rows="3" placeholder="https://…"></textarea>
</fieldset>
<label for="max-omissions">Omissions to show per article, at most</label>
<input type="number" id="max-omissions" name="max-omissions" value="25" min="0">
<button type="submit" id="compare-submit">Compare</button>
</form>
<p class="hint">At most {options.max_items} articles per comparison. The first comparison after the
server starts takes longer while the language models load.</p>"""
    return layout("Compare", body)


def _text_block(i: int) -> str:
    return f"""<fieldset id="text-block-{i}" class="text-block"><legend>Text {i}</legend>
<label for="outlet-{i}">Outlet</label>
<input type="text" id="outlet-{i}" name="outlet-{i}" maxlength="200" placeholder="optional">
<label for="title-{i}">Headline</label>
<input type="text" id="title-{i}" name="title-{i}" maxlength="1000" placeholder="optional: else the first line of the text">
<label for="text-{i}">Article text</label>
<textarea id="text-{i}" name="text-{i}" rows="12"></textarea>
</fieldset>"""


def articles_page(rows: list[ArticleSummary], more: bool, filters: dict[str, str], service: Service) -> str:
    """Stored articles with filters, checkboxes to compare, and an ingest form."""
    table = (
        _articles_table(rows)
        if rows else "<p id=\"no-articles\">No stored articles match. Ingest some below, "
        "or with <code>newsprism ingest</code>.</p>"
    )
    shown = f"<p class=\"hint\">Showing the first {len(rows)}; narrow the filters to see others.</p>" if more else ""
    body = f"""<h1>Stored articles</h1>
<form id="filter-form" method="get" action="/articles" class="filters">
{_input("filter-outlet", "outlet", "Outlet contains", filters["outlet"])}
{_input("filter-since", "since", "Published from", filters["since"], "date")}
{_input("filter-until", "until", "Published until", filters["until"], "date")}
{_input("filter-limit", "limit", "At most", filters["limit"], "number")}
<button type="submit" id="filter-submit">Filter</button>
</form>
<form id="compare-stored" method="get" action="/compare">
{table}
{shown}
<button type="submit" id="compare-selected">Compare selected</button>
</form>
<h2>Ingest more</h2>
<form id="ingest-form" method="post" action="/ingest" enctype="multipart/form-data">
<label for="ingest-files">Article files (stored)</label>
<input type="file" id="ingest-files" name="files" multiple accept="{escape(",".join(SUFFIXES))}">
<label for="ingest-urls">URLs of pages or feeds, one per line</label>
<textarea id="ingest-urls" name="urls" rows="3"></textarea>
<button type="submit" id="ingest-submit">Ingest</button>
</form>"""
    return layout("Stored articles", body)


def _input(ident: str, name: str, label: str, value: str, kind: str = "text") -> str:
    return (
        f"<div><label for=\"{ident}\">{escape(label)}</label>"
        f"<input type=\"{kind}\" id=\"{ident}\" name=\"{name}\" value=\"{escape(value)}\"></div>"
    )


def _articles_table(rows: Iterable[ArticleSummary]) -> str:
    lines = [
        "<table id=\"articles\"><thead><tr><th>Pick</th><th>Outlet</th><th>Published</th><th>Title</th>"
        "<th>Byline</th><th>Language</th><th>Sentences</th><th>Non-body</th></tr></thead><tbody>"
    ]
    for r in rows:
        ident = escape(r.id)
        lines.append(
            f"<tr><td><input type=\"checkbox\" name=\"ids\" value=\"{ident}\" id=\"pick-{ident}\" "
            f"aria-label=\"pick {escape(r.title)}\"></td>"
            f"<td>{escape(r.outlet)}</td><td>{escape(r.published.isoformat()) if r.published else '–'}</td>"
            f"<td><a href=\"/articles/{quote(r.id, safe='')}\">{escape(r.title or r.id)}</a></td>"
            f"<td>{escape(r.byline or '–')}</td><td>{escape(r.language or '–')}</td>"
            f"<td class=\"num\">{r.sentences - r.non_body}</td><td class=\"num\">{r.non_body}</td></tr>"
        )
    lines.append("</tbody></table>")
    return "\n".join(lines)


def article_page(article: Article) -> str:
    """One article: header, then its sentences numbered from 1, non-body lines marked."""
    link = (
        f" · <a href=\"{escape(article.url)}\" rel=\"noopener noreferrer nofollow\">{escape(article.url)}</a>"
        if article.url and is_url(article.url) else (f" · {escape(article.url)}" if article.url else "")
    )
    items = []
    for s in article.sentences:
        text = escape(article.text[s.start : s.end])
        number = s.index + 1
        if s.kind == BODY:
            items.append(f"<li id=\"s{number}\" value=\"{number}\" class=\"sentence body\">{text}</li>")
        else:
            kind = escape(s.kind)
            items.append(
                f"<li id=\"s{number}\" value=\"{number}\" class=\"sentence non-body kind-{kind}\">"
                f"<span class=\"kind\">[{kind}]</span> {text}</li>"
            )
    body = f"""<h1 id="article-title">{escape(article.title)}</h1>
<p class="meta">{escape(article.outlet)} · {escape(article.published_iso or 'date unknown')} ·
id <code id="article-id">{escape(article.id)}</code>{link}</p>
<p class="hint">{len(article.sentences)} sentences; non-body lines (captions, bullets, boilerplate, subheads)
are marked and left out of comparisons. <a href="/articles">Back to the list</a></p>
<ol class="sentences" id="sentences">
{chr(10).join(items)}
</ol>"""
    return layout(article.title or article.id, body)


def ingest_page(report: IngestReport) -> str:
    """What an ingest from the form did."""
    def ids(values: list[str]) -> str:
        return ", ".join(f"<a href=\"/articles/{quote(v, safe='')}\">{escape(v)}</a>" for v in values) or "–"

    failed = "".join(f"<li>{escape(str(f))}</li>" for f in report.failed)
    skipped = "".join(f"<li>{escape(str(f))}</li>" for f in report.skipped)
    body = f"""<h1>Ingest</h1>
<p id="ingest-summary">{escape(report.summary())}</p>
<p>Stored: {ids(report.ingested)}</p>
<p>Already stored: {ids(report.duplicates)}</p>
{f'<ul class="error" id="ingest-failures">{failed}</ul>' if failed else ''}
{f'<p>Not articles, skipped:</p><ul id="ingest-skipped">{skipped}</ul>' if skipped else ''}
<p><a href="/articles">Stored articles</a></p>"""
    return layout("Ingest", body)


# -- stories ------------------------------------------------------------------------------------


def _query(filters: dict[str, str], **more: object) -> str:
    """The query string of /stories for these filters (empty ones left out)."""
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in {**filters, **more}.items() if v not in ("", None)})


def _bar(outlets: list[str], covered: list[bool]) -> str:
    """The coverage bar: one mark per outlet of the store, filled where it covered the story."""
    marks = "".join(
        f"<span class=\"mark{' on' if on else ''}\" title=\"{escape(o)}: {'covered' if on else 'did not cover'}\">"
        f"{'■' if on else '□'}</span>"
        for o, on in zip(outlets, covered, strict=True)
    )
    return f"<span class=\"coverage\" aria-label=\"{sum(covered)} of {len(outlets)} outlets\">{marks}</span>"


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "date unknown"
    return escape(first) if not last or last == first else f"{escape(first)} – {escape(last)}"


def stories_page(page: StoryPage, filters: dict[str, str]) -> str:
    """The stories of the store, newest first, with coverage bars, counts, filters and paging."""
    rows = []
    for r in page.rows:
        c = r.counts
        counted = (
            f"<td class=\"num\">{c.disputes}</td><td class=\"num\">{c.altered_quotes}</td><td class=\"num\">{c.one_outlet_facts}</td>"
            if c else "<td colspan=\"3\" class=\"hint\">open to compare</td>"
        )
        rows.append(
            f"<tr><td><a href=\"/stories/{quote(r.story.id, safe='')}\">{escape(r.story.title or r.story.id)}</a>"
            + (f" <span class=\"badge\" title=\"new since {escape(r.news_at)}\">new</span>" if r.news_at else "") + "</td>"
            f"<td>{_span(r.story.first_seen, r.story.last_seen)}</td><td>{_bar(page.outlets, r.coverage)}</td>"
            f"<td class=\"num\">{len(r.story.articles)}</td>{counted}</tr>"
        )
    table = (
        "<table id=\"stories\"><thead><tr><th>Story</th><th>When</th><th>Coverage</th><th>Articles</th>"
        "<th>Disputes</th><th>Altered quotes</th><th>One-outlet facts</th></tr></thead><tbody>\n"
        + "\n".join(rows) + "\n</tbody></table>"
        if rows else "<p id=\"no-stories\">No stories match. Ingest articles (they are grouped into stories as they are stored).</p>"
    )
    legend = (
        "<p class=\"hint\" id=\"outlet-order\">Coverage marks, in order: "
        + ", ".join(escape(o) for o in page.outlets) + "</p>" if page.outlets else ""
    )
    paging = []
    if page.offset > 0:
        paging.append(f"<a id=\"newer\" href=\"/stories?{escape(_query(filters, offset=max(page.offset - page.limit, 0)))}\">Newer</a>")
    if page.offset + len(page.rows) < page.total:
        paging.append(f"<a id=\"older\" href=\"/stories?{escape(_query(filters, offset=page.offset + page.limit))}\">Older</a>")
    shown = f"{page.offset + 1}–{page.offset + len(page.rows)} of {page.total}" if page.rows else f"0 of {page.total}"
    body = f"""<h1>Stories</h1>
<form id="story-filters" method="get" action="/stories" class="filters">
{_input("filter-outlet", "outlet", "Covered by an outlet containing", filters["outlet"])}
{_input("filter-since", "since", "With an article from", filters["since"], "date")}
{_input("filter-until", "until", "With an article until", filters["until"], "date")}
{_input("filter-q", "q", "Title contains", filters["q"])}
<button type="submit" id="filter-submit">Filter</button>
</form>
<p class="meta" id="shown">{shown}</p>
{legend}
{table}
<p>{" · ".join(paging)}</p>"""
    return layout("Stories", body)


def story_page(view: StoryView) -> str:
    """One story: timeline, outlets that did not cover it, counts and the claim view."""
    story = view.story
    steps = []
    for t in view.timeline:
        when = escape(t.published or "undated")
        lag = "first" if t.first else (f"+{t.lag_days} day(s)" if t.lag_days is not None else "")
        steps.append(
            f"<li><span class=\"meta\">{when}</span> {escape(t.outlet)}: "
            f"<a href=\"/articles/{quote(t.article, safe='')}\">{escape(t.title or t.article)}</a>"
            + (f" <span class=\"meta\">({escape(lag)})</span>" if lag else "") + "</li>"
        )
    missing = (
        "<p id=\"missing\">Not covered by: " + ", ".join(escape(o) for o in view.missing) + "</p>"
        if view.missing else "<p id=\"missing\">Every outlet of the store covered it.</p>"
    )
    counts = view.counts
    summary = (
        f"<p id=\"counts\">{counts.disputes} dispute(s) · {counts.altered_quotes} altered quote(s) · "
        f"{counts.one_outlet_facts} fact(s) one outlet carries alone · "
        f"<a href=\"/stories/{quote(story.id, safe='')}/report\" id=\"full-report\">full report</a></p>"
        if counts else "<p id=\"counts\" class=\"hint\">One article: nothing to compare.</p>"
    )
    news = (
        "<h2>New since " + escape(view.news[0].get("at", "") or "the last day") + "</h2><ul id=\"news\">"
        + "".join(f"<li>{escape(_news_line(e))}</li>" for e in view.news) + "</ul>"
        if view.news else ""
    )
    body = f"""<h1>{escape(story.title or story.id)}</h1>
{news}
<p class="meta">{_span(story.first_seen, story.last_seen)} · {len(story.articles)} article(s) · {len(story.outlets)} outlet(s)</p>
<h2>Timeline</h2>
<ol id="timeline">{"".join(steps)}</ol>
{missing}
<h2>Comparison</h2>
{summary}
{_claims(view.contract) if view.contract else ""}"""
    return layout(story.title or "Story", body)


#: How each ``newsprism watch`` event reads on a story page.
_NEWS_WORDS = {
    "new_story": "new story", "story_grew": "a new article joined", "story_updated": "an article was updated",
    "new_dispute": "new dispute", "altered_quote": "altered quote",
}  # fmt: skip


def _news_line(event: dict) -> str:
    words = _NEWS_WORDS.get(event.get("event", ""), str(event.get("event", "")))
    detail = event.get("summary") or ", ".join(event.get("outlets", []))
    return f"{words}: {detail}" if detail else words


def _claims(contract: dict) -> str:
    """The claim view: one row per claim, one column per outlet (its wording or "not reported")."""
    outlets = list(dict.fromkeys(a.get("outlet") or a["id"] for a in contract["articles"]))
    outlet_of = {a["id"]: a.get("outlet") or a["id"] for a in contract["articles"]}
    marks: dict[str, list[str]] = {}
    for finding in contract["findings"]:
        if finding.get("claim") and finding["kind"] in (FindingKind.CONTRADICTION, FindingKind.QUOTE_CHANGE):
            marks.setdefault(finding["claim"], []).append(finding["kind"].replace("_", " "))
    head = "".join(f"<th>{escape(o)}</th>" for o in outlets)
    rows = []
    for claim in contract["claims"]:
        by_outlet: dict[str, list[str]] = {}
        for c in claim["carried_by"]:
            by_outlet.setdefault(outlet_of.get(c["article"], c["article"]), []).append(c["text"])
        cells = "".join(
            f"<td>{escape(' '.join(by_outlet[o]))}</td>" if o in by_outlet else "<td class=\"hint\">not reported</td>"
            for o in outlets
        )
        flags = ", ".join(sorted(set(marks.get(claim["id"], []))))
        rows.append(f"<tr id=\"claim-{escape(claim['id'])}\"><th>{escape(flags)}</th>{cells}</tr>")
    return (
        f"<table id=\"claims\"><thead><tr><th>Finding</th>{head}</tr></thead><tbody>\n"
        + "\n".join(rows) + "\n</tbody></table>"
    )


#: Below this many cases a rate is marked as a small sample.
SMALL_SAMPLE = 20


def _figure_cell(figure: Figure, ident: str) -> str:
    """A figure: its count (a rate: with n and its 95% interval), opening to its evidence."""
    if figure.of is not None:
        shown = f"{figure.count} of {figure.of}"
        if figure.interval:
            low, high = figure.interval
            shown += f" ({100 * figure.count / figure.of:.0f}%, 95% CI {100 * low:.0f}–{100 * high:.0f}%)"
        if figure.of < SMALL_SAMPLE:
            shown += " · small sample"
    else:
        shown = str(figure.count)
    if not figure.evidence:
        return f"<td id=\"{ident}\">{escape(shown)}</td>"
    links = "".join(
        f"<li><a href=\"{escape(claim_link(e.story, e.claim))}\">{escape(e.story)}{' · ' + escape(e.claim) if e.claim else ''}</a></li>"
        for e in figure.evidence
    )
    return f"<td id=\"{ident}\"><details><summary>{escape(shown)}</summary><ul>{links}</ul></details></td>"


def outlets_page(profiles: list[OutletProfile]) -> str:
    """Each outlet's figures over the stories it shares with another outlet."""
    if not profiles:
        table = "<p id=\"no-outlets\">No story of the store has two outlets yet.</p>"
    else:
        rows = []
        for n, p in enumerate(profiles):
            loaded = f"{p.loaded_per_1000:.1f} per 1,000 words ({p.loaded_words} in {p.words:,})" if p.loaded_per_1000 is not None else "–"
            labels = ", ".join(f"{escape(label)} ({escape(actor)}) ×{uses}" for actor, label, uses in p.labels) or "–"
            rows.append(
                f"<tr id=\"outlet-{n}\"><th>{escape(p.outlet)}</th><td class=\"num\">{p.stories}</td>"
                + _figure_cell(p.alone, f"alone-{n}") + _figure_cell(p.left_out, f"left-out-{n}")
                + _figure_cell(p.disputes, f"disputes-{n}") + _figure_cell(p.quote_changes, f"quotes-{n}")
                + _figure_cell(p.anonymous, f"anonymous-{n}") + f"<td>{escape(loaded)}</td><td>{labels}</td></tr>"
            )
        table = (
            "<table id=\"outlets\"><thead><tr><th>Outlet</th><th>Shared stories</th><th>Facts it alone carries</th>"
            "<th>Facts most others carry, left out</th><th>Disputes</th><th>Quote changes</th>"
            "<th>Anonymous sources</th><th>Loaded words (own voice)</th><th>Labels it uses</th></tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>"
        )
    body = f"""<h1>Outlets</h1>
<p class="hint">Only what this store shows: over the stories each outlet shares with at least one other
outlet, compared claim by claim. Each figure opens to the claims behind it; rates give their
count and a 95% interval, and say when the sample is small. No rating from outside.</p>
{table}"""
    return layout("Outlets", body)
