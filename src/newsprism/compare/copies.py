"""Shared copy: articles that carry the same text (agency wire copy, a press release).

Two reports built from one wire story are one source, not two: their agreement
confirms nothing. A pair is a copy when its MinHash Jaccard of word 5-shingles
reaches ``StoryOptions.copy_jaccard`` or when the two share a long paragraph word
for word — the same test the story grouping uses (``newsprism.stories``), so the
stories list and the compare report agree on what is a copy. The evidence is the
shared paragraphs in each article (the whole bodies when the copy was reworded
throughout).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from newsprism.model import Article, Evidence, Finding
from newsprism.options import StoryOptions
from newsprism.stories import copy_evidence

#: Shared paragraphs cited per pair (the count names them all).
MAX_CITED = 6


def copy_findings(articles: Sequence[Article], options: StoryOptions | None = None) -> list[Finding]:
    """One ``shared_copy`` finding per pair of articles that copy each other."""
    options = options or StoryOptions()
    found = []
    for a, b in combinations(articles, 2):
        jaccard, shared = copy_evidence(a, b, options)
        if jaccard < options.copy_jaccard and not shared:
            continue
        found.append(_finding(a, b, jaccard, shared))
    return found


def _finding(a: Article, b: Article, jaccard: float, shared: list[tuple[int, int, int, int]]) -> Finding:
    if shared:
        cited = shared[:MAX_CITED]
        evidence = [Evidence.of(a, sa, ea) for sa, ea, _, _ in cited] + [Evidence.of(b, sb, eb) for _, _, sb, eb in cited]
        how = f"{len(shared)} paragraph(s) word for word, text Jaccard {jaccard:.2f}"
    else:
        evidence = [_body(a), _body(b)]
        how = f"text Jaccard {jaccard:.2f}"
    return Finding(
        kind="shared_copy",
        summary=f"{a.name} and {b.name} carry the same copy ({how}): they are one source, not independent confirmation",
        score=max(jaccard, 1.0 if shared else 0.0),
        evidence=tuple(evidence),
        details={"articles": [a.id, b.id], "jaccard": round(jaccard, 4), "shared_paragraphs": len(shared)},
    )


def _body(article: Article) -> Evidence:
    """The article's text from its first to its last paragraph."""
    if not article.paragraphs:
        return Evidence.of(article, 0, len(article.text))
    return Evidence.of(article, article.paragraphs[0].start, article.paragraphs[-1].end)
