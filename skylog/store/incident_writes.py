"""The incident tables as linking reads and writes them: members, rows, log, overrides, relations.

``skylog.link`` computes incidents in memory and knows no tables; this module is
the SQL that restores what linking needs from the database and stores what it
decided (``skylog.store.linking`` runs the two together). Every function takes an
open connection, so one run's writes share one transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from skylog.link.features import MentionRecord
from skylog.link.linker import Incident, Linker, LogEntry
from skylog.link.resolve import resolve
from skylog.records import iso_time
from skylog.store.incident_schema import (
    incident_log,
    incident_members,
    incident_related,
    incidents,
    link_overrides,
)
from skylog.store.mentions import whole_number
from skylog.store.reports import CHUNK, chunks
from skylog.store.schema import reports

Override = tuple[str, str, str]
"""An analyst's override as (kind "cannot" | "must", report a, report b)."""


@dataclass(frozen=True)
class Member:
    """One stored membership: the incident a mention belongs to, its report and link score."""

    incident_id: str
    report_id: str
    score: float | None


def memberships(conn: Connection) -> dict[int, Member]:
    """Mention id -> its stored membership, for every linked mention."""
    q = select(
        incident_members.c.mention_id,
        incident_members.c.incident_id,
        incident_members.c.report_id,
        incident_members.c.score,
    )
    return {int(m): Member(iid, rid, score) for m, iid, rid, score in conn.execute(q)}


def members_of(conn: Connection, incident_ids: Collection[str]) -> dict[str, set[int]]:
    """Incident id -> ids of its member mentions, for these incidents."""
    out: dict[str, set[int]] = {}
    q = select(incident_members.c.mention_id, incident_members.c.incident_id).where(
        incident_members.c.incident_id.in_(list(incident_ids))
    )
    for m, iid in conn.execute(q):
        out.setdefault(iid, set()).add(int(m))
    return out


def member_reports(conn: Connection, incident_id: str) -> dict[int, str]:
    """Mention id -> report id of one incident's members (empty when there is no such incident)."""
    q = select(incident_members.c.mention_id, incident_members.c.report_id).where(
        incident_members.c.incident_id == incident_id
    )
    return {int(m): r for m, r in conn.execute(q)}


def ordinals(conn: Connection) -> dict[str, int]:
    """Incident id -> creation order, for every stored incident."""
    return {i: int(o) for i, o in conn.execute(select(incidents.c.id, incidents.c.ordinal))}


def incidents_between(conn: Connection, lo: datetime, hi: datetime) -> set[str]:
    """Ids of the incidents whose ``sort_time`` lies in [lo, hi]."""
    q = select(incidents.c.id).where(incidents.c.sort_time >= lo, incidents.c.sort_time <= hi)
    return set(conn.scalars(q))


def count_incidents(conn: Connection) -> int:
    return len(conn.execute(select(incidents.c.id)).all())


def _latest_versions(conn: Connection) -> dict[str, str]:
    """Report id -> id of its latest version (for reports re-ingested with new text)."""
    nxt = dict(
        conn.execute(
            select(reports.c.id, reports.c.superseded_by).where(reports.c.superseded_by.is_not(None))
        ).all()
    )
    out = {}
    for rid in nxt:
        cur, seen = rid, set()
        while cur in nxt and cur not in seen:
            seen.add(cur)
            cur = nxt[cur]
        out[rid] = cur
    return out


def overrides(conn: Connection) -> list[Override]:
    """Analyst overrides as (kind, report a, report b), in the order made, on latest report versions."""
    t = link_overrides
    rows = conn.execute(select(t.c.kind, t.c.report_a, t.c.report_b).order_by(t.c.id)).all()
    if not rows:
        return []
    latest = _latest_versions(conn)
    return [(k, latest.get(a, a), latest.get(b, b)) for k, a, b in rows]


def evidence_of(conn: Connection, mention_ids: Collection[int]) -> dict[str, dict[str, Any]]:
    """Mention id (as text) -> the stored evidence of its membership."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in chunks(sorted(mention_ids), CHUNK):
        q = select(incident_members.c.mention_id, incident_members.c.evidence).where(
            incident_members.c.mention_id.in_(chunk)
        )
        for m, ev in conn.execute(q):
            if isinstance(ev, dict):
                out[str(m)] = ev
    return out


def write_log(conn: Connection, entries: list[LogEntry], now: datetime) -> None:
    """Append the linker's log entries."""
    conn.execute(
        insert(incident_log),
        [
            {
                "at": now,
                "action": e.action,
                "incident_id": e.incident_id,
                "other_id": e.other_id,
                "mention_id": int(e.mention_id) if e.mention_id and e.mention_id.isdigit() else None,
                "score": e.score,
                "detail": e.detail or None,
            }
            for e in entries
        ],
    )


def drop_stale_members(conn: Connection, stale: list[int], members: dict[int, Member], now: datetime) -> None:
    """Remove memberships whose mention vanished (a report re-extracted), and log each drop."""
    for chunk in chunks(stale, CHUNK):
        conn.execute(delete(incident_members).where(incident_members.c.mention_id.in_(chunk)))
    conn.execute(
        insert(incident_log),
        [
            {
                "at": now,
                "action": "drop",
                "incident_id": members[m].incident_id,
                "mention_id": m,
                "detail": {"reason": "mention no longer stored (report re-extracted)"},
            }
            for m in stale
        ],
    )


def delete_incident(conn: Connection, iid: str) -> None:
    """Remove an incident, its memberships and its relations (merged away or dissolved)."""
    conn.execute(delete(incident_members).where(incident_members.c.incident_id == iid))
    conn.execute(delete(incidents).where(incidents.c.id == iid))
    drop_related(conn, iid)


def log_dissolved(conn: Connection, iid: str, now: datetime) -> None:
    conn.execute(insert(incident_log).values(at=now, action="dissolve", incident_id=iid))


def write_incident(conn: Connection, inc: Incident, now: datetime) -> None:
    """Insert or update one incident row (resolved now) and set its members."""
    iid = inc.id
    data = resolve(inc.records, {f.rec.report_id: f.minhash for f in inc.members})
    row = incident_row(iid, inc.order, data, inc.records, now)
    exists = conn.execute(select(incidents.c.created_at).where(incidents.c.id == iid)).first()
    if exists:
        row.pop("created_at")
        conn.execute(update(incidents).where(incidents.c.id == iid).values(**row))
    else:
        conn.execute(insert(incidents).values(**row))
    mids = [int(r.id) for r in inc.records]
    for chunk in chunks(mids, CHUNK):
        conn.execute(delete(incident_members).where(incident_members.c.mention_id.in_(chunk)))
    conn.execute(
        insert(incident_members),
        [
            {
                "mention_id": int(r.id),
                "incident_id": iid,
                "report_id": r.report_id,
                "score": inc.scores.get(r.id),
                "linked_at": now,
                "evidence": inc.evidence.get(r.id),
                "created_by": (inc.evidence.get(r.id) or {}).get("created_by") or "linker",
            }
            for r in inc.records
        ],
    )


def drop_related(conn: Connection, iid: str) -> None:
    t = incident_related
    conn.execute(delete(t).where(or_(t.c.incident_id == iid, t.c.other_id == iid)))


def write_related(conn: Connection, lk: Linker, alive: set[str], gone: set[str], now: datetime) -> None:
    """Store the linker's related pairs that touch incidents written in this run."""
    t = incident_related
    for (a, b), rel in sorted(lk.related.items()):
        if a in gone or b in gone or not ({a, b} & alive):
            continue
        conn.execute(delete(t).where(t.c.incident_id == a, t.c.other_id == b))
        conn.execute(insert(t).values(incident_id=a, other_id=b, relation=rel, at=now))


def save_overrides(
    conn: Connection, kind: str, pairs: set[tuple[str, str]], iid: str, reason: str | None, now: datetime
) -> None:
    """Record an analyst's split ("cannot") or merge ("must") as report pairs; the opposite
    override of a pair is replaced."""
    t = link_overrides
    for a, b in sorted(pairs):
        a, b = sorted((a, b))
        other = "must" if kind == "cannot" else "cannot"
        conn.execute(delete(t).where(t.c.kind == other, t.c.report_a == a, t.c.report_b == b))
        conn.execute(
            insert(t).values(
                at=now,
                kind=kind,
                report_a=a,
                report_b=b,
                incident_id=iid,
                reason=reason,
                created_by="analyst",
            )
        )


def clear_incidents(conn: Connection) -> None:
    """Drop every incident, membership and relation (overrides and the log are kept)."""
    conn.execute(delete(incident_related))
    conn.execute(delete(incident_members))
    conn.execute(delete(incidents))


def incident_row(
    iid: str, order: int, data: dict[str, Any], recs: list[MentionRecord], now: datetime
) -> dict[str, Any]:
    """The ``incidents`` row of a resolved incident (``resolve()`` output ``data``)."""
    f = data["fields"]
    t = f.get("time", {}).get("value") or {}
    place = (f.get("places") or {}).get("value") or {}
    start, end = iso_time(t.get("start")), iso_time(t.get("end"))
    pubs = sorted(r.published_at for r in recs if r.published_at)
    sort_time = start or (pubs[0] if pubs else now)
    killed = f.get("killed") or {}
    return {
        "id": iid,
        "ordinal": order,
        "type": data["type"],
        "start": start,
        "end": end,
        "time_precision": t.get("precision"),
        "sort_time": sort_time,
        "country": place.get("country"),
        "admin1_code": place.get("admin1_code"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "place_name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "geo_precision": place.get("precision"),
        "grade": data["grade"],
        "n_mentions": len(recs),
        "n_reports": data["n_reports"],
        "n_sources": data["n_sources"],
        "count": whole_number((f.get("count") or {}).get("value")),
        "killed": whole_number(killed.get("value")),
        "killed_low": whole_number(killed.get("low")),
        "killed_high": whole_number(killed.get("high")),
        "injured": whole_number((f.get("injured") or {}).get("value")),
        "data": data,
        "created_at": now,
        "updated_at": now,
    }
