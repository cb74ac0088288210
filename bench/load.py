"""Load on the web app: many concurrent clients against a real ``newsprism serve``.

    python -m bench load        # 50 clients for 30 s (the figures in the docs)

A temporary store gets the bundled example through the CLI (``newsprism ingest``),
then ``newsprism serve`` runs on a free port of 127.0.0.1 as a separate process,
and this process drives it with ``CLIENTS`` concurrent clients (one asyncio task
each, over one httpx connection pool) for ``SECONDS`` seconds:

* most clients cycle through the cheap routes — ``GET /api/health``,
  ``GET /api/articles`` and ``GET /api/articles/{id}`` of both stored articles —
  each starting at a different place in the cycle;
* a few clients (one in ``HEAVY_EVERY``, at least one) post ``/api/compare`` of the
  two stored ids in a loop. Compare runs the language models, which the server
  serialises, so it stays a minority of the requests; had every client mixed it in
  at random, nearly all of them would end up queued behind it and the run would
  measure one queue, not the server.

Every response is checked, not only its status: before the load each route is asked
once on the idle server and that answer is validated on its own (the stored ids,
``text[start:end]`` of every sentence and every piece of evidence, the example's
Sunday/Saturday contradiction); under load every answer must then equal it exactly.
A compare under load that differs from the idle one would mean requests leak into
each other. Anything else — another status, a transport error, a timeout — is an
error. The server's log must hold no traceback.

``tests/test_load.py`` runs the same code for a shorter time with fewer clients.
Latency is per request, from sending it to having the whole body; percentiles are
nearest-rank; requests/s is all completed requests over the wall time of the run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "airstrikes-iraq"
#: Concurrent clients and seconds of the full benchmark.
CLIENTS = 50
SECONDS = 30.0
#: One client in this many posts compares (at least one does).
HEAVY_EVERY = 25
#: Seconds one request may take before it counts as an error.
REQUEST_TIMEOUT = 120.0
#: Seconds the server gets to come up (it loads no model before the first compare).
STARTUP_TIMEOUT = 120.0
#: Seconds a client keeps an idle connection. Below the server's 5 (uvicorn's
#: ``timeout_keep_alive``): at 5 too (httpx's default), a request sent on a connection
#: just as the server closes it for idleness fails with a ReadError — the keep-alive
#: race every HTTP client must avoid or retry, not a fault of the server.
KEEPALIVE = 2.0


# -- what the clients ask, and what the answers must be -------------------------------------


@dataclass(frozen=True)
class Probe:
    """One request of the mix and the JSON its every answer must equal."""

    route: str
    method: str
    path: str
    body: dict[str, Any] | None = None
    expected: Any = None


@dataclass
class Sample:
    """One request made under load: its route, latency and what was wrong (``None``: nothing)."""

    route: str
    seconds: float
    error: str | None


@dataclass
class LoadResult:
    """Every request of a run, its wall time, and the server's log."""

    clients: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0
    server_log: str = ""

    @property
    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.error is not None]

    @property
    def rate(self) -> float:
        """Completed requests per second of wall time."""
        return len(self.samples) / self.wall if self.wall else 0.0

    def routes(self) -> dict[str, list[Sample]]:
        """The samples by route, in the order routes first appear."""
        grouped: dict[str, list[Sample]] = {}
        for sample in self.samples:
            grouped.setdefault(sample.route, []).append(sample)
        return grouped

    def rows(self) -> list[dict[str, Any]]:
        """Per route and in all: requests, errors, req/s and latency percentiles (ms)."""
        groups = {**self.routes(), "all": self.samples}
        return [_row(route, samples, self.wall) for route, samples in groups.items()]

    def table(self) -> str:
        """The rows as a Markdown table, for the terminal and the docs."""
        lines = [
            f"{self.clients} clients for {self.seconds:.0f} s; wall {self.wall:.1f} s; "
            f"{len(self.samples)} requests, {len(self.errors)} errors, {self.rate:.1f} req/s",
            "",
            "| route | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in self.rows():
            lines.append(
                f"| {r['route']} | {r['requests']} | {r['errors']} | {r['rate']:.1f} | {r['p50']:.1f} "
                f"| {r['p90']:.1f} | {r['p99']:.1f} | {r['max']:.1f} |"
            )
        return "\n".join(lines)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0 < q <= 100) of ``values``; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def _row(route: str, samples: list[Sample], wall: float) -> dict[str, Any]:
    ms = [s.seconds * 1000 for s in samples]
    return {
        "route": route, "requests": len(samples), "errors": sum(s.error is not None for s in samples),
        "rate": len(samples) / wall if wall else 0.0, "p50": percentile(ms, 50), "p90": percentile(ms, 90),
        "p99": percentile(ms, 99), "max": max(ms, default=0.0),
    }


def _require(condition: object, what: str) -> None:
    """Raise when an idle answer is wrong (``assert`` would vanish under ``python -O``)."""
    if not condition:
        raise RuntimeError(f"the idle server answered wrongly: {what}")


def _spans_hold(text: str, spans: list[dict[str, Any]]) -> bool:
    return all(text[s["start"] : s["end"]] == s["text"] for s in spans)


def baseline(client: httpx.Client, ids: list[str]) -> tuple[list[Probe], Probe]:
    """The cheap probes and the compare probe, with their answers from the idle server.

    Each answer is checked on its own first, so that "equal to the baseline" under
    load means "right", not merely "the same as once before".
    """
    health = client.get("/api/health").json()
    _require(health["status"] == "ok" and health["store"] == "ok" and health["articles"] == len(ids), f"{health}")
    listing = client.get("/api/articles").json()
    _require([row["id"] for row in listing] == ids, f"listing {listing}")
    probes = [Probe("GET /api/health", "GET", "/api/health", expected=health),
              Probe("GET /api/articles", "GET", "/api/articles", expected=listing)]
    for ident in ids:
        article = client.get(f"/api/articles/{ident}").json()
        _require(article["id"] == ident and article["sentences"], f"article {ident}")
        _require(_spans_hold(article["text"], article["sentences"]), f"sentence spans of {ident}")
        probes.append(Probe("GET /api/articles/{id}", "GET", f"/api/articles/{ident}", expected=article))
    body = {"ids": ids}
    response = client.post("/api/compare", json=body)
    _require(response.status_code == 200, f"compare: {response.text[:300]}")
    contract = response.json()
    _require([a["id"] for a in contract["articles"]] == ids, "compare: the articles' ids")
    texts = {a["id"]: a["text"] for a in contract["articles"]}
    for finding in contract["findings"]:
        for ev in finding["evidence"]:
            _require(texts[ev["article"]][ev["start"] : ev["end"]] == ev["text"], f"evidence of {finding['summary']}")
    days = [f for f in contract["findings"]
            if f["kind"] == "contradiction" and set(f.get("values", {}).values()) == {"Sunday", "Saturday"}]
    _require(len(days) == 1, "compare: the example's one Sunday/Saturday contradiction")
    return probes, Probe("POST /api/compare", "POST", "/api/compare", body=body, expected=contract)


# -- the load ----------------------------------------------------------------------------------


async def _client(
    http: httpx.AsyncClient, probes: list[Probe], start: int, deadline: float, out: list[Sample]
) -> None:
    """One client: ask the probes in turn (from ``start``) until ``deadline``, recording each answer."""
    turn = start
    while time.monotonic() < deadline:
        probe = probes[turn % len(probes)]
        turn += 1
        began = time.perf_counter()
        error: str | None = None
        try:
            response = await http.request(probe.method, probe.path, json=probe.body)
            if response.status_code != 200:
                error = f"status {response.status_code}: {response.text[:200]}"
            elif response.json() != probe.expected:
                error = "answer differs from the idle server's"
        except (httpx.HTTPError, json.JSONDecodeError) as exc:
            error = f"{type(exc).__name__}: {exc!r}"
        out.append(Sample(probe.route, time.perf_counter() - began, error))


async def drive(
    base: str, light: list[Probe], heavy: Probe, clients: int, seconds: float
) -> tuple[list[Sample], float]:
    """``clients`` concurrent clients for ``seconds``: the samples and the wall time until the last answer."""
    samples: list[Sample] = []
    heavy_clients = max(1, clients // HEAVY_EVERY)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=KEEPALIVE)
    async with httpx.AsyncClient(base_url=base, trust_env=False, timeout=REQUEST_TIMEOUT, limits=limits) as http:
        began = time.monotonic()
        deadline = began + seconds
        tasks = [
            _client(http, [heavy] if i < heavy_clients else light, i, deadline, samples)
            for i in range(clients)
        ]
        await asyncio.gather(*tasks)
        return samples, time.monotonic() - began


# -- the server --------------------------------------------------------------------------------


def cli_env() -> dict[str, str]:
    """The environment of the CLI processes: offline models, no proxy, no default store."""
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", NO_PROXY="127.0.0.1,localhost")
    env.pop("NEWSPRISM_DB", None)
    env.pop("NEWSPRISM_TOKEN", None)
    return env


def newsprism(*args: object, timeout: float = 300) -> str:
    """Run ``python -m newsprism ARGS``; its stdout (a failure raises with its stderr)."""
    proc = subprocess.run([sys.executable, "-m", "newsprism", *map(str, args)], capture_output=True, text=True,
                          env=cli_env(), cwd=REPO, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"newsprism {' '.join(map(str, args))} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def ingest_example(db: Path) -> list[str]:
    """Store the bundled example in ``db`` with the CLI; the stored ids in list order."""
    newsprism("ingest", "--db", db, EXAMPLE)
    ids = newsprism("list", "--db", db, "--ids").split()
    if len(ids) != 2:
        raise RuntimeError(f"expected the example's two articles in {db}, found {ids}")
    return ids


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running ``newsprism serve``: its base URL, and its log once it has stopped."""

    base: str
    process: subprocess.Popen[str]
    log: str = ""


@contextlib.contextmanager
def serve(db: Path) -> Iterator[Server]:
    """``newsprism serve --db DB`` on a free port of 127.0.0.1, up and answering, for the block."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=REPO,
    )
    server = Server(f"http://127.0.0.1:{port}", proc)
    try:
        _wait_until_up(server)
        yield server
    finally:
        proc.terminate()
        try:
            _, server.log = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, server.log = proc.communicate()


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    with httpx.Client(base_url=server.base, trust_env=False, timeout=5) as client:
        while True:
            if server.process.poll() is not None:
                log = server.process.stderr.read() if server.process.stderr else ""
                raise RuntimeError(f"newsprism serve stopped: {log}")
            with contextlib.suppress(httpx.TransportError):
                if client.get("/api/health").status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise RuntimeError("newsprism serve did not come up")
            time.sleep(0.2)


def run(workdir: Path, clients: int = CLIENTS, seconds: float = SECONDS) -> LoadResult:
    """The whole benchmark in ``workdir``: ingest the example, serve it, validate, load, stop."""
    db = workdir / "load.duckdb"
    ids = ingest_example(db)
    result = LoadResult(clients, seconds)
    with serve(db) as server:
        with httpx.Client(base_url=server.base, trust_env=False, timeout=REQUEST_TIMEOUT) as client:
            light, heavy = baseline(client, ids)  # also loads the models, so the load measures a warm server
        result.samples, result.wall = asyncio.run(drive(server.base, light, heavy, clients, seconds))
    result.server_log = server.log
    return result


def main() -> None:
    """Run the full benchmark and print its table (``python -m bench load``)."""
    with tempfile.TemporaryDirectory(prefix="newsprism-load-") as tmp:
        result = run(Path(tmp))
    print(result.table())
    for sample in result.errors[:10]:
        print(f"error: {sample.route} after {sample.seconds * 1000:.0f} ms: {sample.error}")
    if result.errors or "Traceback" in result.server_log:
        print("the server's log:\n" + result.server_log[-3000:])
    if result.errors or "Traceback" in result.server_log:
        raise RuntimeError(f"{len(result.errors)} request(s) failed under load")


if __name__ == "__main__":
    main()
