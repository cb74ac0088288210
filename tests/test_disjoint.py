"""The one union-find (``newsprism.disjoint``): the compare stage and the story grouping."""

from __future__ import annotations

import itertools

from newsprism.disjoint import DisjointSets


def _grouped(joins: list[tuple[tuple[str, int], tuple[str, int]]], keys: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    sets: DisjointSets[tuple[str, int]] = DisjointSets(keys)
    for x, y in joins:
        sets.union(x, y)
    return sets.groups()


def test_groups_do_not_depend_on_the_order_of_the_joins() -> None:
    keys = [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("c", 0)]
    joins = [(("b", 1), ("a", 0)), (("c", 0), ("b", 1)), (("a", 1), ("b", 0))]
    seen = {str(_grouped(list(order), keys)) for order in itertools.permutations(joins)}
    assert seen == {str([[("a", 0), ("b", 1), ("c", 0)], [("a", 1), ("b", 0)]])}


def test_union_keeps_the_smaller_root_and_says_what_it_absorbed() -> None:
    sets: DisjointSets[tuple[str, int]] = DisjointSets()
    assert sets.union(("z", 1), ("a", 2)) == (("a", 2), ("z", 1))
    assert sets.union(("a", 2), ("z", 1)) is None  # already one group
    assert sets.find(("z", 1)) == ("a", 2)


def test_add_find_and_membership() -> None:
    sets: DisjointSets[tuple[str, int]] = DisjointSets([("a", 0)])
    assert ("a", 0) in sets and ("b", 0) not in sets
    assert sets.add(("b", 0)) is True and sets.add(("b", 0)) is False
    assert sets.find(("c", 0)) == ("c", 0) and len(sets) == 3  # find adds a new key
    assert sets.groups(key=lambda k: (-ord(k[0]), k[1])) == [[("c", 0)], [("b", 0)], [("a", 0)]]


def test_long_chains_are_one_group() -> None:
    keys = [("x", i) for i in range(2000)]
    sets: DisjointSets[tuple[str, int]] = DisjointSets(keys)
    for a, b in zip(keys[1:], keys):
        sets.union(a, b)
    assert sets.groups() == [keys]
    assert all(sets.find(k) == ("x", 0) for k in keys)
