"""Word lists kept as data files under ``analysis/data/``: one reader for all of them.

A file holds named lists: "[name]" starts a list, each other non-empty line is one
entry, "#" starts a comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources


def read_sections(file: str, fold: bool = False) -> dict[str, tuple[str, ...]]:
    """The named lists of ``data/<file>``; with ``fold``, entries case-folded."""
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    text = resources.files("newsprism.analysis").joinpath("data", file).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = lists.setdefault(line[1:-1], [])
        elif line and current is not None:
            current.append(line.casefold() if fold else line)
    return {name: tuple(entries) for name, entries in lists.items()}


def equivalents(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each word of lines that list equivalent words ("rep representative congressman"),
    case-folded, mapped to every word it is equivalent to (itself included); a word on
    two lines gets both lines' words."""
    groups: dict[str, frozenset[str]] = {}
    for line in lines:
        words = frozenset(line.casefold().split())
        for word in words:
            groups[word] = groups.get(word, frozenset()) | words
    return groups
