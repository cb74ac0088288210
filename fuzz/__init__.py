"""Coverage-guided fuzz targets (atheris) for every newsprism input parser and the compare engine.

    python -m fuzz                        # every target, FUZZ_SECONDS (default 60) seconds each
    python -m fuzz --seconds 10 text csv  # some targets, 10 seconds each
    python -m fuzz --runs 200 --seed 1    # a bounded, repeatable pass (what the tests run)

Each target (``fuzz.targets``) feeds bytes to one reader exactly as a user's file would
reach it and lets only the documented error, ``newsprism.errors.NewsprismError``,
through: any other exception, a broken invariant (an error message of more than one
line, a span that does not slice the text) or an input that takes longer than the
per-input timeout is a crash. libFuzzer writes each crash input to the artifacts
directory; a fixed crash becomes a regression test in ``tests/test_fuzz.py``.

Seed corpora are generated from ``examples/airstrikes-iraq`` on first use, never copied in.
"""
