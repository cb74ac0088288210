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
  ``one_outlet_facts`` (claims exactly one outlet carries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism import __version__
from newsprism.hashing import stable_hash
from newsprism.model import ArticleSummary, FindingKind, Story

__all__ = ["TimelineEntry", "Counts", "coverage", "timeline", "missing", "counts", "members_key"]


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


def timeline(story: Story, summaries: Mapping[str, ArticleSummary]) -> list[TimelineEntry]:
    """The story's stored articles by publication date (time of day where known), undated
    last, ties by id; the first dated one is ``first``, the others carry their lag."""
    rows = [summaries[a] for a in story.articles if a in summaries]

    def order(row: ArticleSummary) -> tuple[bool, str, str]:
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
