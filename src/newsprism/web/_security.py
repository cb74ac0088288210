"""The server's guard: token, host and origin checks, body size cap, security headers.

One ASGI middleware wraps the whole app, so every response — pages, API, ``/docs``,
``/openapi.json``, the stylesheet and errors — passes through it:

* **Host check** (loopback servers only): the ``Host`` header must name this machine
  (``localhost``, ``127.0.0.1``, ``[::1]``), else 400. This defeats DNS rebinding,
  where a web page's own domain is pointed at 127.0.0.1 to read the local server.
* **Token** (when one is set): every request must carry it, as
  ``Authorization: Bearer <token>``, or the ``newsprism_token`` cookie. A page opened
  with ``?token=<token>`` (any path but ``/api/...``) gets that cookie (HttpOnly,
  SameSite=Lax) and a 303 redirect to the same URL without the token, so it does
  not stay in the address bar or history and the links of the pages keep working.
  The cookie holds an HMAC of the token, not the token. Comparisons use
  ``secrets.compare_digest``. Anything else: 401.
* **Origin check** for POST/PUT/PATCH/DELETE: a browser request from another origin
  (``Sec-Fetch-Site`` other than ``same-origin``/``none``; without that header, an
  ``Origin`` that is not this host) is refused with 403, so a web page elsewhere —
  another site, or another port of localhost — cannot make the browser post to
  this server (CSRF).
* **Body cap**: a request body over ``max_total_bytes`` + 1 MB (form overhead) is
  refused with 413 before it is read; bodies without ``Content-Length`` (chunked)
  get 411.
* **Headers** on every response: ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY``,
  ``Cross-Origin-Resource-Policy: same-origin``, ``Cache-Control: no-store`` and,
  unless the route set its own, ``Content-Security-Policy: PAGE_CSP`` — no script
  at all, styles only from this server.

Routes that serve a document with inline script set their own CSP:

* the comparison report: ``REPORT_POLICY`` — ``REPORT_CSP`` (inline styles, nothing
  loaded from anywhere) with ``script-src`` exactly the SHA-256 of the one script
  the report renderer writes. The hash is of that constant, never read from the
  document, so a script that ever slipped into a report (through article text, an
  outlet name, a file name) could not vouch for itself: the header is the same for
  every report.
* ``/docs``: ``document_csp(page, DOCS_CSP)`` — Swagger UI's files from this server
  (``/docs/static/``, from the ``swagger-ui-bundle`` package; no CDN) plus the hash of
  the page's one inline script, which FastAPI writes and which holds nothing from a
  request.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import MutableHeaders
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism.options import ServeOptions, is_loopback
from newsprism.report._html import SCRIPT as REPORT_SCRIPT
from newsprism.web._errors import error_response

log = logging.getLogger("newsprism.web")

COOKIE = "newsprism_token"
TOKEN_QUERY = "token"
#: Room for multipart boundaries and form fields on top of the files' own bytes.
FORM_OVERHEAD = 1_000_000
_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

#: The app's own pages: no script, styles from this server only.
PAGE_CSP: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}
#: The self-contained comparison report: inline styles, inline scripts by hash only.
REPORT_CSP: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": [],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "font-src": ["data:"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}
#: Swagger UI at /docs: its files from this server (``swagger-ui-bundle``), nothing from elsewhere.
DOCS_CSP: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}

SECURITY_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}

_HASH = re.compile(r"'sha(?:256|384|512)-[A-Za-z0-9+/=_-]+'")


def policy(directives: Mapping[str, Sequence[str]]) -> str:
    """A CSP header value from directive → sources (an empty list means ``'none'``)."""
    return "; ".join(f"{name} {_sources(values)}" for name, values in directives.items())


def _sources(values: Sequence[str]) -> str:
    return " ".join(values) if values else "'none'"


PAGE_POLICY = policy(PAGE_CSP)


def script_hash(script: str) -> str:
    """The CSP source (``'sha256-...'``) that allows exactly this inline script."""
    digest = hashlib.sha256(script.replace("\r\n", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


#: The report's CSP header: its own script by hash, and nothing else (see the module doc).
REPORT_POLICY = policy({**REPORT_CSP, "script-src": [script_hash(REPORT_SCRIPT)]})


def document_csp(document: str, base: Mapping[str, Sequence[str]]) -> str:
    """``base`` with ``script-src`` widened by the hashes of ``document``'s inline scripts.

    The hashes come from the document's own ``<meta http-equiv=Content-Security-Policy>``
    (what its author allowed) and from the inline scripts themselves (so a document
    without the meta still works). Browsers enforce the header and the meta both, so
    the header must allow at least what the meta does.
    """
    scan = _Scan()
    scan.feed(document)
    scan.close()
    hashes = [h for meta in scan.policies for h in _HASH.findall(_directive(meta, "script-src"))]
    hashes += [script_hash(script) for script in scan.scripts]
    directives = {name: list(sources) for name, sources in base.items()}
    directives["script-src"] = list(dict.fromkeys(directives.get("script-src", []) + hashes))
    return policy(directives)


def _directive(csp: str, name: str) -> str:
    for part in csp.split(";"):
        words = part.split()
        if words and words[0].lower() == name:
            return " ".join(words[1:])
    return ""


class _Scan(HTMLParser):
    """Collects the inline scripts and the CSP meta policies of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.policies: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "script" and "src" not in values:
            self._script = []
        elif tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(values.get("content", ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


# -- the middleware ----------------------------------------------------------------------------


class SecurityMiddleware:
    """Checks every HTTP request (host, token, origin, size) and adds the security headers."""

    def __init__(self, app: ASGIApp, options: ServeOptions) -> None:
        self.app = app
        self.options = options
        self.max_body = options.max_total_bytes + FORM_OVERHEAD
        self.body_timeout = options.idle_timeout
        self._cookie_value = cookie_value(options.token) if options.token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        headers = _headers(scope)
        response = self._refusal(scope, headers) or self._token_redirect(scope, headers)
        if response is not None:
            await response(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, _capped(receive, self.max_body, self.body_timeout), tracking_send)
        except (_BodyTooLarge, _BodyTimeout) as exc:
            if not started:
                status = 413 if isinstance(exc, _BodyTooLarge) else 408
                await error_response(scope["path"], status, str(exc))(scope, receive, send)
        except Exception:
            # The last line of defence: log the traceback, answer one line, never the trace.
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if not started:
                await error_response(scope["path"], 500, "internal error; the server log has the details")(
                    scope, receive, send
                )

    # -- checks --------------------------------------------------------------------------------

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        """The error response for a request that may not go on, ``None`` for one that may."""
        path = scope["path"]
        host = headers.get("host", "")
        if self.options.loopback and not is_loopback(_hostname(host)):
            return error_response(
                path, 400,
                f"host {host!r} is not served: this server answers only as localhost, 127.0.0.1 or [::1] "
                "(protection against DNS rebinding)",
            )
        if self.options.token and not self._authorized(scope, headers):
            return error_response(
                path, 401,
                "unauthorized: this server needs its token; send 'Authorization: Bearer <token>', "
                "or open a page once with ?token=<token>",
                {"WWW-Authenticate": 'Bearer realm="newsprism"'},
            )
        if scope["method"] in _UNSAFE_METHODS and _cross_site(headers):
            return error_response(path, 403, "cross-site request refused: post to this server from its own pages")
        return self._size_refusal(path, headers)

    def _size_refusal(self, path: str, headers: dict[str, str]) -> Response | None:
        length = headers.get("content-length")
        if length is None and "chunked" in headers.get("transfer-encoding", "").lower():
            return error_response(path, 411, "request body without Content-Length; send its length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return error_response(
                path, 413,
                f"request body of {length} bytes is over the limit of {self.max_body:,} "
                f"(at most {self.options.max_file_bytes:,} bytes per file, {self.options.max_total_bytes:,} in all)",
            )
        return None

    def _authorized(self, scope: Scope, headers: dict[str, str]) -> bool:
        """Whether the request carries the token (header, cookie, or page query)."""
        token = self.options.token or ""
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and secrets.compare_digest(given.strip().encode(), token.encode()):
            return True
        cookie = _cookies(headers).get(COOKIE)
        if cookie and self._cookie_value and secrets.compare_digest(cookie.encode(), self._cookie_value.encode()):
            return True
        query = _query_token(scope)
        return query is not None and secrets.compare_digest(query.encode(), token.encode())

    def _token_redirect(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        """For a page opened with a valid ``?token=``: set the cookie, drop the token from the URL."""
        if not self.options.token or _query_token(scope) is None:
            return None
        pairs = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                 if k != TOKEN_QUERY]
        # one leading slash: "//evil.example/x" or "/\\evil.example" would be another host's URL
        target = "/" + scope["path"].lstrip("/\\") + (f"?{urlencode(pairs)}" if pairs else "")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            COOKIE, self._cookie_value or "", httponly=True, samesite="lax", path="/",
            secure=scope.get("scheme") == "https",
        )
        return response


def cookie_value(token: str) -> str:
    """What the session cookie holds: an HMAC of the token, so the cookie is not the token."""
    return hmac.new(token.encode(), b"newsprism-session-v1", hashlib.sha256).hexdigest()


def _headers(scope: Scope) -> dict[str, str]:
    """The request headers, lower-cased names; a repeated header keeps its first value."""
    found: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        found.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
    return found


def _query_token(scope: Scope) -> str | None:
    """The ``?token=`` of a GET page request (the API takes the header or the cookie only)."""
    if scope["method"] not in ("GET", "HEAD") or scope["path"].startswith("/api/"):
        return None
    for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True):
        if key == TOKEN_QUERY:
            return value
    return None


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    """The request's cookies by name (first one wins).

    Parsed by hand: cookies are shared by every port of a host, and one odd cookie
    of another local app must not hide ours (``SimpleCookie`` stops at the first).
    """
    jar: dict[str, str] = {}
    for pair in headers.get("cookie", "").split(";"):
        name, sep, value = pair.strip().partition("=")
        if sep:
            jar.setdefault(name.strip(), value.strip().strip('"'))
    return jar


def _hostname(host: str) -> str:
    """The name part of a ``Host`` header (``[::1]:8000`` → ``::1``)."""
    host = host.strip()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cross_site(headers: dict[str, str]) -> bool:
    """Whether a browser says the request comes from a page of another origin.

    ``Sec-Fetch-Site`` decides when the browser sends it (all current ones do):
    only ``same-origin`` and ``none`` (typed by the user) pass — ``same-site`` is
    another port of this host. Without it, ``Origin`` must name this host. Under
    ``Referrer-Policy: no-referrer`` browsers send ``Origin: null`` even for this
    server's own forms, so ``null`` alone is refused only when ``Sec-Fetch-Site``
    is absent. Requests with neither header come from programs, not web pages.
    """
    fetch_site = headers.get("sec-fetch-site", "").lower()
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return False
    if origin == "null":
        return True
    return urlsplit(origin).netloc.lower() != headers.get("host", "").lower()


def _with_security_headers(send: Send) -> Send:
    """``send`` that adds the security headers (and the page CSP unless one is set)."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                headers[name] = value
            if "content-security-policy" not in headers:
                headers["Content-Security-Policy"] = PAGE_POLICY
        await send(message)

    return wrapped


class _BodyTooLarge(Exception):
    """The body turned out longer than its Content-Length said it would be."""


class _BodyTimeout(Exception):
    """The client stopped sending its body (slow-loris)."""


def _capped(receive: Receive, limit: int, timeout: float) -> Receive:
    """``receive`` that stops a body growing past ``limit`` bytes (a backstop to Content-Length)
    or stalling for more than ``timeout`` seconds between two pieces.

    Once the body is complete, ``receive`` only waits for the client to disconnect
    (``request.is_disconnected()``), which must not time out.
    """
    seen = 0
    complete = False

    async def wrapped() -> Message:
        nonlocal seen, complete
        if complete:
            return await receive()
        try:
            message = await asyncio.wait_for(receive(), timeout)
        except TimeoutError as exc:
            raise _BodyTimeout(
                f"request body stalled for {timeout:g} s; send the whole body without pauses"
            ) from exc
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _BodyTooLarge(f"request body over {limit:,} bytes")
            complete = not message.get("more_body", False)
        return message

    return wrapped
