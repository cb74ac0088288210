"""Markdown report, for pasting into notes and tickets.

Article text is untrusted: Markdown/HTML metacharacters in it are escaped, and
highlighted words are marked with ``**`` around the escaped text.
"""

from __future__ import annotations

import re

from newsprism.model import CompareResult, Evidence, Finding
from newsprism.report._common import context, framing_tables, heading, kinds_in_order, outlet

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Escape Markdown and HTML metacharacters; newlines become spaces."""
    return _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;").replace("\n", " ")


def markdown(result: CompareResult) -> str:
    lines = ["# newsprism comparison", ""]
    lines += ["| outlet | published | title | id |", "| --- | --- | --- | --- |"]
    for a in result.articles:
        lines.append(
            f"| {escape(a.name)} | {a.published_iso or 'unknown'} | {escape(a.title)} | `{a.id}` |"
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
    out = [f"{number}. {escape(finding.summary)} _(score {finding.score:.2f})_", ""]
    for sentence, spans in context(result, finding):
        out.append(f"   > **{escape(outlet(result, sentence.article))}** ({sentence.start}–{sentence.end}): {_marked(sentence, spans)}")
        out.append("")
    return out


def _marked(sentence: Evidence, spans: list[tuple[int, int]]) -> str:
    pieces, pos = [], sentence.start
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, sentence.end)
        if end <= start:
            continue
        pieces.append(escape(sentence.text[pos - sentence.start : start - sentence.start]))
        pieces.append("**" + escape(sentence.text[start - sentence.start : end - sentence.start]) + "**")
        pos = end
    pieces.append(escape(sentence.text[pos - sentence.start :]))
    return "".join(pieces)
