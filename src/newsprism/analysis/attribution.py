"""Attribution: the main source each body sentence attributes its claim to.

A component of the analysis layer: it reads one article (its ingest-time parse,
entities and direct quotes) and writes one ``Attribution`` per body or bullet sentence.
How outlets differ in their sourcing is ``newsprism.framing.sourcing``.

``attributions(article, quotes)``
    One ``Attribution`` per body sentence: the main source the sentence attributes its
    claim to ("two U.S. officials said", "according to the Pentagon", "Defense
    Secretary Lloyd Austin said in a statement"), classified by kind, or an
    ``unattributed`` record spanning the whole sentence when it names no source.

Detection (``_candidates``) reads the ingest-time dependency parse of each body
sentence (``nlp.sentence_docs``). A source is:

* the subject (``nsubj``) of a reporting verb (``REPORTING_VERBS``), wherever it stands
  ("X said", inverted "..., said X", "X said in a statement", "X's office announced",
  "in what it said was"); a relative pronoun subject ("officials who said") stands for
  the noun it modifies; a verb without a subject of its own ("..., saying", "and
  added") takes the subject of the verb it hangs on; a main-clause verb the parser left
  without any subject takes the noun right next to it (``_adjacent_source``);
* the agent of a passive reporting verb ("claims denied by Iraqi officials",
  "as reported by Reuters");
* the object of "according to";
* the subject of "issued/released a statement" (``STATEMENT_VERBS``), and the document
  subject of "show/find/indicate" (``DOCUMENT_VERBS``: "court filings show");
* for a sentence inside a direct quote with no source of its own, the quote's speaker
  (``extract_quotes``): the attribution the speaker's mention carries in its own
  sentence, copied; a speakerless quote that opens its sentence right after an
  attributed quoting sentence takes that sentence's attribution (``_follow_on``).

Reporting verbs *inside* quoted words are the speaker's, not the outlet's, and are
ignored. When a sentence has several candidates the main one wins: the verb closest
to the root of the parse, then one governing a clause, then the first (so "in what it
said was ..., claims denied by Iraqi officials" is attributed to "it", Iran). Pronoun
sources are resolved (``_resolve_pronoun``): "he"/"she" to a quote's speaker or the
nearest person, "it" to the clause's proper-noun subject or a recent organisation,
"they" to the last source; an unresolved "he"/"she"/"it" is skipped, not counted as
anonymous.

Kinds (``_classify`` has the rules in order): ``named_person`` (PERSON entity or
title + name, guarded against groups NER calls PERSON: "Kataib Hezbollah militia"),
``named_organisation`` (other proper names; definite institutions, "the government"),
``anonymous`` (unnamed people, even organisation-qualified: "Pentagon officials"; with
the phrase that marks the anonymity, ``ANONYMITY``), ``media`` (``MEDIA_NAMES``, "state
media", "reports"), ``document`` ("a statement", "court filings"; a document with a
named owner goes to the owner: "a Pentagon statement") and ``unattributed``.

Every span is an offset pair into ``Article.text``; texts are sliced from it, so
``attribution.text == article.text[start:end]`` always.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from newsprism import nlp
from newsprism.analysis.quotes import Quote, extract_quotes
from newsprism.model import BODY, BULLET, Article, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "Attribution",
    "attributions",
    "KINDS",
    "NAMED_KINDS",
    "NAMED_PERSON",
    "NAMED_ORGANISATION",
    "ANONYMOUS",
    "MEDIA",
    "DOCUMENT",
    "UNATTRIBUTED",
    "REPORTING_VERBS",
]

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

# -- verbs --------------------------------------------------------------------------------------

#: Lemmas of the verbs that attribute a claim to their subject. Speech verbs proper
#: (say, tell, add, state, write ...), verbs of assertion that colour the claim (claim,
#: allege, insist, admit, concede, deny ...) and announcing verbs (announce, confirm,
#: report, reveal ...). Verbs of belief (believe, expect, anticipate) are not in the
#: list: "officials anticipate" reports an expectation, not a statement.
REPORTING_VERBS = frozenset(
    """
    say tell add announce state declare claim allege assert contend insist maintain argue
    admit acknowledge concede confirm deny dispute report write post tweet explain note
    warn caution accuse reveal disclose estimate predict stress emphasize emphasise
    reiterate reply respond testify
    """.split()
)
#: Reporting verbs that are just as often used in another sense with a direct object
#: ("added sanctions", "would add to warming", "wrote a letter", "maintains troops"): they
#: attribute only when they govern a clause, stand as a parenthetical, or stand bare
#: (no object, preposition or particle: "..., the diplomat added.").
COMPLEMENT_VERBS = frozenset("add write post note maintain stress emphasize emphasise explain reply respond".split())
#: Verbs that attribute only when their subject is a document or the media
#: ("court filings show", "the study found"); with a person subject they report no speech.
DOCUMENT_VERBS = frozenset("show find indicate suggest conclude".split())
#: Verbs that attribute to their subject when their object is a document: "General
#: Manager A.J. Smith issued the following statement: “...”".
STATEMENT_VERBS = frozenset("issue release publish".split())
#: Dependency labels of a clausal complement: the reported content.
_CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}

# -- source words ----------------------------------------------------------------------------

#: Titles that make "Title Name" a person even when NER misses the name ("Gov. Lee",
#: "President Biden", tagged GPE by the small model). Only person titles: "National
#: Guard" or "Central Command" are not "title + name".
PERSON_TITLES = frozenset(
    """
    president vice secretary minister senator sen. representative rep. governor gov. mayor
    general gen. lieutenant lt. colonel col. admiral adm. spokesman spokeswoman spokesperson
    mr. mr mrs. mrs ms. ms dr. dr prof. professor judge justice king queen prince princess
    pope chancellor ambassador director commander sgt. sgt capt. captain major maj. chairman
    chairwoman deputy attorney speaker leader ceo sheikh emir premier commissioner sheriff
    rabbi rev. reverend bishop cardinal envoy adviser advisor chief manager coach lawyer
    inspector detective sergeant
    """.split()
)
#: Words that turn a PERSON-labelled mention into an organisation: the small spaCy NER
#: labels "Kataib Hezbollah militia" PERSON.
GROUP_WORDS = frozenset(
    """
    militia militias group groups party parties forces army movement brigade brigades front
    faction factions network organisation organization coalition alliance council ministry
    committee company corp inc ltd agency government administration office department
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
_MEDIA_NAME = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(MEDIA_NAMES, key=len, reverse=True)) + r")\b")
#: Head nouns of an unnamed news source: "state media", "the newspaper", "local TV".
MEDIA_WORDS = frozenset(
    "media newspaper paper daily broadcaster outlet television tv channel station tabloid wire magazine".split()
)
#: "reports" with no owner ("according to reports", "media reports") is the media too;
#: a singular "the report" is a document.
_REPORT_PLURAL = "reports"
#: Head nouns of a written or recorded source: "a statement", "court filings".
DOCUMENT_WORDS = frozenset(
    """
    statement report document filing memo letter release communique communiqué study survey
    record transcript indictment complaint lawsuit affidavit email message post tweet video
    footage data analysis assessment review audit ruling order decree notice bulletin
    cable readout dossier leaflet flyer advisory charge charges warrant petition
    """.split()
)
#: Head nouns of an institution: definite ("the government", "Iraq's foreign ministry",
#: "al-Sudani's office") it is a named organisation, indefinite ("a militia group") it is
#: an unnamed, i.e. anonymous, source.
INSTITUTION_WORDS = frozenset(
    """
    government administration ministry department office military army navy police embassy
    agency council court committee commission parliament cabinet presidency company firm
    group militia party movement organisation organization coalition alliance campaign
    command regime junta board union
    """.split()
)
#: Unnamed people, anonymous even when an organisation qualifies them ("Pentagon
#: officials", "a senior U.S. official", "White House aides"): the organisation says
#: where they work, not who they are. Any other common-noun head that is not a
#: document, medium or institution ("critics", "witnesses", "analysts") is anonymous too.
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
#: Pronouns: resolved to an earlier source (see ``_resolve_pronoun``); first and second
#: person outside quotes are the writer or the reader, no source.
_PERSONAL = {"he", "she"}
_NEUTER = {"it"}
_PLURAL = {"they"}
_FIRST_SECOND = {"i", "we", "you"}
_RELATIVE = {"who", "which", "that", "whom"}
_NAME_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
#: Dependency labels kept on the right of a source's head: "people familiar with the
#: matter", "a spokesman for the ministry". Clauses ("speaking on condition of
#: anonymity", "who declined to be named") and appositions are left out.
_RIGHT_DEPS = {"prep", "amod", "compound", "nummod", "case", "nmod", "poss"}
_LEFT_SKIP = {"punct", "cc", "conj", "preconj", "appos", "relcl", "acl"}
_MARKS = "\"'“”‘’„«»"
#: Punctuation inside a name or phrase ("55-year-old", "Fire & Rescue") that joins its parts.
_BRIDGES = {"-", "–", "&", "/"}
#: Parts of speech a source's head may have: a thing or someone, not a verb ("Asked if
#: ..., the company said" parses "Asked" as a subject now and then).
_SOURCE_POS = {"NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"}


# -- records -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attribution:
    """The main source of one body sentence.

    ``start``/``end``/``text`` cover the source phrase ("two U.S. officials", "Defense
    Secretary Lloyd Austin", "the Pentagon"), for a pronoun the pronoun itself ("he",
    with ``name`` resolved), and for ``unattributed`` the whole sentence. For a
    sentence inside a direct quote the phrase is the speaker's mention, which may lie
    in a neighbouring sentence. ``name`` is the canonical name of a named source (titles
    and "the" dropped, the fullest form the article writes: "Austin" -> "Lloyd Austin");
    ``verb`` the reporting verb's lemma or "according to"; ``anonymity`` the phrase
    that marks an anonymous source as deliberately unnamed.
    """

    article: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str
    name: str | None
    verb: str | None
    verb_span: tuple[int, int] | None
    anonymity: str | None

    @property
    def attributed(self) -> bool:
        return self.kind != UNATTRIBUTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "name": self.name,
            "verb": self.verb,
            "verb_span": list(self.verb_span) if self.verb_span else None,
            "anonymity": self.anonymity,
        }


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A source found in a sentence's parse, before the main one is chosen."""

    head: Token  # the source's head token (a pronoun for "he said")
    start: int  # source phrase, article offsets
    end: int
    verb: str
    verb_span: tuple[int, int]
    rank: tuple[int, int, int]  # (depth of the verb, no clause, position): lower wins


@dataclass(frozen=True, slots=True)
class _Context:
    """What a sentence is read against: the article, its quotes and the parse offset."""

    article: Article
    quotes: tuple[Quote, ...]
    offset: int

    def span(self, tok: Token) -> tuple[int, int]:
        return self.offset + tok.idx, self.offset + tok.idx + len(tok.text)

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for q in self.quotes for s, e in q.parts)


# -- candidates ----------------------------------------------------------------------------------


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth


def _governs_clause(verb: Token) -> bool:
    return any(c.dep_ in _CLAUSE_DEPS for c in verb.children)


def _attributes(verb: Token, lemma: str) -> bool:
    """Whether a reporting verb attributes here (see ``COMPLEMENT_VERBS``)."""
    if lemma not in COMPLEMENT_VERBS:
        return True
    bare = not any(c.dep_ in ("dobj", "obj", "prep", "dative", "prt") for c in verb.children)
    return bare or _governs_clause(verb) or verb.dep_ == "parataxis"


def _subject(verb: Token) -> Token | None:
    """The source of a reporting verb: its subject, the agent of a passive, or (for a
    participle or a conjoined verb without a subject) the subject of its head verb."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "officials who said" -> officials
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        if verb.dep_ != "conj" and verb.tag_ != "VBG":
            return None  # only "..., saying" participles borrow a subject
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if verb.dep_ in ("ROOT", "parataxis"):
        return _adjacent_source(verb)
    return None


def _adjacent_source(verb: Token) -> Token | None:
    """The noun right before (or, inverted, right after) a reporting verb the parser
    left without a subject: '“...,” team general manager A.J. Smith said' parses "Smith"
    as an apposition of a word inside the quote."""
    doc = verb.doc
    for i in (verb.i - 1, verb.i + 1):
        if 0 <= i < len(doc) and doc[i].pos_ in ("PROPN", "NOUN") and doc[i].dep_ not in ("dobj", "pobj", "attr"):
            return doc[i]
    return None


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
    while first < head.i and (doc[first].is_punct or doc[first].text in _MARKS):
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
    if tok.pos_ != "PROPN" and tok.ent_type_ not in _NAME_LABELS | {"PERSON"} and not inner_capital:
        return False
    if tok.lower_ in _COMMON_SOURCE_WORDS or nlp.lemma(tok) in _COMMON_SOURCE_WORDS:
        initial = tok.i == 0 or not any(c.isalnum() for c in tok.doc[: tok.i].text)
        if tok.text[:1].isupper() and not initial:
            return True
        return (tok.lower_ in INSTITUTION_WORDS or nlp.lemma(tok) in INSTITUTION_WORDS) and any(
            c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_) for c in tok.children
        )
    return True


def _appositive_name(head: Token) -> Token | None:
    """A proper-noun apposition of a common-noun source: "the defense secretary, Lloyd
    Austin," is a named person."""
    if _proper(head) and not _is_title(head):
        return None  # "Director at security company Trusteer, Dana Tamir" is Dana Tamir
    return next((c for c in head.rights if c.dep_ == "appos" and _proper(c) and c.ent_type_ != "DATE"), None)


def _source_span(ctx: _Context, head: Token) -> tuple[int, int]:
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
        or _MEDIA_NAME.search(head.text) is not None
    )


def _issues_statement(verb: Token) -> bool:
    """"X issued / released / published a statement": the subject is the source."""
    if nlp.lemma(verb) not in STATEMENT_VERBS:
        return False
    return any(c.dep_ == "dobj" and nlp.lemma(c) in DOCUMENT_WORDS for c in verb.children)


def _candidates(ctx: _Context, doc: Doc) -> list[_Candidate]:
    """Every source the sentence's parse attributes something to, outside quoted words."""
    found: list[_Candidate] = []
    for tok in doc:
        pos = ctx.offset + tok.idx
        if ctx.in_quote(pos):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            verb, verb_span, anchor = "according to", (pos, ctx.span(to)[1]), tok
        elif tok.pos_ == "VERB" and _issues_statement(tok):
            source = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            verb, verb_span, anchor = nlp.lemma(tok), ctx.span(tok), tok
        elif tok.pos_ in ("VERB", "AUX") and (lemma := nlp.lemma(tok)) in REPORTING_VERBS | DOCUMENT_VERBS:
            if not _attributes(tok, lemma):
                continue
            source = _subject(tok)
            if lemma in DOCUMENT_VERBS and (source is None or not _document_like(source)):
                continue  # "officials found ..." reports no speech
            verb, verb_span, anchor = lemma, ctx.span(tok), tok
        else:
            continue
        if source is None or source.lower_ in _FIRST_SECOND or ctx.in_quote(ctx.offset + source.idx):
            continue
        if source.pos_ not in _SOURCE_POS or len(source.text) < 2 or not any(c.isalpha() for c in source.text):
            continue  # a stray letter of a mis-tokenised contraction ("couldn ’ t say")
        start, end = _source_span(ctx, source)
        rank = (_depth(anchor), 0 if _governs_clause(anchor) else 1, tok.i)
        found.append(_Candidate(source, start, end, verb, verb_span, rank))
    return found


# -- classification ------------------------------------------------------------------------------


def _phrase_tokens(ctx: _Context, head: Token) -> list[Token]:
    start, end = _source_span(ctx, head)
    return [t for t in head.doc if start <= ctx.offset + t.idx < end]


def _is_title(tok: Token) -> bool:
    return tok.lower_ in PERSON_TITLES or tok.lower_.rstrip(".") in PERSON_TITLES


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
    """The proper-noun compound around the head ("White House"), without "the"."""
    doc = head.doc
    first = head.i
    while first > 0 and doc[first - 1].dep_ in ("compound", "punct") and doc[first - 1].head.i in range(
        first, head.i + 1
    ):
        if doc[first - 1].pos_ not in ("PROPN", "PUNCT"):
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


def _person_name(article: Article, tokens: Sequence[Token]) -> str:
    """The canonical name of a person mention: the words after the last title word,
    without a possessive, in the fullest form the article writes (``_canonical_person``)."""
    words = list(tokens)
    titles = [k for k, t in enumerate(words) if _is_title(t)]
    if titles and titles[-1] + 1 < len(words):
        words = words[titles[-1] + 1 :]
    while len(words) > 1 and (words[-1].text in ("’s", "'s", "’", "'") or words[-1].is_punct):
        words = words[:-1]
    return _canonical_person(article, _words(words))


def _canonical_person(article: Article, text: str) -> str:
    """The longest PERSON entity of the article that ends with the same words as
    ``text`` ("Austin" -> "Lloyd Austin"), else ``text`` without title words."""
    words = [w for w in text.split() if w.casefold() not in PERSON_TITLES]
    key = [w.casefold() for w in words]
    best = " ".join(words) or text
    for ent in article.entities:
        other = ent.text.split()
        if (
            ent.label == "PERSON"
            and len(other) > len(best.split())
            and [w.casefold() for w in other[-len(key) :]] == key
        ):
            best = ent.text
    return best


def _strip_determiners(tokens: Sequence[Token]) -> list[Token]:
    out = list(tokens)
    while out and out[0].lower_ in ("the", "a", "an", "some", "its", "their"):
        out = out[1:]
    return out


def _owner(head: Token) -> Token | None:
    """The named owner of a document or medium: "the Pentagon's statement", "a Pentagon
    statement", "a statement from the ministry"."""
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and _proper(child)):
            return child
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (_proper(obj) or obj.lower_ in INSTITUTION_WORDS):
                return obj
    return None


def _classify(ctx: _Context, head: Token, depth: int = 0) -> tuple[str, str | None]:
    """(kind, name) of the source phrase headed by ``head`` (not a pronoun).

    Rules, in order:

    1. a proper-noun apposition of a common noun decides ("the secretary, Lloyd Austin");
    2. a named news outlet in the phrase (``MEDIA_NAMES``), a media head noun
       (``MEDIA_WORDS``, "news agency") or bare "reports": ``media``;
    3. a document head noun (``DOCUMENT_WORDS``): the kind of its named owner when it has
       one ("the Pentagon's statement" -> named organisation), else ``document``;
    4. a proper-noun head that is a PERSON (NER), a title + name, or in apposition to a
       role ("Smith, a spokesman for the ministry"), without a group word (``GROUP_WORDS``)
       and not "the Houthis": ``named_person``;
    5. any other proper-noun head (ORG, GPE, FAC, NORP, or no label): ``named_organisation``,
       except a plural NORP ("Iraqis said"), which is ``anonymous``;
    6. a common-noun head: ``UNNAMED_WORDS`` -> ``anonymous``; ``INSTITUTION_WORDS`` ->
       ``named_organisation`` when definite ("the government", "al-Sudani's office"),
       ``anonymous`` when indefinite; a definite title ("the mayor") is the person the
       article earlier wrote with that title ("Mayor Ann Lee"), if any; anything else
       ("critics", "witnesses", an unresolved "the minister") ``anonymous``.
    """
    tokens = _phrase_tokens(ctx, head)
    text = _words(tokens)
    appos = _appositive_name(head)
    if appos is not None and depth == 0:
        return _classify(ctx, appos, depth + 1)
    media = _MEDIA_NAME.search(text)
    lemma = nlp.lemma(head)
    if media is not None:
        return MEDIA, media.group(0)
    proper = _proper(head)
    if not proper and (
        lemma in MEDIA_WORDS
        or head.lower_ in MEDIA_WORDS
        or (lemma == "agency" and any(t.lower_ in ("news", "press") for t in tokens))
        or (head.lower_ == _REPORT_PLURAL and not any(t.dep_ in ("det", "poss") for t in head.children))
    ):
        return MEDIA, None
    if not proper and (lemma in DOCUMENT_WORDS or head.lower_ in DOCUMENT_WORDS):
        owner = _owner(head)
        if owner is not None and depth < 2:
            kind, name = _classify(ctx, owner, depth + 1)
            if kind in NAMED_KINDS:
                return kind, name
        return DOCUMENT, None
    if proper:
        return _classify_proper(ctx, head, tokens)
    if lemma in UNNAMED_WORDS or head.lower_ in UNNAMED_WORDS:
        return ANONYMOUS, None
    if lemma in INSTITUTION_WORDS:
        if tokens and tokens[0].lower_ in ("a", "an", "some", "one"):
            return ANONYMOUS, None
        return NAMED_ORGANISATION, _institution_name(ctx, head, tokens, depth)
    if _is_title(head) and tokens and tokens[0].lower_ == "the":
        named = _titled_person(ctx.article, head, ctx.offset)
        if named is not None:
            return NAMED_PERSON, named
    return ANONYMOUS, None


def _institution_name(ctx: _Context, head: Token, tokens: list[Token], depth: int) -> str:
    """The name of an institution: its words without determiners ("Iraqi government"),
    or, owned by a named person, that person's canonical name with the institution
    ("Mohammed Shia al-Sudani’s office", titles dropped)."""
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None and depth < 2:
        kind, name = _classify(ctx, poss, depth + 1)
        marker = next((c for c in poss.children if c.dep_ == "case"), None)
        if kind == NAMED_PERSON and name and marker is not None:
            tail = [t for t in tokens if t.i > marker.i]
            return f"{name}{marker.text} {_words(tail)}".strip()
    return _words(_strip_determiners(tokens)) or head.text


def _titled_person(article: Article, head: Token, offset: int) -> str | None:
    """The person a definite title stands for ("the mayor" after "Mayor Ann Lee"): the
    last PERSON entity before the sentence written right after that title."""
    before = offset + head.idx
    title = head.lower_
    for ent in reversed(article.entities):
        if ent.label != "PERSON" or ent.end > before:
            continue
        lead = article.text[max(0, ent.start - 40) : ent.start].split()
        if lead and lead[-1].casefold().rstrip(".") == title.rstrip("."):
            return _canonical_person(article, ent.text)
    return None


def _classify_proper(ctx: _Context, head: Token, tokens: list[Token]) -> tuple[str, str | None]:
    """Rules 4 and 5 of ``_classify``: a person or an organisation named by a proper noun.

    The group-word guard looks at the name itself, not at the title before it ("House
    Resources Committee Chairman Nick Rahall" is a person). A name NER labels otherwise
    here but PERSON elsewhere in the article ("Ketsoyan" after "Jack Ketsoyan") is a
    person: the small model labels the same name inconsistently.
    """
    person = _entity_run(head, "PERSON")
    titled = _title_name(tokens, head)
    run = _proper_run(head)
    start = min([t.i for t in person + run])
    the_before = titled is None and start > 0 and head.doc[start - 1].lower_ == "the"  # "the Houthis"
    if all(_is_title(t) for t in run):
        return ANONYMOUS, None  # a title and no name ("said Sgt." cut at the abbreviation)
    name_tokens = titled or person
    if name_tokens and not _is_group(name_tokens) and not the_before:
        return NAMED_PERSON, _person_name(ctx.article, name_tokens)
    if not _is_group(tokens) and not the_before:
        if any(c.dep_ == "appos" and (nlp.lemma(c) in UNNAMED_WORDS or _is_title(c)) for c in head.children):
            return NAMED_PERSON, _person_name(ctx.article, run)  # "Smith, a spokesman, said"
        if _written_as_person(ctx.article, _words(run)):
            return NAMED_PERSON, _person_name(ctx.article, run)
    if head.ent_type_ == "NORP" and head.tag_ == "NNPS":
        return ANONYMOUS, None
    for label in ("ORG", "GPE", "FAC", "LOC", "NORP", "PERSON"):
        entity = _entity_run(head, label)
        if entity:
            return NAMED_ORGANISATION, _words(_strip_determiners(entity)) or head.text
    return NAMED_ORGANISATION, _words(_strip_determiners(run)) or head.text


def _written_as_person(article: Article, name: str) -> bool:
    """Whether the article has a PERSON entity with this name, or ending with it."""
    key = [w.casefold() for w in name.split()]
    if not key:
        return False
    for ent in article.entities:
        words = [w.casefold() for w in ent.text.split()]
        if ent.label == "PERSON" and words[-len(key) :] == key and not any(w in GROUP_WORDS for w in words):
            return True
    return False


def _anonymity(ctx: _Context, sentence: Sentence) -> str | None:
    """The anonymity phrase of the sentence (outside quoted words), if any."""
    for m in ANONYMITY.finditer(ctx.article.text, sentence.start, sentence.end):
        if not ctx.in_quote(m.start()):
            return m.group(0)
    return None


# -- pronouns and quotes -------------------------------------------------------------------------


def _quote_at(ctx: _Context, start: int, end: int) -> Quote | None:
    """A quote with a known speaker whose quoted words overlap ``start:end``, or which
    ends within the sentence right before ("...," he said)."""
    for q in ctx.quotes:
        if q.speaker_span is None:
            continue
        if any(s < end and start < e for s, e in q.parts) or (start <= q.end + 3 and q.end <= end):
            return q
    return None


def _speaker_kind(article: Article, span: tuple[int, int]) -> str | None:
    """A quote speaker's kind from the words and entities of its mention; None when the
    mention is a capitalised word nothing marks as a person or a name ("Officials" at the
    start of a sentence is read as a name by the quote reader: it is anonymous)."""
    labels = {e.label for e in article.entities if e.start < span[1] and span[0] < e.end}
    text = article.text[span[0] : span[1]]
    words = [w.casefold() for w in text.split()]
    if _MEDIA_NAME.search(text):
        return MEDIA
    if words and words[-1] in UNNAMED_WORDS:
        return ANONYMOUS
    grouped = any(w in GROUP_WORDS for w in words)
    if ("PERSON" in labels or _written_as_person(article, text)) and not grouped:
        return NAMED_PERSON
    if labels & _NAME_LABELS or grouped:
        return NAMED_ORGANISATION
    return None


def _resolve_pronoun(
    ctx: _Context, pronoun: Token, sentence: Sentence, earlier: Sequence[Attribution]
) -> tuple[str, str | None] | None:
    """(kind, name) of a pronoun source, None when it cannot be resolved.

    "he"/"she": the speaker of a quote in the sentence, else the nearest before it of
    the last named person attributed and the last PERSON entity. "it": the proper-noun
    subject of the sentence's main clause ("Iran hit ... in what it said was"), else the
    last named organisation, medium or document attributed in the three sentences
    before. "they": the last source attributed in the two sentences before, else
    ``anonymous`` (unidentified people). An unresolved "he", "she" or "it" stands for
    someone or something the article describes without a name, not for an anonymous
    source, so it gives None and the sentence's next candidate is tried.
    """
    word = pronoun.lower_
    if word in _PERSONAL:
        return _resolve_person(ctx, sentence, earlier)
    if word in _NEUTER:
        root = pronoun.doc[:].root
        subject = next((c for c in root.children if c.dep_ == "nsubj" and _proper(c)), None)
        if subject is not None and subject.i != pronoun.i:
            kind, name = _classify(ctx, subject)
            if kind != NAMED_PERSON:
                return kind, name
        recent = [
            a for a in earlier if a.sentence >= sentence.index - 3 and a.kind in (NAMED_ORGANISATION, MEDIA, DOCUMENT)
        ]
        return (recent[-1].kind, recent[-1].name) if recent else None
    recent = [a for a in earlier if a.sentence >= sentence.index - 2 and a.attributed]
    return (recent[-1].kind, recent[-1].name) if recent else (ANONYMOUS, None)


def _resolve_person(
    ctx: _Context, sentence: Sentence, earlier: Sequence[Attribution]
) -> tuple[str, str | None] | None:
    """The person a "he"/"she" source stands for (see ``_resolve_pronoun``)."""
    quote = _quote_at(ctx, sentence.start, sentence.end)
    if quote is not None and quote.speaker_span is not None:
        s, e = quote.speaker_span
        holder = next((a for a in earlier if a.start < e and s < a.end), None)
        if holder is not None:
            return holder.kind, holder.name
        if _speaker_kind(ctx.article, quote.speaker_span) == NAMED_PERSON:
            return NAMED_PERSON, quote.speaker
    named = [a for a in earlier if a.kind == NAMED_PERSON]
    persons = [
        e
        for e in ctx.article.entities
        if e.label == "PERSON"
        and e.end <= sentence.start
        and not any(w.casefold() in GROUP_WORDS for w in e.text.split())
    ]
    if persons and (not named or persons[-1].start > named[-1].start):
        return NAMED_PERSON, _canonical_person(ctx.article, persons[-1].text)
    if named:
        return NAMED_PERSON, named[-1].name
    return None


def _from_quotes(
    ctx: _Context, sentence: Sentence, found: Sequence[Attribution], done: Sequence[Attribution]
) -> Attribution | None:
    """The attribution of a sentence inside a direct quote, copied from the quote's own.

    In order: the attribution whose source phrase holds the speaker's mention (the
    "Defense Secretary Lloyd Austin said in a statement" of a quote over several
    sentences); else the attribution of another sentence the quote runs through
    ("...," officials said); else the speaker mention itself, its kind read from the
    entities over it, with no verb; else, for a quote without a speaker, the follow-on
    rule (``_follow_on``). ``found`` are the attributions the parse gave, ``done`` the
    final ones of the sentences before. None when the sentence is not quoted or no
    speaker is found.
    """
    quote = next(
        (q for q in ctx.quotes if any(s < sentence.end and sentence.start < e for s, e in q.parts)),
        None,
    )
    if quote is None:
        return None
    if quote.speaker_span is not None:
        s, e = quote.speaker_span
        holder = next((a for a in found if a.start < e and s < a.end and a.attributed), None)
        if holder is not None:
            return replace(holder, sentence=sentence.index)
    span = _sentence_span(ctx.article, quote)
    sibling = next((a for a in found if span[0] <= a.sentence <= span[1]), None)
    if sibling is not None:
        return replace(sibling, sentence=sentence.index)
    if quote.speaker_span is None:
        follow = _follow_on(ctx.article, quote, done)
        return replace(follow, sentence=sentence.index) if follow is not None else None
    s, e = _without_lead(ctx.article.text, *quote.speaker_span)
    kind = _speaker_kind(ctx.article, (s, e)) or NAMED_PERSON  # a capitalised name: most often a surname
    name = quote.speaker if kind in NAMED_KINDS else None
    return Attribution(ctx.article.id, sentence.index, s, e, ctx.article.text[s:e], kind, name, None, None, None)


def _follow_on(article: Article, quote: Quote, done: Sequence[Attribution]) -> Attribution | None:
    """The follow-on quote of news style ('"A," X said. "B. C."'): a quote that opens
    its sentence, right after a sentence that quotes someone and is attributed, takes
    that attribution. ``done`` are the final attributions of the sentences before."""
    first, _ = _sentence_span(article, quote)
    previous = next((a for a in reversed(done) if a.sentence == first - 1), None)
    if previous is None or not previous.attributed:
        return None
    head, before = article.sentences[first], article.sentences[first - 1]
    opening = article.text[head.start : quote.start].strip(" \t\n" + _MARKS)
    quoting = any(c in _MARKS for c in article.text[before.start : before.end])
    if opening or not quoting or before.paragraph not in (head.paragraph - 1, head.paragraph):
        return None
    return previous


#: Capitalised sentence openers the quote reader may take into a speaker's name ("But
#: Kempthorne said").
_LEADING_WORDS = set("but and although though while when if as so yet then meanwhile still".split())


def _without_lead(text: str, start: int, end: int) -> tuple[int, int]:
    """A speaker mention without a leading conjunction or adverb."""
    m = re.match(r"(\w+)\s+", text[start:end])
    if m is not None and m.group(1).casefold() in _LEADING_WORDS and m.end() < end - start:
        start += m.end()
    return start, end


def _sentence_span(article: Article, quote: Quote) -> tuple[int, int]:
    """First and last index of the sentences a quote's words run through."""
    touched = [
        t.index for t in article.sentences if any(s < t.end and t.start < e for s, e in quote.parts)
    ]
    return (min(touched), max(touched)) if touched else (-1, -1)


# -- attributions --------------------------------------------------------------------------------


def _unattributed(article: Article, sentence: Sentence) -> Attribution:
    text = article.text[sentence.start : sentence.end]
    return Attribution(
        article.id, sentence.index, sentence.start, sentence.end, text, UNATTRIBUTED, None, None, None, None
    )


def _sentence_attribution(
    ctx: _Context, sentence: Sentence, doc: Doc, earlier: Sequence[Attribution]
) -> Attribution | None:
    """The main attribution the sentence's own parse gives, or None.

    Candidates are tried best first (``_Candidate.rank``); a "he"/"she" that resolves
    to nobody is skipped: it stands for someone the article describes, not for an
    anonymous source.
    """
    for main in sorted(_candidates(ctx, doc), key=lambda c: c.rank):
        head = main.head
        if head.pos_ == "PRON" and head.lower_ in _PERSONAL | _NEUTER | _PLURAL:
            resolved = _resolve_pronoun(ctx, head, sentence, earlier)
            if resolved is None:
                continue
            kind, name = resolved
        else:
            kind, name = _classify(ctx, head)
            if kind != NAMED_PERSON and ANONYMITY.search(_words(list(head.subtree))):
                kind, name = ANONYMOUS, None  # "the ministry, speaking on condition of anonymity"
        anonymity = _anonymity(ctx, sentence) if kind == ANONYMOUS else None
        text = ctx.article.text[main.start : main.end]
        return Attribution(
            ctx.article.id, sentence.index, main.start, main.end, text, kind, name, main.verb, main.verb_span, anonymity
        )
    return None


#: Kinds of sentence whose attributions are read.
SOURCED_KINDS = (BODY, BULLET)


def attributions(article: Article, quotes: Sequence[Quote] = ()) -> list[Attribution]:
    """The main attribution of every body or bullet sentence, in order (one per sentence).

    Bullet summaries are the outlet's own words ("Pentagon officials, speaking on
    condition of anonymity, said ..."), so their sources count in its profile;
    captions, sub-headings and boilerplate do not.

    ``quotes`` are the article's direct quotes as the compare stage found them; when
    none are given they are extracted here (an article without quotes gives none
    either way). Quotes of other articles are ignored. A sentence with no source gets
    an ``unattributed`` record spanning the sentence.
    """
    own = tuple(q for q in quotes if q.article == article.id) or tuple(extract_quotes(article))
    sentences = [s for s in article.sentences if s.kind in SOURCED_KINDS]
    if not sentences:
        return []
    docs = nlp.sentence_docs(article.text, [(s.start, s.end) for s in sentences], article.analysis)
    found: list[Attribution | None] = []
    earlier: list[Attribution] = []
    for sentence, doc in zip(sentences, docs, strict=True):
        ctx = _Context(article, own, sentence.start)
        att = _sentence_attribution(ctx, sentence, doc, earlier)
        found.append(att)
        if att is not None:
            earlier.append(att)
    ctx = _Context(article, own, 0)
    out: list[Attribution] = []
    for sentence, att in zip(sentences, found, strict=True):
        if att is None:
            att = _from_quotes(ctx, sentence, earlier, out) or _unattributed(article, sentence)
        out.append(att)
    return out
