"""Terminal report (rich): articles, then findings grouped by kind, every outlet's version.

Each finding is a block (see ``_blocks``): up to three passages side by side in columns,
more (or those under a section title, like a contradiction's value) as one row per
outlet: eight columns in a terminal are too narrow to read.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsprism.model import CompareResult, Finding
from newsprism.report._blocks import Passage, Section, finding_block
from newsprism.report._common import framing_tables, heading, kinds_in_order, style

STATUS_STYLE = {"agreed": "green", "disputed": "red", "single-source": "yellow"}
#: At most this many passages side by side; more go one row per outlet.
MAX_COLUMNS = 3


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
            console.print(Text.assemble((f"  [{sentence.status}] ", STATUS_STYLE.get(sentence.status, "")), sentence.text))
    for kind in kinds_in_order(result):
        findings = result.by_kind(kind)
        console.print()
        console.print(Text(f"{heading(kind)} ({len(findings)})", style=style(kind)))
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
    """The summary line, then every section of the finding's block, then its notes."""
    parts: list[RenderableType] = [
        Text.assemble((f"{number:>2}. ", "dim"), finding.summary, (f"  [score {finding.score:.2f}]", "dim"))
    ]
    block = finding_block(result, finding)
    for section in block.sections:
        if section.title:
            parts.append(Padding(Text(section.title, style="bold"), (0, 0, 0, 4)))
        if section.passages:
            parts.append(_section(section, str(finding.kind)))
    parts += [Padding(Text(note, style="italic"), (0, 0, 0, 4)) for note in block.notes]
    return Group(*parts)


def _section(section: Section, kind: str) -> Table:
    """The passages side by side (a few, untitled) or one row per outlet (many, or under a title)."""
    if not section.title and len(section.passages) <= MAX_COLUMNS:
        table = Table(show_header=True, header_style="dim", expand=True, box=None, padding=(0, 2))
        for passage in section.passages:
            table.add_column(_name(passage), ratio=1)
        table.add_row(*(_body(p, kind) for p in section.passages))
        return table
    table = Table(show_header=False, expand=True, box=None, padding=(0, 1, 0, 4))
    table.add_column(style="dim", no_wrap=True, max_width=28)
    table.add_column(ratio=1)
    for passage in section.passages:
        table.add_row(Text(_name(passage)), _body(passage, kind))
    return table


def _name(passage: Passage) -> str:
    return passage.outlet + (f" ({passage.label})" if passage.label else "")


def _body(passage: Passage, kind: str) -> Text:
    """The passage's text with its marks underlined in the kind's colour, then its note."""
    shown = passage.shown
    body = Text(shown.text)
    for start, end in passage.marks:
        body.stylize(style(kind) + " underline", start - shown.start, end - shown.start)
    if passage.note:
        body.append("\n" + passage.note, style="dim italic")
    return body
