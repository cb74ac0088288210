"""Hostile input against the web app: limits, file names, the token, headers.

What ``test_web.py`` already covers is not repeated here (the 413/415 limits of the
JSON upload routes, one traversal name, the token on the routes of a loopback
server, the headers of four responses, the report's CSP). This module adds:

* **limits on every upload route**, pages included, under small limits so the test
  is cheap: per file, per request, file count, the body cap before reading, and
  bodies without a length;
* **file names as an attacker writes them** — ``..`` paths, absolute paths, Windows
  and UNC paths, NUL and bidi control characters — are only labels: nothing is
  written anywhere, and the label is the last part, printable;
* **names echoed back are escaped**, in the HTML pages, the error pages and the report;
* **a token off loopback guards every route**: the routes are enumerated from the
  app, so a route added later is covered without touching this file;
* **security headers on every route and on errors**, and a CSP that allows no
  inline script but the report's own, by hash — even if a report carried another.

Real app, real store, real models; the token and header checks go over real HTTP
(uvicorn on 127.0.0.1), the rest through the ASGI interface.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsprism.options import ServeOptions
from newsprism.report._html import SCRIPT
from newsprism.web import create_app
from newsprism.web._security import COOKIE, FORM_OVERHEAD, script_hash

from .test_web import A_ID, B_ID, BASE, FILES, TOKEN, directive, live, served

#: Small limits, so going over them costs nothing.
SMALL = {"max_file_bytes": 2_000, "max_total_bytes": 5_000, "max_items": 3, "max_files": 3}
STORY = "Bridge reopens\nThe harbour bridge reopened on Tuesday after repairs, Mayor Anna Lindqvist said."
BOUNDARY = "newsprism-test-boundary"
HOSTILE_NAME = "<img src=x onerror=alert(1)>"  # no quote: clients send '"' in a file name as %22


def multipart(parts: list[tuple[bytes, bytes]], field: bytes = b"files") -> tuple[bytes, dict[str, str]]:
    """A multipart body written byte by byte, so file names reach the server exactly as given.

    (HTTP clients escape or refuse odd names; an attacker's client does not.)
    """
    body = b""
    for name, data in parts:
        body += (
            f"--{BOUNDARY}\r\n".encode() + b'Content-Disposition: form-data; name="' + field
            + b'"; filename="' + name + b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b"\r\n"
        )
    body += f"--{BOUNDARY}--\r\n".encode()
    return body, {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}


def story(i: int) -> bytes:
    return f"Council vote {i}\nThe town council voted on plan {i} on Monday, the mayor said.".encode()


def all_routes(app: FastAPI, ident: str = A_ID) -> list[tuple[str, str]]:
    """Every (method, concrete path) the app serves, with HEAD and OPTIONS of each path too."""
    routes = [(method, path.replace("{article_id}", ident).replace("{name}", "swagger-ui.css"))
              for method, path in served(app)]
    paths = sorted({path for _, path in routes})
    return sorted(set(routes) | {(m, p) for p in paths for m in ("HEAD", "OPTIONS", "DELETE")})


def inline_scripts(document: str) -> list[str]:
    """The bodies of a document's inline scripts (``<script src=...>`` loads one, it is not inline)."""
    return re.findall(r"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", document, re.S | re.I)


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory, invoke) -> Path:
    db = tmp_path_factory.mktemp("security") / "example.duckdb"
    result = invoke("ingest", "--db", db, *FILES)
    assert result.code == 0, result.err
    return db


@pytest.fixture
def small(tmp_path: Path) -> TestClient:
    """A server with small limits over an empty store."""
    return TestClient(create_app(ServeOptions(db=tmp_path / "small.duckdb", **SMALL)), base_url=BASE)


@pytest.fixture
def writable(tmp_path: Path) -> tuple[TestClient, Path]:
    """A server over an empty store, and the store's path."""
    db = tmp_path / "store" / "w.duckdb"
    return TestClient(create_app(ServeOptions(db=db)), base_url=BASE), db


@pytest.fixture(scope="module")
def open_app(example_store: Path) -> FastAPI:
    """The app as ``newsprism serve --host 0.0.0.0 --token ...`` builds it (served on 127.0.0.1 here)."""
    return create_app(ServeOptions(db=example_store, host="0.0.0.0", token=TOKEN))


@pytest.fixture(scope="module")
def open_server(open_app: FastAPI) -> Iterator[str]:
    with live(open_app) as base:
        yield base


# -- limits on every upload route --------------------------------------------------------------


def test_a_file_over_the_limit_is_413_on_every_upload_route(small):
    big = b"Headline\n" + b"word " * 500
    ok = story(1)
    for path, field in (("/api/ingest", "files"), ("/api/compare/upload", "files"), ("/ingest", "files"),
                        ("/compare", "files")):
        files = [(field, ("ok.txt", ok, "text/plain")), (field, ("big<b>.txt", big, "text/plain"))]
        response = small.post(path, files=files)
        assert response.status_code == 413, (path, response.text[:300])
        assert "2,000 bytes" in response.text and "big" in response.text, path
        if not path.startswith("/api/"):
            assert "text/html" in response.headers["content-type"] and "big&lt;b&gt;.txt" in response.text
            assert "big<b>" not in response.text


def test_files_and_texts_over_the_total_are_413(small):
    parts = [("files", (f"p{i}.txt", story(i) + b" pad" * 400, "text/plain")) for i in range(3)]  # ~1.7 kB each
    assert sum(len(p[1][1]) for p in parts) > SMALL["max_total_bytes"]
    for path in ("/api/compare/upload", "/compare"):
        response = small.post(path, files=parts)
        assert response.status_code == 413 and "5,000 bytes" in response.text, (path, response.text[:300])
    texts = [{"text": "Headline\n" + "word " * 300} for _ in range(3)]  # 1.5 kB each, 4.5 kB together
    assert small.post("/api/compare", json={"texts": texts + texts[:1]}).status_code == 400  # 4 > max_items
    one = small.post("/api/compare", json={"texts": [{"text": "Headline\n" + "word " * 500}, texts[0]]})
    assert one.status_code == 413 and "text 1" in one.json()["error"]


def test_too_many_files_are_refused_before_reading(small):
    files = [("files", (f"s{i}.txt", story(i), "text/plain")) for i in range(SMALL["max_files"] + 1)]
    for path in ("/api/ingest", "/api/compare/upload", "/ingest", "/compare"):
        response = small.post(path, files=files)
        assert response.status_code == 400, (path, response.text[:300])
        assert "limit is 3" in response.text or "Too many files" in response.text, path
    flood = [("files", (f"s{i}.txt", b"x", "text/plain")) for i in range(50)]  # past the form parser's own cap
    response = small.post("/api/ingest", files=flood)
    assert response.status_code == 400 and set(response.json()) == {"error"}


def test_a_body_over_the_cap_is_413_and_one_without_a_length_411_on_every_post_route(small):
    posts = sorted({path for method, path in served(small.app) if method == "POST"})
    assert {"/api/ingest", "/api/compare", "/api/compare/upload", "/ingest", "/compare"} <= set(posts)
    oversize = b"x" * (SMALL["max_total_bytes"] + FORM_OVERHEAD + 1)
    for path in posts:
        response = small.post(path, content=oversize, headers={"content-type": "application/octet-stream"})
        assert response.status_code == 413 and "request body" in response.text, path

        def chunks() -> Iterator[bytes]:
            yield b'{"ids": '
            yield b"[]}"

        chunked = small.post(path, content=chunks(), headers={"content-type": "application/json"})
        assert chunked.status_code == 411 and "Content-Length" in chunked.text, path


# -- file names ----------------------------------------------------------------------------------


def hostile_names(marker: str) -> list[bytes]:
    """Names that try to leave the upload folder, hide their type, or fool a reader."""
    return [
        f"../../../../../../tmp/{marker}.txt".encode(),
        f"/tmp/{marker}.txt".encode(),
        f"..\\..\\..\\..\\tmp\\{marker}.txt".encode(),
        f"C:\\Windows\\Temp\\{marker}.txt".encode(),
        f"\\\\server\\share\\{marker}.txt".encode(),
        f"./uploads/../../{marker}.txt/.".encode(),
        f"{marker}\x00.txt".encode(),
        f"\u202e{marker}.txt".encode(),  # right-to-left override: shows as "txt.<marker>"
    ]


def test_hostile_file_names_are_only_labels_and_nothing_is_written(writable, tmp_path):
    client, db = writable
    marker = f"np-{uuid.uuid4().hex[:12]}"
    before = {p for p in tmp_path.rglob("*")}
    names = hostile_names(marker)
    for i, name in enumerate(names):
        body, headers = multipart([(name, story(i))])
        response = client.post("/api/ingest", content=body, headers=headers)
        assert response.status_code == 200, (name, response.text)
        (ident,) = response.json()["ingested"]
        article = client.get(f"/api/articles/{ident}").json()
        assert article["source"] == f"{marker}.txt" and article["outlet"] == marker, name
    # The name of a file hiding its type behind a NUL is a label too, read by its real last suffix.
    body, headers = multipart([(f"{marker}.txt\x00.exe".encode(), story(99))])
    refused = client.post("/api/ingest", content=body, headers=headers)
    assert refused.status_code == 415 and refused.json()["error"].startswith(f"file '{marker}.txt.exe' has type '.exe'")
    # Nothing new anywhere a name could point: the store's folder, the working folder, the temp folder, /.
    after = {p for p in tmp_path.rglob("*")}
    assert {p.name for p in after - before} <= {db.name, db.name + ".wal"}
    for base in (db.parent, Path.cwd(), Path(tempfile.gettempdir()), Path("/")):
        for name in names:
            text = name.decode("utf-8", "replace")
            for variant in (text, text.replace("\\", "/")):
                target = Path(os.path.normpath(base / variant.lstrip("/")))
                assert not target.exists(), target
    assert not any(marker in p.name for p in Path(tempfile.gettempdir()).iterdir())
    assert len(client.get("/api/articles").json()) == len(names)


def test_names_echoed_in_pages_are_escaped(writable):
    client, _ = writable
    stored = client.post("/ingest", files=[("files", (f"{HOSTILE_NAME}.txt", story(1), "text/plain"))])
    assert stored.status_code == 200, stored.text[:300]
    (ident,) = re.findall(r'href="/articles/([0-9a-f]+)"', stored.text)[:1]
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    for page in (client.get("/articles").text, client.get(f"/articles/{ident}").text):
        assert "<img" not in page and escaped in page
    wrong_type = client.post("/ingest", files=[("files", (f"{HOSTILE_NAME}.exe", b"MZ", "application/octet-stream"))])
    assert wrong_type.status_code == 415 and "<img" not in wrong_type.text and escaped in wrong_type.text
    broken = client.post("/ingest", files=[("files", (f"{HOSTILE_NAME}.json", b"{not json", "application/json"))])
    assert broken.status_code == 422 and "<img" not in broken.text and escaped in broken.text
    report = client.post("/compare", files=[("files", (f"{HOSTILE_NAME}.txt", story(1), "text/plain")),
                                            ("files", ("other.txt", story(2), "text/plain"))])
    assert report.status_code == 200, report.text[:300]
    assert "<img" not in report.text and "onerror=alert(1)" in report.text  # there, but as text
    assert inline_scripts(report.text) == [SCRIPT]


# -- the token off loopback --------------------------------------------------------------------------


def test_off_loopback_every_route_needs_the_token(open_app, open_server):
    routes = all_routes(open_app)
    schema_paths = httpx.get(f"{open_server}/openapi.json", headers={"authorization": f"Bearer {TOKEN}"},
                             trust_env=False).json()["paths"]
    listed = {(m.upper(), p.replace("{article_id}", A_ID)) for p, ops in schema_paths.items() for m in ops}
    assert listed <= set(routes), "every operation of the schema is among the enumerated routes"
    assert {("GET", "/"), ("GET", "/docs"), ("GET", "/static/newsprism.css"), ("POST", "/ingest")} <= set(routes)
    probes = [*routes, ("GET", "/no/such/page"), ("GET", "/api/articles/..%2F..%2Fetc%2Fpasswd"), ("GET", "/%2e%2e/")]
    wrong = [{}, {"authorization": "Bearer wrong-token-value"}, {"authorization": f"Basic {TOKEN}"},
             {"authorization": f"Bearer {TOKEN}x"}, {"cookie": f"{COOKIE}={TOKEN}"}, {"host": "evil.example"}]
    with httpx.Client(base_url=open_server, trust_env=False, timeout=60) as anonymous:
        for method, path in probes:
            for headers in wrong:
                response = anonymous.request(method, path, headers=headers)
                assert response.status_code == 401, (method, path, headers, response.status_code)
                assert response.headers["www-authenticate"].startswith("Bearer")
                assert response.headers["x-content-type-options"] == "nosniff"
                if method != "HEAD":
                    assert "needs its token" in response.text and TOKEN not in response.text
        # ?token= is for opening a page in a browser, never for the API or for writes
        assert anonymous.get("/api/health", params={"token": TOKEN}).status_code == 401
        assert anonymous.post("/api/compare", params={"token": TOKEN}, json={"ids": [A_ID, B_ID]}).status_code == 401
        assert anonymous.post("/compare", params={"token": TOKEN}).status_code == 401
    auth = {"authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=open_server, trust_env=False, timeout=120, headers=auth) as client:
        # that the token opens every GET route is checked in test_web.py::test_with_a_token_every_route_needs_it
        # Off loopback any Host name is fine (the server cannot know its public names); the token is the lock.
        assert client.get("/api/health", headers={"host": "news.example.org"}).status_code == 200


# -- headers and CSP ---------------------------------------------------------------------------------


def check_headers(response: httpx.Response, what: object) -> None:
    """The security headers every response carries, and a CSP that allows no stray script."""
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff", what
    assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer", what
    assert headers["cache-control"] == "no-store", what
    csp = headers["content-security-policy"]
    assert directive(csp, "default-src") == ["'none'"] and directive(csp, "frame-ancestors") == ["'none'"], what
    scripts = directive(csp, "script-src")
    docs = response.url.path == "/docs"  # Swagger UI: its scripts from this server ('self'), no CDN
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(scripts), what
    assert not any(s.startswith(("http", "//")) or "." in s for s in scripts if not s.startswith("'sha")), what
    assert "'self'" not in scripts or docs, what
    if "text/html" in headers.get("content-type", "") and response.request.method != "HEAD":
        allowed = {script_hash(s) for s in inline_scripts(response.text)}
        assert allowed <= set(scripts), what
        assert set(scripts) == (allowed | ({"'self'"} if docs else set()) or {"'none'"}), what


def test_every_route_and_every_error_carries_the_security_headers(open_app, open_server):
    auth = {"authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=open_server, trust_env=False, timeout=120) as client:
        for method, path in all_routes(open_app):
            query = f"?ids={A_ID}&ids={B_ID}" if (method, path) == ("GET", "/compare") else ""
            check_headers(client.request(method, path + query, headers=auth), (method, path))
            check_headers(client.request(method, path), (method, path, "no token"))
        errors = [
            client.get("/no/such/page", headers=auth),                                          # 404 page
            client.get("/api/articles/nope", headers=auth),                                     # 404 API
            client.get("/api/articles", params={"since": "0"}, headers=auth),                   # 422
            client.post("/api/compare", json={"ids": [A_ID]}, headers=auth),                    # 400
            client.post("/api/compare", json={"ids": [A_ID, B_ID]}, headers={**auth, "origin": "https://evil.example"}),
            client.post("/api/compare", content=b"x" * 30_000_000, headers=auth),               # 413
            client.get("/articles", params={"token": TOKEN}),                                   # 303 + cookie
        ]
        assert [r.status_code for r in errors] == [404, 404, 422, 400, 403, 413, 303]
        for response in errors:
            check_headers(response, (response.request.method, response.url))


def test_the_report_allows_its_own_script_and_nothing_else(open_server):
    smuggled = "</script><script>alert(document.cookie)</script><img src=x onerror=alert(1)>"
    texts = [{"text": f"Bridge reopens {smuggled}\nThe bridge reopened on Tuesday. {smuggled} The mayor spoke."},
             {"text": "Bridge opens\nThe bridge opened on Wednesday, officials said.", "outlet": smuggled}]
    with httpx.Client(base_url=open_server, trust_env=False, timeout=120,
                      headers={"authorization": f"Bearer {TOKEN}"}) as client:
        hostile = client.post("/api/compare", params={"format": "html"}, json={"texts": texts})
        plain = client.post("/api/compare", params={"format": "html"}, json={"ids": [A_ID, B_ID]})
    for response in (hostile, plain):
        assert response.status_code == 200, response.text[:300]
        assert inline_scripts(response.text) == [SCRIPT], "the report's one script, nothing smuggled"
        assert directive(response.headers["content-security-policy"], "script-src") == [script_hash(SCRIPT)]
        check_headers(response, "report")
    assert "alert(document.cookie)" in hostile.text and "<img" not in hostile.text  # shown as text
    # The header does not depend on the document: a script that slipped into a report could not vouch for itself.
    assert hostile.headers["content-security-policy"] == plain.headers["content-security-policy"]
