"""The JSON API against its own OpenAPI schema, with schemathesis (property-based).

schemathesis reads the app's ``/openapi.json`` and generates requests for every
API operation — the schema's own examples, boundary ("coverage") cases and random
("fuzzing") ones, valid and invalid — and sends them to the real app, served by
uvicorn on a free port of 127.0.0.1 over a real store holding the bundled example,
with the real models. Its default checks then hold every answer to the schema: no
5xx, only declared status codes, declared content types and headers, bodies that
match the declared models (the compare contract included), invalid input refused,
valid input accepted (except where the schema cannot say what is valid, see
``excluded_checks``).

Bounds, to stay well under two minutes: ``CHEAP_EXAMPLES`` random examples per
cheap operation, ``COMPARE_EXAMPLES`` per compare operation (a compare of
generated texts segments and embeds them; most generated ones are refused early
as unreadable, so every format of a real compare is also checked explicitly).
URLs in generated bodies never reach the network: only http(s) URLs are fetched at
all, with a short timeout, and a generated one fails fast (refused or unresolvable).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from newsprism.options import ServeOptions
from newsprism.web import create_app
from newsprism.web._api import MEDIA_TYPES

from .test_web import A_ID, B_ID, example_files, live

CHEAP_EXAMPLES = 30
COMPARE_EXAMPLES = 5
COMPARE = r"^/api/compare"
#: Seconds one request may take (a compare on a busy machine takes a few).
REQUEST_TIMEOUT = 120.0
#: The same examples every run (a failure reproduces), no example database, no per-example deadline.
SETTINGS: dict[str, Any] = {"derandomize": True, "database": None, "deadline": None,
                            "suppress_health_check": list(HealthCheck)}
#: (operation, status) of every request schemathesis made, printed at the end (``-s``).
CALLS: Counter[tuple[str, int]] = Counter()


def app_schema() -> dict[str, Any]:
    """The app's OpenAPI schema, built at import (it does not depend on the store's content).

    Loading it here, not from a fixture, keeps to schemathesis's plain ``parametrize``:
    its fixture-based loader (``schemathesis.pytest.from_fixture``) breaks on pytest 9
    (it sets ``node._nodeid``, which pytest 9 no longer has).
    """
    with tempfile.TemporaryDirectory(prefix="newsprism-schema-") as tmp:
        return create_app(ServeOptions(db=Path(tmp) / "empty.duckdb")).openapi()


OPENAPI = app_schema()
schema = schemathesis.openapi.from_dict(OPENAPI)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, invoke, example_dir: Path) -> Iterator[str]:
    """The base URL of the app served over a store holding the example (ids the generator may hit)."""
    db = tmp_path_factory.mktemp("schema") / "schema.duckdb"
    result = invoke("ingest", "--db", db, example_dir)
    assert result.code == 0, result.err
    assert invoke("stories", "--db", db).code == 0  # so /api/stories lists one
    with live(create_app(ServeOptions(db=db, timeout=2.0))) as base:
        served_schema = httpx.get(f"{base}/openapi.json", trust_env=False).json()
        assert served_schema == OPENAPI, "the served schema is the one tested"
        # Load the models now, so no generated compare pays for it (or times out on it).
        warm = httpx.post(f"{base}/api/compare", json={"ids": [A_ID, B_ID]}, timeout=REQUEST_TIMEOUT,
                          trust_env=False)
        assert warm.status_code == 200, warm.text[:300]
        yield base
    print("\nschemathesis requests by operation and status:")
    for (operation, status), count in sorted(CALLS.items()):
        print(f"  {operation}  {status}: {count}")


def excluded_checks(case) -> list:
    """``positive_data_acceptance`` is off for the operations that read article content.

    It expects every schema-valid request to succeed, but whether a pasted text has a
    body, an uploaded file is an article or a URL answers is no part of a JSON schema:
    such requests get a declared 400/413/415/422 with one line naming the input, by design.
    """
    if case.method == "POST":
        return [schemathesis.checks.positive_data_acceptance]
    return []


def call(case, base: str) -> httpx.Response | Any:
    """Send ``case`` to the served app, hold the answer to the schema, count it."""
    response = case.call_and_validate(base_url=base, excluded_checks=excluded_checks(case), timeout=REQUEST_TIMEOUT)
    CALLS[(f"{case.method} {case.operation.path}", response.status_code)] += 1
    return response


@schema.exclude(path_regex=COMPARE).parametrize()
@settings(max_examples=CHEAP_EXAMPLES, **SETTINGS)
def test_cheap_operations_conform_to_the_schema(case, served: str) -> None:
    call(case, served)


@schema.include(path_regex=COMPARE).parametrize()
@settings(max_examples=COMPARE_EXAMPLES, **SETTINGS)
def test_compare_operations_conform_to_the_schema(case, served: str) -> None:
    call(case, served)


@pytest.mark.parametrize("fmt", list(MEDIA_TYPES))
def test_real_comparisons_conform_in_every_format(served: str, fmt: str) -> None:
    stored = schema["/api/compare"]["POST"].Case(body={"ids": [A_ID, B_ID]}, query={"format": fmt})
    response = call(stored, served)
    assert response.status_code == 200 and response.text.strip()
    assert response.headers["content-type"] == [MEDIA_TYPES[fmt]]
    if fmt == "json":
        assert [a["id"] for a in response.json()["articles"]] == [A_ID, B_ID]


def test_a_real_upload_comparison_conforms(served: str) -> None:
    # With file names (schemathesis sends its generated parts without them), held to the schema all the same.
    upload = schema["/api/compare/upload"]["POST"].Case()
    response = httpx.post(f"{served}/api/compare/upload", files=example_files(), timeout=REQUEST_TIMEOUT,
                          trust_env=False)
    assert response.status_code == 200 and response.headers["content-type"] == MEDIA_TYPES["json"]
    response.request.read()  # schemathesis looks at the request too; a multipart one is a stream until read
    upload.validate_response(response, excluded_checks=excluded_checks(upload))
    assert len(response.json()["articles"]) == 2
