"""Direct quotes: who is quoted, and which quoted words of two outlets render the same statement.

Pure functions over one article (extraction) or two sides (matching, diff):

``extract_quotes(article)``
    Finds direct quotes in the body paragraphs with a small state machine over the
    quote marks (straight, curly, guillemets, curly singles, ``''``), and takes each
    quote's speaker from ``speakers.Reader``: the subject of the reporting verb that
    governs the quoted words or stands next to them on the dependency parse ("..., X
    said", "X said: “...", "he said", "according to X"), resolved to a full name.

``match_quotes(a, b)``
    Pairs quotes of two articles that render the same statement. Matching works on
    *quoted sentences*: a long quote in one outlet may be cut into several shorter
    quotes in another, so every quote is split into sentences and sentences are paired
    one-to-one by token similarity; two quotes match when at least one of their
    sentences does.

``match_sentences(a, b)`` / ``word_diff(x, y)``
    The quoted sentences of two sides paired one-to-one, and the word-level diff of a
    pair (moves grouped, cuts at the edges told apart). ``newsprism.compare.quotes``
    builds one finding per quoted statement across all outlets from these.

Every span is an offset pair into ``Article.text``: quotes, speaker mentions, the
differing words. Comparison happens on normalised tokens (case, quote marks,
punctuation, ``U.S.``/``US``, hyphens and thousands separators folded away), but what
is reported is always the original text sliced at the original offsets.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from newsprism.analysis._wordlists import read_sections
from newsprism.analysis.names import same_person
from newsprism.analysis.speakers import (
    joint_members,
    ABBREVIATIONS,
    PERSON_TITLES,
    Reader,
    Source,
    ends_sentence,
    has_quote_mark,
    last_word,
    reader,
    reporting_verbs,
)
from newsprism.ingest import trim_span
from newsprism.model import BODY, BULLET, CAPTION, SUBHEAD, Article, Paragraph, Sentence

__all__ = [
    "Quote",
    "QuoteChange",
    "extract_quotes",
    "outermost",
    "voice_quotes",
    "is_scare",
    "is_statement",
    "VERBATIM_SIMILARITY",
    "reported_speech",
    "VOICE_KINDS",
    "match_quotes",
    "match_sentences",
    "SentenceMatching",
    "QuotedSentence",
    "word_diff",
    "word_change",
    "is_cut",
    "same_speaker",
    "inside",
    "name_key",
    "MATCH_THRESHOLD",
    "MIN_QUOTE_WORDS",
    "MIN_SHARED_RUN_WORDS",
    "shared_run",
]

#: A difflib opcode without its tag: (i1, i2, j1, j2).
_Op = tuple[int, int, int, int]

# -- thresholds ------------------------------------------------------------------------

#: Quoted strings with fewer words are terms or scare quotes (“noncritical facilities”,
#: the “Squad”), not statements, and are not returned as quotes.
MIN_QUOTE_WORDS = 3

#: Two quoted sentences render the same statement when their similarity (see
#: ``_similarity``) reaches this. Chosen on the bundled example and the test pairs:
#: renderings of one sentence score 0.86-1.0 (lowest: “...protects the schools ... of
#: this city” vs “...shields the schools ... of our city” 0.86, and in the example
#: “take necessary action” vs “take whatever action is necessary” 0.88); different
#: sentences, even of one speaker and sharing an opening ("We will win this war..." vs
#: "We will rebuild every house..."), score at most 0.51. 0.70 sits in that gap: a
#: rendering may change about a third of its characters and still match.
MATCH_THRESHOLD = 0.70
#: When one side names a speaker and the other does not, nothing says the two are one
#: person's words (the unnamed side would take the named one's speaker):
#: two speakers condemning one attack in stock phrases ("a flagrant violation of all
#: international laws and norms" / "a gross violation of all international rules and
#: regulations", 0.77) read as one statement at 0.70. Such a pair must be a closer
#: rendering: the renderings above (0.86, 0.88) still pass.
UNATTRIBUTED_MATCH_THRESHOLD = 0.85

#: A quoted sentence needs this many tokens to take part in matching: shorter
#: fragments ("We will.") are too generic to identify a statement.
MIN_SENTENCE_TOKENS = 3
#: Fewest content words a cut quote must share, unbroken, with a fuller one to count as
#: cut from it whatever their lengths (stock phrases of three, "denuclearization of the
#: Korean peninsula", recur in unrelated statements), and the similarity it then gets
#: (over ``MATCH_THRESHOLD``).
MIN_VERBATIM_WORDS = 4
VERBATIM_SIMILARITY = 0.8
#: Fewest content words of a run two quoted sentences share unbroken, neither inside the
#: other, for them to render one statement: an excerpt with its own cuts ("promises any
#: employment, position, compensation...appointment...") against a fuller rendering.
#: Six content words in a row do not recur by chance within one story's quotes.
MIN_SHARED_RUN_WORDS = 6

#: Two changes separated by at most this many equal words are reported as one when
#: they share a content word, i.e. when a word moved ("Biden’s direction" vs
#: "direction of President Biden").
MAX_MOVE_GAP = 4

#: ``token_set_ratio`` (0-100) a sentence pair needs before the containment test of
#: ``_similarity`` is tried: a sentence nearly contained in another shares almost all
#: its words with it. A cheap prefilter only; it decides no match by itself.
_CUT_PREFILTER = 80

#: Per quoted sentence, how many of its most similar counterparts get the exact
#: similarity check (see ``_prefiltered``).
_TOP_CANDIDATES = 5

# -- quote marks ---------------------------------------------------------------------------

_DOUBLE = "double"
_SINGLE = "single"
_OPEN, _CLOSE, _EITHER = "open", "close", "either"

#: Mark characters by family; straight double quotes are decided by context.
_DOUBLE_OPENERS = "“„‟«"
_DOUBLE_CLOSERS = "”»"
_STRAIGHT = '"＂'
_SINGLE_OPENERS = "‘‹"
_SINGLE_CLOSERS = "’›"
_ALL_MARKS = set(_DOUBLE_OPENERS + _DOUBLE_CLOSERS + _STRAIGHT + _SINGLE_OPENERS + _SINGLE_CLOSERS)
#: Two ASCII apostrophes written for a straight double mark (''...'', as in some news
#: archives); a single one is an apostrophe, never a mark.
_APOSTROPHES = "''"
#: Characters that may stand before an opening mark / after a closing mark.
_BEFORE_OPEN = set("([{—–-/")
_AFTER_CLOSE = set(".,;:!?)]}—–-…")
#: Trimmed off the end of quoted words: the comma (or colon, dash) an attribution put
#: in place of the speaker's full stop, and stray marks.
_TRAILING = set(",;:–—-") | _ALL_MARKS

# -- words ------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # dotted abbreviations: U.S., U.K., a.m.
    r"|\d+(?:[.,:]\d+)*"  # numbers: 2,500  3.5  10:30
    r"|['’]s\b"  # possessive clitic, its own token so "Biden’s" ~ "Biden"
    r"|[^\W_]+(?:(?:[-‐‑]|['’](?!s\b))[^\W_]+)*"  # words, hyphenated or with inner apostrophes
)
_STOPWORDS = {
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "by", "with",
    "from", "that", "this", "is", "are", "was", "were", "be", "it", "its", "as", "'s", "we",
    "i", "our", "their", "they", "he", "she", "will", "not",
}  # fmt: skip
#: The words after a closing mark searched for an attribution when joining a quote
#: interrupted by one ('"A," Defense Secretary Lloyd Austin said, "B."'): a reporting
#: verb must come within this many words.
ATTRIBUTION_WORDS = 8
#: An attribution inside one sentence that interrupts a quote may be longer (a title
#: or an apposition: '“The risk,” said Edward Leamer, an economist who directs the UCLA
#: Anderson Forecast, “is that ...”'); up to this many words.
MAX_INTERRUPTION_WORDS = 30


# -- public records -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote of one article: the quoted words and who said them.

    ``start``/``end`` cover the quoted words inside the marks (for a quote over several
    paragraphs or interrupted by "he said", from the first word to the last);
    ``parts`` are the quoted pieces themselves, one per paragraph or segment.
    ``speaker`` is the canonical name (titles dropped, a surname or pronoun resolved to
    the person's full name; None for an unnamed source or none found);
    ``speaker_kind`` the kind of source (``named_person``, ``named_organisation``,
    ``anonymous``, ``media``, ``document``; None when no attribution was found);
    ``speaker_span`` is the mention the name was taken from (for "he said" or "the
    president said", the earlier mention it resolves to; for an unnamed source, its
    phrase). ``nested_in`` is, for a quote nested in another ('“... Kennedy called it
    ‘a national disgrace’ ...”'), the (start, end) of that quote; None for a quote of
    the outlet's own text. ``cue_span`` covers the attribution the speaker was read
    from, source phrase and verb ("Austin said", "he told reporters", "according to the
    Pentagon", "Trump:"): for a quote that goes on from the one before, that quote's
    attribution; None when no attribution was found. It says why the quote is given to
    its speaker.
    """

    article: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_kind: str | None
    speaker_span: tuple[int, int] | None
    parts: tuple[tuple[int, int], ...]
    nested_in: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "parts": [list(p) for p in self.parts],
            "nested_in": list(self.nested_in) if self.nested_in else None,
        }


@dataclass(frozen=True, slots=True)
class QuoteChange:
    """Words that differ between two renderings of a quote, with their spans."""

    a: str
    b: str
    a_span: tuple[int, int] | None
    b_span: tuple[int, int] | None

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "a_span": list(self.a_span) if self.a_span else None,
            "b_span": list(self.b_span) if self.b_span else None,
        }


# -- extraction: marks and pieces -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mark:
    """One quote mark (a run of the same character counts once: ``""`` is one mark)."""

    start: int
    end: int
    family: str
    role: str


@dataclass(slots=True)
class _Group:
    """Quoted pieces that form one quote, before trimming and speakers.

    ``pieces`` are (start, end) inside the marks; ``opens`` is where the first opening
    mark starts and ``closes`` where the last closing mark ends (None when unclosed);
    ``family`` is the opening mark's (double or single).
    """

    pieces: list[tuple[int, int]]
    paragraphs: list[int]
    opens: int
    closes: int | None
    family: str


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    """The quote marks of ``text[start:end]``, each classified as opening or closing."""
    marks: list[_Mark] = []
    i = start
    while i < end:
        ch = text[i]
        if ch not in _ALL_MARKS and ch != "'":
            i += 1
            continue
        j = i + 1
        while j < end and text[j] == ch:
            j += 1
        if ch == "'" and j - i != len(_APOSTROPHES):
            mark = _straight_single(text, i, start, end) if j - i == 1 else None
            if mark is not None:
                marks.append(mark)
            i = j
            continue
        mark = _classify(text, i, j, start, end)
        if mark is not None:
            marks.append(mark)
        i = j
    return marks


def _straight_single(text: str, i: int, start: int, end: int) -> _Mark | None:
    """A straight single mark as a quote mark ('witch hunt', the headline style), or None
    for an apostrophe: it opens when nothing word-like precedes it and a letter follows,
    and closes when a word or a full stop precedes it and nothing word-like follows.
    Inside a word (don't) it is neither; a lone closing one (the senators' votes) closes
    nothing, as no mark of its family is open."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if _may_open(before, after):
        return _Mark(i, i + 1, _SINGLE, _OPEN)
    if _may_close(before, after):
        return _Mark(i, i + 1, _SINGLE, _CLOSE)
    return None


def _may_open(before: str, after: str) -> bool:
    """Whether a mark between these characters can open a quote: nothing word-like
    before it (a space or an opening bracket or dash), a letter or digit after it."""
    return (before.isspace() or before in _BEFORE_OPEN) and after.isalnum()


def _may_close(before: str, after: str) -> bool:
    """Whether a mark between these characters can close a quote: a word or a sentence's
    punctuation before it, nothing word-like after it."""
    return (before.isalnum() or before in ".!?,") and (after.isspace() or after in _AFTER_CLOSE or after in _ALL_MARKS)


def _classify(text: str, i: int, j: int, start: int, end: int) -> _Mark | None:
    """Opening, closing or either, from the mark itself and the characters around it.

    A mark is *left-flanking* when nothing word-like precedes it (start, space, an
    opening bracket) and *right-flanking* when nothing word-like follows it. Curly
    marks keep their direction unless the flanking clearly says otherwise, which
    tolerates “...“ and ”...” typos.
    """
    before = text[i - 1] if i > start else None
    after = text[j] if j < end else None
    left = before is None or before.isspace() or before in _BEFORE_OPEN or before in _ALL_MARKS
    right = after is None or after.isspace() or after in _AFTER_CLOSE or after in _ALL_MARKS
    ch = text[i]
    if ch in _STRAIGHT or ch == "'":
        role = _OPEN if left and not right else _CLOSE if right and not left else _EITHER
        return _Mark(i, j, _DOUBLE, role)
    if ch in _DOUBLE_OPENERS:
        return _Mark(i, j, _DOUBLE, _EITHER if right and not left else _OPEN)
    if ch in _DOUBLE_CLOSERS:
        return _Mark(i, j, _DOUBLE, _EITHER if left and not right else _CLOSE)
    if ch in _SINGLE_OPENERS:
        return _Mark(i, j, _SINGLE, _OPEN) if left and not right else None
    # ’ inside a word is an apostrophe (Biden’s, don’t): only a word-final one may close.
    return _Mark(i, j, _SINGLE, _CLOSE) if right and not left else None


def _body_paragraphs(article: Article, kinds: Collection[str] = (BODY,)) -> list[tuple[int, int, int]]:
    """(index, start, end) of the paragraphs of these kinds (the body), in order."""
    return [(p.index, p.start, p.end) for p in article.paragraphs if p.kind in kinds]


def _opens_with_mark(text: str, start: int, end: int) -> _Mark | None:
    """The opening mark a paragraph starts with, if any (a multi-paragraph quote goes on)."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    marks = _marks(text, i, min(end, i + 4)) if i < end and (text[i] in _ALL_MARKS or text[i] == "'") else []
    first = marks[0] if marks else None
    if first is not None and first.start == i and first.role in (_OPEN, _EITHER):
        return first
    return None


def _groups(article: Article, kinds: Collection[str] = (BODY,)) -> list[_Group]:
    """Quoted pieces of the body paragraphs (or those of ``kinds``), grouped into quotes.

    A state machine over the marks of each paragraph (``_scan``). A quote still open at
    the end of a paragraph continues into the next body paragraph when that paragraph
    opens with a mark (the multi-paragraph convention); if the chain never closes, each
    paragraph's piece stands alone, so a lost mark never swallows the article. An
    unclosed quote is only believed where quotes legitimately open (``_plausible_open``)
    or where it runs on into the next paragraph (``_runs_on``).
    """
    text = article.text
    paragraphs = _body_paragraphs(article, kinds)
    groups: list[_Group] = []
    chain: _Group | None = None  # a quote carried over from the previous paragraph
    for n, (index, start, end) in enumerate(paragraphs):
        marks = _marks(text, start, end)
        open_mark: _Mark | None = None
        if chain is not None and marks and marks[0].start == _first_char(text, start, end):
            open_mark, marks = marks[0], marks[1:]
        elif chain is not None:
            groups += _split_chain(text, chain)
            chain = None
        closed, open_mark, current = _scan(marks, index, open_mark, chain)
        groups += closed
        chain = None
        if open_mark is None:
            continue
        following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        goes_on = following is not None and _opens_with_mark(text, following[1], following[2])
        continued = bool(goes_on) and goes_on.family == open_mark.family
        if current is None:
            if not (_plausible_open(text, start, open_mark.start) or continued and _runs_on(text, open_mark.end, end)):
                continue  # a stray mark mid-sentence opens nothing
            current = _Group([], [], open_mark.start, None, open_mark.family)
        current.pieces.append((open_mark.end, end))
        current.paragraphs.append(index)
        if continued:
            chain = current
        else:
            groups += _split_chain(text, current)
    if chain is not None:
        groups += _split_chain(text, chain)
    return sorted(groups, key=lambda g: g.pieces[0][0])


def _scan(
    marks: Sequence[_Mark], index: int, open_mark: _Mark | None, current: _Group | None
) -> tuple[list[_Group], _Mark | None, _Group | None]:
    """Pair the marks of one paragraph: the closed quotes, and the mark (and group, if
    continued from an earlier paragraph) still open at its end.

    An opening mark starts a piece and a closing mark of the same family ends it;
    marks of the other family inside a quote are quoted words; a stray closing mark is
    ignored, and an opening mark while a quote is open replaces the earlier, unclosed
    one (which is dropped).
    """
    closed: list[_Group] = []
    for mark in marks:
        if open_mark is None:
            if mark.role != _CLOSE:
                open_mark, current = mark, None
            continue
        if mark.family != open_mark.family:
            continue
        if mark.role == _OPEN:
            open_mark, current = mark, None
            continue
        group = current or _Group([], [], open_mark.start, None, open_mark.family)
        group.pieces.append((open_mark.end, mark.start))
        group.paragraphs.append(index)
        group.closes = mark.end
        closed.append(group)
        open_mark, current = None, None
    return closed, open_mark, current


def _first_char(text: str, start: int, end: int) -> int:
    """The first non-space offset of ``text[start:end]`` (``end`` if none)."""
    while start < end and text[start].isspace():
        start += 1
    return start


def _split_chain(text: str, group: _Group) -> list[_Group]:
    """An unclosed multi-paragraph quote, cut back into one unclosed quote per paragraph."""
    if len(group.pieces) == 1:
        return [group]
    parts = []
    for k, (piece, para) in enumerate(zip(group.pieces, group.paragraphs, strict=True)):
        opens = piece[0]
        while k and opens > 0 and text[opens - 1] in _ALL_MARKS:
            opens -= 1
        parts.append(_Group([piece], [para], opens if k else group.opens, None, group.family))
    return parts


#: Fewest words from a mid-sentence opening mark to the paragraph end for the quote to
#: be read as running on into the next paragraph (a statement, not a mistyped term).
RUN_ON_WORDS = 8


def _runs_on(text: str, start: int, end: int) -> bool:
    """Whether an opening mark left unclosed mid-sentence starts a quote that runs on
    into the next paragraph (``... said that the memos "show the President made clear
    ... investigated.`` then a paragraph opening with a mark): the multi-paragraph
    convention leaves the first paragraph unclosed. Believed only when the words up to
    the paragraph end are a statement (``RUN_ON_WORDS`` or more) ending as a sentence
    ends, so a term whose closing mark was lost ("a disaster.) stays out."""
    tail = text[start:end].rstrip()
    return len(tail.split()) >= RUN_ON_WORDS and tail.endswith((".", "?", "!"))


def _plausible_open(text: str, para_start: int, opens: int) -> bool:
    """Whether an opening mark that is never closed still opens a quote (running to
    the paragraph end): only where quotes legitimately open, at the start of a
    paragraph or right after an attribution's colon or comma ("Austin said: “...")."""
    before = text[para_start:opens].rstrip()
    return not before or before.endswith((":", ","))


# -- extraction: trimming, joining, speakers ---------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words without surrounding space, and without the comma (or colon,
    dash) that the attribution put in place of the speaker's full stop."""
    while start < end and (text[start].isspace() or text[start] in _ALL_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    return start, end


def _word_count(text: str, spans: Sequence[tuple[int, int]]) -> int:
    return sum(len(_TOKEN.findall(text, s, e)) for s, e in spans)


def _join_interrupted(
    text: str, paragraphs: dict[int, Paragraph], groups: list[_Group], verbs: Sequence[tuple[int, int]]
) -> list[_Group]:
    """Join "A," he said. "B." into one quote: closed pieces of one paragraph whose gap
    is only an attribution clause, unless the second piece has an attribution of its
    own ("A," said Smith. "B," said Jones.). ``verbs`` are the spans of the reporting
    verbs of the article's parse (``speakers.reporting_verbs``)."""
    joined: list[_Group] = []
    for group in groups:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.closes is not None
            and prev.paragraphs[-1] == group.paragraphs[0]
            and _breaks_off(text, prev.pieces[-1][1], prev.closes)
            and not _introduces_next(text, prev.pieces[-1][1], group.opens)
            and _is_attribution_gap(text, prev.closes, group.opens, verbs)
            and not _attributed_after(text, paragraphs, group, verbs)
        ):
            prev.pieces.extend(group.pieces)
            prev.paragraphs.extend(group.paragraphs)
            prev.closes = group.closes
            continue
        joined.append(group)
    return joined


#: Punctuation a quoted piece breaks off at when an attribution interrupts it.
_BREAKS = frozenset(",.;:?!—–-…")


def _breaks_off(text: str, piece_end: int, closes: int) -> bool:
    """Whether a quoted piece ends where an attribution may interrupt a statement: the
    last character inside its closing mark or the first after it is punctuation ('“A,”
    he said', '“A”, he said', '“Why?” she asked'). A quoted title or term that runs on
    into the sentence ('“Today” show host Jane Roe asked him, “...”') is not the first
    piece of an interrupted quote."""
    return text[piece_end - 1 : piece_end] in _BREAKS or text[closes : closes + 1] in _BREAKS


_SENTENCE_ENDS = frozenset(".?!…")


def _introduces_next(text: str, piece_end: int, opens: int) -> bool:
    """Whether the words between two quoted pieces introduce the second rather than
    interrupt one statement: the first piece ends its sentence and the words between end
    in a colon ('“Wait until when?” Then an announcer concludes: “...”')."""
    return text[piece_end - 1 : piece_end] in _SENTENCE_ENDS and text[piece_end:opens].rstrip(" " + "".join(_ALL_MARKS)).endswith(":")


def _opens_attribution(text: str, start: int, end: int, verbs: Sequence[tuple[int, int]]) -> bool:
    """Whether ``text[start:end]`` opens with an attribution clause: a reporting verb
    within ``ATTRIBUTION_WORDS`` words, with no quote mark or sentence end before it."""
    verb = next((v for v in verbs if start <= v[0] < end), None)
    if verb is None:
        return False
    lead = text[start : verb[0]]
    return (
        len(_TOKEN.findall(lead)) <= ATTRIBUTION_WORDS
        and not any(c in _ALL_MARKS for c in lead)
        and not ends_sentence(text, start, verb[0])
    )


def _attributed_after(
    text: str, paragraphs: dict[int, Paragraph], group: _Group, verbs: Sequence[tuple[int, int]]
) -> bool:
    """Whether an attribution follows the quote's closing mark."""
    if group.closes is None:
        return False
    return _opens_attribution(text, group.closes, paragraphs[group.paragraphs[-1]].end, verbs)


def _is_attribution_gap(text: str, start: int, end: int, verbs: Sequence[tuple[int, int]]) -> bool:
    """Whether ``text[start:end]`` is just one attribution (", he said. ", or inside a
    sentence ', said Edward Leamer, an economist who is ..., '); not '," Franken said.
    Silverman responded, "', which introduces another speaker, nor a gap in which a
    sentence ends after the verb and another begins."""
    gap = text[start:end].strip()
    if not gap or gap[-1] not in ".,:;—–" or sum(start <= v[0] < end for v in verbs) != 1:
        return False
    words = len(_TOKEN.findall(gap))
    within = not ends_sentence(text, start, end) and gap[-1] in ",:—–"
    verb = next(v for v in verbs if start <= v[0] < end)
    last = start + len(text[start:end].rstrip()) - 1
    if any(m.end() < last and ends_sentence(text, max(verb[1], m.start() - 64), m.start() + 1) for m in _FINAL_AND_SPACE.finditer(text, verb[1], last)):
        return False  # '," Smith said. Jones disagreed. "': a sentence of someone else's between
    return words <= (MAX_INTERRUPTION_WORDS if within else ATTRIBUTION_WORDS) and _opens_attribution(text, start, end, verbs)


#: The same run with closing marks and the whitespace after it.
_FINAL_AND_SPACE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+\s+")


def _continues(article: Article, prev: _Group, group: _Group) -> bool:
    """Whether a quote with no attribution of its own goes on from the quote before and
    takes its speaker: a bare whole paragraph right after the paragraph of that quote
    ('"A," X said.' / '"B."'), or a quote opening its sentence right after the sentence
    that quote ends in ('"A," X said in a statement. "B. C."')."""
    text = article.text
    paragraph = article.paragraphs[group.paragraphs[0]]
    if group.paragraphs[0] - prev.paragraphs[-1] == 1:
        bare = text[paragraph.start : group.opens].strip() == "" and group.closes is not None
        return bare and not text[group.closes : article.paragraphs[group.paragraphs[-1]].end].strip()
    if group.paragraphs[0] != prev.paragraphs[-1]:
        return False
    opening = _opening(article, group)
    before = next((s for s in article.sentences if s.start < prev.pieces[-1][1] <= s.end), None)
    if opening is None or before is None or opening.index != before.index + 1:
        return False
    return _opens_sentence(article, group)


def _speakers(
    article: Article, read: Reader, groups: Sequence[_Group], short: Collection[int] = ()
) -> list[Source | None]:
    """The source of each quote: the one the reader links to its quoted words
    (``Reader.speaker_of``), else, for a quote paragraph introduced by the paragraph
    before ("Politico reports:" / "“...”"), the source of that introduction
    (``_introduced``), else, for a quote that goes on from the one before
    (``_continues``), that quote's. Groups at the positions in ``short`` (too short to
    list) hand on only the speaker their own attribution names, in their sentence
    ('“The bullying,” X said. “The greed. ...”'): they take none from the quote before (a
    crowd's “No!” between two paragraphs of a speech is not the speaker's)."""
    sources: list[Source | None] = []
    for k, group in enumerate(groups):
        source = read.speaker_of(group.pieces) or _introduced(article, read, group) or _handed_on(article, read, group)
        if source is None and k and k not in short:
            before = k - 1 in short
            if (not before and _continues(article, groups[k - 1], group)) or _after_attribution(
                article, groups[k - 1], group, sources[-1]
            ):
                source = sources[-1]
        sources.append(source)
    return sources


def _opening(article: Article, group: _Group) -> Sentence | None:
    """The sentence a quote's first quoted word lies in."""
    first = group.pieces[0][0]
    return next((s for s in article.sentences if s.start <= first < s.end), None)


def _opens_sentence(article: Article, group: _Group) -> bool:
    """Whether a quote opens its sentence (only marks before it)."""
    opening = _opening(article, group)
    return opening is not None and not article.text[opening.start : group.opens].strip(" \t\n'" + "".join(_ALL_MARKS))


def _introduced(article: Article, read: Reader, group: _Group) -> Source | None:
    """The source of a quote that is its paragraphs and nothing else, introduced by the
    paragraph before, which ends in a colon or a bare reporting
    clause (``Reader.introduces``): "He added," / "“We will need guidance.”"."""
    first, last = group.paragraphs[0], group.paragraphs[-1]
    paragraphs = {p.index: p for p in article.paragraphs if p.index in (first, last)}
    if first == 0 or article.text[paragraphs[first].start : group.opens].strip():
        return None
    if group.closes is not None and article.text[group.closes : paragraphs[last].end].strip():
        return None  # words of the outlet's own after the quote: not a quote paragraph
    return read.introduces(first - 1)


def _handed_on(article: Article, read: Reader, group: _Group) -> Source | None:
    """The source of a quote that opens its sentence right after a sentence of its
    paragraph ending in a bare attribution (``Reader.closes_with``): "... plays as the
    prime minister continues. “The world tells us to wait.”"."""
    opening = _opening(article, group)
    if opening is None or opening.index == 0 or article.text[opening.start : group.opens].strip():
        return None
    before = next((s for s in article.sentences if s.index == opening.index - 1), None)
    if before is None or before.paragraph != opening.paragraph:
        return None
    return read.closes_with(before.index)


def _after_attribution(article: Article, prev: _Group, group: _Group, source: Source | None) -> bool:
    """Whether a quote with no attribution of its own opens the sentence right after the
    attribution of the quote before, in one paragraph ('“A?” Obama continued, calling
    out the speaker. “B.”'): the same speaker goes on. Not when a sentence starts
    between that attribution's verb and the quote ('“A,” Smith said. Jones disagreed.
    “B.”'), nor across quoted words."""
    if source is None or prev.closes is None or group.paragraphs[0] != prev.paragraphs[-1]:
        return False
    gap_start, gap_end = prev.closes, group.opens
    verb = source.verb_span[0]
    if not gap_start <= verb < gap_end or has_quote_mark(article.text, gap_start, gap_end):
        return False  # an apostrophe in a word is no mark ('“A,” Fox’s Chris Wallace said. “B.”')
    opening = _opening(article, group)
    if opening is None or article.text[opening.start : group.opens].strip():
        return False
    return not any(verb < s.start < group.opens for s in article.sentences)  # (a sentence may start at the mark)


# -- extraction: quotes nested in a quote ------------------------------------------------------

#: Words written with a leading apostrophe for a dropped sound ("let 'em go", "rock 'n'
#: roll"): that apostrophe opens no nested quote (``data/quotes.txt``).
ELISIONS = frozenset(read_sections("quotes.txt", fold=True)["elisions"])
#: Fewest words a nested quote holds: one word in marks inside a quote is a term.
MIN_NESTED_WORDS = 2


def _opens_nested(text: str, mark: _Mark) -> bool:
    """Whether a mark inside a quote opens a nested one: where a quote may open
    (``_may_open``) or right after the outer mark, and before a letter that starts no
    elided word ('em, 'n'). A mark before a digit is an apostrophe (the '90s)."""
    before = text[mark.start - 1] if mark.start > 0 else " "
    after = text[mark.end] if mark.end < len(text) else " "
    if not (after.isalpha() and (before in _ALL_MARKS or _may_open(before, after))):
        return False
    end = mark.end
    while end < len(text) and text[end].isalpha():
        end += 1
    return end > mark.end and text[mark.end : end].casefold() not in ELISIONS


def _closes_nested(text: str, mark: _Mark) -> bool:
    """Whether a mark inside a quote closes a nested one: where a quote may close
    (``_may_close``), but not the apostrophe of a plural possessive (the players'
    union: "s", the mark, a space, a word)."""
    before = text[mark.start - 1] if mark.start > 0 else " "
    after = text[mark.end] if mark.end < len(text) else " "
    if not _may_close(before, after):
        return False
    return not (before in "sS" and after.isspace() and text[mark.end + 1 : mark.end + 2].isalpha())


def _nested_spans(text: str, start: int, end: int, outer: str) -> list[tuple[int, int]]:
    """The quotes nested in one quoted piece ``text[start:end]`` (the words between the
    outer marks, untrimmed): marks of the other family than the outer quote's
    (``outer``), single marks in a double quote or the reverse, paired strictly
    (``_opens_nested``, ``_closes_nested``) within the piece, with
    ``MIN_NESTED_WORDS`` words or more between them. Each is the words between its
    marks, the punctuation inside the closing mark kept ('he said ‘I knew it,’')."""
    found: list[tuple[int, int]] = []
    opened: _Mark | None = None
    for mark in _marks(text, start, end):
        if mark.family == outer:
            continue
        if opened is not None and mark.role != _OPEN and _closes_nested(text, mark):
            words = trim_span(text, opened.end, mark.start)
            if _word_count(text, [words]) >= MIN_NESTED_WORDS:
                found.append(words)
            opened = None
        elif mark.role != _CLOSE and _opens_nested(text, mark):
            opened = mark
    return found


def _nested_sources(
    article: Article, groups: Sequence[_Group], nested: Sequence[list[tuple[int, int]]], outer: Sequence[Source | None]
) -> list[list[tuple[tuple[int, int], Source]]]:
    """Per quote, its nested quotes whose speaker the quote's own words name, with that
    source: a reader for which the outer quote's words, outside the nested ones, are
    text to read ('“... And he said ‘I knew it,’” Sestak said': "he"), asked only for
    sources whose verb stands in the outer quote (``Reader.speaker_of`` ``among``). A
    "he" or "she" there is not the outer speaker (``outer``), who says "I" in his own
    words (``Reader.other_than``). A nested quote whose outer words name no one is left
    out: its words stay the outer speaker's (who may be quoting himself)."""
    found: list[list[tuple[tuple[int, int], Source]]] = [[] for _ in groups]
    if not any(nested):
        return found
    inner = [span for spans in nested for span in spans]
    plain = [p for g in groups for p in g.pieces if not any(p[0] <= s < p[1] for s, _ in inner)]
    read = reader(article, plain + inner)
    for k, (group, spans) in enumerate(zip(groups, nested, strict=True)):
        speaker = outer[k].name if outer[k] is not None else None
        for span in spans:
            piece = next((p for p in group.pieces if p[0] <= span[0] < p[1]), None)
            source = read.speaker_of([span], among=piece) if piece is not None else None
            if source is not None and speaker is not None:
                source = read.other_than(source, speaker) or source
            if source is not None:
                found[k].append((span, source))
    return found


def _quote(article: Article, pieces: Sequence[tuple[int, int]], source: Source | None, nested_in: tuple[int, int] | None = None) -> Quote:
    """The quote of these pieces, with its source."""
    start, end = pieces[0][0], pieces[-1][1]
    return Quote(
        article=article.id,
        start=start,
        end=end,
        text=article.text[start:end],
        speaker=source.name if source else None,
        speaker_kind=source.kind if source else None,
        speaker_span=source.mention if source else None,
        parts=tuple(pieces),
        nested_in=nested_in,
        cue_span=_cue(source),
    )


def _cue(source: Source | None) -> tuple[int, int] | None:
    """The attribution a source was read from: its phrase and its verb, whichever comes first."""
    if source is None:
        return None
    return min(source.start, source.verb_span[0]), max(source.end, source.verb_span[1])


def outermost(quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes that are no quote's nested quote: the statements as the outlet quotes
    them. A nested quote's words are part of its outer quote's statement, and matching
    both would make two findings of one statement."""
    return [q for q in quotes if q.nested_in is None]


def name_key(name: str) -> tuple[str, ...]:
    """A name's words, case-folded, titles and "the" dropped, for comparing names."""
    words = [w.strip(".,").casefold().replace("’", "'") for w in name.split()]
    while words and (words[0] in PERSON_TITLES or f"{words[0]}." in PERSON_TITLES or words[0] == "the"):
        words = words[1:]
    return tuple(w for w in words if w)


def extract_quotes(article: Article, min_words: int = MIN_QUOTE_WORDS, kinds: Collection[str] = (BODY,)) -> list[Quote]:
    """Direct quotes of the body paragraphs, in text order, with their speakers.

    Handles straight and curly marks (and ``''`` written for a double mark), doubled
    or unbalanced marks, quotes over several paragraphs (a paragraph opening with a mark
    continues an unclosed quote), and quotes interrupted by "he said" (one quote).
    Speakers come from ``speakers.Reader``, the parse-based reader the sourcing uses
    too. Paragraphs of other ``kinds`` than the body (captions, bullets) are skipped;
    quotes shorter than ``min_words`` words are left out (``MIN_QUOTE_WORDS``: terms
    and scare quotes are not statements; see ``voice_quotes`` for every quoted word).

    A quote nested in a quote whose words name its speaker ('“... Kennedy called it
    ‘a national disgrace’ ...”') is a quote of its own (``nested_in`` set), listed
    right before the quote it stands in (whose parts still hold its words), so the
    first quote holding a word is the one whose speaker said it; ``outermost`` drops
    them.
    """
    text = article.text
    paragraphs = {p.index: p for p in article.paragraphs}
    groups = _groups(article, kinds)
    if not groups:
        return []
    groups = _join_interrupted(text, paragraphs, groups, reporting_verbs(article))
    kept: list[_Group] = []
    short: list[_Group] = []  # too short to list, but their speaker may go on ('“The bullying,” X said. “The greed. ...”')
    nested: list[list[tuple[int, int]]] = []
    for group in groups:
        inner = [n for s, e in group.pieces for n in _nested_spans(text, s, e, group.family)]
        pieces = [_trim(text, s, e) for s, e in group.pieces]
        paras = [p for (s, e), p in zip(pieces, group.paragraphs, strict=True) if e > s]
        pieces = [(s, e) for s, e in pieces if e > s]
        if not pieces:
            continue
        group.pieces, group.paragraphs = pieces, paras
        if _word_count(text, pieces) < max(1, min_words):
            if _opens_sentence(article, group):
                short.append(group)  # not a term mid-sentence (a show's “Today”): it hands on no speaker
            continue
        kept.append(group)
        nested.append([span for span in inner if _word_count(text, [span]) >= min_words])
    read = reader(article, [p for g in kept for p in g.pieces])
    every = sorted([(g, False) for g in kept] + [(g, True) for g in short], key=lambda e: e[0].pieces[0][0])
    brief = {k for k, (_, is_short) in enumerate(every) if is_short}
    read_all = _speakers(article, read, [g for g, _ in every], brief)
    sources = [source for (_, is_short), source in zip(every, read_all, strict=True) if not is_short]
    found: list[Quote] = []
    for g, source, inner in zip(kept, sources, _nested_sources(article, kept, nested, sources), strict=True):
        outer = (g.pieces[0][0], g.pieces[-1][1])
        found += [_quote(article, [span], s, outer) for span, s in inner]
        found.append(_quote(article, g.pieces, source))
    return found



#: Paragraph kinds whose quoted words are someone else's voice: everything the outlet
#: writes (body, bullet summaries, subheads, captions), not page boilerplate.
VOICE_KINDS = (BODY, BULLET, SUBHEAD, CAPTION)
#: A quoted piece of at most this many words with no speaker is a scare quote: the
#: outlet puts a word at a distance ("so-called", “the ‘Squad’”), it quotes no one.
SCARE_WORDS = 3


def voice_quotes(article: Article) -> list[Quote]:
    """Every quoted span of the article, of any length and in every paragraph the outlet
    writes (``VOICE_KINDS``), with its speaker where one is found: the words that are
    not the outlet's own voice. A short one with no speaker is a scare quote
    (``is_scare``)."""
    return extract_quotes(article, min_words=1, kinds=VOICE_KINDS)


def reported_speech(article: Article, quotes: Sequence[Quote] = ()) -> list[Quote]:
    """The reported-speech clauses of the article's body and bullets, as quotes of their
    source ("Officials said [the militia fired the rockets]"): the words are not quoted,
    but they render the source's claim, so a label or charged word there is the
    source's voice, not the outlet's. ``parts`` is the clause. Pass the article's
    ``voice_quotes``: reporting verbs inside them are not read, and the reader they
    were found with is reused."""
    parts = [part for q in quotes for part in q.parts]
    return [
        Quote(article.id, s, e, article.text[s:e], source.name, source.kind, source.mention, ((s, e),), cue_span=_cue(source))
        for (s, e), source in reader(article, parts).reported()
    ]


def is_statement(quote: Quote) -> bool:
    """Whether a quote is long enough to be a statement (``MIN_QUOTE_WORDS`` words)."""
    return _word_count(quote.text, [(0, len(quote.text))]) >= MIN_QUOTE_WORDS


def is_scare(quote: Quote) -> bool:
    """Whether a quote is a scare quote: ``SCARE_WORDS`` words or fewer and no source."""
    return quote.speaker_kind is None and _word_count(quote.text, [(0, len(quote.text))]) <= SCARE_WORDS


# -- matching -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    norm: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuotedSentence:
    """One quoted sentence: the comparison unit of matching and diffing."""

    quote: int
    start: int
    end: int
    tokens: tuple[_Token, ...] = field(repr=False)

    @property
    def key(self) -> str:
        return " ".join(t.norm for t in self.tokens)


def _normalise(word: str) -> str:
    """The comparison form of a token: case, apostrophes, abbreviation dots, hyphens
    and thousands separators folded ("U.S." == "US", "non-critical" == "noncritical")."""
    word = word.casefold().replace("’", "'")
    if "." in word and not word[0].isdigit():
        word = word.replace(".", "")
    if word[0].isdigit():
        word = word.replace(",", "")
    return re.sub(r"[-‐‑]", "", word)


def _tokens(text: str, start: int, end: int, offset: int = 0) -> tuple[_Token, ...]:
    """Tokens of ``text[start:end]`` with spans shifted by ``offset``."""
    return tuple(
        _Token(_normalise(m.group()), offset + m.start(), offset + m.end())
        for m in _TOKEN.finditer(text, start, end)
    )


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of a quoted piece: a split after . ! ? before a capital, not after an
    abbreviation (Mr., U.S.) or an initial. Independent of spaCy, so a bare ``Quote``
    can be split."""
    pos = start
    for m in _FINAL_AND_SPACE.finditer(text[start:end]):
        cut = start + m.end()
        nxt = text[cut : cut + 2].lstrip("\"'“‘«([")
        if not nxt or not (nxt[0].isupper() or nxt[0].isdigit()):
            continue
        word = last_word(text, pos, start + m.start())
        stem = word.strip("\"'“”‘’()").casefold()
        if stem in ABBREVIATIONS or len(stem) == 1 or "." in stem:
            continue
        yield pos, start + m.start() + len(m.group().rstrip())
        pos = cut
    if pos < end:
        yield pos, end


def quoted_sentences(quotes: Sequence[Quote]) -> list[QuotedSentence]:
    """The quoted sentences of some quotes (sentences without words are dropped)."""
    units: list[QuotedSentence] = []
    for qi, quote in enumerate(quotes):
        for ps, pe in quote.parts:
            local_s, local_e = ps - quote.start, pe - quote.start
            for s, e in _sentence_spans(quote.text, local_s, local_e):
                s, e = _trim(quote.text, s, e)
                tokens = _tokens(quote.text, s, e, quote.start)
                if tokens:
                    units.append(QuotedSentence(qi, quote.start + s, quote.start + e, tokens))
    return units


def same_speaker(a: str | None, b: str | None) -> bool:
    """Speakers are compatible when one is unknown, or their names can name one person
    (``names.same_person``: "Lloyd Austin" ~ "Austin"; "the Pentagon" ~ "Pentagon";
    "Roger J. Stone Jr." ~ "Roger Stone"; a family name written first: "Kim" ~ "Kim
    Jong Un"). A joint speaker ("A, B and C", as
    ``speakers.joint_name`` writes it) is compatible with any speaker one of its members
    is compatible with: the joint statement of three chairmen, quoted by one outlet as
    theirs and by another as one chairman's (members in any order)."""
    if a is None or b is None:
        return True
    members_a, members_b = joint_members(a), joint_members(b)
    if len(members_a) > 1 or len(members_b) > 1:
        return any(_same_name(x, y) for x in members_a for y in members_b)
    return _same_name(a, b)


def _same_name(a: str, b: str) -> bool:
    """``same_speaker`` for two single names: ``names.same_person`` on the names with
    their titles dropped (``name_key``)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return ka == kb
    return same_person(" ".join(ka), " ".join(kb))


def _similarity(a: QuotedSentence, b: QuotedSentence) -> float:
    """How alike two quoted sentences are, in [0, 1].

    The larger of rapidfuzz's ``ratio`` on the normalised token strings (rewording)
    and a containment score for cut quotes: when the shorter sentence appears almost
    verbatim inside the longer one (``partial_ratio`` >= 95) its length share of the
    longer counts double, so a sentence cut to half its length still scores ~1.0 while
    a stray three-word overlap with a long sentence does not; a run of
    ``MIN_VERBATIM_WORDS`` or more words found unbroken in the longer sentence scores
    ``VERBATIM_SIMILARITY`` however long that sentence is ("an act of previously
    unimaginable treachery" cut from a 30-word sentence of a complaint).
    """
    ka, kb = a.key, b.key
    ratio = fuzz.ratio(ka, kb) / 100
    short, long_ = sorted((len(a.tokens), len(b.tokens)))
    if short < MIN_SENTENCE_TOKENS:
        return ratio
    partial = fuzz.partial_ratio(ka, kb) / 100
    if partial < 0.95:
        return max(ratio, VERBATIM_SIMILARITY if shared_run(a, b) >= MIN_SHARED_RUN_WORDS else 0.0)
    cut = min(1.0, 2 * short / long_) * partial
    return max(ratio, cut, VERBATIM_SIMILARITY if inside(a, b, MIN_VERBATIM_WORDS) else 0.0)


def shared_run(a: QuotedSentence, b: QuotedSentence) -> int:
    """Content words (not ``_STOPWORDS``) in the longest run of words the two sentences
    share unbroken, in order (a longest common substring over their words)."""
    wa, wb = [t.norm for t in a.tokens], [t.norm for t in b.tokens]
    best = 0
    previous = [0] * (len(wb) + 1)  # content words of the common run ending before (i, j)
    for word in wa:
        current = [0] * (len(wb) + 1)
        for j, other in enumerate(wb, 1):
            if word == other:
                current[j] = previous[j - 1] + (word not in _STOPWORDS)
                best = max(best, current[j])
        previous = current
    return best


def inside(a: QuotedSentence, b: QuotedSentence, least: int) -> bool:
    """Whether the shorter sentence's words (``least`` or more of them content words,
    not ``_STOPWORDS``) run, in order and unbroken, inside the other's: a quote cut
    from the fuller one."""
    short, long_ = sorted(([t.norm for t in a.tokens], [t.norm for t in b.tokens]), key=len)
    n = len(short)
    if sum(w not in _STOPWORDS for w in short) < least:
        return False
    return any(long_[k : k + n] == short for k in range(len(long_) - n + 1))


@dataclass(frozen=True, slots=True)
class SentenceMatching:
    """Quoted sentences of two sides and their one-to-one matches.

    ``matches`` are (index in ``a``, index in ``b``, similarity), in order of ``a``;
    ``near_a``/``near_b`` are the sentences that had a counterpart above the threshold,
    matched or not (a sentence quoted twice on one side and once on the other is not
    "only in one").
    """

    a: list[QuotedSentence]
    b: list[QuotedSentence]
    matches: list[tuple[int, int, float]]
    near_a: frozenset[int]
    near_b: frozenset[int]


def match_sentences(qa: Sequence[Quote], qb: Sequence[Quote], speakers: bool = True) -> SentenceMatching:
    """Pair the quoted sentences of two sides one-to-one, best similarity first.

    rapidfuzz's ``cdist`` prefilters all pairs in C (``ratio`` high enough, or
    ``token_set_ratio`` high enough for a possible cut quote); ``_similarity`` and the
    speaker check run only on what passes. ``speakers=False`` pairs the words whoever
    they are given to (to find one statement given to two people).
    """
    ua, ub = quoted_sentences(qa), quoted_sentences(qb)
    candidates: list[tuple[float, int, int]] = []
    if ua and ub:
        ka, kb = [u.key for u in ua], [u.key for u in ub]
        ratio = process.cdist(ka, kb, scorer=fuzz.ratio, score_cutoff=MATCH_THRESHOLD * 100 - 1)
        overlap = process.cdist(ka, kb, scorer=fuzz.token_set_ratio, score_cutoff=_CUT_PREFILTER)
        for i, j in _prefiltered(np.maximum(ratio, overlap)):
            x, y = ua[i], ub[j]
            who = (qa[x.quote].speaker, qb[y.quote].speaker)
            if (
                min(len(x.tokens), len(y.tokens)) >= MIN_SENTENCE_TOKENS
                and (not speakers or same_speaker(*who))
                and (sim := _similarity(x, y)) >= (UNATTRIBUTED_MATCH_THRESHOLD if speakers and any(who) and not all(who) else MATCH_THRESHOLD)
            ):
                candidates.append((sim, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    matches: list[tuple[int, int, float]] = []
    for sim, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            matches.append((i, j, sim))
    matches.sort(key=lambda m: (m[0], m[1]))
    return SentenceMatching(
        ua, ub, matches, frozenset(i for _, i, _ in candidates), frozenset(j for _, _, j in candidates)
    )


def _prefiltered(scores: np.ndarray) -> list[tuple[int, int]]:
    """The (row, column) cells worth an exact look: non-zero, and among the
    ``_TOP_CANDIDATES`` best of their row or of their column (a sentence's match is
    among its best few; this keeps many near-identical quotes from going quadratic)."""
    keep = np.zeros(scores.shape, dtype=bool)
    rows, cols = scores.shape
    k_row, k_col = min(_TOP_CANDIDATES, cols), min(_TOP_CANDIDATES, rows)
    best_in_row = np.argpartition(-scores, k_row - 1, axis=1)[:, :k_row]
    keep[np.arange(rows)[:, None], best_in_row] = True
    best_in_col = np.argpartition(-scores, k_col - 1, axis=0)[:k_col, :]
    keep[best_in_col, np.arange(cols)[None, :]] = True
    keep &= scores > 0
    return [(int(i), int(j)) for i, j in zip(*keep.nonzero(), strict=True)]


def match_quotes(a: Sequence[Quote], b: Sequence[Quote]) -> list[tuple[Quote, Quote, float]]:
    """Pairs of quotes (one from each side) that render the same statement.

    Quotes are split into sentences; sentences of compatible speakers (the same, or
    one unknown) are paired one-to-one, best first, when their similarity reaches
    ``MATCH_THRESHOLD`` (``UNATTRIBUTED_MATCH_THRESHOLD`` when only one side names its
    speaker; two unnamed statements are held to a close match by ``quote_findings``). Two quotes match when any of their sentences do, so one long
    quote can pair with several short ones. The score is the token-weighted mean
    similarity of the matched sentences, in [0, 1]. Sorted by position in ``a``.
    """
    m = match_sentences(a, b)
    ua, ub = m.a, m.b
    weights: dict[tuple[int, int], list[tuple[float, int]]] = {}
    for i, j, sim in m.matches:
        size = len(ua[i].tokens) + len(ub[j].tokens)
        weights.setdefault((ua[i].quote, ub[j].quote), []).append((sim, size))
    pairs = [
        (a[x], b[y], round(sum(s * w for s, w in ws) / sum(w for _, w in ws), 4))
        for (x, y), ws in weights.items()
    ]
    return sorted(pairs, key=lambda p: (p[0].start, p[1].start))


# -- word diff ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordDiff:
    """Changed token ranges of two sentences (half-open), after grouping moves."""

    a: tuple[int, int]
    b: tuple[int, int]


def word_diff(ta: Sequence[_Token], tb: Sequence[_Token]) -> list[WordDiff]:
    """The differing token ranges of two sentences, compared on normalised tokens.

    Words spelled two ways are no change (``_same_spelling``: "it's" / "it is", "end
    game" / "endgame", "same-sex" / "same sex"). Adjacent changes close together
    (``MAX_MOVE_GAP`` equal words) that share a content
    word are one change, so a reordering reads as one phrase pair. An insertion or
    deletion inside the sentence takes the equal word before it, so both sides show
    words ("militia group" vs "militia"); at a sentence edge it stays one-sided (a cut).
    """
    matcher = difflib.SequenceMatcher(None, [t.norm for t in ta], [t.norm for t in tb], autojunk=False)
    ops = [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal" and not _same_spelling(ta[i1:i2], tb[j1:j2])
    ]
    merged: list[_Op] = []
    for op in ops:
        if merged and _moved(ta, tb, merged[-1], op):
            merged[-1] = (merged[-1][0], op[1], merged[-1][2], op[3])
        else:
            merged.append(op)
    diffs = []
    for i1, i2, j1, j2 in merged:
        interior = i1 > 0 and j1 > 0 and (i2 < len(ta) or j2 < len(tb))
        if (i1 == i2 or j1 == j2) and interior:
            i1, j1 = i1 - 1, j1 - 1
        diffs.append(WordDiff((i1, i2), (j1, j2)))
    return diffs


#: Contractions and their full forms ("'s" may stand for "is" or "has", "'d" for
#: "would" or "had"): the clitic as its own token or the word's ending.
_CONTRACTIONS = {
    "'s": ("is", "has"), "'m": ("am",), "'re": ("are",), "'ve": ("have",), "'ll": ("will",),
    "'d": ("would", "had"), "n't": ("not",),
}  # fmt: skip
#: Negated forms whose stem is not the word before "n't".
_IRREGULAR_NEGATIONS = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not"}


#: Most spellings of one run kept (each "'s" doubles them).
_MAX_SPELLINGS = 64


def _spellings(tokens: Sequence[_Token]) -> set[str]:
    """The ways a run of words can be written without spaces, hyphens or apostrophes,
    contractions expanded: "it 's" -> {"itis", "ithas"}, "endgame" -> {"endgame"}."""
    forms = {""}
    for token in tokens:
        word = _IRREGULAR_NEGATIONS.get(token.norm, token.norm)
        options = [word]
        for clitic, full in _CONTRACTIONS.items():
            if word == clitic or (word.endswith(clitic) and len(word) > len(clitic)):
                stem = word[: len(word) - len(clitic)]
                options = [word] + [stem + f for f in full]  # also as written ("'s" / "s")
                break
        if len(forms) * len(options) > _MAX_SPELLINGS:
            options = options[:1]  # a long run with many "'s": its first reading only
        forms = {f + re.sub(r"[\s'’-]", "", o) for f in forms for o in options}
    return forms


def _same_spelling(a: Sequence[_Token], b: Sequence[_Token]) -> bool:
    """Whether two differing runs of words are one wording spelled two ways (both
    sides have words; see ``_spellings``)."""
    return bool(a) and bool(b) and bool(_spellings(a) & _spellings(b))


def _moved(ta: Sequence[_Token], tb: Sequence[_Token], x: _Op, y: _Op) -> bool:
    """Whether two changes are one reordering: close, and a content word removed on
    one side of them is added on the other."""
    if y[0] - x[1] > MAX_MOVE_GAP:
        return False
    removed = {t.norm for t in [*ta[x[0] : x[1]], *ta[y[0] : y[1]]]}
    added = {t.norm for t in [*tb[x[2] : x[3]], *tb[y[2] : y[3]]]}
    return bool((removed & added) - _STOPWORDS)


def is_cut(diffs: Sequence[WordDiff], na: int, nb: int) -> bool:
    """Whether the differences only cut words off either end of one side."""
    for d in diffs:
        one_sided = d.a[0] == d.a[1] or d.b[0] == d.b[1]
        at_edge = (d.a[0] == 0 and d.b[0] == 0) or (d.a[1] == na and d.b[1] == nb)
        if not (one_sided and at_edge):
            return False
    return bool(diffs)


def word_change(text_a: str, ta: Sequence[_Token], text_b: str, tb: Sequence[_Token], d: WordDiff) -> QuoteChange:
    """A diff as original words and spans of both articles."""
    span_a = (ta[d.a[0]].start, ta[d.a[1] - 1].end) if d.a[1] > d.a[0] else None
    span_b = (tb[d.b[0]].start, tb[d.b[1] - 1].end) if d.b[1] > d.b[0] else None
    return QuoteChange(
        text_a[span_a[0] : span_a[1]] if span_a else "",
        text_b[span_b[0] : span_b[1]] if span_b else "",
        span_a,
        span_b,
    )
