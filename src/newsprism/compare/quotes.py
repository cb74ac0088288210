"""Quoted statements: one finding per statement, every outlet's version against the fullest.

    findings = quote_findings(articles, quotes, claims)

A *statement* is what one speaker said, as the outlets quote it: the quotes of all
articles joined wherever two of their quoted sentences render the same words
(``match_sentences``), never joining two different named speakers. For each statement
quoted by two or more outlets, the fullest version (most quoted words) is the
reference and every other version is diffed against it word by word:

* ``altered``: words differ (the changes, with spans in both articles);
* ``truncated``: the version is the reference cut short at an edge of a sentence;
* ``partial``: the version leaves out whole quoted sentences of the reference;
  a version may also quote sentences of the statement that the reference does not
  (``adds``: two excerpts of one statement, each with what the other leaves out),
  and its summary then says so;
* ``same``: worded the same (after normalising case, marks, ``U.S.``/``US``, ...).

A statement gives a finding only when some version departs from the reference; its
``change`` is the strongest departure (altered > truncated > partial). Outlets that
quote none of it are listed once (``not_quoting``), not repeated per pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz, utils

from newsprism.analysis.quotes import (
    MIN_SENTENCE_TOKENS,
    MIN_SHARED_RUN_WORDS,
    VERBATIM_SIMILARITY,
    Quote,
    QuoteChange,
    QuotedSentence,
    SentenceMatching,
    extract_quotes,
    inside,
    is_cut,
    is_statement,
    match_sentences,
    name_key,
    outermost,
    quoted_sentences,
    same_speaker,
    shared_run,
    voice_quotes,
    word_change,
    word_diff,
)
from newsprism.disjoint import DisjointSets
from newsprism.model import QUOTE_CHANGE, Article, Claim, Evidence, Finding

__all__ = ["quote_findings", "statements"]

#: How a version departs from the reference, strongest first.
SEVERITY = ("altered", "truncated", "partial", "same")
#: How many changes a summary lists per version before "and N more".
SUMMARY_CHANGES = 4
#: Longest left-out sentence quoted whole in a summary.
SNIPPET = 90

#: A quote of one article: (article id, index in that article's quotes).
_Ref = tuple[str, int]


def statements(
    articles: Sequence[Article], quotes: dict[str, list[Quote]], fragments: dict[str, int] | None = None
) -> list[dict[str, list[int]]]:
    """The quoted statements carried by two or more articles: per article id (in article
    order), the indexes of its quotes that render the statement.

    The last ``fragments[article]`` quotes of an article's list are fragments (a word or
    two in marks, "optimistic"): they join a statement only by standing unbroken inside
    a quoted sentence of another article (``_fragment_home``), never by likeness."""
    order = {a.id: i for i, a in enumerate(articles)}
    cut = {a.id: len(quotes[a.id]) - (fragments or {}).get(a.id, 0) for a in articles}
    whole = {a: qs[: cut[a]] for a, qs in quotes.items()}
    groups = _Groups(quotes)
    for a, b in combinations(articles, 2):
        matching = match_sentences(whole[a.id], whole[b.id])
        for i, j, _ in matching.matches:
            groups.join((a.id, matching.a[i].quote), (b.id, matching.b[j].quote))
    units = {a.id: quoted_sentences(whole[a.id]) for a in articles}
    for a in articles:
        for index in range(cut[a.id], len(quotes[a.id])):
            home = _fragment_home(a.id, quotes[a.id][index], units, groups)
            if home is not None:
                groups.join(home, (a.id, index))
    out = []
    for members in groups.members():
        per_article: dict[str, list[int]] = {}
        for article, index in sorted(members, key=lambda r: (order[r[0]], r[1])):
            per_article.setdefault(article, []).append(index)
        if len(per_article) >= 2:
            out.append(per_article)
    return sorted(out, key=lambda s: min((order[a], quotes[a][i[0]].start) for a, i in s.items()))


#: Fewest words of a fragment looked for inside other quotes: one word ("important")
#: recurs in unrelated statements of one story; two ("nothing improper") rarely do.
FRAGMENT_MIN_WORDS = 2


def _fragment_home(article: str, fragment: Quote, units: dict[str, list[QuotedSentence]], groups: _Groups) -> tuple[str, int] | None:
    """The one quote of another article whose quoted sentence holds the fragment's words
    unbroken, when they all belong to one statement (else None: ambiguous or nowhere)."""
    piece = _fragment_sentence(fragment)
    if len(piece.tokens) < FRAGMENT_MIN_WORDS:
        return None
    homes = [
        (other, unit.quote)
        for other, found in units.items() if other != article
        for unit in found
        if len(unit.tokens) >= len(piece.tokens) and inside(unit, piece, 1)
        and same_speaker(fragment.speaker, groups.quotes[other][unit.quote].speaker)
    ]  # fmt: skip
    roots = {groups.find(h) for h in homes}
    if len(roots) != 1:
        return None
    (root,) = roots
    if any(groups.find(m) == root and m[0] == article for m in list(groups.sets)):
        return None  # the article quotes the statement in full already
    return homes[0]


def _fragment_sentence(fragment: Quote) -> QuotedSentence:
    """A fragment's words as one quoted sentence (fragments are one piece)."""
    units = quoted_sentences([fragment])
    return units[0] if units else QuotedSentence(0, fragment.start, fragment.end, ())


class _Groups:
    """Disjoint sets of quotes that keep named speakers apart."""

    def __init__(self, quotes: dict[str, list[Quote]]) -> None:
        self.quotes = quotes
        self.sets: DisjointSets[_Ref] = DisjointSets()
        self.speakers: dict[_Ref, set[str]] = {}

    def find(self, ref: _Ref) -> _Ref:
        if self.sets.add(ref):
            speaker = self.quotes[ref[0]][ref[1]].speaker
            self.speakers[ref] = {speaker} if speaker else set()
        return self.sets.find(ref)

    def join(self, x: _Ref, y: _Ref) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return
        if not all(same_speaker(s, t) for s in self.speakers[rx] for t in self.speakers[ry]):
            return
        keep, gone = self.sets.union(rx, ry)  # type: ignore[misc]
        self.speakers[keep] |= self.speakers.pop(gone)

    def members(self) -> list[list[_Ref]]:
        return self.sets.groups()


@dataclass(frozen=True, slots=True)
class _Version:
    """One outlet's rendering of a statement, compared with the reference."""

    article: Article
    quotes: tuple[Quote, ...]
    change: str
    changes: tuple[QuoteChange, ...] = ()
    left_out: tuple[tuple[int, int], ...] = ()  # spans in the reference article
    touched: int = 0
    total: int = 0
    #: The lowest similarity of its quoted sentences matched to the reference's.
    similarity: float = 1.0
    #: Whether every matched sentence is word for word one text with its counterpart
    #: (``_verbatim``: a cut quote, or an excerpt sharing a long unbroken run).
    verbatim: bool = False
    #: Its quoted sentences the reference does not quote (spans in its own article): an
    #: excerpt that is cut short here may quote more there.
    adds: tuple[tuple[int, int], ...] = ()


def quote_findings(
    articles: Sequence[Article],
    quotes: dict[str, list[Quote]] | None = None,
    claims: Sequence[Claim] = (),
    voiced: dict[str, list[Quote]] | None = None,
) -> list[Finding]:
    """One ``quote_change`` finding per quoted statement whose versions differ.

    ``quotes`` (per article id) saves extracting them again when the caller has them,
    ``voiced`` likewise for every quoted piece (``voice_quotes``: its fragments of a
    word or two join the statement they are cut from); ``claims`` lets each finding
    name the claims its quoted words sit in. Nested quotes are left out: their words
    are their outer quote's statement (``outermost``).
    """
    quotes = quotes if quotes is not None else {a.id: extract_quotes(a) for a in articles}
    voiced = voiced if voiced is not None else {a.id: voice_quotes(a) for a in articles}
    short = {a.id: [q for q in outermost(voiced[a.id]) if not is_statement(q)] for a in articles}
    every = {a.id: outermost(quotes[a.id]) + short[a.id] for a in articles}
    by_id = {a.id: a for a in articles}
    where = {(s.article, s.sentence): c.id for c in claims for s in c.carried_by}
    findings = []
    for statement in statements(articles, every, {a: len(f) for a, f in short.items()}):
        chosen = {a: tuple(every[a][i] for i in idx) for a, idx in statement.items()}
        finding = _statement_finding(articles, by_id, chosen, where)
        if finding is not None:
            findings.append(finding)
    return findings


def _size(quotes: Sequence[Quote]) -> int:
    return sum(len(u.tokens) for u in quoted_sentences(quotes))


def _statement_finding(
    articles: Sequence[Article],
    by_id: dict[str, Article],
    chosen: dict[str, tuple[Quote, ...]],
    where: dict[tuple[str, int], str],
) -> Finding | None:
    order = [a.id for a in articles if a.id in chosen]
    ref_id = max(order, key=lambda a: (_size(chosen[a]), -order.index(a)))
    reference = by_id[ref_id]
    versions = [_Version(reference, chosen[ref_id], "reference")]
    versions += [_compare(reference, chosen[ref_id], by_id[a], chosen[a]) for a in order if a != ref_id]
    departures = [v for v in versions[1:] if v.change != "same"]
    if not departures:
        return None
    change = min((v.change for v in departures), key=SEVERITY.index)
    speaker = _speaker([q for qs in chosen.values() for q in qs])
    reasons = _reasons(versions, speaker)
    if reasons is None:
        return None
    not_quoting = [a for a in articles if a.id not in chosen]
    claim_ids = _claims_of(by_id, chosen, where)
    total = sum(v.total for v in departures)
    score = sum(v.touched for v in departures) / total if total else 0.0
    details: dict[str, Any] = {
        "speaker": speaker,
        "change": change,
        "reasons": reasons,
        "reference": ref_id,
        "versions": [_version_dict(reference, v) for v in versions],
        "not_quoting": [a.id for a in not_quoting],
        "claims": claim_ids,
        "articles": [v.article.id for v in versions],
        "changes": [dict(c.to_dict(), article=v.article.id) for v in versions[1:] for c in v.changes],
    }
    evidence = tuple(Evidence.of(v.article, q.start, q.end) for v in versions for q in v.quotes)
    return Finding(
        QUOTE_CHANGE,
        _summary(speaker, reference, departures, not_quoting),
        round(min(1.0, score), 4),
        evidence,
        details,
        claim=claim_ids[0] if len(claim_ids) == 1 else None,
    )


def _compare(reference: Article, ref_quotes: tuple[Quote, ...], article: Article, quotes: tuple[Quote, ...]) -> _Version:
    """One version against the reference: its word changes and the reference's quoted
    sentences it leaves out."""
    matching = match_sentences(ref_quotes, quotes)
    changes: list[QuoteChange] = []
    cut_only = True
    touched = 0
    total = 0
    pairs = list(matching.matches) + _fragment_matches(matching)
    similarity = min((sim for _, _, sim in pairs), default=0.0)
    for i, j, _ in pairs:
        u, v = matching.a[i], matching.b[j]
        diffs = word_diff(u.tokens, v.tokens)
        total += len(u.tokens) + len(v.tokens)
        if diffs:
            cut_only = cut_only and is_cut(diffs, len(u.tokens), len(v.tokens))
            changes += [word_change(reference.text, u.tokens, article.text, v.tokens, d) for d in diffs]
            touched += sum((d.a[1] - d.a[0]) + (d.b[1] - d.b[0]) for d in diffs)
    matched = {i for i, _, _ in pairs} | matching.near_a
    left_out = [u for k, u in enumerate(matching.a) if k not in matched and len(u.tokens) >= MIN_SENTENCE_TOKENS]
    total += sum(len(u.tokens) for u in left_out)
    touched += sum(len(u.tokens) for u in left_out)
    if changes:
        kind = "truncated" if cut_only else "altered"
    else:
        kind = "partial" if left_out else "same"
    left = tuple((u.start, u.end) for u in left_out)
    verbatim = bool(pairs) and all(_verbatim(matching.a[i], matching.b[j]) for i, j, _ in pairs)
    own = {j for _, j, _ in pairs} | matching.near_b
    said = {t.norm for u in matching.a for t in u.tokens}
    adds = tuple(
        (v.start, v.end) for k, v in enumerate(matching.b)
        if k not in own and len(v.tokens) >= MIN_SENTENCE_TOKENS and _new_words(v, said)
        and not _written_in(article.text[v.start : v.end], reference.text)
    )  # fmt: skip
    return _Version(article, quotes, kind, tuple(changes), left, touched, total, round(similarity, 4), verbatim, adds)


#: A version's unmatched quoted sentence is an addition only when at most this share of its
#: words are words of the reference's quotes: one the matching left unpaired but made of
#: the reference's words ("a 2 in 3 chance" / "a two-in-three chance", a piece of a longer
#: sentence) is the same words, not more of the statement.
ADDED_SHARE = 0.5


def _new_words(sentence: QuotedSentence, said: set[str]) -> bool:
    """Whether a quoted sentence is mostly words the reference's quotes do not hold."""
    words = {t.norm for t in sentence.tokens}
    return len(words & said) <= ADDED_SHARE * len(words)


#: A version's sentence the reference article holds nearly word for word (rapidfuzz
#: ``partial_ratio`` at least this) is not one "the reference does not quote", even when
#: the reference quotes it apart from the statement.
WRITTEN_IN_RATIO = 85


def _written_in(sentence: str, text: str) -> bool:
    """Whether ``text`` holds ``sentence`` nearly word for word (case and marks aside)."""
    return fuzz.partial_ratio(sentence, text, processor=utils.default_process) >= WRITTEN_IN_RATIO


def _verbatim(a: QuotedSentence, b: QuotedSentence) -> bool:
    """Whether two matched quoted sentences are word for word one text: the shorter
    stands unbroken inside the other (``TRUSTED_CUT_WORDS`` content words or more), or
    the two share an unbroken run of ``MIN_SHARED_RUN_WORDS`` content words (excerpts
    of one text, each with its own cuts)."""
    return inside(a, b, TRUSTED_CUT_WORDS) or shared_run(a, b) >= MIN_SHARED_RUN_WORDS


def _fragment_matches(matching: SentenceMatching) -> list[tuple[int, int, float]]:
    """Short quoted pieces of the version (under ``MIN_SENTENCE_TOKENS`` words, too short
    to be matched by likeness) paired with the reference sentence they stand inside."""
    taken = {j for _, j, _ in matching.matches}
    pairs = []
    for j, piece in enumerate(matching.b):
        if j in taken or len(piece.tokens) >= MIN_SENTENCE_TOKENS:
            continue
        home = next((i for i, unit in enumerate(matching.a) if inside(unit, piece, 1)), None)
        if home is not None:
            pairs.append((home, j, VERBATIM_SIMILARITY))
    return pairs


#: Fewest content words of an unnamed cut quote, matched and found unbroken inside the
#: fuller version, for the two to be trusted as one statement however short the cut.
TRUSTED_CUT_WORDS = 3

#: With no speaker named in any version, the quoted sentences must match at least this
#: well for the versions to be trusted as one statement (renderings of one sentence
#: score 0.86-1.0; see ``MATCH_THRESHOLD``).
UNNAMED_MIN_SIMILARITY = 0.85


def _reasons(versions: Sequence[_Version], speaker: str | None) -> list[str] | None:
    """Why the versions are one statement, for the reader; ``None`` when they cannot be
    trusted to be (no speaker named anywhere and only a loose match)."""
    named = sum(1 for v in versions if _speaker(v.quotes))
    weakest = min(v.similarity for v in versions[1:])
    loose = [v for v in versions[1:] if v.similarity < UNNAMED_MIN_SIMILARITY]
    if speaker is None and not all(v.verbatim for v in loose):
        return None
    reasons = [f"quoted sentences matched word for word at {weakest:.2f} or better"]
    if loose and all(v.verbatim for v in loose):
        reasons.append(
            f"the shorter versions' words ({TRUSTED_CUT_WORDS} or more content words) appear unbroken inside the fuller one,"
            f" or share an unbroken run of {MIN_SHARED_RUN_WORDS} or more content words with it"
        )
    if speaker:
        reasons.insert(0, f"{speaker} is named as the speaker in {named} of {len(versions)} versions")
    else:
        reasons.insert(0, "no version names the speaker: matched on the words alone")
    return reasons


def _speaker(quotes: Sequence[Quote]) -> str | None:
    """The fullest of the speakers' names (any may be unknown)."""
    named = [q.speaker for q in quotes if q.speaker]
    return max(named, key=lambda n: (len(name_key(n)), n)) if named else None


def _claims_of(
    by_id: dict[str, Article], chosen: dict[str, tuple[Quote, ...]], where: dict[tuple[str, int], str]
) -> list[str]:
    """The claims whose sentences hold the statement's quoted words, in order met."""
    found: list[str] = []
    for article_id, quotes in chosen.items():
        for s in by_id[article_id].body_sentences:
            if any(q.start < s.end and s.start < q.end for q in quotes):
                claim = where.get((article_id, s.index))
                if claim and claim not in found:
                    found.append(claim)
    return found


def _version_dict(reference: Article, version: _Version) -> dict[str, Any]:
    """One version in the contract: its span (first to last quoted word, exact), each
    quote of it, and how it departs from the reference."""
    article = version.article
    start, end = min(q.start for q in version.quotes), max(q.end for q in version.quotes)
    return {
        "article": article.id,
        "start": start,
        "end": end,
        "text": article.text[start:end],
        "quotes": [{"start": q.start, "end": q.end, "text": article.text[q.start : q.end]} for q in version.quotes],
        "speaker": _speaker(version.quotes),
        "change": version.change,
        "changes": [c.to_dict() for c in version.changes],
        "left_out": [{"start": s, "end": e, "text": reference.text[s:e]} for s, e in version.left_out],
        "adds": [{"start": s, "end": e, "text": article.text[s:e]} for s, e in version.adds],
    }


def _snippet(text: str) -> str:
    return "“" + (text if len(text) <= SNIPPET else text[: SNIPPET - 1].rstrip() + "…") + "”"


def _shown(changes: Sequence[QuoteChange]) -> str:
    listed = [f"“{c.a}” vs “{c.b}”" for c in changes[:SUMMARY_CHANGES]]
    more = len(changes) - SUMMARY_CHANGES
    return ", ".join(listed) + (f" and {more} more" if more > 0 else "")


def _departure(reference: Article, version: _Version) -> str:
    name = version.article.name
    left = ""
    if version.left_out:
        s, e = version.left_out[0]
        more = len(version.left_out) - 1
        left = f"leaves out {_snippet(reference.text[s:e])}" + (f" and {more} more sentence(s)" if more > 0 else "")
    if version.change == "altered":
        text = f"worded differently in {name}: {_shown(version.changes)}" + (f"; {name} also {left}" if left else "")
    elif version.change == "truncated":
        cut = "; ".join(f"“{c.a or c.b}”" for c in version.changes)
        text = f"cut short in {name}, which leaves out {cut}" + (f" and {left[len('leaves out '):]}" if left else "")
    else:
        text = f"quoted only in part by {name}, which {left}"
    return text + _added(reference, version)


def _added(reference: Article, version: _Version) -> str:
    """What the version quotes that the reference does not, said after its departure
    (so an excerpt cut short on one side is not read as a plain cut of the other)."""
    if not version.adds:
        return ""
    s, e = version.adds[0]
    more = len(version.adds) - 1
    extra = f" and {more} more sentence(s)" if more > 0 else ""
    return f", but quotes {_snippet(version.article.text[s:e])}{extra}, which {reference.name} does not"


def _summary(speaker: str | None, reference: Article, departures: Sequence[_Version], not_quoting: Sequence[Article]) -> str:
    whose = f"{speaker}’s statement" if speaker else "A quoted statement"
    text = f"{whose} (fullest in {reference.name}) is " + "; ".join(_departure(reference, v) for v in departures) + "."
    if not_quoting:
        text += " Not quoted by " + ", ".join(a.name for a in not_quoting) + "."
    return text
