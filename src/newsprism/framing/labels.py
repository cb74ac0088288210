"""label_difference: who calls whom what.

The same actor is named in different words by different outlets: "Iran-backed
militias" in one, "Iranian-backed terrorists" and "jihadists" in another. This
component finds the noun phrases that describe an actor (their head is a word
of ``LABELS``), groups mentions of the same actor across articles, and reports
per actor the labels each outlet uses in its own voice. Labels inside a direct
quote are the speaker's: they are listed in the table but do not count as the
outlet's choice.

Same actor: the mention's key is the proper name inside the phrase ("Kataib
Hezbollah"), or else its affiliation ("Iran-backed", "Iranian-sponsored",
"Iran-affiliated" all give ``iran-backed``); phrases with neither ("the groups")
are too vague to group and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from newsprism import nlp
from newsprism.compare.facts import canonical_entity
from newsprism.compare.quotes import Quote
from newsprism.model import LABEL_DIFFERENCE, AlignmentLink, Article, Evidence, Finding

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


def label_table(articles: Sequence[Article], found: dict[str, list[Mention]]) -> list[dict]:
    """Per actor seen in at least two articles, the labels each article uses (JSON-able)."""
    actors = _by_actor(found)
    table = []
    for key, per_article in actors.items():
        if len(per_article) < 2:
            continue
        table.append({
            "actor": _display(per_article),
            "key": key,
            "labels": {
                a.id: [
                    {"label": m.label, "word": m.word, "charge": m.charge, "text": m.text, "start": m.start, "end": m.end,
                     "in_quote": m.in_quote}
                    for m in per_article.get(a.id, [])
                ]
                for a in articles
            },
        })
    return table


def _by_actor(found: dict[str, list[Mention]]) -> dict[str, dict[str, list[Mention]]]:
    actors: dict[str, dict[str, list[Mention]]] = {}
    for article_id, ms in found.items():
        for m in ms:
            actors.setdefault(m.actor, {}).setdefault(article_id, []).append(m)
    return dict(sorted(actors.items()))


def _display(per_article: dict[str, list[Mention]]) -> str:
    counts: dict[str, int] = {}
    for ms in per_article.values():
        for m in ms:
            counts[m.display] = counts.get(m.display, 0) + 1
    return max(sorted(counts), key=lambda d: counts[d])


def label_findings(articles: Sequence[Article], found: dict[str, list[Mention]]) -> list[Finding]:
    """A finding per actor and pair of articles whose own labels differ in charge."""
    by_id = {a.id: a for a in articles}
    findings = []
    for key, per_article in _by_actor(found).items():
        own = {i: [m for m in ms if not m.in_quote] for i, ms in per_article.items()}
        for left, right in combinations([a.id for a in articles if own.get(a.id)], 2):
            charges = (_charges(own[left]), _charges(own[right]))
            if charges[0] != charges[1]:
                findings.append(_finding(by_id[left], by_id[right], own[left], own[right], _display(per_article)))
    return findings


def _charges(ms: list[Mention]) -> set[str]:
    return {m.charge for m in ms}


def _labels(ms: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.label for m in ms))


def _words(ms: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.word.lower() for m in _first_per_label(ms)))


def _finding(a: Article, b: Article, left: list[Mention], right: list[Mention], actor: str) -> Finding:
    def words(ms: list[Mention]) -> str:
        return ", ".join(f"“{word}”" for word in _words(ms))


    charged = any(m.charge != NEUTRAL for m in left + right)
    evidence = tuple(
        Evidence.of(article, m.start, m.end)
        for article, ms in ((a, left), (b, right))
        for m in _first_per_label(ms)
    )
    return Finding(
        kind=LABEL_DIFFERENCE,
        summary=f"{a.name} calls the {actor} {words(left)}; {b.name} calls them {words(right)}.",
        score=0.9 if charged else 0.5,
        evidence=evidence,
        details={
            "actor": actor,
            "articles": [a.id, b.id],
            "labels": {a.id: _labels(left), b.id: _labels(right)},
            "words": {a.id: _words(left), b.id: _words(right)},
            "charges": {a.id: sorted(_charges(left)), b.id: sorted(_charges(right))},
        },
    )


def _first_per_label(ms: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for m in ms:
        seen.setdefault(m.label, m)
    return list(seen.values())


# -- how a death is told ----------------------------------------------------------------------

#: Words that tell a death with someone doing the killing, and words that tell it as
#: something that happened. "Police killed two men" and "two men died" report the
#: same deaths and frame them differently; the lists are ours.
AGENTIVE_DEATH = ("killed", "murdered", "slaughtered", "massacred", "executed", "assassinated", "gunned down", "shot dead")
NON_AGENTIVE_DEATH = ("died", "dead", "perished", "lost their lives", "lost his life", "lost her life", "deaths", "fatalities")
_DEATH = {
    word: kind
    for kind, words in (("agentive", AGENTIVE_DEATH), ("non-agentive", NON_AGENTIVE_DEATH))
    for word in words
}
_DEATH_WORD = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(_DEATH, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def death_findings(articles: Sequence[Article], links: Sequence[AlignmentLink]) -> list[Finding]:
    """Matching sentences where one outlet says the victims were killed and the other that they died."""
    by_id = {a.id: a for a in articles}
    findings: list[Finding] = []
    seen: set[tuple[str, int, str, int]] = set()
    for link in links:
        a, b = by_id[link.a.article], by_id[link.b.article]
        left = _death_words(a, link.a.start, link.a.end)
        right = _death_words(b, link.b.start, link.b.end)
        if not left or not right:
            continue
        kinds = ({_DEATH[m.group(1).lower()] for m in left}, {_DEATH[m.group(1).lower()] for m in right})
        key = (a.id, link.a.sentence, b.id, link.b.sentence)
        if kinds[0] != kinds[1] and len(kinds[0]) == len(kinds[1]) == 1 and key not in seen:
            seen.add(key)
            findings.append(_death_finding(a, b, left[0], right[0]))
    return findings


def _death_words(article: Article, start: int, end: int) -> list[re.Match]:
    return list(_DEATH_WORD.finditer(article.text, start, end))


def _death_finding(a: Article, b: Article, left: re.Match, right: re.Match) -> Finding:

    words = {a.id: left.group(1), b.id: right.group(1)}
    return Finding(
        kind=LABEL_DIFFERENCE,
        summary=(
            f"{a.name} says “{left.group(1)}” where {b.name} says “{right.group(1)}”: "
            "the same deaths, told with and without someone doing the killing."
        ),
        score=0.6,
        evidence=(Evidence.of(a, left.start(1), left.end(1)), Evidence.of(b, right.start(1), right.end(1))),
        details={
            "actor": "the deaths",
            "articles": [a.id, b.id],
            "labels": {i: [w.lower()] for i, w in words.items()},
            "words": words,
            "charges": {a.id: [_DEATH[left.group(1).lower()]], b.id: [_DEATH[right.group(1).lower()]]},
        },
    )
