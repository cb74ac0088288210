"""Server-side request forgery: no route, input form, numeric host, redirect or feed link
reaches a local "secret" page — unless ``--allow-private-urls`` says so.

Two servers, both started here: the secret one on 127.0.0.1 (an internal service), and a
"public" one on 127.0.0.2 that redirects inward and serves feeds linking inward. 127.0.0.2
counts as public only inside this test (``is_public`` is patched for that one address), so
the redirect and feed cases are what a real public server could send. The proof is the
secret server's request counter: it stays 0 (not even a connection reaches it), and no
answer holds the secret.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from newsprism.errors import InputError
from newsprism.ingest import _fetch, load, read
from newsprism.ingest._fetch import FETCH_FAILED, fetch, is_public
from newsprism.model import IngestFailure
from newsprism.options import IngestOptions, ServeOptions
from newsprism.web import create_app

from .conftest import invoke

SECRET = "Zanzibar-7731 internal payroll figures"
PAGE = (
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Internal memo</title></head><body>"
    "<article><h1>Internal memo</h1>"
    + "".join(
        f"<p>The finance office said on Monday that the {SECRET} were final and that {n} staff would be told "
        f"on Tuesday, according to the memo.</p>"
        for n in range(3, 9)
    )
    + "</article></body></html>"
)


class _Server:
    def __init__(self, host: str, handler: type[BaseHTTPRequestHandler]) -> None:
        self.hits = 0
        owner = self

        class Counting(handler):  # type: ignore[valid-type, misc]
            def handle_one_request(self) -> None:
                owner.hits += 1
                super().handle_one_request()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Counting)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Secret(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def secret() -> Iterator[_Server]:
    server = _Server("127.0.0.1", _Secret)
    yield server
    server.close()


@pytest.fixture(scope="module")
def public(secret: _Server) -> Iterator[_Server]:
    inward = f"http://127.0.0.1:{secret.port}/secret.html"

    class Public(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            targets = {
                "/redirect": inward,
                "/redirect-numeric": f"http://2130706433:{secret.port}/secret.html",
                "/redirect-chain": "/redirect",
                "/redirect-file": "file:///etc/passwd",
            }
            if self.path in targets:
                self.send_response(302)
                self.send_header("Location", targets[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path == "/feed.xml":
                body = feed(inward).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = _Server("127.0.0.2", Public)
    yield server
    server.close()


def feed(link: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
        f"<item><title>Teaser</title><link>{link}</link><description>Short.</description></item>"
        "</channel></rss>"
    )


@pytest.fixture(autouse=True)
def public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.2 plays a public address; everything else keeps the real rule."""
    monkeypatch.setattr(_fetch, "is_public", lambda address: address == "127.0.0.2" or is_public(address))


def inward_urls(port: int) -> list[str]:
    """The secret page under every spelling of this machine's address."""
    path = f":{port}/secret.html"
    hosts = ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "0x7f000001", "0177.0.0.1", "127.1",
             "127.0.0.1.", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "0.0.0.0", "LOCALHOST"]
    return [f"http://{host}{path}" for host in hosts] + [f"https://127.0.0.1{path}"]


def via_public(public: _Server) -> list[str]:
    base = f"http://127.0.0.2:{public.port}"
    return [f"{base}/redirect", f"{base}/redirect-numeric", f"{base}/redirect-chain", f"{base}/feed.xml"]


def test_the_public_stand_in_works_and_the_secret_server_answers_when_allowed(secret, public) -> None:
    """The harness itself: 127.0.0.2 is fetched, and the secret page is there to be found."""
    assert fetch(f"http://127.0.0.2:{public.port}/feed.xml", 5, 100_000).data.startswith(b"<?xml")
    page = fetch(f"http://127.0.0.1:{secret.port}/secret.html", 5, 100_000, allow_private=True)
    assert SECRET in page.data.decode()


def test_library_fetch_refuses_every_inward_form_with_one_message(secret, public, closed_port_url) -> None:
    before = secret.hits
    urls = inward_urls(secret.port) + via_public(public) + [closed_port_url]
    problems = {}
    for item in read(urls, IngestOptions(timeout=5)):
        assert isinstance(item, IngestFailure), item
        assert SECRET not in item.problem
        problems[item.source] = item.problem
    assert set(problems.values()) == {FETCH_FAILED}  # no oracle: closed port, open port, redirect: one text
    assert secret.hits == before


def test_a_redirect_to_another_scheme_is_refused(public) -> None:
    with pytest.raises(InputError) as caught:
        fetch(f"http://127.0.0.2:{public.port}/redirect-file", 5, 100_000)
    assert caught.value.problem == FETCH_FAILED


def test_a_name_resolving_to_any_private_address_is_refused_and_the_checked_address_is_used(secret, public) -> None:
    """DNS: every address must pass; the connection goes to the address that was checked
    (one resolution per connection, made by the guard itself: nothing to rebind)."""
    calls: list[str] = []

    def mixed(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.2", "127.0.0.1"]

    with pytest.raises(InputError):
        fetch(f"http://news.example:{secret.port}/secret.html", 5, 100_000, resolver=mixed)
    answers = iter([["127.0.0.2"], ["127.0.0.1"], ["127.0.0.1"]])

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    calls.clear()
    page = fetch(f"http://news.example:{public.port}/feed.xml", 5, 100_000, resolver=rebinding)
    assert page.data.startswith(b"<?xml") and calls == ["news.example"]
    assert secret.hits == 0 or SECRET not in page.data.decode()


def hostile_uploads(secret: _Server) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", ("teasers.rss", feed(f"http://0x7f.1:{secret.port}/secret.html").encode(), "application/rss+xml"))]


def test_no_route_reaches_the_secret_page(tmp_path, secret, public) -> None:
    client = TestClient(create_app(ServeOptions(db=tmp_path / "s.duckdb")), base_url="http://127.0.0.1:8000")
    before = secret.hits
    urls = inward_urls(secret.port) + via_public(public)
    text = {"text": "Bridge reopens\nThe harbour bridge reopened on Tuesday, officials said."}
    answers = []
    for url in urls:
        answers.append(client.post("/api/compare", json={"texts": [text], "urls": [url]}))
        answers.append(client.post("/api/ingest", json={"urls": [url]}))
        answers.append(client.post("/api/ingest", data={"urls": url}, files=[("files", ("", b"", "text/plain"))]))
        answers.append(client.post("/compare", data={"text-1": text["text"], "urls": url}))
        answers.append(client.post("/ingest", data={"urls": url}, files=[("files", ("", b"", "text/plain"))]))
    answers.append(client.post("/api/ingest", files=hostile_uploads(secret)))
    answers.append(client.post("/ingest", files=hostile_uploads(secret)))
    answers.append(client.post("/api/compare/upload", files=hostile_uploads(secret) + [
        ("files", ("b.txt", text["text"].encode(), "text/plain"))]))
    for response in answers:
        assert SECRET not in response.text, response.request.url
        assert response.status_code in (400, 422), (response.request.url, response.status_code, response.text[:200])
    assert secret.hits == before
    assert client.get("/api/articles").json() == []


def test_allow_private_urls_does_reach_it(tmp_path, secret) -> None:
    url = f"http://127.0.0.1:{secret.port}/secret.html"
    (article,) = load([url], IngestOptions(allow_private_urls=True))
    assert SECRET in article.text
    client = TestClient(
        create_app(ServeOptions(db=tmp_path / "s.duckdb", allow_private_urls=True)), base_url="http://127.0.0.1:8000"
    )
    response = client.post("/api/ingest", json={"urls": [url]})
    assert response.status_code == 200 and len(response.json()["ingested"]) == 1
    response = client.post("/api/ingest", files=hostile_uploads(secret))
    assert response.status_code == 200, response.text  # the feed's entry link, fetched


def test_the_cli_refuses_inward_urls_unless_allowed(tmp_path, secret) -> None:
    url = f"http://2130706433:{secret.port}/secret.html"
    before = secret.hits
    refused = invoke("ingest", url, "--db", tmp_path / "c.duckdb")
    assert refused.code == 2 and FETCH_FAILED in refused.err and secret.hits == before
    allowed = invoke("ingest", url, "--db", tmp_path / "c.duckdb", "--allow-private-urls")
    assert allowed.code == 0, allowed.err
    assert secret.hits > before
