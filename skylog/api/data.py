"""What the API serves, assembled from the store and the link queries.

Kept apart from the HTTP layer so the CLI, exports and tests can use the same
shapes. Incidents come only from ``skylog.link.queries``; this module adds the
source texts and the evidence highlights the web page shows.
"""

from __future__ import annotations

import hashlib
import inspect
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from skylog.export.source import get_detail, queries, unpack_page
from skylog.records import Report

MAX_TEXT_CHARS = 200_000  # longer report texts are cut for display (spans past the cut are dropped)
Q_REPORT_LIMIT = 5000  # report hits a full-text incident query considers
SCAN_LIMIT = 20_000  # incidents scanned when a filter must be applied here, not in SQL


def report_header(r: Report) -> dict[str, Any]:
    return {
        "id": r.id,
        "source": r.source,
        "source_kind": r.source_kind,
        "title": r.title,
        "url": r.url,
        "language": r.language,
        "published_at": r.published_at.isoformat() if r.published_at else None,
        "text_length": len(r.text),
        "version": r.version,
        "source_id": r.source_id,
    }


def report_full(r: Report) -> dict[str, Any]:
    out = report_header(r)
    out["author"] = r.author
    out["origin"] = public_origin(r.origin)
    out["fetched_at"] = r.fetched_at.isoformat() if r.fetched_at else None
    out["truncated"] = len(r.text) > MAX_TEXT_CHARS
    out["text"] = r.text[:MAX_TEXT_CHARS]
    return out


def public_origin(origin: str | None) -> str | None:
    """The input a report came from, without the server's directories: a file keeps its name
    (and ``:line`` or ``#message``), a URL and ``api`` stay as they are."""
    if not origin or "://" in origin or origin == "api":
        return origin
    import posixpath
    import re

    m = re.match(r"^(?P<path>.*?)(?P<tail>(?::\d+|#[^/\\]*)?)$", origin)
    path, tail = (m.group("path"), m.group("tail")) if m else (origin, "")
    return posixpath.basename(path.replace("\\", "/")) + tail


def grades() -> tuple[str, ...]:
    from skylog.link.resolve import GRADES

    return tuple(GRADES)


def _accepted(fn: Any, kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(kwargs ``fn`` takes, kwargs it does not) — the rest are applied here."""
    params = inspect.signature(fn).parameters
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return kwargs, {}
    take = {k: v for k, v in kwargs.items() if k in params}
    rest = {k: v for k, v in kwargs.items() if k not in params}
    return take, rest


def incident_report_ids(inc: dict[str, Any]) -> set[str]:
    """Every report id an incident's claims, members or sources point at."""
    ids: set[str] = set()
    for m in inc.get("members") or []:
        if isinstance(m, dict) and m.get("report_id"):
            ids.add(str(m["report_id"]))
    for s in inc.get("sources") or []:
        if isinstance(s, dict):
            ids.update(str(x) for x in s.get("reports") or [])
    for rid in inc.get("report_ids") or []:
        ids.add(str(rid))
    return ids


def _time_key(inc: dict[str, Any]) -> str:
    for k in ("updated_at", "last_seen", "modified_at"):
        if inc.get(k):
            return str(inc[k])
    return ""


def incident_page(store: Any, *, limit: int, cursor: str | None = None, **filters: Any) -> dict[str, Any]:
    """One page of incidents; filters the link query cannot apply are applied here."""
    q = filters.pop("q", None)
    list_incidents = queries().list_incidents
    wanted = {k: v for k, v in filters.items() if v is not None}
    if q:
        hits = store.search(q, limit=Q_REPORT_LIMIT)
        wanted["report_ids"] = sorted({r.id for r, _ in hits})
        if not wanted["report_ids"]:
            return {"incidents": [], "next_cursor": None, "count": 0, "total": 0}
    take, rest = _accepted(list_incidents, wanted)
    if not rest:
        result = list_incidents(store, limit=limit, cursor=cursor, **take)
        items, next_cursor = unpack_page(result)
        total = result.get("total") if isinstance(result, dict) else None
        return {
            "incidents": _with_summary(items),
            "next_cursor": _cursor_str(next_cursor),
            "count": len(items),
            "total": total,
        }
    # Some filters are not in the query's vocabulary: page through and apply them here.
    report_ids = set(rest.pop("report_ids", None) or [])
    incident_ids = _incidents_of_reports(store, report_ids) if report_ids else None
    since = rest.pop("since", None)
    out: list[dict[str, Any]] = []
    scanned = 0
    cur: Any = cursor
    # Whole pages of ``limit`` are filtered, so the next cursor never skips an incident; a page
    # may hold a few more than ``limit`` matches (never more than twice as many).

    def keep(inc: dict[str, Any]) -> bool:
        if report_ids and not (
            (incident_ids and str(inc.get("id")) in incident_ids) or incident_report_ids(inc) & report_ids
        ):
            return False
        return not (since and _time_key(inc) and _time_key(inc) < since)

    while len(out) < limit and scanned < SCAN_LIMIT:
        items, cur = unpack_page(list_incidents(store, limit=limit, cursor=cur, **take))
        for inc in items:
            scanned += 1
            if keep(inc):
                out.append(inc)
        if not cur or not items:
            cur = None
            break
    return {
        "incidents": _with_summary(out),
        "next_cursor": _cursor_str(cur),
        "count": len(out),
        "total": _count_matching(store, list_incidents, take, keep),
    }


def _count_matching(store: Any, list_incidents: Any, take: dict[str, Any], keep: Any) -> int | None:
    """How many incidents match filters applied here (not in SQL): a scan of at most SCAN_LIMIT
    incidents from the first page; None when there are more than that to look at."""
    n = scanned = 0
    cur: Any = None
    while scanned < SCAN_LIMIT:
        items, cur = unpack_page(list_incidents(store, limit=1000, cursor=cur, **take))
        scanned += len(items)
        n += sum(1 for inc in items if keep(inc))
        if not cur or not items:
            return n
    return None


def _incidents_of_reports(store: Any, report_ids: set[str]) -> set[str] | None:
    """Ids of the incidents that have a member mention from one of ``report_ids`` (None: unknown)."""
    try:
        from skylog.store.incident_schema import incident_members
    except ImportError:
        return None
    out: set[str] = set()
    ids = sorted(report_ids)
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            q = select(incident_members.c.incident_id).where(
                incident_members.c.report_id.in_(ids[i : i + 500])
            )
            out.update(str(x) for x in conn.scalars(q))
    return out


def summary(inc: dict[str, Any]) -> dict[str, Any]:
    """The few fields the map, timeline and list need, read the same way as the exports."""
    from skylog.export.rows import coordinates, field, geo_precision, place_of, sources_of, time_of

    start, end, precision = time_of(inc)
    place = place_of(inc)
    coords = coordinates(inc)
    grade = inc.get("grade")
    return {
        "id": inc.get("id"),
        "type": inc.get("type"),
        "grade": grade if isinstance(grade, str) else None,
        "grade_label": inc.get("grade_label"),
        "start": start,
        "end": end,
        "date": start[:10] if start else None,
        "precision": precision,
        "lat": coords[1] if coords else None,
        "lon": coords[0] if coords else None,
        "geo_precision": geo_precision(inc),
        "place": place.get("name") or place.get("mention"),
        "admin1": inc.get("admin1") or place.get("admin1"),
        "country": inc.get("country") or place.get("country"),
        "count": field(inc, "count"),
        "killed": field(inc, "killed"),
        "injured": field(inc, "injured"),
        "n_sources": inc.get("n_sources") or len(sources_of(inc)),
        "conflicts": inc.get("conflicts") or [],
    }


def _with_summary(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(i, summary=summary(i)) for i in items]


def _cursor_str(c: Any) -> str | None:
    if c is None or c == "":
        return None
    return str(c)


def _spans(claim: dict[str, Any]) -> list[tuple[int, int]]:
    out = []
    for s in claim.get("spans") or []:
        try:
            a, b = int(s[0]), int(s[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= a < b:
            out.append((a, b))
    return out


def highlights(inc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Per report id: the evidence spans of every claim, labelled with field, value and claimant."""
    out: dict[str, list[dict[str, Any]]] = {}
    fields = inc.get("fields") if isinstance(inc.get("fields"), dict) else {}
    for name, f in fields.items():
        if not isinstance(f, dict):
            continue
        claims = list(f.get("claims") or [])
        if name == "places":
            for p in f.get("places") or []:
                claims += [c | {"value": c.get("value") or p.get("name")} for c in p.get("claims") or []]
        for c in claims:
            if not isinstance(c, dict) or not c.get("report_id"):
                continue
            value = c.get("value")
            if isinstance(value, dict):
                value = value.get("text") or value.get("start")
            for a, b in _spans(c):
                out.setdefault(str(c["report_id"]), []).append(
                    {
                        "start": a,
                        "end": b,
                        "field": name,
                        "value": value,
                        "claimant": c.get("claimant"),
                        "hedge": c.get("hedge"),
                    }
                )
    for m in inc.get("members") or []:
        if not isinstance(m, dict) or not m.get("report_id"):
            continue
        spans = m.get("spans") or (m.get("event") or m.get("mention") or {}).get("spans") or []
        for a, b in _spans({"spans": spans}):
            out.setdefault(str(m["report_id"]), []).append(
                {
                    "start": a,
                    "end": b,
                    "field": "event",
                    "value": m.get("type"),
                    "claimant": None,
                    "hedge": None,
                }
            )
    for spans in out.values():
        spans.sort(key=lambda h: (h["start"], -h["end"]))
    return out


def incident_detail(store: Any, incident_id: str) -> dict[str, Any] | None:
    """The incident with its source reports' texts and the evidence spans inside them."""
    inc = get_detail(store, incident_id)
    if inc is None:
        return None
    marks = highlights(inc)
    reports: list[dict[str, Any]] = []
    for rid in sorted(incident_report_ids(inc) | set(marks)):
        r = store.get_report(rid)
        if r is None:
            continue
        full = report_full(r)
        n = len(full["text"])
        full["highlights"] = [h for h in marks.get(rid, []) if h["end"] <= n]
        reports.append(full)
    reports.sort(key=lambda r: (r["published_at"] or "", r["id"]))
    _with_registered_source(store, reports)
    out = dict(inc)
    out["summary"] = summary(inc)
    out["reports"] = reports
    return out


def _with_registered_source(store: Any, reports: list[dict[str, Any]]) -> None:
    """Adds ``registered_source`` (name, kind, office, URL) to reports polled from a followed source."""
    ids = [r["source_id"] for r in reports if r.get("source_id") is not None]
    if not ids:
        return
    known = store.sources.by_ids(ids)
    for r in reports:
        src = known.get(r.get("source_id"))
        if src is not None:
            r["registered_source"] = {
                "id": src.id,
                "name": src.name,
                "kind": src.kind,
                "country": src.country,
                "official_of": src.official_of,
                "url": src.url,
            }


def registry(store: Any) -> list[dict[str, Any]]:
    """The followed sources (``skylog sources``) with their health."""
    return [s.to_dict() for s in store.sources.list()]


def sources(store: Any) -> list[dict[str, Any]]:
    """Publishers of the stored reports, with the registered source they were polled from."""
    from skylog.store.schema import reports

    q = (
        select(
            reports.c.source,
            reports.c.source_kind,
            func.count().label("n"),
            func.min(reports.c.published_at).label("first"),
            func.max(reports.c.published_at).label("last"),
            func.max(reports.c.source_id).label("source_id"),
        )
        .where(reports.c.superseded_by.is_(None))
        .group_by(reports.c.source, reports.c.source_kind)
        .order_by(func.count().desc(), reports.c.source)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    return [
        {
            "name": r.source,
            "kind": r.source_kind,
            "reports": int(r.n),
            "first_published": _iso(r.first),
            "last_published": _iso(r.last),
            "source_id": r.source_id,
        }
        for r in rows
    ]


def _iso(v: Any) -> str | None:
    if v is None:
        return None
    return v.isoformat() if isinstance(v, datetime) else str(v)


def status(store: Any) -> dict[str, Any]:
    """Row counts of the tables that matter, and a version hash that changes with them."""
    from skylog.store.schema import metadata

    try:
        import skylog.store.incident_schema  # noqa: F401  (defines the link tables on metadata)
    except ImportError:
        pass
    counts: dict[str, int] = {}
    marks: list[str] = []
    with store.engine.connect() as conn:
        for name in ("reports", "event_mentions", "incidents", "incident_members", "incident_log"):
            table = metadata.tables.get(name)
            if table is None:
                continue
            try:
                n = int(conn.scalar(select(func.count()).select_from(table)) or 0)
            except Exception:  # table defined but not migrated yet
                continue
            counts[name] = n
            marks.append(f"{name}={n}")
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and pk[0].type.python_type is int:
                try:
                    marks.append(str(conn.scalar(select(func.max(pk[0])))))
                except Exception:
                    pass
    version = hashlib.sha1("|".join(marks).encode()).hexdigest()[:16]
    return {"counts": counts, "version": version}


def ingest(
    store: Any,
    *,
    text: str | None,
    url: str | None,
    title: str | None = None,
    source: str | None = None,
    source_kind: str | None = None,
    published_at: datetime | None = None,
    allow_private: bool = False,
    parsed: dict[str, list[Any]] | None = None,
) -> dict[str, Any]:
    """Ingest a posted text (stored exactly, then extracted and linked) or a URL (run_ingest;
    ``parsed``: what the URL gave when it was fetched already)."""
    from skylog.pipeline import reprocess, run_ingest

    if url:
        return run_ingest([url], store, allow_private=allow_private, parsed=parsed).to_dict()
    from skylog.ingest.common import make_report

    report = make_report(text or "", source=source, title=title, published_at=published_at, origin="api")
    if source_kind in ("official", "media", "ngo", "social", "unknown"):
        report.source_kind = source_kind  # type: ignore[assignment]
    summary = store.add_reports([report])
    fresh = list(summary.new) + list(summary.updated)
    if fresh:
        summary.merge(reprocess(store, report_ids=fresh))
    return summary.to_dict()


def timeline(
    store: Any,
    *,
    start: str | None = None,
    end: str | None = None,
    admin1: str | None = None,
    type: str | None = None,  # noqa: A002 - the API's parameter name
    grade: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> dict[str, Any]:
    """Incidents per day (by resolved start, UTC) over the whole store, with the list's filters.

    The page loads at most a few thousand incidents; this keeps its timeline true for all of
    them. Filters mean what they mean for ``list_incidents`` (start/end bound ``sort_time``).
    """
    from sqlalchemy import and_, or_

    from skylog.link.features import parse_time
    from skylog.store.incident_schema import incidents as t

    conds = [t.c.start.is_not(None)]
    s, e = parse_time(start), parse_time(end)
    if s is not None:
        conds.append(t.c.sort_time >= s)
    if e is not None:
        if end and len(end) == 10:
            e = e.replace(hour=23, minute=59, second=59, microsecond=999999)
        conds.append(t.c.sort_time <= e)
    if admin1:
        conds.append(
            or_(func.lower(t.c.admin1_code) == admin1.lower(), func.lower(t.c.admin1) == admin1.lower())
        )
    if type:
        conds.append(t.c.type == type)
    if grade:
        conds.append(t.c.grade == grade)
    if bbox is not None:
        x0, y0, x1, y1 = bbox
        conds.append(and_(t.c.lon >= x0, t.c.lon <= x1, t.c.lat >= y0, t.c.lat <= y1))
    if store.engine.dialect.name == "postgresql":
        day = func.to_char(func.timezone("UTC", t.c.start), "YYYY-MM-DD")
    else:
        day = func.substr(t.c.start, 1, 10)  # SQLite keeps UTC 'YYYY-MM-DD HH:MM:SS'
    q = select(day.label("day"), func.count().label("n")).where(*conds).group_by(day).order_by(day)
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    days = [{"day": str(r.day), "count": int(r.n)} for r in rows]
    return {"days": days, "total": sum(d["count"] for d in days)}
