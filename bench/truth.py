"""Contradictions and quote variants against the judged gold (``bench/gold/``).

The gold was made by reading the articles (see ``bench/gold/README.md``): every true
contradiction with the exact values, the compatible look-alikes a naive tool would
flag, and every quoted statement two or more outlets carry. Here the real compare runs
on each NewsWCL50 event and each chosen BASIL triplet, and its findings are matched to
the gold by span overlap:

* a ``contradiction`` finding (confidence "high", the "disputed" list) is right when
  its value spans overlap the items of one gold contradiction in two or more
  articles; precision = right / shown, recall = gold contradictions found / all;
  each missed one is put where it stopped (``STAGES``): shown as "possible", its
  sentences aligned but its values not compared as one fact, or no two of its
  sentences aligned (the aligner's thresholds are set for precision, on ECB+);
* a look-alike is *flagged* when one high finding overlaps its items in two or more
  articles (the goal is none); ``possible_contradiction`` findings are counted apart;
* a gold quote variant (``same_words`` false) is found when one ``quote_change``
  finding has evidence overlapping its items in two or more of its articles;
* a ``quote_change`` finding is on a gold statement when its evidence overlaps the
  items of one gold quoted statement (differing or not) in two or more articles:
  precision = on a gold statement / shown (the gold lists every statement carried by
  two or more outlets, so one on none renders two different statements as one); its
  speaker is right when it names the gold statement's speaker (``same_speaker``;
  "unknown" is wrong; statements whose gold names no speaker are not counted).

The ECB+ gold (``bench/gold/ecbplus.jsonl``: the 20 outlet-less ECB stories, each
article its own outlet) was read for contradictions and look-alikes only, so its quote
findings are not scored (``FACTS_ONLY``).

A judged sample on stories no gold was made for (``bench/gold/contradictions_judged.jsonl``):
every "high" contradiction the compare gave on the ECB+ stories with two or more outlets,
read and judged true or false by hand, with the family of each false one. Round "first"
judged the first six articles of each story; the false families found there were then
fixed; round "held-out" judged what the compare newly disputed once all the articles of
each story were compared (not seen while fixing). Here the compare runs again on all the
articles of those stories: a finding is judged when its evidence overlaps the items of
one judged record in two or more articles; precision = judged true / judged; findings no
record covers are listed as unjudged (read them and add them to the file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.analysis.quotes import same_speaker
from newsprism.compare import compare
from newsprism.ingest import build_articles
from newsprism.model import CompareResult, Evidence, Finding, RawArticle, parse_published

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "gold"
EVAL = REPO.parent / "shared" / "eval"
CORPORA = {
    "newswcl50": ("event", EVAL / "newswcl50" / "articles.jsonl"),
    "basil": ("story", EVAL / "basil" / "articles.jsonl"),
    "ecbplus": ("story", EVAL / "ecbplus" / "articles.jsonl"),
}
#: Corpora whose gold was read for contradictions and look-alikes only (no quoted statements):
#: their quote findings are not scored.
FACTS_ONLY = frozenset({"ecbplus"})


@dataclass
class Score:
    """Counts of one corpus (or all)."""

    shown: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    lookalikes: int = 0
    lookalikes_flagged: int = 0
    lookalikes_possible: int = 0
    possible: int = 0
    possible_right: int = 0
    variants: int = 0
    variants_found: int = 0
    quote_shown: int = 0
    quote_right: int = 0
    #: Quote findings on a gold statement whose gold names a speaker, and those whose speaker is it.
    speakers_judged: int = 0
    speakers_right: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    #: Where each missed gold contradiction stopped (``_stage``), one entry per miss.
    stages: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            value = getattr(other, name)
            setattr(self, name, getattr(self, name) + value)


def gold_lines(corpus: str) -> list[dict]:
    path = GOLD / f"{corpus}.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _raw(row: dict) -> RawArticle:
    """One corpus record as ingest input (an outlet-less record is its own outlet)."""
    return RawArticle(source=row["id"], title=row.get("title") or "", text=row["text"],
                      outlet=row.get("outlet") or row["id"], id=row["id"],
                      published=parse_published(row.get("published")), url=row.get("url"))  # fmt: skip


def stories(corpus: str, keys: set[str]) -> dict[str, list]:
    """The articles of each gold story/event of a corpus, built by the real ingest."""
    field_name, path = CORPORA[corpus]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if field_name == "story":
        story_of = json.loads((path.parent / "gold_stories.json").read_text())["story_of"]
        for row in rows:
            row["story"] = story_of[row["id"]]
    rows = [r for r in rows if str(r[field_name]) in keys]
    built = {a.id: a for a in build_articles([_raw(r) for r in rows])}
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(str(r[field_name]), []).append(built[r["id"]])
    return out


def _overlaps(ev: Evidence, item: dict) -> bool:
    return ev.article == item["article"] and ev.start < item["end"] and item["start"] < ev.end


def _articles_hit(finding: Finding, items: list[dict]) -> set[str]:
    return {i["article"] for i in items for ev in finding.evidence if _overlaps(ev, i)}


def score(result: CompareResult, lines: list[dict], quotes_read: bool = True) -> Score:
    """Match one story's findings to its gold lines (its quote findings too when the gold read its quotes)."""
    s = Score()
    high = result.by_kind("contradiction")
    possible = result.by_kind("possible_contradiction")
    truths = [g for g in lines if g["type"] == "contradiction"]
    traps = [g for g in lines if g["type"] == "lookalike"]
    variants = [g for g in lines if g["type"] == "quote_variant" and not g.get("same_words", False)]
    s.shown, s.gold, s.lookalikes, s.possible, s.variants = len(high), len(truths), len(traps), len(possible), len(variants)
    for finding in high:
        if any(len(_articles_hit(finding, g["items"])) >= 2 for g in truths):
            s.right += 1
        else:
            s.wrong.append(finding.summary)
    s.possible_right = sum(1 for f in possible if any(len(_articles_hit(f, g["items"])) >= 2 for g in truths))
    for g in truths:
        if any(len(_articles_hit(f, g["items"])) >= 2 for f in high):
            s.found += 1
        else:
            stage = _stage(result, g, possible)
            s.stages.append(stage)
            s.missed.append(f"[{stage}] {g['fact']}: " + " / ".join(i["text"] for i in g["items"]))
    for g in traps:
        if any(len(_articles_hit(f, g["items"])) >= 2 for f in high):
            s.lookalikes_flagged += 1
            s.wrong.append(f"look-alike ({g['family']}) flagged: " + " / ".join(i["text"] for i in g["items"]))
        elif any(len(_articles_hit(f, g["items"])) >= 2 for f in possible):
            s.lookalikes_possible += 1
    if not quotes_read:
        return s
    quotes = result.by_kind("quote_change")
    for g in variants:
        if any(len(_articles_hit(f, g["items"])) >= 2 for f in quotes):
            s.variants_found += 1
        else:
            s.missed.append("quote variant: " + " / ".join(f"{i['article']}: {i['text'][:40]}" for i in g["items"]))
    statements = [g for g in lines if g["type"] == "quote_variant"]
    s.quote_shown = len(quotes)
    s.quote_right = sum(1 for f in quotes if any(len(_articles_hit(f, g["items"])) >= 2 for g in statements))
    for f in quotes:
        g = next((g for g in statements if len(_articles_hit(f, g["items"])) >= 2), None)
        if g is None or not g.get("speaker"):
            continue
        s.speakers_judged += 1
        speaker = f.details.get("speaker")
        if speaker and same_speaker(speaker, g["speaker"]):
            s.speakers_right += 1
        else:
            s.wrong.append(f"quote finding with speaker {speaker!r}, gold {g['speaker']!r}: {f.summary[:100]}")
    s.wrong += [f"quote finding on no gold statement: {f.summary}" for f in quotes
                if not any(len(_articles_hit(f, g["items"])) >= 2 for g in statements)]  # fmt: skip
    return s


#: Where a missed gold contradiction stops, from the last stage to the first.
STAGES = (
    "shown as possible",  # found, with a doubt that keeps it off the disputed list
    "aligned, values not compared",  # two sentences with different values are aligned, the values not paired
    "sentences not aligned",  # no two of its sentences with different values are aligned
)


def _stage(result: CompareResult, gold: dict, possible: list[Finding]) -> str:
    """Where the compare stopped short of disputing one gold contradiction (``STAGES``):
    "aligned" needs a link between two sentences that hold different values (the
    gold's value ``groups``), not two that agree."""
    items = gold["items"]
    if any(len(_articles_hit(f, items)) >= 2 for f in possible):
        return STAGES[0]
    by_id = {a.id: a for a in result.articles}
    value_of = {article: n for n, group in enumerate(gold.get("groups", [])) for article in group}
    held = {
        (i["article"], sentence.index): value_of.get(i["article"], i["article"])
        for i in items
        if i["article"] in by_id and (sentence := by_id[i["article"]].sentence_at(i["start"])) is not None
    }
    for link in result.alignment:
        a, b = (link.a.article, link.a.sentence), (link.b.article, link.b.sentence)
        if a in held and b in held and held[a] != held[b]:
            return STAGES[1]
    return STAGES[2]


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def main() -> None:
    total = Score()
    print("contradictions and quote variants vs the judged gold (bench/gold/)")
    for corpus, (field_name, path) in CORPORA.items():
        lines = gold_lines(corpus)
        if not lines or not path.is_file():
            print(f"  {corpus}: no gold or no corpus, skipped")
            continue
        by_story: dict[str, list[dict]] = {}
        for line in lines:
            key = line.get(field_name, line.get("event", line.get("story")))
            if key is not None:
                by_story.setdefault(str(key), []).append(line)
        corpus_score = Score()
        for key, articles in sorted(stories(corpus, set(by_story)).items()):
            corpus_score.add(score(compare(articles), by_story[key], corpus not in FACTS_ONLY))
        _print(corpus, corpus_score)
        total.add(corpus_score)
    _print("all", total)
    for text in total.wrong[:25]:
        print(f"    wrong: {text[:160]}")
    if total.stages:
        counts = ", ".join(f"{stage} {total.stages.count(stage)}" for stage in STAGES)
        print(f"  missed contradictions by where they stop: {counts}")
        unaligned = total.stages.count(STAGES[2])
        print(f"  recall reachable with the sentences aligned as now: {total.gold - unaligned} of {total.gold}"
              f" ({_ratio(total.gold - unaligned, total.gold)})")
    for text in total.missed[:30]:
        print(f"    missed: {text[:160]}")
    judged_sample()


def ecb_stories() -> dict[str, list]:
    """The ECB+ stories with two or more outlets, all their articles in file order."""
    path = EVAL / "ecbplus" / "articles.jsonl"
    story_of = json.loads((path.parent / "gold_stories.json").read_text())["story_of"]
    rows: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.setdefault(story_of[row["id"]], []).append(row)
    out = {}
    for key, group in sorted(rows.items()):
        if len({r.get("outlet") for r in group}) < 2:
            continue
        out[key] = build_articles([_raw(r) for r in group])
    return out


def judged_sample() -> None:
    """Precision of "high" contradictions on the judged ECB+ sample."""
    path = GOLD / "contradictions_judged.jsonl"
    if not path.is_file() or not (EVAL / "ecbplus").is_dir():
        print("  judged sample: no file or no ECB+, skipped")
        return
    judged = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    true = false = 0
    unjudged: list[str] = []
    families: dict[str, int] = {}
    for key, articles in ecb_stories().items():
        records = [j for j in judged if j["story"] == key]
        for finding in compare(articles).by_kind("contradiction"):
            record = next((j for j in records if len(_articles_hit(finding, j["items"])) >= 2), None)
            if record is None:
                unjudged.append(f"{key}: {finding.summary}")
            elif record["true"]:
                true += 1
            else:
                false += 1
                families[record["family"]] = families.get(record["family"], 0) + 1
    print(
        f"  ecbplus judged sample ({len(judged)} judged, {sum(j['true'] for j in judged)} true): disputed shown now"
        f" {true + false + len(unjudged)}, judged true {true}, judged false {false}, precision {_ratio(true, true + false)},"
        f" unjudged {len(unjudged)}; false by family: {dict(sorted(families.items())) or 'none'}"
    )
    for text in unjudged:
        print(f"    unjudged: {text[:160]}")


def _print(name: str, s: Score) -> None:
    print(
        f"  {name:10} contradictions shown {s.shown:3d} right {s.right:3d} precision {_ratio(s.right, s.shown)}"
        f" | gold {s.gold:3d} found {s.found:3d} recall {_ratio(s.found, s.gold)}"
        f" | look-alikes {s.lookalikes:3d} disputed {s.lookalikes_flagged:2d} possible {s.lookalikes_possible:2d}"
        f" | possible shown {s.possible:3d} (true {s.possible_right})"
        f" | quote variants {s.variants:3d} found {s.variants_found:3d} recall {_ratio(s.variants_found, s.variants)}"
        f" | quote findings {s.quote_shown:3d} on a gold statement {s.quote_right:3d} precision {_ratio(s.quote_right, s.quote_shown)}"
        f" | their speaker right {s.speakers_right:3d} of {s.speakers_judged:3d} {_ratio(s.speakers_right, s.speakers_judged)}"
    )


if __name__ == "__main__":
    main()
