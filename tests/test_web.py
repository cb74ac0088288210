"""The web app (``newsprism serve``): API, pages, limits, errors and security.

Breadth runs through FastAPI's ``TestClient`` (the real app, in-process, sharing one
store and the loaded models per module); what depends on real HTTP — the token with
its cookie, the security headers on the wire, the CLI command — runs against a real
uvicorn server on 127.0.0.1 (a thread, or a ``python -m newsprism serve`` process).
Nothing is mocked: real readers, real spaCy, real DuckDB, real compare.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsprism.ingest._fetch import FETCH_FAILED
from newsprism.options import ServeOptions
from newsprism.store import Store
from newsprism.web import create_app

from .conftest import EXAMPLE, REPO, article_html, cli_env

A_ID, B_ID = "4d9563f38563400f", "5bf052296aea3d81"  # content-hash ids of 000_... and 002_...
FILES = sorted(EXAMPLE.glob("*.txt"))
TOKEN = "s3cret-token-for-tests"
BASE = "http://127.0.0.1"
HOSTILE = '<script>alert("pwned")</script> <img src=x onerror="alert(2)">'


# -- helpers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def example_files() -> list[tuple[str, tuple[str, bytes, str]]]:
    """The two example articles as multipart ``files`` parts."""
    return [("files", (p.name, p.read_bytes(), "text/plain")) for p in FILES]


def sunday_saturday(contract: dict) -> dict:
    """The one Sunday/Saturday contradiction of the example, after checking the contract's shape."""
    assert contract["format"] == 2 and "newsprism" in contract
    assert {"articles", "findings", "alignment", "framing", "summary"} <= set(contract)
    bodies = {a["id"]: a["text"] for a in contract["articles"]}
    for finding in contract["findings"]:
        for ev in finding["evidence"]:
            assert bodies[ev["article"]][ev["start"] : ev["end"]] == ev["text"]
    days = [
        f for f in contract["findings"]
        if f["kind"] == "contradiction" and set(f["values"].values()) == {"Sunday", "Saturday"}
    ]
    assert len(days) == 1, [f["summary"] for f in contract["findings"] if f["kind"] == "contradiction"]
    return days[0]


def script_hashes(document: str) -> set[str]:
    """The CSP hash of each inline script of a document."""
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in re.findall(r"<script>(.*?)</script>", document, re.S)
    }


def directive(csp: str, name: str) -> list[str]:
    for part in csp.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


@contextmanager
def live(app) -> Iterator[str]:
    """``app`` served by a real uvicorn on a free port of 127.0.0.1, in a thread."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped at start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def store_held_by_another_process(db: Path) -> Iterator[None]:
    """``db`` open for writing in a separate process for the length of the block."""
    code = (
        "import sys; from newsprism.store import Store\n"
        f"store = Store.open({str(db)!r})\n"
        "print('holding', flush=True)\n"
        "sys.stdin.read()\n"
        "store.close()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=cli_env())
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield
    finally:
        proc.stdin.close()
        proc.wait(30)


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory, invoke) -> Path:
    db = tmp_path_factory.mktemp("web") / "example.duckdb"
    result = invoke("ingest", "--db", db, EXAMPLE)
    assert result.code == 0, result.err
    assert invoke("stories", "--db", db).code == 0  # the example is one story
    return db


@pytest.fixture(scope="module")
def app(example_db: Path):
    # allow_private_urls: the test pages are on 127.0.0.1, standing in for the public web
    return create_app(ServeOptions(db=example_db, allow_private_urls=True))


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app, base_url=BASE)


@pytest.fixture
def fresh(tmp_path: Path) -> TestClient:
    """A client of a server over a new, empty store (for writes)."""
    return TestClient(create_app(ServeOptions(db=tmp_path / "fresh.duckdb", allow_private_urls=True)), base_url=BASE)


@pytest.fixture(scope="module")
def token_app(example_db: Path):
    return create_app(ServeOptions(db=example_db, token=TOKEN))


@pytest.fixture(scope="module")
def token_server(token_app) -> Iterator[str]:
    with live(token_app) as base:
        yield base


@pytest.fixture(scope="module")
def example_pages(web) -> list[str]:
    """The two example articles as news pages on the local web server."""
    urls = []
    for i, path in enumerate(FILES):
        title, *paragraphs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        page = article_html(title=title, paragraphs=tuple(paragraphs), site=f"Outlet {'AB'[i]}",
                            canonical=f"https://outlet{i}.example.com/story")
        urls.append(web.put(f"web-example-{i}.html", page))
    return urls


# -- API: reading ----------------------------------------------------------------------------


def test_health_reports_the_store(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() | {"version": "x"} == {"status": "ok", "version": "x", "store": "ok", "articles": 2}


def test_articles_are_listed_and_filtered(client):
    rows = client.get("/api/articles").json()
    assert [r["id"] for r in rows] == [A_ID, B_ID]
    assert rows[1]["non_body"] > 0 and rows[0]["outlet"] == FILES[0].stem
    assert [r["id"] for r in client.get("/api/articles", params={"outlet": "002_"}).json()] == [B_ID]
    assert client.get("/api/articles", params={"limit": 1}).json()[0]["id"] == A_ID
    assert client.get("/api/articles", params={"since": "2024-01-01"}).json() == []  # undated articles


def test_a_bad_filter_is_one_error_line(client):
    response = client.get("/api/articles", params={"since": "yesterday"})
    assert response.status_code == 422
    assert response.json() == {"error": response.json()["error"]} and "since" in response.json()["error"]
    assert client.get("/api/articles", params={"limit": -1}).status_code == 422


def test_an_article_comes_with_its_sentences(client):
    article = client.get(f"/api/articles/{B_ID}").json()
    assert article["id"] == B_ID and article["title"].startswith("US launches airstrikes")
    for s in article["sentences"]:
        assert article["text"][s["start"] : s["end"]] == s["text"]
    assert {s["kind"] for s in article["sentences"]} >= {"body", "bullet"}


def test_an_unknown_id_is_404_with_one_line(client):
    response = client.get("/api/articles/nope")
    assert response.status_code == 404
    assert response.json() == {"error": "no article with id 'nope' in the store; `newsprism list` shows the stored ids"}


def test_export_streams_every_article_as_jsonl(client):
    response = client.get("/api/export")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [r["id"] for r in records] == [A_ID, B_ID]
    assert all("sentences" in r and "text" in r for r in records)


def test_unknown_routes_are_404_json_for_the_api_and_html_for_pages(client):
    api = client.get("/api/nothing")
    assert api.status_code == 404 and api.json() == {"error": "no page or API route at /api/nothing"}
    page = client.get("/nothing")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no page or API route at /nothing" in page.text


# -- API: compare ------------------------------------------------------------------------------


def test_compare_stored_ids_returns_the_contract_with_the_day_contradiction(client):
    response = client.post("/api/compare", json={"ids": [A_ID, B_ID]})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    finding = sunday_saturday(response.json())
    assert finding["values"] == {A_ID: "Sunday", B_ID: "Saturday"}


def test_compare_pasted_texts_gives_the_same_ids_as_the_files(client):
    texts = [{"text": p.read_text(encoding="utf-8")} for p in FILES]
    texts[1]["outlet"] = "Second Outlet"
    response = client.post("/api/compare", json={"texts": texts})
    assert response.status_code == 200, response.text
    contract = response.json()
    assert [a["id"] for a in contract["articles"]] == [A_ID, B_ID]
    assert [a["outlet"] for a in contract["articles"]] == ["text 1", "Second Outlet"]
    sunday_saturday(contract)


def test_compare_uploaded_files(client):
    response = client.post("/api/compare/upload", files=example_files())
    assert response.status_code == 200, response.text
    contract = response.json()
    assert [a["outlet"] for a in contract["articles"]] == [p.stem for p in FILES]
    sunday_saturday(contract)


def test_compare_urls(client, example_pages):
    response = client.post("/api/compare", json={"urls": example_pages})
    assert response.status_code == 200, response.text
    contract = response.json()
    assert [a["outlet"] for a in contract["articles"]] == ["Outlet A", "Outlet B"]
    sunday_saturday(contract)


def test_compare_in_other_formats(client):
    markdown = client.post("/api/compare/upload", params={"format": "markdown"}, files=example_files())
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# newsprism comparison") and "Saturday" in markdown.text
    text = client.post("/api/compare/upload", params={"format": "text"}, files=example_files())
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert "Saturday" in text.text and "\x1b[" not in text.text
    bad = client.post("/api/compare", params={"format": "pdf"}, json={"ids": [A_ID, B_ID]})
    assert bad.status_code == 422 and "format" in bad.json()["error"]


def test_compare_html_report_gets_a_csp_that_allows_exactly_its_own_script(client):
    response = client.post("/api/compare", params={"format": "html"}, json={"ids": [A_ID, B_ID]})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', response.text)
    meta_hashes = set(re.findall(r"'sha256-[^']+'", meta.group(1).replace("&#x27;", "'"))) if meta else set()
    assert set(directive(csp, "script-src")) == script_hashes(response.text) | meta_hashes
    assert script_hashes(response.text), "the report has its inline script"
    assert directive(csp, "default-src") == ["'none'"] and "'unsafe-inline'" not in directive(csp, "script-src")
    assert "frame-ancestors 'none'" in csp


def test_compare_rejects_too_few_unknown_and_too_many(client):
    few = client.post("/api/compare", json={"ids": [A_ID]})
    assert few.status_code == 400 and "two or more" in few.json()["error"]
    unknown = client.post("/api/compare", json={"ids": [A_ID, "nope"]})
    assert unknown.status_code == 404 and "'nope'" in unknown.json()["error"]
    many = client.post("/api/compare", json={"ids": [A_ID] * 21})
    assert many.status_code == 400 and "limit is 20" in many.json()["error"]
    typo = client.post("/api/compare", json={"id": [A_ID, B_ID]})
    assert typo.status_code == 422 and "'id'" in typo.json()["error"]


def test_compare_refuses_urls_that_are_not_http(client):
    for url in ("/etc/passwd", "file:///etc/passwd", str(FILES[0])):
        response = client.post("/api/compare", json={"ids": [A_ID], "urls": [url]})
        assert response.status_code == 422, url
        assert response.json()["error"].endswith("not an http(s) URL")


def test_an_unreadable_text_is_422_naming_it(client):
    response = client.post("/api/compare", json={"texts": [{"text": "Only a headline"}, {"text": "   "}]})
    assert response.status_code == 422
    assert response.json() == {"error": "text 1: no body text after the headline line"}


# -- uploads: limits ---------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_413_naming_it(client):
    big = ("files", ("huge-story.txt", b"Headline\n" + b"word " * 1_000_001, "text/plain"))
    response = client.post("/api/compare/upload", files=[example_files()[0], big])
    assert response.status_code == 413
    assert "'huge-story.txt'" in response.json()["error"] and "5,000,000" in response.json()["error"]


def test_files_over_the_total_limit_are_413(client):
    parts = [("files", (f"part{i}.txt", b"Headline\n" + b"x" * 4_100_000, "text/plain")) for i in range(5)]
    response = client.post("/api/compare/upload", files=parts)
    assert response.status_code == 413 and "20,000,000" in response.json()["error"]


def test_a_request_body_over_the_limit_is_413_before_it_is_read(client):
    response = client.post("/api/compare", content=b"{" + b" " * 21_000_001 + b"}",
                           headers={"content-type": "application/json"})
    assert response.status_code == 413 and "request body" in response.json()["error"]


def test_a_file_of_another_type_is_415_naming_it(client):
    response = client.post("/api/compare/upload",
                           files=[example_files()[0], ("files", ("tool.exe", b"MZ\x90\x00", "application/octet-stream"))])
    assert response.status_code == 415
    assert "'tool.exe'" in response.json()["error"] and ".txt" in response.json()["error"]
    bare = client.post("/api/ingest", files=[("files", ("README", b"text", "text/plain"))])
    assert bare.status_code == 415 and "no file extension" in bare.json()["error"]


def test_empty_uploads_are_refused_with_a_clear_message(client):
    empty_file = client.post("/api/compare/upload",
                             files=[example_files()[0], ("files", ("empty.txt", b"", "text/plain"))])
    assert empty_file.status_code == 422 and empty_file.json() == {"error": "empty.txt: file is empty"}
    no_files = client.post("/api/compare/upload", data={"other": "x"})
    assert no_files.status_code == 400 and "no files uploaded" in no_files.json()["error"]


def test_an_uploaded_file_name_is_only_a_label(fresh, tmp_path):
    story = b"Bridge reopens\nThe harbour bridge reopened on Tuesday after eight months of repairs."
    response = fresh.post("/api/ingest", files=[("files", ("../../../tmp/evil/../story.txt", story, "text/plain"))])
    assert response.status_code == 200, response.text
    (ident,) = response.json()["ingested"]
    article = fresh.get(f"/api/articles/{ident}").json()
    assert article["source"] == "story.txt" and article["outlet"] == "story"
    assert not Path("/tmp/evil").exists()


# -- API: ingest -------------------------------------------------------------------------------


def test_ingest_uploads_then_reports_duplicates(fresh):
    first = fresh.post("/api/ingest", files=example_files())
    assert first.status_code == 200, first.text
    assert first.json() == {"ingested": [A_ID, B_ID], "duplicates": [], "failed": [], "skipped": [],
                            "summary": "ingested 2, duplicates 0, failed 0"}
    again = fresh.post("/api/ingest", files=example_files())
    assert again.json()["duplicates"] == [A_ID, B_ID] and again.json()["ingested"] == []
    assert [r["id"] for r in fresh.get("/api/articles").json()] == [A_ID, B_ID]


#: A site's home page: teasers and links, no article type, no date (written for this test).
HOME_PAGE = b"""<html lang="en"><head><title>Daily Lantern - News</title><link rel="canonical" href="https://lantern.example/">
<meta property="og:type" content="website"></head><body><nav><a href="/world">World</a> <a href="/sport">Sport</a></nav>
<h2><a href="/a1">Council approves the new budget after a long debate in the chamber</a></h2>
<h2><a href="/a2">Storm closes the coast road for a second night as rivers keep rising</a></h2>
<h2><a href="/a3">Local team wins the cup final in extra time before a record crowd</a></h2>
<p>Loading weather data for your town and the region around it, please wait a moment.</p></body></html>"""


def test_a_page_that_is_not_an_article_is_skipped_with_its_reason_not_failed(fresh):
    response = fresh.post("/api/ingest", files=[example_files()[0], ("files", ("home.html", HOME_PAGE, "text/html"))])
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["failed"] == [] and len(report["ingested"]) == 1
    (skip,) = report["skipped"]
    assert skip["source"].endswith("home.html") and "not an article" in skip["problem"]
    page = fresh.post("/ingest", files=[("files", ("home.html", HOME_PAGE, "text/html"))])
    assert 'id="ingest-skipped"' in page.text and 'id="ingest-failures"' not in page.text


def test_ingest_urls_as_json(fresh, example_pages, closed_port_url):
    response = fresh.post("/api/ingest", json={"urls": [*example_pages, closed_port_url]},
                          params={"outlet": "Wire"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert len(report["ingested"]) == 2 and report["summary"] == "ingested 2, duplicates 0, failed 1"
    assert report["failed"][0]["source"] == closed_port_url and report["failed"][0]["problem"] == FETCH_FAILED
    assert {r["outlet"] for r in fresh.get("/api/articles").json()} == {"Wire"}


def test_ingest_where_everything_fails_is_422_with_the_report(fresh):
    response = fresh.post("/api/ingest", files=[("files", ("bad.json", b"{not json", "application/json"))])
    assert response.status_code == 422
    body = response.json()
    assert body["error"].startswith("nothing ingested: bad.json: malformed JSON")
    assert body["failed"][0]["source"] == "bad.json" and body["ingested"] == []


def test_ingest_jsonl_upload_reads_every_record(fresh):
    lines = [json.dumps({"id": f"rec-{i}", "title": f"Story {i}", "outlet": "Corpus",
                         "text": f"Story number {i} happened on Monday in the town."}) for i in range(3)]
    data = ("\n".join(lines[:2]) + "\n{broken\n" + lines[2] + "\n").encode()
    response = fresh.post("/api/ingest", files=[("files", ("corpus.jsonl", data, "application/x-ndjson"))])
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["ingested"] == ["rec-0", "rec-1", "rec-2"]
    assert report["failed"] == [{"source": "corpus.jsonl:3", "problem": report["failed"][0]["problem"]}]


def test_ingest_takes_the_cli_options(fresh):
    corpus = b"outlet,title,body\nDaily,Storm hits coast,The storm hit the coast on Friday night.\n"
    response = fresh.post("/api/ingest", params={"map": "text=body"}, files=[("files", ("c.csv", corpus, "text/csv"))])
    assert response.status_code == 200 and len(response.json()["ingested"]) == 1, response.text
    article = fresh.get(f"/api/articles/{response.json()['ingested'][0]}").json()
    assert article["text"] == "The storm hit the coast on Friday night." and article["outlet"] == "Daily"
    bad = fresh.post("/api/ingest", params={"map": "text"}, files=[("files", ("c.csv", corpus, "text/csv"))])
    assert bad.status_code == 400 and "--map 'text' is not of the form FIELD=COLUMN" in bad.json()["error"]


def test_ingest_refuses_other_content_and_nothing(fresh):
    assert fresh.post("/api/ingest", content=b"x", headers={"content-type": "text/plain"}).status_code == 415
    assert fresh.post("/api/ingest", json={"urls": []}).status_code == 422
    local = fresh.post("/api/ingest", json={"urls": ["/etc/passwd"]})
    assert local.status_code == 422 and local.json()["error"] == "/etc/passwd: not an http(s) URL"


# -- the store busy in another process -------------------------------------------------------------


def test_a_store_busy_in_another_process_is_503(client, example_db):
    with store_held_by_another_process(example_db):
        listing = client.get("/api/articles")
        assert listing.status_code == 503 and "store is busy" in listing.json()["error"]
        assert listing.headers["retry-after"] == "5"
        assert client.get("/api/health").json()["store"] == "busy"
        page = client.get("/articles")
        assert page.status_code == 503 and "store is busy" in page.text
        compare = client.post("/api/compare", json={"ids": [A_ID, B_ID]})
        assert compare.status_code == 503
    assert client.get("/api/articles").status_code == 200


# -- the OpenAPI schema ----------------------------------------------------------------------------


def served(app) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, routers included (FastAPI >= 0.165 nests them)."""
    try:
        from fastapi.routing import iter_route_contexts

        routes = [(c.path, c.original_route) for c in iter_route_contexts(app.routes)]
    except ImportError:  # older FastAPI: app.routes is flat
        routes = [(r.path, r) for r in app.routes]
    return [(m, path) for path, route in routes for m in sorted(getattr(route, "methods", None) or []) if m != "HEAD"]


def test_the_openapi_schema_lists_every_api_route(client, app):
    schema = client.get("/openapi.json").json()
    routes = {(path, method.lower()) for method, path in served(app) if path.startswith("/api/")}
    listed = {(path, method) for path, ops in schema["paths"].items() for method in ops}
    assert routes and routes <= listed
    assert {p for p in schema["paths"] if not p.startswith("/api/")} == set()
    ingest = schema["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(ingest)
    assert "security" not in schema  # no token, no security scheme


def test_docs_page_is_swagger_served_locally_with_a_csp_for_it(client):
    """Swagger UI comes from this server (the swagger-ui-bundle package): it works offline,
    and the CSP names no CDN."""
    response = client.get("/docs")
    assert response.status_code == 200 and "swagger-ui" in response.text
    csp = response.headers["content-security-policy"]
    assert script_hashes(response.text) <= set(directive(csp, "script-src"))
    assert "http" not in csp and "cdn" not in response.text.lower()
    for src in re.findall(r'(?:src|href)="([^"]+)"', response.text):
        assert src.startswith("/docs/static/"), src
        asset = client.get(src)
        assert asset.status_code == 200 and len(asset.content) > 100, src
    assert client.get("/docs/static/../../etc/passwd").status_code == 404
    assert client.get("/docs/static/index.html").status_code == 404


# -- pages -------------------------------------------------------------------------------------


def test_the_form_has_its_fields(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for ident in ("compare-form", "text-1", "title-1", "outlet-1", "text-4", "files", "urls", "compare-submit"):
        assert f'id="{ident}"' in page.text, ident
    assert 'action="/compare"' in page.text and 'enctype="multipart/form-data"' in page.text
    assert "<script" not in page.text
    assert 'id="text-6"' in client.get("/?texts=6").text


def test_the_form_compares_pasted_texts_into_the_html_report(client):
    form = {}
    for i, path in enumerate(FILES, start=1):
        form[f"text-{i}"] = path.read_text(encoding="utf-8").replace("\n", "\r\n")  # as browsers send it
        form[f"outlet-{i}"] = f"Outlet {i}"
    form |= {"text-3": "", "title-3": "", "urls": ""}
    response = client.post("/compare", data=form, files=[("files", ("", b"", "application/octet-stream"))])
    assert response.status_code == 200, response.text[-500:]
    assert "newsprism comparison" in response.text
    assert f'data-article="{A_ID}"' in response.text and f'data-article="{B_ID}"' in response.text
    assert "Sunday" in response.text and "Saturday" in response.text
    assert set(directive(response.headers["content-security-policy"], "script-src")) >= script_hashes(response.text)


def test_the_form_compares_uploaded_files(client):
    response = client.post("/compare", data={"urls": ""}, files=example_files())
    assert response.status_code == 200 and "newsprism comparison" in response.text


def test_form_errors_are_html_pages(client):
    response = client.post("/compare", data={"text-1": "Headline\nOne article is not enough to compare."})
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]
    assert "two or more articles" in response.text and 'id="error-message"' in response.text


def test_stored_articles_page_lists_them_with_checkboxes(client):
    page = client.get("/articles")
    assert page.status_code == 200
    for ident in (A_ID, B_ID):
        assert f'<input type="checkbox" name="ids" value="{ident}" id="pick-{ident}"' in page.text
        assert f'href="/articles/{ident}"' in page.text
    assert 'action="/compare"' in page.text and 'id="compare-selected"' in page.text
    filtered = client.get("/articles", params={"outlet": "002", "since": "", "until": "", "limit": ""})
    assert B_ID in filtered.text and f'value="{A_ID}"' not in filtered.text
    assert client.get("/articles", params={"since": "soon"}).status_code == 400


def test_picked_stored_articles_compare_into_the_report(client):
    response = client.get("/compare", params=[("ids", A_ID), ("ids", B_ID)])
    assert response.status_code == 200 and "newsprism comparison" in response.text
    one = client.get("/compare", params={"ids": A_ID})
    assert one.status_code == 400 and "two or more stored articles" in one.text


def test_an_article_page_numbers_sentences_and_marks_non_body(client):
    page = client.get(f"/articles/{B_ID}").text
    assert '<li id="s1" value="1" class="sentence non-body kind-bullet"><span class="kind">[bullet]</span>' in page
    assert re.search(r'<li id="s\d+" value="\d+" class="sentence body">The US launched airstrikes', page)
    missing = client.get("/articles/nope")
    assert missing.status_code == 404 and "no article with id" in missing.text


def test_article_text_with_markup_is_escaped(fresh):
    story = f"Headline {HOSTILE}\nThe council met on Monday. {HOSTILE} It then adjourned.".encode()
    ident = fresh.post("/api/ingest", files=[("files", ("hostile.txt", story, "text/plain"))]).json()["ingested"][0]
    for page in (fresh.get(f"/articles/{ident}").text, fresh.get("/articles").text):
        assert "<script" not in page and "<img" not in page
        assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page


def test_the_ingest_form_stores_files(fresh):
    response = fresh.post("/ingest", data={"urls": ""}, files=example_files())
    assert response.status_code == 200
    assert "ingested 2, duplicates 0, failed 0" in response.text
    assert f'href="/articles/{A_ID}"' in response.text


# -- security ------------------------------------------------------------------------------------


def test_security_headers_on_pages_api_and_errors(client):
    for response in (client.get("/"), client.get("/api/health"), client.get("/api/articles/nope"),
                     client.get("/static/newsprism.css")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
        csp = response.headers["content-security-policy"]
        assert directive(csp, "script-src") == ["'none'"] and directive(csp, "default-src") == ["'none'"]


def test_a_foreign_host_header_is_refused(client):
    response = client.get("/api/health", headers={"host": "attacker.example"})
    assert response.status_code == 400 and "DNS rebinding" in response.json()["error"]
    assert client.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200


def test_a_post_from_another_origin_is_refused(client):
    evil = client.post("/api/compare", json={"ids": [A_ID, B_ID]}, headers={"origin": "https://evil.example"})
    assert evil.status_code == 403 and "cross-site" in evil.json()["error"]
    for site in ("cross-site", "same-site"):  # same-site: another port of localhost
        page = client.post("/compare", data={"text-1": "x"}, headers={"sec-fetch-site": site})
        assert page.status_code == 403, site
    assert client.post("/compare", data={"text-1": "x"}, headers={"origin": "null"}).status_code == 403


def test_a_post_from_the_servers_own_page_passes(client):
    # Under Referrer-Policy: no-referrer browsers send Origin: null even for the page's own form.
    own = {"origin": "null", "sec-fetch-site": "same-origin"}
    response = client.post("/compare", data={"text-1": "Headline\nOne text only."}, headers=own)
    assert response.status_code == 400 and "two or more articles" in response.text
    same_host = client.post("/api/compare", json={"ids": [A_ID]}, headers={"origin": BASE})
    assert same_host.status_code == 400


def test_off_loopback_without_a_token_refuses_to_start(invoke, tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSPRISM_TOKEN", raising=False)
    result = invoke("serve", "--host", "0.0.0.0", "--db", tmp_path / "x.duckdb")
    assert result.code == 2 and len(result.err_lines) == 1
    assert result.err_lines[0].startswith("error: --host 0.0.0.0 is reachable from other machines: set a token")
    short = invoke("serve", "--host", "0.0.0.0", "--token", "short", "--db", tmp_path / "x.duckdb")
    assert short.code == 2 and short.err_lines == ["error: --token is too short: use at least 8 characters"]
    with pytest.raises(Exception, match="reachable from other machines"):
        ServeOptions(host="::", db=tmp_path / "x.duckdb")
    assert ServeOptions(host="0.0.0.0", token=TOKEN).token == TOKEN


def test_a_port_in_use_is_one_error_line(invoke, tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("serve", "--port", port, "--db", tmp_path / "x.duckdb")
    assert result.code == 2 and len(result.err_lines) == 1
    assert result.err_lines[0].startswith(f"error: cannot listen on 127.0.0.1:{port}")


def test_with_a_token_every_route_needs_it(token_app, token_server, example_db):
    with Store.open(example_db, read_only=True) as store:
        (story,) = store.stories()
    routes = [(method, path.replace("{article_id}", A_ID).replace("{name}", "swagger-ui.css").replace("{story_id}", story.id))
              for method, path in served(token_app)]
    assert len(routes) == 25  # with /docs/static/{name}: Swagger UI served locally; five story and two outlet routes
    assert {("GET", "/docs"), ("GET", "/openapi.json"), ("GET", "/"), ("POST", "/api/compare")} <= set(routes)
    with httpx.Client(base_url=token_server, trust_env=False, timeout=60) as anonymous:
        for method, path in routes:
            response = anonymous.request(method, path)
            assert response.status_code == 401, (method, path)
            assert "needs its token" in response.text and response.headers["www-authenticate"].startswith("Bearer")
            assert response.headers["x-frame-options"] == "DENY"
        wrong = anonymous.get("/api/health", headers={"authorization": "Bearer not-the-token"})
        assert wrong.status_code == 401
    auth = {"authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=token_server, trust_env=False, timeout=60, headers=auth) as client:
        for method, path in routes:
            query = f"?ids={A_ID}&ids={B_ID}" if (method, path) == ("GET", "/compare") else ""
            response = client.request(method, path + query)
            assert response.status_code != 401, (method, path)
            if method == "GET":
                assert response.status_code in (200, 204), (method, path, response.text[:200])
        schema = client.get("/openapi.json").json()
        assert schema["security"] == [{"bearer": []}]


def test_a_page_opened_with_the_token_sets_a_cookie_that_keeps_links_working(token_server):
    with httpx.Client(base_url=token_server, trust_env=False, timeout=60) as browser:
        first = browser.get("/articles", params={"token": TOKEN, "outlet": "002"})
        assert first.status_code == 303 and first.headers["location"] == "/articles?outlet=002"
        cookie = first.headers["set-cookie"]
        assert cookie.startswith("newsprism_token=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert TOKEN not in cookie
        for path in ("/articles?outlet=002", f"/articles/{B_ID}", "/", "/docs", "/openapi.json",
                     "/static/newsprism.css", "/api/health"):
            assert browser.get(path).status_code == 200, path
        assert B_ID in browser.get("/articles?outlet=002").text
    with httpx.Client(base_url=token_server, trust_env=False, timeout=60) as other:
        assert other.get("/", params={"token": "wrong-token-value"}).status_code == 401
        assert other.get("/api/health", params={"token": TOKEN}).status_code == 401  # the API takes header or cookie


def test_with_a_token_the_api_compares_over_real_http(token_server):
    with httpx.Client(base_url=token_server, trust_env=False, timeout=120,
                      headers={"authorization": f"Bearer {TOKEN}"}) as client:
        response = client.post("/api/compare", json={"ids": [A_ID, B_ID]})
        assert response.status_code == 200
        sunday_saturday(response.json())
        assert response.headers["x-content-type-options"] == "nosniff"


# -- the real command --------------------------------------------------------------------------------


def test_newsprism_serve_end_to_end(example_db, invoke, tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "serve", "--port", str(port), "--db", str(example_db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=REPO,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, trust_env=False, timeout=120) as client:
            deadline = time.monotonic() + 60
            while True:
                assert proc.poll() is None, proc.stderr.read()
                try:
                    if client.get("/api/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.2)
            assert client.get("/api/health").json()["articles"] == 2
            # idle, the server holds no lock: the CLI reads the same store meanwhile
            listed = invoke("list", "--db", example_db, "--ids")
            assert listed.code == 0 and listed.out.split() == [A_ID, B_ID]
            assert [r["id"] for r in client.get("/api/articles").json()] == [A_ID, B_ID]
            response = client.post("/api/compare", json={"ids": [A_ID, B_ID]})
            assert response.status_code == 200, response.text
            sunday_saturday(response.json())
            page = client.get("/")
            assert page.status_code == 200 and 'id="compare-submit"' in page.text
            assert page.headers["referrer-policy"] == "no-referrer" and "server" not in page.headers
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert f"serving {example_db} at http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err


def test_the_server_loads_its_models_once_in_the_background(tmp_path: Path) -> None:
    """``Service.warm`` (what ``newsprism serve`` starts) loads the parser, the embedder and
    the charged-word model in a background thread that holds the model lock meanwhile,
    so a first request waits for it instead of loading a second copy."""
    from newsprism import timing

    app = create_app(ServeOptions(db=tmp_path / "warm.duckdb"))
    thread = app.state.service.warm()
    assert thread.daemon and thread.name == "newsprism-warm"
    thread.join(timeout=600)
    assert not thread.is_alive()
    assert {"spaCy", "MiniLM", "charged-word model"} <= set(timing.loads())
    assert app.state.service._model_lock.acquire(timeout=1)
    app.state.service._model_lock.release()
