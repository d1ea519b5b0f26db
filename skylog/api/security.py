"""What every request passes through: security headers, the body-size cap and the tokens.

Report text is hostile data, so every response carries a strict Content-Security-Policy
(the page may load nothing but its own bundled files); reading is open unless
``SKYLOG_READ_TOKEN`` is set, writing needs ``SKYLOG_API_TOKEN``.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skylog import config
from skylog.api.errors import ApiError

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """HTTP middleware: the security headers on every answer, ``no-store`` on the API's."""
    response = await call_next(request)
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    if request.url.path.startswith("/api/"):
        response.headers.setdefault("cache-control", "no-store")
    return response


class LimitBody:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413 (streamed count)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared_too_big(scope):
            await _send_json(send, 413, {"error": f"request body over the {self.limit} byte limit"})
            return
        seen = 0
        refused = False

        async def limited() -> Message:
            # Count the body as it streams in; past the limit answer 413 ourselves and tell the
            # app the client went away (the framework turns a raised error into a 400).
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    refused = True
                    await _send_json(send, 413, {"error": f"request body over the {self.limit} byte limit"})
                    return {"type": "http.disconnect"}
            return msg

        async def guarded_send(msg: Message) -> None:
            if not refused:  # after a 413 the app's own answer is dropped
                await send(msg)

        try:
            await self.app(scope, limited, guarded_send)
        except Exception:
            if not refused:
                raise

    def _declared_too_big(self, scope: Scope) -> bool:
        """Whether the Content-Length header (when given) is over the limit or not a number."""
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is None:
            return False
        try:
            return int(length) > self.limit
        except ValueError:
            return True


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    raw = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": raw})


def _token_ok(request: Request, expected: str) -> bool:
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth.lower().startswith("bearer ") else None
    given = given or request.headers.get("x-skylog-token") or request.query_params.get("token")
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


def require_read(request: Request) -> None:
    """Dependency of every read endpoint: the read token, when one is configured."""
    expected = config.read_token()
    if expected and not _token_ok(request, expected):
        raise ApiError(401, "a read token is required (Authorization: Bearer TOKEN)")


def require_write(request: Request) -> None:
    """Dependency of every write endpoint: writing is off without a configured API token."""
    expected = config.api_token()
    if not expected:
        raise ApiError(403, "writing is disabled: set SKYLOG_API_TOKEN to enable POST /api/ingest")
    if not _token_ok(request, expected):
        raise ApiError(401, "a valid API token is required (Authorization: Bearer TOKEN)")


def reject_unknown_query(request: Request) -> None:
    """A query parameter the endpoint does not take is an error (``country=UA`` must not be
    silently ignored and answered with everything); the message lists the accepted ones."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    accepted = {"token"}
    todo = [dependant]
    while todo:  # the endpoint's own query parameters and its dependencies'
        d = todo.pop()
        accepted.update(p.alias for p in d.query_params)
        todo.extend(d.dependencies)
    unknown = sorted(k for k in request.query_params if k not in accepted)
    if unknown:
        raise ApiError(
            400,
            f"unknown query parameter(s): {', '.join(repr(k[:40]) for k in unknown[:5])}",
            {"accepted": sorted(accepted - {"token"})},
        )
