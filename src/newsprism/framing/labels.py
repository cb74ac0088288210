"""label_difference: who calls whom what.

The same actor is named in different words by different outlets: "North Korean
dictator Kim Jong Un" in two, "the North Korean leader" in two others; "Iran-backed
militias" in one, "Iranian-backed terrorists" and "jihadists" in another. The
mentions (names with their label words, descriptions headed by a label word) come
from ``newsprism.analysis.actors``; this module resolves them to one actor across the
story's articles (a bare surname to the full name it is the last or first word of;
"the dictator", "the North Korean leader" to the one named actor of the story labelled
with that word, from that country) and reports per actor the labels each outlet uses
in its own voice. Labels inside a quote are the speaker's: listed in the table, never
counted as the outlet's choice.

A finding is one actor and its label contrast: charged words (pejorative or
sympathetic by our lists or VADER, or marked words in no list, ``actors.UNRATED``:
see ``actors.charge_of``) that some outlets use for the actor in their own voice and
other outlets mentioning the actor do not. It names every outlet: those with the
same words are one group, the groups using a charged word first, the rest with the
labels they use instead. Neutral rows ("troops" in one outlet, "forces" in another)
and a charged word every outlet uses are never a finding.

It also compares how matching sentences tell a death: with someone doing the
killing ("killed") or without ("died"), unless either report tells its deaths with a
cause no one does (a storm, a crash, a disease: ``natural_deaths``), where "killed"
is the plain verb ("seven were killed in the storms" against "six fatalities").
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsprism import nlp
from newsprism.analysis._wordlists import read_sections
from newsprism.analysis.actors import NEUTRAL, PEJORATIVE, SYMPATHETIC, Mention
from newsprism.model import LABEL_DIFFERENCE, AlignmentLink, Article, Evidence, Finding

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["label_table", "label_findings", "death_findings", "resolve"]

Found = dict[str, list[Mention]]


def resolve(found: Found) -> Found:
    """The mentions with their actor keys resolved across the story's articles.

    A one-word person's name ("Kim", "Mr. Trump") becomes the full name of a person of
    the story that it is a word of (the most mentioned one when several are; a country
    or organisation is never merged into a longer name: "U.S." is not "U.S. Army"); a role description
    (``role:<country>:<label>``) becomes the named actor labelled with that word in its
    article, else the one so labelled in the story (from the same country when the
    description names one); a description that stays ambiguous is dropped.
    """
    names = Counter(m.actor for ms in found.values() for m in ms if m.actor.startswith("name:"))
    people = Counter(m.actor for ms in found.values() for m in ms if m.entity == "PERSON")
    full = {key: _full_name(key, people) if key in people else key for key in names}
    shown = _displays(found, full)
    named = [dataclasses.replace(m, actor=full[m.actor], display=shown[full[m.actor]]) if m.actor in full else m
             for ms in found.values() for m in ms]  # fmt: skip
    out: Found = {article: [] for article in found}
    for m in named:
        if m.actor.startswith("role:"):
            actor = _role_actor(m, named)
            if actor is None:
                continue
            m = dataclasses.replace(m, actor=actor, display=shown.get(actor, m.display))
        out[m.article].append(m)
    return out


def _full_name(key: str, names: Counter) -> str:
    words = key.removeprefix("name:").split()
    if len(words) != 1:
        return key
    longer = [k for k in names if len(k.split()) > 1 and words[0] in k.removeprefix("name:").split()]
    return max(longer, key=lambda k: (names[k], k)) if longer else key


def _displays(found: Found, full: dict[str, str]) -> dict[str, str]:
    """Per actor, its most frequent display among the mentions of its longest form."""
    counts: dict[str, Counter] = {}
    for ms in found.values():
        for m in ms:
            actor = full.get(m.actor, m.actor)
            counts.setdefault(actor, Counter())[(len(m.display.split()) if m.actor == actor else 0, m.display)] += 1
    return {actor: max(c, key=lambda d: (d[0], c[d], d[1]))[1] for actor, c in counts.items()}


def _role_actor(m: Mention, named: list[Mention]) -> str | None:
    """The named actor a role description stands for (see ``resolve``), or None."""
    _, country, label = m.actor.split(":", 2)
    labelled = [n for n in named if n.kind in ("premodifier", "appositive") and n.actor.startswith("name:")]
    for pool in ([n for n in labelled if n.article == m.article], labelled):
        actors = {n.actor for n in pool if n.label == label and (not country or n.country == country)}
        if len(actors) == 1:
            return actors.pop()
    return None


def label_table(articles: Sequence[Article], found: Found) -> list[dict]:
    """Per actor labelled in at least two articles, one of them with a charged word (in
    its own voice or in a quote), the labels each article uses (JSON-able)."""
    table = []
    for key, per_article in _by_actor(resolve(found)).items():
        labelled = {i: [m for m in ms if m.label] for i, ms in per_article.items()}
        if sum(1 for ms in labelled.values() if ms) < 2:
            continue
        if all(m.charge == NEUTRAL for ms in labelled.values() for m in ms):
            continue  # titles and roles only ("President", "troops"): nothing to compare
        table.append({
            "actor": _display(per_article),
            "key": key,
            "labels": {
                a.id: [
                    {"label": m.label, "word": m.word, "charge": m.charge, "text": m.text, "start": m.start, "end": m.end,
                     "in_quote": m.in_quote}
                    for m in labelled.get(a.id, [])
                ]
                for a in articles
            },
        })
    return table


def _by_actor(found: Found) -> dict[str, dict[str, list[Mention]]]:
    actors: dict[str, dict[str, list[Mention]]] = {}
    for article_id, ms in found.items():
        for m in ms:
            actors.setdefault(m.actor, {}).setdefault(article_id, []).append(m)
    return dict(sorted(actors.items()))


def _display(per_article: dict[str, list[Mention]]) -> str:
    return Counter(m.display for ms in per_article.values() for m in ms).most_common(1)[0][0]


def label_findings(articles: Sequence[Article], found: Found) -> list[Finding]:
    """One finding per actor whose outlets differ in a charged label: a word some
    outlets use for it in their own voice and other outlets mentioning it do not (see
    the module); the finding names every outlet's labels."""
    order = [a.id for a in articles]
    by_id = {a.id: a for a in articles}
    findings = []
    for per_article in _by_actor(resolve(found)).values():
        own = {i: [m for m in ms if m.label and not m.in_quote] for i, ms in per_article.items()}
        users: dict[str, set[str]] = {}
        for article_id, ms in own.items():
            for m in ms:
                if m.charge != NEUTRAL:
                    users.setdefault(m.label, set()).add(article_id)
        contrast = [label for label, ids in users.items() if set(per_article) - ids]
        if contrast:
            findings.append(_finding(by_id, [i for i in order if i in per_article], contrast, per_article, own))
    return findings


def _finding(
    by_id: dict[str, Article], ids: list[str], contrast: list[str],
    per_article: dict[str, list[Mention]], own: dict[str, list[Mention]],
) -> Finding:  # fmt: skip
    """The finding of one actor: every use of the ``contrast`` words, and the first
    mention of each other label (or of the actor) in the other outlets."""
    actor = _display(per_article)
    key = next(m.actor for ms in per_article.values() for m in ms)
    named = f"the {actor}" if key.startswith(("affiliation:", "group:")) else actor
    chosen: dict[str, list[Mention]] = {}
    for i in ids:
        charged = [m for m in own.get(i, []) if m.label in contrast]  # every use: each is evidence
        rest = _first_per_label([m for m in own.get(i, []) if m.label not in contrast])
        chosen[i] = charged + rest if charged or rest else per_article[i][:1]
    spans = dict.fromkeys((i, m.start, m.end) for i in ids for m in sorted(chosen[i], key=lambda m: m.start))
    evidence = tuple(Evidence.of(by_id[i], start, end) for i, start, end in spans)
    words = {i: _words(chosen[i]) for i in ids}
    users = [i for i in ids if any(m.label in contrast for m in chosen[i])]
    charged = any(m.charge in (PEJORATIVE, SYMPATHETIC) for i in users for m in chosen[i])
    return Finding(
        kind=LABEL_DIFFERENCE,
        summary=_summary(by_id, ids, named, words, contrast, chosen),
        score=0.9 if charged else 0.7,
        evidence=evidence,
        details={
            "actor": actor,
            "articles": ids,
            "contrast": sorted(contrast),
            "users": users,
            "others": [i for i in ids if i not in users],
            "labels": {i: _labels(chosen[i]) for i in ids},
            "words": words,
            "charges": {i: sorted({m.charge for m in chosen[i] if m.label}) for i in ids},
        },
    )


def _summary(
    by_id: dict[str, Article], ids: list[str], actor: str, words: dict[str, list[str]], contrast: list[str],
    chosen: dict[str, list[Mention]],
) -> str:  # fmt: skip
    """"A and B call Kim Jong Un “dictator”; C and D write “leader”; E uses no label."

    Outlets with the same words are one group; groups using a contrast word come first."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for i in ids:
        groups.setdefault(tuple(words[i]), []).append(i)
    uses = {key: any(m.label in contrast for m in chosen[members[0]]) for key, members in groups.items()}
    ranked = sorted(groups.items(), key=lambda g: not uses[g[0]])
    parts = []
    for k, (used, members) in enumerate(ranked):
        one = len(members) == 1
        if k == 0:
            parts.append(f"{_names(members, by_id)} {'calls' if one else 'call'} {actor} {_quoted(used)}")
        elif used:
            parts.append(f"{_names(members, by_id)} {'writes' if one else 'write'} {_quoted(used)}")
        else:
            parts.append(f"{_names(members, by_id)} {'uses' if one else 'use'} no label")
    return "; ".join(parts) + "."


def _names(ids: Sequence[str], by_id: dict[str, Article]) -> str:
    named = [by_id[i].name for i in ids]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


def _labels(ms: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.label for m in ms if m.label))


def _words(ms: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.word.lower() for m in ms if m.label))


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


#: A sentence word that tells a death, for ``natural_deaths`` ("killing", "deadly" too).
_ANY_DEATH = re.compile(r"\b(?:kill(?:s|ed|ing)?|deadly|died|dead|deaths?|fatal(?:ity|ities)?|perished)\b", re.IGNORECASE)


@functools.cache
def _cause_pattern() -> re.Pattern[str]:
    """The causes of ``labels.txt`` [death_causes], each also in its plural."""
    causes = read_sections("labels.txt", fold=True)["death_causes"]
    words = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(causes, key=len, reverse=True))
    return re.compile(rf"\b(?:{words})(?:s|es)?\b", re.IGNORECASE)


def natural_deaths(article: Article) -> bool:
    """Whether the article tells deaths with a cause no one does: in one of its sentences
    a cause of ``labels.txt`` [death_causes] is what the death word hangs on
    (``_caused_by``): "Tornadoes swept through ..., killing at least seven", "killed in
    the storms", "the deadly crash". A cause elsewhere in the sentence ("died as a storm
    of anger spread") is not the death's."""
    causes = _cause_pattern()
    spans = [
        (s.start, s.end) for s in article.sentences
        if _ANY_DEATH.search(article.text, s.start, s.end) and causes.search(article.text, s.start, s.end)
    ]  # fmt: skip
    if not spans:
        return False
    return any(_caused_by(doc, causes) for doc in nlp.sentence_docs(article.text, spans, article.analysis))


#: Dependencies by which a cause hangs on a death word or a word above it: its subject
#: ("tornadoes ... killing"), or the word it modifies ("deadly tornadoes").
_CAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "amod", "compound"})
#: Prepositions whose object is a death's cause: "killed in the storms", "died of the
#: disease", "killed by lightning" ("died as a storm of anger spread" is no cause).
_CAUSE_PREPS = frozenset({"in", "by", "from", "of", "during", "after", "amid"})


def _caused_by(doc: Doc, causes: re.Pattern[str]) -> bool:
    """Whether a death word of a sentence doc hangs on a cause: the cause is the death
    word's head or an ancestor's, its subject, or the object of its cause preposition
    (``_CAUSE_PREPS``); a cause with an "of" complement is a figure of speech ("a storm
    of protest", "a flood of refugees"), not a cause."""
    for token in doc:
        if not _ANY_DEATH.fullmatch(token.text):
            continue
        for node in (token, *token.ancestors):
            near = [node] if node is not token else []
            near += [c for c in node.children if c.dep_ in _CAUSE_DEPS]
            near += [
                g for c in node.children if c.dep_ in ("prep", "agent") and c.lower_ in _CAUSE_PREPS
                for g in c.children if g.dep_ == "pobj"
            ]  # fmt: skip
            if any(causes.fullmatch(n.text) and not any(c.lower_ == "of" for c in n.children) for n in near):
                return True
    return False


def death_findings(articles: Sequence[Article], links: Sequence[AlignmentLink]) -> list[Finding]:
    """Matching sentences where one outlet says the victims were killed and the other that
    they died; none for a report that tells its deaths with a cause no one does
    (``natural_deaths``), and none when the outlet that writes "died" here writes of a
    killing elsewhere in its body ("the rookie officer who was killed"): it does not
    avoid saying someone did it (``_tells_a_killing``)."""
    by_id = {a.id: a for a in articles}
    findings: list[Finding] = []
    seen: set[tuple[str, int, str, int]] = set()
    natural: dict[str, bool] = {}
    agentive: dict[str, bool] = {}
    for link in links:
        a, b = by_id[link.a.article], by_id[link.b.article]
        left = _death_words(a, link.a.start, link.a.end)
        right = _death_words(b, link.b.start, link.b.end)
        if not left or not right:
            continue
        kinds = ({_DEATH[m.group(1).lower()] for m in left}, {_DEATH[m.group(1).lower()] for m in right})
        key = (a.id, link.a.sentence, b.id, link.b.sentence)
        if kinds[0] == kinds[1] or len(kinds[0]) != 1 or len(kinds[1]) != 1 or key in seen:
            continue
        for x in (a, b):  # read once per article, and only for a contrast
            if x.id not in natural:
                natural[x.id] = natural_deaths(x)
        plain = b if kinds[1] == {"non-agentive"} else a
        if plain.id not in agentive:
            agentive[plain.id] = _tells_a_killing(plain)
        if not (natural[a.id] or natural[b.id] or agentive[plain.id]):
            seen.add(key)
            findings.append(_death_finding(a, b, left[0], right[0]))
    return findings


def _tells_a_killing(article: Article) -> bool:
    """Whether a body sentence of the article tells a death with someone doing the killing."""
    return any(m.group(1).lower() in AGENTIVE_DEATH for s in article.body_sentences for m in _death_words(article, s.start, s.end))


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
