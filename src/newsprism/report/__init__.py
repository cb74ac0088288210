"""Report: render a ``CompareResult`` for people and programs.

    render(result, "text" | "json" | "markdown" | "html") -> str

Every renderer starts with the same notices (the articles are probably or possibly not
about one event; analyses that did not run for some languages: ``_common.notices``), then
shows the same findings in the same order (``FindingKind`` order), each with every
outlet's version of what it is about; the text one is for a terminal (rich), Markdown
for notes and tickets, HTML a self-contained page (a claim matrix - claims by
outlets - and the articles side by side, evidence marked, printable), JSON is the
versioned contract (format 2, ``docs/json-format.md``).
"""

from __future__ import annotations

import json

from newsprism.errors import UsageError
from newsprism.model import CompareResult
from newsprism.report._html import html
from newsprism.report._markdown import markdown
from newsprism.report._text import text

FORMATS = ("text", "json", "markdown", "html")

__all__ = ["render", "FORMATS", "to_json"]


def to_json(result: CompareResult) -> str:
    """The JSON contract, pretty-printed, keys in a stable order."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)


def render(result: CompareResult, fmt: str, width: int | None = None, color: bool = False) -> str:
    """The result in one of ``FORMATS``."""
    if fmt == "json":
        return to_json(result) + "\n"
    if fmt == "markdown":
        return markdown(result)
    if fmt == "html":
        return html(result)
    if fmt == "text":
        return text(result, width=width, color=color)
    raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
