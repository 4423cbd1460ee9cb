"""One error shape for the whole app, produced by one exception handler.

Every failure (a StorylineError from the read path, a bad query parameter,
an unknown route) answers with::

    {"error": {"status": 404, "code": "E404", "message": "...", "hint": "..." | null}}

on ``/api/...``, and with the same facts as an HTML page elsewhere.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import StorylineError


def error_body(status: int, code: str, message: str, hint: str | None = None) -> dict[str, Any]:
    """The JSON error shape."""
    return {"error": {"status": status, "code": code, "message": message, "hint": hint}}


def _describe(exc: Exception) -> tuple[int, str, str, str | None]:
    """(status, code, message, hint) for any exception the app lets out."""
    if isinstance(exc, StorylineError):
        return exc.status, exc.code, exc.message, exc.hint
    if isinstance(exc, RequestValidationError):
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", "invalid"))
        return 422, "E422", "bad parameter: " + "; ".join(problems), "see /openapi.json for the parameters"
    if isinstance(exc, HTTPException):
        hint = "see /openapi.json for the API's routes" if exc.status_code == 404 else None
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        return exc.status_code, f"E{exc.status_code}", detail, hint
    return 500, "E500", "internal error", "run with STORYLINE_DEBUG=1 and report the traceback"


async def handle_error(request: Request, exc: Exception) -> Response:
    """The one handler: JSON on /api, an HTML page elsewhere, with the same status."""
    status, code, message, hint = _describe(exc)
    headers = getattr(exc, "headers", None) or None
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse(error_body(status, code, message, hint), status_code=status, headers=headers)
    from ..web.pages import render_error  # pages import the API's modules, not the reverse, at import time

    return render_error(request, status, code, message, hint)
