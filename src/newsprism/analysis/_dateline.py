"""Datelines: where a wire story was filed, opening its first sentence ("WASHINGTON (AP) —").

One reader for every analysis that must not take a dateline for content: facts (a
dateline's place and date are where and when the story was filed, never a fact of the
event) and speakers (the parser may take the capitals for the subject of the first
verb: "WASHINGTON (AP) — President Obama accused ..." is Obama's accusation).

A dateline, on the parse of one sentence:

* a run of words in capitals from the sentence start, three letters or more in all
  ("WASHINGTON", "ST. LOUIS", "PALM BEACH"), or a label ("UPDATE", "BREAKING");
* ended by a dash or a colon ("WASHINGTON —", "PHILADELPHIA --", "UPDATE:"), or by a
  comma or an opening bracket followed, within ``MAX_TAIL`` tokens, by a dash, with only
  a state, a date or an agency in between ("PALM BEACH, Fla. (AP) —",
  "PHILADELPHIA, July 25 (UPI) —").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["dateline_end", "MAX_TAIL"]

#: Dashes that end a dateline ("WASHINGTON (AP) —", "PHILADELPHIA --").
DASHES = frozenset({"—", "–", "--", "-"})
#: Most tokens between the capitals and the dash (", Fla. (AP)", ", July 25 (UPI)").
MAX_TAIL = 8


def dateline_end(doc: Doc) -> int | None:
    """The index of the first token after a dateline opening ``doc`` (after its dash or
    colon), or None when the sentence opens with none."""
    end = 0
    while end < len(doc) and _capitals(doc[end]):
        end += 1
    if sum(len(t.text) for t in doc[:end] if t.is_alpha) < 3 or end >= len(doc):
        return None
    if doc[end].text == ":" or doc[end].text in DASHES:
        return end + 1
    if doc[end].text not in (",", "("):
        return None
    dash = next((t for t in doc[end : end + MAX_TAIL] if t.text in DASHES), None)
    if dash is None or not all(_tail_word(t) for t in doc[end : dash.i]):
        return None
    return dash.i + 1


def _capitals(tok: Token) -> bool:
    """A word of the place or label in capitals ("ST.", "U.S.", "NEW"), or an apostrophe or
    a full stop in it ("ST . LOUIS", as a tokeniser may split it)."""
    return (tok.text.isupper() and any(c.isalpha() for c in tok.text)) or tok.text in ("'", "’", ".")


def _tail_word(tok: Token) -> bool:
    """A token that may stand between the place and the dash: punctuation, a number, a
    capitalised word (a state, a month, an agency) or part of a date or organisation."""
    return tok.is_punct or tok.like_num or tok.text[:1].isupper() or tok.ent_type_ in ("ORG", "DATE", "GPE")
