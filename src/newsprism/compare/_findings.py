"""Findings per claim: what the outlets that carry a statement agree on, dispute, or leave out.

contradiction: one per disputed fact, with its value groups ("Sunday": A, C;
               "Saturday": B), each outlet's sentence, a confidence and its reasons;
               values that may both hold are ``possible_contradiction``, shown apart.
agreement:     one per claim whose carrying outlets (two or more) give the same values.
omission:      one per claim that some outlets carry and others do not, ranked by
               what it adds (new numbers, names, dates, quotes, lead position, how
               many outlets carry it).

Facts are paired only inside directly aligned sentences (``compare_facts`` decides
which facts speak of the same thing), then joined across outlets into one fact with its
value groups: a value differs only against a sentence that says the same thing. A
finding points at its claim when its sentences sit in one. Contradictions compare only
what the outlets state in their own voice (``own_facts``): a figure inside quotation
marks is its speaker's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from dataclasses import dataclass, field

from newsprism import nlp
from newsprism.analysis.facts import (
    CURRENCIES,
    DIFFERENT,
    PLAIN,
    SAME,
    SINGULAR_UNITS,
    Fact,
    FactPair,
    compare_facts,
    compare_lone_days,
    compare_plain,
    place_scope,
)
from newsprism.analysis.names import canonical_entity, same_entity
from newsprism.analysis.quotes import Quote
from newsprism.analysis.speakers import REPORTING_VERBS
from newsprism.disjoint import DisjointSets
from newsprism.model import (
    AGREEMENT,
    CONTRADICTION,
    OMISSION,
    POSSIBLE_CONTRADICTION,
    AlignmentLink,
    Article,
    Claim,
    Evidence,
    Finding,
)
from newsprism.options import CompareOptions

Facts = dict[str, dict[int, list[Fact]]]
#: One fact of one article: (article id, fact).
_Held = tuple[str, Fact]

#: Weights of what a claim carries when ranking omissions: a new number or name
#: matters more than a date, which matters more than a name every outlet has.
WEIGHT = {"number": 1.0, "ordinal": 0.8, "date": 0.6, "weekday": 0.6, "new_entity": 0.8, "entity": 0.2}
#: A quoted statement in the claim, the lead of the story, and each further outlet
#: that carries it (of those that could) add to its weight.
QUOTE_WEIGHT = 0.6
LEAD_WEIGHT = 0.6
LEAD_POSITION = 0.15
CARRIERS_WEIGHT = 1.0
#: Omission score = BASE + (1 - BASE) * min(1, weight / SATURATION).
OMISSION_BASE = 0.1
OMISSION_SATURATION = 3.0
#: Most of a sentence inside quotes a quote_change finding already reports.
QUOTED_SHARE = 0.6
#: An outlet that no sentence of the claim comes from may still tell it in other words
#: the aligner missed ("He and wife Stacy have two young sons" / "... attended by Mr.
#: Cowan's wife, Stacey, and their two young sons"). It is not said to leave the claim
#: out when one of its sentences holds at least ``TOLD_SHARE`` of the content words of a
#: sentence carrying the claim (one with ``MIN_TOLD_WORDS`` or more). A judged sample of
#: 50 omissions on the dev stories found 13 false this way; no true one shares half.
TOLD_SHARE = 0.5
MIN_TOLD_WORDS = 3
SNIPPET = 160
#: Facts whose agreement is news: a shared name ("Iraq") in two aligned sentences is not.
AGREED_KINDS = ("number", "ordinal", "date", "weekday")


def quoted(text: str) -> str:
    return f"“{text}”"


def names(articles: Sequence[Article]) -> str:
    """"A", "A and B", "A, B and C"."""
    named = [a.name for a in articles]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _sentence_evidence(article: Article, index: int) -> Evidence:
    s = article.sentences[index]
    return Evidence.of(article, s.start, s.end)


def _what(fact: Fact) -> str:
    """What a figure is of, for a reader: "the day", "the year", "the amount of money",
    "the number of children"."""
    if fact.kind == "date" and fact.label in ("year", "month", "week"):
        return f"the {fact.label}"
    if fact.kind in ("weekday", "date"):
        return "the day"
    if fact.kind in ("number", "ordinal") and fact.unit in CURRENCIES:
        return "the amount of money"
    if fact.kind in ("number", "ordinal") and fact.unit in SINGULAR_UNITS:
        return "the percentage"
    if fact.kind in ("number", "ordinal") and fact.unit:
        return f"the number of {_as_written(_plural(fact.unit), fact.unit, fact.text)}"
    if fact.kind == "entity":
        return "who or where"
    return "a figure"


def _plural(noun: str) -> str:
    """The plural of a counted noun's lemma (``data/plurals.txt`` for those no rule makes)."""
    if noun in PLURALS:
        return PLURALS[noun]
    if noun.endswith(("s", "personnel", "staff", "people", "police")):
        return noun
    if noun.endswith(("x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _as_written(noun: str, unit: str, text: str) -> str:
    """``noun`` with a capital when the fact's own text writes its counted word with one
    after the first word, and not in capitals throughout: a proper noun stays one ("the
    number of Russians" for "four Russians"), a common noun at the head of a sentence
    ("Four children") or in a headline set in capitals ("FOUR CHILDREN") does not."""
    words = [w.strip(".,;:!?()[]\"'“”‘’") for w in text.split()[1:]]
    if any(w[:1].isupper() and not w.isupper() and w.lower().startswith(unit) for w in words):
        return noun[:1].upper() + noun[1:]
    return noun


def _topic(fact: Fact) -> tuple[str, str]:
    """What a disputed or agreed fact is about: days together, numbers by what they count."""
    return ("time", "") if fact.kind in ("date", "weekday") else (fact.kind, fact.unit or "")


# -- facts paired along the alignment ------------------------------------------------------------


_Key = tuple[str, int, int]


@dataclass
class _FactGraph:
    """Facts of aligned sentences, joined by the pairs ``compare_facts`` finds.

    ``same`` pairs join facts into value groups; ``same`` and ``different`` pairs both
    join them into one *fact*: what the outlets say about one thing (the day of the
    attack), whatever the values. Only aligned sentences pair facts, so a fact stays
    local to the sentences that say the same thing.
    """

    held: dict[_Key, _Held] = field(default_factory=dict)
    value: DisjointSets[_Key] = field(default_factory=DisjointSets)
    fact: DisjointSets[_Key] = field(default_factory=DisjointSets)
    different: list[tuple[_Key, _Key, float]] = field(default_factory=list)
    similarity: dict[_Key, float] = field(default_factory=dict)

    def node(self, article: str, fact: Fact) -> _Key:
        key = (article, fact.start, fact.end)
        if key not in self.held:
            self.held[key] = (article, fact)
            self.value.add(key)
            self.fact.add(key)
        return key

    def add(self, pair: FactPair, left: str, right: str, similarity: float) -> None:
        x, y = self.node(left, pair.a), self.node(right, pair.b)
        for key in (x, y):
            self.similarity[key] = max(self.similarity.get(key, 0.0), similarity)
        self.fact.union(x, y)
        if pair.relation == SAME:
            self.value.union(x, y)
        elif pair.relation == DIFFERENT:
            self.different.append((x, y, similarity))

    def facts(self) -> list[tuple[list[list[_Held]], bool, float]]:
        """Per fact: its value groups (in order met), whether they conflict, and how alike
        its sentences are: for a conflict, the highest similarity of the sentence pairs
        that differ (two near-copies agreeing on one value say nothing of how alike the
        sentences that disagree are); otherwise the highest of any that state it."""
        conflicts: dict[_Key, float] = {}
        for x, _, similarity in self.different:
            root = self.fact.find(x)
            conflicts[root] = max(conflicts.get(root, 0.0), similarity)
        grouped: dict[_Key, dict[_Key, list[_Held]]] = {}
        for key in sorted(self.held):
            root = self.fact.find(key)
            grouped.setdefault(root, {}).setdefault(self.value.find(key), []).append(self.held[key])
        out = []
        for root, values in grouped.items():
            if root in conflicts:
                similarity = conflicts[root]
            else:
                similarity = max(self.similarity[k] for k in self.held if self.fact.find(k) == root)
            out.append((list(values.values()), root in conflicts, similarity))
        return out


#: Two sentences this alike tell the same thing: when each holds one day, the days
#: are compared even if the parser hung them on different words ("fired at the base
#: on Sunday" read as the base's Sunday).
LONE_DAY_SIMILARITY = 0.85


def _fact_graph(links: Sequence[AlignmentLink], facts: Facts) -> _FactGraph:
    graph = _FactGraph()
    for link in links:
        left = facts[link.a.article].get(link.a.sentence, [])
        right = facts[link.b.article].get(link.b.sentence, [])
        if left and right and any(f.label == PLAIN for f in left + right):
            # Figures read without units: a difference is only ever "possible" (``_judge``).
            for pair in compare_plain(left, right):
                graph.add(pair, link.a.article, link.b.article, link.similarity)
        elif left and right:
            pairs = compare_facts(left, right)
            if link.similarity >= LONE_DAY_SIMILARITY and not any(_topic(p.a) == ("time", "") for p in pairs):
                pairs += compare_lone_days(left, right)
            for pair in pairs:
                graph.add(pair, link.a.article, link.b.article, link.similarity)
    return graph


def _claims_of(held: Sequence[_Held], by_id: dict[str, Article], where: dict[tuple[str, int], str]) -> list[str]:
    """The claims of the sentences that hold these facts, in order met."""
    found: list[str] = []
    for article, fact in held:
        for s in by_id[article].body_sentences:
            if s.start <= fact.start and fact.end <= s.end:
                claim = where.get((article, s.index))
                if claim and claim not in found:
                    found.append(claim)
    return found


def _sentences(held: Sequence[_Held], by_id: dict[str, Article]) -> list[dict]:
    """Each outlet's sentence(s) that hold the facts, once each."""
    out: list[dict] = []
    for article, fact in held:
        for s in by_id[article].sentences:
            if s.start <= fact.start and fact.end <= s.end:
                entry = Evidence.of(by_id[article], s.start, s.end).to_dict()
                if entry not in out:
                    out.append(entry)
    return out


# -- contradictions -------------------------------------------------------------------------------


def contradictions(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    links: Sequence[AlignmentLink],
    facts: Facts,
    strong: float = 0.66,
) -> list[Finding]:
    """One finding per disputed fact: its value groups, each outlet's sentence, and how
    far it can be trusted.

    ``contradiction`` when the values cannot both hold (confidence "high");
    ``possible_contradiction`` when they might, for one stated reason (see ``_judge``):
    both carry ``confidence`` and ``reasons``. A dispute with more than ``MAX_DOUBTS``
    reasons to doubt it is not shown at all. The same dispute met twice (the day of the
    attack, told in two sentences by the same outlets with the same values) is reported
    once, from its most alike sentences.
    """
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    where = {(s.article, s.sentence): c.id for c in claims for s in c.carried_by}
    best: dict[tuple, tuple[float, Finding]] = {}
    for groups, conflict, similarity in _fact_graph(links, facts).facts():
        if not conflict or len(groups) < 2:
            continue
        finding = _contradiction(groups, similarity, by_id, order, where, strong)
        if finding is None:
            continue
        key = (_topic(groups[0][0][1]), frozenset((a, f.value) for g in groups for a, f in g))
        if key not in best or similarity > best[key][0]:
            best[key] = (similarity, finding)
    return [finding for _, finding in best.values()]


def own_facts(facts: Facts, *quotes: dict[str, list[Quote]]) -> Facts:
    """The facts each outlet states in its own voice: those inside quotation marks
    (``quotes``: per article, its quotes and quoted pieces) are dropped. A figure in a
    quote is what its speaker said, right or wrong, and two speakers' figures ("cut
    $716 billion" in one ad, "$800 billion" in another) are no dispute between
    outlets; the same statement quoted with other words is a ``quote_change``."""
    out: Facts = {}
    for article, by_sentence in facts.items():
        spans = [part for found in quotes for q in found.get(article, []) for part in q.parts]
        out[article] = {
            index: [f for f in found if not any(s <= f.start and f.end <= e for s, e in spans)]
            for index, found in by_sentence.items()
        }
    return out


def _word_list(name: str) -> frozenset[str]:
    """A word list of ``compare/data/`` (one entry a line, ``#`` comments)."""
    text = resources.files("newsprism.compare").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _alternatives(words: frozenset[str]) -> str:
    """A word list as regex alternatives, longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


#: Plurals no rule makes, by lemma (``data/plurals.txt``).
PLURALS = dict(line.split()[:2] for line in _word_list("plurals.txt"))

#: Words that tell another occurrence of an act (``data/other_occurrence.txt``).
OTHER_OCCURRENCE = _word_list("other_occurrence.txt")
_OCCURRENCE_RE = re.compile(rf"\b({_alternatives(OTHER_OCCURRENCE)})\b", re.I)
#: Words that make a figure a running total (``data/running_total.txt``).
RUNNING_TOTAL = _word_list("running_total.txt")
_RUNNING_TOTAL_RE = re.compile(rf"\b({_alternatives(RUNNING_TOTAL)})\b", re.I)


def _occurrence_word(sentences: Sequence[str]) -> str | None:
    """The first word of the sentences that tells another occurrence of an act ("again")."""
    return next((m.group(1) for text in sentences if (m := _OCCURRENCE_RE.search(text))), None)


def _running_total_word(sentences: Sequence[str]) -> str | None:
    """The first running-total word ("so far", "bringing") of the sentences: a total to
    date may stand against one day's figure, even when each sentence holds such a word
    ("five were killed on Wednesday, bringing to 10 ..." against "has so far lost seven")."""
    return next((m.group(1) for text in sentences if (m := _RUNNING_TOTAL_RE.search(text))), None)


def _judge(
    held: Sequence[_Held],
    claim_ids: Sequence[str],
    similarity: float,
    strong: float,
    sentences: Sequence[str] = (),
    scopes: Sequence[str | None] = (),
    name_doubts: Sequence[str] = (),
) -> tuple[str, list[str]]:
    """("high" | "possible", reasons): whether two values of one fact cannot both hold.

    A dispute is "possible" (shown apart, never "disputed") when it may be two true
    statements: its sentences sit in different claims and are not strongly aligned
    (they may tell different occurrences); the values are names in a role (a
    different actor can be a different act); an ordinal names which occurrence ("the
    second summit"); a day was reached by resolving a weekday or a relative word
    against the publication date while the other is written out, or a weekday is
    compared with a date whose year was inferred; one day hangs on a verb of reporting
    ("reported September 26" against "planned for December 15"); counts are confined
    to different places (``scopes``, one per held fact: ``place_scope``), or one to a
    place and another not. Names in a role carry the doubts of ``_name_doubts``.
    """
    facts = [f for _, f in held]
    kind = facts[0].kind
    doubts = []
    if len(claim_ids) != 1 and similarity < strong:
        doubts.append("the sentences sit in different claims: they may report different occurrences")
    if any(f.label == PLAIN for f in facts):
        doubts.append("a report is in a language whose figures are read without what they count: the figures may count different things")
    if kind == "entity":
        doubts.append("a different name in the same role may be a different act: both can be true")
        doubts += name_doubts
    if kind == "ordinal":
        doubts.append("an ordinal may say which occurrence is meant (“the second summit”), not disagree")
    elif word := _occurrence_word(sentences):
        doubts.append(f"a sentence tells another occurrence (“{word}”): the values may belong to different events")
    if kind == "number" and (total := _running_total_word(sentences)):
        doubts.append(f"one figure is a running total (“{total}”), another may count one day or one part")
    places = list(dict.fromkeys(scopes))
    if kind == "number" and len(places) > 1:
        shown = " / ".join(p or "no place named" for p in places)
        doubts.append(f"the figures may count different places ({shown})")
    slots = list(dict.fromkeys(f.slot for f in facts))
    if kind in ("date", "weekday"):
        names = {f.qualifier for f in facts if f.resolved == "weekday"}
        written = [f for f in facts if f.resolved is None and f.kind == "date"]
        if any(f.resolved == "relative" for f in facts):
            doubts.append("a relative day (“yesterday”, “last week”) was resolved against the publication date")
        elif names and written:
            doubts.append("a weekday was resolved against the publication date and compared with a written date")
        elif any(f.kind == "weekday" for f in facts) and any(f.resolved == "year" for f in facts):
            doubts.append("a weekday was compared with a date whose year was taken from the publication date")
        if len(slots) > 1 and any(s and s.rsplit(":", 1)[-1] in REPORTING_VERBS for s in slots):
            shown = " / ".join(s or "?" for s in slots)
            doubts.append(f"one day dates a report, not the act ({shown}): they may date different acts")
    if doubts:
        return "possible", doubts
    reasons = ["the sentences report one statement (one claim)" if len(claim_ids) == 1 else f"the sentences are strongly aligned ({similarity:.2f})"]
    if len(slots) == 1 and slots[0]:
        reasons.append(f"the values fill the same slot ({slots[0]})")
    if kind == "number":
        reasons.append("the figures differ beyond rounding and their hedges")
    elif kind in ("date", "weekday"):
        reasons.append("the days differ" + (" by name" if all(f.qualifier for f in facts) else ""))
    return "high", reasons


#: Most reasons to doubt a dispute that may still show it as "possible". Two
#: independent doubts (other claims *and* a name in a role, or an ordinal) make it
#: more likely two true statements than a disagreement: on the judged dev gold
#: every such one was false (bench.truth).
MAX_DOUBTS = 1


def _name_doubts(groups: list[list[_Held]], by_id: dict[str, Article]) -> list[str]:
    """Why two names in one role may be no dispute over who acted, besides the role itself.

    * A report whose sentence names both actors ("Mr. Gates and Mr. Papadopoulos have
      pleaded guilty" / "Papadopoulous and Gates pleaded guilty"; "Iran warned ...
      Mr. Trump threatened" / "Trump warned Iran's leaders"): it knows the other's
      actor, and the parse gave the role to one of them.
    * Two names that some report writes as one ("St. Louis" / "Rams" beside "the St.
      Louis Rams"): a place standing for its team, a brand for its company.
    """
    doubts = []
    names = [g[0][1].text for g in groups]
    for group, name in zip(groups, names):
        others = [h for g in groups if g is not group for h in g]
        if any(_names_in(name, _sentence_text(by_id[a], f.start)) for a, f in others):
            doubts.append(f"a report names “{name}” in the same sentence: the names may differ in role, not in who acted")
            break
    texts = [" ".join(a.text.split()) for a in by_id.values()]
    for x, y in ((a, b) for a in names for b in names if a != b):
        if any(_written_as_one(f"{x} {y}", text) for text in texts):
            doubts.append(f"a report writes the two names as one (“{x} {y}”): they may be one actor")
            break
    return doubts


def _written_as_one(name: str, text: str) -> bool:
    """Whether ``text`` holds ``name`` as whole words (not "Rams" inside "Ramsey")."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(name, at + 1)
    return False


def _sentence_text(article: Article, offset: int) -> str:
    """The text of the sentence that holds an offset ("" outside every sentence)."""
    sentence = article.sentence_at(offset)
    return article.text[sentence.start : sentence.end] if sentence is not None else ""


def _names_in(name: str, text: str) -> bool:
    """Whether a sentence names ``name``: the last word of its key, in any spelling ``same_entity`` allows."""
    key = canonical_entity(name).split()
    words = {word.strip(_PUNCTUATION) for word in text.split()}
    return bool(key) and any(word and same_entity(key[-1], word) for word in words)


#: Punctuation stripped from the ends of a sentence's words before they are read as names.
_PUNCTUATION = ".,;:!?()[]\"'“”‘’«»—–-"


def _contradiction(
    groups: list[list[_Held]],
    similarity: float,
    by_id: dict[str, Article],
    order: dict[str, int],
    where: dict[tuple[str, int], str],
    strong: float,
) -> Finding | None:
    groups = sorted((sorted(g, key=lambda h: (order[h[0]], h[1].start)) for g in groups), key=lambda g: (order[g[0][0]], g[0][1].start))
    held = sorted((h for g in groups for h in g), key=lambda h: (order[h[0]], h[1].start))
    first = held[0][1]
    shown = "; ".join(
        f"{quoted(g[0][1].text)} ({names([by_id[a] for a in dict.fromkeys(a for a, _ in g)])})" for g in groups
    )
    wording: dict[str, str] = {}
    normal: dict[str, str] = {}
    for article, fact in held:
        wording.setdefault(article, fact.text)
        normal.setdefault(article, fact.value)
    claim_ids = _claims_of(held, by_id, where)
    sentences = _sentences(held, by_id)
    scopes = [place_scope(by_id[a], f) for a, f in held] if first.kind == "number" else []
    doubts = _name_doubts(groups, by_id) if first.kind == "entity" else []
    confidence, reasons = _judge(held, claim_ids, similarity, strong, [x["text"] for x in sentences], scopes, doubts)
    if confidence == "possible" and len(reasons) > MAX_DOUBTS:
        return None
    if confidence == "high":
        kind, summary = CONTRADICTION, f"The reports disagree on {_what(first)}: {shown}."
    else:
        kind = POSSIBLE_CONTRADICTION
        summary = f"The reports may disagree on {_what(first)}: {shown}. Only possibly: {reasons[0]}."
    return Finding(
        kind=kind,
        summary=summary,
        score=round(0.5 + 0.5 * min(1.0, similarity), 4) if confidence == "high" else round(0.5 * min(1.0, similarity), 4),
        evidence=tuple(Evidence.of(by_id[a], f.start, f.end) for a, f in held),
        details={
            "confidence": confidence,
            "reasons": reasons,
            "fact": first.kind,
            "unit": first.unit,
            "groups": [
                {
                    "value": g[0][1].value,
                    "text": g[0][1].text,
                    "articles": list(dict.fromkeys(a for a, _ in g)),
                    "wordings": {a: f.text for a, f in g},
                }
                for g in groups
            ],
            "values": wording,
            "normalized": normal,
            "sentences": sentences,
            "similarity": round(similarity, 4),
            "claims": claim_ids,
        },
        claim=claim_ids[0] if len(claim_ids) == 1 else None,
    )


# -- agreements -----------------------------------------------------------------------------------


def agreements(
    articles: Sequence[Article], claims: Sequence[Claim], links: Sequence[AlignmentLink], facts: Facts
) -> list[Finding]:
    """Figures and days that two or more outlets give with the same value and none
    disputes, one finding per claim they sit in (a value is reported once)."""
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    where = {(s.article, s.sentence): c.id for c in claims for s in c.carried_by}
    seen: set[tuple[str, str | None, str]] = set()
    buckets: dict[str, list[list[_Held]]] = {}
    for groups, conflict, _ in _fact_graph(links, facts).facts():
        if conflict or len(groups) != 1:
            continue
        group = sorted(groups[0], key=lambda h: (order[h[0]], h[1].start))
        fact = group[0][1]
        key = (fact.kind, fact.unit, fact.value)
        if fact.kind not in AGREED_KINDS or len({a for a, _ in group}) < 2 or key in seen:
            continue
        seen.add(key)
        claim_ids = _claims_of(group, by_id, where)
        buckets.setdefault(claim_ids[0] if len(claim_ids) == 1 else f"fact:{len(buckets)}", []).append(group)
    return [_agreement(bucket, groups, by_id, claims) for bucket, groups in buckets.items()]


def _agreement(bucket: str, agreed: list[list[_Held]], by_id: dict[str, Article], claims: Sequence[Claim]) -> Finding:
    claim = next((c for c in claims if c.id == bucket), None)
    carriers = list(dict.fromkeys(a for group in agreed for a, _ in group))
    givers = [list(dict.fromkeys(a for a, _ in group)) for group in agreed]
    parts = []
    for group, ids in zip(agreed, givers, strict=True):
        wordings = list(dict.fromkeys(f.text for _, f in group))
        parts.append(f"{_what(group[0][1])} as " + " / ".join(quoted(w) for w in wordings))
    if all(set(ids) == set(carriers) for ids in givers):
        summary = f"{_who(carriers, by_id)} give " + "; ".join(parts) + "."
    else:  # each figure names its own outlets: "All 4 reports give ..." must hold for every one
        pairs = enumerate(zip(givers, parts, strict=True))
        clauses = [f"{_who(ids, by_id, first=n == 0)} give {part}" for n, (ids, part) in pairs]
        summary = "; ".join(clauses) + "."
    held = [h for group in agreed for h in group]
    return Finding(
        kind=AGREEMENT,
        summary=summary,
        score=round(len(carriers) / len(by_id), 4),
        evidence=tuple(Evidence.of(by_id[a], f.start, f.end) for a, f in held),
        details={
            "facts": [
                {
                    "fact": group[0][1].kind,
                    "unit": group[0][1].unit,
                    "value": group[0][1].value,
                    "values": {a: f.text for a, f in group},
                }
                for group in agreed
            ],
            "carried_by": carriers,
            "sentences": _sentences(held, by_id),
        },
        claim=claim.id if claim else None,
    )


def _who(ids: Sequence[str], by_id: dict[str, Article], first: bool = True) -> str:
    """The outlets giving a figure: "Both reports", "All 4 reports" ("both reports",
    "all 4 reports" after the ``first`` clause of a sentence), or their names."""
    if len(ids) == len(by_id):
        who = "Both reports" if len(ids) == 2 else f"All {len(ids)} reports"
        return who if first else who[:1].lower() + who[1:]
    return names([by_id[a] for a in ids])


# -- omissions ------------------------------------------------------------------------------------


def omissions(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    facts: Facts,
    reported_quotes: Sequence[Evidence],
    options: CompareOptions,
    links: Sequence[AlignmentLink] | None = None,
    words: ContentWords | None = None,
) -> list[Finding]:
    """One finding per claim that some outlets carry and others leave out, most
    newsworthy first, at most ``options.max_omissions``. ``words`` are the articles'
    content words, when the caller reads them for the summary too.

    A claim that is mostly quoted words of a statement a quote finding already
    compares (with the outlets that do not quote it) is not repeated here. Nor is a
    claim whose outlets are not joined by strong links (``links`` at the aligner's
    ``high``, when given): loosely alike sentences of two outlets may be two facts
    ("the DNC called it the 'Akin plank'" / "Akin's remark caused outrage"), and who
    leaves "it" out would be a guess (a judged sample of 50 dev omissions found 8 such,
    every one with its outlets' sentences below ``high``).
    """
    by_id = {a.id: a for a in articles}
    able = [a.id for a in articles if a.body_sentences]
    entity_keys = {a.id: _entity_keys(facts[a.id]) for a in articles}
    words = words or ContentWords(by_id)
    strong = None if links is None else {
        frozenset({(k.a.article, k.a.sentence), (k.b.article, k.b.sentence)}) for k in links if k.similarity >= options.align.high
    }  # fmt: skip
    found = []
    for claim in claims:
        missing = [i for i in claim.missing_from if i in able and not words.tells(i, claim)]
        if not missing or _mostly_quoted(claim, reported_quotes):
            continue
        if strong is not None and not _strongly_joined(claim, strong):
            continue
        score = _newsworthiness(claim, missing, entity_keys, len(able), facts)
        if score >= options.min_omission_score:
            found.append(_omission(claim, missing, by_id, facts, score))
    found.sort(key=lambda f: (-f.score, f.details["position"], f.evidence[0].article, f.evidence[0].start))
    ranked = []
    for rank, finding in enumerate(found[: options.max_omissions], start=1):
        finding.details["rank"] = rank
        del finding.details["position"]
        ranked.append(finding)
    return ranked


def _strongly_joined(claim: Claim, strong: set[frozenset[tuple[str, int]]]) -> bool:
    """Whether the outlets carrying a claim are one group under the strong links between
    its sentences (a claim one outlet carries is)."""
    carriers = claim.articles
    if len(carriers) < 2:
        return True
    nodes = [(s.article, s.sentence) for s in claim.carried_by]
    group = {carriers[0]}
    while reach := {y[0] for x in nodes for y in nodes if x[0] in group and y[0] not in group and frozenset({x, y}) in strong}:
        group |= reach
    return len(group) == len(carriers)


class ContentWords:
    """The content words (lemmas of words and numbers of three letters or more, not stop
    words) of each sentence, read from the stored parse once per article, with an index
    from each word to the sentences holding it (so a claim meets only the sentences
    that share a word with it).

    Lemmas, not the aligner's surface words (``align.lexical_overlap`` reads text only, for
    speed on every sentence pair): "sons" / "son", "visas" / "visa". Read with the
    aligner's words instead, the judged omission sample lost two true omissions and
    gained a false one."""

    def __init__(self, by_id: dict[str, Article]) -> None:
        self.by_id = by_id
        self.sentences: dict[str, list[frozenset[str]]] = {}
        self.index: dict[str, dict[str, list[int]]] = {}

    def of(self, article_id: str) -> list[frozenset[str]]:
        if article_id not in self.sentences:
            article = self.by_id[article_id]
            docs = nlp.sentence_docs(article.text, [(s.start, s.end) for s in article.sentences], article.analysis)
            found = [
                frozenset(nlp.lemma(t) for t in doc if (t.is_alpha or t.like_num) and not t.is_stop and len(t) > 2)
                for doc in docs
            ]
            index: dict[str, list[int]] = {}
            for position, words in enumerate(found):
                for word in words:
                    index.setdefault(word, []).append(position)
            self.sentences[article_id], self.index[article_id] = found, index
        return self.sentences[article_id]

    def tells(self, article_id: str, claim: Claim) -> bool:
        """Whether one sentence of the article holds ``TOLD_SHARE`` of a claim sentence's content words."""
        self.of(article_id)
        index = self.index[article_id]
        for carried in claim.carried_by:
            words = self.of(carried.article)[carried.sentence]
            if len(words) < MIN_TOLD_WORDS:
                continue
            hits = Counter(position for word in words for position in index.get(word, ()))
            if any(count >= TOLD_SHARE * len(words) for count in hits.values()):
                return True
        return False


def _entity_keys(per_sentence: dict[int, list[Fact]]) -> set[str]:
    return {canonical_entity(f.text) for fs in per_sentence.values() for f in fs if f.kind == "entity"}


def _newsworthiness(
    claim: Claim, missing: list[str], entity_keys: dict[str, set[str]], able: int, facts: Facts
) -> float:
    """What the outlets that leave the claim out miss: its facts (names they never
    mention count as new), a quote, a place in the lead, and how many others carry it."""
    elsewhere = set().union(*(entity_keys[i] for i in missing))
    weight = 0.0
    for article in claim.articles:
        own = 0.0
        for s in claim.sentences_of(article):
            for fact in facts[article].get(s.sentence, []):
                if fact.kind == "entity":
                    own += WEIGHT["entity" if canonical_entity(fact.text) in elsewhere else "new_entity"]
                else:
                    own += WEIGHT.get(fact.kind, 0.0)
        weight = max(weight, own)
    if claim.quotes:
        weight += QUOTE_WEIGHT
    if claim.position < LEAD_POSITION:
        weight += LEAD_WEIGHT
    if able > 2:
        weight += CARRIERS_WEIGHT * (len(claim.articles) - 1) / (able - 2)
    return round(OMISSION_BASE + (1 - OMISSION_BASE) * min(1.0, weight / OMISSION_SATURATION), 4)


def _omission(claim: Claim, missing: list[str], by_id: dict[str, Article], facts: Facts, score: float) -> Finding:
    carriers = [by_id[a] for a in claim.articles]
    first = claim.carried_by[0]
    text = " ".join(s.text for s in claim.sentences_of(first.article))
    snippet = text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "…"
    absent = names([by_id[i] for i in missing])
    if len(carriers) == 1:
        summary = f"Only {carriers[0].name} reports (not {absent}): {quoted(snippet)}"
    else:
        summary = f"Carried by {names(carriers)}; missing from {absent}: {quoted(snippet)}"
    return Finding(
        kind=OMISSION,
        summary=summary,
        score=score,
        evidence=tuple(Evidence.of(by_id[s.article], s.start, s.end) for s in claim.carried_by),
        details={
            "carried_by": list(claim.articles),
            "missing_from": missing,
            "facts": [
                {"article": s.article, "kind": f.kind, "text": f.text, "value": f.value}
                for s in claim.carried_by
                for f in facts[s.article].get(s.sentence, [])
            ],
            "position": claim.position,
        },
        claim=claim.id,
    )


def _mostly_quoted(claim: Claim, spans: Sequence[Evidence]) -> bool:
    """Whether every sentence of the claim lies mostly inside quotes already reported."""
    return bool(spans) and all(_covered(spans, s.article, s.start, s.end) for s in claim.carried_by)


def _covered(spans: Sequence[Evidence], article: str, start: int, end: int) -> bool:
    inside = sum(max(0, min(end, e.end) - max(start, e.start)) for e in spans if e.article == article)
    return inside > QUOTED_SHARE * (end - start)
