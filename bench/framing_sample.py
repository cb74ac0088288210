"""Precision of label, loaded-language and sourcing findings, judged by reading: samples of 50.

The compare runs on each NewsWCL50 dev event (0-4, five outlets each) and on each
BASIL triplet (three outlets each). Of its
``label_difference`` and ``loaded_language`` findings, a deterministic sample of
``SAMPLE`` is drawn (sorted by a hash of each finding's key, so the same findings give
the same sample). Each sampled finding is looked up in the judgments file
``bench/gold/framing_judged.jsonl``: one line per finding read by a person, with its
``key``, ``kind``, ``ok`` (true: the finding says something true and worth a reader's
time — the words are the outlet's own, charged or labelling as said, and the contrast is
real; false otherwise) and ``why``. Precision = judged true / judged in the sample.
Findings in the sample with no judgment are printed (``unjudged``) so a reader can add
them: ``python -m bench.framing_sample --dump`` prints each with its sentences.

Sourcing findings are sampled apart (``SOURCING``: another 50, the same way; no issue
goal names them, but they are the most numerous framing findings a reader sees). A
sourcing finding is judged true when the two (or more) sentences carry the same claim,
each outlet's source is read right (the words cited are the source, of the kind shown:
a person by name, an organisation, a document, an anonymous source, or none), and the
sources really differ (not one person under two forms of the name).

Omission findings are sampled apart too (``OMISSION``: 50, judged in
``bench/gold/omission_judged.jsonl``): one is true when the outlets it names as carrying
the fact do report it (the cited sentences tell it), and every outlet it names as
missing it reports it nowhere in its article (read whole).

A key is the finding's kind and its evidence spans, ``kind|article:start-end|...``:
a finding whose words or outlets change is a new finding and needs a new judgment.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from bench.claims import events
from bench.truth import EVAL, stories
from newsprism.compare import compare
from newsprism.model import Article, Finding

REPO = Path(__file__).resolve().parents[1]
JUDGED = REPO / "bench" / "gold" / "framing_judged.jsonl"
KINDS = ("label_difference", "loaded_language")
#: The kinds of the second sample (judged the same way, scored apart).
SOURCING = ("sourcing",)
#: The kinds of the third sample (judged in ``OMISSIONS_JUDGED``).
OMISSION = ("omission",)
OMISSIONS_JUDGED = REPO / "bench" / "gold" / "omission_judged.jsonl"
#: How many findings are judged.
SAMPLE = 50


def key(finding: Finding) -> str:
    """The finding's identity: its kind and its evidence spans, in order."""
    spans = "|".join(f"{e.article}:{e.start}-{e.end}" for e in finding.evidence)
    return f"{finding.kind}|{spans}"


def sample(findings: list[Finding], kinds: tuple[str, ...] = KINDS) -> list[Finding]:
    """``SAMPLE`` findings of these kinds, chosen by a hash of their keys (stable across runs)."""
    ranked = sorted((f for f in findings if f.kind in kinds), key=lambda f: hashlib.sha1(key(f).encode()).hexdigest())
    return ranked[:SAMPLE]


def judgments() -> dict[str, dict]:
    """Every judgment of both files, by key (a key names its kind, so they never clash)."""
    lines = [
        json.loads(line)
        for path in (JUDGED, OMISSIONS_JUDGED) if path.is_file()
        for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]  # fmt: skip
    return {line["key"]: line for line in lines}


def framing_findings() -> tuple[list[Finding], dict[str, Article]]:
    """The label, loaded-language, sourcing and omission findings of every NewsWCL50 dev
    event and every BASIL triplet, and the articles."""
    found: list[Finding] = []
    by_id: dict[str, Article] = {}
    basil = json.loads((EVAL / "basil" / "gold_stories.json").read_text(encoding="utf-8"))["story_of"]
    groups = [articles for _, articles in sorted(events().items())]
    groups += [articles for _, articles in sorted(stories("basil", set(map(str, basil.values()))).items())]
    for articles in groups:
        by_id.update({a.id: a for a in articles})
        found += [f for f in compare(articles).findings if f.kind in KINDS + SOURCING + OMISSION]
    return found, by_id


def _context(finding: Finding, by_id: dict[str, Article]) -> list[str]:
    """Each evidence span with its sentence, for a reader."""
    out = []
    for e in finding.evidence:
        article = by_id[e.article]
        sentence = next((s for s in article.sentences if s.start <= e.start < s.end), None)
        text = article.text[sentence.start : sentence.end] if sentence else article.text[e.start : e.end]
        out.append(f"      [{e.article} {article.outlet}] «{e.text}» in: {text[:400]}")
    for claim in finding.details.get("sentences", []):  # a sourcing finding's claim sentences
        out.append(f"      claim [{claim['article']}]: {claim['text'][:400]}")
    missing = finding.details.get("missing_from")
    if missing:  # an omission: the articles to read whole
        out.append("      missing from: " + ", ".join(f"{i} ({by_id[i].outlet})" for i in missing if i in by_id))
    return out


def report(title: str, found: list[Finding], kinds: tuple[str, ...], by_id: dict[str, Article], dump: bool) -> None:
    """Print one sample's precision (and the unjudged findings, or with ``dump`` every one in context)."""
    chosen = sample(found, kinds)
    judged = judgments()
    rows = [(f, judged.get(key(f))) for f in chosen]
    done = [(f, j) for f, j in rows if j is not None]
    right = sum(1 for _, j in done if j["ok"])
    print(f"{title}: {sum(f.kind in kinds for f in found)} ({', '.join(f'{k} {sum(f.kind == k for f in found)}' for k in kinds)})")
    print(f"  sample {len(chosen)}: judged {len(done)}, right {right}, precision {right / len(done) if done else float('nan'):.2f}")
    if len(kinds) > 1:
        for kind in kinds:
            pairs = [(f, j) for f, j in done if f.kind == kind]
            ok = sum(1 for _, j in pairs if j["ok"])
            print(f"    {kind:17} judged {len(pairs):3d} right {ok:3d} precision {ok / len(pairs) if pairs else float('nan'):.2f}")
    for f, j in rows:
        if j is None or dump:
            status = "unjudged" if j is None else ("right" if j["ok"] else "wrong")
            print(f"  {status}: {key(f)}\n    {f.summary[:300]}")
            if dump:
                print("\n".join(_context(f, by_id)))


def main() -> None:
    dump = "--dump" in sys.argv
    found, by_id = framing_findings()
    report("framing findings on NewsWCL50 dev and the BASIL triplets", found, KINDS, by_id, dump)
    report("sourcing findings on the same stories", found, SOURCING, by_id, dump)
    report("omission findings on the same stories", found, OMISSION, by_id, dump)


if __name__ == "__main__":
    main()
