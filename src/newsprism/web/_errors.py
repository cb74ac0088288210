"""Errors as HTTP responses: one line of text, never a traceback.

``NewsprismError`` subclasses map to a status (``InputError`` 422, ``NotFoundError``
404, ``StoreBusyError`` 503, ``UsageError`` 400, other store or model trouble 500).
API clients (``/api/...``, ``/openapi.json``, ``/docs``) get ``{"error": "..."}``;
the HTML pages get a small HTML page with the same line, escaped.
"""

from __future__ import annotations

import html
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from newsprism.errors import (
    InputError,
    ModelError,
    NewsprismError,
    NotFoundError,
    StoreBusyError,
    StoreError,
    UsageError,
)

log = logging.getLogger("newsprism.web")

#: Paths whose errors are JSON (everything else is an HTML page for people).
JSON_PREFIXES = ("/api/", "/openapi.json", "/docs")
#: Longest error line sent back; anything longer is cut.
MAX_LINE = 500


class WebError(UsageError):
    """A request the server refuses for a reason of HTTP's own (size, type, ...)."""

    status = 400


class TooLargeError(WebError):
    """A file, text or request over the server's size limits."""

    status = 413


class UnsupportedTypeError(WebError):
    """An uploaded file whose extension names no format newsprism reads."""

    status = 415


def status_of(exc: NewsprismError) -> int:
    """The HTTP status for one of newsprism's errors."""
    if isinstance(exc, WebError):
        return exc.status
    for kind, status in (
        (StoreBusyError, 503),
        (NotFoundError, 404),
        (InputError, 422),
        (UsageError, 400),
        (StoreError, 500),
        (ModelError, 500),
    ):
        if isinstance(exc, kind):
            return status
    return 500


def one_line(text: object) -> str:
    """``text`` as a single line of bounded length (messages never span lines)."""
    line = " ".join(str(text).split())
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


def wants_json(path: str) -> bool:
    """Whether a request to ``path`` comes from a program (JSON errors) or a person (HTML)."""
    return path == "/docs" or path.startswith(JSON_PREFIXES)


def error_response(path: str, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The response for an error: ``{"error": ...}`` for the API, an HTML page otherwise."""
    line = one_line(message)
    if wants_json(path):
        return JSONResponse({"error": line}, status_code=status, headers=headers)
    return HTMLResponse(error_page(status, line), status_code=status, headers=headers)


def error_page(status: int, line: str) -> str:
    """A minimal page that says what went wrong and links back to the start."""
    text = html.escape(line)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Error {status} · newsprism</title>"
        "<link rel=\"stylesheet\" href=\"/static/newsprism.css\"></head>"
        f"<body><main><h1>Error {status}</h1><p id=\"error-message\" class=\"error\">{text}</p>"
        "<p><a href=\"/\">Back to the comparison form</a> · <a href=\"/articles\">Stored articles</a></p>"
        "</main></body></html>\n"
    )


def install(app: FastAPI) -> None:
    """Register the handlers that turn every expected error into a one-line response."""
    app.add_exception_handler(NewsprismError, _newsprism_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


async def _newsprism_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NewsprismError)
    status = status_of(exc)
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, one_line(exc))
    headers = {"Retry-After": "5"} if isinstance(exc, StoreBusyError) else None
    return error_response(request.url.path, status, public_message(exc, status), headers)


def public_message(exc: NewsprismError, status: int) -> str:
    """What a client is told: never the store's path on the server, never an internal detail.

    A busy store says so (without its path; nothing of the request was stored); any
    other store or model failure is "internal error" (the log has the whole line).
    """
    if isinstance(exc, StoreBusyError):
        return (
            "store is busy: another newsprism process is writing to it; nothing of this request was "
            "stored; try again shortly"
        )
    if status >= 500:
        return "internal error; the server log has the details"
    return str(exc)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(request.url.path, 422, validation_line(exc))


def validation_line(exc: RequestValidationError) -> str:
    """The first problem of a rejected request, as ``where: what`` (and how many more)."""
    errors = exc.errors()
    if not errors:
        return "invalid request"
    first = errors[0]
    loc = [str(part) for part in first.get("loc", ())]
    where = f"{loc[0]} field {'.'.join(loc[1:])!r}" if len(loc) > 1 else (loc[0] if loc else "request")
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    return f"invalid request: {where}: {first.get('msg', 'invalid')}{more}"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"no page or API route at {request.url.path}"
    return error_response(request.url.path, exc.status_code, message, dict(exc.headers or {}) or None)
