"""Every error of the API is a JSON body ``{"error": ..., "detail": ...}``, never a bare 500 page."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class ApiError(HTTPException):
    """A 4xx with a short message and optional structured detail."""

    def __init__(self, status: int, error: str, detail: Any = None) -> None:
        super().__init__(status_code=status, detail=error)
        self.error = error
        self.extra = detail


async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
    body: dict[str, Any] = {"error": exc.error}
    if exc.extra is not None:
        body["detail"] = exc.extra
    return JSONResponse(body, status_code=exc.status_code)


async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)


def unexpected_error_handler(
    headers: dict[str, str],
) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    """The last resort, outside the middleware stack: ``headers`` (the security headers) are
    added here. No internals go to the client; the server log has the traceback."""

    async def unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
        logging.getLogger("skylog.api").error("unexpected error", exc_info=exc)
        return JSONResponse(
            {"error": f"internal error ({exc.__class__.__name__})"}, status_code=500, headers=headers
        )

    return unexpected_error


async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")} for e in exc.errors()
    ]
    first = problems[0] if problems else {"where": "?", "problem": "invalid"}
    return JSONResponse(
        {"error": f"invalid parameter {first['where']}: {first['problem']}", "detail": problems},
        status_code=400,
    )


def install_error_handlers(app: FastAPI, security_headers: dict[str, str]) -> None:
    """Register the JSON error bodies on ``app`` (the order FastAPI matches them in does not matter)."""
    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error_handler(security_headers))
    app.add_exception_handler(RequestValidationError, validation_error)
