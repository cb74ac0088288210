"""Markdown report, for pasting into notes and tickets; notices (``_common.notices``) first.

Article text is untrusted: Markdown/HTML metacharacters in it are escaped, and
highlighted words are marked with ``**`` around the escaped text. Each finding shows
every outlet's version (see ``_blocks``) as one quoted line per outlet.
"""

from __future__ import annotations

import re

from newsprism.model import CompareResult, Finding
from newsprism.report._blocks import Passage, finding_block
from newsprism.report._common import framing_tables, heading, kinds_in_order, notices
from newsprism.report._text import safe_text

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
#: Findings are a numbered list; their lines are indented to stay inside the item.
_INDENT = "   "


def escape(text: str) -> str:
    """Escape Markdown and HTML metacharacters; line breaks become spaces.

    ``&``, ``<`` and ``>`` become entities — every renderer reads those as text, where a
    backslash before ``<`` is honoured by CommonMark but not by every Markdown
    dialect (Python-Markdown passes ``\\<img ...>`` through as HTML). Control characters
    become visible pictures (``safe_text``), so the file is safe to print in a terminal.
    """
    text = safe_text(text.replace("\r\n", " ").replace("\r", " ").replace("\n", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def markdown(result: CompareResult) -> str:
    """The whole report as Markdown."""
    lines = ["# newsprism comparison", ""]
    for notice in notices(result):
        label = "Warning" if notice.kind == "same-event" else "Note"
        lines += [f"> **{label}:** {escape(notice.text)}", ""]
    lines += ["| outlet | published | title | id |", "| --- | --- | --- | --- |"]
    for a in result.articles:
        lines.append(
            f"| {escape(a.name)} | {a.published_iso or 'unknown'} | {escape(a.title)} | {escape(a.id)} |"
        )
    if result.summary:
        lines += ["", "## Summary", ""]
        lines += [f"- **{s.status}**: {escape(s.text)}" for s in result.summary]
    for kind in kinds_in_order(result):
        findings = result.by_kind(kind)
        lines += ["", f"## {heading(kind)} ({len(findings)})", ""]
        for number, finding in enumerate(findings, start=1):
            lines += _finding(result, finding, number)
    if not result.findings:
        lines += ["", "No findings."]
    for title, first, rows in framing_tables(result):
        lines += ["", f"## {title}", ""]
        lines.append("| " + " | ".join([first] + [escape(a.name) for a in result.articles]) + " |")
        lines.append("|" + " --- |" * (len(result.articles) + 1))
        lines += ["| " + " | ".join([escape(label)] + [escape(c) for c in cells]) + " |" for label, cells in rows]
    return "\n".join(lines) + "\n"


def _finding(result: CompareResult, finding: Finding, number: int) -> list[str]:
    """The summary as a list item, then each section (title, one quote per outlet), then notes."""
    out = [f"{number}. {escape(finding.summary)} _(score {finding.score:.2f})_", ""]
    block = finding_block(result, finding)
    for section in block.sections:
        if section.title:
            out += [f"{_INDENT}**{escape(section.title)}**", ""]
        for passage in section.passages:
            out += _passage(passage)
    out += [f"{_INDENT}_{escape(note)}_" for note in block.notes]
    if block.notes:
        out.append("")
    return out


def _passage(passage: Passage) -> list[str]:
    """``> **Outlet** (role, start–end): text`` with marks in bold, and its note on its own line."""
    shown = passage.shown
    where = ", ".join(filter(None, [passage.label, f"{shown.start}–{shown.end}"]))
    lines = [f"{_INDENT}> **{escape(passage.outlet)}** ({escape(where)}): {_marked(passage)}"]
    if passage.note:
        lines += [f"{_INDENT}>", f"{_INDENT}> _{escape(passage.note)}_"]
    return lines + [""]


def _marked(passage: Passage) -> str:
    """The passage's text escaped, its marks wrapped in ``**`` (around escaped slices only)."""
    shown = passage.shown
    pieces, pos = [], shown.start
    for start, end in passage.marks:
        start, end = max(start, pos), min(end, shown.end)
        if end <= start:
            continue
        pieces.append(escape(shown.text[pos - shown.start : start - shown.start]))
        pieces.append("**" + escape(shown.text[start - shown.start : end - shown.start]) + "**")
        pos = end
    pieces.append(escape(shown.text[pos - shown.start :]))
    return "".join(pieces)
