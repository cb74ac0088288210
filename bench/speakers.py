"""Quote speakers against gold: PolNeAR's direct quotes, and the hand-made NewsWCL50/BASIL gold.

PolNeAR (``../shared/eval/polnear/quotes.jsonl``, the 504-article development half,
see its ``SOURCE.md``) annotates every attribution with its Source (speaker) span in
place. The records are ingested with ``newsprism.ingest.build_articles`` (the text is
kept exactly, so the gold offsets index ``Article.text``) and ``extract_quotes`` runs on
each article.

Gold quotes scored: ``kind == "direct"`` (the whole content inside quotation marks)
whose speaker is a *name*. The rule (``gold_name``): the annotated speaker span is cut
at its commas (appositions: "Paul Lindsay, a spokesman for ...", "Clinton's campaign
chairman, John Podesta"); the first segment that is a name gives it. A segment is a
name when it does not start with an indefinite determiner ("a New Hampshire
Republican" is a description) and

* its last word lies in a PERSON entity of the ingest-time parse: the name is that
  entity ("German Chancellor Angela Merkel" -> "Angela Merkel"; not "Sanders
  protesters", whose head is "protesters"); or
* its words, with determiners and titles ("Sen.", "Mr.", "Spokeswoman") dropped, are
  1-5 capitalised words, none a pronoun, the last in no ORG/NORP/GPE entity ("Trump",
  "Ms. Acosta", but not "Democrats", "He", "the president").

Pronoun and description speakers ("he", "the candidate") are left out: PolNeAR has no
coreference, so the person they stand for is not known. For 200 of its 579 direct
quotes whose speaker is "he"/"she" (a deterministic sample, lowest sha256 of
"id:quote start"), two helper sessions read the article and wrote down who the pronoun
stands for (``bench/gold/polnear_pronouns.jsonl``; how: ``bench/gold/README.md``); those
are scored apart ("pronoun speakers"), the same way.

Figures:

* coverage: gold quotes that one of our quotes overlaps (span overlap of the gold
  ``quoted`` spans, or of the content when it has none, with our quote's parts);
* speaker accuracy: of the covered gold quotes, those whose speaker we name as the same
  person (``same_person``: same last name, compatible first names: equal, one an initial
  of the other, or one side a bare name that is the other's first or last word: "Dong"
  ~ "Dong Xiaolin"; familiar forms of one given name, ``bench/data/given_names.txt``:
  "Bill" ~ "William"; initials of an organisation: "DNC" ~ "Democratic National
  Committee", or its words in another order; a person's office for the person: "Harry
  Reid's office" issues Reid's statements; any one of joint speakers the gold lists). A
  pronoun we resolved to the right name counts as right; no speaker ("unknown") or an organisation counts as wrong;
* ambiguous: covered gold quotes whose bare-surname speaker ("Trump") the article also
  writes as two different full names ("Donald Trump", "Melania Trump"); counted in the
  accuracy, shown apart because the bare surname cannot tell them apart;
* a confusion sample: the most frequent (gold -> ours) errors, with an example each.

Hand-made gold (``bench/gold/newswcl50.jsonl``, ``bench/gold/basil.jsonl``, lines with
``type == "quote"``: ``article``, ``start``, ``end``, ``speaker``): the same coverage and
speaker accuracy, on the NewsWCL50 and BASIL articles; missing files are reported and
skipped.

``NEWSPRISM_BENCH_SPEAKERS`` (an integer) scores a deterministic subset of that many
PolNeAR articles (lowest sha256 of the id first) while iterating; unset, all 504.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsprism.analysis._wordlists import equivalents
from newsprism.analysis.quotes import Quote, extract_quotes
from newsprism.analysis.speakers import joint_members
from newsprism.ingest import build_articles
from newsprism.model import Article, RawArticle

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "eval" / "polnear" / "quotes.jsonl"
GOLD = REPO / "bench" / "gold"
NEWSWCL50 = REPO.parent / "shared" / "eval" / "newswcl50" / "articles.jsonl"
SUBSET_ENV = "NEWSPRISM_BENCH_SPEAKERS"
#: Errors shown in the confusion sample.
SAMPLE = 25

Span = tuple[int, int]

_TITLE_WORDS = frozenset(
    """
    the a an mr mrs ms dr sen senator rep representative gov governor president vice former
    spokesman spokeswoman spokesperson secretary gen general chairman chairwoman judge
    justice rev reverend prof professor mayor speaker leader candidate nominee gop
    democratic republican presidential u.s. us state
    """.split()
)
_PRONOUNS = frozenset("he she it they i we you his her him them".split())
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC", "LOC"})


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold direct quote with a named speaker."""

    article: str
    spans: tuple[Span, ...]
    speaker: str  # the name
    mention: str  # the annotated speaker text


# -- names ------------------------------------------------------------------------------------


def _words(name: str) -> list[str]:
    """A name's words, case-folded, without possessives and edge punctuation."""
    words = []
    for w in name.replace("’", "'").split():
        w = re.sub(r"'s$", "", w.strip(".,;:\"'()")).strip(".'").casefold()
        if w:
            words.append(w)
    return words


def _core(name: str) -> list[str]:
    """A name's words without leading titles/determiners (``_TITLE_WORDS``)."""
    words = _words(name)
    while len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    return [w for w in words if w not in ("jr", "sr", "ii", "iii")] or words


def _given_names() -> dict[str, frozenset[str]]:
    """Each given name and the set of its familiar forms (``bench/data/given_names.txt``)."""
    lines = (Path(__file__).parent / "data" / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return equivalents(line for line in lines if line.strip() and not line.startswith("#"))


GIVEN_NAMES = _given_names()


#: "X's office": the office issues its holder's statements.
_OFFICE = re.compile(r"['’]s office$")
_FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "on"})


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _FUNCTION_WORDS)


def same_person(gold: str, ours: str | None) -> bool:
    """Whether two names are the same speaker: same last name and compatible first
    names (equal, one an initial of the other, familiar forms of one name: "Bill" ~
    "William", or one side a bare surname); an organisation and its initials ("DNC" ~
    "Democratic National Committee") and its words in another order ("Health and Human
    Services Department" ~ "Department of Health and Human Services"); a person's office
    is the person ("Harry Reid's office" ~ "Harry Reid"); a gold naming joint speakers ("A, B and C",
    "A; B") is matched by any of them, and so is one of ours ("A, B and C", "A and B":
    ``joint_name``)."""
    if not ours:
        return False
    ours = _OFFICE.sub("", ours)  # "Harry Reid's office" speaks for Harry Reid
    if len(_words(gold)) > 2 and set(_words(gold)) - _FUNCTION_WORDS == set(_words(ours)) - _FUNCTION_WORDS:
        return True  # one organisation, its words in another order
    joint = [g for g in re.split(r";|,| and ", gold) if g.strip()] if re.search(r"[;,]", gold) else [gold]
    if len(joint) > 1 and _words(gold) != _words(ours):
        return any(same_person(g, ours) for g in joint)
    ours_joint = joint_members(ours)
    if len(ours_joint) > 1 and _words(gold) != _words(ours):
        return any(same_person(gold, o) for o in ours_joint)
    wa, wb = _words(gold), _words(ours)
    if len(wa) == 1 and len(wb) > 2 and wa[0] == _acronym(wb) or len(wb) == 1 and len(wa) > 2 and wb[0] == _acronym(wa):
        return True
    a, b = _core(gold), _core(ours)
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:  # a bare name: the other's family name, first or last
        bare, full = (a, b) if len(a) == 1 else (b, a)
        return bare[0] in (full[0], full[-1]) if len(full) > 1 else bare == full
    if a[-1] != b[-1]:
        return False
    x, y = a[0], b[0]
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)) or y in GIVEN_NAMES.get(x, ())


def gold_name(article: Article, start: int, end: int) -> str | None:
    """The person a gold speaker span names, or None when it is no name (see the
    module docstring for the rule)."""
    pos = start
    for segment in article.text[start:end].split(","):
        name = _segment_name(article, pos, pos + len(segment))
        if name is not None:
            return name
        pos += len(segment) + 1
    return None


def _segment_name(article: Article, start: int, end: int) -> str | None:
    """The name one comma-separated segment of a gold speaker is: the PERSON entity its
    last word lies in, or its capitalised words; None for a description ("a New
    Hampshire Republican", "Sanders protesters", "the president")."""
    words = article.text[start:end].split()
    if not words or _words(words[0])[:1] in (["a"], ["an"], ["another"], ["one"]):
        return None
    last = start + article.text[start:end].rstrip().rfind(words[-1])
    for e in article.entities:
        if e.label == "PERSON" and e.start <= last < e.end:
            return e.text
    while words and _words(words[0])[:1] and _words(words[0])[0] in _TITLE_WORDS:
        words = words[1:]
    if not 1 <= len(words) <= 5:
        return None
    if any(not w[:1].isupper() or _words(w)[:1] and _words(w)[0] in _PRONOUNS for w in words):
        return None
    if any(e.label in _GROUP_LABELS and e.start <= last < e.end for e in article.entities):
        return None
    return " ".join(words)


def _ambiguous(article: Article, name: str) -> bool:
    """A bare surname the article writes as two different full PERSON names."""
    core = _core(name)
    if len(core) != 1:
        return False
    firsts = {tuple(_core(e.text)[:-1]) for e in article.entities if e.label == "PERSON" and _core(e.text)[-1:] == core}
    return len({f for f in firsts if f}) > 1


# -- data -------------------------------------------------------------------------------------


def _subset(rows: list[dict], limit: int | None) -> list[dict]:
    if limit is None:
        return rows
    order = sorted(rows, key=lambda r: hashlib.sha256(r["id"].encode("utf-8")).hexdigest())
    keep = {r["id"] for r in order[:limit]}
    return [r for r in rows if r["id"] in keep]


def polnear(limit: int | None) -> tuple[list[Article], list[GoldQuote], Counter[str]]:
    """The PolNeAR articles (ingested), their named direct gold quotes, and counts of
    the direct quotes left out and why."""
    rows = [json.loads(line) for line in POLNEAR.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = _subset(rows, limit)
    raws = [RawArticle(source=r["id"], title=r["title"] or "", text=r["text"], outlet=r["outlet"], id=r["id"]) for r in rows]
    articles = build_articles(raws)
    gold: list[GoldQuote] = []
    skipped: Counter[str] = Counter()
    for row, article in zip(rows, articles, strict=True):
        assert article.text == row["text"], "ingest changed the text: offsets would not match"
        for q in row["quotes"]:
            if q["kind"] != "direct":
                continue
            if q["speaker"] is None:
                skipped["no speaker"] += 1
                continue
            name = gold_name(article, q["speaker_start"], q["speaker_end"])
            if name is None:
                skipped["speaker not a name"] += 1
                continue
            spans = tuple(tuple(s) for s in q["quoted"]) or ((q["start"], q["end"]),)
            gold.append(GoldQuote(article.id, spans, name, q["speaker"]))
    return articles, gold, skipped


def hand_gold(name: str) -> tuple[list[Article], list[GoldQuote]] | None:
    """The hand-made gold quotes of one corpus and its articles; None when the gold
    file is not there (yet)."""
    path = GOLD / f"{name}.jsonl"
    if not path.is_file():
        return None
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    quotes = [r for r in rows if r.get("type") == "quote" and r.get("speaker")]
    raws = {r.id: r for r in _corpus(name)}
    wanted = sorted({q["article"] for q in quotes if q["article"] in raws})
    articles = build_articles([raws[i] for i in wanted]) if wanted else []
    gold = [GoldQuote(q["article"], ((q["start"], q["end"]),), q["speaker"], q["speaker"]) for q in quotes if q["article"] in raws]
    return articles, gold


def pronoun_gold(articles: set[str]) -> list[GoldQuote]:
    """The hand-read speakers of PolNeAR's "he"/"she" direct quotes, for the articles given."""
    path = GOLD / "polnear_pronouns.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        GoldQuote(r["article"], ((r["quote_start"], r["quote_end"]),), r["speaker"], r["pronoun"])
        for r in rows
        if r["article"] in articles and r["speaker"]
    ]


def _corpus(name: str) -> list[RawArticle]:
    """The raw articles the hand-made gold of ``name`` refers to."""
    if name == "basil":
        from bench.basil import load_basil

        return load_basil()[0]
    rows = [json.loads(line) for line in NEWSWCL50.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        RawArticle(source=r["id"], title=r["title"] or "", text=r["text"], outlet=r["outlet"], id=r["id"], url=r["url"])
        for r in rows
    ]


# -- scoring ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Score:
    total: int = 0
    covered: int = 0
    right: int = 0
    ambiguous: int = 0

    def line(self) -> str:
        cov = self.covered / self.total if self.total else 0.0
        acc = self.right / self.covered if self.covered else 0.0
        return (
            f"gold {self.total}, covered {self.covered} ({cov:.3f}), speaker right {self.right} "
            f"(accuracy {acc:.3f}; end to end {self.right / self.total if self.total else 0.0:.3f}), "
            f"ambiguous surname {self.ambiguous}"
        )


def _ours(quotes: Sequence[Quote], spans: Iterable[Span]) -> Quote | None:
    """Our quote that overlaps the gold spans most."""
    best, most = None, 0
    for q in quotes:
        shared = sum(max(0, min(e, qe) - max(s, qs)) for s, e in spans for qs, qe in q.parts)
        if shared > most:
            best, most = q, shared
    return best


def score(articles: Sequence[Article], gold: Sequence[GoldQuote]) -> tuple[Score, list[tuple[str, str, str, str]]]:
    """Coverage and speaker accuracy, and the errors (gold, ours, article, quote)."""
    by_id = {a.id: a for a in articles}
    quotes = {a.id: extract_quotes(a) for a in articles}
    result = Score()
    errors = []
    for g in gold:
        article = by_id.get(g.article)
        if article is None:
            continue
        result.total += 1
        ours = _ours(quotes[g.article], g.spans)
        if ours is None:
            continue
        result.covered += 1
        result.ambiguous += _ambiguous(article, g.speaker)
        if same_person(g.speaker, ours.speaker):
            result.right += 1
        else:
            errors.append((g.speaker, ours.speaker or "unknown", g.article, ours.text[:70]))
    return result, errors


def _confusions(errors: list[tuple[str, str, str, str]]) -> None:
    pairs = Counter((g, o) for g, o, _, _ in errors)
    example = {(g, o): (a, t) for g, o, a, t in reversed(errors)}
    print(f"  confusion sample (gold -> ours, most frequent {SAMPLE}):")
    for (g, o), n in pairs.most_common(SAMPLE):
        a, t = example[(g, o)]
        print(f"    {n:3d}  {g!r} -> {o!r}   [{a}] “{t}”")


def main() -> None:
    if not POLNEAR.is_file():
        print("PolNeAR not found beside the repo (../shared/eval/polnear): skipped")
    else:
        limit = int(os.environ[SUBSET_ENV]) if os.environ.get(SUBSET_ENV) else None
        start = time.perf_counter()
        articles, gold, skipped = polnear(limit)
        built = time.perf_counter() - start
        result, errors = score(articles, gold)
        print(f"PolNeAR dev, {len(articles)} articles (ingest {built:.0f} s, quotes {time.perf_counter() - start - built:.0f} s)")
        print(f"  direct quotes left out: {dict(skipped)}")
        print(f"  named direct quotes: {result.line()}")
        _confusions(errors)
        pronouns = pronoun_gold({a.id for a in articles})
        result, errors = score(articles, pronouns)
        print(f"  pronoun speakers (hand-read sample): {result.line()}")
        named_wrong = sum(1 for _, ours, _, _ in errors if ours != "unknown")
        print(f"    of the errors, a wrong name: {named_wrong}, unknown: {len(errors) - named_wrong}")
        _confusions(errors)
    for name in ("newswcl50", "basil"):
        found = hand_gold(name)
        if found is None:
            print(f"{name}: no hand-made gold (bench/gold/{name}.jsonl): skipped")
            continue
        articles, gold = found
        result, errors = score(articles, gold)
        print(f"{name} hand-made gold, {len(articles)} articles: {result.line()}")
        _confusions(errors[:SAMPLE])


if __name__ == "__main__":
    main()
