"""Work spread over this machine's cores: the local engine's process pool.

Ingest (parsing) and ``compare --all`` (one story per job) run pure stage functions
over many independent items. ``ordered_map`` runs such a function in worker
processes and hands the results back in item order, so the one process that writes
the store writes exactly what a single process would have written, in the same
order (same input, same output), and a crash loses only the jobs in flight.

Workers are started with ``spawn`` (never ``fork``: the parent holds an open DuckDB
file, model sessions and threads), each loads its models once, and each runs its
ONNX sessions on one thread, so ``workers`` processes use ``workers`` cores.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from newsprism.errors import EngineError, UsageError

T = TypeVar("T")
R = TypeVar("R")

#: Jobs kept in flight per worker: enough to keep every worker busy while the
#: parent stores results, few enough to bound the memory of results waiting.
IN_FLIGHT_PER_WORKER = 2


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int | None) -> int:
    """``workers`` as a count of processes: 0 or None means every usable core."""
    if workers is None or workers == 0:
        return usable_cores()
    if workers < 0:
        raise UsageError("--workers must be 0 (every core) or a positive number of processes")
    return workers


#: Seconds between a worker's checks that the process that started it is alive.
PARENT_CHECK_SECONDS = 1.0


def _start_worker(parent: int) -> None:
    """Run in each worker before its first job: one thread per process for ONNX, and
    the worker ends when its parent does (killed with ``kill -9``, say): an orphaned
    worker would parse on for nothing and hold the parent's output pipes open."""
    os.environ["NEWSPRISM_THREADS"] = "1"
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this process when ``parent`` ends: at once on Linux (the kernel's parent-death
    signal), and on every system within ``PARENT_CHECK_SECONDS`` (a watching thread)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="newsprism-parent-watch", daemon=True).start()


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``fn`` over ``items``, in worker processes, yielding the results in item order.

    ``workers`` <= 1, or a single item, runs in this process (no start-up cost). ``fn`` must be a module-level function and items and results picklable.
    An exception raised by ``fn`` is raised here, as it would be in one process; a
    worker that dies (killed, out of memory) is an ``EngineError``.
    """
    items = iter(items)
    first = list(itertools.islice(items, 2))
    if workers <= 1 or len(first) < 2:  # one job: not worth starting processes
        yield from map(fn, itertools.chain(first, items))
        return
    items = itertools.chain(first, items)
    context = multiprocessing.get_context("spawn")
    pending: deque[Future[R]] = deque()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise EngineError(f"a worker process died ({exc or 'killed or out of memory'}); run again to resume") from exc
