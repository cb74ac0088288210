"""Options objects, shared by the library and the CLI.

The CLI only parses its arguments into these; the library functions take them, so
a script and a terminal user get exactly the same behaviour.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.errors import UsageError
from newsprism.model import FindingKind

DEFAULT_DB = "newsprism.duckdb"
DB_ENV = "NEWSPRISM_DB"

#: Field names of the record formats (JSONL/JSON/CSV).
RECORD_FIELDS = ("id", "outlet", "title", "published", "url", "text", "byline", "language")


def default_db() -> Path:
    """The store path: ``$NEWSPRISM_DB`` if set, else ``./newsprism.duckdb``."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


#: Where a stage can run: "local" (this machine) or "spark" (``newsprism[spark]``).
ENGINES = ("local", "spark")


def check_engine(engine: str) -> str:
    """``engine`` if it is one of ``ENGINES``; a usage error naming them otherwise."""
    if engine not in ENGINES:
        raise UsageError(f"--engine {engine!r} is not one of {', '.join(ENGINES)}")
    return engine


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to read inputs.

    ``field_map`` maps our field names to the names used in a corpus
    (``{"text": "body"}`` reads the body from a ``body`` column).

    Limits, each refused with a one-line error naming the input: ``max_bytes`` per
    file, URL response and JSONL record; ``max_records`` per corpus file or feed;
    ``max_depth`` levels of nesting in a JSON record or YAML front matter;
    ``timeout`` seconds for the whole of one URL fetch.
    """

    max_bytes: int = 5_000_000
    skip_bad: bool = False
    field_map: dict[str, str] = field(default_factory=dict)
    batch_size: int = 500
    timeout: float = 10.0
    fetch_links: bool = True
    outlet: str | None = None
    max_records: int = 1_000_000
    #: Deepest nesting of a JSON record or YAML front matter (``{"a": [1]}`` is 2 deep):
    #: real records are 3 or 4 deep; a deeper tree is an attack on whatever walks it.
    max_depth: int = 32
    #: Fetch URLs whose host is (or resolves to) a loopback, private, link-local or other
    #: non-public address (``--allow-private-urls``): off, so a URL cannot reach this
    #: machine's or its network's internal services (``ingest/_fetch.py``).
    allow_private_urls: bool = False
    #: Read HTML pages that are not articles (home, section, tag and company pages) as
    #: articles too (``--keep-non-articles``); by default they are skipped with one line.
    keep_non_articles: bool = False
    #: Processes that segment articles (``--workers``): 1 parses in this process,
    #: 0 uses every core (``workers.resolve_workers``).
    workers: int = 1

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise UsageError("--workers must be 0 (every core) or a positive number of processes")
        if self.max_bytes <= 0:
            raise UsageError("--max-bytes must be a positive number of bytes")
        if self.max_records <= 0:
            raise UsageError("max records must be positive")
        if self.max_depth <= 0:
            raise UsageError("max depth must be positive")
        if self.batch_size <= 0:
            raise UsageError("batch size must be positive")
        if self.timeout <= 0:
            raise UsageError("--timeout must be positive")
        unknown = sorted(set(self.field_map) - set(RECORD_FIELDS))
        if unknown:
            raise UsageError(
                f"--map names unknown field {unknown[0]!r}; known fields: {', '.join(RECORD_FIELDS)}"
            )

    def column(self, name: str) -> str:
        """The corpus column that holds our field ``name``."""
        return self.field_map.get(name, name)


def parse_field_map(pairs: list[str]) -> dict[str, str]:
    """Parse ``--map text=body`` style pairs into a field map."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise UsageError(f"--map {pair!r} is not of the form FIELD=COLUMN (e.g. text=body)")
        mapping[ours.strip()] = theirs.strip()
    return mapping


#: Where ``newsprism serve`` reads its token from when ``--token`` is not given.
TOKEN_ENV = "NEWSPRISM_TOKEN"
#: Tokens shorter than this are refused: the token is the only lock on a server
#: reachable from other machines.
MIN_TOKEN_LENGTH = 8


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    import ipaddress

    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How ``newsprism serve`` runs: where it listens, its token and its request limits.

    A server bound off loopback (anything but 127.0.0.1, localhost, ::1) must have a
    token: without one anybody on the network could read and write the store.
    """

    db: Path = field(default_factory=default_db)
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    #: Largest uploaded file, pasted text or fetched URL, in bytes.
    max_file_bytes: int = 5_000_000
    #: Largest sum of the files (and texts) of one request, in bytes.
    max_total_bytes: int = 20_000_000
    #: Most texts + ids + URLs (and articles) in one comparison.
    max_items: int = 20
    #: Most files or URLs in one ingest request.
    max_files: int = 100
    #: Seconds to wait for a URL.
    timeout: float = 10.0
    #: Let URLs reach loopback/private/link-local addresses (``--allow-private-urls``).
    allow_private_urls: bool = False
    #: Work budget of one compare request: the characters of all its articles together.
    #: About 10 long articles; on the 2-core machine such a compare takes ~30-60 s.
    compare_max_chars: int = 200_000
    #: Work budget of one compare or ingest request, in seconds; over it the work is
    #: cancelled (cooperatively, see ``web/_work.py``) and the request answers 422.
    work_timeout: float = 120.0
    #: Seconds a connection may sit idle before a request's headers are complete (or
    #: between requests); also the longest wait for the next piece of a request body.
    idle_timeout: float = 10.0

    def __post_init__(self) -> None:
        if not 1 <= self.port <= 65535:
            raise UsageError(f"--port {self.port} is not a port number (1-65535)")
        if self.token is not None:
            _check_token(self.token)
        elif not self.loopback:
            raise UsageError(
                f"--host {self.host} is reachable from other machines: set a token with --token or "
                f"${TOKEN_ENV}, or bind 127.0.0.1"
            )
        for name in ("max_file_bytes", "max_total_bytes", "max_items", "max_files", "compare_max_chars"):
            if getattr(self, name) <= 0:
                raise UsageError(f"{name.replace('_', ' ')} must be positive")
        if self.timeout <= 0:
            raise UsageError("--timeout must be positive")
        if self.work_timeout <= 0 or self.idle_timeout <= 0:
            raise UsageError("work and idle timeouts must be positive")

    @property
    def loopback(self) -> bool:
        """Whether the server only listens on this machine."""
        return is_loopback(self.host)


def _check_token(token: str) -> None:
    """Refuse tokens that are too short or could not travel in a header, cookie or query."""
    if len(token) < MIN_TOKEN_LENGTH:
        raise UsageError(f"--token is too short: use at least {MIN_TOKEN_LENGTH} characters")
    if not all(33 <= ord(ch) < 127 and ch not in ';,"\\' for ch in token):
        raise UsageError('--token may only hold printable ASCII without spaces, quotes, commas, semicolons or backslashes')


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """How ``newsprism stories`` groups articles into stories (see ``newsprism.stories``).

    The score of two articles is the cosine of their title+lead embeddings, plus
    ``entity_weight`` times the overlap of their canonical named entities, plus
    ``jaccard_weight`` times their MinHash Jaccard estimate, less ``argument_weight``
    per argument (who, where) their leads name differently; a dated pair further
    apart than ``window_days`` cannot link unless it is a near-copy. An article joins
    the stories of its ``neighbours`` best-scoring partners at or above ``threshold``.
    ``engine`` and ``master`` choose where this runs. ``threshold`` and the weights were tuned by a grid search on
    half of the ECB+ topics, BASIL and NewsWCL50 (``bench/stories.py`` prints the
    scores, the other ECB+ half held out; the chosen values are recorded, with the
    search, in ``newsprism/stories/_signals.py``). Pairs with a non-English side
    are scored on multilingual embeddings; without entity evidence they are held
    to ``multilingual_threshold`` instead.
    """

    threshold: float = 0.66
    #: How many nearest partners (at or above the threshold) each article joins.
    neighbours: int = 2
    entity_weight: float = 0.35
    jaccard_weight: float = 0.0
    #: Added when a pair with an undated side names the same event year, taken off when not.
    when_weight: float = 0.0
    #: Taken off per argument of the lead's event (who, where) that two leads name differently.
    argument_weight: float = 0.1
    #: Taken off when two titles are about different people (``stories._signals.headline_conflict``).
    headline_weight: float = 0.0
    #: Threshold for pairs scored on the multilingual embeddings without entity evidence
    #: (two languages, or a side without entities); see ``newsprism/stories/_signals.py``.
    multilingual_threshold: float = 0.58
    window_days: int = 3
    #: Near-verbatim copy: MinHash Jaccard of word 5-shingles at or above this.
    copy_jaccard: float = 0.8
    num_perm: int = 128
    shingle: int = 5
    #: LSH candidates: pairs whose Jaccard is probably at least this.
    lsh_threshold: float = 0.5
    #: Pairs with a title+lead cosine below this are not scored (unless LSH finds them).
    min_cosine: float = 0.45
    #: Sentences of the body that follow the title in the embedded "title + lead".
    lead_sentences: int = 2
    #: Where the grouping runs: "local" (this process) or "spark" (``newsprism[spark]``).
    engine: str = "local"
    #: The Spark master for ``engine="spark"`` (``local[N]`` or a cluster URL).
    master: str = "local[2]"

    def __post_init__(self) -> None:
        check_engine(self.engine)
        if self.window_days < 0:
            raise UsageError("window days must be zero or more")
        if self.neighbours < 1:
            raise UsageError("neighbours must be 1 or more")
        if self.num_perm <= 0 or self.shingle <= 0:
            raise UsageError("num_perm and shingle must be positive")
        if not -1.0 <= self.min_cosine <= 1.0:
            raise UsageError("min_cosine must be in [-1, 1]")
        if not 0.0 < self.copy_jaccard <= 1.0 or not 0.0 < self.lsh_threshold <= 1.0:
            raise UsageError("Jaccard thresholds must be in (0, 1]")


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """Thresholds on cosine similarity of sentence embeddings, chosen on ECB+.

    ``python -m bench.calibrate_align`` takes 4 articles per ECB+ event and, for
    every sentence, its best match in another article of the same event and in an
    article of the *other* event of the same topic (hard negatives: same words,
    different facts). Best matches: same event p50 0.504 / p90 0.731; hard negatives
    p75 0.485 / p95 0.633 / p99 0.722. ``high`` = 0.66 passes 3.2% of hard negatives
    (18% of same-event matches): above it a link stands on its own. ``low`` = 0.50
    (about the same-event median, passing 22% of hard negatives) opens the band in
    which a link also needs a second signal: ``min_lexical`` content-word overlap or
    a shared rare anchor (number or name). On the seed pair true counterparts score
    >= 0.54, inside that band.
    """

    high: float = 0.66
    low: float = 0.50
    min_lexical: float = 0.30


@dataclass(frozen=True, slots=True)
class ClaimOptions:
    """How aligned sentences are grouped into claims (see ``newsprism.compare.claims``).

    ``cohesion`` is the alignment's lower threshold (``AlignOptions.low``, chosen on
    ECB+: about the median of true counterparts): a group whose sentences are on
    average less alike than the weakest acceptable link is two statements.
    ``max_per_article`` caps the sentences of one outlet in a claim: adjacent ones
    (a statement split in two), or ones at least ``same_statement`` alike (the same
    statement told twice: ``AlignOptions.high``, above which a link stands alone).
    """

    cohesion: float = 0.50
    max_per_article: int = 2
    same_statement: float = 0.66

    def __post_init__(self) -> None:
        if not -1.0 <= self.cohesion <= 1.0:
            raise UsageError("claim cohesion must be in [-1, 1]")
        if self.max_per_article < 1:
            raise UsageError("max sentences per article in a claim must be at least 1")


@dataclass(frozen=True, slots=True)
class SameEventOptions:
    """How ``compare.same_event`` decides whether the compared articles report one event.

    Score terms (each 0..1): aligned share (``share / aligned_full``), overall similarity
    (cosine of mean sentence embeddings, 0 at ``similarity_zero``, 1 at
    ``similarity_full``), shared names (overlap / ``names_full``); weights ``w_*``. Two
    dated articles more than ``near_days`` apart lose up to ``date_penalty`` (all of it
    at ``far_days``). Verdict "same" from ``same_from``, "different" below
    ``different_below``, "possibly different" between; a shorter article of fewer than
    ``min_sentences`` body sentences is never called "different" on text alone; two of
    at least ``long_sentences`` that share fewer than ``long_min_claims`` claims are never
    called "same" unless their overall similarity reaches ``long_similarity``.
    Chosen with ``python -m bench same_event`` (ECB+, NewsWCL50, BASIL): see
    ``compare/same_event.py``.
    """

    same_from: float = 0.45
    different_below: float = 0.30
    min_sentences: int = 4
    #: Two reports of at least this many body sentences that share fewer than
    #: ``long_min_claims`` claims are at most "possibly different".
    long_sentences: int = 8
    long_min_claims: int = 2
    #: ... unless their overall similarity reaches this (the same story told very alike).
    long_similarity: float = 0.80
    w_aligned: float = 0.35
    w_similarity: float = 0.45
    w_names: float = 0.20
    aligned_full: float = 0.25
    similarity_zero: float = 0.30
    similarity_full: float = 0.70
    names_full: float = 0.30
    near_days: int = 3
    far_days: int = 30
    date_penalty: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.different_below <= self.same_from <= 1.0:
            raise UsageError("same-event thresholds must satisfy 0 <= different_below <= same_from <= 1")
        if self.similarity_full <= self.similarity_zero or self.aligned_full <= 0 or self.names_full <= 0:
            raise UsageError("same-event scales must be positive")
        if self.far_days < self.near_days or self.near_days < 0:
            raise UsageError("same-event days must satisfy 0 <= near_days <= far_days")


#: Every finding kind, in the registry's order (``newsprism.model.FindingKind``).
ALL_KINDS = tuple(str(k) for k in FindingKind)
#: The kinds the framing stage makes.
FRAMING_KINDS = tuple(str(k) for k in FindingKind if k.stage == "framing")


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Everything ``compare`` takes, in one object: what to report and how each step runs.

    ``kinds`` are the finding kinds reported; ``max_omissions`` caps the omission
    findings (one per claim, the most newsworthy first); ``min_omission_score`` drops
    colour that carries no fact. ``align``, ``claims`` and ``copies`` are the options
    of the alignment, of the claim grouping and of the shared-copy test (the story
    grouping's near-copy thresholds, so both stages call the same thing a copy).
    """

    max_omissions: int = 25
    min_omission_score: float = 0.0
    kinds: tuple[str, ...] = ALL_KINDS
    align: AlignOptions = field(default_factory=AlignOptions)
    claims: ClaimOptions = field(default_factory=ClaimOptions)
    copies: StoryOptions = field(default_factory=lambda: StoryOptions())
    #: The "same event" guard (``compare.same_event``): its verdict thresholds.
    same_event: SameEventOptions = field(default_factory=SameEventOptions)

    def wants(self, kind: str) -> bool:
        return kind in self.kinds

    @property
    def framing(self) -> bool:
        """Whether any framing kind is asked for (the stage also builds the tables)."""
        return bool(set(FRAMING_KINDS) & set(self.kinds))

    def __post_init__(self) -> None:
        if self.max_omissions < 0:
            raise UsageError("--max-omissions must be zero or more")
        unknown = sorted(set(self.kinds) - set(ALL_KINDS))
        if unknown:
            raise UsageError(f"unknown finding kind {unknown[0]!r}; known kinds: {', '.join(ALL_KINDS)}")
