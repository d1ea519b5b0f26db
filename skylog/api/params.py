"""Request parameters and bodies of the API, validated: a bad value is a 400 naming it.

Shared by the route modules: the store of the app (``get_store``), the page's selection
(``selection``: the filters of ``/api/incidents`` and ``/api/stats/*``), and the posted
bodies of ingest, merge and split.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from fastapi import Query, Request
from pydantic import BaseModel, Field

from skylog.api import data, stats
from skylog.api.errors import ApiError
from skylog.store import Store

MAX_PAGE = 1000


def get_store(request: Request) -> Store:
    """Dependency: the Store the app serves (``create_app`` puts it on ``app.state``)."""
    store: Store = request.app.state.store
    return store


class IngestRequest(BaseModel):
    """A report to ingest: its text, or a URL to fetch (feeds and articles)."""

    text: str | None = Field(None, description="report text (stored exactly; offsets index it)")
    url: str | None = Field(None, description="http(s) URL of an article or feed")
    title: str | None = None
    source: str | None = Field(None, description="who published it (outlet, channel)")
    source_kind: str | None = Field(None, description="official, media, ngo, social or unknown")
    published_at: str | None = Field(None, description="ISO 8601 date or datetime")


class SplitRequest(BaseModel):
    """An analyst's split: every mention of ``report_id`` leaves the incident for a new one."""

    report_id: str = Field(..., max_length=200, description="id of the report to split out")
    reason: str | None = Field(None, max_length=2000, description="why (kept in the incident log)")


class MergeRequest(BaseModel):
    """An analyst's merge: ``other`` is merged into ``incident``."""

    incident: str = Field(..., max_length=64, description="the incident that stays")
    other: str = Field(..., max_length=64, description="the incident merged into it")
    reason: str | None = Field(None, max_length=2000, description="why (kept in the incident log)")


def region(store: Store, value: str | None) -> str | None:
    """admin1 filter as the CLI takes it (code, English/Russian/Ukrainian name or prefix) -> its code."""
    if not value:
        return None
    from skylog.filters import FilterError, known_regions, region_code

    known = known_regions(store)
    try:
        return region_code(value, known)
    except FilterError as exc:
        raise ApiError(400, str(exc).split(";")[0], {"allowed": [c for c, _ in known]}) from None


def parse_day(value: str | None, name: str) -> str | None:
    """An ISO 8601 date (kept) or datetime (as UTC); 400 when it is neither or out of range."""
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        return dt.astimezone(UTC).isoformat()
    except ValueError:
        raise ApiError(400, f"{name}: not an ISO 8601 date or datetime: {value[:40]!r}") from None
    except OverflowError:  # e.g. 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        raise ApiError(400, f"{name}: date out of range: {value[:40]!r}") from None


def check_posted(body: IngestRequest) -> None:
    """Refuse a posted field that could not be stored as given: lone surrogates (not
    Unicode), NUL characters, and a text that is only whitespace (as the CLI refuses it)."""
    for name in ("text", "url", "title", "source", "source_kind", "published_at"):
        value = getattr(body, name)
        if value is None:
            continue
        m = re.search("[\ud800-\udfff]", value)
        if m is not None:
            raise ApiError(400, f"{name}: not valid Unicode (lone surrogate at character {m.start()})")
        if "\x00" in value:
            raise ApiError(400, f"{name}: contains a NUL character")
    if body.text is not None and not body.text.strip():
        raise ApiError(400, "text is empty (only whitespace)")


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` as four numbers in range; 400 otherwise."""
    if not value:
        return None
    parts = value.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
        raise ApiError(400, "bbox must be 'min_lon,min_lat,max_lon,max_lat' (four numbers)") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90) or w > e:
        raise ApiError(400, "bbox out of range: lon in [-180, 180], lat in [-90, 90], min <= max")
    return (w, s, e, n)


def check_type_and_grade(type: str | None, grade: str | None) -> None:  # noqa: A002 - the API's name
    """400 for an event type or a corroboration grade that does not exist, listing those that do."""
    from skylog.records import EVENT_TYPES

    if type is not None and type not in EVENT_TYPES:
        raise ApiError(400, f"unknown type {type[:40]!r}", {"allowed": list(EVENT_TYPES)})
    if grade is not None and grade not in data.grades():
        raise ApiError(400, f"unknown grade {grade[:40]!r}", {"allowed": list(data.grades())})


def day_range(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """``start`` and ``end`` parsed; 400 when the range is empty."""
    s, e = parse_day(start, "start"), parse_day(end, "end")
    if s and e and s[:10] > e[:10]:
        raise ApiError(400, "start is after end")
    return s, e


def make_selection(
    start: str | None,
    end: str | None,
    bbox: str | None,
    admin1: str | None,
    country: str | None,
    type: str | None,  # noqa: A002 - the API's parameter name
    grade: str | None,
    q: str | None,
    dated: bool | None,
) -> stats.Filters:
    """Validated filters of the page's selection (400 on a bad value)."""
    check_type_and_grade(type, grade)
    s, e = day_range(start, end)
    return stats.Filters(
        start=s,
        end=e,
        bbox=parse_bbox(bbox),
        admin1=admin1 or None,
        country=country or None,
        type=type,
        grade=grade,
        q=q or None,
        dated=dated,
    )


def selection(
    start: str | None = Query(None, description="incident time on or after (ISO 8601 date)"),
    end: str | None = Query(None, description="incident time on or before (ISO 8601 date)"),
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
    admin1: str | None = Query(None, max_length=200, description="region name or ISO 3166-2 code"),
    country: str | None = Query(None, max_length=8, description="ISO 3166-1 alpha-2 country code"),
    type: str | None = Query(None, description="event type, e.g. interception"),  # noqa: A002
    grade: str | None = Query(None, description="corroboration grade"),
    q: str | None = Query(None, max_length=500, description="full-text query over report text"),
    dated: bool | None = Query(
        None, description="true: only incidents with a known time; false: only undated"
    ),
) -> stats.Filters:
    """Dependency: the page's selection from the query string."""
    return make_selection(start, end, bbox, admin1, country, type, grade, q, dated)
