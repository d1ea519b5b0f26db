"""The HTTP API and the web page, one FastAPI app (``skylog serve``).

Reading is open unless ``SKYLOG_READ_TOKEN`` is set; writing (``POST
/api/ingest``) needs ``SKYLOG_API_TOKEN`` and is off when it is unset. Every
error is a JSON body ``{"error": ..., "detail": ...}`` with a 4xx status, and
every response carries a strict Content-Security-Policy: report text is hostile
data, so the page builds its DOM from text nodes only and may load nothing but
its own bundled files.

The parts: ``security`` (headers, body cap, tokens), ``errors`` (JSON error
bodies), ``params`` (validated parameters and bodies), and the routes of
``routes_read``, ``routes_stats`` and ``routes_write``.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from skylog.api import routes_read, routes_stats, routes_write
from skylog.api.errors import ApiError, install_error_handlers
from skylog.api.params import MAX_PAGE
from skylog.api.security import CSP, SECURITY_HEADERS, LimitBody, security_headers
from skylog.store import Store

MAX_BODY_BYTES = 2 * 1024 * 1024

__all__ = ["CSP", "MAX_BODY_BYTES", "MAX_PAGE", "SECURITY_HEADERS", "ApiError", "create_app", "static_dir"]


def static_dir() -> Path:
    """The web page's bundled files (HTML, JS, CSS, basemap), served under ``/static``."""
    return Path(str(resources.files("skylog.web") / "static"))


def create_app(
    store: Store | None = None,
    *,
    db: str | None = None,
    max_body: int = MAX_BODY_BYTES,
    allow_private_urls: bool = False,
) -> FastAPI:
    """The app over ``store`` (or a Store opened on ``db`` / the default database)."""
    if store is None:
        from skylog.store import Store

        store = Store(db)
    app = FastAPI(
        title="skylog",
        summary="Sourced, geocoded incident log of aerial attacks: reports, incidents, evidence.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.ingest_lock = threading.Lock()
    app.state.allow_private_urls = allow_private_urls
    app.middleware("http")(security_headers)
    app.add_middleware(LimitBody, limit=max_body)
    install_error_handlers(app, SECURITY_HEADERS)
    app.include_router(routes_read.router)
    app.include_router(routes_stats.router)
    app.include_router(routes_write.router)
    _add_page(app)
    return app


def _add_page(app: FastAPI) -> None:
    """The web page, its static files and the API docs page (not part of the OpenAPI schema)."""
    static = static_dir()
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_HTML)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)


_DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>skylog API</title>
<link rel="stylesheet" href="/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""


def _version() -> str:
    import skylog

    return str(getattr(skylog, "__version__", "0"))
