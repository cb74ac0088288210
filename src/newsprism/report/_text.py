"""Terminal report (rich): articles, then findings grouped by kind, sentences side by side."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsprism.model import CompareResult, Evidence, Finding
from newsprism.report._common import context, framing_tables, heading, kinds_in_order, outlet

STATUS_STYLE = {"agreed": "green", "disputed": "red", "single-source": "yellow"}
STYLE = {
    "shared_copy": "bold white",
    "contradiction": "bold red",
    "quote_change": "bold magenta",
    "omission": "bold yellow",
    "agreement": "bold green",
    "label_difference": "bold cyan",
    "sourcing": "bold blue",
    "loaded_language": "bold bright_magenta",
}


def text(result: CompareResult, width: int | None = None, color: bool = False) -> str:
    """The whole report as terminal text (ANSI colours only when ``color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width or 120, color_system="standard" if color else None,
        highlight=False, soft_wrap=False, force_terminal=color,
    )
    console.print(_articles(result))
    if result.summary:
        console.print()
        console.print(Text("Summary", style="bold"))
        for sentence in result.summary:
            console.print(Text.assemble((f"  [{sentence.status}] ", STATUS_STYLE[sentence.status]), sentence.text))
    for kind in kinds_in_order(result):
        findings = result.by_kind(kind)
        console.print()
        console.print(Text(f"{heading(kind)} ({len(findings)})", style=STYLE.get(kind, "bold")))
        for number, finding in enumerate(findings, start=1):
            console.print(_finding(result, finding, number))
    if not result.findings:
        console.print("\nNo findings: the articles share no aligned facts and differ in none.")
    for title, first, rows in framing_tables(result):
        console.print()
        console.print(_table(result, title, first, rows))
    return buffer.getvalue()


def _table(result: CompareResult, title: str, first: str, rows: list[tuple[str, list[str]]]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", expand=True)
    table.add_column(first, style="bold", no_wrap=True)
    for article in result.articles:
        table.add_column(article.name, ratio=1)
    for label, cells in rows:
        table.add_row(Text(label), *(Text(c) for c in cells))
    return table


def _articles(result: CompareResult) -> Panel:
    lines = []
    for article in result.articles:
        date = article.published_iso or "date unknown"
        lines.append(Text.assemble((article.name, "bold"), f"  ({date}, id {article.id})"))
        lines.append(Text("  " + article.title))
    return Panel(Group(*lines), title="Comparing", title_align="left")


def _finding(result: CompareResult, finding: Finding, number: int) -> Group:
    parts: list = [Text.assemble((f"{number:>2}. ", "dim"), finding.summary, (f"  [score {finding.score:.2f}]", "dim"))]
    shown = context(result, finding)
    table = Table(show_header=True, header_style="dim", expand=True, box=None, padding=(0, 2))
    for sentence, _ in shown:
        table.add_column(outlet(result, sentence.article), ratio=1)
    table.add_row(*(_marked(sentence, spans, finding.kind) for sentence, spans in shown))
    parts.append(table)
    return Group(*parts)


def _marked(sentence: Evidence, spans: list[tuple[int, int]], kind: str) -> Text:
    """The sentence with the spans inside it underlined and coloured."""
    text = Text(sentence.text)
    style = STYLE.get(kind, "bold") + " underline"
    for start, end in spans:
        lo, hi = max(start, sentence.start) - sentence.start, min(end, sentence.end) - sentence.start
        if hi > lo:
            text.stylize(style, lo, hi)
    return text
