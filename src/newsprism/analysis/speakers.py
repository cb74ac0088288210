"""Speakers: who says something, read on the dependency parse, for quotes and sourcing alike.

The one attribution reader of the analysis layer. ``quotes`` takes the speaker of each
direct quote from it and ``attribution`` the source of each sentence, so the two never
disagree about who said a sentence.

``Reader(article, quoted)``
    Reads the body and bullet sentences of one article once, on their ingest-time parse
    (``nlp.sentence_docs``): every ``Source`` each sentence names, in order, each
    resolved to a kind and a name. ``quoted`` are the spans of the article's quoted
    words: a reporting verb or a name inside them is the speaker's, not the outlet's.
    ``reader.sources(i)`` are sentence ``i``'s sources, best first; ``reader.main(i)``
    the one a sentence is attributed to; ``reader.speaker_of(parts)`` the source of a
    direct quote; ``reader.introduces(paragraph)`` the source a paragraph ending in an
    introduction ("Politico reports:", "He added,") hands a quote paragraph after it.

A source (``_candidates``) is the subject (``nsubj``) of a reporting verb
(``REPORTING_VERBS``: "X said", inverted "..., said X", "X said in a statement",
"X's office announced"); a relative pronoun subject ("officials who said") stands for
the noun it modifies; a verb without a subject ("..., saying", "and added") takes the
subject of the verb it hangs on; a main-clause verb the parser left without a subject
takes the noun next to it. Also: the agent of a passive ("claims denied by Iraqi
officials"), the object of "according to", the subject of "issued a statement"
(``STATEMENT_VERBS``), the document subject of "show/find" (``DOCUMENT_VERBS``), and,
for quotes only, the subject of a naming verb ("Trump called it “a disaster”",
``NAMING_VERBS``) and the owner of a noun of something said ("Axelrod's comment that
...", ``SPEECH_NOUNS``). A reporting participle on a document ("sent a letter ...
saying") is the document's, so its owner's. The word lists are data: ``data/speakers.txt``.

Who a source is (``_classify``, rules in order there): a named person, a named
organisation, anonymous, media, a document. Names are read against the article's
person index (``People``): every name mention, PERSON-like only (leading words that are
no name, "After Trump", are dropped; groups, "Democrats", "Kataib Hezbollah militia",
are organisations), with the titles and roles written with it ("President", "the
Republican nominee") and its gender when anything tells it (an honorific, a gendered
role, a common first name). A mention resolves to a full name:

* a surname ("Trump") to the person last mentioned with that surname before it (so
  "Melania Trump" does not absorb "Trump" after "President Donald Trump"), else the
  first full mention after it; a gendered honorific ("Mrs. Clinton") or a title
  ("President Trump") must fit the person;
* "he"/"she" to the one person of a fitting gender a fronted "when/after ..." clause
  or "As for X," names, else to the nearest person before it of a fitting gender, a
  speaker first (the subject of a reporting verb, as the parse or the reader found it),
  unless a newer topic comes after that speaker (a main-clause subject, or a person's
  first full-name mention as a subject), then a clause subject. A "he"/"she" already
  resolved (a pronoun speaker, or a main-clause subject) counts as a mention of its
  person, of its gender ("Walsh had ties to Biden. But he endorsed Clinton. “...,” he
  said" is Walsh's through the middle "he"; ``People.resolved``);
* a definite title or role ("the president", "the first lady", "the nominee") to the
  nearest person written with that title or role before it ("President X", "X, the
  nominee"), in any of its forms ("the congressman": "Rep. X", ``TITLE_FORMS``).

"it" stands for the sentence's proper-noun subject or a recent organisation, medium or
document source, else the organisation or country the sentence before names as its
subject or object ("The attack angered Qatar. It condemned ..."); "they" for the last
source of the two sentences before that is no one person, else unnamed people
(``anonymous``). An unresolved "he"/"she"/"it" is no source.

Named people in coordination are one joint source ("A, B and C said"); a plural noun
that lists them ("the three chairmen — A, B and C —") is that group, and so is a later
definite plural role noun ("the chairmen", "the congressmen") with the latest joint
source of the sentences before. A parenthetical reporting clause ("The documents, they
said, show ...") owns the clause it interrupts.

Words a medium passes on are the person's: "X was quoted (in the paper) as saying",
"the agency said, quoting X" (the agency stays a source for a later "it"), and a
statement "in" which X says something is X's, whoever published it.

Every span is an offset pair into ``Article.text``.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from newsprism import nlp
from newsprism.analysis._dateline import dateline_end
from newsprism.analysis._wordlists import equivalents, read_sections
from newsprism.model import BODY, BULLET, Article, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "Reader",
    "reader",
    "reporting_verbs",
    "Source",
    "People",
    "KINDS",
    "NAMED_KINDS",
    "NAMED_PERSON",
    "NAMED_ORGANISATION",
    "ANONYMOUS",
    "MEDIA",
    "DOCUMENT",
    "UNATTRIBUTED",
    "REPORTING_VERBS",
    "PERSON_TITLES",
    "ANONYMITY",
    "SOURCED_KINDS",
    "Span",
    "ABBREVIATIONS",
    "ends_sentence",
    "last_word",
    "joint_members",
]

Span = tuple[int, int]

# -- data ------------------------------------------------------------------------------------


def _read_lists() -> dict[str, tuple[str, ...]]:
    """The word lists of ``data/speakers.txt`` (see ``_wordlists``)."""
    return read_sections("speakers.txt")


_LISTS = _read_lists()


def _words_of(name: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _LISTS[name])


#: Lemmas of the verbs that attribute a claim to their subject (see the data file).
REPORTING_VERBS = _words_of("reporting_verbs")
#: Reporting verbs just as often used in another sense with a direct object ("added
#: sanctions"): they attribute only when they govern a clause, stand as a
#: parenthetical, or stand bare.
COMPLEMENT_VERBS = _words_of("complement_verbs")
#: Verbs that attribute only when their subject is a document or the media.
DOCUMENT_VERBS = _words_of("document_verbs")
#: "X issued / released a statement": the subject is the source.
STATEMENT_VERBS = _words_of("statement_verbs")
#: "X filed a lawsuit", "a letter sent by X": the document is X's.
FILING_VERBS = _words_of("filing_verbs")
#: Verbs that put quoted words in their subject's mouth ("called it “a disaster”"):
#: a quote's speaker, not a sentence's source.
NAMING_VERBS = _words_of("naming_verbs")
#: Nouns of something said ("his claim that ..."): the owner said the clause's quoted words.
SPEECH_NOUNS = _words_of("speech_nouns")
#: Reporting verbs that say the speaker before goes on ("the governor continues").
CONTINUING_VERBS = _words_of("continuing_verbs")
#: Nouns of a relative ("whose son, James Lee"): see ``Person.relative``.
KIN_WORDS = _words_of("kin_words")
#: Titles and honorifics written before a person's name.
PERSON_TITLES = _words_of("person_titles")
#: Words that make the title after them another office ("vice president").
ROLE_PREFIXES = _words_of("role_prefixes")


#: A title's forms (``data/speakers.txt [title_forms]``): "the congressman" is the
#: person written "Rep. Lee".
TITLE_FORMS = equivalents(_LISTS["title_forms"])
_FEMALE_NAMES = _words_of("female_names")
_MALE_NAMES = _words_of("male_names")
_FEMALE = _words_of("female_words") | _FEMALE_NAMES
_MALE = _words_of("male_words") | _MALE_NAMES

# -- kinds -----------------------------------------------------------------------------------

NAMED_PERSON = "named_person"
NAMED_ORGANISATION = "named_organisation"
ANONYMOUS = "anonymous"
MEDIA = "media"
DOCUMENT = "document"
UNATTRIBUTED = "unattributed"
KINDS = (NAMED_PERSON, NAMED_ORGANISATION, ANONYMOUS, MEDIA, DOCUMENT, UNATTRIBUTED)
#: Kinds that carry a canonical ``name`` (media only for a named outlet: "Reuters").
NAMED_KINDS = (NAMED_PERSON, NAMED_ORGANISATION, MEDIA)
#: Kinds of sentence whose sources are read: body sentences and bullet summaries.
SOURCED_KINDS = (BODY, BULLET)

# -- source words ----------------------------------------------------------------------------

#: Words that turn a PERSON-labelled mention into an organisation: the small spaCy NER
#: labels "Kataib Hezbollah militia" PERSON.
GROUP_WORDS = frozenset(
    """
    militia militias group groups party parties forces army movement brigade brigades front
    faction factions network organisation organization coalition alliance council ministry
    committee company corp inc ltd agency government administration office department
    campaign
    """.split()
)
#: Named news organisations: a source naming one is ``media`` (case-sensitive match).
MEDIA_NAMES = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "CNN", "BBC",
    "Al Jazeera", "Al Arabiya", "New York Times", "Washington Post", "Wall Street Journal",
    "Financial Times", "Bloomberg", "Fox News", "NBC", "CBS", "ABC News", "NPR", "Politico",
    "Axios", "Guardian", "Xinhua", "TASS", "RIA Novosti", "Interfax", "IRNA", "Tasnim", "Fars",
    "Yonhap", "Kyodo", "DPA", "EFE", "ANSA", "Anadolu", "Sky News", "CNBC", "USA Today",
    "Times of Israel", "Haaretz", "Der Spiegel", "Le Monde", "Daily Mail", "The Times",
)  # fmt: skip
MEDIA_NAME = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(MEDIA_NAMES, key=len, reverse=True)) + r")\b")
#: Head nouns of an unnamed news source: "state media", "the newspaper", "local TV".
MEDIA_WORDS = frozenset(
    "media newspaper paper daily broadcaster outlet television tv channel station tabloid wire magazine".split()
)
#: "reports" with no owner ("according to reports") is the media; "the report" a document.
_REPORT_PLURAL = "reports"
#: Head nouns of a written or recorded source: "a statement", "court filings".
DOCUMENT_WORDS = frozenset(
    """
    statement report document filing memo letter release communique communiqué study survey
    record transcript indictment complaint lawsuit suit affidavit email message post tweet video
    footage data analysis assessment review audit ruling order decree notice bulletin
    cable readout dossier leaflet flyer advisory charge charges warrant petition ad mail
    advertisement poll
    """.split()
)
#: Head nouns of an institution: definite ("the government", "al-Sudani's office") it is
#: a named organisation, indefinite ("a militia group") an unnamed, anonymous, source.
INSTITUTION_WORDS = frozenset(
    """
    government administration ministry department office military army navy police embassy
    agency council court committee commission parliament cabinet presidency company firm
    group militia party movement organisation organization coalition alliance campaign
    command regime junta board union
    """.split()
)
#: Unnamed people, anonymous even when an organisation qualifies them ("Pentagon
#: officials"). Any other common-noun head that is not a document, medium, institution or
#: a person's role written earlier ("critics", "witnesses") is anonymous too.
UNNAMED_WORDS = frozenset(
    """
    official officials source sources person people spokesman spokeswoman spokesperson aide
    aides diplomat diplomats officer officers insider insiders authorities member members
    lawmaker lawmakers investigator investigators witness witnesses resident residents
    analyst analysts expert experts critic critics someone
    """.split()
)
_COMMON_SOURCE_WORDS = UNNAMED_WORDS | INSTITUTION_WORDS | MEDIA_WORDS | DOCUMENT_WORDS | {"reports"}
#: Phrases that mark a source as deliberately unnamed.
ANONYMITY = re.compile(
    r"(?:speaking\s+)?on\s+(?:the\s+)?condition\s+of\s+anonymity"
    r"|(?:who\s+)?(?:asked|requested|declined|refused|wished)\s+not\s+to\s+be\s+(?:named|identified)"
    r"|(?:who\s+)?(?:asked|requested|declined|refused)\s+to\s+(?:not\s+)?be\s+(?:named|identified)"
    r"|(?:not|n[o']t)\s+authori[sz]ed\s+to\s+(?:speak|talk|comment|discuss)\w*(?:\s+(?:publicly|on\s+the\s+record))?"
    r"|(?:requested|asked\s+for|granted|insisted\s+on)\s+anonymity"
    r"|speaking\s+anonymously"
    r"|(?:people|persons?|sources?|officials?)\s+(?:familiar\s+with|close\s+to|briefed\s+on)",
    re.IGNORECASE,
)
#: Pronouns: "he"/"she" resolve to a person, "it" to a thing, "they" to the last source;
#: first and second person outside quotes are the writer or the reader, no source.
_PERSONAL = {"he": "m", "she": "f"}
_NEUTER = {"it"}
_PLURAL = {"they"}
#: Possessive pronouns, read as the pronoun they are the possessive of ("his claim": he).
_POSSESSIVE = {"his": "he", "her": "she", "its": "it", "their": "they"}
_FIRST_SECOND = {"i", "we", "you"}
_RELATIVE = {"who", "which", "that", "whom"}
_NAME_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
#: Entity labels of words that never say anything ("on Monday: “...”").
_NOT_SOURCE_LABELS = {"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
#: Parts of speech that never begin a person's name: "After Trump", "But Kempthorne".
_NOT_NAME_POS = {"ADP", "SCONJ", "CCONJ", "ADV", "DET", "PART", "PUNCT", "PRON", "VERB", "AUX", "INTJ", "NUM", "SYM"}
#: Dependency labels kept on the right of a source's head: "people familiar with the
#: matter", "a spokesman for the ministry". Clauses and appositions are left out.
_RIGHT_DEPS = {"prep", "amod", "compound", "nummod", "case", "nmod", "poss"}
_LEFT_SKIP = {"punct", "cc", "conj", "preconj", "appos", "relcl", "acl"}
_MARKS = "\"'“”‘’„«»‟＂‹›"
_MARKS_AS_SPACES = str.maketrans(dict.fromkeys(_MARKS, " "))
#: Punctuation inside a name or phrase ("55-year-old", "Fire & Rescue") that joins its parts.
_BRIDGES = {"-", "–", "&", "/"}
#: Determiners of an institution noun that leave it unnamed: "a group", "those firms".
_UNNAMING_DETERMINERS = {"a", "an", "some", "one", "these", "those", "such", "several", "many", "both", "other", "another"}
#: Parts of speech a source's head may have: a thing or someone, not a verb.
_SOURCE_POS = {"NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"}
#: Prepositions after a complement verb that make it another sense ("added to the
#: warming", "continued with the talks"); others ("wrote on Twitter") do not.
_OBJECT_PREPOSITIONS = {"to", "into", "for", "with"}
#: Dependency labels of a clausal complement: the reported content.
_CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: A quote's source stands right next to it: at most this many words between the quoted
#: words and the source after them ('“...,” the defense secretary said') ...
ADJACENT_AFTER = 3
#: ... or between the source and the quoted words after it ('Trump told the crowd: “...').
ADJACENT_BEFORE = 6
#: "he"/"she" prefers a person who is the subject of a clause in this many sentences before.
SUBJECT_WINDOW = 4

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


# -- text ------------------------------------------------------------------------------------

#: Abbreviations whose full stop ends no sentence ("Mr. Autor said"), with the abbreviated
#: titles the tokenizer keeps whole ("Det.", ``nlp.title_abbreviations``): one list for both.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "adm",
    "st", "jr", "sr", "prof", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "maj", "rev",
} | {word.rstrip(".").casefold() for word in nlp.title_abbreviations()}  # fmt: skip
#: Sentence-final punctuation: a run of it followed by a space or the end. The run
#: must start the run (lookbehind) and is taken whole (possessive), so a long run of
#: dots not followed by a space is rejected once, not once per dot (quadratic).
_FINAL = re.compile(r"(?<![.!?…])[.!?…]++(?=\s|$)")


def last_word(text: str, start: int, end: int) -> str:
    """The last whitespace-separated word of ``text[start:end]`` (``""`` if none).

    Read back from ``end``: splitting the whole prefix at each candidate sentence end
    made the sentence splitters quadratic in the length of the text.
    """
    while end > start and text[end - 1].isspace():
        end -= 1
    first = end
    while first > start and not text[first - 1].isspace():
        first -= 1
    return text[first:end]


def ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends inside ``text[start:end]`` (not at an abbreviation or an
    initial: "Mr. Autor said", "A.J. Smith said")."""
    return any(_ends_with_stop(last_word(text, start, m.end())) for m in _FINAL.finditer(text, start, end))


def _ends_with_stop(word: str) -> bool:
    """Whether a word's final punctuation ends a sentence: not the full stop of an
    abbreviation ("Mr."), an initial ("J.") or a dotted name ("U.S.")."""
    if not word or word[-1] not in ".!?…":
        return False
    stem = word.rstrip(".!?…").strip("\"'“”‘’()").casefold()
    if not stem:
        return True  # punctuation standing alone: the word before it ends a sentence
    return word[-1] != "." or (stem not in ABBREVIATIONS and len(stem) > 1 and "." not in stem)


# -- people ----------------------------------------------------------------------------------


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'").rstrip(".")


def _is_title_word(word: str) -> bool:
    return word.casefold() in PERSON_TITLES or _fold(word) in PERSON_TITLES


def gender_of(words: Iterable[str]) -> str | None:
    """"f", "m" or None (no evidence, or both) from honorifics, gendered roles and
    common first names."""
    folded = {_fold(w) for w in words}
    female, male = bool(folded & _FEMALE), bool(folded & _MALE)
    return "f" if female and not male else "m" if male and not female else None


@dataclass(frozen=True, slots=True)
class Person:
    """One mention of a person by name.

    ``start``/``end`` cover the name words (titles, a possessive and leading words that
    are no name dropped); ``roles`` are the title and role words written with it
    ("president", "nominee", "mr"); ``subject`` tells whether the name is a clause
    subject, ``main`` whether of the sentence's main clause (not "He said [Obama was
    ...]", not "which [Trump] pulled out of") and ``speaker`` whether it is the subject
    of a reporting verb (likelier antecedents of "he"/"she"); ``quoted`` whether it lies
    inside quoted words; ``relative`` whether it names someone's relative, in apposition
    to a kin noun ("whose son, James Lee": ``KIN_WORDS``).
    """

    start: int
    end: int
    words: tuple[str, ...]
    roles: frozenset[str]
    subject: bool
    speaker: bool
    quoted: bool
    sentence: int
    main: bool
    relative: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(_fold(w) for w in self.words)


class _Antecedent(NamedTuple):
    """A candidate for what a "he"/"she" stands for (``People.pronoun``): a name mention
    or a pronoun resolved before, at ``pos``; ``order`` is its mention index (names) or
    past the mentions (resolved pronouns); ``target`` the mention of its person."""

    pos: int
    order: int
    target: int
    sentence: int
    speaker: bool
    subject: bool
    main: bool
    gender: str


@dataclass(frozen=True, slots=True)
class Resolved:
    """A "he"/"she" outside quoted words, already resolved: where it stands, the mention of
    the person it stands for, and whether it is a speaker (the subject of a reporting verb)
    and a main-clause subject. A later "he" may stand for the same person through it."""

    pos: int
    sentence: int
    target: int
    speaker: bool
    main: bool
    #: "m" for "he", "f" for "she": the person it stands for is of that gender here.
    gender: str = ""


@dataclass(slots=True)
class People:
    """The person mentions of an article, in text order, each resolved to the full
    name it stands for (see the module docstring)."""

    mentions: list[Person] = field(default_factory=list)
    #: The "he"/"she" resolved so far, in text order (``Reader`` adds them as it reads).
    resolved: list[Resolved] = field(default_factory=list)
    #: For each mention, the index of the full-name mention it resolves to.
    refers: list[int] = field(default_factory=list)
    #: Per full name (its key), the roles and the gender evidence of all its mentions.
    roles: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    genders: dict[tuple[str, ...], set[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, article: Article, sentences: Sequence[Sentence], docs: Sequence[Doc], quoted: Sequence[Span]) -> People:
        """Collect and resolve the person mentions of the parsed sentences."""
        found: dict[int, Person] = {}
        for sentence, doc in zip(sentences, docs, strict=True):
            for person in _name_mentions(article, sentence, doc, quoted):
                found.setdefault(person.start, person)
        surnames = {p.words[-1] for p in found.values()}
        for sentence, doc in zip(sentences, docs, strict=True):
            for person in _surname_mentions(sentence, doc, quoted, surnames, found):
                found.setdefault(person.start, person)
        people = cls()
        for person in sorted(found.values(), key=lambda p: p.start):
            people.add(person)
        people.resolve_later()
        return people

    def add(self, person: Person) -> None:
        """Append a mention (in text order) and resolve it against the ones before."""
        index = len(self.mentions)
        self.mentions.append(person)
        target = index if len(person.words) > 1 else self._antecedent_name(person)
        self.refers.append(index if target is None else target)
        key = self.mentions[self.refers[-1]].key
        self.roles.setdefault(key, set()).update(person.roles)
        gender = gender_of([*person.roles, person.words[0]] if len(person.words) > 1 else person.roles)
        if gender:
            self.genders.setdefault(key, set()).add(gender)

    def speaks(self, start: int, end: int, main: bool) -> None:
        """Mark the name mention in a sentence's main source phrase as a speaker and a
        subject (of the main clause with ``main``), whatever the parse hung it on
        ("Rep. Bobby Scott, D-Va., one of the nine lawmakers to vote against it, said
        ..." parses Scott as the subject of "vote"): the reader found him saying it, so
        a "he" after is likely him."""
        for i, person in enumerate(self.mentions):
            if start <= person.start < end and not person.quoted:
                self.mentions[i] = replace(person, speaker=True, subject=True, main=person.main or main)

    def gender(self, key: tuple[str, ...]) -> str | None:
        genders = self.genders.get(key, set())
        return next(iter(genders)) if len(genders) == 1 else None

    def _fits(self, candidate: int, gender: str | None) -> bool:
        """Whether a full-name mention may be the person of a bare mention of this
        gender (an unknown gender on either side fits)."""
        return gender is None or self.gender(self.mentions[candidate].key) in (None, gender)

    def _antecedent_name(self, person: Person) -> int | None:
        """The person a bare name stands for, among the persons mentioned before it with
        that surname (a full name, or a titled surname with no full name, "President
        Trump"): one whose title it carries ("President Trump"), else one whose gender is
        known to fit, else one not named as someone's relative ("Lee, whose son, James
        Lee, ..."), else the one mentioned most so far (the story's main person, not a
        relative named once: "Mr. Trump" after "President Trump and Melania Trump"; counted
        by person), else the one named in the latest sentence (a daughter named after her
        father, "... Hale said"), else one with a title or role (a public figure, among
        people named in one sentence), else the latest; else the first full mention after
        it (``resolve_later``); first names too."""
        word = _fold(person.words[0])
        gender = gender_of(person.roles)
        titles = person.roles - _FEMALE - _MALE
        before = list(dict.fromkeys(
            self.refers[i]
            for i in range(len(self.mentions) - 2, -1, -1)
            if self.mentions[i].key[-1:] == (word,) and self.mentions[self.refers[i]].key[-1:] == (word,)
        ))  # fmt: skip
        fitting = [i for i in before if self._fits(i, gender)]
        if fitting:
            count = Counter(self.mentions[r].key for r in self.refers)  # by person: each full mention is its own
            latest = {self.mentions[r].key: self.mentions[m].sentence for m, r in enumerate(self.refers)}
            return min(fitting, key=lambda i: (
                not titles & self.roles.get(self.mentions[i].key, set()),
                gender is None or self.gender(self.mentions[i].key) != gender,
                self.mentions[i].relative,
                -count[self.mentions[i].key],
                -latest[self.mentions[i].key],
                not self.roles.get(self.mentions[i].key, set()) - _FEMALE - _MALE,
                fitting.index(i),
            ))  # fmt: skip
        by_first = [
            i for i in range(len(self.mentions) - 2, -1, -1)
            if len(self.mentions[i].words) > 1 and self.mentions[i].key[0] == word and self._fits(i, gender)
        ]  # fmt: skip
        return by_first[0] if by_first else None

    def resolve_later(self) -> None:
        """Bare names with no full mention before them: the first full mention after
        them with that surname (a headline's "Trump" before the body's "Donald Trump"),
        never one in the same sentence ("President Trump and Melania Trump" are two
        people) nor one after the bare name was used again (a person the story already
        calls "Trump" is not the "Melania Trump" met later); the mentions that resolved
        to the bare name follow it."""
        for index, target in enumerate(self.refers):
            person = self.mentions[index]
            if target != index or len(person.words) > 1:
                continue
            gender = self.gender(person.key) if self.gender(person.key) else gender_of(person.roles)
            until = next((j for j in range(index + 1, len(self.mentions)) if self.refers[j] == index), len(self.mentions))
            after = next(
                (j for j in range(index + 1, until)
                 if len(self.mentions[j].words) > 1 and self.mentions[j].key[-1] == person.key[0]
                 and self.mentions[j].sentence != person.sentence and self._fits(j, gender)),
                None,
            )  # fmt: skip
            if after is not None:
                self.refers[index] = after
                self.roles.setdefault(self.mentions[after].key, set()).update(person.roles)
        self.refers = [self.refers[t] for t in self.refers]

    def at(self, start: int, end: int) -> int | None:
        """The index of the mention that overlaps ``start:end`` (the last one)."""
        hits = [i for i, p in enumerate(self.mentions) if p.start < end and start < p.end]
        return hits[-1] if hits else None

    def name(self, index: int) -> str:
        """The full name a mention stands for, as written in the full mention."""
        return " ".join(self.mentions[self.refers[index]].words)

    def by_words(self, words: Sequence[str], pos: int) -> str:
        """The full name of a name not in the index (read from a source phrase): the
        name its last word resolves to among the mentions before ``pos``."""
        if len(words) > 1 or not words:
            return " ".join(words)
        word = _fold(words[0])
        before = [i for i, p in enumerate(self.mentions) if p.start < pos and p.key[-1:] == (word,)]
        after = [i for i, p in enumerate(self.mentions) if p.start >= pos and p.key[-1:] == (word,) and len(p.words) > 1]
        if before:
            return self.name(before[-1])
        return self.name(after[0]) if after else words[0]

    def pronoun(self, pos: int, sentence: int, gender: str, besides: tuple[str, ...] = ()) -> int | None:
        """The mention a "he"/"she" at ``pos`` stands for: among the persons before it
        of a fitting gender, the nearest speaker (subject of a reporting verb) within
        ``SUBJECT_WINDOW`` sentences, unless the subject of a main clause written after
        that speaker's sentence comes between (the newer topic: "Macron said ... Trump
        appeared skeptical. “...,” he said" is Trump's); else the nearest clause subject
        there, else the nearest person. Names inside quotes are skipped, and so is the
        person whose key is ``besides`` (a speaker is no "he" in his own words).

        A "he"/"she" resolved before counts as a mention of its person, with its own
        role: "Walsh had ties to Biden. But on Sunday he endorsed Clinton. “...,” he
        said" is Walsh's through the middle "he" (a main-clause subject after Biden)."""
        candidates = sorted(
            [_Antecedent(m.start, i, i, m.sentence, m.speaker, m.subject, m.main, "") for i, m in enumerate(self.mentions)
             if m.end <= pos and not m.quoted]
            + [_Antecedent(r.pos, len(self.mentions) + k, r.target, r.sentence, r.speaker, True, r.main, r.gender)
               for k, r in enumerate(self.resolved) if r.pos < pos],
            reverse=True,
        )  # fmt: skip
        fitting = [c for c in candidates if self._may_be(c, gender) and self.mentions[self.refers[c.target]].key != besides]
        recent = [c for c in fitting if c.sentence >= sentence - SUBJECT_WINDOW]
        speakers = [c for c in recent if c.speaker]
        subjects = [c for c in recent if c.subject]
        topics = [c for c in subjects if c.main or self._introduced(c.order)]
        if speakers and topics and topics[0].sentence > speakers[0].sentence:
            return topics[0].target  # "Macron said ... Trump appeared skeptical. “We'll see,” he said": Trump
        for preferred in (speakers, subjects, fitting):
            if preferred:
                return preferred[0].target
        return None

    def _may_be(self, candidate: _Antecedent, gender: str) -> bool:
        """Whether a candidate fits a "he"/"she" of ``gender``: a resolved pronoun by its
        own gender, a name by what is known of its person's (unknown fits)."""
        if candidate.gender:
            return candidate.gender == gender
        return self.gender(self.mentions[self.refers[candidate.target]].key) in (None, gender)

    def _introduced(self, index: int) -> bool:
        """Whether candidate ``index`` is a person's first mention, by full name (a subject
        so introduced is the new topic, whatever clause the parse hung it on)."""
        return index < len(self.mentions) and self.refers[index] == index and len(self.mentions[index].words) > 1

    def titled(self, pos: int, role: str) -> int | None:
        """The mention a definite title or role ("the president") at ``pos`` stands
        for: the nearest person before it written with that title or role, in any of
        its forms ("the congressman": "Rep. Lee", ``TITLE_FORMS``)."""
        forms = TITLE_FORMS.get(role, frozenset({role}))
        for i in range(len(self.mentions) - 1, -1, -1):
            person = self.mentions[i]
            if person.end <= pos and forms & self.roles.get(self.mentions[self.refers[i]].key, set()):
                return i
        return None

    def has_role(self, role: str) -> bool:
        forms = TITLE_FORMS.get(role, frozenset({role}))
        return any(forms & roles for roles in self.roles.values())


#: Words an entity may swallow after a name ('Juan "Chico" Manriquez of Oakland'); not
#: name particles ("al", "de", "van"), which stay inside a name (``data/speakers.txt``).
_ENTITY_TAILS = _words_of("entity_tails")


def _name_tokens(tokens: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    """(titles, name) of the tokens of a person mention: leading words that are no name
    ("After", "But", "the", an inverted "Stated") dropped, titles split off the front, a possessive and
    punctuation off the end."""
    tokens = list(tokens)
    while tokens and (
        (tokens[0].pos_ in _NOT_NAME_POS and not _mistagged_name(tokens[0]))
        or not tokens[0].text[:1].isupper()
        or _past_reporting_form(tokens[0].text)
    ) and not _is_title_word(tokens[0].text):
        tokens = tokens[1:]  # not "After", "But", nor the verb of an inverted "Stated Stone:"
    verb = next((k for k, t in enumerate(tokens) if k and _verb_form(t.text)), None)
    tokens = tokens[:verb] if verb is not None else tokens  # a headline's "Obama Says ..."
    while tokens and (
        tokens[-1].tag_ == "POS"
        or tokens[-1].is_punct
        or tokens[-1].text in ("’s", "'s")
        or tokens[-1].text in _ENTITY_TAILS
    ):
        tokens = tokens[:-1]  # not the "of" an entity swallowed ('Juan "Chico" Manriquez of Oakland')
    titles: list[Token] = []
    while tokens and _is_title_word(tokens[0].text) and len(tokens) > 1:
        titles.append(tokens.pop(0))
    inner = _inner_title(tokens)
    if inner is not None:  # "RNC Chair Reince Priebus": the body and its title go with the titles
        titles, tokens = titles + tokens[: inner + 1], tokens[inner + 1 :]
    return titles, tokens


def _inner_title(tokens: Sequence[Token]) -> int | None:
    """The index of the last title word inside a name after the name of the body it is
    a title of ("RNC Chair Reince Priebus", "Senate Majority Leader Harry Reid"): a
    capitalised title followed by at least two words, and no given name before it (not
    "Martin Luther King Jr.")."""
    found = None
    for k, tok in enumerate(tokens[:-2]):
        if tok.text[:1].isupper() and _is_title_word(tok.text):
            found = k
    if found is None or any(_fold(t.text) in _FEMALE_NAMES | _MALE_NAMES for t in tokens[:found]):
        return None
    return found


def _verb_form(word: str) -> bool:
    """A present-tense reporting verb, as title-case headlines write it after a name
    ("Says", "Tells", "Warns"): the small model takes it into the PERSON entity."""
    word = word.casefold()
    return word.endswith("s") and (word[:-1] in REPORTING_VERBS or word[:-2] in REPORTING_VERBS)


def _past_reporting_form(word: str) -> bool:
    """A past-tense reporting verb opening an inverted attribution ("Added Gibbs:",
    "Said Smith,"), which the tagger may take for the first word of a name."""
    word = word.casefold()
    return word == "said" or word.endswith("ed") and (word[:-1] in REPORTING_VERBS or word[:-2] in REPORTING_VERBS)


def _person_like(name: Sequence[Token]) -> bool:
    """Whether name tokens can be a person's name: capitalised words (name particles
    inside allowed), no group word, not a lone plural or nationality ("Democrats",
    "Republican")."""
    if not name or not name[-1].text[:1].isupper():
        return False
    if any(t.lower_ in GROUP_WORDS for t in name):
        return False
    if len(name) == 1 and (name[0].tag_ == "NNPS" or name[0].ent_type_ == "NORP" or _is_title_word(name[0].text)):
        return False
    return all(t.text[:1].isupper() or t.is_punct or len(t.text) <= 3 for t in name)


def _roles(head: Token, titles: Sequence[Token]) -> frozenset[str]:
    """Title and role words written with a name: the titles before it, common-noun
    modifiers ("candidate" in "presidential candidate Donald Trump"), appositions
    ("Trump, the nominee", "the nominee, Donald Trump")."""
    roles = set(_title_roles([_fold(t.text) for t in titles]))
    for child in head.children:
        if child.dep_ in ("compound", "amod") and child.pos_ == "NOUN" and child.i < head.i:
            roles.add(nlp.lemma(child))
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            roles.add(nlp.lemma(child))
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        roles.add(nlp.lemma(head.head))
    return frozenset(roles)


def _title_roles(words: Sequence[str]) -> list[str]:
    """The roles of title words: each word, but a prefix and the title after it are one
    role ("Vice President" is "vice president", not "president": ``ROLE_PREFIXES``)."""
    roles: list[str] = []
    k = 0
    while k < len(words):
        if words[k] in ROLE_PREFIXES and k + 1 < len(words):
            roles.append(f"{words[k]} {words[k + 1]}")
            k += 2
        else:
            roles.append(words[k])
            k += 1
    return roles


def _role_of(head: Token) -> str:
    """The role a common-noun head names: its lemma, with a prefix written before it
    ("the vice president" is "vice president")."""
    lemma = nlp.lemma(head)
    prefix = next((c for c in head.lefts if c.dep_ in ("compound", "amod") and _fold(c.text) in ROLE_PREFIXES), None)
    return f"{_fold(prefix.text)} {lemma}" if prefix is not None else lemma


def _subject_like(head: Token) -> bool:
    """A name that is a clause subject, directly or as an apposition of one, or the
    sentence's first word hung on a root verb that has no subject ("Akin, however,
    continued ...": the tagger read the name as the adverb "akin")."""
    if _noun_phrase_head(head).dep_ in _SUBJECT_DEPS:
        return True
    verb = head.head
    return head.i == 0 and verb.dep_ == "ROOT" and verb.pos_ == "VERB" and not _has_subject(verb)


def _has_own_subject(verb: Token) -> bool:
    """Whether a clause has a subject of its own that is no relative pronoun ("a memo in
    which Obama directed ...", not "someone who had “threatened ...”": that is still
    the named one)."""
    return any(c.dep_ in _SUBJECT_DEPS and c.lower_ not in _RELATIVE for c in verb.children)


def _has_subject(verb: Token) -> bool:
    """Whether a verb has a subject of its own (active or passive)."""
    return any(c.dep_ in _SUBJECT_DEPS for c in verb.children)


def _noun_phrase_head(tok: Token) -> Token:
    while tok.dep_ in ("appos", "compound", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _clause_head(name: Token) -> Token:
    """The verb a name is the subject of."""
    return _noun_phrase_head(name).head


def _syntactic_head(tokens: Sequence[Token]) -> Token:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])


def _in_spans(pos: int, spans: Sequence[Span]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _person(sentence: Sentence, titles: Sequence[Token], name: Sequence[Token], quoted: Sequence[Span]) -> Person:
    offset = sentence.start
    head = _syntactic_head(name)
    start = offset + name[0].idx
    return Person(
        start=start,
        end=offset + name[-1].idx + len(name[-1].text),
        words=tuple(_words(name).split()),
        roles=_roles(head, titles),
        subject=_subject_like(head),
        speaker=_subject_like(head) and _reports(_clause_head(head)),
        quoted=_in_spans(start, quoted),
        sentence=sentence.index,
        main=_subject_like(head) and _main_clause(_clause_head(head)),
        relative=head.dep_ == "appos" and nlp.lemma(head.head) in KIN_WORDS,
    )


def _reports(verb: Token) -> bool:
    """Whether a verb reports speech, itself or by a reporting verb coordinated with it
    that shares its subject ("Lee would not go that far but said ...") or a reporting
    participle that borrows it ("Biden weighed in, telling Mic ...")."""
    if reporting_lemma(verb) is not None:
        return True
    return any(
        (c.dep_ == "conj" or (c.tag_ == "VBG" and c.dep_ in ("advcl", "xcomp")))
        and reporting_lemma(c) is not None and not _has_subject(c)
        for c in verb.children
    )  # fmt: skip


def _main_clause(verb: Token) -> bool:
    """Whether a verb heads its sentence's main clause (the root, or a verb coordinated with it)."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _name_mentions(article: Article, sentence: Sentence, doc: Doc, quoted: Sequence[Span]) -> Iterable[Person]:
    """Person mentions of one sentence: PERSON entities, and title + proper nouns the
    NER missed or labelled otherwise ("Gov. Lee" as GPE)."""
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = ent.start
        while start > 0 and _is_title_word(doc[start - 1].text) and doc[start - 1].text[:1].isupper():
            start -= 1
        titles, name = _name_tokens(doc[start : ent.end])
        if _person_like(name):
            taken.update(t.i for t in name)
            yield _person(sentence, titles, name, quoted)
    for tok in doc:
        if not (_is_title_word(tok.text) and tok.text[:1].isupper()) or tok.i + 1 >= len(doc):
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and not _is_title_word(doc[end].text):
            end += 1
        if end == tok.i + 1 or any(i in taken for i in range(tok.i + 1, end)):
            continue
        titles, name = _name_tokens(doc[tok.i : end])
        if _person_like(name) and not _modifier(name[-1]) and not any(t.ent_type_ in ("ORG", "FAC", "LOC") and t.ent_iob_ == "I" for t in name):
            taken.update(t.i for t in name)
            yield _person(sentence, titles, name, quoted)


def _modifier(tok: Token) -> bool:
    """A name that modifies a common noun ("the Trump campaign", "a Trump adviser"):
    it names the campaign or the adviser, not the person speaking."""
    return tok.dep_ == "compound" and tok.head.pos_ != "PROPN"


def _surname_mentions(
    sentence: Sentence, doc: Doc, quoted: Sequence[Span], surnames: set[str], found: dict[int, Person]
) -> Iterable[Person]:
    """Bare surnames the NER missed ("Trump" labelled ORG): a proper noun that is the
    last word of a person mention of the article (a full name, or a one-word name the
    NER read as a person elsewhere: "President Trump ... Trump appeared skeptical"),
    standing on its own (not the modifier of a common noun: "the Trump campaign")."""
    for tok in doc:
        pos = sentence.start + tok.idx
        if tok.text not in surnames or pos in found:
            continue
        if tok.pos_ not in ("PROPN", "NOUN") and not (tok.pos_ in ("ADV", "ADJ") and _subject_like(tok)):
            continue  # "Akin, however, continued": a surname that is also a word, read as the word
        if any(p.start <= pos < p.end for p in found.values()):
            continue
        if _modifier(tok):
            continue
        yield _person(sentence, [], [tok], quoted)


# -- sources -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Who:
    """Who a source phrase is: kind, canonical name and the name mention it was read
    from (for a pronoun or a title, the earlier mention it resolves to)."""

    kind: str
    name: str | None
    mention: Span


@dataclass(frozen=True, slots=True)
class Source:
    """A source one sentence's parse attributes something to, and who it is.

    ``start``/``end`` cover the source phrase as written ("Defense Secretary Lloyd
    Austin", "he", "two U.S. officials"); ``mention`` the name it was read from (the
    antecedent for "he", "the president"); ``verb`` the verb's lemma or "according to";
    ``reports`` is False for a naming verb ("called it “...”") and a name before a
    quote's colon ('Trump: “...”'), which give a quote its speaker but no sentence its
    source.
    """

    sentence: int
    start: int
    end: int
    kind: str
    name: str | None
    mention: Span
    verb: str
    verb_span: Span
    reports: bool
    anonymous_phrase: bool
    anchor: Token = field(repr=False, compare=False)
    rank: tuple[int, int, int] = field(compare=False)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A source found in a sentence's parse, before it is resolved."""

    head: Token
    start: int
    end: int
    verb: str
    verb_span: Span
    reports: bool
    anchor: Token
    rank: tuple[int, int, int]  # (depth of the verb, no clause, position): lower wins


#: The middle rank of the medium that told a person's words ("the agency said, quoting
#: Kim"): a source for "it" later, never a quote's speaker.
_TELLER = 2

#: The dependents of a naming verb that hold what the thing is called ("calling it [a
#: scam]", "denounced him [as a madman]", "described it as [reckless]").
_NAMED_AS = ("oprd", "xcomp", "acomp", "attr", "ccomp", "prep")


class Reader:
    """Every source of the body and bullet sentences of one article, read once."""

    def __init__(self, article: Article, quoted: Sequence[Span] = ()) -> None:
        self.article = article
        self.quoted = tuple(sorted(quoted))
        self.sentences, self.docs = _sourced(article)
        self._position = {sentence.index: k for k, sentence in enumerate(self.sentences)}
        self.people = People.read(article, self.sentences, self.docs, self.quoted)
        self._sources: dict[int, list[Source]] = {}
        #: The documents the sentences read so far mention, in text order: (lemma of the
        #: head noun, its named owner or None).
        self._documents: list[tuple[str, Who | None]] = []
        #: Groups of named people the sentences read so far introduced, by the lemma of
        #: the plural noun that named them ("the three chairmen — A, B and C —"), so a
        #: later "the chairmen said" is theirs.
        self.groups: dict[str, Who] = {}
        #: Joint sources of named people the sentences read so far named ("A, B and C
        #: said"), with the index of their sentence: a later definite plural role noun
        #: ("the congressmen wrote") is the latest of them (``_recent_joint``).
        self.joints: list[tuple[int, Who]] = []
        history: list[Source] = []
        for sentence, doc in zip(self.sentences, self.docs, strict=True):
            found = self._read(sentence, doc, history)
            self._sources[sentence.index] = found
            main = next((s for s in found if s.reports), None)
            if main is not None:
                history.append(main)
                self.people.speaks(main.start, main.end, _main_clause(main.anchor))
            _note_pronouns(_Context(self, sentence), doc, main)
            self._documents.extend(_document_mentions(_Context(self, sentence), doc))
            _note_groups(_Context(self, sentence), doc)

    def before(self, index: int) -> tuple[Sentence, Doc] | None:
        """The sentence read just before sentence ``index``, with its parse (None for the first)."""
        position = self._position.get(index, 0)
        return (self.sentences[position - 1], self.docs[position - 1]) if position > 0 else None

    def owner_of(self, lemma: str) -> Who | None:
        """The named owner of the document a definite "the lawsuit" refers to: the one the
        last earlier mention of that kind of document names ("The DNC filed a lawsuit
        ... The lawsuit alleges"), None when that mention names none ("a lawsuit")."""
        for earlier, owner in reversed(self._documents):
            if _same_document_word(earlier, lemma):
                return owner
        return None

    # -- what callers ask

    def sources(self, index: int) -> list[Source]:
        """Sentence ``index``'s sources, best first (empty for other kinds of sentence)."""
        return self._sources.get(index, [])

    def main(self, index: int) -> Source | None:
        """The source sentence ``index`` is attributed to: its best reporting source."""
        return next((s for s in self.sources(index) if s.reports), None)

    def reported(self) -> list[tuple[Span, Source]]:
        """The reported-speech clauses of the article and their sources: the clause a
        reporting verb governs ("Officials said [the militia fired the rockets]"), in
        text order; for a naming verb, what it names the thing ("calling it [a scam]",
        "described him as [a madman]"). Its words render the source's claim: a label or charged word there
        is the source's voice, not the outlet's. A sentence the outlet writes "according
        to" a source is not one: the tag cites the source for the facts, the wording
        stays the outlet's ("... other jihadists, according to the Pentagon")."""
        found: list[tuple[Span, Source]] = []
        for sentence in self.sentences:
            for source in self.sources(sentence.index):
                if source.verb == "according to":
                    continue
                deps = ("ccomp",) if source.reports else _NAMED_AS
                for clause in source.anchor.children:
                    if clause.dep_ in deps and (clause.dep_ != "prep" or clause.lower_ == "as"):
                        tokens = list(clause.subtree)
                        start = sentence.start + tokens[0].idx
                        end = sentence.start + tokens[-1].idx + len(tokens[-1].text)
                        found.append(((start, end), source))
        return sorted(found, key=lambda f: f[0])

    def speaker_of(self, parts: Sequence[Span], among: Span | None = None) -> Source | None:
        """The source of a direct quote with these quoted parts.

        Among the sources of the sentences the quote runs through, outside its words:
        the source right next to a part, the nearest first: after it ('“...,” Austin
        said', '“...,” according to the Pentagon', not after a part that ends its
        sentence with a full stop) or before it ('Trump told the crowd: “...',
        'Jones said Smith told him: “...'); else the verb that governs the quoted words
        in the parse, the deepest first ('Clinton said Trump was “unfit to serve”'; a
        parenthetical verb governs the clause it interrupts: 'The documents, they said,
        show he was “blind with biases”' is theirs, not the documents').

        With ``among``, only sources whose verb lies in that span count: a quote nested
        in another takes its speaker from the outer quote's own words ('“... Kennedy
        called it ‘a disgrace’ ...”'), never from the attribution of the outer quote;
        and a source after it is next to it only with no word between ('‘...,’ he
        said'): the outer speaker's words run on past a nested quote ('not ‘a war of
        choice’ at all, but Weir called it ‘...’').
        """
        adjacent: list[tuple[int, int, Source]] = []
        governing: list[tuple[int, int, Source]] = []
        for sentence, doc in self._touched(parts):
            inside = [t for t in doc if _in_spans(sentence.start + t.idx, parts)]
            for source in self.sources(sentence.index):
                if _in_spans(source.verb_span[0], parts) or _in_spans(source.start, parts) or source.rank[1] == _TELLER:
                    continue  # the medium that quoted a person ("the agency said, quoting Kim") is not the speaker
                if among is not None and not among[0] <= source.verb_span[0] < among[1]:
                    continue
                distance = self._distance(source, parts, 0 if among is not None else ADJACENT_AFTER)
                if distance is not None:
                    adjacent.append((distance, source.verb_span[0], source))
                subtree = {t.i for t in _governed(source.anchor, naming=source.verb in NAMING_VERBS)}
                if any(t.i in subtree for t in inside):
                    governing.append((-_depth(source.anchor), source.verb_span[0], source))
        found = min(adjacent, key=lambda a: a[:2], default=None) or min(governing, key=lambda g: g[:2], default=None)
        if found is None and among is None:
            return self._bare_after(parts)
        return found[2] if found else None

    def _bare_after(self, parts: Sequence[Span]) -> Source | None:
        """The source of a sentence that only attributes, right after a quote that ends
        its own sentence with a full stop ('“You're not in a good position.” Trump
        said.'): the quote's speaker when nothing else names one."""
        text = self.article.text
        for _, end in parts:  # after any part: '“...now.” Trump said. “...”' is one quote in two parts
            for sentence, _ in self._touched(parts):
                if sentence.start < end:
                    continue
                for source in self.sources(sentence.index):
                    first = min(source.start, source.verb_span[0])
                    if _bare_attribution(source) and _adjacent(text[end:first], ADJACENT_AFTER, self.quoted, end, first):
                        return source
        return None

    def other_than(self, source: Source, name: str) -> Source | None:
        """A "he"/"she" source that resolved to ``name``, resolved again to the person it
        stands for besides that one; None for any other source, or no one else. In a
        speaker's own quoted words a "he" is someone else ('“... And he said ‘I knew
        it,’” Sestak said': not Sestak)."""
        word = self.article.text[source.start : source.end].casefold()
        if word not in _PERSONAL or source.name != name:
            return None
        found = self.people.pronoun(source.start, source.sentence, _PERSONAL[word], tuple(_fold(w) for w in name.split()))
        if found is None:
            return None
        who = _person_at(self.people, found)
        return replace(source, name=who.name, mention=who.mention)

    def introduces(self, paragraph: int) -> Source | None:
        """The source a paragraph hands the next one to, when it ends in an introduction:
        a colon or a comma right after its last reporting clause ("Politico reports:",
        "The Post reported last week that ...:", "He added,"), with no quoted words after
        that clause's verb: the sentence's main source (``main``), else the name before
        its colon ("Trump:"). A naming verb introduces nothing."""
        text = self.article.text
        last = max((s for s in self.sentences if s.paragraph == paragraph), key=lambda s: s.start, default=None)
        if last is None or not text[last.start : last.end].rstrip().endswith((":", ",")):
            return None
        source = self.main(last.index) or next((s for s in self.sources(last.index) if s.verb == ":"), None)
        if source is None or has_quote_mark(text, source.verb_span[1], last.end):
            return None
        return source

    def closes_with(self, index: int) -> Source | None:
        """The source sentence ``index`` ends with, handing it the quote that opens the
        next sentence: its main source when only that source phrase and punctuation
        follow its finite reporting verb ("... plays as the prime minister continues." /
        "“The world tells ...”"; "Smith added."), with no quoted words after the verb.
        Not an infinitive ("Smith declined to comment.")."""
        sentence = next((s for s in self.sentences if s.index == index), None)
        source = self.main(index)
        if sentence is None or source is None or source.anchor.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        tail = self.article.text[max(source.end, source.verb_span[1]) : sentence.end]
        if tail.strip() and not all(c in ".!?" for c in tail.strip()):
            return None
        return None if has_quote_mark(self.article.text, source.verb_span[1], sentence.end) else source

    def _touched(self, parts: Sequence[Span]) -> list[tuple[Sentence, Doc]]:
        """The sentences a quote runs through, and those its marks touch, in the
        quote's paragraphs."""
        first, last = parts[0][0], parts[-1][1]
        paragraphs = {p.index for p in self.article.paragraphs for s, _ in parts if p.start <= s < p.end}
        return [
            (s, d)
            for s, d in zip(self.sentences, self.docs, strict=True)
            if s.start <= last + 3 and first - 3 <= s.end and s.paragraph in paragraphs
        ]

    def _distance(self, source: Source, parts: Sequence[Span], after: int = ADJACENT_AFTER) -> int | None:
        """Characters between a quote part and a source right next to it (at most
        ``after`` words after it, ``ADJACENT_BEFORE`` before it), or None when it is
        next to none. A source before a colon introduces what follows it only ('“...?”
        His response: “...”')."""
        text = self.article.text
        first = min(source.start, source.verb_span[0])
        last = max(source.end, source.verb_span[1])
        distances = []
        for s, e in parts:
            if (
                e <= first
                and source.verb != ":"
                and not _full_stop(last_word(text, s, e))
                and not _opens_colon(text, last)
                and _adjacent(text[e:first], after, self.quoted, e, first)
            ):
                distances.append(first - e)
            elif last <= s and _adjacent(text[last:s], ADJACENT_BEFORE, self.quoted, last, s):
                gap = text[last:s].strip(" \t\n" + _MARKS)
                if len(_WORD.findall(gap)) <= 1 or gap.endswith((":", ",")):
                    distances.append(s - last)
        return min(distances, default=None)

    def _read(self, sentence: Sentence, doc: Doc, history: Sequence[Source]) -> list[Source]:
        """The resolved sources of one sentence, best first; candidates that resolve to
        nobody ("he" with no one before) are dropped."""
        ctx = _Context(self, sentence)
        out = []
        for cand in sorted(_candidates(ctx, doc), key=lambda c: c.rank):
            who = self._who(ctx, cand, history)
            if who is None:
                continue
            anonymous = who.kind != NAMED_PERSON and bool(ANONYMITY.search(_words(list(cand.head.subtree))))
            kind = ANONYMOUS if anonymous else who.kind
            out.append(
                Source(
                    sentence.index, cand.start, cand.end, kind, None if anonymous else who.name, who.mention,
                    cand.verb, cand.verb_span, cand.reports, anonymous, cand.anchor, cand.rank,
                )
            )  # fmt: skip
        return out

    def _who(self, ctx: _Context, cand: _Candidate, history: Sequence[Source]) -> Who | None:
        head = cand.head
        if head.pos_ == "PRON" and head.lower_ in (*_PERSONAL, *_NEUTER, *_PLURAL, *_POSSESSIVE):
            return _resolve_pronoun(ctx, head, history)
        who = _classify(ctx, head)
        if who.kind == ANONYMOUS and cand.verb in CONTINUING_VERBS and _unresolved_role(head):
            return _speaker_going_on(ctx, history) or who
        return who


def _unresolved_role(head: Token) -> bool:
    """A definite singular role noun that is no unnamed source word ("the Texas
    governor", not "the spokesman"): a person the article names elsewhere."""
    return head.pos_ == "NOUN" and head.tag_ == "NN" and _definite(head) and nlp.lemma(head) not in UNNAMED_WORDS


def _speaker_going_on(ctx: _Context, history: Sequence[Source]) -> Who | None:
    """The named person who spoke last, within ``SUBJECT_WINDOW`` sentences: the one a
    continuing verb's unresolved role stands for ('“...,” says Perry. ... “...,” the
    governor continues')."""
    recent = [s for s in history if s.sentence >= ctx.sentence.index - SUBJECT_WINDOW]
    if not recent or recent[-1].kind != NAMED_PERSON or not recent[-1].name:
        return None
    return Who(NAMED_PERSON, recent[-1].name, recent[-1].mention)


def _sourced(article: Article) -> tuple[list[Sentence], list[Doc]]:
    """The body and bullet sentences of an article and their parses."""
    sentences = [s for s in article.sentences if s.kind in SOURCED_KINDS]
    spans = [(s.start, s.end) for s in sentences]
    return sentences, (nlp.sentence_docs(article.text, spans, article.analysis) if spans else [])


def reporting_verbs(article: Article) -> list[Span]:
    """The spans of the reporting verbs (and "according to") of the body and bullet
    sentences, in order, quoted or not: where an attribution clause may be."""
    spans: list[Span] = []
    for sentence, doc in zip(*_sourced(article), strict=True):
        for tok in doc:
            according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
            if according or reporting_lemma(tok) is not None:
                spans.append((sentence.start + tok.idx, sentence.start + tok.idx + len(tok.text)))
    return spans


#: Recently built readers: quotes, then sourcing, read the same articles in turn (every
#: article of a large story must fit, or each one is built twice).
_RECENT: OrderedDict[tuple[str, int, tuple[Span, ...]], Reader] = OrderedDict()
RECENT_SIZE = 64


def reader(article: Article, quoted: Sequence[Span] = ()) -> Reader:
    """The ``Reader`` of an article with these quoted spans, built once and shared (the
    quote extractor and the sourcing read the same article with the same quotes)."""
    key = (article.id, hash(article.text), tuple(sorted(quoted)))
    if key in _RECENT:
        _RECENT.move_to_end(key)
        return _RECENT[key]
    built = _RECENT[key] = Reader(article, quoted)
    while len(_RECENT) > RECENT_SIZE:
        _RECENT.popitem(last=False)
    return built


def _parenthetical(verb: Token) -> bool:
    """A reporting verb set in the clause it reports ("The documents, they said, show ...")."""
    return verb.dep_ == "parataxis" and verb.head.i != verb.i and reporting_lemma(verb) is not None


#: Clauses under a naming verb that say something of their own subject.
_OWN_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl"})


def _governed(verb: Token, naming: bool = False) -> Iterable[Token]:
    """The words a source's verb governs: its subtree, or, for a parenthetical
    reporting clause, the clause it interrupts. A naming verb names what it governs
    outside clauses of their own subject ("Perry is referring to a memo in which Obama
    directed agencies to “promote and protect” rights": Obama's words, not Perry's)."""
    if _parenthetical(verb):
        return verb.head.subtree
    if not naming:
        return verb.subtree
    clauses = [c for c in verb.subtree if c.i != verb.i and c.dep_ in _OWN_CLAUSE_DEPS and _has_own_subject(c)]
    own = {t.i for c in clauses for t in c.subtree}
    return [t for t in verb.subtree if t.i not in own]


#: Most words of a sentence that only attributes ("Trump said.", "Smith told reporters
#: on Friday.").
BARE_ATTRIBUTION_WORDS = 8
#: What a reporting verb governs when it reports something of its own, not the quote
#: before it ('“...” Smith said the team would celebrate.').
_OWN_CONTENT = frozenset({"ccomp", "xcomp", "csubj", "parataxis"})


def _bare_attribution(source: Source) -> bool:
    """Whether a source's sentence does nothing but attribute: its reporting verb is the
    sentence's root, governs no clause of its own, and the sentence is short ('“We won.”
    Trump said.'). Such a sentence, right after a quote that ends with a full stop,
    names that quote's speaker."""
    verb = source.anchor
    if verb.dep_ != "ROOT" or any(c.dep_ in _OWN_CONTENT for c in verb.children):
        return False
    return sum(1 for t in verb.sent if t.is_alpha) <= BARE_ATTRIBUTION_WORDS


def _full_stop(word: str) -> bool:
    """A quoted part ending with a full stop that ends its sentence ('“We will win.”
    Smith then left'): what follows is no attribution of it ("?" and "!" may be)."""
    return word.endswith(".") and _ends_with_stop(word)


def _opens_colon(text: str, end: int) -> bool:
    """Whether a colon follows a source right after its end ('Then an announcer
    concludes: “...”'): the source introduces the quote after it, so it is no attribution
    of quoted words before it ('“Wait until when?” Then an announcer concludes:')."""
    return text[end : end + 3].lstrip()[:1] == ":"


def has_quote_mark(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a quote mark, not counting an apostrophe inside
    a word ("the chamber’s")."""
    return any(
        c in _MARKS and not (c in "'’" and text[i - 1 : i].isalpha() and text[i + 1 : i + 2].isalpha())
        for i, c in enumerate(text[start:end], start)
    )


def _adjacent(gap: str, most: int, quoted: Sequence[Span], start: int, end: int) -> bool:
    """Whether the gap ``start:end`` between a quote part and a source is short (at most
    ``most`` words) and holds no sentence end and no other quoted words (else the source
    is another sentence's or another quote's)."""
    if len(_WORD.findall(gap)) > most or any(start < s and e < end for s, e in quoted):
        return False
    spaced = gap.translate(_MARKS_AS_SPACES)  # '...." Smith said': the mark ends no word
    return not ends_sentence(spaced, 0, len(spaced))


@dataclass(frozen=True, slots=True)
class _Context:
    """One sentence being read: the reader and where the sentence's parse starts."""

    reader: Reader
    sentence: Sentence

    @property
    def article(self) -> Article:
        return self.reader.article

    @property
    def people(self) -> People:
        return self.reader.people

    @property
    def offset(self) -> int:
        return self.sentence.start

    def span(self, tok: Token) -> Span:
        return self.offset + tok.idx, self.offset + tok.idx + len(tok.text)

    def in_quote(self, pos: int) -> bool:
        return _in_spans(pos, self.reader.quoted)


# -- candidates ----------------------------------------------------------------------------------


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth


def _governs_clause(verb: Token) -> bool:
    return any(c.dep_ in _CLAUSE_DEPS for c in verb.children)


def _attributes(verb: Token, lemma: str, quoted: Callable[[Token], bool]) -> bool:
    """Whether a reporting verb attributes here (see ``COMPLEMENT_VERBS``): it governs a
    finite clause ("added that ..."; not "continued to fight") or a colon ('wrote of
    Merkel: “...”'), asks for quoted words ('asked members to join him “for a private
    call”': what was asked is the asker's words, unless the asking is itself reported),
    stands as a parenthetical, or stands bare (no object, preposition or particle; an object inside
    quoted words is what was said: 'writing “Feels great ...”'; the particle of a listed
    phrasal verb is the verb's own: "as Smith pointed out, “...”" stands bare)."""
    if lemma not in COMPLEMENT_VERBS:
        return True
    objects = ("dobj", "obj", "dative", "prt", "xcomp")
    particle = lemma.partition(" ")[2]  # "point out": its "out" is the verb's, no object
    bare = not any(
        (c.dep_ in objects or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS)) and not quoted(c)
        for c in verb.children
        if not (particle and c.lower_ == particle and c.dep_ in ("prt", "dobj"))
    )  # "added to the list" is another sense; "wrote on Twitter" is not
    clause = any(c.dep_ in ("ccomp", "parataxis") or c.text == ":" for c in verb.children)
    asked = any(c.dep_ == "xcomp" and any(quoted(t) and _directly_under(t, c) for t in c.subtree) for c in verb.children)
    asked = asked and not _reported_by_another(verb, quoted)
    return bare or clause or asked or verb.dep_ == "parataxis"


#: Dependencies that open a clause or phrase of its own inside what is asked for:
#: quoted words there are not what was asked ("urged them to act, while mocking a
#: measure to reaffirm “In God We Trust”").
_EMBEDDING_DEPS = frozenset({"advcl", "acl", "relcl", "pcomp", "ccomp", "csubj"})


def _directly_under(tok: Token, top: Token) -> bool:
    """Whether ``tok`` hangs under ``top`` through no embedded clause (``_EMBEDDING_DEPS``)."""
    while tok.i != top.i:
        if tok.dep_ in _EMBEDDING_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _verb_like(tok: Token) -> bool:
    """A verb, or a plural noun with a subject of its own: a verb the tagger read as a
    noun ("the congressman demands.", "she claims")."""
    return tok.pos_ in ("VERB", "AUX") or (tok.tag_ == "NNS" and any(c.dep_ == "nsubj" for c in tok.children))


def _reported_by_another(verb: Token, quoted: Callable[[Token], bool]) -> bool:
    """Whether a verb stands under a reporting verb of another subject ("X asked Y to
    explore “options”, the White House said": the words are the statement's, not X's)."""
    subject = _subject(verb, quoted)
    above = _conjunct_head(verb) if verb.dep_ == "conj" else verb.head
    ancestors = [above, *above.ancestors] if above.i != verb.i else []
    return any(reporting_lemma(a) is not None and _subject(a, quoted) != subject for a in ancestors)


def reporting_lemma(tok: Token) -> str | None:
    """The reporting verb a token is, as listed ("say", or with its particle or object:
    "go on", "point out", "put it"), or None."""
    if not _verb_like(tok):
        return None
    lemma = nlp.lemma(tok)
    for child in tok.children:
        if child.dep_ in ("prt", "dobj") and f"{lemma} {child.lower_}" in REPORTING_VERBS:
            return f"{lemma} {child.lower_}"
    return lemma if lemma in REPORTING_VERBS else None


def _subject(verb: Token, quoted: Callable[[Token], bool]) -> Token | None:
    """The source of a reporting verb: its subject, the agent of a passive, or (for a
    participle or a conjoined verb without a subject) the subject of its head verb.
    A subject inside quoted words is the quote's, not the verb's ('“The fact that he
    tried,” Huckabee said' parses "fact" as a second subject of "said"). A verb in a
    series ("He paused, then added: ...", parsed as ``dep``) shares its head's subject.
    Of two subjects, a person's name comes first: "CrowdStrike CEO, George Kurtz said"
    parses the title and the name as two subjects, and the source is Kurtz."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not quoted(c)]
    if len(subjects) > 1:
        subjects.sort(key=lambda c: c.ent_type_ != "PERSON")  # stable: otherwise in text order
    for child in subjects:
        if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head  # "officials who said" -> officials
        if _dateline(child):  # "WASHINGTON (AP) — President Obama accused ...": Obama
            named = next((c for c in child.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if named is not None:
                return named
            continue  # "UPDATE: AARP CEO Barry Rand said": Rand, the verb's other subject
        return child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    named = next((c for c in verb.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if named is not None and verb.pos_ == "VERB":
        return named  # "ends with Perry claiming, “...”": a verb has no compounds; the name is its subject
    document = _document_of_participle(verb)
    if document is not None:
        return document
    if verb.dep_ in ("conj", "advcl", "xcomp", "dep") and verb.head.i != verb.i:
        if verb.dep_ in ("advcl", "xcomp") and verb.tag_ != "VBG":
            return None  # only "..., saying" participles borrow a subject
        if verb.dep_ == "dep" and (verb.head.pos_ != "VERB" or verb.head.i > verb.i):
            return None  # "He paused, then added: ..." (a verb in series) borrows; nothing else
        head = _conjunct_head(verb) if verb.dep_ == "conj" else verb.head
        return next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
    if verb.dep_ in ("ROOT", "parataxis"):
        return _adjacent_source(verb) or _interrupted_subject(verb)
    if verb.dep_ == "acl" or verb.dep_ == "pcomp":
        return _clause_subject_of_participle(verb) or _verbless_subject(verb)
    return _inverted_opening(verb)


#: Prepositions whose "-ing" clause is an adjunct of the main clause, its subject the
#: main clause's ("after telling reporters ..., Weiner broke his silence"); not "for" or
#: "of" ("criticized him for saying": the saying is his, not the subject's).
_ADJUNCT_PREPOSITIONS = frozenset({"after", "before", "while", "since", "upon", "without", "by"})


def _document_of_participle(verb: Token) -> Token | None:
    """The document a reporting participle hangs on, which says the words ("sent her a
    letter citing ... and saying, “...”", "released a report saying that ..."), or on
    the one it was sent to ("sent an e-mail to members saying ..."): its owner is then
    read as for any document (``_document_owner``)."""
    if verb.tag_ != "VBG":
        return None
    if verb.dep_ == "conj" and verb.head.tag_ == "VBG":
        verb = verb.head  # "citing ... and saying": the first participle hangs on the noun
    noun = verb.head
    if verb.dep_ == "acl" and noun.dep_ == "pobj" and noun.head.lower_ == "to" and verb.doc[verb.i - 1].text != ",":
        sent = noun.head.head  # "sent an e-mail to members saying ...": the e-mail says it
        sent_documents = (c for c in sent.children if c.dep_ == "dobj" and c.i < noun.i and nlp.lemma(c) in DOCUMENT_WORDS)
        noun = next(sent_documents, noun)
    if verb.dep_ != "acl" or noun.pos_ != "NOUN" or noun.tag_ == "NNS" or nlp.lemma(noun) not in DOCUMENT_WORDS:
        return None
    return noun


_PAST, _PRESENT = frozenset({"VBD"}), frozenset({"VBZ", "VBP"})


def _conjunct_head(verb: Token) -> Token:
    """The verb a subjectless conjunct shares its subject with: its head, unless the two
    differ in tense, one past and one present, which suggests the parser hung it too
    low ("Obama said economists predict growth if Congress passes the deal and urged
    lawmakers to ..." hangs "urged" on "passes"): then the nearest verb above of the
    conjunct's tense, else the nearest reporting verb from its head up ("The lawsuit
    alleged that the campaign welcomed help and accuses it of ..."), else its head."""
    tense = _PAST if verb.tag_ in _PAST else _PRESENT if verb.tag_ in _PRESENT else None
    head = verb.head
    if tense is None or head.tag_ not in _PAST | _PRESENT or head.tag_ in tense:
        return head
    above = list(head.ancestors)
    same = next((a for a in above if a.tag_ in tense), None)
    if same is not None:
        return same
    return next((a for a in [head, *above] if reporting_lemma(a) is not None), head)


def _verbless_subject(verb: Token) -> Token | None:
    """The subject of a sentence's main verb that the parser hung, after a comma, on the
    sentence's root noun, leaving the sentence with no verb at its root ("Third Way, a
    group that has favored cuts, called the plan “a watershed moment”": "called" as a
    modifier of "Third Way"): that noun."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN"):
        return None
    if noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    return noun if verb.i > 0 and verb.doc[verb.i - 1].text == "," else None


def _clause_subject_of_participle(verb: Token) -> Token | None:
    """The subject of a reporting participle with no subject of its own, found on the way
    up to the first verb: one the parser hung on a noun (``acl``) after a comma ("Clinton
    ended the debate with a reference to the film, remarking, “...”" is Clinton's), or
    one in an adjunct phrase of the main clause (``pcomp`` of ``_ADJUNCT_PREPOSITIONS``:
    "A day after telling reporters that he's “...”, Weiner broke his silence" is
    Weiner's)."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    if verb.dep_ == "acl" and verb.doc[verb.i - 1].text != ",":
        return None
    if verb.dep_ == "pcomp" and verb.head.lower_ not in _ADJUNCT_PREPOSITIONS:
        return None
    tok = verb.head
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or (verb.dep_ == "pcomp" and tok.dep_ != "ROOT"):
        return None  # an adjunct of an embedded clause ("told X that the news was ... before noting") is unsure
    return next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)


def _name_segment(tokens: Sequence[Token]) -> bool:
    """Whether a comma-delimited run of tokens is a person's name and nothing else:
    proper nouns and titles ("Rep. Bobby Scott"), one of them in a PERSON entity."""
    return (
        bool(tokens)
        and all(t.pos_ == "PROPN" or _is_title(t) for t in tokens)
        and any(t.ent_type_ == "PERSON" for t in tokens)
    )


def _interrupted_subject(verb: Token) -> Token | None:
    """The subject of a reporting verb the parser lost because an interruption set off
    by commas stands between them: "Asked about it, Trump, who ..., said,", "In an ad,
    Joni Ernst, a candidate in ..., announced", "Rep. Bobby Scott, D-Va., one of ...,
    said". The first comma-delimited segment before the verb that is a person's name
    and nothing else (``_name_segment``), with at least one segment between it and the
    verb; only for a verb right after a comma (an adverb between: ", clearly says")."""
    doc = verb.doc
    comma = verb.i - 1
    while comma >= 0 and doc[comma].pos_ == "ADV":
        comma -= 1
    if comma < 1 or doc[comma].text != ",":
        return None
    segments: list[list[Token]] = [[]]
    for tok in doc[:comma]:
        if tok.text == ",":
            segments.append([])
        elif tok.text in _MARKS:
            return None  # quoted words before the verb: not one clause with an interruption
        else:
            segments[-1].append(tok)
    return next((seg[-1] for seg in segments[:-1] if _name_segment(seg)), None)


def _inverted_opening(verb: Token) -> Token | None:
    """The name after a reporting verb that opens its sentence, inverted ("Added Gibbs:
    “...”", "Said Smith, “...”"), which the parser reads as a compound: the proper nouns
    right after it, up to a colon or a comma."""
    doc = verb.doc
    if verb.i != 0 or verb.tag_ not in ("VBD", "VBN"):
        return None
    end = verb.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    if end == verb.i + 1 or end >= len(doc) or doc[end].text not in (":", ","):
        return None
    return doc[end - 1]


def _dateline(tok: Token) -> bool:
    """Whether a word lies in a dateline or a label opening its sentence ("WASHINGTON (AP)
    —", "UPDATE:", ``analysis._dateline``), which the parser may take for the subject:
    no source."""
    end = dateline_end(tok.doc)
    return end is not None and tok.i < end


def _adjacent_source(verb: Token) -> Token | None:
    """The noun right before (or, inverted, right after) a reporting verb the parser
    left without a subject: '“...,” team general manager A.J. Smith said' parses "Smith"
    as an apposition of a word inside the quote."""
    doc = verb.doc
    for i in (verb.i - 1, verb.i + 1):
        if not 0 <= i < len(doc) or doc[i].ent_type_ in _NOT_SOURCE_LABELS:
            continue  # not "said Thursday"
        tok = doc[i]
        while tok.dep_ in ("poss", "compound") and tok.head.i != tok.i and tok.head.i > tok.i:
            tok = tok.head  # "exhorted Clinton's introducer, ...": the introducer
        objects = ("dobj", "pobj") if i > verb.i else ("dobj", "pobj", "attr")
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in objects:
            return tok  # a reporting verb takes no attribute: '“...,” summarized Senor' (attr)
        if i > verb.i and _mistagged_name(tok):
            return tok
    return None


def _mistagged_name(tok: Token) -> bool:
    """A capitalised word alone between a reporting verb and a comma or full stop that the
    tagger read as another part of speech ('“...,” said Skelly, ...': an adverb, for its
    "-ly"): in that place it is the name of who said it."""
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (
        tok.is_alpha
        and tok.text[:1].isupper()
        and tok.text[1:].islower()
        and tok.pos_ in ("ADV", "ADJ", "VERB")
        and not tok.ent_type_
        and (after is None or after.text in (",", "."))
    )


def _phrase(head: Token) -> tuple[Token, Token]:
    """First and last token of the source phrase headed by ``head``: its left modifiers
    and qualifying right modifiers ("people familiar with the matter"), contiguous,
    without clauses, appositions or punctuation at the edges."""
    keep = {head.i}
    for child in head.lefts:
        dated = child.ent_type_ in ("DATE", "TIME") and head.ent_type_ not in ("DATE", "TIME")
        if child.dep_ not in _LEFT_SKIP and not dated:
            keep.update(t.i for t in child.subtree)  # not "Yesterday" in "Yesterday AMD announced"
    for child in head.rights:
        if child.dep_ in _RIGHT_DEPS and not (child.dep_ == "prep" and child.lower_ == "to"):
            keep.update(t.i for t in child.subtree)  # "said Smith to AFP": AFP is the addressee
    doc = head.doc
    keep.update(i for i in range(len(doc)) if doc[i].text in _BRIDGES and i - 1 in keep and i + 1 in keep)
    first = last = head.i
    while first - 1 in keep and doc[first - 1].text != ",":
        first -= 1
    while last + 1 in keep and doc[last + 1].text != ",":
        last += 1
    while first < head.i and (doc[first].is_punct or doc[first].text in _MARKS or doc[first].pos_ in ("ADP", "SCONJ", "CCONJ")):
        first += 1
    while last > head.i and (doc[last].is_punct or doc[last].text in _MARKS):
        last -= 1
    return doc[first], doc[last]


def _proper(tok: Token) -> bool:
    """A proper noun, a word NER puts in a name (the small model tags "NYPD" NNS), or a
    word written like a name ("10News": a capital inside the word).

    A common source word capitalised at the start of a sentence ("Police said",
    "Officials said") is not a name unless it is part of a longer one ("New York Police");
    capitalised inside a sentence it is ("the Post reported").
    """
    inner_capital = (
        tok.pos_ in ("NOUN", "NUM", "X") and tok.text[:1].isalnum() and any(c.isupper() for c in tok.text[1:])
    )
    initial = tok.i == 0 or not any(c.isalnum() for c in tok.doc[: tok.i].text)
    capitalised = tok.pos_ == "NOUN" and tok.text[:1].isupper() and not initial  # '..., Hannity said'
    misread = _mistagged_name(tok)  # '“...,” said Skelly,' (an adverb to the tagger)
    if tok.pos_ != "PROPN" and tok.ent_type_ not in _NAME_LABELS | {"PERSON"} and not (inner_capital or capitalised or misread):
        return False
    if tok.lower_ in _COMMON_SOURCE_WORDS or nlp.lemma(tok) in _COMMON_SOURCE_WORDS:
        if tok.text[:1].isupper() and not initial:
            return True
        return (tok.lower_ in INSTITUTION_WORDS or nlp.lemma(tok) in INSTITUTION_WORDS) and any(
            c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_) for c in tok.children
        )
    return True


def _appositive_name(head: Token) -> Token | None:
    """A proper-noun apposition of a common-noun or group source: "the defense
    secretary, Lloyd Austin," and "Peter T. King, Republican of New York," (parsed with
    "Republican" as the head) are named persons."""
    if _proper(head) and not _is_title(head) and head.ent_type_ != "NORP":
        return None  # "Director at security company Trusteer, Dana Tamir" is Dana Tamir
    return next(
        (
            c
            for c in head.rights
            if c.dep_ == "appos" and _proper(c) and c.ent_type_ != "DATE" and not _party_state(_words(list(c.subtree)))
        ),
        None,
    )


#: Initials of the parties in a party-and-state annotation ("D-Nev.", "R-S.C.", "I-Vt.").
_PARTY_INITIALS = frozenset("DRI")


def _party_state(text: str) -> bool:
    """Whether words are a party-and-state annotation written after a name ("(D-Nev.)",
    "R-S.C."): no name of a speaker, nor part of one."""
    text = text.strip("() ,")
    party, dash, state = text[:1], text[1:2], text[2:].strip()
    return (
        party in _PARTY_INITIALS
        and dash in ("-", "–")
        and 1 < len(state) <= 16
        and state[:1].isupper()
        and all(c.isalpha() or c in ". " for c in state)
    )


def _source_span(ctx: _Context, head: Token) -> Span:
    first, last = _phrase(head)
    appos = _appositive_name(head)
    if appos is not None:
        last = max(last, _phrase(appos)[1], key=lambda t: t.i)
    return ctx.offset + first.idx, ctx.offset + last.idx + len(last.text)


def _document_like(head: Token) -> bool:
    """Whether a source head is a document or a news medium (the subjects that
    ``DOCUMENT_VERBS`` attribute to)."""
    words = {nlp.lemma(head), head.lower_}
    return (
        bool(words & (DOCUMENT_WORDS | MEDIA_WORDS))
        or head.lower_ == _REPORT_PLURAL
        or MEDIA_NAME.search(head.text) is not None
    )


def _issues_statement(verb: Token) -> bool:
    """"X issued / released / published a statement": the subject is the source."""
    if nlp.lemma(verb) not in STATEMENT_VERBS:
        return False
    return any(c.dep_ == "dobj" and nlp.lemma(c) in DOCUMENT_WORDS for c in verb.children)


def _verb_source(tok: Token, quoted: Callable[[Token], bool]) -> tuple[Token | None, str] | None:
    """(source, lemma) of a verb that attributes, or None when it does not."""
    if not _verb_like(tok):
        return None
    lemma = reporting_lemma(tok) or nlp.lemma(tok)
    if _issues_statement(tok) or lemma in NAMING_VERBS:
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None) or _verbless_subject(tok)
        if subject is None and tok.tag_ == "VBG" and tok.dep_ == "advcl":
            subject = _subject(tok, quoted)  # "Calling it a scam, Trump said ..."
        return subject, lemma
    quoted_person = _quoted_in_passive(tok)
    if quoted_person is not None:
        return quoted_person, lemma  # "Kim was quoted as telling ...", "Lee is shown saying ..."
    if lemma not in REPORTING_VERBS | DOCUMENT_VERBS or not _attributes(tok, lemma, quoted):
        return None
    source = _subject(tok, quoted) or _inverted_document(tok, quoted)
    if lemma in DOCUMENT_VERBS and lemma not in REPORTING_VERBS and (source is None or not _document_like(source)):
        return None  # "officials found ..." reports no speech
    return source, lemma


def _reporting_participle(tok: Token) -> bool:
    """A reporting verb's "-ing" form ("saying", "telling")."""
    return tok.tag_ == "VBG" and reporting_lemma(tok) is not None


def _quoted_in_passive(verb: Token) -> Token | None:
    """The subject of a passive verb whose "-ing" reporting participle reports its words:
    "X was quoted as saying", "X was quoted in the paper as telling", "X is shown
    saying" (the participle hangs on the verb, or on its "as")."""
    if verb.tag_ != "VBN":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    participles = [c for c in verb.children if c.dep_ in ("xcomp", "advcl", "ccomp") and _reporting_participle(c)]
    participles += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if _reporting_participle(g)]
    return subject if participles else None


def _cited_person(verb: Token, source: Token | None) -> Token | None:
    """The person a non-person source reports the words of ("the agency said, quoting
    Kim"): the proper-noun object of a "quoting" participle on its verb. A person who
    says something "quoting" another still speaks himself."""
    if source is None or source.ent_type_ == "PERSON" or source.lower_ in _PERSONAL:
        return None
    for child in verb.children:
        if child.tag_ == "VBG" and nlp.lemma(child) == "quote" and child.dep_ in ("advcl", "xcomp", "conj"):
            cited = next((c for c in child.children if c.dep_ == "dobj"), None)
            if cited is not None and cited.pos_ == "PROPN":
                return cited
    return None


def _inverted_document(verb: Token, quoted: Callable[[Token], bool]) -> Token | None:
    """The document after a verb with no subject, in the inverted order of '“...,” read
    a statement from the chairmen' (parsed as the verb's object)."""
    return next(
        (c for c in verb.rights if c.dep_ == "dobj" and nlp.lemma(c) in DOCUMENT_WORDS and not quoted(c)), None
    )


def _speech_noun_owner(tok: Token) -> tuple[Token, Token] | None:
    """(owner, clause) of a noun of something said (``SPEECH_NOUNS``) that has a
    possessive owner and governs a "that" clause: "Axelrod's comment on Sunday that the
    party is under a “reign of terror”", "his claim that it is “a war of choice”". The
    quoted words in the clause are the owner's; the clause is the anchor that governs
    them, so quoted words elsewhere in the noun phrase are not."""
    if tok.pos_ != "NOUN" or nlp.lemma(tok) not in SPEECH_NOUNS:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ == "PRON" and owner.lower_ not in _POSSESSIVE:
        return None  # "my claim", "our warning": the writer's or a quoted speaker's
    clause = next(
        (c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
        None,
    )
    return (owner, clause) if owner is not None and clause is not None else None


def _colon_source(doc: Doc, tok: Token, text: str, at: int) -> Token | None:
    """The name before a colon that opens a quote ('Trump: “I’m the worst thing ...”',
    'Kathleen Parker, The Washington Post: “...'), the headline and transcript way of
    quoting someone; not when a reporting verb comes before the colon ('Smith said on
    Monday: “...': its subject is the source), and for an object the clause's subject
    ('Trump took credit for the Olympics in South Korea: “...' is Trump's) when it is
    a name or "he"/"she"; for a noun of something said, its owner ('His response:
    “...”')."""
    if tok.text not in (":", "):") or tok.i == 0 or any(reporting_lemma(t) for t in doc[: tok.i]):
        return None
    after = text[at + len(tok.text) : at + len(tok.text) + 3].lstrip()
    if not after or (after[0] not in _MARKS and not after.startswith("''")):
        return None
    before = doc[tok.i - 1]
    while before.dep_ == "appos" and before.head.i < before.i:
        before = before.head  # 'Kathleen Parker, The Washington Post: “...”' is Parker's
    named = before.pos_ in ("PROPN", "NOUN") and before.text[:1].isupper() and before.ent_type_ not in _NOT_SOURCE_LABELS
    verb = next((a for a in before.ancestors if a.pos_ in ("VERB", "AUX") and a.i < tok.i), None)
    other = verb is not None and any(
        c.dep_ == "nsubj" and c.i < tok.i and before not in c.subtree and (c.ent_type_ == "PERSON" or c.lower_ in _PERSONAL)
        for c in verb.children
    )  # fmt: skip
    if named and before.dep_ not in ("pobj", "dobj") and not other:
        return before  # not a name in a clause of another person ("Obama used it on McCain (R-Ariz.):")
    owner = next((c for c in before.children if c.dep_ == "poss"), None)
    if owner is not None and before.pos_ == "NOUN" and nlp.lemma(before) in SPEECH_NOUNS:
        return owner  # 'His response: “...”', 'Trump's reply: “...”'
    subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None) if tok.head.pos_ in ("VERB", "AUX") else None
    if subject is not None and (subject.pos_ == "PROPN" or subject.lower_ in ("he", "she")) and subject.ent_type_ not in _NOT_SOURCE_LABELS:
        return subject
    return None


def _candidates(ctx: _Context, doc: Doc) -> list[_Candidate]:
    """Every source the sentence's parse attributes something to, outside quoted words."""
    found: list[_Candidate] = []
    for tok in doc:
        pos = ctx.offset + tok.idx
        if ctx.in_quote(pos):
            continue
        reports = True
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            verb, verb_span = "according to", (pos, ctx.span(to)[1])
        elif (colon := _colon_source(doc, tok, ctx.article.text, pos)) is not None:
            source, verb, verb_span, reports = colon, ":", ctx.span(tok), False
        elif (owned := _speech_noun_owner(tok)) is not None:
            source, clause = owned
            start, end = _source_span(ctx, source)
            found.append(_Candidate(source, start, end, nlp.lemma(tok), ctx.span(tok), False, clause, (_depth(clause), 0, tok.i)))
            continue
        else:
            read = _verb_source(tok, lambda t: ctx.in_quote(ctx.offset + t.idx))
            if read is None:
                continue
            (source, verb), verb_span = read, ctx.span(tok)
            reports = verb not in NAMING_VERBS
        if source is None or source.lower_ in _FIRST_SECOND or ctx.in_quote(ctx.offset + source.idx):
            continue
        if source.tag_ in ("WP", "WDT"):
            continue  # "what called ...": a wh-word stands for no one here
        if (source.pos_ not in _SOURCE_POS and not _mistagged_name(source)) or len(source.text) < 2 or not any(c.isalpha() for c in source.text):
            continue  # a stray letter of a mis-tokenised contraction ("couldn ’ t say")
        cited = _cited_person(tok, source)
        if cited is not None:  # "the agency said, quoting Kim": Kim's words, told by the agency
            start, end = _source_span(ctx, cited)
            found.append(_Candidate(cited, start, end, verb, verb_span, reports, tok, (_depth(tok), 0, tok.i)))
            start, end = _source_span(ctx, source)
            found.append(_Candidate(source, start, end, verb, verb_span, reports, tok, (_depth(tok), _TELLER, tok.i)))
            continue
        start, end = _source_span(ctx, source)
        if _parenthetical(tok):  # "The documents, they said, show ...": the sentence is theirs
            rank = (_depth(tok.head), 0, tok.i)
        else:
            rank = (_depth(tok), 0 if _governs_clause(tok) else 1, tok.i)
        found.append(_Candidate(source, start, end, verb, verb_span, reports, tok, rank))
    return found


# -- classification ------------------------------------------------------------------------------


def _phrase_tokens(ctx: _Context, head: Token) -> list[Token]:
    start, end = _source_span(ctx, head)
    return [t for t in head.doc if start <= ctx.offset + t.idx < end]


def _is_title(tok: Token) -> bool:
    return _is_title_word(tok.text)


def _title_name(tokens: list[Token], head: Token) -> list[Token] | None:
    """The name after a person title ("President Biden", "Gov. Ann Lee"), when the head
    is that name."""
    if not _proper(head):
        return None
    k = next((i for i, t in enumerate(tokens) if t.i == head.i), None)
    if k is None:
        return None
    run = k
    while run > 0 and tokens[run - 1].pos_ == "PROPN" and not _is_title(tokens[run - 1]):
        run -= 1
    if run > 0 and _is_title(tokens[run - 1]):
        return tokens[run : k + 1]
    return None


def _entity_run(head: Token, label: str) -> list[Token]:
    """The tokens of the entity of ``label`` the head belongs to."""
    if head.ent_type_ != label:
        return []
    doc = head.doc
    first = last = head.i
    while first > 0 and doc[first].ent_iob_ == "I" and doc[first - 1].ent_type_ == label:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I" and doc[last + 1].ent_type_ == label:
        last += 1
    return list(doc[first : last + 1])


def _is_group(tokens: Iterable[Token]) -> bool:
    return any(t.lower_ in GROUP_WORDS for t in tokens)


def _proper_run(head: Token) -> list[Token]:
    """The proper-noun compound around the head ("White House"), without "the" or an
    inverted reporting verb before it ("Added Jones:")."""
    doc = head.doc
    first = head.i
    while first > 0 and doc[first - 1].dep_ in ("compound", "punct") and doc[first - 1].head.i in range(
        first, head.i + 1
    ):
        if doc[first - 1].pos_ not in ("PROPN", "PUNCT") or _past_reporting_form(doc[first - 1].text):
            break
        first -= 1
    while first < head.i and doc[first].is_punct:
        first += 1
    return list(doc[first : head.i + 1])


def _words(tokens: Sequence[Token]) -> str:
    """The text of consecutive tokens, as written (spacing kept)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _strip_determiners(tokens: Sequence[Token]) -> list[Token]:
    out = list(tokens)
    while out and out[0].lower_ in ("the", "a", "an", "some", "its", "their"):
        out = out[1:]
    return out


def _tokens_span(ctx: _Context, tokens: Sequence[Token]) -> Span:
    return ctx.span(tokens[0])[0], ctx.span(tokens[-1])[1]


def _owner(head: Token) -> Token | None:
    """The named owner of a document or medium: "the Pentagon's statement", "a Pentagon
    statement", "a statement from the ministry"."""
    for child in head.children:
        if child.ent_type_ in _NOT_SOURCE_LABELS:
            continue  # "an ad of its own Tuesday", "a Friday statement": a date owns nothing
        if child.dep_ == "poss" or (child.dep_ == "compound" and _proper(child)):
            return child
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ not in _NOT_SOURCE_LABELS and (_proper(obj) or obj.lower_ in INSTITUTION_WORDS):
                return obj
    return None


def _classify(ctx: _Context, head: Token, depth: int = 0) -> Who:
    """Who the source phrase headed by ``head`` (not a pronoun) is (``_classify_one``);
    named people in coordination ("Goodlatte, Gowdy and Nunes said", "a statement from
    A, B and C") are one joint source, named by ``joint_name``."""
    who = _classify_one(ctx, head, depth)
    if who.kind != NAMED_PERSON or not who.name or depth > 2:
        return who
    others = [_classify_one(ctx, c, depth + 1) for c in _conjuncts(head)]
    if not others or any(o.kind != NAMED_PERSON or not o.name for o in others):
        return who
    names = list(dict.fromkeys([who.name, *(o.name for o in others if o.name)]))
    if len(names) < 2:
        return who
    joint = Who(NAMED_PERSON, joint_name(names), who.mention)
    ctx.reader.joints.append((ctx.sentence.index, joint))
    return joint


#: Marks that open a list of names inserted after a plural noun ("the three chairmen — A, B and C —").
_LIST_OPENERS = {"—", "–", "--", "(", ":"}
_LIST_CLOSERS = {"—", "–", "--", ")"}


def _listed_names(head: Token) -> Token | None:
    """The first of the coordinated names a plural common noun lists right after it,
    set off by a dash, a bracket or a colon ("the three chairmen — A of X, B of Y and C
    of Z — said"): the parser often reads the list as a second subject, not as an
    apposition (``_appositive_name``)."""
    doc = head.doc
    if head.tag_ != "NNS" or _proper(head) or head.i + 1 >= len(doc) or doc[head.i + 1].text not in _LIST_OPENERS:
        return None
    for tok in doc[head.i + 2 :]:
        if tok.text in _LIST_CLOSERS or tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.pos_ == "PROPN" and any(c.pos_ == "PROPN" for c in _conjuncts(tok)):
            return tok
    return None


def _note_groups(ctx: _Context, doc: Doc) -> None:
    """Remember the groups of named people a sentence introduces anywhere, not only as a
    source ("echoed by three state senators — A, B and C —"), so that a later "the
    senators said" is theirs: a plural common noun that lists coordinated names after a
    dash, a bracket or a colon (``_listed_names``) or in apposition."""
    for tok in doc:
        if tok.tag_ != "NNS" or _proper(tok) or ctx.in_quote(ctx.offset + tok.idx):
            continue
        listed = _listed_names(tok) or next(
            (c for c in tok.rights if c.dep_ == "appos" and _proper(c) and _conjuncts(c)), None
        )
        if listed is None or not _conjuncts(listed):
            continue
        who = _classify(ctx, listed, 1)
        if who.kind == NAMED_PERSON and who.name:
            ctx.reader.groups[nlp.lemma(tok)] = who


def _recent_joint(ctx: _Context, head: Token) -> Who | None:
    """The joint source of named people a definite plural role noun stands for ("the
    congressmen wrote", "the chairmen said" after "A, B and C said"): the latest joint
    source within ``SUBJECT_WINDOW`` sentences before. Unnamed-people words
    ("officials"), institutions, documents and media are not roles of theirs."""
    lemma = nlp.lemma(head)
    if head.tag_ != "NNS" or _proper(head) or not _definite(head):
        return None
    if lemma in _COMMON_SOURCE_WORDS or head.lower_ in _COMMON_SOURCE_WORDS:
        return None
    index = ctx.sentence.index
    recent = [who for i, who in ctx.reader.joints if index - SUBJECT_WINDOW <= i < index]
    if not recent:
        return None
    ctx.reader.joints.append((index, recent[-1]))  # still the topic: "they" and the next "the chairmen"
    return recent[-1]


def _conjuncts(head: Token) -> list[Token]:
    """The nouns coordinated with ``head``: "Gowdy" and "Nunes" of "Goodlatte, Gowdy and Nunes"."""
    found = []
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
            own = [] if _party_state(_words(_phrase(child))) else [child]  # not "R-S.C." in "A, R-S.C. and B"
            found += [*own, *_conjuncts(child)]
    return found


def joint_name(names: Sequence[str]) -> str:
    """The name of a joint source: "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def joint_members(name: str) -> list[str]:
    """The names a joint source's name joins (the inverse of ``joint_name``); a single
    name gives itself."""
    return [m.strip() for m in re.split(r",\s+(?:and\s+)?|\s+and\s+", name) if m.strip()]


def _classify_one(ctx: _Context, head: Token, depth: int = 0) -> Who:
    """Who the source phrase headed by ``head`` (not a pronoun) is.

    Rules, in order:

    1. a proper-noun apposition of a common noun decides ("the secretary, Lloyd Austin");
    2. a named news outlet in the phrase (``MEDIA_NAMES``), a media head noun
       (``MEDIA_WORDS``, "news agency") or bare "reports": ``media``;
    3. a document head noun (``DOCUMENT_WORDS``): the kind of its named owner when it has
       one ("the Pentagon's statement" -> named organisation), else ``document`` ("the
       lawsuit says" is the lawsuit's, not a person's near it);
    4. a proper-noun head (``_classify_proper``): a person when it is a person mention of
       the article, a title + name, or in apposition to a role, without a group word;
       otherwise an organisation (a plural NORP, "Democrats said", unnamed people);
    5. a common-noun head: ``UNNAMED_WORDS`` -> ``anonymous``; ``INSTITUTION_WORDS`` ->
       ``named_organisation`` when definite ("the government", "al-Sudani's office"),
       ``anonymous`` when indefinite; a definite title or a role the article gave a
       person ("the president", "the nominee") is that person (``People.titled``);
       anything else ("critics", "witnesses", an unresolved "the minister") ``anonymous``.
    """
    tokens = _phrase_tokens(ctx, head)
    phrase = _tokens_span(ctx, tokens) if tokens else ctx.span(head)
    text = _words(tokens)
    appos = _appositive_name(head)
    if appos is not None and depth == 0:
        who = _classify(ctx, appos, depth + 1)
        if head.tag_ == "NNS" and who.kind == NAMED_PERSON and who.name and _conjuncts(appos):
            ctx.reader.groups[nlp.lemma(head)] = who  # "the three chairmen — A, B and C —"
        return who
    listed = _listed_names(head) if depth == 0 else None
    if listed is not None:
        who = _classify(ctx, listed, depth + 1)
        if who.kind == NAMED_PERSON and who.name:
            ctx.reader.groups[nlp.lemma(head)] = who  # "the three chairmen — A, B and C — said"
            return who
    if head.tag_ == "NNS" and _definite(head) and nlp.lemma(head) in ctx.reader.groups:
        return ctx.reader.groups[nlp.lemma(head)]  # "the chairmen said"
    joint = _recent_joint(ctx, head)
    if joint is not None:
        return joint  # "A, B and C said ... the congressmen wrote"
    person = _mentioned(ctx, head)
    if person is not None:  # a person mention of the article, however the tagger read it
        return person
    media = MEDIA_NAME.search(text)
    lemma = nlp.lemma(head)
    if media is not None:
        return Who(MEDIA, media.group(0), phrase)
    proper = _proper(head)
    if not proper and (
        lemma in MEDIA_WORDS
        or head.lower_ in MEDIA_WORDS
        or (lemma == "agency" and any(t.lower_ in ("news", "press") for t in tokens))
        or (head.lower_ == _REPORT_PLURAL and not any(t.dep_ in ("det", "poss") for t in head.children))
    ):
        return Who(MEDIA, None, phrase)
    if not proper and (lemma in DOCUMENT_WORDS or head.lower_ in DOCUMENT_WORDS):
        return _document_source(ctx, head, lemma, depth) or Who(DOCUMENT, None, phrase)
    if proper:
        return _classify_proper(ctx, head, tokens, phrase)
    if lemma in UNNAMED_WORDS or head.lower_ in UNNAMED_WORDS:
        return Who(ANONYMOUS, None, phrase)
    if lemma in INSTITUTION_WORDS:
        if tokens and tokens[0].lower_ in _UNNAMING_DETERMINERS or head.tag_ == "NNS":
            return Who(ANONYMOUS, None, phrase)  # "a militia group", "those firms", "the two companies"
        return Who(NAMED_ORGANISATION, _institution_name(ctx, head, tokens, depth), phrase)
    definite = bool(tokens) and tokens[0].lower_ in ("the", "this", "that") and head.tag_ != "NNS"
    role = _role_of(head)
    if definite and (_is_title(head) or ctx.people.has_role(role)):
        found = ctx.people.titled(ctx.span(head)[0], role)
        if found is not None:
            return _person_at(ctx.people, found)
    return Who(ANONYMOUS, None, phrase)


def _classify_proper(ctx: _Context, head: Token, tokens: list[Token], phrase: Span) -> Who:
    """Rule 4 of ``_classify``: a person or an organisation named by a proper noun.

    A head that is no person mention of the article (``_mentioned`` comes first) is a
    person when it is a title + name, a name in apposition to a role ("Smith, a
    spokesman"), or a capitalised name the NER left unlabelled, with no group word in
    it; the group-word guard looks at the name itself, not at the title before it
    ("House Resources Committee Chairman Nick Rahall" is a person).
    """
    titled = _title_name(tokens, head)
    run = _proper_run(head)
    the_before = titled is None and run[0].i > 0 and head.doc[run[0].i - 1].lower_ == "the"  # "the Houthis"
    if all(_is_title(t) for t in run):
        return Who(ANONYMOUS, None, phrase)  # a title and no name ("said Sgt." cut at the abbreviation)
    person_run = _entity_run(head, "PERSON")
    name_tokens = titled or person_run
    if name_tokens and not _is_group(name_tokens) and not the_before:
        _, name = _name_tokens(name_tokens)
        if _person_like(name):
            return _person_who(ctx, name)
    if not _is_group(tokens) and not the_before:
        roled = any(c.dep_ == "appos" and (nlp.lemma(c) in UNNAMED_WORDS or _is_title(c)) for c in head.children)
        if roled and _person_like(run):
            return _person_who(ctx, run)  # "Smith, a spokesman, said"
    if head.ent_type_ == "NORP" or head.tag_ == "NNPS":
        if head.tag_ == "NNPS" or (tokens and tokens[0].lower_ in ("a", "an", "one", "another")) or the_before:
            return Who(ANONYMOUS, None, phrase)  # "Republicans said", "one Democrat said", "the Ohio Democrat said"
    elif not head.ent_type_ and not the_before and not _is_group(run) and _person_like(run):
        return _person_who(ctx, run)  # a name the NER left unlabelled: most often a surname
    for label in ("ORG", "GPE", "FAC", "LOC", "NORP", "PERSON"):
        entity = _entity_run(head, label)
        if entity:
            return Who(NAMED_ORGANISATION, _words(_strip_determiners(entity)) or head.text, phrase)
    return Who(NAMED_ORGANISATION, _words(_strip_determiners(run)) or head.text, phrase)


def _mentioned(ctx: _Context, head: Token) -> Who | None:
    """The person a source head is when it is a person mention of the article."""
    found = ctx.people.at(*ctx.span(head))
    return _person_at(ctx.people, found) if found is not None else None


def _person_at(people: People, index: int) -> Who:
    """The named person of mention ``index``: its full name, read from that mention."""
    person = people.mentions[index]
    return Who(NAMED_PERSON, people.name(index), (person.start, person.end))


def _person_who(ctx: _Context, name: Sequence[Token]) -> Who:
    """A named person read from name tokens not in the person index: its full name
    resolved by surname against the mentions before it."""
    span = _tokens_span(ctx, name)
    return Who(NAMED_PERSON, ctx.people.by_words(_words(name).split(), span[0]), span)


def _document_owner(ctx: _Context, head: Token, depth: int = 0) -> Who | None:
    """The named owner of the document headed by ``head``, when its own sentence names
    one: "the Pentagon's statement", "a statement from the ministry" (``_owner``), "the
    DNC filed a lawsuit", "a letter sent by the senators" (``FILING_VERBS``), "the report,
    by X, concluded" (``_set_off_author``), "sent under X's signature" (``_signer``). A
    "he"/"she" owner is the person it stands for ("He sent an e-mail ...", "his
    letter"); an "it"/"its" owner is no owner: the sentence may name one another way."""
    if depth >= 2:
        return None
    owner = _owner(head)
    if owner is not None and owner.pos_ == "PRON" and _POSSESSIVE.get(owner.lower_, owner.lower_) not in _PERSONAL:
        owner = None  # "In its lawsuit, the DNC said ...": the sentence names the owner another way
    verb = head.head
    if owner is None and head.dep_ == "dobj" and nlp.lemma(verb) in FILING_VERBS:
        owner = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if owner is None and head.dep_ == "dobj" and nlp.lemma(verb) in DOCUMENT_VERBS:
        owner = _owner(verb)  # '“...,” read a statement from the chairmen': "from" hangs on the verb
    if owner is None and head.dep_ == "nsubj":
        owner = _set_off_author(head)
    if owner is None:
        owner = _speaker_in(head)  # "In a statement published by the agency, Kim promised ..."
    if owner is None:
        filed = [c for c in head.children if c.dep_ == "acl" and nlp.lemma(c) in FILING_VERBS]
        if head.dep_ == "nsubjpass" and nlp.lemma(verb) in FILING_VERBS:
            filed.append(verb)
        agents = (a for f in filed for a in f.children if a.dep_ == "agent")
        owner = next((o for a in agents for o in a.children if o.dep_ == "pobj"), None) or _signer(filed)
    personal = _POSSESSIVE.get(owner.lower_, owner.lower_) if owner is not None else None
    if owner is not None and personal in _PERSONAL:  # "She released a statement saying ...", "his letter"
        found = ctx.people.pronoun(ctx.span(owner)[0], ctx.sentence.index, _PERSONAL[personal])
        return _person_at(ctx.people, found) if found is not None else None
    if owner is None or owner.pos_ == "PRON":
        return None
    who = _classify(ctx, owner, depth + 1)
    return who if who.kind in NAMED_KINDS else None


#: Nouns of "sent under X's signature / name": X wrote it.
_SIGNATURE_NOUNS = frozenset({"signature", "name"})


def _signer(filed: Sequence[Token]) -> Token | None:
    """Whose signature a document was sent under ("The cable, sent under Ambassador
    Chris Stevens' signature, warned ..."): its author."""
    for verb in filed:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "under":
                noun = next((c for c in prep.children if c.dep_ == "pobj" and nlp.lemma(c) in _SIGNATURE_NOUNS), None)
                owner = next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None
                if owner is not None:
                    return owner
    return None


def _set_off_author(document: Token) -> Token | None:
    """The author of a document subject named in a "by" phrase set off by commas right
    after it, which the parser hangs on the verb ("the report, by White House Counsel
    Robert Bauer, concluded ...")."""
    verb = document.head
    for prep in verb.children:
        set_off = document.i < prep.i < verb.i and prep.doc[prep.i - 1].text == ","
        if prep.dep_ == "prep" and prep.lower_ == "by" and set_off:
            author = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if author is not None and _proper(author):
                return author
    return None


def _speaker_in(document: Token) -> Token | None:
    """The subject of the verb a document is the medium of ("In a statement, Kim said /
    promised ..."; "the campaign retorted with an ad", a reporting verb): its author,
    rather than whoever published it ("a statement published by the news agency")."""
    prep = document.head
    if document.dep_ != "pobj" or prep.lower_ not in ("in", "with") or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in prep.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    if prep.lower_ == "with":  # "The Lee campaign retorted with an ad": an answer is the answerer's
        return subject if reporting_lemma(prep.head) is not None else None
    return subject if subject.pos_ == "PROPN" else None


def _document_source(ctx: _Context, head: Token, lemma: str, depth: int = 0) -> Who | None:
    """Whose document ``head`` is: the owner its own sentence names (``_document_owner``),
    else, for a definite "the lawsuit", the owner of the earlier mention it refers to
    (``Reader.owner_of``); None when neither names one."""
    owner = _document_owner(ctx, head, depth)
    if owner is None and _definite(head):
        owner = ctx.reader.owner_of(lemma)
    return owner


def _document_mentions(ctx: _Context, doc: Doc) -> list[tuple[str, Who | None]]:
    """The documents a sentence mentions outside quotes, in order: (lemma, named owner).
    A definite mention with no owner of its own ("the lawsuit") is the document an
    earlier mention introduced, and keeps its owner. Plurals are left out: "most U.S.
    lawsuits" are other documents, and no later "the lawsuit" is one of them."""
    found = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.tag_ == "NNS" or ctx.in_quote(ctx.offset + tok.idx):
            continue
        lemma = nlp.lemma(tok)
        if lemma not in DOCUMENT_WORDS:
            continue
        found.append((lemma, _document_source(ctx, tok, lemma)))
    return found


def _definite(head: Token) -> bool:
    """Whether a noun is definite: "the lawsuit", "this report" (not "a", "another")."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in head.children)


def _same_document_word(a: str, b: str) -> bool:
    """Whether two document nouns name the same kind of document: equal, or one the
    other's last part ("suit" and "lawsuit")."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.endswith(short))


def _institution_name(ctx: _Context, head: Token, tokens: list[Token], depth: int) -> str:
    """The name of an institution: its words without determiners ("Iraqi government"),
    or, owned by a named person, that person's canonical name with the institution
    ("Mohammed Shia al-Sudani’s office", titles dropped)."""
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None and depth < 2 and poss.pos_ != "PRON":
        who = _classify(ctx, poss, depth + 1)
        marker = next((c for c in poss.children if c.dep_ == "case"), None)
        if who.kind == NAMED_PERSON and who.name and marker is not None:
            tail = [t for t in tokens if t.i > marker.i]
            return f"{who.name}{marker.text} {_words(tail)}".strip()
    return _words(_strip_determiners(tokens)) or head.text


# -- pronouns ------------------------------------------------------------------------------------


#: Conjunctions of a fronted time or cause clause whose one person a main-clause "he" is:
#: "When the draft was sent to Petraeus, he dismissed it".
_FRONTED_MARKS = frozenset({"when", "after", "as", "once", "because", "since", "while", "before"})


def _fronted_person(ctx: _Context, pronoun: Token, gender: str) -> int | None:
    """The person a main-clause subject "he"/"she" stands for when a finite clause fronted
    before it ("When reporters asked Trump about it, he said ...", "After the draft was
    sent to Petraeus, he dismissed it") names one person of a fitting gender and no
    other: the mention of that person there, else None."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or not _main_clause(verb):
        return None
    fronted = [
        c for c in verb.children
        if c.dep_ == "advcl" and c.i < pronoun.i
        and any(m.dep_ in ("mark", "advmod") and m.lower_ in _FRONTED_MARKS for m in c.children)
        and _has_subject(c)
    ]  # fmt: skip
    fronted += [c for c in verb.children if c.dep_ == "prep" and c.i < pronoun.i and _topic_phrase(c)]
    if len(fronted) != 1:
        return None
    tokens = list(fronted[0].subtree)
    start, end = ctx.span(tokens[0])[0], ctx.span(tokens[-1])[1]
    people = ctx.people
    inside = [
        i for i, m in enumerate(people.mentions)
        if start <= m.start < end and not m.quoted and people.gender(people.mentions[people.refers[i]].key) in (None, gender)
    ]  # fmt: skip
    named = {people.refers[i] for i in inside}
    others = any(t.pos_ == "PRON" and t.lower_ in ("he", "she", "him", "her", "his") for t in tokens)
    return inside[-1] if len(named) == 1 and not others else None


def _note_pronouns(ctx: _Context, doc: Doc, main: Source | None) -> None:
    """Record the "he"/"she" of a sentence just read that later pronouns may go through
    (``People.resolved``): the main source when it is one (a speaker), and a "he"/"she"
    subject of the main clause outside quoted words ("She appeared to imply ...")."""
    people = ctx.people
    text = ctx.article.text
    word = text[main.start : main.end].casefold() if main is not None else ""
    if main is not None and main.kind == NAMED_PERSON and word in _PERSONAL:
        target = people.at(*main.mention) if main.mention else None
        if target is not None:
            people.resolved.append(Resolved(main.start, ctx.sentence.index, target, True, _main_clause(main.anchor), _PERSONAL[word]))
    for tok in doc:
        start = ctx.span(tok)[0]
        if tok.lower_ not in _PERSONAL or tok.dep_ != "nsubj" or not _main_clause(tok.head) or ctx.in_quote(start):
            continue
        if main is not None and main.start == start:
            continue
        gender = _PERSONAL[tok.lower_]
        found = _personal_antecedent(ctx, tok, gender)
        if found is not None:
            people.resolved.append(Resolved(start, ctx.sentence.index, people.refers[found], False, True, gender))


def _personal_antecedent(ctx: _Context, pronoun: Token, gender: str) -> int | None:
    """The mention a "he"/"she" stands for: the one person a fronted clause names
    (``_fronted_person``), else the person ``People.pronoun`` finds."""
    found = _fronted_person(ctx, pronoun, gender)
    return found if found is not None else ctx.people.pronoun(ctx.span(pronoun)[0], ctx.sentence.index, gender)


def _topic_phrase(prep: Token) -> bool:
    """A fronted phrase that names the topic of the clause after it: "As for Trump, he said ..."."""
    return prep.lower_ == "as" and any(c.dep_ == "prep" and c.lower_ == "for" for c in prep.children)


def _resolve_pronoun(ctx: _Context, pronoun: Token, history: Sequence[Source]) -> Who | None:
    """Who a pronoun source is, None when it cannot be resolved.

    "he"/"she": the one person a fronted clause names (``_fronted_person``), else the
    person ``People.pronoun`` finds. "it": the proper-noun subject of the
    sentence's main clause ("Iran hit ... in what it said was"), else the last named
    organisation, medium or document source of the three sentences before, else the one
    the sentence before names (``_named_before``). "they": the
    last source of the two sentences before that is no one person, else unnamed people
    (``anonymous``). An unresolved "he", "she" or "it" stands for someone or something
    the article describes without a name, not for an anonymous source: None, and the
    next candidate is tried.
    """
    word = _POSSESSIVE.get(pronoun.lower_, pronoun.lower_)
    here = ctx.span(pronoun)
    index = ctx.sentence.index
    if word in _PERSONAL:
        found = _personal_antecedent(ctx, pronoun, _PERSONAL[word])
        return _person_at(ctx.people, found) if found is not None else None
    if word in _NEUTER:
        root = pronoun.doc[:].root
        subject = next((c for c in root.children if c.dep_ == "nsubj" and _proper(c)), None)
        if subject is not None and subject.i != pronoun.i:
            who = _classify(ctx, subject)
            if who.kind != NAMED_PERSON:
                return who
        told = [s for i in range(index - 3, index) for s in ctx.reader.sources(i) if s.reports and s.rank[1] == _TELLER]
        recent = sorted(
            [*told, *(s for s in history if s.sentence >= index - 3)], key=lambda s: (s.sentence, -s.rank[1])
        )  # the medium that quoted a person too ("the agency said, quoting Kim. It also said ...")
        text = ctx.article.text
        recent = [s for s in recent if s.kind in (NAMED_ORGANISATION, MEDIA, DOCUMENT) or _document_phrase(text, s)]
        return Who(recent[-1].kind, recent[-1].name, recent[-1].mention) if recent else _named_before(ctx)
    recent = [s for s in history if s.sentence >= index - 2 and not _one_person(s)]
    return Who(recent[-1].kind, recent[-1].name, recent[-1].mention) if recent else Who(ANONYMOUS, None, here)


def _named_before(ctx: _Context) -> Who | None:
    """What an "it" that speaks stands for when no source before it does: the
    organisation or country the sentence before names as the subject, else the object,
    of its main clause ("The attack angered Qatar. It condemned what it called a
    “flagrant violation”": Qatar). None when that is a person or nothing named."""
    found = ctx.reader.before(ctx.sentence.index)
    if found is None:
        return None
    before, doc = found
    root = doc[:].root
    for dep in ("nsubj", "nsubjpass", "dobj"):
        named = next((c for c in root.children if c.dep_ == dep and _proper(c)), None)
        if named is not None:
            who = _classify(_Context(ctx.reader, before), named)
            return who if who.kind == NAMED_ORGANISATION else None
    return None


def _document_phrase(text: str, source: Source) -> bool:
    """A source written as a document its owner wrote ("The cable, sent under Stevens'
    signature, warned ..."): a later "it" is the document, so its owner's."""
    words = text[source.start : source.end].split()
    return bool(words) and words[-1].strip(".,;:").casefold() in DOCUMENT_WORDS


def _one_person(source: Source) -> bool:
    """A source that is one named person: no "they" ("... Akin vowed to stay. Five
    senators urged him to quit. They said ...": not Akin)."""
    return source.kind == NAMED_PERSON and len(joint_members(source.name or "")) < 2

