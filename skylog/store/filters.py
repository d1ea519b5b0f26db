"""The incident filter: one selection, one WHERE clause, used by every reader of incidents.

The CLI's list, the API's list, the web page's statistics, map and downloads, the
timeline and the exports all build their conditions here, so a filter means the
same thing wherever it is given (it used to be copied, and the copies drifted).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, func, or_

from skylog.records import iso_time
from skylog.store.incident_schema import incidents

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class IncidentFilter:
    """A selection of incidents; every field optional, ``None`` (or "") means no constraint.

    ``start``/``end`` bound ``sort_time`` (the resolved start, else the first report; a
    date-only ``end`` includes that whole day); ``admin1`` matches an ISO 3166-2 code or a
    region name, case-insensitive; ``country`` an ISO 3166-1 code; ``bbox`` is (min_lon,
    min_lat, max_lon, max_lat) around the incident's point; ``q`` keeps incidents with a
    member report that matches the full-text query; ``dated`` keeps incidents with (true)
    or without (false) a resolved time; ``updated_since`` bounds ``updated_at``.
    """

    start: datetime | str | None = None
    end: datetime | str | None = None
    admin1: str | None = None
    country: str | None = None
    type: str | None = None
    grade: str | None = None
    bbox: BBox | None = None
    q: str | None = None
    dated: bool | None = None
    updated_since: datetime | str | None = None


def _time(value: datetime | str | None, name: str) -> datetime | None:
    if value is None or value == "":
        return None
    t = iso_time(value)
    if t is None:
        raise ValueError(f"{name} must be an ISO 8601 date or datetime")
    return t


def _end_of(value: datetime | str) -> datetime | None:
    e = _time(value, "start/end")
    if e is not None and isinstance(value, str) and len(value) == 10:  # a date: that whole day
        e = e.replace(hour=23, minute=59, second=59, microsecond=999999)
    return e


def _window(f: IncidentFilter) -> list[ColumnElement[bool]]:
    t = incidents
    try:
        s = _time(f.start, "start")
        e = _end_of(f.end) if f.end not in (None, "") else None
    except ValueError:
        raise ValueError("start/end must be ISO 8601 dates or datetimes") from None
    conds: list[ColumnElement[bool]] = []
    if s is not None:
        conds.append(t.c.sort_time >= s)
    if e is not None:
        conds.append(t.c.sort_time <= e)
    since = _time(f.updated_since, "since")
    if since is not None:
        conds.append(t.c.updated_at >= since)
    if f.dated is True:
        conds.append(t.c.start.is_not(None))
    elif f.dated is False:
        conds.append(t.c.start.is_(None))
    return conds


def in_box(box: BBox) -> ColumnElement[bool]:
    """The incident's point lies inside ``box`` (min_lon, min_lat, max_lon, max_lat)."""
    t = incidents
    x0, y0, x1, y1 = (float(v) for v in box)
    return and_(t.c.lon >= x0, t.c.lon <= x1, t.c.lat >= y0, t.c.lat <= y1)


def _place(f: IncidentFilter) -> list[ColumnElement[bool]]:
    t = incidents
    conds: list[ColumnElement[bool]] = []
    if f.admin1:
        a = f.admin1.lower()
        conds.append(or_(func.lower(t.c.admin1_code) == a, func.lower(t.c.admin1) == a))
    if f.country:
        conds.append(func.upper(t.c.country) == f.country.upper())
    if f.bbox is not None:
        conds.append(in_box(f.bbox))
    return conds


def incident_conditions(
    f: IncidentFilter, matching_query: Collection[str] | None = None
) -> list[ColumnElement[bool]]:
    """SQL conditions on the incidents table for ``f``; ValueError on a malformed time.

    ``matching_query``: ids of the incidents whose reports match ``f.q`` (the caller runs
    the full-text search, which needs the store); ignored when ``f.q`` is empty.
    """
    t = incidents
    conds = _window(f) + _place(f)
    if f.type:
        conds.append(t.c.type == f.type)
    if f.grade:
        conds.append(t.c.grade == f.grade)
    if f.q:
        ids = sorted(matching_query or ())
        conds.append(t.c.id.in_(ids) if ids else false())
    return conds
