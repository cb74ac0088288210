"""Mentions: the noun phrases of an article that label an actor, and who the actor is.

A component of the analysis layer: it reads one article (the ingest-time parse of its
body sentences) and its direct quotes, and writes one ``Mention`` per noun phrase whose
head is a label word (``LABELS``): "Iran-backed militias", "Iranian-backed terrorists",
"jihadists". Each mention carries the label's charge in news writing (neutral,
pejorative, sympathetic), the actor key it groups by and whether it lies inside a
direct quote (then it is the speaker's label, not the outlet's). Who calls whom what
across outlets is ``newsprism.framing.labels``.

Same actor: the mention's key is the proper name inside the phrase ("Kataib
Hezbollah"), or else its affiliation ("Iran-backed", "Iranian-sponsored",
"Iran-affiliated" all give ``iran-backed``); phrases with neither ("the groups")
are too vague to group and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism import nlp
from newsprism.analysis.names import canonical_entity
from newsprism.analysis.quotes import Quote
from newsprism.model import Article

__all__ = ["Mention", "mentions", "LABELS", "NEUTRAL", "PEJORATIVE", "SYMPATHETIC"]

NEUTRAL = "neutral"
PEJORATIVE = "pejorative"
SYMPATHETIC = "sympathetic"

#: Words that label an actor, with the charge they carry in news writing. The list
#: is ours, written for this tool: "militia" or "group" describe; "terrorist",
#: "rioter" or "regime" condemn; "freedom fighter" or "martyr" sympathise.
LABELS: dict[str, str] = {
    **dict.fromkeys(
        [
            "militia", "militant", "group", "faction", "organization", "organisation", "movement",
            "fighter", "rebel", "insurgent", "guerrilla", "gunman", "proxy", "force", "army",
            "troop", "soldier", "protester", "protestor", "demonstrator", "activist", "government",
            "administration", "authority", "migrant", "immigrant", "refugee", "asylum-seeker",
            "settler", "resident", "civilian", "opposition", "separatist", "hardliner",
        ],
        NEUTRAL,
    ),
    **dict.fromkeys(
        [
            "terrorist", "jihadist", "jihadi", "extremist", "radical", "fanatic", "thug",
            "rioter", "looter", "mob", "regime", "junta", "occupier", "invader", "murderer",
            "butcher", "criminal", "gang", "alien", "illegal", "zealot", "agitator",
        ],
        PEJORATIVE,
    ),
    **dict.fromkeys(["hero", "martyr", "freedom-fighter", "patriot", "defender", "liberator"], SYMPATHETIC),
}
#: Heads too generic to be the label when a more specific label word modifies them:
#: "militia group" is labelled "militia".
GENERIC = {"group", "force", "organization", "organisation", "faction"}

#: "Iran-backed", "U.S.-aligned": a run of word characters and dots, then the affiliation.
#: The run is matched from its start and whole (a capital inside it is found in code):
#: a pattern starting at every capital rescanned "A.A.A.A..." to its end from each.
_AFFILIATION = re.compile(
    r"(?<![\w.])([\w.]++)\s?[-–]\s?(backed|sponsored|affiliated|aligned|supported|linked|funded|allied)\b"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase labelling an actor: ``text`` is the whole phrase, ``label`` its label word."""

    article: str
    start: int
    end: int
    text: str
    label: str  # the LABELS entry ("militia")
    word: str  # the label as written ("militias")
    charge: str
    actor: str  # grouping key
    display: str  # how the actor is shown ("Iran-backed", "Kataib Hezbollah")
    in_quote: bool


def mentions(article: Article, quotes: Sequence[Quote] = ()) -> list[Mention]:
    """Actor-labelling noun phrases of the article's body sentences, in text order."""
    sentences = article.body_sentences
    docs = nlp.sentence_docs(article.text, [(s.start, s.end) for s in sentences], article.analysis)
    quoted = [part for q in quotes for part in q.parts]
    found: list[Mention] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        for chunk in doc.noun_chunks:
            mention = _mention(article, sentence.start, chunk, quoted)
            if mention is not None:
                found.append(mention)
    return found


def _mention(article: Article, offset: int, chunk, quoted: list[tuple[int, int]]) -> Mention | None:
    labelled = _label(chunk)
    if labelled is None:
        return None
    label, word = labelled
    actor = _actor(chunk)
    if actor is None:
        return None
    key, display = actor
    start = offset + chunk.start_char
    end = offset + chunk.end_char
    if article.text[start:end] != chunk.text:  # the parse must line up with the body
        return None
    return Mention(
        article.id, start, end, chunk.text, label, word, LABELS[label], key, display,
        any(s <= start and end <= e for s, e in quoted),
    )


def _label(chunk) -> tuple[str, str] | None:
    """The label of a noun phrase and the word it is written as: its head, or a label
    compound before a generic head."""
    head = _lexeme(chunk.root.text)
    if head is None:
        return None
    if head in GENERIC:
        for token in chunk:
            if token.i < chunk.root.i and token.dep_ == "compound":
                specific = _lexeme(token.text)
                if specific is not None and specific not in GENERIC:
                    return specific, token.text
    return head, chunk.root.text


def _lexeme(word: str) -> str | None:
    """The ``LABELS`` entry a word is a form of (plural or singular), if any."""
    word = word.lower()
    for candidate in (word, word[:-3] + "y" if word.endswith("ies") else "", word[:-2], word[:-1]):
        if candidate in LABELS:
            return candidate
    return None


def _actor(chunk) -> tuple[str, str] | None:
    """The grouping key and display name of the actor a phrase describes."""
    names = [
        t for t in chunk
        if t.i < chunk.root.i and t.tag_ in ("NNP", "NNPS") and t.dep_ == "compound" and _lexeme(t.text) is None
    ]
    if names:
        span = chunk.doc[names[0].i : names[-1].i + 1]
        return "name:" + canonical_entity(span.text), span.text
    found = _affiliation(chunk.text)
    if found:
        name, relation = found
        return f"affiliation:{canonical_entity(name)}", f"{name}-{relation}"
    return None


def _affiliation(text: str) -> tuple[str, str] | None:
    """The first "Name-backed" of ``text``: the name (from a capital that starts a word of
    the run) and the affiliation word."""
    for match in _AFFILIATION.finditer(text):
        run = match.group(1)
        for i, ch in enumerate(run):
            if "A" <= ch <= "Z" and (i == 0 or run[i - 1] == "."):
                return run[i:], match.group(2)
    return None
