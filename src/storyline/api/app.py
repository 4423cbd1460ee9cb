"""The ASGI app: the JSON API under /api and the web pages, from one knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import StorylineError
from ..settings import resolve
from ..store import Database, connect
from .errors import handle_error
from .routes import ingest_router, router

# Article text is untrusted: no inline script or style may run, nothing loads from elsewhere.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the CSP and related headers to every response (a plain ASGI middleware: no per-request task)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def api_token(explicit: str | None = None) -> str:
    """The token that enables POST /api/ingest: explicit, else the ``api_token`` setting, else "" (read-only)."""
    return explicit if explicit is not None else resolve().api_token


def create_app(db: str | Database, *, token: str | None = None) -> FastAPI:
    """The app over a knowledge base (a URL/path or an open Database).

    Read-only unless a token is configured; then POST /api/ingest exists and requires it.
    """
    from ..web.pages import router as pages_router

    app = FastAPI(title="Storyline", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, which figures are claimed by whom, events and storylines, "
                              "with character offsets into each article. Read-only unless an API token is set.")
    app.state.db = db if isinstance(db, Database) else connect(db)
    app.state.api_token = api_token(token)
    app.include_router(router)
    if app.state.api_token:
        app.include_router(ingest_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parents[1] / "web" / "static"), name="static")
    for exc in (StorylineError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(exc, handle_error)
    app.add_middleware(SecurityHeaders)
    return app
