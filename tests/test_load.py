"""The web app under bounded concurrent load, from a second process.

The same driver as ``python -m bench load`` (``bench/load.py``), shorter and with
fewer clients so it fits in CI: a real ``newsprism serve`` subprocess on 127.0.0.1
over a store the CLI filled with the bundled example; 20 concurrent clients for 8 s
over health, the list, both articles and compares of the two stored ids. Every
answer must equal the (independently validated) answer of the idle server; no
request may fail, time out or get another status, and the server must log no
traceback.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from bench.load import run
from newsprism.web._service import ReadWriteLock

CLIENTS = 20
SECONDS = 8.0


def test_every_request_under_load_is_answered_correctly(tmp_path: Path) -> None:
    result = run(tmp_path, clients=CLIENTS, seconds=SECONDS)
    print("\n" + result.table())
    assert result.errors == [], [f"{s.route}: {s.error}" for s in result.errors[:5]]
    routes = result.routes()
    assert set(routes) == {"GET /api/health", "GET /api/articles", "GET /api/articles/{id}", "POST /api/compare"}
    compares = len(routes["POST /api/compare"])
    assert compares >= 1 and compares < len(result.samples) / 5, "compare is a small minority of the requests"
    assert len(result.samples) >= CLIENTS * 2, "every client got answers, more than once"
    assert "Traceback" not in result.server_log and "ERROR" not in result.server_log, result.server_log[-2000:]
    # All requests ran within the bound: nobody was left waiting long after the clients stopped.
    assert result.wall < SECONDS + 60


def test_reads_run_side_by_side_and_a_waiting_write_goes_first() -> None:
    """The server's store lock: reads share it (the load above depends on that), writes are not starved."""
    lock = ReadWriteLock()
    both_inside = threading.Barrier(2, timeout=10)

    def read_together() -> None:
        with lock.reading():
            both_inside.wait()  # breaks (BrokenBarrierError) if the two reads could not be inside at once

    readers = [threading.Thread(target=read_together) for _ in range(2)]
    for t in readers:
        t.start()
    for t in readers:
        t.join(15)
    assert not both_inside.broken

    order: list[str] = []
    first_in, writer_waiting = threading.Event(), threading.Event()

    def long_read() -> None:
        with lock.reading():
            first_in.set()
            writer_waiting.wait(10)
            time.sleep(0.2)  # the late reader arrives meanwhile and must queue behind the writer
            order.append("first read")

    def write() -> None:
        first_in.wait(10)
        writer_waiting.set()
        with lock.writing():
            order.append("write")

    def late_read() -> None:
        writer_waiting.wait(10)
        time.sleep(0.05)
        with lock.reading():
            order.append("late read")

    threads = [threading.Thread(target=f) for f in (long_read, write, late_read)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(15)
    assert order == ["first read", "write", "late read"]
