"""Server-side aggregation for the web page: one set of filters, many views of the selection.

The page never holds a 100,000-incident store: the list pages through it, and
the map clusters, the per-day chart, the per-region table, the totals and the
downloads are all computed here in SQL from the *same* filter conditions, so
every view shows the same selection. The filters mean what they mean for
``/api/incidents`` (``skylog.link.queries.list_incidents``): ``start``/``end``
bound ``sort_time``, ``admin1`` matches a code or a name, ``bbox`` bounds the
incident's point; ``q`` keeps incidents with a member report that matches the
full-text query; ``dated`` keeps incidents with (true) or without (false) a
resolved time.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, false, func, or_, select

Q_REPORT_LIMIT = 5000  # report hits a full-text filter considers (as /api/incidents)
POINT_LIMIT = 4000  # at most this many incidents in view: send points, else grid cells
EXPORT_PAGE = 1000
CACHE_SIZE = 64  # aggregates kept per process (each a few KB)
CACHE_TTL_S = 60.0  # and for at most this long, whatever the store's version says


@dataclass
class Filters:
    """The page's selection: every field optional; ``None`` means no constraint."""

    start: str | None = None
    end: str | None = None
    admin1: str | None = None
    country: str | None = None
    type: str | None = None
    grade: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    dated: bool | None = None


_cache: OrderedDict[tuple[Any, ...], tuple[float, Any]] = OrderedDict()
_cache_lock = threading.Lock()


def cached(store: Any, name: str, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered for the same store, data version and ``key``.

    Every aggregate is a scan of the incidents table; most page loads ask for the same
    selection (the default view, a shared link). The key includes the store's data version
    (``/api/status``'s, which changes with every new report, mention, incident or link action),
    so an answer is never reused once the data changed.
    """
    from skylog.api.data import status

    token = getattr(store, "_stats_cache_token", None)
    if token is None:
        try:
            token = store._stats_cache_token = object()  # this store object, never a later one at its address
        except AttributeError:
            return compute()
    full = (token, name, status(store)["version"], key)
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(full)
        if hit is not None and now - hit[0] < CACHE_TTL_S:
            _cache.move_to_end(full)
            return hit[1]
    value = compute()
    with _cache_lock:
        _cache[full] = (now, value)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def _table() -> Any:
    from skylog.store.incident_schema import incidents

    return incidents


def conditions(store: Any, f: Filters) -> list[Any]:
    """SQL conditions on the incidents table for ``f`` (the same as the list query's)."""
    from skylog.link.features import parse_time

    t = _table()
    conds: list[Any] = []
    s, e = parse_time(f.start), parse_time(f.end)
    if f.start and s is None or f.end and e is None:
        raise ValueError("start/end must be ISO 8601 dates or datetimes")
    if s is not None:
        conds.append(t.c.sort_time >= s)
    if e is not None:
        if f.end and len(f.end) == 10:  # a date: include that whole day
            e = e.replace(hour=23, minute=59, second=59, microsecond=999999)
        conds.append(t.c.sort_time <= e)
    if f.admin1:
        a = f.admin1.lower()
        conds.append(or_(func.lower(t.c.admin1_code) == a, func.lower(t.c.admin1) == a))
    if f.country:
        conds.append(func.upper(t.c.country) == f.country.upper())
    if f.type:
        conds.append(t.c.type == f.type)
    if f.grade:
        conds.append(t.c.grade == f.grade)
    if f.bbox is not None:
        x0, y0, x1, y1 = f.bbox
        conds.append(and_(t.c.lon >= x0, t.c.lon <= x1, t.c.lat >= y0, t.c.lat <= y1))
    if f.dated is True:
        conds.append(t.c.start.is_not(None))
    elif f.dated is False:
        conds.append(t.c.start.is_(None))
    if f.q:
        ids = _incidents_matching(store, f.q)
        conds.append(t.c.id.in_(sorted(ids)) if ids else false())
    return conds


def _incidents_matching(store: Any, q: str) -> set[str]:
    from skylog.api.data import _incidents_of_reports

    report_ids = {r.id for r, _ in store.search(q, limit=Q_REPORT_LIMIT)}
    if not report_ids:
        return set()
    return _incidents_of_reports(store, report_ids) or set()


# ---- list -----------------------------------------------------------------------------------


def incident_page(store: Any, f: Filters, *, limit: int, cursor: str | None = None) -> dict[str, Any]:
    """One page of incidents, newest first, in the shape of ``/api/incidents``.

    No total is counted: that is a scan of the whole table, and ``overview`` has it.
    """
    from skylog.api.data import _with_summary
    from skylog.link.queries import decode_cursor, encode_cursor, summary

    t = _table()
    conds = conditions(store, f)
    page = list(conds)
    if cursor:
        ct, cid = decode_cursor(cursor)
        page.append(or_(t.c.sort_time < ct, and_(t.c.sort_time == ct, t.c.id < cid)))
    q = select(t).where(*page).order_by(t.c.sort_time.desc(), t.c.id.desc()).limit(limit + 1)
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(rows[-1].sort_time, rows[-1].id) if more and rows else None
    items = [summary(r) for r in rows]
    return {"incidents": _with_summary(items), "next_cursor": nxt, "count": len(items)}


# ---- charts and tables ----------------------------------------------------------------------


def _day_expr(store: Any) -> Any:
    t = _table()
    if store.engine.dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", t.c.start), "YYYY-MM-DD")
    return func.substr(t.c.start, 1, 10)  # SQLite keeps UTC 'YYYY-MM-DD HH:MM:SS'


def overview(store: Any, f: Filters) -> dict[str, Any]:
    """Everything the page sums over the selection, in two grouped scans.

    ``days`` (per day of the resolved start, by type) and ``undated``; ``regions`` (per
    first-level region: incidents, intercepted, count, killed, injured, undated, region-level)
    and ``totals``; ``areas`` (region- or country-level incidents per area) and ``unlocated``;
    ``bounds`` [south, west, north, east] of the incidents drawn as points. Each incident row
    carries its claims, so scans are what costs: one per grouping, not one per number.
    """
    t = _table()
    conds = conditions(store, f)
    day = _day_expr(store)
    is_area = t.c.geo_precision == 3
    no_place = and_(t.c.lat.is_(None), t.c.admin1_code.is_(None))
    is_point = and_(
        t.c.lat.is_not(None), t.c.lon.is_not(None), or_(t.c.geo_precision.is_(None), t.c.geo_precision < 3)
    )
    kind = case((is_area, "area"), (no_place, "none"), (is_point, "point"), else_="other")
    per_day = (
        select(day.label("day"), t.c.type, func.count().label("n")).where(*conds).group_by(day, t.c.type)
    )
    per_area = (
        select(
            t.c.country,
            t.c.admin1_code,
            kind.label("kind"),
            func.max(t.c.admin1).label("admin1"),
            func.count().label("n"),
            func.coalesce(func.sum(t.c.count), 0).label("count"),
            func.coalesce(func.sum(case((t.c.type == "interception", t.c.count), else_=0)), 0).label(
                "intercepted"
            ),
            func.coalesce(func.sum(t.c.killed), 0).label("killed"),
            func.coalesce(func.sum(t.c.injured), 0).label("injured"),
            func.sum(case((t.c.start.is_(None), 1), else_=0)).label("undated"),
            func.min(t.c.lat).label("s"),
            func.min(t.c.lon).label("w"),
            func.max(t.c.lat).label("n_"),
            func.max(t.c.lon).label("e"),
        )
        .where(*conds)
        .group_by(t.c.country, t.c.admin1_code, kind)
    )
    with store.engine.connect() as conn:
        day_rows = conn.execute(per_day).all()
        area_rows = conn.execute(per_area).all()
    days: dict[str, dict[str, Any]] = {}
    undated = 0
    for r in day_rows:
        if r.day is None:
            undated += int(r.n)
            continue
        d = days.setdefault(str(r.day), {"day": str(r.day), "total": 0, "by_type": {}})
        d["by_type"][r.type] = int(r.n)
        d["total"] += int(r.n)
    regs: dict[tuple[Any, Any], dict[str, Any]] = {}
    areas: list[dict[str, Any]] = []
    unlocated = 0
    bounds: list[float] | None = None
    for r in area_rows:
        n = int(r.n)
        g = regs.setdefault(
            (r.country, r.admin1_code),
            {
                "country": r.country,
                "admin1_code": r.admin1_code,
                "admin1": None,
                "incidents": 0,
                "intercepted": 0,
                "count": 0,
                "killed": 0,
                "injured": 0,
                "undated": 0,
                "region_level": 0,
            },
        )
        g["admin1"] = g["admin1"] or r.admin1
        for k in ("count", "intercepted", "killed", "injured", "undated"):
            g[k] += int(getattr(r, k) or 0)
        g["incidents"] += n
        if r.kind == "area":
            g["region_level"] += n
            level = "region" if r.admin1_code or r.admin1 else "country"
            areas.append(
                {
                    "country": r.country,
                    "admin1_code": r.admin1_code,
                    "admin1": r.admin1,
                    "level": level,
                    "count": n,
                }
            )
        elif r.kind == "none":
            unlocated += n
        elif r.kind == "point" and r.s is not None:
            box = [float(r.s), float(r.w), float(r.n_), float(r.e)]
            if bounds is not None:
                box = [
                    min(bounds[0], box[0]),
                    min(bounds[1], box[1]),
                    max(bounds[2], box[2]),
                    max(bounds[3], box[3]),
                ]
            bounds = box
    regions = sorted(
        regs.values(), key=lambda g: (-g["incidents"], g["country"] or "", g["admin1_code"] or "")
    )
    keys = ("incidents", "intercepted", "count", "killed", "injured", "undated")
    day_list = [days[k] for k in sorted(days)]
    return {
        "days": day_list,
        "dated": sum(d["total"] for d in day_list),
        "undated": undated,
        "regions": regions,
        "totals": {k: sum(g[k] for g in regions) for k in keys},
        "areas": sorted(areas, key=lambda a: -a["count"]),
        "unlocated": unlocated,
        "bounds": [round(v, 4) for v in bounds] if bounds else None,
    }


# ---- map ------------------------------------------------------------------------------------


def cell_size(zoom: int) -> float:
    """Grid cell in degrees for map clusters at ``zoom`` (about 60 screen pixels)."""
    return 360.0 / (2 ** max(0, min(zoom, 22))) * 60 / 256


def map_layer(
    store: Any,
    f: Filters,
    *,
    zoom: int,
    view: tuple[float, float, float, float] | None,
    parts: tuple[str, ...] = ("markers", "areas"),
) -> dict[str, Any]:
    """What the map draws for the selection inside ``view``; ``parts`` picks what to compute.

    - ``markers``: every settlement- or district-level incident (geo precision 1-2) in view as
      ``points`` ``[id, lat, lon, type, precision]`` when there are at most ``POINT_LIMIT``;
      otherwise ``cells``: ``[lat, lon, n, id_or_null]`` grid clusters (mean position), finer
      as ``zoom`` grows. ``in_view`` is how many there are.
    - ``areas``: region-level incidents (precision 3) per region and country-level ones per
      country, never drawn as a point (their point is only the area's centre); ``unlocated``
      counts those with no place at all. They do not depend on the view.
    - ``bounds``: [south, west, north, east] of the selection's points, to fit the first view.
    """
    t = _table()
    conds = conditions(store, f)
    pointish = and_(
        t.c.lat.is_not(None), t.c.lon.is_not(None), or_(t.c.geo_precision.is_(None), t.c.geo_precision < 3)
    )
    in_view = [pointish]
    if view is not None:
        x0, y0, x1, y1 = view
        in_view.append(and_(t.c.lon >= x0, t.c.lon <= x1, t.c.lat >= y0, t.c.lat <= y1))
    out: dict[str, Any] = {"zoom": zoom}
    with store.engine.connect() as conn:
        if "bounds" in parts:
            b = conn.execute(
                select(func.min(t.c.lat), func.min(t.c.lon), func.max(t.c.lat), func.max(t.c.lon)).where(
                    *conds, pointish
                )
            ).first()
            out["bounds"] = [round(float(v), 4) for v in b] if b is not None and b[0] is not None else None
        if "markers" in parts:
            # one grouped pass gives the cells and their total; points only when few enough
            size = cell_size(zoom)
            gx, gy = func.floor(t.c.lon / size), func.floor(t.c.lat / size)
            rows = conn.execute(
                select(
                    func.avg(t.c.lat).label("lat"),
                    func.avg(t.c.lon).label("lon"),
                    func.count().label("n"),
                    func.min(t.c.id).label("one"),
                )
                .where(*conds, *in_view)
                .group_by(gx, gy)
            ).all()
            n = sum(int(r.n) for r in rows)
            out["in_view"] = n
            if n <= POINT_LIMIT:
                pts = conn.execute(
                    select(t.c.id, t.c.lat, t.c.lon, t.c.type, t.c.geo_precision).where(*conds, *in_view)
                ).all()
                out["points"] = [
                    [r.id, round(r.lat, 5), round(r.lon, 5), r.type, r.geo_precision] for r in pts
                ]
            else:
                out["cells"] = [
                    [round(r.lat, 4), round(r.lon, 4), int(r.n), r.one if int(r.n) == 1 else None]
                    for r in rows
                ]
        if "areas" in parts:
            no_place = and_(
                t.c.lat.is_(None),
                t.c.admin1_code.is_(None),
                or_(t.c.geo_precision.is_(None), t.c.geo_precision != 3),
            )
            rows = conn.execute(
                select(
                    t.c.country,
                    t.c.admin1_code,
                    func.max(t.c.admin1).label("admin1"),
                    func.sum(case((t.c.geo_precision == 3, 1), else_=0)).label("n"),
                    func.sum(case((no_place, 1), else_=0)).label("none"),
                )
                .where(*conds, or_(t.c.geo_precision == 3, no_place))
                .group_by(t.c.country, t.c.admin1_code)
                .order_by(func.count().desc())
            ).all()
            out["areas"] = [
                {
                    "country": r.country,
                    "admin1_code": r.admin1_code,
                    "admin1": r.admin1,
                    "level": "region" if r.admin1_code or r.admin1 else "country",
                    "count": int(r.n or 0),
                }
                for r in rows
                if r.n
            ]
            out["unlocated"] = sum(int(r.none or 0) for r in rows)
    return out


# ---- downloads ------------------------------------------------------------------------------


def iter_selection(store: Any, f: Filters) -> Iterator[dict[str, Any]]:
    """Every incident of the selection with its fields and sources, newest first, page by page."""
    from skylog.export.source import _attach_fields

    cursor = None
    while True:
        page = incident_page(store, f, limit=EXPORT_PAGE, cursor=cursor)
        items = [{k: v for k, v in i.items() if k != "summary"} for i in page["incidents"]]
        yield from _attach_fields(store, items)
        cursor = page["next_cursor"]
        if not cursor or not items:
            return


def csv_stream(incidents: Iterator[dict[str, Any]]) -> Iterator[str]:
    """ACLED-style CSV (``skylog.export``'s columns and rows), spreadsheet-safe, in chunks."""
    from skylog.export.rows import CSV_COLUMNS, flat_row
    from skylog.export.writers import spreadsheet_safe

    ts = int(datetime.now(UTC).timestamp())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for i, inc in enumerate(incidents, 1):
        row = flat_row(inc, timestamp=ts)
        w.writerow({k: spreadsheet_safe("" if v is None else v) for k, v in row.items()})
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def geojson_stream(incidents: Iterator[dict[str, Any]]) -> Iterator[str]:
    """One GeoJSON FeatureCollection (``skylog.export``'s features), feature by feature."""
    from skylog.export.writers import _json_default, feature

    ts = int(datetime.now(UTC).timestamp())
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for inc in incidents:
        text = json.dumps(feature(inc, timestamp=ts), ensure_ascii=False, default=_json_default)
        yield text if first else ",\n" + text
        first = False
    yield "\n]}\n"
