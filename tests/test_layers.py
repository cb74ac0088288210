"""Layers: no module imports a stage above its own.

The stages, lowest first (``LAYERS``). A module may import its own package and anything
lower; every import counts, at the top of the module or inside a function, under
``TYPE_CHECKING`` or not, absolute or relative, and ``importlib.import_module`` with a
literal name.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src" / "newsprism"

#: Stages, lowest first: the top-level modules and packages of ``newsprism`` in each.
#: ``base`` is the record types, errors, options, the spaCy wrapper, hashing, the one
#: union-find and the engines' plumbing (the process pool, Spark sessions) that every
#: stage shares;
#: ``__main__`` runs the CLI and sits with it.
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("base", frozenset({"__init__", "model", "errors", "options", "nlp", "hashing", "disjoint", "timing", "workers", "spark_session"})),
    ("ingest", frozenset({"ingest"})),
    ("store", frozenset({"store"})),
    ("analysis", frozenset({"analysis"})),
    ("align", frozenset({"align"})),
    ("stories", frozenset({"stories"})),
    ("framing", frozenset({"framing"})),
    ("compare", frozenset({"compare"})),
    ("report", frozenset({"report"})),
    ("web", frozenset({"web"})),
    ("cli", frozenset({"cli", "__main__"})),
)
RANK = {top: rank for rank, (_, tops) in enumerate(LAYERS) for top in tops}
NAMES = [name for name, _ in LAYERS]


def module_name(path: Path) -> str:
    """``newsprism.compare.claims`` for ``src/newsprism/compare/claims.py``; a package is its ``__init__``."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 2 else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def top(dotted: str) -> str | None:
    """The top-level module of ``newsprism`` a dotted name lies in (``newsprism`` itself is
    ``__init__``), or None outside the package."""
    parts = dotted.split(".")
    if parts[0] != "newsprism":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _resolve(node: ast.ImportFrom, package: str) -> str:
    """The absolute module a (possibly relative) ``from`` import names."""
    if not node.level:
        return node.module or ""
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(source: str, module: str, package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, imported module) of every import in ``source``, the source of ``module``.

    ``from X import name`` gives ``X.name`` when ``X`` is ``newsprism`` itself (the name is
    a top-level module: ``from newsprism import nlp``), else ``X``: whatever it imports from
    a stage (a name or a submodule) belongs to that stage.
    """
    own_package = module if package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, own_package)
            if target == "newsprism":
                for alias in node.names:
                    yield node.lineno, f"newsprism.{alias.name}"
            else:
                yield node.lineno, target
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, (ast.Attribute, ast.Name))
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def violations() -> list[str]:
    """``file:line: module (stage) imports target (stage)`` for every upward import."""
    found = []
    for path in modules():
        name = module_name(path)
        own = RANK[top(name) or ""]
        for line, target in imports(path.read_text(encoding="utf-8"), name, is_package(path)):
            other = top(target)
            if other is None or other not in RANK:
                continue
            if RANK[other] > own:
                where = path.relative_to(REPO)
                found.append(f"{where}:{line}: {name} ({NAMES[own]}) imports {target} ({NAMES[RANK[other]]})")
    return found


def test_every_module_has_a_layer() -> None:
    """A new top-level module or package must be placed in ``LAYERS``."""
    tops = {top(module_name(path)) for path in modules()}
    assert tops - set(RANK) == set(), "add these to LAYERS"


def test_no_module_imports_a_stage_above_its_own() -> None:
    found = violations()
    assert not found, "imports that run up the layers:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "module", "package", "expected"),
    [
        ("import newsprism.compare.claims", "newsprism.framing.labels", False, ["newsprism.compare.claims"]),
        ("def f():\n    from newsprism.report import x", "newsprism.cli", False, ["newsprism.report"]),
        ("from newsprism import nlp, model", "newsprism.ingest", True, ["newsprism.nlp", "newsprism.model"]),
        ("from . import _minhash", "newsprism.stories", True, ["newsprism.stories"]),
        ("from .. import framing", "newsprism.compare.claims", False, ["newsprism.framing"]),
        ("from ._common import x", "newsprism.report._html", False, ["newsprism.report._common"]),
        ("from ..framing import frame", "newsprism.compare.claims", False, ["newsprism.framing"]),
        (
            "if TYPE_CHECKING:\n    from newsprism.web import app",
            "newsprism.analysis.quotes",
            False,
            ["newsprism.web"],
        ),
        ('importlib.import_module("newsprism.compare")', "newsprism.analysis", True, ["newsprism.compare"]),
    ],
)
def test_the_checker_sees_every_kind_of_import(source: str, module: str, package: bool, expected: list[str]) -> None:
    assert [target for _, target in imports(source, module, package)] == expected


def test_an_upward_import_is_a_violation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker itself: a function-level import of framing in analysis is reported."""
    fake = tmp_path / "newsprism"
    (fake / "analysis").mkdir(parents=True)
    (fake / "framing").mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "analysis" / "__init__.py").write_text("")
    (fake / "framing" / "__init__.py").write_text("from newsprism.analysis import x\n")
    (fake / "analysis" / "quotes.py").write_text("def f():\n    from newsprism.framing import frame\n")
    monkeypatch.setattr(sys.modules[__name__], "SRC", fake)
    monkeypatch.setattr(sys.modules[__name__], "REPO", tmp_path)
    assert violations() == [
        "newsprism/analysis/quotes.py:2: newsprism.analysis.quotes (analysis) imports newsprism.framing (framing)"
    ]


#: The top-level modules of the stages above analysis: importing ``newsprism.analysis``
#: must load none of them.
ABOVE_ANALYSIS = frozenset().union(*(tops for _, tops in LAYERS[NAMES.index("analysis") + 1 :]))


def test_importing_analysis_loads_no_stage_above_it() -> None:
    """In a fresh interpreter, ``import newsprism.analysis`` (every component) leaves the
    stages above it unloaded."""
    code = (
        "import sys, newsprism.analysis\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('newsprism'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO, timeout=120
    )
    loaded = set(result.stdout.split())
    assert "newsprism.analysis.names" in loaded
    above = {m for m in loaded if top(m) in ABOVE_ANALYSIS}
    assert above == set(), above
