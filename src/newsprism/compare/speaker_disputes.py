"""Who said it: one quoted statement that the outlets give to different people.

    findings = speaker_disputes(articles, quotes)

Two outlets quote the same words ("We're aware of the issue," general manager A.J.
Smith said / "We're aware of the issue," general manager A.J. Butler said): at most
one of them names the speaker right. ``quote_findings`` never joins two named
speakers into one statement, so without this the disagreement would go unseen.

What counts, for precision (a wrong speaker is read off our own parse as often as off
the outlets' text, ``bench.speakers``):

* both quotes are given to a named person, read at the quote itself: the name sits in
  the attribution next to the quotation (``Quote.cue_span``), not resolved from "he";
* a quoted sentence of one renders a quoted sentence of the other nearly word for word
  (``VERBATIM_SIMILARITY``);
* the two names cannot name one person (``same_speaker``: "A.J. Smith" / "AJ Smith",
  a family name alone, and the members of a joint statement are one speaker);
* the names are no spelling variants of one name ("Andrew Wetzler" / "Andrew Welzler":
  ``same_entity``);
* the statement is at least ``MIN_WORDS`` words long;
* the attributions give both people the same title ("general manager A.J. Smith" /
  "Chargers general manager A.J. Butler"): both names were written beside the quote
  as the speaker's, so the outlets disagree, not our reading of them.

Such a statement is a ``contradiction`` (disputed). Without a shared title nothing is
shown: two people can say the same words (a spokesman reading the principal's
statement), and on the dev stories every such pair was a misread speaker (a news
agency taken for a person, a memo's author for the man it quotes) or a misspelt name.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from newsprism.analysis.names import same_entity
from newsprism.analysis.quotes import VERBATIM_SIMILARITY, Quote, match_sentences, name_key, same_speaker
from newsprism.analysis.speakers import PERSON_TITLES
from newsprism.compare._findings import names
from newsprism.disjoint import DisjointSets
from newsprism.model import CONTRADICTION, Article, Evidence, Finding

__all__ = ["speaker_disputes"]

#: A quote of one article: (article id, index in that article's quotes).
_Ref = tuple[str, int]
#: Fewest words of the quoted statement: shorter lines ("We are cooperating with the
#: investigation") are said word for word by different people.
MIN_WORDS = 8
#: Longest quoted words shown in a summary.
SNIPPET = 90


def speaker_disputes(articles: Sequence[Article], quotes: dict[str, list[Quote]]) -> list[Finding]:
    """One finding per quoted statement given to two or more people who cannot be one."""
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    named = {a.id: [q for q in quotes.get(a.id, []) if _read_at_quote(q)] for a in articles}
    sets: DisjointSets[_Ref] = DisjointSets()
    similarity: dict[_Ref, float] = {}
    for a, b in combinations(articles, 2):
        if not named[a.id] or not named[b.id]:
            continue
        matching = match_sentences(named[a.id], named[b.id], speakers=False)
        for i, j, sim in matching.matches:
            if sim < VERBATIM_SIMILARITY:
                continue
            x, y = (a.id, matching.a[i].quote), (b.id, matching.b[j].quote)
            sets.union(x, y)
            for ref in (x, y):
                similarity[ref] = max(similarity.get(ref, 0.0), sim)
    findings = []
    for members in sets.groups(key=lambda r: (order[r[0]], r[1])):
        groups = _by_speaker([(ref, named[ref[0]][ref[1]]) for ref in members])
        office = _office([_title(by_id[ref[0]], q) for g in groups for ref, q in g])
        long_enough = max(len(named[r[0]][r[1]].text.split()) for r in members) >= MIN_WORDS
        if len(groups) >= 2 and office is not None and long_enough:
            findings.append(_finding(groups, by_id, office, min(similarity[r] for r in members)))
    return findings


def _read_at_quote(quote: Quote) -> bool:
    """A named person read from the attribution beside the quote (not "he", not a title)."""
    if quote.speaker_kind != "named_person" or not quote.speaker or quote.speaker_span is None or quote.cue_span is None:
        return False
    return quote.cue_span[0] <= quote.speaker_span[0] and quote.speaker_span[1] <= quote.cue_span[1]


def _by_speaker(held: list[tuple[_Ref, Quote]]) -> list[list[tuple[_Ref, Quote]]]:
    """The quotes grouped by who they are given to (names that may name one person together)."""
    groups: list[list[tuple[_Ref, Quote]]] = []
    for ref, quote in held:
        home = next((g for g in groups if all(_one_person(quote.speaker, q.speaker) for _, q in g)), None)
        if home is None:
            groups.append([(ref, quote)])
        else:
            home.append((ref, quote))
    return groups


def _one_person(a: str | None, b: str | None) -> bool:
    """Names that may name one person: ``same_speaker``, or one name spelt two ways."""
    return same_speaker(a, b) or same_entity(a or "", b or "")


def _title(article: Article, quote: Quote) -> tuple[str, ...]:
    """The titles written right before the speaker's name in its attribution
    (``speakers.PERSON_TITLES``: "Chargers general manager A.J. Smith said" ->
    ("general", "manager")); empty without one ("said A.J. Smith")."""
    assert quote.cue_span is not None and quote.speaker_span is not None
    words = [w.strip(",:;").casefold() for w in article.text[quote.cue_span[0] : quote.speaker_span[0]].split()]
    titles: list[str] = []
    for word in reversed(words):
        if word not in PERSON_TITLES and f"{word}." not in PERSON_TITLES:
            break
        titles.insert(0, word)
    return tuple(titles)


def _office(titles: list[tuple[str, ...]]) -> str | None:
    """The title all attributions share, as its common last words ("general manager"),
    or None when one has none or their last words differ."""
    if not titles or any(not t for t in titles):
        return None
    common: list[str] = []
    for words in zip(*(reversed(t) for t in titles)):
        if len(set(words)) != 1:
            break
        common.insert(0, words[0])
    return " ".join(common) or None


def _finding(groups: list[list[tuple[_Ref, Quote]]], by_id: dict[str, Article], office: str, similarity: float) -> Finding:
    speakers = [g[0][1].speaker or "" for g in groups]
    _, first_quote = groups[0][0]
    words = first_quote.text if len(first_quote.text) <= SNIPPET else first_quote.text[:SNIPPET].rsplit(" ", 1)[0] + "…"
    shown = "; ".join(f"{name} ({_outlets(g, by_id)})" for name, g in zip(speakers, groups))
    reasons = [
        "the outlets quote the same words nearly word for word",
        f"each names a different person beside the quote, with the same title (“{office}”): one of them is not the speaker",
    ]
    summary = f"The reports disagree on who said “{words}”: {shown}."
    evidence = [Evidence.of(by_id[ref[0]], *q.speaker_span) for g in groups for ref, q in g if q.speaker_span]
    evidence += [Evidence.of(by_id[ref[0]], q.start, q.end) for g in groups for ref, q in g]
    return Finding(
        kind=CONTRADICTION,
        summary=summary,
        score=round(0.5 + 0.5 * similarity, 4),
        evidence=tuple(evidence),
        details={
            "confidence": "high",
            "reasons": reasons,
            "fact": "speaker",
            "unit": None,
            "groups": [
                {
                    "value": " ".join(name_key(name)),
                    "text": name,
                    "articles": list(dict.fromkeys(ref[0] for ref, _ in g)),
                    "wordings": {ref[0]: q.speaker for ref, q in g},
                }
                for name, g in zip(speakers, groups)
            ],
            "values": {ref[0]: q.speaker for g in groups for ref, q in g},
            "normalized": {ref[0]: " ".join(name_key(q.speaker or "")) for g in groups for ref, q in g},
            "sentences": [_attribution(by_id[ref[0]], q).to_dict() for g in groups for ref, q in g],
            "similarity": round(similarity, 4),
            "claims": [],
        },
        claim=None,
    )


def _outlets(group: list[tuple[_Ref, Quote]], by_id: dict[str, Article]) -> str:
    """The outlets of a group, in order met, as "A, B and C"."""
    return names([by_id[article] for article in dict.fromkeys(ref[0] for ref, _ in group)])


def _attribution(article: Article, quote: Quote) -> Evidence:
    """The sentence that names the speaker (the quote and "X said"), so a reader sees both."""
    sentence = article.sentence_at(quote.speaker_span[0] if quote.speaker_span else quote.start)
    return Evidence.of(article, sentence.start, sentence.end) if sentence is not None else Evidence.of(article, quote.start, quote.end)
