"""Running the app under uvicorn, with idle connections closed.

uvicorn closes a kept-alive connection ``timeout_keep_alive`` seconds after its last
response, but only while no byte arrives: a client that opens a connection and then
sends nothing, or sends its headers one byte every few seconds (slow-loris), holds the
connection forever. ``IdleClosingH11Protocol`` gives every connection a deadline for
the complete headers of its next request (``ServeOptions.idle_timeout`` from the
connection's start or the end of the previous response); bytes arriving meanwhile do
not extend it. A stalled request body is cut by the security middleware (408).
"""

from __future__ import annotations

import asyncio

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsprism.options import ServeOptions

#: Seconds uvicorn keeps an idle kept-alive connection open after a response.
KEEP_ALIVE = 5.0


class IdleClosingH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, plus a deadline for each request's headers."""

    idle_timeout: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._headers_deadline: asyncio.TimerHandle | None = None
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._headers_deadline = self.loop.call_later(self.idle_timeout, self._idle_close)

    def _disarm(self) -> None:
        handle = getattr(self, "_headers_deadline", None)
        if handle is not None:
            handle.cancel()
            self._headers_deadline = None

    def _idle_close(self) -> None:
        """No complete request headers in time: close, unless a request is being answered."""
        self._headers_deadline = None
        if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
            self.transport.close()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a request's headers arrived
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_config(app: object, options: ServeOptions, **kwargs: object) -> uvicorn.Config:
    """The uvicorn configuration ``newsprism serve`` runs with (idle connections closed)."""
    protocol = type("Protocol", (IdleClosingH11Protocol,), {"idle_timeout": options.idle_timeout})
    return uvicorn.Config(
        app, host=options.host.strip("[]"), port=options.port, http=protocol,  # type: ignore[arg-type]
        timeout_keep_alive=min(KEEP_ALIVE, options.idle_timeout), server_header=False, **kwargs,  # type: ignore[arg-type]
    )


def run(app: object, options: ServeOptions) -> None:
    """Serve ``app`` until interrupted."""
    uvicorn.Server(uvicorn_config(app, options, log_level="warning")).run()
