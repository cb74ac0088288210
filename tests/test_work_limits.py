"""Work limits of the web app: compare budgets, cancellation, atomic ingest, idle connections,
and the smaller hostile inputs of issue 13 (huge limit, LIKE wildcards, looping symlinks,
open redirect).

No wall-clock assertion: each test asserts what was answered, in which order, and that
stopped work stopped (a counter), with loops bounded by a number of tries.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsprism.ingest import expand
from newsprism.options import ServeOptions
from newsprism.web import _service, _work, create_app
from newsprism.web._server import uvicorn_config

from .test_web import BASE, EXAMPLE, example_db, free_port, store_held_by_another_process  # noqa: F401

TEXTS = [
    {"outlet": "Daily", "text": "Bridge reopens\nThe harbour bridge reopened on Tuesday after repairs, "
     "Mayor Anna Lindqvist said. \"It is safe again,\" she said."},
    {"outlet": "Courier", "text": "Harbour bridge opens again\nThe harbour bridge opened again on Wednesday, "
     "officials said. \"It is finally safe,\" Mayor Anna Lindqvist said."},
]


def spin(*_: object, **__: object) -> None:
    """A compare that never ends by itself: a Python loop (bounded, ~minutes) the stop can land in."""
    def step(n: int) -> int:
        return n + 1

    n = 0
    for _ in range(10**9):
        n = step(n)


@pytest.fixture
def server(tmp_path, monkeypatch) -> Iterator[tuple[str, _service.Service]]:
    """A real uvicorn (this module's idle-closing protocol) whose compare spins until stopped."""
    options = ServeOptions(db=tmp_path / "w.duckdb", port=free_port(), idle_timeout=1.0)
    app = create_app(options)
    started = threading.Event()

    def slow_compare(articles, options):  # noqa: ANN001, ANN202
        started.set()
        spin()

    monkeypatch.setattr(_service, "compare", slow_compare)
    config = uvicorn_config(app, options, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(500):
        if srv.started:
            break
        time.sleep(0.02)
    app.state.started = started
    try:
        yield f"http://127.0.0.1:{options.port}", app
    finally:
        srv.should_exit = True
        thread.join(10)


def test_a_compare_over_the_size_budget_is_413_and_the_next_one_runs(tmp_path) -> None:
    client = TestClient(create_app(ServeOptions(db=tmp_path / "b.duckdb", compare_max_chars=5_000)), base_url=BASE)
    big = [{"text": "Headline\n" + "The bridge reopened on Tuesday, officials said. " * 100}] * 3
    over = client.post("/api/compare", json={"texts": big})
    assert over.status_code == 413
    assert "budget" in over.json()["error"] and "fewer or shorter" in over.json()["error"]
    normal = client.post("/api/compare", json={"texts": TEXTS})
    assert normal.status_code == 200 and len(normal.json()["articles"]) == 2


def test_a_compare_over_the_time_budget_is_stopped_and_answers_422(tmp_path, monkeypatch) -> None:
    app = create_app(ServeOptions(db=tmp_path / "t.duckdb", work_timeout=0.5))
    monkeypatch.setattr(_service, "compare", lambda articles, options: spin())
    client = TestClient(app, base_url=BASE)
    before = _work.STOPPED["over budget"]
    over = client.post("/api/compare", json={"texts": TEXTS})
    assert over.status_code == 422 and "work budget of 0.5 s" in over.json()["error"]
    assert _work.STOPPED["over budget"] == before + 1
    assert not app.state.service._model_lock.locked()  # the lock was released by the unwinding
    monkeypatch.undo()
    assert client.get("/api/health").json()["status"] == "ok"
    assert client.post("/api/compare", json={"texts": TEXTS}).status_code == 200


def test_a_disconnected_clients_compare_stops_and_health_answers_meanwhile(server) -> None:
    base, app = server
    port = int(base.rsplit(":", 1)[1])
    before = _work.STOPPED["client gone"]
    body = json.dumps({"texts": TEXTS}).encode()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /api/compare HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    assert app.state.started.wait(60)  # the compare is running
    import httpx

    with httpx.Client(base_url=base, trust_env=False, timeout=30) as other:
        assert other.get("/api/health").json()["status"] == "ok"  # not blocked by the running compare
        assert other.get("/api/articles").status_code == 200
    sock.close()
    for _ in range(300):  # bounded: the stop is seen within a few polls
        if _work.STOPPED["client gone"] > before:
            break
        time.sleep(0.1)
    assert _work.STOPPED["client gone"] == before + 1
    for _ in range(100):
        if not app.state.service._model_lock.locked():
            break
        time.sleep(0.05)
    assert not app.state.service._model_lock.locked()


def test_idle_connections_are_closed(server) -> None:
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    silent = socket.create_connection(("127.0.0.1", port))
    silent.settimeout(30)
    assert silent.recv(1) == b""  # closed by the server, never a request
    slow = socket.create_connection(("127.0.0.1", port))
    slow.settimeout(30)
    slow.sendall(b"GET /api/health HTTP/1.1\r\n")  # headers never finished (slow-loris)
    got = b""
    for _ in range(40):
        try:
            chunk = slow.recv(1024)
        except TimeoutError:
            break
        if not chunk:
            break
        got += chunk
        slow.sendall(b"X-Drip: 1\r\n")
    assert b"200 OK" not in got
    silent.close()
    slow.close()


def test_web_ingest_is_all_or_nothing_against_a_cli_ingest(tmp_path) -> None:
    """While another process (a CLI ingest) holds the store, a web ingest of 600 records
    stores nothing and says so; afterwards the same request stores all 600. Each
    response matches what the store holds, exactly."""
    db = tmp_path / "race.duckdb"
    client = TestClient(create_app(ServeOptions(db=db)), base_url=BASE)
    corpus = "\n".join(
        json.dumps({"id": f"r-{i}", "outlet": "Wire", "title": f"Story {i}",
                    "text": f"Story number {i} says the harbour bridge reopened on day {i}."})
        for i in range(600)
    ).encode()
    files = [("files", ("corpus.jsonl", corpus, "application/x-ndjson"))]
    with store_held_by_another_process(db):
        busy = client.post("/api/ingest", files=files)
    assert busy.status_code == 503 and "nothing of this request was stored" in busy.json()["error"]
    assert str(db) not in busy.text
    assert client.get("/api/articles").json() == []
    done = client.post("/api/ingest", files=files)
    assert done.status_code == 200
    stored = [r["id"] for r in client.get("/api/articles", params={"limit": 1000}).json()]
    assert sorted(done.json()["ingested"]) == sorted(stored) and len(stored) == 600


# -- the smaller ones --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_client(example_db) -> TestClient:  # noqa: F811
    return TestClient(create_app(ServeOptions(db=example_db)), base_url=BASE)


def test_a_huge_limit_is_422_without_the_store_path(example_client, example_db) -> None:  # noqa: F811
    for limit in ("9223372036854775808", "99999999999999999999999", "1000000001"):
        response = example_client.get("/api/articles", params={"limit": limit})
        assert response.status_code == 422, limit
        assert str(example_db) not in response.text and "duckdb" not in response.text
    assert example_client.get("/api/articles", params={"limit": "1000000000"}).status_code == 200
    assert example_client.get("/articles", params={"limit": "9223372036854775808"}).status_code == 200


def test_outlet_filter_is_a_plain_substring(example_client) -> None:
    every = example_client.get("/api/articles").json()
    assert every
    for wildcard in ("%", "_", "%%", "\\", "0_0", "%_"):  # each only as itself
        rows = example_client.get("/api/articles", params={"outlet": wildcard}).json()
        assert [r for r in every if wildcard in r["outlet"].lower()] == rows, wildcard
    assert example_client.get("/api/articles", params={"outlet": "%"}).json() == []
    outlet = every[0]["outlet"]
    found = example_client.get("/api/articles", params={"outlet": outlet[1:-1]}).json()
    assert outlet in {r["outlet"] for r in found}


def test_a_glob_over_looping_symlinks_ends(tmp_path, monkeypatch) -> None:
    root = tmp_path / "L"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("Title\nA text.", encoding="utf-8")
    os.symlink(root, root / "sub" / "up")  # L/sub/up -> L
    os.symlink(root / "sub", root / "down")  # L/down -> L/sub: two links looping
    monkeypatch.chdir(tmp_path)
    found = list(expand(["L/**/*.txt"]))
    assert found == ["L/down/a.txt"] or found == ["L/sub/a.txt"]
    assert [str(p) for p in expand(["L"])] in (["L/down/a.txt"], ["L/sub/a.txt"])


def test_the_token_redirect_never_leaves_the_server(tmp_path) -> None:
    token = "s3cret-token-1234"
    client = TestClient(create_app(ServeOptions(db=tmp_path / "r.duckdb", token=token)), base_url=BASE)
    for path in ("//evil.example/x", "/\\evil.example/x", "///evil.example/x", "/%2F/evil.example"):
        response = client.get(f"{path}?token={token}", follow_redirects=False)
        assert response.status_code == 303, path
        location = response.headers["location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\")), (path, location)
