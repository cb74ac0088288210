"""Run the benchmarks: ``python -m bench`` (all, in order) or ``python -m bench ingest``.

Each benchmark is a module of this package with a ``main()`` that measures and
prints its own table. Add a new one by appending its name to ``MODULES``.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback

#: Benchmark modules, run in this order.
MODULES: tuple[str, ...] = ("ingest", "pages", "compare", "same_event", "claims", "truth", "speakers", "basil", "labels", "framing_sample", "stories", "load", "embeddings", "cold", "limits", "day")


def run(names: list[str]) -> int:
    """Run the named benchmarks; the number that failed (a failure does not stop the rest)."""
    failed = 0
    for index, name in enumerate(names):
        if index:
            print()
        print(f"== bench.{name} ==", flush=True)
        start = time.perf_counter()
        try:
            importlib.import_module(f"bench.{name}").main()
        except Exception:  # one broken benchmark must not hide the others' figures
            failed += 1
            traceback.print_exc()
        print(f"(bench.{name} took {time.perf_counter() - start:.1f} s)", flush=True)
    return failed


def main(argv: list[str]) -> int:
    unknown = [n for n in argv if n not in MODULES]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r}; known: {', '.join(MODULES)}", file=sys.stderr)
        return 2
    return 1 if run(argv or list(MODULES)) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
