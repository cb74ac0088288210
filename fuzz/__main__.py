"""``python -m fuzz [--seconds N | --runs N] [--seed N] [target ...]``: run fuzz targets.

Each target runs in its own process (libFuzzer ends the process when it stops), one
after the other, on a corpus directory seeded from the bundled example the first time.
New interesting inputs are added to that corpus, so later sessions start where the last
one stopped. Prints one line per target and exits 1 if any target crashed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fuzz.targets import REPO, TARGETS, dictionary_file

#: Where corpora and crash inputs go by default (ignored by git).
WORK = REPO / ".newsprism" / "fuzz"
DEFAULT_SECONDS = 60


@dataclass(frozen=True)
class Outcome:
    """What one target's session did: how many inputs it ran and whether one crashed."""

    target: str
    runs: int
    seconds: float
    crashed: bool
    log: Path

    def line(self) -> str:
        status = f"CRASH (see {self.log})" if self.crashed else "no crash"
        return f"{self.target}: {self.runs:,} inputs in {self.seconds:.0f} s, {status}"


def seed_corpus(target: str, directory: Path) -> None:
    """Write the target's generated seeds into an empty corpus directory."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        return
    for i, data in enumerate(TARGETS[target].seeds()):
        (directory / f"seed-{i:02d}").write_bytes(data)


def run_target(
    target: str,
    *,
    seconds: float | None,
    runs: int | None,
    seed: int,
    timeout: int,
    rss_limit_mb: int,
    corpus: Path,
    artifacts: Path,
) -> Outcome:
    """Fuzz one target in a subprocess; its libFuzzer output goes to ``artifacts/TARGET.log``."""
    directory = corpus / target
    seed_corpus(target, directory)
    artifacts.mkdir(parents=True, exist_ok=True)
    flags = [
        f"-seed={seed}",
        f"-timeout={timeout}",
        f"-rss_limit_mb={rss_limit_mb}",
        f"-artifact_prefix={artifacts}/{target}-",
        "-print_final_stats=1",
    ]
    if seconds is not None:
        flags.append(f"-max_total_time={max(1, round(seconds))}")
    if runs is not None:
        flags.append(f"-runs={runs}")
    if TARGETS[target].dictionary:
        tokens = artifacts / f"{target}.dict"
        tokens.write_text(dictionary_file(TARGETS[target]), encoding="ascii")
        flags.append(f"-dict={tokens}")
    log = artifacts / f"{target}.log"
    started = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.run(
            [sys.executable, "-m", "fuzz._worker", target, *flags, str(directory)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
            check=False,
        )
    elapsed = time.monotonic() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    found = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
    return Outcome(target, int(found[-1]) if found else 0, elapsed, proc.returncode != 0, log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="target", help=f"targets to run (default: all of {', '.join(TARGETS)})")
    parser.add_argument("--seconds", type=float, default=None,
                        help=f"seconds per target (default: $FUZZ_SECONDS or {DEFAULT_SECONDS})")
    parser.add_argument("--runs", type=int, default=None, help="inputs per target (with --seconds as a cap, if given)")
    parser.add_argument("--seed", type=int, default=1, help="libFuzzer's random seed (default 1: repeatable)")
    parser.add_argument("--timeout", type=int, default=30, help="seconds one input may take before it is a crash")
    parser.add_argument("--rss-limit-mb", type=int, default=4096, help="memory one target may use")
    parser.add_argument("--corpus", type=Path, default=WORK / "corpus", help="corpus root, one directory per target")
    parser.add_argument("--artifacts", type=Path, default=WORK / "artifacts", help="where logs and crash inputs go")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    args = parser.parse_args(argv)
    if args.list:
        for target in TARGETS.values():
            print(f"{target.name:8} {target.doc}")
        return 0
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}; targets: {', '.join(TARGETS)}")
    seconds = args.seconds
    if seconds is None and args.runs is None:
        seconds = float(os.environ.get("FUZZ_SECONDS") or DEFAULT_SECONDS)
    crashed = False
    for target in args.targets or list(TARGETS):
        outcome = run_target(
            target, seconds=seconds, runs=args.runs, seed=args.seed, timeout=args.timeout,
            rss_limit_mb=args.rss_limit_mb, corpus=args.corpus.resolve(), artifacts=args.artifacts.resolve(),
        )  # fmt: skip
        print(outcome.line(), flush=True)
        crashed |= outcome.crashed
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
