"""Where a run's time goes: loading models versus working (``newsprism --verbose``).

Every model of the package is loaded by a function decorated with ``model_loader``:
it runs once per process (a cache, like ``functools.cache``) and the seconds it took,
imports included, are recorded under the model's name. ``summary`` turns the record
into the one line the CLI prints with ``--verbose``; ``warm`` loads a list of models
ahead of the first request (``newsprism serve``).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["model_loader", "loads", "summary", "process_seconds"]

T = TypeVar("T")

#: Seconds each model took to load in this process, by name, in load order.
_LOADS: dict[str, float] = {}


def model_loader(name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a model-loading function and record how long its first call(s) took.

    Calls with different arguments are loaded (and timed) once each; their seconds
    add up under ``name``.
    """

    def decorate(load: Callable[..., T]) -> Callable[..., T]:
        cached = functools.cache(load)

        @functools.wraps(load)
        def timed(*args, **kwargs) -> T:
            before = cached.cache_info().misses
            start = time.perf_counter()
            value = cached(*args, **kwargs)
            if cached.cache_info().misses != before:
                _LOADS[name] = _LOADS.get(name, 0.0) + time.perf_counter() - start
            return value

        timed.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        timed.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return timed

    return decorate


def loads() -> dict[str, float]:
    """Seconds spent loading each model so far in this process."""
    return dict(_LOADS)


def process_seconds() -> float | None:
    """Wall seconds since this process started (Linux ``/proc``), or None elsewhere."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def summary(command_start: float) -> str:
    """One line: the time before the command ran (start-up and imports), loading models
    (each named), and the rest of the command's work. ``command_start`` is the
    ``time.perf_counter()`` at which the command began."""
    command = time.perf_counter() - command_start
    total = process_seconds()
    loading = sum(_LOADS.values())
    parts = []
    if total is not None and total >= command:
        parts.append(f"start-up and imports {total - command:.2f} s")
    each = ", ".join(f"{name} {seconds:.2f}" for name, seconds in _LOADS.items())
    parts.append(f"loading models {loading:.2f} s" + (f" ({each})" if each else ""))
    parts.append(f"working {max(command - loading, 0.0):.2f} s")
    head = f"time: {total:.2f} s in all" if total is not None else f"time: {command:.2f} s for the command"
    return head + " = " + " + ".join(parts)
