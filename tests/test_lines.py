"""Paragraph spans and line classification (``newsprism.ingest._lines``).

These are pure functions over text, so they are tested directly, without spaCy.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest._lines import classify, content_start, paragraph_spans, paragraphs
from newsprism.model import BODY, BOILERPLATE, BULLET, CAPTION, SUBHEAD

SENTENCE = "The council approved the budget on Monday after a long debate, a spokesman said."


def texts_of(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraph_spans(text)]


# -- paragraph spans --------------------------------------------------------------------------


def test_blank_lines_separate_paragraphs_and_wrapped_lines_stay_together() -> None:
    text = "First paragraph line one\ncontinues here.\n\nSecond paragraph.\n\n\nThird one."
    assert texts_of(text) == ["First paragraph line one\ncontinues here.", "Second paragraph.", "Third one."]


def test_without_blank_lines_every_line_is_a_paragraph() -> None:
    text = "One line.\nAnother line.\n  Indented line.  \n"
    assert texts_of(text) == ["One line.", "Another line.", "Indented line."]


def test_blank_lines_made_of_spaces_and_tabs_still_separate_paragraphs() -> None:
    assert texts_of("Alpha beta.\n \t \nGamma delta.") == ["Alpha beta.", "Gamma delta."]


def test_bullet_lines_inside_a_block_are_paragraphs_of_their_own() -> None:
    text = "Key points:\n  • First point here\n  • Second point here\nAfter the list\nit goes on.\n\nNext."
    assert texts_of(text) == [
        "Key points:",
        "• First point here",
        "• Second point here",
        "After the list\nit goes on.",
        "Next.",
    ]


def test_spans_are_trimmed_and_never_empty() -> None:
    text = "\n\n   Padded paragraph.   \n\n\n\n  \n\nLast.\n\n"
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["Padded paragraph.", "Last."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n\t•-*")), max_size=80))
def test_spans_are_ordered_disjoint_trimmed_and_hold_no_blank_line(text: str) -> None:
    spans = paragraph_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert not re.search(r"\n[ \t]*\n", piece)
        previous_end = end
    # No visible character is lost between paragraphs.
    kept = "".join(text[s:e] for s, e in spans)
    assert re.sub(r"\s", "", kept) == re.sub(r"\s", "", text)


# -- classification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "• The attack was in retaliation for ballistic missiles",
        "- Officials said the strikes hit three sites",
        "* Markets fell sharply",
        "– Turnout was the lowest in decades",
        "▪ Another bullet",
    ],
)
def test_lines_starting_with_a_bullet_marker_are_bullets(line: str) -> None:
    assert classify(line) == BULLET


def test_a_hyphenated_word_or_a_negative_number_is_not_a_bullet() -> None:
    assert classify("-5 degrees was the coldest reading of the winter, forecasters said.") == BODY
    assert classify("*Correction: an earlier version misspelled the name.") == BODY


@pytest.mark.parametrize(
    "line",
    [
        "A photo taken on January 13, 2020 shows a member of the US Armed Forces walking past a drone",
        "The image shows protesters gathering outside the parliament building on Friday.",
        "File photo dated March 2019 of the plant near the river.",
        "Rescue workers search the rubble in the town centre (AP Photo/John Smith)",
        "Photo: Reuters",
        "Soldiers patrol the border on Sunday. Getty Images",
    ],
)
def test_photo_captions_and_credits_are_captions(line: str) -> None:
    assert classify(line) == CAPTION


def test_a_long_line_without_final_punctuation_is_a_caption() -> None:
    line = (
        "US personnel suffered minor injuries and a member of the Iraqi security forces was "
        "seriously injured in an attack on Iraq's Ain al-Asad air base on Saturday"
    )
    assert classify(line) == CAPTION


@pytest.mark.parametrize(
    "line", ["He added,", "“The rules will change again next year,” Jane Roe said in an e-mail on Monday. She added,"]
)
def test_a_line_ending_in_a_comma_introduces_the_next_paragraph_and_is_body(line: str) -> None:
    assert classify(line) == BODY


def test_a_short_line_without_final_punctuation_is_a_subheading() -> None:
    assert classify("Reaction from Baghdad") == SUBHEAD


@pytest.mark.parametrize(
    "line",
    ["Read more: Why the strikes matter", "Related articles: Iraq", "Advertisement", "Sign up for our newsletter",
     "© 2024 Example News"],
)
def test_short_link_and_notice_lines_are_boilerplate(line: str) -> None:
    assert classify(line) == BOILERPLATE


@pytest.mark.parametrize(
    "line",
    [
        SENTENCE,
        "“We do not seek to escalate the conflict,” he said.",
        "He asked: “Who ordered the strike?”",
        "The ministry did not comment (it rarely does).",
    ],
)
def test_ordinary_sentences_are_body(line: str) -> None:
    assert classify(line) == BODY


def test_a_boilerplate_word_inside_a_long_paragraph_does_not_make_it_boilerplate() -> None:
    line = "Subscribers to the service said they would " + "keep reading the paper every morning " * 3 + "anyway."
    assert classify(line) == BODY


def test_a_wrapped_block_without_final_punctuation_stays_body() -> None:
    assert classify("A paragraph wrapped\nacross two lines with no final stop") == BODY


# -- paragraphs ---------------------------------------------------------------------------------


def test_a_single_block_is_body_whatever_its_punctuation() -> None:
    (only,) = paragraphs("Just a line with no stop")
    assert (only.index, only.kind) == (0, BODY)


def test_paragraphs_are_numbered_in_order_with_their_kinds() -> None:
    text = f"Storm hits coast\n\n{SENTENCE}\n\n• Power cut to 10,000 homes\n\nRead more: storms\n\n{SENTENCE}"
    found = paragraphs(text)
    assert [p.index for p in found] == list(range(5))
    assert [p.kind for p in found] == [SUBHEAD, BODY, BULLET, BOILERPLATE, BODY]
    assert text[found[2].start : found[2].end] == "• Power cut to 10,000 homes"


def test_content_of_a_bullet_starts_after_its_marker() -> None:
    text = f"{SENTENCE}\n\n  •   Power cut to 10,000 homes\n\n{SENTENCE}"
    bullet = paragraphs(text)[1]
    assert bullet.kind == BULLET
    assert text[content_start(text, bullet) : bullet.end] == "Power cut to 10,000 homes"
    body = paragraphs(text)[0]
    assert content_start(text, body) == body.start


def test_the_example_article_marks_its_captions_and_bullets(example_dir) -> None:
    text = (example_dir / "002_76bb4d94ef43ccb5.txt").read_text(encoding="utf-8").split("\n", 1)[1].strip()
    kinds = {text[p.start : p.end][:40]: p.kind for p in paragraphs(text)}
    assert kinds["• The attack was in retaliation for ball"] == BULLET
    assert kinds["A photo taken on January 13, 2020 shows "] == CAPTION
    assert kinds["US personnel suffered minor injuries and"] == CAPTION
    assert kinds["The US launched airstrikes on Iranian-ba"] == BODY
    assert sum(kind == BULLET for kind in kinds.values()) == 3
    assert sum(kind == CAPTION for kind in kinds.values()) == 2


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = (
        "The council voted on Monday to close the old\n"
        "library, officials said, after a long debate\n"
        "about costs.\n"
        "A second paragraph starts here."
    )
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "The council voted on Monday to close the old\nlibrary, officials said, after a long debate\nabout costs.",
        "A second paragraph starts here.",
    ]
    assert [p.kind for p in paragraphs(text)] == ["body", "body"]
