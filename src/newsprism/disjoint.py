"""Disjoint sets (union-find): the one grouping structure of newsprism.

The story grouping joins articles to their nearest neighbours. In the compare
stage, claims join aligned sentences, quote findings join matching quotations,
contradictions join the facts that speak of one thing, who-said-it joins
near-verbatim quotes. Each caller keeps its own guards (when two groups may join)
and its own data per group; this module only keeps who is with whom.

Keys are hashable and ordered (tuples of article id and position, or ranks). A union keeps
the smaller root, and ``groups`` lists members in sorted order, so the groups and
the order they come in never depend on the order of the joins.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, Generic, TypeVar

__all__ = ["DisjointSets"]

K = TypeVar("K", bound=Hashable)


class DisjointSets(Generic[K]):
    """Groups of keys that only ever merge (path halving, smaller root kept)."""

    __slots__ = ("_parent",)

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self._parent: dict[K, K] = {key: key for key in keys}

    def __contains__(self, key: object) -> bool:
        return key in self._parent

    def __iter__(self) -> Iterator[K]:
        return iter(self._parent)

    def __len__(self) -> int:
        return len(self._parent)

    def add(self, key: K) -> bool:
        """Add ``key`` as a group of its own; ``False`` if it was already there."""
        if key in self._parent:
            return False
        self._parent[key] = key
        return True

    def find(self, key: K) -> K:
        """The root of ``key``'s group (``key`` is added first if new)."""
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, x: K, y: K) -> tuple[K, K] | None:
        """Join the groups of ``x`` and ``y``: (the root kept, the root absorbed), or
        ``None`` when they were one group already."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return None
        keep, gone = (rx, ry) if rx < ry else (ry, rx)  # type: ignore[operator]
        self._parent[gone] = keep
        return keep, gone

    def groups(self, key: Callable[[K], Any] | None = None) -> list[list[K]]:
        """Every group's members, sorted (by ``key`` if given); groups in the order
        of their first member."""
        found: dict[K, list[K]] = {}
        for member in sorted(self._parent, key=key):  # type: ignore[type-var, arg-type]
            found.setdefault(self.find(member), []).append(member)
        return list(found.values())
