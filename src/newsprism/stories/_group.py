"""Online grouping: each article, in ingest order, joins its best story or starts one.

Why online: a story id is fixed once given (a stable hash of its first article's
id), adding articles later only adds or joins stories, and re-running over the
same store reproduces the same grouping. Candidate stories for an article come
from two cheap indexes, never from all pairs: the ``neighbours`` stories whose
embedding centroids are closest (one matrix product) and the stories of articles
sharing an LSH band with it (near-copies). The article is then scored against the
members of those candidates only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsprism.hashing import stable_hash
from newsprism.options import StoryOptions
from newsprism.stories import _minhash
from newsprism.stories._signals import Features, is_copy, pair_score

#: Members of a big story an article is compared with: its first and its latest ones.
MAX_MEMBERS = 64


def story_id(first_article: str) -> str:
    """The id of the story an article starts: stable across runs and machines."""
    return stable_hash("story", first_article)


@dataclass(slots=True)
class _State:
    """The stories built so far, with their centroid matrix and LSH index."""

    dim: int
    options: StoryOptions
    ids: list[str] = field(default_factory=list)
    members: list[list[int]] = field(default_factory=list)
    sums: np.ndarray = field(default=None)  # type: ignore[assignment]
    story_of: dict[int, int] = field(default_factory=dict)
    index: object = None

    def __post_init__(self) -> None:
        self.sums = np.zeros((16, self.dim), dtype=np.float32)
        self.index = _minhash.new_index(self.options.lsh_threshold, self.options.num_perm)

    def add(self, position: int, feature: Features, story: int | None, sid: str | None = None) -> int:
        """Put the article at ``position`` in story ``story`` (a new one when ``None``)."""
        if story is None:
            story = len(self.ids)
            self.ids.append(sid or story_id(feature.id))
            self.members.append([])
            if story >= len(self.sums):
                grown = np.zeros((2 * len(self.sums), self.dim), dtype=np.float32)
                grown[: len(self.sums)] = self.sums
                self.sums = grown
        self.members[story].append(position)
        self.sums[story] += feature.vector
        self.story_of[position] = story
        if not feature.minhash.is_empty():
            self.index.insert(str(position), feature.minhash)
        return story

    def candidates(self, feature: Features) -> list[int]:
        """Stories worth scoring: nearest centroids plus LSH hits, in story order."""
        found: set[int] = set()
        count = len(self.ids)
        if count:
            sums = self.sums[:count]
            norms = np.linalg.norm(sums, axis=1)
            norms[norms == 0] = 1.0
            sims = (sums @ feature.vector) / norms
            k = min(self.options.neighbours, count)
            found.update(int(i) for i in np.argpartition(-sims, k - 1)[:k])
        for key in _minhash.candidates(self.index, feature.minhash):
            found.add(self.story_of[int(key)])
        return sorted(found)


def _compared(members: list[int]) -> list[int]:
    """The members an article is scored against (all of a small story)."""
    if len(members) <= MAX_MEMBERS:
        return members
    half = MAX_MEMBERS // 2
    return members[:half] + members[-half:]


def _best(state: _State, features: Sequence[Features], feature: Features) -> int | None:
    """The candidate story with the highest score at or above the threshold (copies always join)."""
    best, best_score = None, state.options.threshold
    for story in state.candidates(feature):
        score = -np.inf
        for m in _compared(state.members[story]):
            other = features[m]
            if is_copy(feature, other, state.options):
                score = np.inf
                break
            score = max(score, pair_score(feature, other, state.options))
        if score >= best_score and (best is None or score > best_score):
            best, best_score = story, score
    return best


def assign(
    features: Sequence[Features], options: StoryOptions, existing: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[int]]]:
    """Story ids and their member positions for articles given in ingest order.

    ``existing`` maps article ids to the story they were given by an earlier run;
    those assignments are kept as they are, and only the other articles are placed.
    """
    existing = existing or {}
    dim = features[0].vector.shape[0] if features else 384
    state = _State(dim, options)
    by_sid: dict[str, int] = {}
    for position, feature in enumerate(features):
        sid = existing.get(feature.id)
        if sid is not None:
            by_sid[sid] = state.add(position, feature, by_sid.get(sid), sid)
    for position, feature in enumerate(features):
        if feature.id not in existing:
            state.add(position, feature, _best(state, features, feature))
    return state.ids, state.members
