"""Actor labels across outlets: recall of NewsWCL50's annotated label differences, and precision.

Data: NewsWCL50 development half (``../shared/eval/newswcl50``, events 0-4, five
outlets per event; see its ``SOURCE.md``). ``labels.jsonl`` holds the annotators' code
mentions with exact offsets into the article texts.

The annotated list (``annotated``), built from ``labels.jsonl`` by this rule:

1. Mentions: code types ACTOR, ACTOR-I, GROUP and COUNTRY, located in the body text
   (``field == "text"``; headlines are not part of ``Article.text``), of a concept
   that names one actor: catch-all concepts whose last part ends in "-I" or "-Misc"
   ("USA\\USA-I": various US individuals) are left out.
2. Own voice: a mention inside quotation marks (an unclosed opening mark before it in
   its paragraph: more “ than ”, or an odd number of ") is the speaker's, not the
   outlet's, and is left out; so is a word of a mention that lies inside quotation
   marks opened within the phrase (a "truly fine gentleman").
3. Label words of a mention: parse the annotated phrase (the ingest-time parse of its
   sentence), take its head (the first token whose head lies outside the phrase) and
   the head's direct modifiers (``amod``, ``compound``, ``nmod``, and adjectives
   conjoined to them). A word is an evaluative label word when it is

   * written in lower case (a capitalised word is a name, a nationality or a title),
     alphabetic, and in no named entity ("in" of "Moon Jae-in");
   * not in the neutral lists of ``newsprism/analysis/data/labels.txt``: ``[roles]``
     and ``[institutions]`` (offices, roles, generic nouns for people, institutions and
     states: "leader", "officials", "party") and ``[modifiers]`` (rank, time, place
     and domain words: "former", "top", "nuclear");
   * an adjective, or a noun that labels the actor rather than naming a thing of
     theirs: the phrase's head or an epithet before a name ("dictator" in "dictator
     Kim Jong Un"), that is a charged word of the data file or a noun for a person
     (agent-noun endings, ``PERSON_SUFFIXES``: "abuser", "confidant"). A noun
     modifying a common noun is a classifier ("spy" in "spy agency") and no label;
     head nouns for things ("memo", "system", "lineup": annotated as mentions of an
     actor's concept) are no labels either.

   Words are compared in singular form ("dictators" = "dictator", "men" = "man").
4. An actor-label difference is (event, concept, word) where the word is a label
   word of the concept's own-voice mentions in at least one outlet and at least one
   other outlet mentions the concept in its own voice without that word ("dictator"
   for Kim: Fox News and Breitbart, not HuffPost, NYT, USA Today). A word every
   mentioning outlet uses is no difference.

Scores:

* recall: annotated differences covered by a ``label_difference`` finding of the
  event: the finding's contrast words hold the word and one of its evidence spans
  overlaps an annotated own-voice mention of the concept. The missed ones are listed.
* precision: findings that correspond to an annotated concept and word: one of
  their evidence spans overlaps an annotated mention (any of the four code types)
  whose phrase holds one of the finding's contrast words. The others are listed for
  a reader to judge (the annotators did not mark every label).

Findings come from ``actors.mentions`` given what ``framing.frame`` gives it as not the
outlet's voice (``voiced``: every quoted span and the reported-speech clauses) and
``framing.labels.label_findings`` over the five articles of each event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.claims import events
from newsprism import nlp
from newsprism.analysis import quotes as quote_module
from newsprism.analysis.actors import LABELS as LABEL_WORDS
from newsprism.analysis.actors import MODIFIERS, NEUTRAL, ROLES, mentions
from newsprism.framing.labels import label_findings
from newsprism.model import Article, Finding

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO.parent / "shared" / "eval" / "newswcl50" / "labels.jsonl"
ACTOR_CODES = {"ACTOR", "ACTOR-I", "GROUP", "COUNTRY"}
#: Dependency relations of the modifiers of a phrase's head that may be label words.
MODIFIER_DEPS = {"amod", "compound", "nmod"}
#: Entity types whose words are a name, not a label ("Jae-in" in "Moon Jae-in").
NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
#: Endings of nouns for a person (agent nouns, "-crat", "-man"): a noun of the phrase
#: with one of them, or in the label lists, labels the actor; other nouns ("memo",
#: "system", "headquarters") name a thing of theirs.
PERSON_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ian", "ee", "man", "crat", "ard", "ite", "arch", "ic")
#: Goal of the issue: share of annotated differences covered.
GOAL = 0.60


@dataclass(slots=True)
class Annotated:
    """One annotated mention of an actor concept, with its label words."""

    event: int
    article: str
    outlet: str
    concept: str
    start: int
    end: int
    phrase: str
    words: set[str] = field(default_factory=set)  # evaluative label words (rule step 3)
    tokens: set[str] = field(default_factory=set)  # every word of the phrase, singular


@dataclass(frozen=True, slots=True)
class Difference:
    """An annotated actor-label difference (rule step 4)."""

    event: int
    concept: str
    word: str
    users: tuple[str, ...]
    others: tuple[str, ...]


def singular(word: str) -> str:
    """A plain singular for comparing words ("dictators" -> "dictator", "allies" -> "ally")."""
    word = word.casefold()
    if word.endswith("men") and len(word) >= 3:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def in_quotes(text: str, start: int) -> bool:
    """Whether an unclosed quotation mark opens before ``start`` in its paragraph."""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def read_mentions(articles: dict[str, Article]) -> list[Annotated]:
    """The annotated actor mentions of the body texts, with their words (rule steps 1 and 3)."""
    found = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["code_type"] not in ACTOR_CODES or r["field"] != "text" or r["start"] is None:
            continue
        last = r["concept"].split("\\")[-1]
        if last.endswith(("-I", "-Misc")) or r["article"] not in articles:
            continue
        mention = Annotated(r["event"], r["article"], r["outlet"], r["concept"], r["start"], r["end"], r["phrase"])
        mention.words, mention.tokens = _words(articles[r["article"]], r["start"], r["end"])
        found.append(mention)
    return found


def _words(article: Article, start: int, end: int) -> tuple[set[str], set[str]]:
    """(evaluative label words, all words) of the phrase at ``start:end``."""
    sentences = [s for s in article.sentences if s.start <= start < s.end]
    if not sentences:
        return set(), set()
    doc = nlp.sentence_docs(article.text, [(sentences[0].start, sentences[0].end)], article.analysis)[0]
    offset = sentences[0].start
    tokens = [t for t in doc if start <= offset + t.idx < end]
    every = {singular(t.text) for t in tokens if t.is_alpha}
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if not heads:
        return set(), every
    head = heads[0]
    candidates = [head] + [c for c in head.children if c.dep_ in MODIFIER_DEPS and c.i in inside]
    candidates += [c for m in candidates[1:] if m.pos_ == "ADJ" for c in m.children if c.dep_ == "conj" and c.i in inside]
    words = set()
    for t in candidates:
        word = singular(t.text.replace("-", ""))
        if not t.text.islower() or not t.text.replace("-", "").isalpha() or t.ent_type_ in NAME_TYPES:
            continue
        if word in ROLES or word in MODIFIERS or t.text.casefold() in MODIFIERS or in_quotes(article.text, offset + t.idx):
            continue
        if t.pos_ == "ADJ" or (t.pos_ == "NOUN" and _labels_person(t, head, word)):
            words.add(word)
    return words, every


def _labels_person(noun, head, word: str) -> bool:
    """Whether a noun of the phrase labels the actor rather than naming a thing of
    theirs: the phrase's head, or an epithet before a name ("dictator" in "dictator
    Kim"), that is a charged label word or a noun for a person (rule step 3)."""
    epithet = noun.dep_ == "compound" and head.pos_ == "PROPN"
    if noun.i != head.i and not epithet:
        return False  # a classifier: "spy" in "spy agency"
    return LABEL_WORDS.get(word, NEUTRAL) != NEUTRAL or word.endswith(PERSON_SUFFIXES)


def annotated(annotations: Sequence[Annotated], texts: dict[str, str]) -> list[Difference]:
    """The annotated actor-label differences (rule steps 2 and 4)."""
    own = [m for m in annotations if not in_quotes(texts[m.article], m.start)]
    by_concept: dict[tuple[int, str], dict[str, set[str]]] = {}
    for m in own:
        by_concept.setdefault((m.event, m.concept), {}).setdefault(m.outlet, set()).update(m.words)
    out = []
    for (event, concept), outlets in sorted(by_concept.items()):
        for word in sorted(set().union(*outlets.values())):
            users = tuple(o for o, ws in outlets.items() if word in ws)
            others = tuple(o for o, ws in outlets.items() if word not in ws)
            if others:
                out.append(Difference(event, concept, word, users, others))
    return out


def findings_of(articles: Sequence[Article]) -> list[Finding]:
    """Our label_difference findings for one event's articles."""
    found = {a.id: mentions(a, voiced(a)) for a in articles}
    return label_findings(articles, found)


def voiced(article: Article) -> list:
    """The words that are not the outlet's own voice, as ``framing.frame`` passes them to
    ``mentions``: every quoted span (``voice_quotes``) and the reported-speech clauses
    (``reported_speech``); ``extract_quotes(min_words=1)`` where those do not exist."""
    voice = getattr(quote_module, "voice_quotes", None)
    if voice is None:
        return quote_module.extract_quotes(article, min_words=1)
    reported = getattr(quote_module, "reported_speech", None)
    return voice(article) + (reported(article) if reported else [])


def _overlaps(finding: Finding, m: Annotated) -> bool:
    return any(e.article == m.article and e.start < m.end and m.start < e.end for e in finding.evidence)


def _contrast(finding: Finding) -> set[str]:
    return {singular(w) for w in finding.details.get("contrast", [])}


def main() -> None:
    if not LABELS.is_file():
        print("NewsWCL50 labels not found beside the repo (../shared/eval/newswcl50): skipped")
        return
    stories = events()
    articles = {a.id: a for arts in stories.values() for a in arts}
    texts = {i: a.text for i, a in articles.items()}
    annotations = read_mentions(articles)
    gold = annotated(annotations, texts)
    findings = {event: findings_of(arts) for event, arts in sorted(stories.items())}
    own = [m for m in annotations if not in_quotes(texts[m.article], m.start)]

    covered, missed = [], []
    for d in gold:
        spans = [m for m in own if m.event == d.event and m.concept == d.concept]
        hit = any(d.word in _contrast(f) and any(_overlaps(f, m) for m in spans) for f in findings[d.event])
        (covered if hit else missed).append(d)
    recall = len(covered) / len(gold) if gold else 0.0
    print(f"annotated actor-label differences (events {min(stories)}-{max(stories)}): {len(gold)}")
    print(f"recall: {len(covered)}/{len(gold)} = {recall:.0%} (goal {GOAL:.0%})")
    for d in missed:
        print(f"  missed: event {d.event} {d.concept} “{d.word}”: {', '.join(d.users)} vs {', '.join(d.others)}")

    matched, unmatched = 0, []
    total = 0
    for event, fs in findings.items():
        for f in fs:
            total += 1
            words = _contrast(f)
            if any(m.event == event and _overlaps(f, m) and words & m.tokens for m in annotations):
                matched += 1
            else:
                unmatched.append((event, f))
    print(f"label_difference findings: {total}; matching an annotated concept + word: {matched}"
          + (f" ({matched / total:.0%})" if total else ""))
    for event, f in unmatched:
        print(f"  unmatched (event {event}): {f.summary}")
    for event, fs in findings.items():
        for f in fs:
            print(f"  event {event}: {_short(f.summary)}")


def _short(text: str, most: int = 170) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
