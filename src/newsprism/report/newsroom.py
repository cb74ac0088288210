"""The newsroom view of stored stories: coverage, timeline, and what a comparison found.

Pure functions over what the store holds (stories, article summaries, the JSON
contract of a story's comparison); the web app's ``/stories`` pages and the
``/api/stories`` routes render them.

* **coverage**: one mark per outlet of the store, in the store's outlet order (the
  order outlets were first ingested), set where the story has an article of it;
* **timeline**: the story's articles by publication date (undated ones last), the
  first dated one marked, each later one with its lag in days;
* **missing**: the store's outlets that did not cover the story;
* **counts** of a comparison: ``disputes`` (contradiction findings: values in dispute,
  never the "possible" ones), ``altered_quotes`` (quote_change findings) and
  ``one_outlet_facts`` (claims exactly one outlet carries);
* **outlet profiles** (``outlet_profiles``): per outlet, over the compared stories it
  shares with another outlet, only what the store shows, each figure with the count it
  rests on, a 95% Wilson interval where it is a rate, and the (story, claim) evidence
  behind every unit. No rating from outside.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism import __version__
from newsprism.hashing import stable_hash
from newsprism.model import Article, ArticleSummary, FindingKind, Story
from newsprism.workers import ordered_map

__all__ = [
    "TimelineEntry", "Counts", "coverage", "timeline", "missing", "counts", "members_key",
    "Evidence", "Figure", "OutletProfile", "outlet_profiles", "wilson", "compare_story", "story_contracts", "claim_link",
    "CompareEngine", "local_engine",
]  # fmt: skip


def compare_story(articles: Sequence[Any]) -> tuple[str, str]:
    """The comparison of a story's articles as it is kept in the store: (JSON contract, HTML report)."""
    from newsprism.compare import compare
    from newsprism.options import CompareOptions
    from newsprism.report import render, to_json

    result = compare(articles, CompareOptions())
    return to_json(result), render(result, "html")


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One article of a story, in publication order."""

    article: str
    outlet: str
    title: str
    published: str | None
    #: Whole days after the story's first dated article (None when undated).
    lag_days: int | None
    first: bool


@dataclass(frozen=True, slots=True)
class Counts:
    """What a story's comparison found, counted."""

    disputes: int
    altered_quotes: int
    one_outlet_facts: int


def members_key(story: Story) -> str:
    """A stable hash of the story's article ids (and the newsprism version that compares
    them): its cached comparison is current while this is unchanged."""
    return stable_hash("story-members", __version__, *sorted(story.articles))


def coverage(story: Story, outlets: Sequence[str]) -> list[bool]:
    """For each outlet of the store (in its order), whether the story has an article of it."""
    covered = set(story.outlets)
    return [outlet in covered for outlet in outlets]


def missing(story: Story, outlets: Sequence[str]) -> list[str]:
    """The store's outlets (in its order) without an article in the story."""
    covered = set(story.outlets)
    return [outlet for outlet in outlets if outlet not in covered]


def _day(published: object) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str) and len(published) >= 10:
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def timeline(story: Story, summaries: Mapping[str, ArticleSummary | Article]) -> list[TimelineEntry]:
    """The story's stored articles (summaries or whole articles: id, outlet, title and
    published are read) by publication date, time of day where known, undated last,
    ties by id; the first dated one is ``first``, the others carry their lag."""
    rows = [summaries[a] for a in story.articles if a in summaries]

    def order(row: ArticleSummary | Article) -> tuple[bool, str, str]:
        stamp = row.published.isoformat() if isinstance(row.published, (dt.date, dt.datetime)) else str(row.published or "")
        return (not stamp, stamp, row.id)

    rows.sort(key=order)
    days = [_day(r.published) for r in rows]
    start = next((d for d in days if d is not None), None)
    out = []
    for index, (row, day) in enumerate(zip(rows, days, strict=True)):
        published = row.published.isoformat() if isinstance(row.published, (dt.date, dt.datetime)) else row.published
        out.append(TimelineEntry(
            article=row.id, outlet=row.outlet, title=row.title, published=published or None,
            lag_days=(day - start).days if day is not None and start is not None else None,
            first=index == 0 and day is not None,
        ))  # fmt: skip
    return out


def counts(contract: Mapping[str, Any]) -> Counts:
    """The counts of a comparison's JSON contract (see the module docstring)."""
    outlet_of = {a["id"]: a.get("outlet") or a["id"] for a in contract.get("articles", [])}
    kinds = [f.get("kind") for f in contract.get("findings", [])]
    single = sum(
        1 for claim in contract.get("claims", [])
        if len({outlet_of.get(c["article"], c["article"]) for c in claim.get("carried_by", [])}) == 1
    )  # fmt: skip
    return Counts(
        disputes=kinds.count(FindingKind.CONTRADICTION), altered_quotes=kinds.count(FindingKind.QUOTE_CHANGE),
        one_outlet_facts=single,
    )


# -- outlet profiles ----------------------------------------------------------------------------

#: z for a 95% Wilson interval.
_Z = 1.96
#: Labels shown per outlet (its most used, own voice).
TOP_LABELS = 5


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a figure comes from: a story, and the claim in it (None: the story as a whole)."""

    story: str
    claim: str | None


@dataclass(frozen=True, slots=True)
class Figure:
    """A count, out of ``of`` when it is a rate (then with its 95% Wilson interval), and
    the evidence behind every unit of it."""

    count: int
    of: int | None
    interval: tuple[float, float] | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class OutletProfile:
    """What the store shows of one outlet, over the stories it shares with another outlet."""

    outlet: str
    stories: int
    alone: Figure  # claims only it carries, of the claims it carries
    left_out: Figure  # claims most of the other outlets carry and it does not, of such claims
    disputes: Figure  # contradiction findings naming one of its articles
    quote_changes: Figure  # quote_change findings naming one of its articles
    anonymous: Figure  # anonymous sources, of its attributed source acts
    loaded_words: int
    words: int
    labels: tuple[tuple[str, str, int], ...]  # (actor, label, uses) in its own voice, most used first

    @property
    def loaded_per_1000(self) -> float | None:
        return round(1000 * self.loaded_words / self.words, 2) if self.words else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``newsprism outlets --format json`` and ``/api/outlets``."""

        def figure(f: Figure) -> dict[str, Any]:
            return {
                "count": f.count, "of": f.of, "rate": round(f.count / f.of, 4) if f.of else None,
                "interval": list(f.interval) if f.interval else None,
                "evidence": [{"story": e.story, "claim": e.claim, "link": claim_link(e.story, e.claim)} for e in f.evidence],
            }  # fmt: skip

        return {
            "outlet": self.outlet, "stories": self.stories, "alone": figure(self.alone), "left_out": figure(self.left_out),
            "disputes": figure(self.disputes), "quote_changes": figure(self.quote_changes),
            "anonymous": figure(self.anonymous), "loaded_words": self.loaded_words, "words": self.words,
            "loaded_per_1000": self.loaded_per_1000,
            "labels": [{"actor": a, "label": label, "uses": n} for a, label, n in self.labels],
        }  # fmt: skip


def claim_link(story: str, claim: str | None) -> str:
    """The web app's story page, at the claim (its row in the claim view)."""
    from urllib.parse import quote

    return f"/stories/{quote(story, safe='')}" + (f"#claim-{quote(claim, safe='')}" if claim else "")


def wilson(count: int, of: int) -> tuple[float, float] | None:
    """The 95% Wilson score interval of ``count / of`` (None when ``of`` is 0)."""
    if of <= 0:
        return None
    p = count / of
    centre = (p + _Z * _Z / (2 * of)) / (1 + _Z * _Z / of)
    half = _Z * ((p * (1 - p) / of + _Z * _Z / (4 * of * of)) ** 0.5) / (1 + _Z * _Z / of)
    return (round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4))


def _figure(evidence: list[Evidence], of: int | None = None) -> Figure:
    return Figure(len(evidence), of, wilson(len(evidence), of) if of is not None else None, tuple(evidence))


def outlet_profiles(contracts: Mapping[str, Mapping[str, Any]]) -> list[OutletProfile]:
    """Per outlet, over the compared stories (story id -> JSON contract) with two or more
    outlets: facts it carries alone, facts most others carry that it leaves out, the
    disputes and quote changes it is part of, its share of anonymous sources, its
    own-voice loaded-word rate and its labels for the actors. Outlets by name."""
    acc: dict[str, dict[str, Any]] = {}
    for story_id, contract in sorted(contracts.items()):
        outlet_of = {a["id"]: a.get("outlet") or a["id"] for a in contract.get("articles", [])}
        outlets = sorted(set(outlet_of.values()))
        if len(outlets) < 2:
            continue
        for outlet in outlets:
            entry = acc.setdefault(outlet, {
                "stories": 0, "carried": 0, "alone": [], "majority": 0, "left_out": [], "disputes": [], "quotes": [],
                "anonymous": [], "acts": 0, "loaded": 0, "words": 0, "labels": Counter(),
            })  # fmt: skip
            entry["stories"] += 1
        for claim in contract.get("claims", []):
            carriers = {outlet_of.get(c["article"], c["article"]) for c in claim.get("carried_by", [])}
            for outlet in outlets:
                entry = acc[outlet]
                if outlet in carriers:
                    entry["carried"] += 1
                    if carriers == {outlet}:
                        entry["alone"].append(Evidence(story_id, claim["id"]))
                others = len(outlets) - 1
                by_others = len(carriers - {outlet})
                if others >= 2 and by_others * 2 > others:
                    entry["majority"] += 1
                    if outlet not in carriers:
                        entry["left_out"].append(Evidence(story_id, claim["id"]))
        for finding in contract.get("findings", []):
            key = {FindingKind.CONTRADICTION: "disputes", FindingKind.QUOTE_CHANGE: "quotes"}.get(finding.get("kind"))
            if key:
                for outlet in sorted({outlet_of.get(e["article"], e["article"]) for e in finding.get("evidence", [])}):
                    if outlet in acc:
                        acc[outlet][key].append(Evidence(story_id, finding.get("claim")))
        framing = contract.get("framing", {})
        for article, table in framing.get("sourcing", {}).items():
            entry = acc.get(outlet_of.get(article, article))
            if entry is not None:
                acts = table.get("acts", {})
                entry["acts"] += sum(acts.values())
                entry["anonymous"] += [Evidence(story_id, None)] * int(acts.get("anonymous", 0))
        for article, table in framing.get("loaded_language", {}).items():
            entry = acc.get(outlet_of.get(article, article))
            if entry is not None:
                entry["loaded"] += int(table.get("loaded", 0))
                entry["words"] += int(table.get("words", 0))
        for row in framing.get("labels", []):
            for article, uses in row.get("labels", {}).items():
                entry = acc.get(outlet_of.get(article, article))
                if entry is not None:
                    for use in uses:
                        if not use.get("in_quote"):
                            entry["labels"][(row.get("actor") or row.get("key") or "", use.get("label") or use.get("word") or "")] += 1
    return [
        OutletProfile(
            outlet=outlet, stories=e["stories"], alone=_figure(e["alone"], e["carried"]),
            left_out=_figure(e["left_out"], e["majority"]), disputes=_figure(e["disputes"]),
            quote_changes=_figure(e["quotes"]), anonymous=_figure(e["anonymous"], e["acts"]),
            loaded_words=e["loaded"], words=e["words"],
            labels=tuple((actor, label, n) for (actor, label), n in sorted(e["labels"].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_LABELS]),
        )  # fmt: skip
        for outlet, e in sorted(acc.items())
    ]


#: How a batch of stories is compared: each story's articles in, its (JSON contract,
#: HTML report) out, in the same order (``local_engine``, ``report._spark.spark_engine``).
CompareEngine = Callable[[Iterable[Sequence[Article]]], Iterator[tuple[str, str]]]


def local_engine(workers: int = 1) -> CompareEngine:
    """Stories compared on this machine: ``workers`` processes (``workers.ordered_map``)."""
    return lambda jobs: ordered_map(compare_story, jobs, workers)


def story_contracts(
    store: Any, stories: Sequence[Story], progress: Any = None, engine: CompareEngine | None = None, keep: bool = True
) -> dict[str, dict[str, Any]]:
    """The JSON contracts of the stories with two or more outlets, from the store's cache
    where current, else compared now (by ``engine``, in this process by default) and
    cached, each as soon as it arrives (``store`` open for writing). ``progress``
    (done, total) is called after each story compared.

    ``keep=False`` (``compare --all``) only brings the cache up to date and returns {}:
    a day's contracts held in memory took 12 GB at 20,000 articles."""
    shared = [s for s in stories if len(set(s.outlets)) >= 2]
    keys = {s.id: members_key(s) for s in shared}
    if keep:
        found = {sid: json.loads(contract) for sid, contract in store.story_comparisons(keys).items()}
        current = set(found)
    else:
        found, current = {}, store.current_comparisons(keys)
    todo = [s for s in shared if s.id not in current]
    jobs = (store.get_many(list(story.articles)) for story in todo)
    with contextlib.closing((engine or local_engine())(jobs)) as results:  # type: ignore[type-var]
        for done, (story, (contract, report)) in enumerate(zip(todo, results), 1):
            store.save_story_comparison(story.id, keys[story.id], contract, report)
            if keep:
                found[story.id] = json.loads(contract)
            if progress is not None:
                progress(done, len(todo))
    return found
