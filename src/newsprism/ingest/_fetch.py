"""Fetch a URL with a timeout and a size cap; network errors become ``InputError``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlparse

import httpx

from newsprism import __version__
from newsprism.errors import InputError

USER_AGENT = f"newsprism/{__version__} (+https://github.com/newsprism/newsprism)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content_type: str
    data: bytes


def is_url(text: str) -> bool:
    return urlparse(text).scheme in ("http", "https")


def fetch(url: str, timeout: float, max_bytes: int) -> Fetched:
    """GET ``url``; refuse non-HTTP schemes, errors, and bodies over ``max_bytes``.

    ``timeout`` bounds the whole fetch, not only each wait for the network (httpx's
    own timeout): a server that sends a byte every few seconds is cut off too.
    """
    if not is_url(url):
        raise InputError(url, "not an http(s) URL")
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=True, max_redirects=5, headers={"User-Agent": USER_AGENT}
        ) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"server answered HTTP {response.status_code}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(url, f"response is {int(declared):,} bytes, over the limit of {max_bytes:,}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                if time.monotonic() > deadline:
                    raise InputError(url, f"unreachable: timed out after {timeout:g} s")
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(url, f"response is over the limit of {max_bytes:,} bytes")
                chunks.append(chunk)
            return Fetched(str(response.url), response.headers.get("content-type", ""), b"".join(chunks))
    except httpx.TimeoutException as exc:
        raise InputError(url, f"unreachable: timed out after {timeout:g} s") from exc
    except httpx.ConnectError as exc:
        raise InputError(url, "unreachable: connection failed (is the address right and the server up?)") from exc
    except httpx.TooManyRedirects as exc:
        raise InputError(url, "unreachable: too many redirects") from exc
    except httpx.InvalidURL as exc:
        raise InputError(url, "not a valid URL") from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"unreachable: {type(exc).__name__}") from exc
