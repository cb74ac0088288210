"""Time on hostile inputs: every regex of the input path, every regex-using function,
and spaCy on a run of quote marks, at size n and 4n.

The test suite counts work in Python operations (``tests/test_limits.py``), which a
busy machine cannot disturb but which cannot see a regex engine backtracking in C.
This benchmark times the same calls on the same hostile inputs (built by the test
module), as the ratio of CPU time at 4n to CPU time at n of this thread (best of a
few runs, each looping to at least 20 ms): linear is about 4, quadratic 16; above
``MAX_GROWTH`` a call is listed as super-linear and the benchmark fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from newsprism.ingest import build_articles
from newsprism.model import RawArticle
from tests.test_limits import (
    FUNCTION_N, MAX_GROWTH, REGEX_N, _run, _text_functions, function_inputs, hostile_inputs, source_regexes,
)  # fmt: skip

#: Below this CPU time at 4n a single look is noise, and no quadratic cost fits in it.
NOISE = 0.0005


def cpu_seconds(call: Callable[[], object], repeat: int = 3) -> float:
    """Best-of-``repeat`` CPU time of ``call`` on this thread, each look looping to 20 ms or more."""
    best = float("inf")
    for _ in range(repeat):
        loops, elapsed = 0, 0.0
        started = time.thread_time()
        while elapsed < 0.02:
            call()
            loops += 1
            elapsed = time.thread_time() - started
        best = min(best, elapsed / loops)
    return best


def growth(make: Callable[[int], Callable[[], object]], n: int) -> tuple[float, bool]:
    """CPU time at 4n over CPU time at n, and whether it was long enough to mean anything:
    a quick look, then a careful one if it seems super-linear."""
    small, large = make(n), make(4 * n)
    small()
    started = time.thread_time()
    small()
    t_small = time.thread_time() - started
    started = time.thread_time()
    large()
    t_large = time.thread_time() - started
    if t_large < NOISE:
        return t_large / max(t_small, 1e-9), False
    if t_large < MAX_GROWTH * t_small:
        return t_large / max(t_small, 1e-9), True
    return cpu_seconds(large, 5) / cpu_seconds(small, 5), True


def main() -> None:
    slow: list[str] = []
    worst: list[tuple[float, str]] = []

    def check(name: str, make: Callable[[int], Callable[[], object]], n: int) -> None:
        ratio, measurable = growth(make, n)
        if measurable:
            worst.append((ratio, name))
        if measurable and ratio > MAX_GROWTH:
            slow.append(f"{name}: x{ratio:.1f} for 4x input")

    regexes = 0
    for regex in source_regexes():
        for build in hostile_inputs(regex.pattern.pattern):
            check(f"{regex.where} on {build(24)!r}", lambda n, b=build, r=regex: (lambda t=b(n): _run(r, t)), REGEX_N)
            regexes += 1
    functions = 0
    for name, function in sorted(_text_functions().items()):
        for build in function_inputs():
            check(f"{name} on {build(24)!r}", lambda n, b=build, f=function: (lambda t=b(n): f(t)), FUNCTION_N)
            functions += 1

    def quote_run(n: int) -> Callable[[], object]:
        raw = RawArticle(source="q", title="T", text="'\"" * (n // 2))
        return lambda: build_articles([raw])

    check("segmenting a run of quote marks (spaCy)", quote_run, 1_000)
    print(f"CPU time at 4n / at n (linear ~4, quadratic 16; limit {MAX_GROWTH:g}), this thread, best of runs")
    print(f"  {regexes} regex x hostile input pairs, {functions} function x hostile input pairs, 1 segmentation")
    print(f"  {len(worst)} took {NOISE * 1000:g} ms or more at 4n; their largest ratios:")
    for ratio, name in sorted(worst, reverse=True)[:5]:
        print(f"    x{ratio:5.1f}  {name[:110]}")
    if slow:
        raise AssertionError("super-linear on hostile input:\n" + "\n".join(slow))
    print("  none super-linear")


if __name__ == "__main__":
    main()
