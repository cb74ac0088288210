"""Options objects, shared by the library and the CLI.

The CLI only parses its arguments into these; the library functions take them, so
a script and a terminal user get exactly the same behaviour.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.errors import UsageError

DEFAULT_DB = "newsprism.duckdb"
DB_ENV = "NEWSPRISM_DB"

#: Field names of the record formats (JSONL/JSON/CSV).
RECORD_FIELDS = ("id", "outlet", "title", "published", "url", "text", "byline", "language")


def default_db() -> Path:
    """The store path: ``$NEWSPRISM_DB`` if set, else ``./newsprism.duckdb``."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to read inputs.

    ``field_map`` maps our field names to the names used in a corpus
    (``{"text": "body"}`` reads the body from a ``body`` column).
    """

    max_bytes: int = 5_000_000
    skip_bad: bool = False
    field_map: dict[str, str] = field(default_factory=dict)
    batch_size: int = 500
    timeout: float = 10.0
    fetch_links: bool = True
    outlet: str | None = None
    max_records: int = 1_000_000

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise UsageError("--max-bytes must be a positive number of bytes")
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


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """What ``compare`` reports.

    ``max_omissions`` caps the omission findings per article (the most important
    first); ``min_omission_score`` drops colour that carries no fact.
    """

    max_omissions: int = 25
    min_omission_score: float = 0.0
    kinds: tuple[str, ...] = (
        "agreement", "contradiction", "quote_change", "omission", "label_difference", "loaded_language", "sourcing",
    )

    @property
    def framing(self) -> bool:
        """Whether any framing kind is asked for (the stage also builds the tables)."""
        return bool({"label_difference", "loaded_language", "sourcing"} & set(self.kinds))

    def __post_init__(self) -> None:
        if self.max_omissions < 0:
            raise UsageError("--max-omissions must be zero or more")
