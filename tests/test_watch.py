"""``newsprism watch`` against a local feed server whose entries change between polls.

Two outlets' feeds: the first carries one of the bundled reports; the second first
carries an unrelated report, then adds the bundled report's counterpart from the other
outlet (the Sunday/Saturday dispute and the altered Defense Secretary quote), then edits
it (a fact added, a paragraph dropped). A third URL is not a feed. Each poll is a separate ``newsprism watch --polls 1`` process, so
every poll also shows that the state kept in the store survives a restart.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsprism.store import Store
from tests.conftest import EXAMPLE, REPO, cli_env

REPORTS = [p.read_text(encoding="utf-8").partition("\n") for p in sorted(EXAMPLE.glob("*.txt"))]
UNRELATED = (
    "Ferry runs aground off the coast, all passengers rescued",
    "A passenger ferry ran aground on a sandbank early on Tuesday, and all 212 people on board were "
    "brought ashore by lifeboats, the coast guard said. The ferry had left the harbour an hour earlier "
    "in calm weather. Investigators will examine whether a fault in the steering gear was to blame, "
    "a spokeswoman for the operator said, adding that the vessel would be towed to a shipyard. " * 3,
)


def _rss(outlet: str, entries: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title><link>https://example.com/{guid}</link>"
        f"<description>{escape(body)}</description></item>"
        for guid, title, body in entries
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>{items}</channel></rss>'.encode()


class FeedServer:
    """Serves ``/a.xml`` and ``/b.xml`` from ``self.feeds`` with ETags (304 when unchanged), and ``/page.xml`` (not a feed)."""

    def __init__(self) -> None:
        self.feeds: dict[str, tuple[str, bytes]] = {}
        self.conditional_hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/page.xml":
                    self._send(200, b"<html><body>Loading weather data ...</body></html>", "text/html")
                    return
                etag, body = outer.feeds[self.path]
                if self.headers.get("If-None-Match") == etag:
                    outer.conditional_hits += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(200, body, "application/rss+xml", etag)

            def _send(self, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def set(self, path: str, outlet: str, entries: list[tuple[str, str, str]], version: int) -> None:
        self.feeds[path] = (f'"{path}-{version}"', _rss(outlet, entries))


@pytest.fixture
def feeds():
    server = FeedServer()
    yield server
    server.server.shutdown()
    server.server.server_close()


def watch(db: Path, *urls: str) -> list[dict]:
    """One poll, as its own process; the JSON lines it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", "watch", *urls, "--db", str(db), "--polls", "1", "--every", "0",
         "--allow-private-urls", "--no-fetch"],
        capture_output=True, text=True, env=cli_env(), cwd=REPO, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_three_polls_report_new_stories_then_nothing_then_the_new_dispute(feeds: FeedServer, tmp_path: Path) -> None:
    db = tmp_path / "watch.duckdb"
    a_title, _, a_body = REPORTS[0]
    b_title, _, b_body = REPORTS[1]
    feeds.set("/a.xml", "Outlet A", [("a1", a_title, a_body)], 1)
    feeds.set("/b.xml", "Outlet B", [("b0", UNRELATED[0], UNRELATED[1])], 1)
    urls = [feeds.base + "/a.xml", feeds.base + "/b.xml", feeds.base + "/page.xml"]

    first = watch(db, *urls)
    kinds = [e["event"] for e in first]
    assert kinds.count("article_added") == 2 and kinds.count("new_story") == 2
    assert {"event": "feed_error", "feed": urls[2], "error": "not an RSS/Atom feed"} in first

    second = watch(db, *urls)
    assert [e["event"] for e in second] == ["feed_error"]  # both feeds unchanged (304); the page still is no feed
    assert feeds.conditional_hits == 2

    feeds.set("/b.xml", "Outlet B", [("b0", UNRELATED[0], UNRELATED[1]), ("b1", b_title, b_body)], 2)
    third = watch(db, *urls)
    added = [e for e in third if e["event"] == "article_added"]
    assert len(added) == 1 and added[0]["outlet"] == "Outlet B"
    grew = [e for e in third if e["event"] == "story_grew"]
    assert len(grew) == 1 and set(grew[0]["outlets"]) == {"Outlet A", "Outlet B"}
    disputes = [e for e in third if e["event"] == "new_dispute"]
    assert disputes and any("Sunday" in d["summary"] and "Saturday" in d["summary"] for d in disputes)
    assert any(e["event"] == "altered_quote" for e in third)

    # The feed changes its ETag but not its entries: nothing is stored twice, nothing is news.
    feeds.set("/b.xml", "Outlet B", [("b0", UNRELATED[0], UNRELATED[1]), ("b1", b_title, b_body)], 3)
    assert [e["event"] for e in watch(db, *urls)] == ["feed_error"]

    # Outlet B edits its report: a fact added, its last paragraph dropped.
    paragraphs = [p for p in b_body.split("\n") if p.strip()]
    dropped = paragraphs[-1]
    edited = "\n\n".join(paragraphs[:-1] + ["The strikes also destroyed two helicopters at the Erbil air base, the Pentagon said."])
    feeds.set("/b.xml", "Outlet B", [("b0", UNRELATED[0], UNRELATED[1]), ("b1", b_title, edited)], 4)
    fourth = watch(db, *urls)
    kinds = [e["event"] for e in fourth]
    assert kinds.count("article_updated") == 1 and "article_added" not in kinds and "story_updated" in kinds
    added_facts = [e["text"] for e in fourth if e["event"] == "fact_added"]
    assert any("helicopters" in t for t in added_facts)
    assert any(e["text"] in dropped or dropped.strip() in e["text"] for e in fourth if e["event"] == "fact_dropped")
    with Store.open(db, read_only=True) as store:
        assert store.count() == 3
        assert any("helicopters" in a.text for a in store.get_many(store.ids()))

    # The web app over the same store marks the story as new and lists what the watch found.
    from fastapi.testclient import TestClient

    from newsprism.options import ServeOptions
    from newsprism.web import create_app

    client = TestClient(create_app(ServeOptions(db=db)), base_url="http://127.0.0.1")
    listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
    story_id = grew[0]["story"]
    assert listed[story_id]["new_since"] is not None
    news = client.get(f"/api/stories/{story_id}").json()["news"]
    assert {"story_grew", "new_dispute", "story_updated"} <= {e["event"] for e in news}
    page = client.get("/stories").text
    assert page.count('class="badge"') >= 1 and 'id="news"' in client.get(f"/stories/{story_id}").text


def test_a_watch_killed_mid_poll_loses_nothing_and_duplicates_nothing(feeds: FeedServer, tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    a_title, _, a_body = REPORTS[0]
    b_title, _, b_body = REPORTS[1]
    feeds.set("/a.xml", "Outlet A", [("a1", a_title, a_body)], 1)
    feeds.set("/b.xml", "Outlet B", [("b1", b_title, b_body)], 1)
    urls = [feeds.base + "/a.xml", feeds.base + "/b.xml"]
    for delay in (2.0, 6.0):  # kill -9 at two points of the first poll (loading, then storing or comparing)
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsprism", "watch", *urls, "--db", str(db), "--every", "0", "--allow-private-urls",
             "--no-fetch"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(), cwd=REPO,
        )  # fmt: skip
        time.sleep(delay)
        proc.kill()
        proc.wait(timeout=30)
    watch(db, *urls)
    watch(db, *urls)
    with Store.open(db, read_only=True) as store:
        assert store.count() == 2 and len(set(store.ids())) == 2
        (story,) = [s for s in store.stories() if len(s.articles) == 2]
        assert set(story.outlets) == {"Outlet A", "Outlet B"}


def test_every_is_a_duration_and_a_feed_list_file_is_read(tmp_path: Path, invoke) -> None:
    listed = tmp_path / "feeds.txt"
    listed.write_text("# my feeds\nhttps://example.com/a.xml\n\nnot a url\n", encoding="utf-8")
    bad_list = invoke("watch", listed, "--db", tmp_path / "x.duckdb", "--polls", "1")
    assert bad_list.code == 2 and bad_list.err_lines == [f"error: {listed}:4: not an http(s) URL"]
    bad_every = invoke("watch", "https://example.com/a.xml", "--every", "soon", "--db", tmp_path / "x.duckdb")
    assert bad_every.code == 2 and "--every 'soon' is not a duration" in bad_every.err_lines[0]
