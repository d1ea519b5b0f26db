"""What the API serves, assembled from the store's queries.

Kept apart from the HTTP layer so the CLI, exports and tests can use the same
shapes. Incidents come only from the store (``Store.incident_page`` and
``Store.get_incident``, filtered by ``skylog.store.filters``); this module adds
the source texts and the evidence highlights the web page shows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from skylog.records import Report, SourceKind
from skylog.store import Store, aggregates
from skylog.store.filters import BBox, IncidentFilter

MAX_TEXT_CHARS = 200_000  # longer report texts are cut for display (spans past the cut are dropped)
SOURCE_KINDS: dict[str, SourceKind] = {
    "official": "official",
    "media": "media",
    "ngo": "ngo",
    "social": "social",
    "unknown": "unknown",
}


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


def incident_page(
    store: Store,
    *,
    limit: int,
    cursor: str | None = None,
    start: str | None = None,
    end: str | None = None,
    admin1: str | None = None,
    type: str | None = None,  # noqa: A002 - the API's parameter name
    grade: str | None = None,
    bbox: BBox | None = None,
    q: str | None = None,
    since: str | None = None,
) -> dict[str, Any]:
    """One page of incidents with the total of the selection (``/api/incidents``).

    ``since`` keeps incidents updated at or after it; the rest mean what the store's
    incident filter says they mean.
    """
    f = IncidentFilter(
        start=start, end=end, admin1=admin1, type=type, grade=grade, bbox=bbox, q=q, updated_since=since
    )
    page = store.incident_page(f, limit=limit, cursor=cursor)
    items = page["items"]
    return {
        "incidents": with_summary(items),
        "next_cursor": page["next_cursor"],
        "count": len(items),
        "total": page["total"],
    }


def summary(inc: dict[str, Any]) -> dict[str, Any]:
    """The few fields the map, timeline and list need, read the same way as the exports."""
    from skylog.export.incident_fields import coordinates, field, geo_precision, place_of, sources_of, time_of

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


def with_summary(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item with its ``summary`` (what the page's list, map and timeline read)."""
    return [dict(i, summary=summary(i)) for i in items]


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


def incident_detail(store: Store, incident_id: str) -> dict[str, Any] | None:
    """The incident with its source reports' texts and the evidence spans inside them."""
    inc = store.get_incident(incident_id)
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


def _with_registered_source(store: Store, reports: list[dict[str, Any]]) -> None:
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


def registry(store: Store) -> list[dict[str, Any]]:
    """The followed sources (``skylog sources``) with their health."""
    return [s.to_dict() for s in store.sources.list()]


def sources(store: Store) -> list[dict[str, Any]]:
    """Publishers of the stored reports, with the registered source they were polled from."""
    return [
        p | {"first_published": _iso(p["first_published"]), "last_published": _iso(p["last_published"])}
        for p in store.publishers()
    ]


def _iso(v: Any) -> str | None:
    if v is None:
        return None
    return v.isoformat() if isinstance(v, datetime) else str(v)


def status(store: Store) -> dict[str, Any]:
    """Row counts of the tables that matter, and a version hash that changes with them."""
    return store.data_state()


def ingest(
    store: Store,
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
    kind = SOURCE_KINDS.get(source_kind or "")
    if kind is not None:
        report.source_kind = kind
    summary = store.add_reports([report])
    fresh = list(summary.new) + list(summary.updated)
    if fresh:
        summary.merge(reprocess(store, report_ids=fresh))
    return summary.to_dict()


def timeline(
    store: Store,
    *,
    start: str | None = None,
    end: str | None = None,
    admin1: str | None = None,
    type: str | None = None,  # noqa: A002 - the API's parameter name
    grade: str | None = None,
    bbox: BBox | None = None,
) -> dict[str, Any]:
    """Incidents per day (by resolved start, UTC) over the whole store, with the list's filters.

    The page loads at most a few thousand incidents; this keeps its timeline true for all of
    them. Filters mean what they mean for the incident list (start/end bound ``sort_time``).
    """
    f = IncidentFilter(start=start, end=end, admin1=admin1, type=type, grade=grade, bbox=bbox)
    return aggregates.timeline(store, f)
