"""Fetch a URL: the one way newsprism reaches the network (pages, feeds, feed entry links).

Guards, in the order a fetch meets them:

* only ``http`` and ``https`` URLs, on every redirect hop (httpx refuses other schemes);
* the host is resolved here (``getaddrinfo``, which also reads every numeric form:
  ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``, ``[::ffff:127.0.0.1]``) and
  **every** address it resolves to must be a public one — not loopback, private,
  link-local, multicast, reserved, unspecified, shared (100.64/10), or an IPv6 form
  that embeds one of those (mapped, 6to4, NAT64) — unless the caller allows private
  addresses (``--allow-private-urls``);
* the connection is made to the address that was checked, inside the same call
  (``_GuardedBackend.connect_tcp``): a DNS answer that changes between the check and
  the connection (DNS rebinding) cannot switch it. Every connection goes through it:
  the first one and the one of every redirect hop. TLS still verifies the certificate
  of the URL's host name (SNI and the ``Host`` header are the name's, not the address's);
* no proxy from the environment (a proxy would make the connection, not us);
* a timeout for the whole fetch, and a size cap.

Every refused or failed fetch — address not allowed, DNS failure, connection refused,
timeout, TLS failure, error status, too many redirects — gives the **same** message
(``FETCH_FAILED``), so the answers cannot be used to map which internal addresses or
ports exist. The cause is logged (``newsprism.ingest``, level INFO) for the operator.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

import httpcore
import httpx

from newsprism import __version__
from newsprism.errors import InputError

USER_AGENT = f"newsprism/{__version__} (+https://github.com/newsprism/newsprism)"
MAX_REDIRECTS = 5
#: The one message of every refused or failed fetch (no oracle of open ports or hosts).
FETCH_FAILED = (
    "could not fetch it: not reachable, not a public address (see --allow-private-urls), "
    "or the server answered with an error"
)

log = logging.getLogger("newsprism.ingest")

#: ``(host, port) -> addresses``; tests inject their own in place of DNS.
Resolver = Callable[[str, int], Iterable[str]]


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content_type: str
    data: bytes
    #: 304 when a conditional request found the resource unchanged (``data`` is then empty).
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


class FetchRefused(Exception):
    """A fetch stopped by a guard (address not allowed); its text goes to the log only."""


def is_url(text: str) -> bool:
    return urlparse(text).scheme in ("http", "https")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (numeric forms included), by the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: not "private" to Python < 3.11.4
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """Whether ``address`` is a public unicast address (IPv4 or IPv6, embedded forms unwrapped)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or (ip.sixtofour if ip.sixtofour else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is None and ip.teredo:
            embedded = ip.teredo[1]
        if embedded is not None and not is_public(str(embedded)):
            return False
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED:
        return False
    return ip.is_global and not (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )


def allowed_addresses(host: str, port: int, allow_private: bool, resolver: Resolver) -> list[str]:
    """The addresses to connect to for ``host``; ``FetchRefused`` if any is not public.

    All of them must pass, not only the first: a name that resolves to one public and
    one internal address would otherwise reach the internal one on a retry.
    """
    try:
        addresses = list(resolver(host.strip("[]"), port))
    except (OSError, UnicodeError) as exc:
        raise FetchRefused(f"{host} does not resolve ({exc})") from exc
    if not addresses:
        raise FetchRefused(f"{host} resolves to no address")
    if not allow_private:
        bad = [a for a in addresses if not is_public(a)]
        if bad:
            raise FetchRefused(f"{host} resolves to {bad[0]}, not a public address")
    return addresses


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks and connects in one step, to the address it checked."""

    def __init__(self, allow_private: bool, resolver: Resolver) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private
        self._resolver = resolver

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # noqa: ANN001, ANN201
        addresses = allowed_addresses(host, port, self._allow_private, self._resolver)
        error: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # noqa: ANN001, ANN201
        raise FetchRefused("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that connects through ``_GuardedBackend``."""

    def __init__(self, allow_private: bool, resolver: Resolver) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_GuardedBackend(allow_private, resolver),
        )


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The headers of a conditional GET (none when there is nothing to compare with)."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def fetch(
    url: str,
    timeout: float,
    max_bytes: int,
    allow_private: bool = False,
    resolver: Resolver | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET ``url`` through the guards above; bodies over ``max_bytes`` are refused.

    With ``etag`` or ``last_modified`` (from an earlier answer) the request is
    conditional (``If-None-Match`` / ``If-Modified-Since``): an unchanged resource comes
    back as status 304 with no data.

    ``timeout`` bounds the whole fetch, not only each wait for the network (httpx's
    own timeout): a server that sends a byte every few seconds is cut off too.
    """
    if not is_url(url):
        raise InputError(url, "not an http(s) URL")
    deadline = time.monotonic() + timeout
    transport = _GuardedTransport(allow_private, resolver or system_resolver)
    try:
        with httpx.Client(
            transport=transport, timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT}, trust_env=False,
        ) as client, client.stream("GET", url, headers=_conditional(etag, last_modified)) as response:
            validators = {"etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified")}
            if response.status_code == 304:
                return Fetched(str(response.url), "", b"", 304, validators["etag"] or etag, validators["last_modified"] or last_modified)
            if response.status_code >= 400:
                raise FetchRefused(f"server answered HTTP {response.status_code}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(url, f"response is {int(declared):,} bytes, over the limit of {max_bytes:,}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                if time.monotonic() > deadline:
                    raise FetchRefused(f"timed out after {timeout:g} s")
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(url, f"response is over the limit of {max_bytes:,} bytes")
                chunks.append(chunk)
            return Fetched(str(response.url), response.headers.get("content-type", ""), b"".join(chunks), 200, **validators)
    except (FetchRefused, httpx.HTTPError, httpx.InvalidURL, httpcore.NetworkError, OSError, ValueError) as exc:
        log.info("fetch of %r failed: %s: %s", url, type(exc).__name__, exc)
        raise InputError(url, FETCH_FAILED) from exc
