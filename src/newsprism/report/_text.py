"""Terminal report (rich): notices (not the same event; analyses that did not run), articles,
then findings grouped by kind, every outlet's version.

Each finding is a block (see ``_blocks``): up to three passages side by side in columns,
more (or those under a section title, like a contradiction's value) as one row per
outlet: eight columns in a terminal are too narrow to read.
"""

from __future__ import annotations

import io
import re

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsprism.model import CompareResult, Finding
from newsprism.report._blocks import Passage, Section, finding_block
from newsprism.report._common import framing_tables, heading, kinds_in_order, notices, style

#: Characters a terminal acts on instead of showing: C0 controls but tab and line feed
#: (ESC starts escape sequences, CR overwrites the line, BEL, backspace...), DEL, C1
#: controls (8-bit CSI), and the bidirectional overrides and isolates that reorder what
#: is shown (U+202A-U+202E, U+2066-U+2069, U+200E/F).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control's own picture: ESC is shown as U+241B
    return "\u2421" if code == 0x7F else "\ufffd"


def safe_text(text: str, one_line: bool = False) -> str:
    """``text`` with every character a terminal would act on replaced by a visible one.

    Each character becomes exactly one character (its Unicode control picture, or
    U+FFFD), so offsets into the text stay valid. With ``one_line`` line feeds and tabs
    become visible too (U+2424, U+2409): a message stays one line whatever it quotes.
    """
    safe = _UNSAFE.sub(_picture, text)
    return safe.replace("\n", "\u2424").replace("\t", "\u2409") if one_line else safe


def _t(value: str, style: str = "") -> Text:
    """Untrusted text as a rich ``Text`` (never parsed as markup), terminal-safe."""
    return Text(safe_text(value), style=style)


#: How a notice at the top looks: a verdict of "different" in red, the rest in yellow.
_NOTICE_STYLE = {"different": "bold red", "possibly-different": "bold yellow", "coverage": "yellow"}
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
    for notice in notices(result):
        console.print(_t(notice.text, _NOTICE_STYLE.get(notice.level, "")))
    console.print(_articles(result))
    if result.summary:
        console.print()
        console.print(Text("Summary", style="bold"))
        for sentence in result.summary:
            console.print(Text.assemble((f"  [{sentence.status}] ", STATUS_STYLE.get(sentence.status, "")), _t(sentence.text)))
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
    table.add_column(_t(first), style="bold", no_wrap=True)
    for article in result.articles:
        table.add_column(_t(article.name), ratio=1)
    for label, cells in rows:
        table.add_row(_t(label), *(_t(c) for c in cells))
    return table


def _articles(result: CompareResult) -> Panel:
    lines = []
    for article in result.articles:
        date = article.published_iso or "date unknown"
        lines.append(Text.assemble(_t(article.name, "bold"), _t(f"  ({date}, id {article.id})")))
        lines.append(_t("  " + article.title))
    return Panel(Group(*lines), title="Comparing", title_align="left")


def _finding(result: CompareResult, finding: Finding, number: int) -> Group:
    """The summary line, then every section of the finding's block, then its notes."""
    parts: list[RenderableType] = [
        Text.assemble((f"{number:>2}. ", "dim"), _t(finding.summary), (f"  [score {finding.score:.2f}]", "dim"))
    ]
    block = finding_block(result, finding)
    for section in block.sections:
        if section.title:
            parts.append(Padding(_t(section.title, "bold"), (0, 0, 0, 4)))
        if section.passages:
            parts.append(_section(section, str(finding.kind)))
    parts += [Padding(_t(note, "italic"), (0, 0, 0, 4)) for note in block.notes]
    return Group(*parts)


def _section(section: Section, kind: str) -> Table:
    """The passages side by side (a few, untitled) or one row per outlet (many, or under a title)."""
    if not section.title and len(section.passages) <= MAX_COLUMNS:
        table = Table(show_header=True, header_style="dim", expand=True, box=None, padding=(0, 2))
        for passage in section.passages:
            table.add_column(_t(_name(passage)), ratio=1)
        table.add_row(*(_body(p, kind) for p in section.passages))
        return table
    table = Table(show_header=False, expand=True, box=None, padding=(0, 1, 0, 4))
    table.add_column(style="dim", no_wrap=True, max_width=28)
    table.add_column(ratio=1)
    for passage in section.passages:
        table.add_row(_t(_name(passage)), _body(passage, kind))
    return table


def _name(passage: Passage) -> str:
    return passage.outlet + (f" ({passage.label})" if passage.label else "")


def _body(passage: Passage, kind: str) -> Text:
    """The passage's text with its marks underlined in the kind's colour, then its note."""
    shown = passage.shown
    body = _t(shown.text)
    for start, end in passage.marks:
        body.stylize(style(kind) + " underline", start - shown.start, end - shown.start)
    if passage.note:
        body.append("\n" + safe_text(passage.note), style="dim italic")
    return body
