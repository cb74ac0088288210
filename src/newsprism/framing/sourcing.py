"""Sourcing: how outlets differ in who they attribute each claim to.

The attributions themselves (one ``Attribution`` per body sentence: the main source,
classified by kind) come from ``newsprism.analysis.attribution``. This module reads
them in two steps, each a pure function:

``sourcing_profile(article, found)``
    The per-article table: counts per kind, the named sources, the anonymous ones, the
    reporting verbs and the share of attributed sentences.

``sourcing_findings(articles, links, found)``
    ``sourcing`` findings: two aligned sentences (the same claim in two outlets) that
    attribute it differently, and pairs of outlets where one relies on anonymous
    sources far more than the other.

Precision first: a judged sample of the sentence findings on the dev stories
(``bench.framing_sample``) found 2 of 50 true, then 2 of 42 more after the first
fixes. Most linked sentences were two statements on one subject, and most "different"
sources were one source written two ways or a word the reader could only guess at.
So a sentence finding now needs one figure in both sentences (``figures_of``), both
sources read surely, and none of the look-alikes ``_reportable`` lists; the
per-article profile keeps every source.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsprism.analysis.attribution import (
    ANONYMOUS,
    DOCUMENT,
    KINDS,
    MEDIA,
    NAMED_KINDS,
    NAMED_ORGANISATION,
    NAMED_PERSON,
    UNATTRIBUTED,
    Attribution,
)
from newsprism.analysis.facts import NUMBER, Fact, sentence_facts
from newsprism.analysis.names import canonical_entity, same_entity, same_person
from newsprism.analysis.speakers import DOCUMENT_WORDS
from newsprism.model import SOURCING, AlignmentLink, Article, Evidence, Finding

__all__ = [
    "sourcing_profile",
    "sourcing_findings",
    "figures_of",
    "KIND_LABELS",
    "TRANSPARENCY",
    "ANONYMOUS_SHARE_GAP",
]

# -- summaries ---------------------------------------------------------------------------------

#: How the kinds read in a summary.
KIND_LABELS = {
    NAMED_PERSON: "named person",
    NAMED_ORGANISATION: "named organisation",
    ANONYMOUS: "anonymous",
    MEDIA: "media",
    DOCUMENT: "document",
    UNATTRIBUTED: "no attribution",
}

# -- findings ----------------------------------------------------------------------------------

#: How transparent each kind of source is: a named source can be checked, a document
#: or outlet can be looked up, an anonymous one cannot, and no attribution at all is
#: the outlet's own assertion.
TRANSPARENCY = {
    NAMED_PERSON: 3,
    NAMED_ORGANISATION: 3,
    DOCUMENT: 2,
    MEDIA: 2,
    ANONYMOUS: 1,
    UNATTRIBUTED: 0,
}
#: Score of a sentence finding by the gap in ``TRANSPARENCY``: named vs unattributed
#: 0.9, named vs anonymous 0.8, anonymous vs unattributed or named vs media 0.6. Two
#: sources equally transparent but different (a person vs an organisation, or two
#: different names) score ``SAME_LEVEL_SCORE``.
GAP_SCORES = {1: 0.6, 2: 0.8, 3: 0.9}
SAME_LEVEL_SCORE = 0.3
#: Per-article rule: outlet A "relies on anonymous sources" more than outlet B when A's
#: share of anonymous sources (anonymous / all, each distinct source counted once and
#: only sources read surely: ``_sources``) exceeds B's by at least
#: ``ANONYMOUS_SHARE_GAP``, A has at least ``MIN_ANONYMOUS`` anonymous sources and both
#: have at least ``MIN_ATTRIBUTED`` sources. Score: the gap.
ANONYMOUS_SHARE_GAP = 0.3
MIN_ANONYMOUS = 2
MIN_ATTRIBUTED = 3
#: Head words of a source whose name is withheld ("two officials", "a source close to
#: the talks", "aides"): what "anonymous sourcing" means in a newsroom. The reader calls
#: other unnamed people anonymous too ("critics", "witnesses", "residents", "the
#: officer"), rightly for a quote's speaker; they are public voices or people in the
#: story, and counting them made every outlet comparison on the dev stories false.
HIDDEN_SOURCE_WORDS = frozenset(
    """
    official officials source sources aide aides spokesman spokeswoman spokesperson
    diplomat diplomats insider insiders person people
    """.split()
)
#: Smallest figure that makes two linked sentences one fact: a count of one to nine
#: ("No. 2", "two months") recurs in any two sentences on a subject.
MIN_FIGURE = 10


# -- profile -------------------------------------------------------------------------------------


def _acts(found: Iterable[Attribution]) -> dict[tuple[int, int], Attribution]:
    """Attribution acts: attributed records by distinct source span (a long quote's
    sentences all share their speaker's mention and count once)."""
    acts: dict[tuple[int, int], Attribution] = {}
    for att in found:
        if att.attributed:
            acts.setdefault((att.start, att.end), att)
    return acts


def sourcing_profile(article: Article, found: Sequence[Attribution]) -> dict:
    """The article's sourcing table (plain JSON data).

    ``sentences``: body sentences; ``counts``: sentences per kind (every kind, zeros
    included); ``named``: named sources (people, organisations, named outlets) grouped by
    ``same_entity``, with their kind and how many sentences cite them; ``anonymous``:
    anonymous source phrases as written (case-folded for grouping), with counts and the
    anonymity phrase if any; ``verbs``: reporting verbs by sentence; ``share_attributed``:
    attributed sentences / body sentences; ``acts``: distinct sources per kind, read
    surely (``_sources``: what the per-article anonymous-share rule counts, and what
    the outlet profiles add up).
    """
    mine = [a for a in found if a.article == article.id]
    counts = Counter(a.kind for a in mine)
    named: list[dict[str, Any]] = []
    for att in mine:
        if att.name is None or att.kind not in NAMED_KINDS:
            continue
        entry = next((n for n in named if n["kind"] == att.kind and _same_name(n["name"], att.name, att.kind)), None)
        if entry is None:
            named.append({"name": att.name, "kind": att.kind, "count": 1})
        else:
            entry["count"] += 1
            if len(att.name) > len(entry["name"]):
                entry["name"] = att.name
    anonymous: dict[str, dict[str, Any]] = {}
    for att in mine:
        if att.kind == ANONYMOUS:
            entry = anonymous.setdefault(att.text.casefold(), {"text": att.text, "count": 0, "anonymity": None})
            entry["count"] += 1
            entry["anonymity"] = entry["anonymity"] or att.anonymity
    verbs = Counter(a.verb for a in mine if a.verb)
    acts = Counter(a.kind for a in _sources(mine))
    total = len(mine)
    return {
        "sentences": total,
        "counts": {kind: counts.get(kind, 0) for kind in KINDS},
        "named": sorted(named, key=lambda n: (-n["count"], n["name"])),
        "anonymous": sorted(anonymous.values(), key=lambda n: (-n["count"], n["text"])),
        "verbs": dict(sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))),
        "share_attributed": round((total - counts.get(UNATTRIBUTED, 0)) / total, 4) if total else 0.0,
        "acts": {kind: acts.get(kind, 0) for kind in KINDS if kind != UNATTRIBUTED},
    }


def _same_name(a: str, b: str, kind: str | None = None) -> bool:
    """Whether two source names name the same source: ``same_entity``, and for people
    ``same_person`` ("Boehner" / "John A. Boehner", "Ben Jealous" / "Benjamin Todd
    Jealous": an article names someone in full once and by surname after, and two
    outlets write one name differently)."""
    return same_entity(a, b) or (kind == NAMED_PERSON and same_person(a, b))


# -- findings ------------------------------------------------------------------------------------


def _differs(x: Attribution, y: Attribution) -> bool:
    """Whether two attributions of the same claim differ: in kind, or (both named) in
    the source named. Two anonymous, two document or two unattributed records of any
    wording do not differ."""
    if x.kind != y.kind:
        return True
    if x.kind in NAMED_KINDS and x.name and y.name:
        return not _same_name(x.name, y.name, x.kind)
    return False


def _words(text: str) -> list[str]:
    return [w.strip(".,;:'’\"“”").casefold() for w in text.split()]


def _read_surely(att: Attribution) -> bool:
    """Whether a source was read surely enough to tell two outlets apart by it: a named
    source with its name (not an unresolved "he" or a stray capitalised word), or an
    anonymous one whose name is withheld by its words (``HIDDEN_SOURCE_WORDS``: "two
    officials", "a source with knowledge of ...") or marked as unnamed on purpose
    ("speaking on condition of anonymity"). The reader calls every other common noun
    anonymous ("the task force", "his allies", "critics"): right for a quote's speaker,
    too loose to say one outlet hides its source."""
    if att.kind in NAMED_KINDS:
        return bool(att.name)
    if att.kind == ANONYMOUS:
        return att.anonymity is not None or any(w in HIDDEN_SOURCE_WORDS for w in _words(att.text))
    return True


def _documentary(att: Attribution) -> bool:
    """Whether a source phrase is a document ("the advertisement", "the Pentagon's statement")."""
    return att.kind == DOCUMENT or any(w in DOCUMENT_WORDS for w in _words(att.text))


def _tells_source(plain: Attribution, named: Attribution, article: Article) -> bool:
    """Whether an unattributed sentence names the other outlet's source itself ("Obama
    called out Boehner" against '"...," Obama said'): it tells what that source did or
    said, in the outlet's own words, so the two are not sourced differently. Also when
    it opens on a personal pronoun ("He tweaked House Republicans ..."), which may be
    that source."""
    if plain.attributed or not named.name:
        return False
    words = canonical_entity(article.text[plain.start : plain.end]).split()
    family = canonical_entity(named.name).split()
    return bool(words) and ((bool(family) and family[-1] in words) or words[0] in ("he", "she", "they"))


def _reportable(x: Attribution, y: Attribution, by_id: dict[str, Article]) -> bool:
    """Whether two differing attributions of one claim make a finding a reader can trust:
    both sources read surely (``_read_surely``); neither outlet tells the other's source
    in its own words (``_tells_source``); and not two different people, each cited for
    what they said ("Richtman called it tragic" / "Rand said AARP remains opposed"): two
    people's statements on one subject are two statements, not one claim sourced two
    ways (one statement given to two speakers is a quote finding's business); and not a
    document against a named source, which may be the one that issued it ("the
    advertisement" / "the ad", read as its campaign's; "the statement" / the lawyer who
    put it out)."""
    if not (_read_surely(x) and _read_surely(y)):
        return False
    if x.kind == y.kind == NAMED_PERSON:
        return False
    if (_documentary(x) and y.kind in NAMED_KINDS) or (_documentary(y) and x.kind in NAMED_KINDS):
        return False
    return not (_tells_source(x, y, by_id[x.article]) or _tells_source(y, x, by_id[y.article]))


def _score(x: Attribution, y: Attribution) -> float:
    gap = abs(TRANSPARENCY[x.kind] - TRANSPARENCY[y.kind])
    return GAP_SCORES.get(gap, SAME_LEVEL_SCORE)


def _described(att: Attribution) -> str:
    if not att.attributed:
        return "states it without attribution"
    label = KIND_LABELS[att.kind]
    if att.name and canonical_entity(att.name) not in canonical_entity(att.text):
        label = f"{label}: {att.name}"
    return f"attributes this to “{att.text}” ({label})"


def _source_details(att: Attribution) -> dict[str, Any]:
    return {
        "kind": att.kind,
        "text": att.text,
        "name": att.name,
        "verb": att.verb,
        "anonymity": att.anonymity,
        "sentence": att.sentence,
    }


def _sentence_evidence(article: Article, index: int) -> dict[str, Any]:
    """The whole sentence as evidence data (the ``sentences`` field of the contract)."""
    sentence = article.sentences[index]
    return Evidence.of(article, sentence.start, sentence.end).to_dict()


def _pair_finding(art_x: Article, art_y: Article, x: Attribution, y: Attribution, link: AlignmentLink) -> Finding:
    """One sentence-level sourcing finding: the same claim, sourced differently."""
    first = _described(x)
    second = _described(y)
    if x.attributed and y.attributed:
        second = "to " + second[len("attributes this to ") :]
    summary = f"{art_x.name} {first}; {art_y.name} {second}."
    details = {
        "scope": "sentence",
        "articles": [art_x.id, art_y.id],
        "sentences": [_sentence_evidence(art_x, x.sentence), _sentence_evidence(art_y, y.sentence)],
        "similarity": round(float(link.similarity), 4),
        "sources": {art_x.id: _source_details(x), art_y.id: _source_details(y)},
    }
    evidence = (Evidence.of(art_x, x.start, x.end), Evidence.of(art_y, y.start, y.end))
    return Finding(SOURCING, summary, _score(x, y), evidence, details)


def _sources(found: Iterable[Attribution]) -> list[Attribution]:
    """The distinct sources of an article's attributions (``_read_surely`` only), first
    mention of each: a named source once however often it is cited or however its name
    is written ("Robert F. Bauer", "Mr. Bauer", "he"), an anonymous one once per
    unnamed-source word ("a source with knowledge of the exchange" and three later "the
    source" are one source). So a long piece quoting one unnamed source four times does
    not "rely" on anonymous sources four times over."""
    kept: list[Attribution] = []
    words: set[str] = set()
    for att in _acts(found).values():
        if not _read_surely(att):
            continue
        if att.kind == ANONYMOUS:
            word = next((w for w in _words(att.text) if w in HIDDEN_SOURCE_WORDS), att.text.casefold())
            if word.rstrip("s") not in words:
                words.add(word.rstrip("s"))
                kept.append(att)
        elif att.kind in NAMED_KINDS:
            if not any(k.kind == att.kind and _same_name(k.name or "", att.name or "", att.kind) for k in kept):
                kept.append(att)
        else:
            kept.append(att)
    return kept


def _anonymous_share(found: Sequence[Attribution]) -> tuple[float, int, int]:
    """(share, anonymous sources, sources) of one article, each source counted once (``_sources``)."""
    sources = _sources(found)
    anonymous = sum(1 for a in sources if a.kind == ANONYMOUS)
    return (anonymous / len(sources) if sources else 0.0), anonymous, len(sources)


def _reliance_finding(
    heavy: Article, light: Article, found: dict[str, list[Attribution]]
) -> Finding | None:
    """The per-article finding: ``heavy`` relies on anonymous sources much more than
    ``light`` (the rule at ``ANONYMOUS_SHARE_GAP``). Evidence: ``heavy``'s anonymous
    source phrases and ``light``'s named ones."""
    share_h, anon_h, total_h = _anonymous_share(found.get(heavy.id, []))
    share_l, anon_l, total_l = _anonymous_share(found.get(light.id, []))
    gap = share_h - share_l
    if gap < ANONYMOUS_SHARE_GAP or anon_h < MIN_ANONYMOUS or min(total_h, total_l) < MIN_ATTRIBUTED:
        return None
    sources_h = _sources(found[heavy.id])
    sources_l = _sources(found[light.id])
    evidence = tuple(Evidence.of(heavy, a.start, a.end) for a in sources_h if a.kind == ANONYMOUS)
    evidence += tuple(Evidence.of(light, a.start, a.end) for a in sources_l if a.kind in NAMED_KINDS)
    summary = (
        f"{heavy.name} relies on anonymous sources for {share_h:.0%} of its sources "
        f"({anon_h} of {total_h}); {light.name} for {share_l:.0%} ({anon_l} of {total_l})."
    )
    details = {
        "scope": "article",
        "articles": [heavy.id, light.id],
        "anonymous_share": {heavy.id: round(share_h, 4), light.id: round(share_l, 4)},
        "attributions": {heavy.id: total_h, light.id: total_l},
    }
    return Finding(SOURCING, summary, round(min(1.0, gap), 4), evidence, details)


_Key = tuple[str, int]


def _partners(links: Sequence[AlignmentLink]) -> dict[tuple[_Key, str], set[int]]:
    """For each (article, sentence) and other article, the sentences it is linked to."""
    out: dict[tuple[_Key, str], set[int]] = {}
    for link in links:
        a, b = (link.a.article, link.a.sentence), (link.b.article, link.b.sentence)
        out.setdefault((a, b[0]), set()).add(b[1])
        out.setdefault((b, a[0]), set()).add(a[1])
    return out


def _sourced_alike_elsewhere(
    x: Attribution,
    y: Attribution,
    index: dict[_Key, Attribution],
    partners: dict[tuple[_Key, str], set[int]],
) -> bool:
    """Whether either sentence is also linked to another sentence of the other article
    that sources the claim the same way. One outlet may split a claim over two
    sentences ("The US launched airstrikes." + "..., officials said.") that both link
    to one sentence of the other outlet; the claim is then sourced alike."""
    for one, other in ((x, y), (y, x)):
        for k in partners.get(((one.article, one.sentence), other.article), ()):
            alt = index.get((other.article, k))
            if k != other.sentence and alt is not None and not _differs(one, alt):
                return True
    return False


def figures_of(facts: Mapping[str, Mapping[int, Sequence[Fact]]]) -> dict[_Key, frozenset[str]]:
    """The normalised number values of each (article, sentence), from its facts, from
    ``MIN_FIGURE`` up: what makes two linked sentences one fact ("47 arrests" in both)."""
    return {
        (aid, index): frozenset(f.value for f in found if f.kind == NUMBER and _figure(f.value) >= MIN_FIGURE)
        for aid, by_sentence in facts.items()
        for index, found in by_sentence.items()
    }


def _figure(value: str) -> float:
    try:
        return abs(float(value))
    except ValueError:
        return 0.0


def sourcing_findings(
    articles: Sequence[Article],
    links: Sequence[AlignmentLink],
    found: dict[str, list[Attribution]],
    same_claim: Sequence[AlignmentLink] | None = None,
    figures: Mapping[_Key, frozenset[str]] | None = None,
) -> list[Finding]:
    """``sourcing`` findings for a set of articles.

    Sentence findings: for each link of ``same_claim`` (default: every link; the
    compare passes the links whose two sentences sit in one claim, as a loosely
    linked sentence may tell something else, sourced its own way) whose two sentences
    carry one figure (``figures``: the normalised number values of each (article,
    sentence), ``figures_of`` the articles' facts, read here when not given; "47
    arrests" in both: the same fact, so a difference in its source is real) and whose
    attributions
    ``_differ`` — in kind (named vs anonymous, attributed vs
    unattributed, ...) or in the named source — one finding, with the two source
    phrases (the sentence, when unattributed) as evidence. Deduplicated: a sentence is
    reported at most once against each other article (through its most similar link,
    so a pair of sentences joined by links both ways gives one finding), and not at
    all when it is also linked to a sentence of the other article sourced alike
    (``_sourced_alike_elsewhere``). Scored by ``TRANSPARENCY`` gap (``GAP_SCORES``;
    ``SAME_LEVEL_SCORE`` for two different sources equally transparent). In text order of
    the first article of each pair.

    Article findings: for each pair of articles, the reliance rule at
    ``ANONYMOUS_SHARE_GAP``.
    """
    by_id = {a.id: a for a in articles}
    order = {a.id: k for k, a in enumerate(articles)}
    index = {(a.article, a.sentence): a for atts in found.values() for a in atts}
    partners = _partners(links)
    if figures is None:
        figures = figures_of({a.id: sentence_facts(a) for a in articles})
    findings: list[Finding] = []
    reported: set[tuple[_Key, str]] = set()  # (article, sentence) already reported against an article
    for link in sorted(links if same_claim is None else same_claim, key=lambda k: -k.similarity):
        key_a, key_b = (link.a.article, link.a.sentence), (link.b.article, link.b.sentence)
        if key_a[0] == key_b[0] or key_a[0] not in by_id or key_b[0] not in by_id:
            continue
        if (key_a, key_b[0]) in reported or (key_b, key_a[0]) in reported:
            continue
        x, y = index.get(key_a), index.get(key_b)
        if x is None or y is None or not _differs(x, y) or _sourced_alike_elsewhere(x, y, index, partners):
            continue
        if not figures.get(key_a, frozenset()) & figures.get(key_b, frozenset()):
            continue
        if not _reportable(x, y, by_id):
            continue
        reported.update({(key_a, key_b[0]), (key_b, key_a[0])})
        if order[x.article] > order[y.article]:
            x, y = y, x
        findings.append(_pair_finding(by_id[x.article], by_id[y.article], x, y, link))
    findings.sort(key=lambda f: [(order[a], f.details["sources"][a]["sentence"]) for a in f.details["articles"]])
    for art_a, art_b in itertools.combinations(articles, 2):
        for heavy, light in ((art_a, art_b), (art_b, art_a)):
            finding = _reliance_finding(heavy, light, found)
            if finding is not None:
                findings.append(finding)
    return findings
