"""Write endpoints: ingest a posted report or URL, and an analyst's merge and split.

All need ``SKYLOG_API_TOKEN``; writes go one at a time through the app's ingest lock,
and the network read of a posted URL happens before it (bounded by its deadline), so
a slow server never holds other writers up.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request

from skylog.api import data, models
from skylog.api.errors import ApiError
from skylog.api.params import IngestRequest, MergeRequest, SplitRequest, check_posted, get_store
from skylog.api.security import reject_unknown_query, require_write
from skylog.store import Store

router = APIRouter(dependencies=[Depends(require_write)])


def _published(value: str | None) -> datetime | None:
    """The posted ``published_at``, parsed; 400 when it is not a date or out of range."""
    if not value:
        return None
    from skylog.ingest.common import parse_datetime

    try:
        published = parse_datetime(value)
        if published is not None:
            published.astimezone(UTC)
    except ValueError as exc:
        raise ApiError(400, f"published_at: {exc}") from None
    except OverflowError:
        raise ApiError(400, f"published_at: date out of range: {value[:40]!r}") from None
    return published


def _check_ingest_request(body: IngestRequest) -> None:
    if (body.text is not None) == bool(body.url):
        raise ApiError(400, "give exactly one of 'text' or 'url'")
    check_posted(body)
    if body.url and not body.url.lower().startswith(("http://", "https://")):
        raise ApiError(400, "url must be http:// or https://")


@router.post(
    "/api/ingest",
    dependencies=[Depends(reject_unknown_query)],
    tags=["ingest"],
    status_code=201,
    response_model=models.IngestSummary,
    responses=models.ERRORS | {403: {"model": models.ErrorBody, "description": "writing is disabled"}},
)
def ingest(body: IngestRequest, request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Ingest one report text or URL, extract and link it; returns the ingest summary."""
    _check_ingest_request(body)
    published = _published(body.published_at)
    allow_private = request.app.state.allow_private_urls
    parsed = None
    if body.url:  # the network read happens outside the write lock (bounded by its deadline)
        from skylog.ingest import IngestOptions, ingest_input

        parsed = {body.url: list(ingest_input(body.url, IngestOptions(allow_private=allow_private)))}
    with request.app.state.ingest_lock:
        summary = data.ingest(
            store,
            text=body.text,
            url=body.url,
            title=body.title,
            source=body.source,
            source_kind=body.source_kind,
            published_at=published,
            allow_private=allow_private,
            parsed=parsed,
        )
    if summary.get("failed") and not (summary.get("new") or summary.get("duplicate")):
        raise ApiError(422, "nothing could be ingested", summary)
    return summary


def _override_error(exc: ValueError) -> ApiError:
    return ApiError(404 if str(exc).startswith("no incident") else 400, str(exc)[:300])


@router.post("/api/incidents/merge", tags=["incidents"])
def merge_incidents(
    body: MergeRequest, request: Request, store: Store = Depends(get_store)
) -> dict[str, Any]:
    """Merge one incident into another (an analyst's correction, logged and kept by later runs)."""
    from skylog.store.linking import merge_incidents as merge

    with request.app.state.ingest_lock:
        try:
            kept = merge(store, body.incident, body.other, reason=body.reason)
        except ValueError as exc:
            raise _override_error(exc) from None
    return {"incident": kept, "merged": body.other, "detail": data.incident_detail(store, kept)}


@router.post("/api/incidents/{incident_id}/split", tags=["incidents"])
def split_incident(
    incident_id: str, body: SplitRequest, request: Request, store: Store = Depends(get_store)
) -> dict[str, Any]:
    """Split one report out of an incident into a new one (logged, kept by later runs)."""
    from skylog.store.linking import split_incident as split

    with request.app.state.ingest_lock:
        try:
            new_id = split(store, incident_id, report_id=body.report_id, reason=body.reason)
        except ValueError as exc:
            raise _override_error(exc) from None
    return {"incident": incident_id, "new_incident": new_id, "report_id": body.report_id}
