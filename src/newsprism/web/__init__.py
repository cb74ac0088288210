"""The web interface of newsprism: a JSON API and HTML pages over one store.

    from newsprism.web import create_app
    app = create_app(ServeOptions(db="news.duckdb"))     # a FastAPI app
    # newsprism serve [--db PATH] [--host 127.0.0.1] [--port 8000] [--token TOKEN]

Routes:

    GET  /                      form: paste texts / upload files / give URLs
    POST /compare               the form's comparison → the HTML report
    GET  /compare?ids=a&ids=b   the HTML report for stored articles
    GET  /articles              stored articles, pick some to compare, ingest more
    GET  /articles/{id}         one article, sentences numbered, non-body marked
    POST /ingest                the ingest form of /articles
    GET  /api/health            {"status": "ok", "version", "store": "ok"|"busy", "articles"}
    GET  /api/articles          ?outlet=&since=&until=&limit= → summaries
    GET  /api/articles/{id}     the article with its sentences
    POST /api/ingest            multipart files (+ urls) or JSON {"urls": [...]}
    POST /api/compare           JSON {"ids"|"texts"|"urls": [...]} → the JSON contract
    POST /api/compare/upload    multipart files → the JSON contract
                                (both compares: ?format=json|markdown|html|text)
    GET  /api/export            every article as JSONL
    GET  /openapi.json, /docs   the API's schema and Swagger UI (its files at /docs/static/, no CDN)

Security (details in ``_security``): loopback by default; off loopback only with a
token, which then guards every route; host, origin and size checks; no script on
the app's own pages; errors are one line (``_errors``), never a traceback.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from newsprism import __version__
from newsprism.options import ServeOptions
from newsprism.web import _api, _errors, _pages
from newsprism.web._security import SecurityMiddleware
from newsprism.web._service import Service

__all__ = ["create_app"]

TITLE = "newsprism"


def create_app(options: ServeOptions) -> FastAPI:
    """The web app over ``options.db``: pages, API and docs behind the security middleware.

    The store is created (or migrated) here if it can be, so a fresh server lists an
    empty store instead of failing; a store busy in another process is left alone.
    """
    service = Service(options)
    service.prepare_store()
    app = FastAPI(
        title=TITLE,
        version=__version__,
        summary="Compare how news outlets report the same event; every finding cites exact spans.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.service = service
    _errors.install(app)
    app.include_router(_api.router(service))
    app.include_router(_api.docs_router(TITLE))
    app.include_router(_pages.router(service))
    app.openapi = lambda: _openapi(app, options)  # type: ignore[method-assign]
    app.add_middleware(SecurityMiddleware, options=options)
    return app


def _openapi(app: FastAPI, options: ServeOptions) -> dict[str, Any]:
    """The schema, with the bearer token declared when the server has one."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, summary=app.summary, routes=app.routes,
        )
        if options.token:
            schema.setdefault("components", {})["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer", "description": "the server's --token"}
            }
            schema["security"] = [{"bearer": []}]
        app.openapi_schema = schema
    return app.openapi_schema
