"""Paragraph spans of a body text, and which of them are not body text.

Articles copied from the web carry lines that are not the story: photo captions
("A photo taken on ... shows ..."), bullet-point summaries, "Read more" links,
sub-headings. They stay in the stored text, so offsets remain exact, but are
marked so the comparison leaves them out.
"""

from __future__ import annotations

import re

from newsprism.model import BODY, BOILERPLATE, BULLET, CAPTION, SUBHEAD, Paragraph

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_BULLET = re.compile(r"[•·▪●◦‣■□➤►✓✔]\s*|[-*–]\s+")
_BOILERPLATE = re.compile(
    r"(read more|related( articles?| stories| coverage)?\s*:|click here|sign up|subscribe|"
    r"advertisement|follow us|share this|watch\s*:|listen\s*:|more\s*:|see also|"
    r"copyright|all rights reserved|©)",
    re.IGNORECASE,
)
#: Written so that a search stays linear: a credit in brackets cannot hold another
#: "(" (else "(ap(ap(ap..." rescans the rest of the line from every bracket), and the
#: spaces around "credit" can be read one way only.
_CAPTION = re.compile(
    r"^(a |an |the )?(photo|picture|image|file photo|handout photo)s?\b.{0,80}?\b(shows?|taken|dated)\b"
    r"|\((ap|afp|reuters|getty|epa)[^()]*\)\s*$"
    r"|\b(photo|photograph|image|picture)\s*(credit\s*)?:"
    r"|\b(getty images|ap photo|afp via getty images|reuters/)\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…:;\"'”’»)\]]\s*$")
#: A line with no sentence-final punctuation this long is a caption, shorter a sub-heading.
CAPTION_MIN_WORDS = 12


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Start/end offsets of the paragraphs of ``text``, whitespace trimmed.

    Blank lines separate paragraphs when the text has any; otherwise every line is a
    paragraph. Bullet lines are always paragraphs of their own.
    """
    blocks: list[tuple[int, int]] = []
    if _BLANK_LINE.search(text):
        pos = 0
        for match in _BLANK_LINE.finditer(text):
            blocks.append((pos, match.start()))
            pos = match.end()
        blocks.append((pos, len(text)))
        blocks = [piece for start, end in blocks for piece in _split_bullets(text, start, end)]
    else:
        pos = 0
        for line in text.split("\n"):
            if blocks and _continues(text[blocks[-1][0] : blocks[-1][1]], line):
                blocks[-1] = (blocks[-1][0], pos + len(line))  # a hard-wrapped line goes on
            else:
                blocks.append((pos, pos + len(line)))
            pos += len(line) + 1
    return [span for span in (trim_span(text, s, e) for s, e in blocks) if span[1] > span[0]]


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues a hard-wrapped sentence: the previous line stops
    without final punctuation and this one starts in lower case."""
    head = line.lstrip()[:1]
    return bool(previous.strip()) and not _TERMINAL.search(previous) and (head.islower() or head.isdigit())


def _split_bullets(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a block into its lines when some line in it starts with a bullet."""
    lines: list[tuple[int, int]] = []
    pos = start
    for line in text[start:end].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if len(lines) == 1 or not any(_BULLET.match(text[s:e].strip()) for s, e in lines):
        return [(start, end)]
    merged: list[tuple[int, int]] = []
    last_is_bullet = False  # whether the block ``merged[-1]`` starts with a bullet
    for s, e in lines:
        bullet = bool(_BULLET.match(text[s:e].strip()))
        if merged and not bullet and not last_is_bullet:
            merged[-1] = (merged[-1][0], e)  # a plain line joins the plain block before it
        else:
            merged.append((s, e))
            last_is_bullet = bullet
    return merged


def content_start(text: str, paragraph: Paragraph) -> int:
    """Where a paragraph's words begin: after its bullet marker, if it has one."""
    if paragraph.kind == BULLET:
        match = _BULLET.match(text, paragraph.start, paragraph.end)
        if match:
            return match.end()
    return paragraph.start


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``text[start:end]`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def classify(paragraph: str) -> str:
    """The kind of one paragraph: body, caption, bullet, boilerplate or subhead.

    A line with no sentence-final punctuation is a caption or a sub-heading, except one
    that ends in a comma: that is a sentence going on into the next paragraph, an
    introduction ("He added," / "“We will need guidance.”"), which is body text."""
    line = paragraph.strip()
    if _BULLET.match(line) and len(line) > 2:
        return BULLET
    words = line.split()
    if len(words) <= 12 and _BOILERPLATE.match(line):
        return BOILERPLATE
    if _CAPTION.search(line) and len(words) <= 60:
        return CAPTION
    if "\n" not in line and not _TERMINAL.search(line) and not line.endswith(","):
        return CAPTION if len(words) >= CAPTION_MIN_WORDS else SUBHEAD
    return BODY


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """The classified paragraphs of a body text."""
    spans = paragraph_spans(text)
    if len(spans) == 1:  # a single block is the story, whatever its punctuation
        return (Paragraph(0, spans[0][0], spans[0][1], BODY),)
    return tuple(Paragraph(i, s, e, classify(text[s:e])) for i, (s, e) in enumerate(spans))


__all__ = ["paragraphs", "paragraph_spans", "classify", "content_start", "trim_span"]
