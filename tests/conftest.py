"""Shared fixtures: where things are, how to run the CLI, a local web server.

Nothing here is mocked: tests run the real readers, the real spaCy pipeline and
the real DuckDB store. The CLI runs either as a subprocess (``run_cli``, for
end-to-end checks of what a user sees) or in-process (``invoke``, which is much
faster because spaCy stays loaded).
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "airstrikes-iraq"
ECBPLUS = SHARED / "eval" / "ecbplus" / "articles.jsonl"

# Requests to the test server must never go through a proxy from the environment.
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@dataclass(frozen=True)
class CliResult:
    """What one CLI run did: exit code and the two output streams."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        """The non-empty lines written to stderr."""
        return [line for line in self.err.splitlines() if line.strip()]


def cli_env() -> dict[str, str]:
    """The environment for a CLI subprocess: offline, no proxy, no default store."""
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", NO_PROXY="127.0.0.1,localhost")
    env.pop("NEWSPRISM_DB", None)
    return env


def run_cli(*args: object, cwd: Path | None = None, timeout: float = 300) -> CliResult:
    """Run ``python -m newsprism ARGS`` as a separate process, as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "newsprism", *map(str, args)],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=cwd or REPO,
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def invoke(*args: object) -> CliResult:
    """Run ``newsprism.cli.main(ARGS)`` in this process, capturing its output.

    Anything but ``SystemExit`` escaping ``main`` (a traceback for the user) makes
    the calling test fail with that exception.
    """
    from newsprism.cli import main

    out, err = io.StringIO(), io.StringIO()
    code: int = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session", name="run_cli")
def run_cli_fixture():
    """``run_cli(*args)``: the CLI as a subprocess."""
    return run_cli


@pytest.fixture(scope="session", name="cli_env")
def cli_env_fixture() -> dict[str, str]:
    """The environment CLI subprocesses run in."""
    return cli_env()


@pytest.fixture(scope="session", name="invoke")
def invoke_fixture():
    """``invoke(*args)``: the CLI's ``main`` in-process."""
    return invoke


@pytest.fixture(scope="session")
def make_html():
    """``make_html(**fields)``: a news page with the given metadata (see ``article_html``)."""
    return article_html


@pytest.fixture(scope="session")
def story() -> tuple[str, ...]:
    """The paragraphs of the story ``make_html`` puts in its pages."""
    return STORY_PARAGRAPHS


@pytest.fixture(scope="session")
def ecbplus_path() -> Path:
    """The ECB+ corpus shipped next to the repo; tests that need it skip without it."""
    if not ECBPLUS.is_file():
        pytest.skip(f"ECB+ corpus not found at {ECBPLUS} (it lives in ../shared next to the repo)")
    return ECBPLUS


@pytest.fixture(scope="session")
def ecbplus_store(ecbplus_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding all of ECB+ (473 articles), ingested once per test run; copy it before writing."""
    from newsprism.ingest import ingest
    from newsprism.options import IngestOptions
    from newsprism.store import Store

    db = tmp_path_factory.mktemp("ecbplus") / "ecbplus.duckdb"
    with Store.open(db) as store:
        report = ingest([str(ecbplus_path)], store, IngestOptions(workers=2))  # parsed on two processes
    assert len(report.ingested) == 473 and not report.failed
    return db


# -- a local web server --------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files from a folder without logging every request to stderr."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xhtml": "application/xhtml+xml"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@dataclass(frozen=True)
class WebServer:
    """A folder served over HTTP on 127.0.0.1; tests drop files in ``root``."""

    root: Path
    base: str

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"

    def put(self, name: str, content: str | bytes) -> str:
        """Write a file to serve and return its URL."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return self.url(name)


@pytest.fixture(scope="session")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """An ``http.server`` in a thread, on a free port of 127.0.0.1."""
    root = tmp_path_factory.mktemp("www")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield WebServer(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (the port was just freed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/story.html"


# -- article fixtures shared by several modules -----------------------------------------------

#: A plain news story long enough for any reader to treat as the main text.
STORY_PARAGRAPHS = (
    "The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs "
    "that cost the city more than 40 million dollars, officials said.",
    "Mayor Anna Lindqvist cut a ribbon at the northern end of the bridge shortly after seven "
    "o'clock, and the first buses crossed a few minutes later.",
    "Engineers replaced corroded cables and resurfaced the whole deck, and the council said "
    "the work should keep the bridge safe for another fifty years.",
    "Commuters had faced detours of up to forty minutes while the bridge was closed, and local "
    "shops near the crossing reported a sharp fall in trade.",
)


def article_html(
    title: str = "Harbour bridge reopens after repairs",
    paragraphs: tuple[str, ...] = STORY_PARAGRAPHS,
    site: str = "The Daily Example",
    author: str = "Jane Reporter",
    published: str = "2024-03-05T08:30:00+00:00",
    canonical: str = "https://daily.example.com/news/harbour-bridge-reopens",
) -> str:
    """A news page as a site would serve it: metadata in the head, nav and footer around the story."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{canonical}">
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{title}</h1>
{body}
</article>
<footer>Copyright 2024 {site}. All rights reserved.</footer>
</body>
</html>
"""
