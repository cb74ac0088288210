"""Run one fuzz target under atheris in this process (libFuzzer exits the process when done).

    python -m fuzz._worker TARGET [libFuzzer flags] [CORPUS_DIR]

``python -m fuzz`` starts one of these per target; run it by hand to pass libFuzzer
flags it does not expose, or to replay a crash file (``python -m fuzz._worker text CRASH``).
newsprism's modules are instrumented for coverage; the libraries it calls are not,
so the fuzzer steers by newsprism's branches (atheris's regex and str hooks still
help it satisfy the patterns newsprism matches against).
"""

from __future__ import annotations

import sys

import atheris


def main(argv: list[str]) -> None:
    """Instrument newsprism, warm the target up on a seed, then hand over to libFuzzer."""
    if len(argv) < 2:
        raise SystemExit("usage: python -m fuzz._worker TARGET [libFuzzer flags] [CORPUS_DIR]")
    name = argv[1]
    with atheris.instrument_imports(include=["newsprism"]):
        from fuzz import targets
    if name not in targets.TARGETS:
        raise SystemExit(f"unknown target {name!r}; targets: {', '.join(targets.TARGETS)}")
    target = targets.TARGETS[name]
    # Load models and caches before the clock starts, so the first input is not a "timeout".
    target.run(target.seeds()[-1])
    atheris.Setup([argv[0], *argv[2:]], target.run)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
