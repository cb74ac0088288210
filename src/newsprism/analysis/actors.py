"""Mentions: who each actor is in an article, and the words the article labels it with.

A component of the analysis layer: it reads one article (the ingest-time parse of its
body sentences) and its quotes, and writes one ``Mention`` per actor mention:

* a name (person, organisation, country) with the label words written around it: a
  premodifier ("North Korean *dictator* Kim Jong Un", "*Rebel commander* John Doe"),
  a title ("*President* Trump"), an appositive ("Kim, the North Korean *leader*";
  "the *leader*, Kim Jong Un") or a predicate ("North Korea remains a *pariah*",
  "Macron, who emerged as Trump's most *trusted* ally"); a name with no label word is
  kept too (``label`` ""), so that the framing layer knows which outlets mention an
  actor without labelling it;
* a description whose head is a label word: "Iran-backed *militias*", "the Iranian
  *regime*", "the North Korean *leader*", "*illegal aliens*". An indefinite one ("a
  prominent leader") introduces someone new and stands for no actor: left out.

Label words are the words of ``data/labels.txt`` (each with its charge in news
writing: pejorative, neutral, sympathetic), and words in no list that judge
(``charge_of``): a lower-case adjective on the actor that VADER rates ("*trusted*
ally") or that is marked, rare in English (``UNRATED``: "*reclusive* leader"; common
ones describe: "elderly", "black", and rank, time and domain words such as "former",
"nuclear" are in the ``[modifiers]`` list), and a noun for a person that VADER rates
("abuser") before a person's name or heading an appositive. A label word inside a
quote (any of the ``quotes`` passed in, and only those) is the speaker's label, not
the outlet's (``in_quote``).

Actor keys (``Mention.actor``), what the mentions of one actor share:

* ``name:<key>``: a proper name, keyed by ``names.canonical_entity`` ("Kim Jong-un" =
  "Kim Jong Un"); a description with a proper-name modifier ("Kataib Hezbollah
  terrorists", "the Kim regime") or a country modifier on a government word ("the
  Iranian regime" = Iran) is that name's, unless its head names people by their tie
  to the name (``RELATIONS``: "the Obama daughters", "Trump supporters" are not
  Obama or Trump, and stand for no actor);
* ``affiliation:<key>``: "Iran-backed", "Iranian-sponsored" ... (no name given);
* ``group:<key>``: a group of people named by a collective noun (``[groups]`` of the
  data file: "undocumented immigrants" and "illegal aliens" are ``group:immigrants``);
* ``role:<country>:<label>``: a description that stands for someone named elsewhere
  ("the dictator", "the North Korean leader"). Which actor it is depends on the other
  mentions of the story: ``newsprism.framing.labels`` resolves it (and bare surnames:
  "Kim" = "Kim Jong Un") across the story's articles.

Who calls whom what across outlets is ``newsprism.framing.labels``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsprism import nlp
from newsprism.analysis._dateline import dateline_end
from newsprism.analysis._wordlists import read_sections
from newsprism.analysis.charged import word_frequency
from newsprism.analysis.loaded import MIN_VALENCE, NOUN_MIN_VALENCE, vader_lexicon
from newsprism.analysis.names import canonical_entity
from newsprism.analysis.quotes import Quote
from newsprism.model import Article

__all__ = [
    "Mention", "mentions", "LABELS", "ROLES", "RELATIONS", "MODIFIERS", "GROUPS", "NEUTRAL", "PEJORATIVE", "SYMPATHETIC",
    "UNRATED",
    "lexeme", "charge_of",
]  # fmt: skip

NEUTRAL = "neutral"
PEJORATIVE = "pejorative"
SYMPATHETIC = "sympathetic"
#: A marked word outside the lists (and unrated by VADER) that still labels the
#: actor: an adjective on it ("reclusive leader") or a noun for a person before its
#: name ("confidant Roger Stone"). It judges, but the lists do not say which way.
UNRATED = "unrated"


def _read_lists() -> dict[str, tuple[str, ...]]:
    """The word lists of ``data/labels.txt`` (see ``_wordlists``)."""
    return read_sections("labels.txt", fold=True)


def _groups(lines: Iterable[str]) -> dict[str, str]:
    """Head word -> group key, from the "key: head head ..." lines of ``[groups]``."""
    heads: dict[str, str] = {}
    for line in lines:
        key, _, words = line.partition(":")
        for word in words.split():
            heads[word] = key.strip()
    return heads


_LISTS = _read_lists()
#: Neutral nouns for institutions and states ("government", "party", "defense").
INSTITUTIONS: frozenset[str] = frozenset(_LISTS["institutions"])
#: Neutral roles and generic nouns for people, institutions and states ("leader",
#: "officials", "party").
ROLES: frozenset[str] = frozenset(_LISTS["roles"]) | INSTITUTIONS
#: Nouns for people by their tie to someone ("daughters", "supporters", "lawyer"): with
#: a name before them the phrase stands for those people, not for the named actor.
RELATIONS: frozenset[str] = frozenset(_LISTS["relations"])
#: Nouns that stand for a person or group said of one ("an influential voice", "a rising
#: star"): in apposition or after a copula, their adjectives label the actor.
STAND_INS: frozenset[str] = frozenset(_LISTS["stand_ins"])
#: Neutral modifiers: rank, time, domain ("former", "top", "nuclear"): never a label.
MODIFIERS: frozenset[str] = frozenset(_LISTS["modifiers"])
#: Neutral label heads of their own ("militia", "rebel"), beside the roles.
_NEUTRAL_HEADS: frozenset[str] = frozenset(_LISTS["neutral"])
#: Group heads -> group key ("aliens" and "immigrants" name one group).
GROUPS: dict[str, str] = _groups(_LISTS["groups"])
#: Label words and their charge in news writing. Roles and group heads are neutral
#: labels; the lists are ours, written for this tool.
LABELS: dict[str, str] = {
    **dict.fromkeys(ROLES, NEUTRAL),
    **dict.fromkeys(GROUPS, NEUTRAL),
    **dict.fromkeys(_LISTS["neutral"], NEUTRAL),
    **dict.fromkeys(_LISTS["pejorative"], PEJORATIVE),
    **dict.fromkeys(_LISTS["sympathetic"], SYMPATHETIC),
}
#: Heads too generic to be the label when a more specific label word modifies them:
#: "militia group" is labelled "militia".
GENERIC = {"group", "force", "organization", "organisation", "faction"}
#: Heads that name the government of the country that modifies them: "the Iranian
#: regime" is a label of Iran.
GOVERNMENT = {"regime", "government", "administration", "junta", "authority", "leadership"}
#: Entity types that name an actor.
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
#: Entity types that place a description in a country ("the *North Korean* leader").
PLACE_TYPES = {"GPE", "NORP"}
#: Zipf frequency (wordfreq, log10 of uses per billion words) under which an unlisted
#: label word is marked ("reclusive" 2.8, "prolific" 3.6) rather than common
#: ("colorful" 3.8, "retired" 4.4, "black" 5.5). Set between the two groups of the
#: adjectives and person nouns seen on actors in news text.
MARKED_ZIPF = 3.7
#: Verbs that make their complement a label of their subject ("Kim remains a dictator").
COPULAS = {"is", "was", "are", "were", "be", "been", "being", "remains", "remained", "remain", "became", "becomes", "become"}
#: Endings of nouns for a person ("abuser", "autocrat"): such a noun in no list labels
#: the person when VADER rates it at ``NOUN_MIN_VALENCE``.
PERSON_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ian", "ee", "man", "crat", "ard", "ite", "arch")
#: Determiners that introduce someone new: "a leader" stands for no actor named elsewhere.
INDEFINITE = {"a", "an", "another", "some", "any", "one"}
#: Titles written before a name that are no label ("Mr. Kim").
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"}

#: "Iran-backed", "U.S.-aligned": a run of word characters and dots, then the affiliation.
#: The run is matched from its start and whole (a capital inside it is found in code):
#: a pattern starting at every capital rescanned "A.A.A.A..." to its end from each.
_AFFILIATION = re.compile(
    r"(?<![\w.])([\w.]++)\s?[-–]\s?(backed|sponsored|affiliated|aligned|supported|linked|funded|allied)\b"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an actor: ``text`` is the whole phrase, ``label`` its label word
    ("" for a name written without one), ``word`` the label as written."""

    article: str
    start: int
    end: int
    text: str
    label: str  # the LABELS entry ("militia"), "" for a bare name
    word: str  # the label as written ("militias")
    charge: str  # LABELS[label], "" for a bare name
    actor: str  # grouping key (see the module)
    display: str  # how the actor is shown ("Iran-backed", "Kataib Hezbollah")
    in_quote: bool
    kind: str = "label"  # "name", "premodifier", "appositive", "description"
    country: str = ""  # canonical key of a country modifier ("North Korean" -> "north korea")
    at: int = -1  # where the label word is written (its offset in the text), -1 for a bare name
    entity: str = ""  # the entity type of the name ("PERSON", "ORG", ...), "" for a description


def lexeme(word: str) -> str | None:
    """The ``LABELS`` entry a word is a form of (as written, or its singular), if any."""
    word = word.casefold()
    for candidate in (word, word[:-3] + "y" if word.endswith("ies") else "", word[:-2] if word.endswith("es") else "",
                      word[:-1] if word.endswith("s") else ""):  # fmt: skip
        if candidate in LABELS:
            return candidate
    return None


def _singular(word: str) -> str:
    """The singular of a plural noun, for words in no list ("abusers" -> "abuser")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def charge_of(label: str) -> str:
    """The charge of a label word: from our lists; else from its VADER valence (at
    ``MIN_VALENCE``; a noun for a person, agent-noun ending, at ``NOUN_MIN_VALENCE``:
    "abuser" is pejorative, "trusted" sympathetic); else ``UNRATED`` for a marked word
    (``marked``: "reclusive", "confidant") and ``NEUTRAL`` for a common one ("black",
    "retired", "average": descriptions, not judgements)."""
    if label in LABELS:
        return LABELS[label]
    valence = vader_lexicon().get(label)
    if valence is not None and abs(valence) >= MIN_VALENCE:
        if abs(valence) >= NOUN_MIN_VALENCE or not label.endswith(PERSON_SUFFIXES):
            return PEJORATIVE if valence < 0 else SYMPATHETIC
    return UNRATED if marked(label) else NEUTRAL


@functools.cache
def marked(word: str) -> bool:
    """Whether a word is rare enough in English to be a choice (wordfreq Zipf frequency
    under ``MARKED_ZIPF``). The adjectives news writing puts on people without judging
    them are common words (colour, age, size, place, status: "black", "older",
    "largest", "rural", "retired"); the ones that judge are rarer ("reclusive",
    "inept", "wayward", "prolific")."""
    return word_frequency(word) < MARKED_ZIPF


def mentions(article: Article, quotes: Sequence[Quote] = ()) -> list[Mention]:
    """Actor mentions of the article's body sentences, in text order (see the module).

    Only the ``quotes`` passed in decide what is quoted: their ``parts`` (or, for a
    quote without parts, its span) mark the words that are the speaker's."""
    sentences = article.body_sentences
    docs = nlp.sentence_docs(article.text, [(s.start, s.end) for s in sentences], article.analysis)
    quoted = [part for q in quotes for part in (q.parts or ((q.start, q.end),))]
    found: dict[tuple[int, int, str], Mention] = {}
    for sentence, doc in zip(sentences, docs, strict=True):
        reader = _Reader(article, sentence.start, quoted)
        for mention in reader.read(doc):
            found.setdefault((mention.start, mention.end, mention.label), mention)
    return sorted(found.values(), key=lambda m: (m.start, m.end, m.at))


class _Reader:
    """The mentions of one parsed sentence (``offset``: where it starts in the text)."""

    def __init__(self, article: Article, offset: int, quoted: Sequence[tuple[int, int]]) -> None:
        self.article = article
        self.offset = offset
        self.quoted = quoted
        self.entity = ""  # the entity type of the name being read

    def read(self, doc: Doc) -> Iterable[Mention]:
        """Names with their labels, then descriptions; none in a dateline ("LAS VEGAS
        (AP) — The Chiefs are champions": the parse may take the capitals for the
        subject, and the place where a story was filed is no actor of it)."""
        covered: set[int] = set(range(dateline_end(doc) or 0))
        for name in _names(doc):
            if name[-1].i in covered:
                continue
            covered.update(t.i for t in name)
            covered.update(t.i for phrase in _appositives(name) for t in phrase)
            yield from self._named(name)
        for chunk in doc.noun_chunks:
            if chunk.root.i not in covered:
                self.entity = ""
                yield from self._description(chunk)

    # -- names ---------------------------------------------------------------------------

    def _named(self, name: list[Token]) -> Iterable[Mention]:
        """A name, bare and with each label word of its premodifiers and appositives."""
        key, display = _name_key(name)
        if not key:
            return
        actor = "name:" + key
        first, last = name[0], name[-1]
        self.entity = last.ent_type_
        yield from self._make(first.i, last.i + 1, first.doc, None, "", actor, display, "name")
        pre = _premodifiers(name)
        if pre:
            country = _country(pre)
            for token, label in _label_words(pre, first.ent_type_ == "PERSON"):
                yield from self._make(pre[0].i, last.i + 1, first.doc, token, label, actor, display, "premodifier",
                                      country)  # fmt: skip
        for phrase in _appositives(name):
            if not _stands_for_someone(phrase[-1]):
                continue
            country = _country(phrase)
            start, end = min(first.i, phrase[0].i), max(last.i, phrase[-1].i) + 1
            for token, label in _label_words(_own_words(phrase), False, phrase[-1]):
                yield from self._make(start, end, first.doc, token, label, actor, display, "appositive", country)

    # -- descriptions ----------------------------------------------------------------------

    def _description(self, chunk: Span) -> Iterable[Mention]:
        """A noun phrase whose head is a label word, with the actor it describes: one
        mention for the head, one per label word modifying it ("illegal", "reclusive")."""
        labelled = _label(chunk)
        if labelled is None:
            return
        label, token = labelled
        country = _country(list(chunk))
        actor = _description_actor(chunk, label, country)
        if actor is None:
            return
        key, display = actor
        yield from self._make(chunk.start, chunk.end, chunk.doc, token, label, key, display, "description", country)
        before = [t for t in chunk if t.i < chunk.root.i and t.head.i == chunk.root.i and t.i != token.i]
        for word, extra in _label_words(before, False):
            yield from self._make(chunk.start, chunk.end, chunk.doc, word, extra, key, display, "description",
                                  country)  # fmt: skip

    # -- records ---------------------------------------------------------------------------

    def _make(
        self, i: int, j: int, doc: Doc, word: Token | None, label: str, actor: str, display: str, kind: str,
        country: str = "",
    ) -> Iterable[Mention]:  # fmt: skip
        span = doc[i:j]
        start = self.offset + span.start_char
        end = self.offset + span.end_char
        if self.article.text[start:end] != span.text:  # the parse must line up with the body
            return
        at = self.offset + word.idx if word is not None else -1
        yield Mention(
            self.article.id, start, end, span.text, label, word.text if word is not None else "",
            charge_of(label) if label else "", actor, display, self._quoted(start, end, at), kind, country, at,
            self.entity,
        )  # fmt: skip

    def _quoted(self, start: int, end: int, at: int) -> bool:
        """Whether the label word (for a bare name: the whole name) lies in a quote:
        "Varek, whom critics call “a butcher”" is the critics' label, not the outlet's."""
        if at >= 0:
            return any(s <= at < e for s, e in self.quoted)
        return any(s <= start and end <= e for s, e in self.quoted)


# -- names and their labels ---------------------------------------------------------------------


def _names(doc: Doc) -> list[list[Token]]:
    """The proper names of a sentence that name an actor: runs of proper nouns ending at
    the head of a noun phrase, inside a PERSON/ORG/GPE entity (or a NORP one used as a
    noun: "the Iranians"). A label word at the start of a person's name is no part of
    it ("Rebel" in "Rebel commander John Doe" is cut where "commander" is); in the name
    of an organisation or a place it is ("National Assembly", "Islamic Jihad")."""
    found = []
    for token in doc:
        if token.ent_type_ not in ACTOR_TYPES or token.pos_ not in ("PROPN", "NOUN") or _in_name(token):
            continue
        if token.ent_type_ == "NORP" and token.pos_ != "NOUN" and token.tag_ != "NNPS":
            continue
        run = [token]
        for left in reversed(list(doc[: token.i])):
            joined = left.head in run and left.dep_ in ("compound", "flat", "nmod")
            proper = left.pos_ == "PROPN" and left.ent_type_ == token.ent_type_
            if not joined or not proper or (lexeme(left.text) is not None and token.ent_type_ == "PERSON"):
                break
            run.insert(0, left)
        if _is_possessor_place(token):
            continue
        found.append(run)
    return found


def _in_name(token: Token) -> bool:
    """Whether a token is a non-final word of a longer name ("Kim" in "Kim Jong Un")."""
    head = token.head
    return (
        token.dep_ in ("compound", "flat") and head.i > token.i and head.ent_type_ == token.ent_type_
        and head.pos_ == "PROPN"
    )  # fmt: skip


def _is_possessor_place(token: Token) -> bool:
    """A country name used as a modifier ("North Korea's leader"): the place of a
    description, not a mention of the country on its own."""
    return token.dep_ == "poss" and token.ent_type_ in PLACE_TYPES and lexeme(token.head.text) is not None


def _name_key(name: list[Token]) -> tuple[str, str]:
    """The canonical key and display text of a name, honorifics and titles dropped."""
    words = [t for t in name if t.text.casefold().rstrip(".") not in _HONORIFICS and lexeme(t.text) is None]
    if not words:
        return "", ""
    display = name[0].doc[words[0].i : words[-1].i + 1].text
    return canonical_entity(display), display


def _premodifiers(name: list[Token]) -> list[Token]:
    """The words before a name in its noun phrase ("North Korean dictator" before
    "Kim Jong Un"), from the first modifier of the name's head on.

    None before a conjunction or a comma: the parse may hang a coordination on its
    last name ("President Donald Trump and Russian dictator Vladimir Putin" gives
    Putin "Russian dictator", not "President"). None at all when the name is not the
    head of its phrase, also when the parse hangs a modifier of the phrase on a name
    that qualifies a noun after it ("a wayward Twitter message": the message is
    wayward, not Twitter)."""
    head = name[-1]
    if head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        return []
    before = [t for t in head.subtree if t.i < name[0].i]
    if not before:
        return []
    tokens = list(head.doc[before[0].i : name[0].i])
    breaks = [k for k, t in enumerate(tokens) if t.dep_ == "cc" or t.text in (",", ";")]
    if breaks:  # "President Donald Trump and Russian dictator Vladimir Putin": Putin's words start after "and"
        tokens = tokens[breaks[-1] + 1 :]
    return [t for t in tokens if t.dep_ not in ("poss", "case") or t.ent_type_ in PLACE_TYPES]


def _appositives(name: list[Token]) -> list[list[Token]]:
    """Noun phrases in apposition to a name: "Kim, the North Korean leader" and "the
    North Korean leader, Kim Jong Un" (the phrase's words before its head included)."""
    head = name[-1]
    phrases = []
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            phrases.append(_head_phrase(child))
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and not _subject_of_next_verb(head):
        phrases.append(_head_phrase(head.head))
    verbs = [head.head] if head.dep_ == "nsubj" and head.head.dep_ != "relcl" else []
    verbs += [c for c in head.children if c.dep_ == "relcl" and any(t.dep_ == "nsubj" and t.tag_ == "WP" for t in c.children)]
    for verb in verbs:
        phrases += _predicates(verb)
    return phrases


#: Tags of a finite verb.
_FINITE = {"VBD", "VBZ", "VBP"}


def _subject_of_next_verb(name_head: Token) -> bool:
    """Whether the word right after a name is a finite verb with no subject of its own:
    in "... what motivated the attackers, Secretary of State Hillary Clinton revealed
    Wednesday" the parse hangs the name on "attackers" as an appositive, but it is the
    subject of "revealed" (an appositive is closed by a comma or the sentence's end)."""
    doc = name_head.doc
    if name_head.i + 1 >= len(doc):
        return False
    verb = doc[name_head.i + 1]
    return verb.tag_ in _FINITE and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _predicates(verb: Token) -> list[list[Token]]:
    """What a clause says its subject is: the complement of a copula ("remains a
    dictator") or the object of "as" ("emerged as Trump's most trusted ally")."""
    found: list[list[Token]] = []
    if any(c.dep_ == "dobj" for c in verb.children):
        return found  # "called him a liar": the object is labelled, not the subject
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN" and verb.text.casefold() in COPULAS:
            found.append(_head_phrase(child))
        if child.dep_ == "prep" and child.text.casefold() == "as":
            found += [_head_phrase(c) for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    return found


def _stands_for_someone(head: Token) -> bool:
    """Whether the head noun of an appositive or predicate can stand for an actor: a
    label word ("leader", "regime", "ally"), a noun for a person ("abuser") or one that
    stands for one (``STAND_INS``: "still an influential voice"). "Lauten ... is the
    latest cautionary tale": the tale is cautionary, not Lauten."""
    noun = _singular(head.text.casefold())
    return lexeme(head.text) is not None or noun.endswith(PERSON_SUFFIXES) or noun in STAND_INS


def _head_phrase(noun: Token) -> list[Token]:
    """A noun and the words before it in its phrase ("the North Korean leader")."""
    left = min([noun.i, *(t.left_edge.i for t in noun.children if t.i < noun.i)])
    return list(noun.doc[left : noun.i + 1])


def _own_words(phrase: Sequence[Token]) -> list[Token]:
    """The head of a phrase and the words that modify it directly (with adjectives
    conjoined to them): "prolific" and "abuser" of "the world's most prolific human
    rights abuser", not "most" or "human"."""
    head = phrase[-1]
    direct = [t for t in phrase if t.head.i == head.i and t.i != head.i]
    conj = [c for t in direct for c in t.children if c.dep_ == "conj" and c in phrase]
    return sorted([*direct, *conj, head], key=lambda t: t.i)


def _label_words(tokens: Sequence[Token], before_person: bool, head: Token | None = None) -> list[tuple[Token, str]]:
    """The label words of a run of words and their entries: words in ``LABELS`` that
    are no part of a proper name (capitalised role words count: "President", "Rebel");
    lower-case adjectives in no list that judge (``charge_of`` not neutral: VADER-rated
    or marked, "trusted", "reclusive"); and nouns for a person in no list that VADER
    rates ("abuser") before a person's name (``before_person``) or as the ``head`` of
    an appositive or predicate. Unrated nouns for a person are occupations more often
    than judgements ("strategist", "moderator"): no label. Pieces of a hyphenated
    word ("anti" of "anti-war") are none either."""
    out = []
    for token in tokens:
        if token.dep_ in ("poss", "case", "det") or token.ent_type_ in PLACE_TYPES or _hyphen_piece(token):
            continue
        label = lexeme(token.text)
        if label is not None:
            title = (label in ROLES or label in _NEUTRAL_HEADS) and label not in INSTITUTIONS
            if token.pos_ != "PROPN" or title or LABELS[label] != NEUTRAL:
                out.append((token, label))
            continue
        word = token.text.casefold()
        if not token.text.islower() or word in MODIFIERS or not word.replace("-", "").isalpha():
            continue
        if token.pos_ == "ADJ" and token.dep_ in ("amod", "conj") and charge_of(word) != NEUTRAL:
            out.append((token, word))
        elif token.pos_ == "NOUN" and _singular(word).endswith(PERSON_SUFFIXES) and (
            (before_person and token.dep_ == "compound") or token is head
        ) and charge_of(_singular(word)) in (PEJORATIVE, SYMPATHETIC):
            out.append((token, _singular(word)))
    return out


def _hyphen_piece(token: Token) -> bool:
    """Whether a token is a piece of a hyphenated word split by the tokenizer."""
    doc = token.doc
    after = token.i + 1 < len(doc) and not token.whitespace_ and doc[token.i + 1].text in "-–"
    before = token.i > 0 and doc[token.i - 1].text in "-–" and not doc[token.i - 1].whitespace_
    return after or before


def _country(tokens: Sequence[Token]) -> str:
    """The canonical key of a country modifier in a phrase ("North Korean", "Iran's")."""
    words = [t for t in tokens if t.ent_type_ in PLACE_TYPES and t.pos_ in ("PROPN", "ADJ", "NOUN")]
    if not words:
        return ""
    return _country_key(words[0].doc[words[0].i : words[-1].i + 1].text)


def _country_key(text: str) -> str:
    """The ``canonical_entity`` key of a country written as a name or an adjective:
    a demonym in "-an" not already aliased to its country is cut to the country's
    spelling ("North Korean" -> "north korea", as "North Korea's")."""
    key = canonical_entity(text)
    if key.endswith("an") and len(key) > 4:
        return key[:-1]
    return key


# -- descriptions --------------------------------------------------------------------------------


def _label(chunk: Span) -> tuple[str, Token] | None:
    """The label of a noun phrase and its word: its head, or a label compound before
    a generic head ("militia group" is labelled "militia")."""
    head = lexeme(chunk.root.text)
    if head is None or chunk.root.pos_ not in ("NOUN", "PROPN"):
        return None
    if head in GENERIC:
        for token in chunk:
            if token.i < chunk.root.i and token.dep_ == "compound":
                specific = lexeme(token.text)
                if specific is not None and specific not in GENERIC:
                    return specific, token
    return head, chunk.root


def _description_actor(chunk: Span, label: str, country: str) -> tuple[str, str] | None:
    """The actor key and display name of a description (see the module's keys)."""
    names = [
        t for t in chunk
        if t.i < chunk.root.i and t.tag_ in ("NNP", "NNPS") and t.dep_ == "compound" and lexeme(t.text) is None
        and t.ent_type_ not in PLACE_TYPES
    ]  # fmt: skip
    if names:
        if lexeme(chunk.root.text) in RELATIONS:
            return None  # "the unenthused Obama daughters": the daughters, not Obama
        span = chunk.doc[names[0].i : names[-1].i + 1]
        return "name:" + canonical_entity(span.text), span.text
    found = _affiliation(chunk.text)
    if found:
        name, relation = found
        return f"affiliation:{canonical_entity(name)}", f"{name}-{relation}"
    if label in GROUPS:
        return "group:" + GROUPS[label], GROUPS[label]
    if country and label in GOVERNMENT:
        places = [t for t in chunk if t.ent_type_ in PLACE_TYPES]
        return "name:" + country, _place_name(places)
    if chunk.root.tag_ in ("NNS", "NNPS"):
        return None  # "officials", "leaders": several people, not one actor named elsewhere
    if any(t.dep_ == "det" and t.text.casefold() in INDEFINITE for t in chunk):
        return None  # "a prominent leader": someone new to the text, not an actor named elsewhere
    if _restricted(chunk.root):
        return None  # "the man who lived next door": the clause says who is meant, not a name before it
    return f"role:{country}:{label}", chunk.text


def _restricted(head: Token) -> bool:
    """Whether a noun is restricted by a relative clause with no comma before it ("the
    man who lived next door", "the leader that the party chose"): the description picks
    out its referent itself, so it is not a second mention of the last name with the label."""
    for clause in head.children:
        if clause.dep_ == "relcl":
            first = min(clause.subtree, key=lambda t: t.i)
            if first.i == 0 or head.doc[first.i - 1].text not in (",", "—", "–", "("):
                return True
    return False


def _place_name(tokens: Sequence[Token]) -> str:
    """How a country modifier is shown ("Iranian" -> "Iranian"), possessive dropped."""
    return " ".join(t.text for t in tokens if t.dep_ != "case")


def _affiliation(text: str) -> tuple[str, str] | None:
    """The first "Name-backed" of ``text``: the name (from a capital that starts a word of
    the run) and the affiliation word."""
    for match in _AFFILIATION.finditer(text):
        run = match.group(1)
        for i, ch in enumerate(run):
            if "A" <= ch <= "Z" and (i == 0 or run[i - 1] == "."):
                return run[i:], match.group(2)
    return None
