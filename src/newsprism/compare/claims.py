"""Claims: the statements of a story, each with every outlet's sentence or its silence.

    claims = build_claims(articles, links, embeddings, facts, quotes)

Readers think in facts ("how many were hurt?"), not in pairs of articles, so every
finding of a multi-outlet comparison hangs on a claim: one statement about the event
as one or more outlets carry it. Claims are the connected sentences of the alignment
graph, grown greedily from the strongest link down, with two guards against a chain
that drifts from one statement to another:

* **one statement per outlet**: a claim holds at most ``ClaimOptions.max_per_article``
  sentences of one article, and only adjacent ones (an outlet that splits in two what
  another says in one) or ones alike enough to be the same statement told twice
  (the lead's paraphrase of a quote further down); other sentences of one article
  say different things;
* **cohesion**: two groups join only when the mean cosine similarity of their
  sentences across outlets (average linkage) stays at or above ``ClaimOptions.cohesion``,
  the alignment's own lower bound, so A~B and B~C does not drag in a C unlike A.

Every body sentence belongs to exactly one claim; a sentence no other outlet carries
is a claim of one outlet. Claims are ordered as the story is told (relative position
in the articles that carry them) and identified by a stable hash of their sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from newsprism.align import SentenceVectors
from newsprism.analysis.facts import Fact
from newsprism.analysis.quotes import Quote, outermost
from newsprism.disjoint import DisjointSets
from newsprism.hashing import stable_hash
from newsprism.model import AlignmentLink, Article, Claim, ClaimSentence
from newsprism.options import ClaimOptions

__all__ = ["build_claims", "claim_index"]

#: A sentence: (article id, sentence index).
Node = tuple[str, int]


def build_claims(
    articles: Sequence[Article],
    links: Sequence[AlignmentLink],
    embeddings: dict[str, np.ndarray],
    facts: dict[str, dict[int, list[Fact]]],
    quotes: dict[str, list[Quote]],
    options: ClaimOptions | None = None,
) -> tuple[Claim, ...]:
    """The claims of the articles, in story order (see the module docstring)."""
    options = options or ClaimOptions()
    graph = _Graph(articles, embeddings, options)
    order = {a.id: i for i, a in enumerate(articles)}
    for link in sorted(links, key=lambda k: (-k.similarity, order[k.a.article], k.a.sentence, order[k.b.article], k.b.sentence)):
        graph.join((link.a.article, link.a.sentence), (link.b.article, link.b.sentence))
    by_id = {a.id: a for a in articles}
    claims = [_claim(group, articles, by_id, graph, facts, quotes) for group in graph.groups()]
    claims.sort(key=lambda c: (c.position, order[c.carried_by[0].article], c.carried_by[0].sentence))
    return tuple(claims)


def claim_index(claims: Sequence[Claim]) -> dict[Node, str]:
    """The claim id of every sentence that carries one."""
    return {(s.article, s.sentence): c.id for c in claims for s in c.carried_by}


class _Graph:
    """Groups of sentences joined under the two guards (disjoint sets with member lists)."""

    def __init__(self, articles: Sequence[Article], embeddings: dict[str, np.ndarray], options: ClaimOptions) -> None:
        self.options = options
        self.rank: dict[Node, int] = {}
        self.vectors = SentenceVectors.of(embeddings)
        self.size: dict[str, int] = {}
        for article in articles:
            body = article.body_sentences
            self.size[article.id] = len(body)
            for rank, sentence in enumerate(body):
                node = (article.id, sentence.index)
                self.rank[node] = rank
        self.members: dict[Node, list[Node]] = {node: [node] for node in self.rank}
        self.sets: DisjointSets[Node] = DisjointSets(self.rank)

    def join(self, x: Node, y: Node) -> bool:
        """Join the groups of two linked sentences if both guards allow it."""
        if x not in self.sets or y not in self.sets:
            return False
        rx, ry = self.sets.find(x), self.sets.find(y)
        if rx == ry:
            return False
        left, right = self.members[rx], self.members[ry]
        if not self._one_statement_each(left + right) or self._cohesion(left, right) < self.options.cohesion:
            return False
        keep, gone = self.sets.union(rx, ry)  # type: ignore[misc]
        del self.members[gone]
        self.members[keep] = left + right
        return True

    def _one_statement_each(self, nodes: list[Node]) -> bool:
        """Whether each article's sentences in ``nodes`` say one thing: at most
        ``max_per_article`` of them, each pair adjacent in the text or alike enough to
        be the same statement told twice (cosine >= ``same_statement``)."""
        per_article: dict[str, list[Node]] = {}
        for node in nodes:
            per_article.setdefault(node[0], []).append(node)
        for own in per_article.values():
            if len(own) > self.options.max_per_article:
                return False
            ranks = sorted(self.rank[n] for n in own)
            if ranks[-1] - ranks[0] == len(ranks) - 1:
                continue
            if any(self._similarity(u, v) < self.options.same_statement for u, v in combinations(own, 2)):
                return False
        return True

    def _cohesion(self, left: list[Node], right: list[Node]) -> float:
        """Mean cosine of the cross-outlet sentence pairs between two groups."""
        sims = [self._similarity(u, v) for u in left for v in right if u[0] != v[0]]
        return sum(sims) / len(sims) if sims else 0.0

    def _similarity(self, u: Node, v: Node) -> float:
        return self.vectors.similarity(u[0], self.rank[u], v[0], self.rank[v])

    def groups(self) -> list[list[Node]]:
        return [sorted(nodes) for nodes in self.members.values()]

    def position(self, nodes: list[Node]) -> float:
        """Where in the story the statement comes: its earliest relative position."""
        return min(self.rank[n] / max(1, self.size[n[0]]) for n in nodes)


def _claim(
    group: list[Node],
    articles: Sequence[Article],
    by_id: dict[str, Article],
    graph: _Graph,
    facts: dict[str, dict[int, list[Fact]]],
    quotes: dict[str, list[Quote]],
) -> Claim:
    order = {a.id: i for i, a in enumerate(articles)}
    nodes = sorted(group, key=lambda n: (order[n[0]], n[1]))
    sentences = tuple(_sentence(by_id[a], i) for a, i in nodes)
    carriers = {a for a, _ in nodes}
    return Claim(
        id="c-" + stable_hash(*(f"{a}:{i}" for a, i in sorted(nodes))),
        carried_by=sentences,
        missing_from=tuple(a.id for a in articles if a.id not in carriers),
        facts=tuple(_fact(s.article, f) for s in sentences for f in facts.get(s.article, {}).get(s.sentence, [])),
        quotes=tuple(q for s in sentences for q in _quotes_in(by_id[s.article], s, quotes.get(s.article, []))),
        position=round(graph.position(nodes), 6),
    )


def _sentence(article: Article, index: int) -> ClaimSentence:
    s = article.sentences[index]
    return ClaimSentence(article.id, index, s.start, s.end, article.text[s.start : s.end])


def _fact(article_id: str, fact: Fact) -> dict:
    return {
        "article": article_id, "kind": fact.kind, "unit": fact.unit or "", "value": fact.value,
        "text": fact.text, "start": fact.start, "end": fact.end,
    }  # fmt: skip


def _quotes_in(article: Article, sentence: ClaimSentence, quotes: list[Quote]) -> list[dict]:
    """The quoted words inside a sentence (each quote part cut to the sentence), with the
    speaker; a nested quote's words are given once, as its outer quote's."""
    out = []
    for quote in outermost(quotes):
        for start, end in quote.parts:
            lo, hi = max(start, sentence.start), min(end, sentence.end)
            if hi > lo and article.text[lo:hi].strip():
                out.append({"article": article.id, "start": lo, "end": hi, "text": article.text[lo:hi], "speaker": quote.speaker})
    return out
