"""A request's work (compare, ingest) off the event loop, within a time budget, cancellable.

The work runs in a worker thread, so the event loop keeps answering health checks
and reads. The route waits for it while watching two things every ``POLL`` seconds:
whether the client is still connected (``request.is_disconnected()``), and whether
the work is over its time budget (``ServeOptions.work_timeout``). Either one stops it.

Why a cooperative stop in a thread, not a process to kill: compare and segmentation
are CPU-bound Python over language models that take seconds and hundreds of MB to
load; a worker process would hold a second copy of them (the machine has 2 cores and
the server ~400 MB) or pay the load on every request. Python cannot kill a thread, so
the worker thread runs with a trace function (``sys.settrace``, call events only:
no line tracing) that raises ``Stopped`` at the next Python function call once the
stop flag is set. The stop lands within one call of a Python function — inside
spaCy or the encoder, at the end of the current batch of native code. The work's
``with`` blocks unwind normally, so the model lock and the store are released and
nothing half-written is committed (an ingest is one transaction). Measured on the
example compare: no measurable overhead (0.42-0.50 s either way).
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from fastapi.concurrency import run_in_threadpool
from starlette.requests import Request

from newsprism.web._errors import WebError

T = TypeVar("T")

#: Seconds between two looks at the client and the clock while work runs.
POLL = 0.2


class OverBudgetError(WebError):
    """Work that ran past the server's time budget and was stopped."""

    status = 422


class ClientGoneError(WebError):
    """The client went away; its work was stopped (nobody reads this answer)."""

    status = 499


class Stopped(BaseException):
    """Raised inside the worker thread to unwind the work (BaseException: no ``except Exception`` eats it)."""


class StopFlag:
    """Set from the event loop, read by the worker thread's trace function."""

    def __init__(self) -> None:
        self.reason: str | None = None

    def stop(self, reason: str) -> None:
        self.reason = self.reason or reason


#: Work stopped so far in this process, by reason (for tests and the log).
STOPPED: dict[str, int] = {"client gone": 0, "over budget": 0}
_count_lock = threading.Lock()


def run_stoppable(work: Callable[[], T], flag: StopFlag) -> T:
    """Run ``work`` in this thread; ``Stopped`` is raised inside it once ``flag`` is set."""
    previous = sys.gettrace()

    def tracer(frame, event, arg):  # noqa: ANN001, ANN202
        if flag.reason is not None:
            raise Stopped(flag.reason)
        return previous(frame, event, arg) if previous is not None else None

    sys.settrace(tracer)
    try:
        return work()
    finally:
        sys.settrace(previous)


async def run_work(request: Request | None, work: Callable[[], T], timeout: float, what: str) -> T:
    """``work()`` in a worker thread; stopped when the client leaves or after ``timeout`` s.

    Over budget: ``OverBudgetError`` (422) saying what to do. Client gone:
    ``ClientGoneError`` (its answer goes nowhere).
    """
    flag = StopFlag()
    deadline = time.monotonic() + timeout
    task = asyncio.ensure_future(run_in_threadpool(run_stoppable, work, flag))
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=POLL)
            if done:
                break
            if flag.reason is None and request is not None and await request.is_disconnected():
                flag.stop("client gone")
            elif flag.reason is None and time.monotonic() > deadline:
                flag.stop("over budget")
    except asyncio.CancelledError:
        flag.stop("client gone")
        raise
    try:
        return task.result()
    except Stopped as exc:
        reason = str(exc)
        with _count_lock:
            STOPPED[reason] = STOPPED.get(reason, 0) + 1
        if reason == "over budget":
            raise OverBudgetError(
                f"this {what} went over the server's work budget of {timeout:g} s and was stopped; "
                f"send fewer or shorter articles, or run `newsprism {what}` on the command line"
            ) from None
        raise ClientGoneError(f"the client went away; the {what} was stopped") from None
