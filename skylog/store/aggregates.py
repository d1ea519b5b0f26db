"""Aggregates over a selection of incidents: per day, per region, map points and clusters.

The web page never holds a 100,000-incident store: the map clusters, the per-day
chart, the per-region table and the totals are computed here in SQL from the
*same* filter conditions (``skylog.store.filters``), so every view shows the same
selection. Each incident row carries its claims, so scans are what costs: one per
grouping, not one per number.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from skylog.store.filters import BBox, IncidentFilter, in_box
from skylog.store.incident_schema import incidents
from skylog.store.incidents import IncidentStore

POINT_LIMIT = 4000  # at most this many incidents in view: send points, else grid cells


def day_of_start(dialect: str) -> ColumnElement[str]:
    """The UTC day (YYYY-MM-DD) of an incident's resolved start, in ``dialect``'s SQL."""
    t = incidents
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", t.c.start), "YYYY-MM-DD")
    return func.substr(t.c.start, 1, 10)  # SQLite keeps UTC 'YYYY-MM-DD HH:MM:SS'


def overview(store: IncidentStore, f: IncidentFilter) -> dict[str, Any]:
    """Everything the page sums over the selection, in two grouped scans.

    ``days`` (per day of the resolved start, by type) and ``undated``; ``regions`` (per
    first-level region: incidents, intercepted, count, killed, injured, undated, region-level)
    and ``totals``; ``areas`` (region- or country-level incidents per area) and ``unlocated``;
    ``bounds`` [south, west, north, east] of the incidents drawn as points. Each incident row
    carries its claims, so scans are what costs: one per grouping, not one per number.
    """
    t = incidents
    conds = store.incident_conditions(f)
    day = day_of_start(store.dialect)
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
    store: IncidentStore,
    f: IncidentFilter,
    *,
    zoom: int,
    view: BBox | None,
    parts: tuple[str, ...] = ("markers", "areas"),
    point_limit: int = POINT_LIMIT,
) -> dict[str, Any]:
    """What the map draws for the selection inside ``view``; ``parts`` picks what to compute.

    - ``markers``: every settlement- or district-level incident (geo precision 1-2) in view as
      ``points`` ``[id, lat, lon, type, precision]`` when there are at most ``point_limit``;
      otherwise ``cells``: ``[lat, lon, n, id_or_null]`` grid clusters (mean position), finer
      as ``zoom`` grows. ``in_view`` is how many there are.
    - ``areas``: region-level incidents (precision 3) per region and country-level ones per
      country, never drawn as a point (their point is only the area's centre); ``unlocated``
      counts those with no place at all. They do not depend on the view.
    - ``bounds``: [south, west, north, east] of the selection's points, to fit the first view.
    """
    t = incidents
    conds = store.incident_conditions(f)
    pointish = and_(
        t.c.lat.is_not(None), t.c.lon.is_not(None), or_(t.c.geo_precision.is_(None), t.c.geo_precision < 3)
    )
    in_view = [pointish]
    if view is not None:
        in_view.append(in_box(view))
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
            if n <= point_limit:
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


def timeline(store: IncidentStore, f: IncidentFilter) -> dict[str, Any]:
    """Dated incidents per day (by resolved start, UTC) over the whole selection."""
    t = incidents
    conds = [*store.incident_conditions(f), t.c.start.is_not(None)]
    day = day_of_start(store.dialect)
    q = select(day.label("day"), func.count().label("n")).where(*conds).group_by(day).order_by(day)
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    days = [{"day": str(r.day), "count": int(r.n)} for r in rows]
    return {"days": days, "total": sum(d["count"] for d in days)}
