"""Limits on structured input beyond its size in bytes, and how errors quote the input.

A JSON record or a YAML front matter block is a tree; a hostile one can be deep
enough to overflow the stack of whatever walks it later (the store writes metadata
as JSON), or, in YAML, small on disk yet huge once its aliases are expanded (a
"billion laughs" block). ``check_tree`` walks the tree once, without recursion, and
refuses it past ``max_depth`` levels or ``max_values`` values. It also refuses text
that is not valid Unicode: a JSON ``\\ud800`` escape decodes to a lone surrogate,
which no UTF-8 encoder (DuckDB's, spaCy's) accepts.
"""

from __future__ import annotations

from typing import Any

from newsprism.errors import InputError

#: How much of an input's own text an error message quotes.
QUOTE_CHARS = 60


def shown(value: Any, width: int = QUOTE_CHARS) -> str:
    """``repr(value)`` cut to ``width`` characters: error messages quote input, never all of it."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def check_tree(value: Any, source: str, what: str, max_depth: int, max_values: int | None = None) -> None:
    """Refuse nested data deeper than ``max_depth`` or with more than ``max_values`` values.

    Depth counts containers: ``{"text": "..."}`` is depth 1, ``{"metadata": {"a": [1]}}``
    depth 3. Values are counted as a reader of the tree sees them, so a YAML alias
    counts once per place it is used. ``what`` names the tree in the message
    ("record", "front matter").
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if max_values is not None and seen > max_values:
            raise InputError(source, f"{what} holds more than {max_values:,} values")
        if isinstance(item, str):
            _check_unicode(item, source, what)
        elif isinstance(item, dict | list | tuple | set | frozenset):
            if depth + 1 > max_depth:
                raise InputError(source, f"{what} is nested more than {max_depth} levels deep")
            if isinstance(item, dict):
                for key in item:
                    if isinstance(key, str):
                        _check_unicode(key, source, what)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)


def _check_unicode(text: str, source: str, what: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            source, f"{what} holds invalid Unicode (unpaired surrogate U+{ord(text[exc.start]):04X})"
        ) from exc
