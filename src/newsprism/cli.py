"""The ``newsprism`` command line: a thin layer that parses arguments into the options
objects the library takes, calls the library, and prints.

Every ``NewsprismError`` becomes one ``error: ...`` line on stderr and exit code 2
(1 when ``--skip-bad`` let a run finish with some inputs failed).
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsprism import __version__
from newsprism.errors import NewsprismError
from newsprism.model import BODY, Article
from newsprism.options import DB_ENV, IngestOptions, default_db, parse_field_map
from newsprism.report._text import safe_text

app = typer.Typer(
    name="newsprism",
    help=(
        "Show how different outlets report the same news event.\n\n"
        "Start with:  newsprism ingest examples/airstrikes-iraq  then  newsprism list"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
#: A pipe or file gets wide lines rather than a table cut at 80 columns.
#: emoji=False: rich would turn ":100:" in "corpus.jsonl:100: ..." into an emoji.
out = Console(highlight=False, emoji=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, emoji=False)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help=f"Store file (default: ${DB_ENV} or ./newsprism.duckdb).", show_default=False),
]

WorkersOption = Annotated[
    int,
    typer.Option("--workers", help="Processes to use: 0 (the default) uses every core, 1 works in this process."),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option("--allow-private-urls", help="Let URLs reach loopback, private and link-local addresses (your intranet)."),
]

#: Set by ``--verbose`` (on the root or on a command): print where the time went at exit.
_TIMINGS = {"on": False}

VerboseTimingOption = Annotated[
    bool,
    typer.Option("--verbose", help="At the end, print to stderr the time spent loading models versus working."),
]

#: More inputs than this get a progress bar.
PROGRESS_MIN_INPUTS = 5


def _db(db: Path | None) -> Path:
    return db or default_db()


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="At the end, print to stderr the time spent loading models versus working (any command).")] = False,
) -> None:
    _TIMINGS["on"] = _TIMINGS["on"] or verbose
    if version:
        out.print(f"newsprism {__version__}")
        raise typer.Exit(0)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories (read recursively), globs or http(s) URLs.", show_default=False)],
    db: DbOption = None,
    max_bytes: Annotated[int, typer.Option(help="Largest input file or record, in bytes.")] = 5_000_000,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Report bad inputs and go on (exit 1 if any failed).")] = False,
    map_: Annotated[list[str], typer.Option("--map", help="Read a field from another column, e.g. --map text=body (repeatable).")] = [],  # noqa: B006
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name for every input (overrides what they say).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL.")] = 10.0,
    no_fetch: Annotated[bool, typer.Option("--no-fetch", help="Do not fetch the linked page of feed entries without full text.")] = False,
    batch_size: Annotated[int, typer.Option(help="Articles stored per transaction (a crash loses at most the batch in hand).")] = 500,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print a line to stderr after each committed batch, and at the end the time spent loading models versus working.")] = False,
    allow_private_urls: AllowPrivateOption = False,
    keep_non_articles: Annotated[bool, typer.Option("--keep-non-articles", help="Read HTML pages that are not articles (home, section, tag pages) too; by default they are skipped with one line each.")] = False,
    workers: WorkersOption = 0,
    engine: Annotated[str, typer.Option(help="local (this machine's cores, --workers), or spark: Parquet corpora parsed on a Spark cluster (needs newsprism[spark] and Java).")] = "local",
    master: Annotated[str, typer.Option(help="Spark master for --engine spark, e.g. local[4] or spark://host:7077.")] = "local[2]",
) -> None:
    """Read articles (text, HTML, JSONL/JSON/CSV/Parquet corpora, RSS/Atom feeds, URLs) into the store.

    Ingesting the same article twice stores it once and reports it as a duplicate.
    Text files: the first non-empty line is the headline; an optional '---' YAML front
    matter before it may give outlet, published, url and byline. HTML pages that are
    not articles are skipped with one line each ("PAGE: skipped, not an article (why)");
    skips are not errors, but a run that skipped everything and stored nothing exits 1.
    """
    from newsprism.ingest import ingest as run_ingest
    from newsprism.options import check_engine
    from newsprism.store import Store

    check_engine(engine)
    options = IngestOptions(
        max_bytes=max_bytes,
        skip_bad=skip_bad,
        field_map=parse_field_map(map_),
        outlet=outlet,
        timeout=timeout,
        fetch_links=not no_fetch,
        batch_size=batch_size,
        allow_private_urls=allow_private_urls,
        keep_non_articles=keep_non_articles,
        workers=workers,
    )
    _TIMINGS["on"] = _TIMINGS["on"] or verbose
    show_bar = not verbose and (len(inputs) > PROGRESS_MIN_INPUTS or _is_corpus(inputs))
    with Store.open(_db(db)) as store, _progress(show_bar) as bar:
        task = bar.add_task("ingesting", total=None) if bar else None
        read = 0

        def progress(count: int) -> None:
            nonlocal read
            read += count
            if bar is not None:
                bar.advance(task, count)
            if verbose:
                err.print(f"committed a batch of {count} ({read} read so far)", markup=False)
                err.file.flush()

        if engine == "spark":
            from newsprism.ingest._spark import ingest_on_spark

            report = ingest_on_spark(inputs, store, options, master, progress=progress)
        else:
            report = run_ingest(inputs, store, options, progress=progress)
    for skip in report.skipped:
        err.print(safe_text(str(skip), one_line=True), markup=False, soft_wrap=True)
    for failure in report.failed:
        err.print(safe_text(f"error: {failure}", one_line=True), markup=False, soft_wrap=True)
    out.print(report.summary())
    if report.failed:
        # 1: some inputs failed and the rest went through; 2: nothing did.
        raise typer.Exit(1 if report.ingested or report.duplicates else 2)
    if report.skipped and not (report.ingested or report.duplicates):
        raise typer.Exit(1)  # every input was a page that is not an article: nothing stored


def _is_corpus(inputs: list[str]) -> bool:
    return any(Path(i).suffix.lower() in (".jsonl", ".json", ".csv") or Path(i).is_dir() for i in inputs)


def _progress(show: bool):
    if not show or not err.is_terminal:
        return contextlib.nullcontext()
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, transient=True,
    )


@app.command("list")
def list_(
    db: DbOption = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only outlets whose name contains this.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only articles published on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only articles published on or before this date (YYYY-MM-DD).")] = None,
    limit: Annotated[Optional[int], typer.Option(min=0, help="At most this many rows.")] = None,
    ids: Annotated[bool, typer.Option("--ids", help="Print only the ids, one per line (for scripts).")] = False,
) -> None:
    """List stored articles: id, outlet, date, title, byline, language and sentence counts."""
    from newsprism.store import Store

    with Store.open(_db(db), read_only=True) as store:
        rows = store.list(outlet=outlet, since=_iso_date(since, "--since"), until=_iso_date(until, "--until"), limit=limit)
    if ids:
        for row in rows:
            print(safe_text(row.id, one_line=True))
        return
    table = Table(show_lines=False, expand=False)
    table.add_column("id", no_wrap=True)
    table.add_column("outlet", max_width=24, overflow="ellipsis", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("title", overflow="fold", min_width=30)
    table.add_column("byline", max_width=24, overflow="ellipsis", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("sentences", justify="right")
    table.add_column("non-body", justify="right")
    for r in rows:
        table.add_row(Text(safe_text(r.id)), Text(safe_text(r.outlet)), r.published.isoformat() if r.published else "-",
                      Text(safe_text(r.title)), Text(safe_text(r.byline or "-", one_line=True)), Text(safe_text(r.language or "-")),
                      str(r.sentences - r.non_body), str(r.non_body))
    out.print(table)
    out.print(f"{len(rows)} article(s)")


def _iso_date(value: str | None, flag: str) -> str | None:
    from newsprism.errors import UsageError
    from newsprism.model import parse_published

    if value is None:
        return None
    try:
        return parse_published(value).isoformat()[:10]
    except (ValueError, AttributeError) as exc:
        raise UsageError(f"{flag} {value!r} is not a date; use YYYY-MM-DD") from exc


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (see `newsprism list`).", show_default=False)],
    db: DbOption = None,
) -> None:
    """Print one article with numbered sentences; non-body lines (captions, bullets, links) are marked."""
    from newsprism.store import Store

    with Store.open(_db(db), read_only=True) as store:
        article = store.get(article_id)
    print_article(article)


def print_article(article: Article) -> None:
    """The article's header and its sentences, numbered, non-body ones marked."""
    out.print(Text(safe_text(article.title), style="bold"))
    out.print(
        safe_text(
            f"{article.outlet}  ·  {article.published_iso or 'date unknown'}  ·  id {article.id}"
            + (f"  ·  {article.url}" if article.url else "")
        ),
        markup=False,
    )
    out.print(
        safe_text(
            f"by {article.byline or 'unknown'}  ·  language {article.language or 'unknown'}", one_line=True
        ),
        markup=False,
    )
    out.print()
    for s in article.sentences:
        label = Text(f"{s.index + 1:>3} ", style="dim")
        sentence = safe_text(article.text[s.start : s.end])
        if s.kind == BODY:
            out.print(label + Text(sentence))
        else:
            out.print(label + Text(f"[{s.kind}] ", style="yellow") + Text(sentence, style="dim"))


@app.command()
def quotes(
    item: Annotated[str, typer.Argument(help="An article file (read on the fly, not stored) or a stored article id.", show_default=False)],
    db: DbOption = None,
    format_: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List every direct quotation of an article with its speaker, the speaker's kind and
    mention, and the quoted spans."""
    from newsprism.analysis.quotes import extract_quotes
    from newsprism.errors import UsageError

    if format_ not in ("text", "json"):
        raise UsageError(f"--format {format_!r} is not one of text, json")
    articles = resolve_articles([item], db)
    if len(articles) != 1:
        raise UsageError(f"{item} holds {len(articles)} articles; quotes reads one (give a stored id)")
    (article,) = articles
    found = extract_quotes(article)
    if format_ == "json":
        print(json.dumps({"article": article.id, "quotes": [q.to_dict() for q in found]}, ensure_ascii=False, indent=2))
        return
    out.print(Text(safe_text(article.title), style="bold"))
    out.print(safe_text(f"{article.outlet}  ·  id {article.id}  ·  {len(found)} quote(s)", one_line=True), markup=False)
    for n, quote in enumerate(found, 1):
        out.print()
        mention = safe_text(article.text[slice(*quote.speaker_span)], one_line=True) if quote.speaker_span else None
        who = quote.speaker or ("unknown" if quote.speaker_kind is None else f"({quote.speaker_kind.replace('_', ' ')})")
        kind = f" [{quote.speaker_kind.replace('_', ' ')}]" if quote.speaker and quote.speaker_kind else ""
        seen = f"  from “{mention}” at {quote.speaker_span[0]}-{quote.speaker_span[1]}" if mention else ""
        out.print(Text(f"{n:>3} ", style="dim") + Text(safe_text(who, one_line=True), style="bold") + Text(kind + seen, style="dim"))
        parts = ", ".join(f"{s}-{e}" for s, e in quote.parts)
        out.print(Text(f"    “{safe_text(quote.text)}”", overflow="fold"))
        nested = f", nested in the quote at {quote.nested_in[0]}-{quote.nested_in[1]}" if quote.nested_in else ""
        cue = f"; attributed by “{safe_text(article.text[slice(*quote.cue_span)], one_line=True)}” at {quote.cue_span[0]}-{quote.cue_span[1]}" if quote.cue_span else ""
        out.print(Text(f"    at {parts}{nested}{cue}", style="dim"))


@app.command()
def export(
    db: DbOption = None,
    format_: Annotated[str, typer.Option("--format", help="Output format: jsonl (the ingest format, plus segmentation).")] = "jsonl",
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Export every stored article, one JSON object per line (re-ingestable)."""
    from newsprism.errors import UsageError
    from newsprism.store import Store

    if format_ != "jsonl":
        raise UsageError(f"--format {format_!r} is not supported; use jsonl")
    with Store.open(_db(db), read_only=True) as store:
        lines = (json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in store.iter_articles())
        if out_file is None:
            for line in lines:
                sys.stdout.write(line)
        else:
            try:
                with out_file.open("w", encoding="utf-8") as handle:
                    handle.writelines(lines)
            except OSError as exc:
                raise UsageError(f"--out {out_file}: cannot write ({exc.strerror or exc})") from exc


@app.command()
def compare(
    items: Annotated[Optional[list[str]], typer.Argument(help="Two or more article files/directories (read on the fly, not stored) or stored article ids.", show_default=False)] = None,
    db: DbOption = None,
    story: Annotated[Optional[str], typer.Option("--story", help="Compare the articles of this stored story (see `newsprism stories`).", show_default=False)] = None,
    format_: Annotated[str, typer.Option("--format", help="text (terminal), json (the versioned contract), markdown, or html (a self-contained side-by-side page).")] = "text",
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Write the report to this file instead of stdout.")] = None,
    max_omissions: Annotated[int, typer.Option(help="At most this many omissions per article, most important first.")] = 25,
    html_file: Annotated[Optional[Path], typer.Option("--html", help="Also write the self-contained HTML report of the same comparison to this file.")] = None,
    allow_private_urls: AllowPrivateOption = False,
    verbose: VerboseTimingOption = False,
    all_: Annotated[bool, typer.Option("--all", help="Compare every stored story with two or more outlets that changed since its last comparison, and keep the results in the store.")] = False,
    since: Annotated[Optional[str], typer.Option(help="With --all: only stories with an article on or after this date (YYYY-MM-DD).")] = None,
    workers: WorkersOption = 0,
    engine: Annotated[str, typer.Option(help="With --all: local (this machine's cores, --workers), or spark (needs newsprism[spark] and Java).")] = "local",
    master: Annotated[str, typer.Option(help="Spark master for --engine spark, e.g. local[4] or spark://host:7077.")] = "local[2]",
) -> None:
    """Compare articles about one event: contradictions, changed quotes, omissions, agreements.

    Every finding cites the article ids and character spans it comes from.
    """
    _TIMINGS["on"] = _TIMINGS["on"] or verbose
    if not all_ and (engine != "local" or workers != 0):
        from newsprism.errors import UsageError

        raise UsageError("--engine and --workers apply to --all (the comparison of every stored story)")
    if all_:
        _compare_all(db, since, items or [], story, _engine(engine, master, workers))
        return
    from newsprism.compare import compare as run_compare
    from newsprism.options import CompareOptions
    from newsprism.report import FORMATS, render

    if format_ not in FORMATS:
        from newsprism.errors import UsageError

        raise UsageError(f"--format {format_!r} is not one of {', '.join(FORMATS)}")
    options = CompareOptions(max_omissions=max_omissions)
    articles = (story_articles(story, db) if story else []) + (resolve_articles(items, db, allow_private_urls) if items else [])
    result = run_compare(articles, options)
    color = out_file is None and format_ == "text" and sys.stdout.isatty()
    report = render(result, format_, width=None if out_file else out.width, color=color)
    if out_file is None:
        sys.stdout.write(report)
    else:
        _write(out_file, report)
    if html_file is not None:
        _write(html_file, render(result, "html"))


def _compare_all(db: Path | None, since: str | None, items: list[str], story: str | None, engine: Any) -> None:
    """``compare --all``: group the store, then compare each multi-outlet story whose kept
    comparison is missing or stale, keeping each as soon as it is made (a killed run
    loses at most the stories in hand; a re-run does only what is left)."""
    import datetime as dt

    from newsprism.errors import UsageError
    from newsprism.options import StoryOptions
    from newsprism.store import Store
    from newsprism.stories import update

    if items or story:
        raise UsageError("--all compares the stored stories: give no articles and no --story with it")
    if since is not None:
        try:
            dt.date.fromisoformat(since)
        except ValueError:
            raise UsageError(f"--since {since!r} is not a date of the form YYYY-MM-DD") from None
    with Store.open(_db(db)) as store:
        found = [s for s in update(store, StoryOptions()) if since is None or (s.last_seen or "") >= since]
        shared = [s for s in found if len(set(s.outlets)) >= 2]
        _, compared = _kept_comparisons(store, shared, engine, keep=False)
    out.print(
        f"{len(shared)} stor(ies) with two or more outlets: {compared} compared now, "
        f"{len(shared) - compared} already current", markup=False,
    )


def _kept_comparisons(store: Any, stories: list[Any], engine: Any, keep: bool = True) -> tuple[dict[str, dict], int]:
    """``story_contracts`` of the stories with a progress bar: (contracts, how many were
    compared now rather than read from the store); ``keep=False``: none held ({})."""
    from newsprism.report.newsroom import story_contracts

    counter = {"done": 0}
    with _progress(True) as bar:
        task = bar.add_task("comparing stories", total=None) if bar is not None else None

        def progress(done: int, total: int) -> None:
            counter["done"] = done
            if bar is not None and task is not None:
                bar.update(task, completed=done, total=total)

        contracts = story_contracts(store, stories, progress, engine, keep)
    return contracts, counter["done"]


def _engine(engine: str, master: str, workers: int) -> Any:
    """The ``CompareEngine`` that ``compare --all --engine ... --workers ...`` asks for."""
    from newsprism.options import check_engine
    from newsprism.workers import resolve_workers

    if check_engine(engine) == "spark":
        from newsprism.report._spark import spark_engine

        return spark_engine(master)
    from newsprism.report.newsroom import local_engine

    return local_engine(resolve_workers(workers))


def _write(path: Path, text: str) -> None:
    """Write a report file; an unwritable path is one error line, not a traceback."""
    from newsprism.errors import UsageError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    err.print(safe_text(f"wrote {path}", one_line=True), markup=False)


def story_articles(story_id: str, db: Path | None) -> list[Article]:
    """The stored articles of a story; a usage error if it has fewer than two."""
    from newsprism.errors import UsageError
    from newsprism.store import Store

    with Store.open(_db(db), read_only=True) as store:
        found = store.story(story_id)
        articles = store.get_many(list(found.articles))
    if len(articles) < 2:
        raise UsageError(f"story {story_id} has {len(articles)} article(s); compare needs two or more")
    return articles


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs, or text files listing them (one per line).", show_default=False)],
    db: DbOption = None,
    every: Annotated[str, typer.Option(help="Time between polls: 90s, 15m, 1h (or seconds).")] = "15m",
    polls: Annotated[int, typer.Option(min=0, help="Stop after this many polls (0: never stop).")] = 0,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a feed or a page.")] = 10.0,
    no_fetch: Annotated[bool, typer.Option("--no-fetch", help="Do not fetch the linked page of entries without full text.")] = False,
    allow_private_urls: AllowPrivateOption = False,
) -> None:
    """Poll feeds, store new entries, regroup stories, re-compare the stories that changed.

    Prints what is new as JSON lines (article_added, new_story, story_grew, new_dispute,
    altered_quote, feed_error). Polls are conditional (ETag / Last-Modified); the state is
    kept in the store, so a restarted watch goes on where it stopped. A feed that is down,
    slow or not a feed gets one feed_error line, and the next poll tries it again.
    """
    import time as clock

    from newsprism.errors import StoreBusyError
    from newsprism.report.watch import poll_feed

    seconds = _duration(every)
    urls = _feed_list(feeds)
    options = IngestOptions(timeout=timeout, fetch_links=not no_fetch, allow_private_urls=allow_private_urls)

    def emit(event: dict) -> None:
        sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    from newsprism.store import Store

    with Store.open(_db(db)):
        pass  # create (or migrate) the store before the first poll reads it
    done = 0
    while True:
        for url in urls:
            try:
                poll_feed(_db(db), url, options, emit)
            except StoreBusyError as exc:
                emit({"event": "store_busy", "feed": url, "error": str(exc)})
        done += 1
        if polls and done >= polls:
            return
        clock.sleep(seconds)


def _duration(text: str) -> float:
    """``90s``, ``15m``, ``1h`` or a number of seconds; a usage error otherwise."""
    from newsprism.errors import UsageError

    value = text.strip().lower()
    scale = {"s": 1, "m": 60, "h": 3600}.get(value[-1:], None)
    number = value[:-1] if scale else value
    try:
        seconds = float(number) * (scale or 1)
    except ValueError:
        raise UsageError(f"--every {text!r} is not a duration like 90s, 15m or 1h") from None
    if not 0 <= seconds <= 7 * 86400:
        raise UsageError(f"--every {text!r} is not between 0 and 7 days")
    return seconds


def _feed_list(items: list[str]) -> list[str]:
    """The feed URLs: URLs as given, and the lines of any file named (blank lines and # comments skipped)."""
    from newsprism.errors import InputError
    from newsprism.ingest import is_url

    urls: list[str] = []
    for item in items:
        if is_url(item):
            urls.append(item)
            continue
        path = Path(item)
        if not path.is_file():
            raise InputError(item, "neither a feed URL nor a file listing feed URLs")
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            line = line.strip()
            if line and not line.startswith("#"):
                if not is_url(line):
                    raise InputError(f"{item}:{number}", "not an http(s) URL")
                urls.append(line)
    return list(dict.fromkeys(urls))


@app.command()
def outlets(
    db: DbOption = None,
    format_: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Outlet profiles from the store's evidence, over the stories each outlet shares with another.

    Groups the store into stories first (as `newsprism stories` does) and compares the
    stories not compared yet (their comparisons are kept in the store). Per outlet: facts
    it alone carries, facts most others carry that it leaves out, disputes and quote
    changes it is part of, its share of anonymous sources, its own-voice loaded words and
    labels. Every figure gives its count; JSON lists the claims behind each.
    """
    from newsprism.errors import UsageError
    from newsprism.options import StoryOptions
    from newsprism.report.newsroom import outlet_profiles
    from newsprism.store import Store
    from newsprism.stories import update

    if format_ not in ("text", "json"):
        raise UsageError(f"--format {format_!r} is not one of text, json")
    with Store.open(_db(db)) as store:
        contracts, _ = _kept_comparisons(store, update(store, StoryOptions()), _engine("local", "", 0))
        profiles = outlet_profiles(contracts)
    if format_ == "json":
        print(json.dumps([p.to_dict() for p in profiles], ensure_ascii=False, indent=2))
        return
    if not profiles:
        out.print("no story of the store has two outlets yet", markup=False)
        return
    table = Table("outlet", "stories", "facts alone", "left out", "disputes", "quote changes", "anonymous", "loaded /1000 words")
    for p in profiles:
        table.add_row(
            Text(p.outlet), str(p.stories), _rate(p.alone.count, p.alone.of), _rate(p.left_out.count, p.left_out.of),
            str(p.disputes.count), str(p.quote_changes.count), _rate(p.anonymous.count, p.anonymous.of),
            f"{p.loaded_per_1000:.1f}" if p.loaded_per_1000 is not None else "-",
        )
    out.print(table)


def _rate(count: int, of: int | None) -> str:
    """``3/40 (8%)``; a small sample (under 20) is marked."""
    if not of:
        return f"{count}/0"
    return f"{count}/{of} ({100 * count / of:.0f}%)" + (" small n" if of < 20 else "")


@app.command()
def stories(
    action: Annotated[Optional[list[str]], typer.Argument(help="Nothing (group and list), or: show ID.", show_default=False)] = None,
    db: DbOption = None,
    format_: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    show_id: Annotated[Optional[str], typer.Option("--show", help="Print one stored story (same as `stories show ID`).", show_default=False)] = None,
    engine: Annotated[str, typer.Option(help="local, or spark (needs newsprism[spark] and Java).")] = "local",
    master: Annotated[str, typer.Option(help="Spark master for --engine spark, e.g. local[4] or spark://host:7077.")] = "local[2]",
) -> None:
    """Group the stored articles into stories (one event, many outlets) and list them.

    Grouping is incremental: story ids stay the same across runs, and new articles
    only join or start stories. `stories show ID` prints one story without regrouping.
    """
    from newsprism.errors import UsageError
    from newsprism.options import StoryOptions
    from newsprism.store import Store
    from newsprism.stories import update

    if format_ not in ("text", "json"):
        raise UsageError(f"--format {format_!r} is not one of text, json")
    action = action or []
    if action[:1] == ["show"] and len(action) == 2:
        show_id = action[1]
    elif action:
        raise UsageError("usage: newsprism stories [show ID] [--db PATH] [--format text|json]")
    options = StoryOptions(engine=engine, master=master)
    if show_id is not None:
        with Store.open(_db(db), read_only=True) as store:
            found = [store.story(show_id)]
            titles = {a.id: (a.outlet, a.title) for a in store.get_many(list(found[0].articles))}
    else:
        with Store.open(_db(db)) as store, _progress(True) as bar:
            tasks: dict[str, object] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if bar is not None:
                    task = tasks.setdefault(stage, bar.add_task(stage, total=total))
                    bar.update(task, completed=done, total=total)

            found = update(store, options, progress)
            titles = None
    if format_ == "json":
        print(json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2))
        return
    line = {"markup": False, "soft_wrap": True}  # one line per record, never wrapped: grep and cut work
    for s in found:
        dates = f"{s.first_seen} .. {s.last_seen}" if s.first_seen else "date unknown"
        out.print(safe_text(f"{s.id}  {len(s.articles)} article(s)  {dates}  {s.title}", one_line=True), **line)
        if titles is not None:
            for aid in s.articles:
                outlet, title = titles.get(aid, ("", ""))
                out.print(safe_text(f"  {aid}  {outlet or '-'}  {title}", one_line=True), **line)
            for a, b, j in s.shared_copy:
                out.print(safe_text(f"  shared copy: {a} ~ {b} (Jaccard {j:.2f})", one_line=True), **line)
    if titles is None:
        out.print(f"{len(found)} story(ies)", markup=False)


def resolve_articles(items: list[str], db: Path | None, allow_private_urls: bool = False) -> list[Article]:
    """Articles named on the command line: files read on the fly, anything else a stored id."""
    from newsprism.ingest import is_url, load
    from newsprism.store import Store

    files = [i for i in items if Path(i).exists() or is_url(i)]
    ids = [i for i in items if i not in files]
    articles = load(files, IngestOptions(allow_private_urls=allow_private_urls)) if files else []
    if ids:
        with Store.open(_db(db), read_only=True) as store:
            stored = {a.id: a for a in store.get_many(ids)}
        for ident in ids:
            if ident not in stored:
                from newsprism.errors import NotFoundError

                raise NotFoundError("article (or file)", ident)
        articles += [stored[i] for i in ids]
    return articles


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        Optional[str],
        typer.Option(envvar="NEWSPRISM_TOKEN", show_default=False,
                     help="Every request must carry it (Authorization: Bearer, or ?token= once in a browser)."),
    ] = None,
    allow_private_urls: AllowPrivateOption = False,
) -> None:
    """Serve the web pages and the JSON API (/docs) over the store, on 127.0.0.1 by default."""
    import socket

    import uvicorn

    from newsprism.errors import UsageError
    from newsprism.options import ServeOptions
    from newsprism.web import create_app

    options = ServeOptions(db=_db(db), host=host, port=port, token=token or None, allow_private_urls=allow_private_urls)
    try:
        # Bind once up front, so a taken port is one error line, not uvicorn's log.
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host.strip("[]"), port))
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    web_app = create_app(options)
    web_app.state.service.warm()  # models load in the background and stay loaded
    shown = f"[{host}]" if ":" in host else host
    err.print(
        f"newsprism serving {options.db} at http://{shown}:{port}/"
        + ("  (token required: open a page once with ?token=...)" if options.token else "")
        + "  ·  Ctrl-C stops",
        markup=False, soft_wrap=True,
    )
    from newsprism.web._server import run

    run(web_app, options)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every expected error into one line and exit 2.

    Usage errors are Typer's own (also exit 2); anything else that escapes is a bug.
    """
    start = time.perf_counter()
    try:
        app(args=argv, prog_name="newsprism")
    except NewsprismError as exc:
        err.print(safe_text(f"error: {exc}", one_line=True), markup=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    finally:
        if _TIMINGS["on"]:
            from newsprism.timing import summary

            err.print(summary(start), markup=False, soft_wrap=True)
