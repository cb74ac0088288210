"""The exceptions newsprism raises, in one tree.

Every message is one line that names the thing at fault and says what to do next.
Third-party errors (DuckDB, httpx, spaCy, JSON) are translated into these at the
boundary where they happen, so callers only ever catch ``NewsprismError``::

    NewsprismError
    ├── InputError          an input (file, record, URL) cannot be read
    ├── StoreError          the store cannot be opened or written
    │   ├── StoreBusyError  another process is writing to the store
    │   └── StoreVersionError  the store was written by a newer newsprism
    ├── NotFoundError       an article or story id is not in the store
    ├── ModelError          a language model is missing or broken
    ├── EngineError         a compute engine (Spark) did not start or its job failed
    └── UsageError          options that do not fit together
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base class of every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """An input cannot be read; ``source`` names it (``file``, ``file:line`` or URL)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class StoreError(NewsprismError):
    """The store file cannot be opened, read or written."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"store {path}: {problem}")


class StoreBusyError(StoreError):
    """Another process holds the store (DuckDB allows one writer per file)."""

    def __init__(self, path: str) -> None:
        super().__init__(
            path,
            "store is busy: another newsprism process is using it; "
            "wait for it to finish and try again, or pass another --db",
        )


class StoreVersionError(StoreError):
    """The store's schema is newer than this version of newsprism understands."""

    def __init__(self, path: str, found: int, known: int) -> None:
        super().__init__(
            path,
            f"schema version {found} is newer than this newsprism knows ({known}); "
            "upgrade newsprism to read it",
        )


class NotFoundError(NewsprismError):
    """An id that the store does not hold."""

    def __init__(self, what: str, ident: str) -> None:
        self.what = what
        self.ident = ident
        super().__init__(
            f"no {what} with id {ident!r} in the store; `newsprism list` shows the stored ids"
        )


class ModelError(NewsprismError):
    """A language model the pipeline needs is not installed or does not load."""


class EngineError(NewsprismError):
    """A compute engine (Spark) did not start, or a job on it failed."""


class UsageError(NewsprismError):
    """Options that do not make sense together."""


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (at most 200 characters), else its type:
    what a one-line error shows of a library's long message (DuckDB, Java, Py4J)."""
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
