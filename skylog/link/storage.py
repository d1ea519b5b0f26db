"""Linking over the store: incremental, every run picks up only unlinked mentions.

``link_store(store)``:
1. reads stored mentions and which incident each linked one belongs to;
2. drops members whose mention vanished (a report re-extracted) and logs it;
3. restores the incidents that new mentions could join (dated within a few
   days of the new mentions) into a :class:`Linker` as they are, without
   re-linking them; only those incidents' mentions and the new ones are read,
   so a run over a large store reads a recent tail, not everything;
4. links the new mentions in (published_at, report, id) order, so the same
   store gives the same incidents; merges and creations are logged;
5. re-resolves every incident it touched and writes it, its members and the
   log in one transaction.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update

from skylog.link.features import MentionRecord
from skylog.link.linker import Linker, LogEntry
from skylog.link.resolve import resolve

log = logging.getLogger(__name__)

RESTORE_MARGIN_S = 5 * 86400.0  # incidents within this of a new mention are restored
_CHUNK = 500


@dataclass
class LinkSummary:
    """What one ``link_store`` run did."""

    new_mentions: int = 0
    created: int = 0
    joined: int = 0
    merged: int = 0
    dropped: int = 0  # members whose mention no longer exists
    updated_incidents: list[str] = field(default_factory=list)
    total_incidents: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _record(sm: Any, text: str | None, key: str | None = None) -> MentionRecord:
    return MentionRecord(
        key=key,
        id=str(sm.id),
        report_id=sm.report_id,
        event=sm.mention,
        source=sm.source,
        source_kind=sm.source_kind or "unknown",
        published_at=sm.published_at,
        title=sm.report_title,
        report_text=text,
    )


def _present_mentions(store: Any) -> tuple[set[int], dict[int, str]]:
    """Ids (and report ids) of the mentions ``iter_mentions`` yields: latest report versions only."""
    from skylog.store.schema import event_mentions, reports

    q = (
        select(event_mentions.c.id, event_mentions.c.report_id)
        .join(reports, reports.c.id == event_mentions.c.report_id)
        .where(reports.c.superseded_by.is_(None))
    )
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    return {int(i) for i, _ in rows}, {int(i): r for i, r in rows}


def _iter_ids(store: Any, ids: set[int]) -> Any:
    """Stored mentions with these ids, read from the first of them on."""
    if not ids:
        return
    for sm in store.iter_mentions(min(ids) - 1):
        if sm.id in ids:
            yield sm


def _keys(ids: set[int], report_of: dict[int, str]) -> dict[int, str]:
    """Mention id -> "<report id>#<n>": the same in any database holding these reports."""
    reports_wanted = {report_of[i] for i in ids if i in report_of}
    per_report: dict[str, list[int]] = defaultdict(list)
    for m, r in report_of.items():
        if r in reports_wanted:
            per_report[r].append(m)
    keys: dict[int, str] = {}
    for r, ms in per_report.items():
        for n, m in enumerate(sorted(ms)):
            keys[m] = f"{r}#{n}"
    return keys


def _texts(conn: Any, report_ids: list[str]) -> dict[str, str]:
    from skylog.store.schema import reports

    out: dict[str, str] = {}
    for i in range(0, len(report_ids), _CHUNK):
        chunk = report_ids[i : i + _CHUNK]
        out.update(conn.execute(select(reports.c.id, reports.c.text).where(reports.c.id.in_(chunk))).all())
    return out


def link_store(store: Any, *, linker: Linker | None = None) -> LinkSummary:
    """Link every stored mention not linked yet into incidents; returns a LinkSummary."""
    from skylog.store.incident_schema import incident_log, incident_members, incidents

    summary = LinkSummary()
    now = datetime.now(UTC)
    with store.engine.connect() as conn:
        members = {
            int(m): (iid, rid, score)
            for m, iid, rid, score in conn.execute(
                select(
                    incident_members.c.mention_id,
                    incident_members.c.incident_id,
                    incident_members.c.report_id,
                    incident_members.c.score,
                )
            )
        }
        ordinals = dict(conn.execute(select(incidents.c.id, incidents.c.ordinal)).all())
        overrides = _overrides(conn)
    present, report_of = _present_mentions(store)
    stale = sorted(m for m in members if m not in present)
    new_ids = {m for m in present if m not in members}
    if not new_ids and not stale:
        summary.total_incidents = len(ordinals)
        return summary
    live_count: dict[str, int] = defaultdict(int)
    for m, (iid, _rid, _s) in members.items():
        if m in present:
            live_count[iid] += 1
    touched: set[str] = {members[m][0] for m in stale}

    # read the new mentions (a tail of the mention table in the usual case)
    new = []
    for sm in _iter_ids(store, new_ids):
        if not isinstance(sm.mention, dict) or not sm.mention.get("type"):
            summary.errors.append(f"mention {sm.id} of report {sm.report_id}: no event type, skipped")
            continue
        new.append(sm)
    summary.new_mentions = len(new)

    # stored incidents the new mentions could join: those dated near them, and those an analyst
    # merged their reports with
    times = [sm.published_at for sm in new if sm.published_at]
    wanted = {i for i in touched if live_count.get(i)}
    new_reports = {sm.report_id for sm in new}
    tied = {b for kind, a, b in overrides if kind == "must" and a in new_reports}
    tied |= {a for kind, a, b in overrides if kind == "must" and b in new_reports}
    wanted |= {iid for m, (iid, rid, _s) in members.items() if rid in tied and m in present}
    with store.engine.connect() as conn:
        if times:
            margin = timedelta(seconds=RESTORE_MARGIN_S)
            wanted |= set(
                conn.scalars(
                    select(incidents.c.id).where(
                        incidents.c.sort_time >= min(times) - margin,
                        incidents.c.sort_time <= max(times) + margin,
                    )
                )
            )
        elif new:  # undated mentions: anything may match
            wanted |= set(ordinals)
    by_incident: dict[str, list[Any]] = defaultdict(list)
    restore_ids = {m for m, (iid, _r, _s) in members.items() if iid in wanted and m in present}
    for sm in _iter_ids(store, restore_ids):
        by_incident[members[sm.id][0]].append(sm)
    keys = _keys({sm.id for sm in new} | restore_ids, report_of)
    need_text = sorted({sm.report_id for sm in new} | {s.report_id for v in by_incident.values() for s in v})
    with store.engine.connect() as conn:
        texts = _texts(conn, need_text)

    entries: list[LogEntry] = []
    lk = linker or Linker(on_log=entries.append)
    if linker is not None:
        lk._on_log = entries.append
    for kind, a, b in overrides:
        (lk.forbid if kind == "cannot" else lk.require)(a, b)
    evidence = _evidence_of(store, restore_ids)
    for iid in sorted(by_incident, key=lambda i: (ordinals.get(i, 0), i)):
        recs = [_record(s, texts.get(s.report_id), keys[s.id]) for s in by_incident[iid]]
        lk.seed(iid, recs, order=ordinals.get(iid, 0), evidence=evidence)
    # ids of incidents left with no stored member may be taken again, so an
    # incident keeps its id when its only report is re-extracted
    lk.reserved = {i for i in ordinals if live_count.get(i)}
    lk._order = max([lk._order, *(o + 1 for o in ordinals.values())])
    lk.link([_record(sm, texts.get(sm.report_id), keys[sm.id]) for sm in new])

    dissolved = [i for i in touched if i not in lk.incidents and not live_count.get(i)]
    for e in entries:
        touched.add(e.incident_id)
        if e.action == "create":
            summary.created += 1
        elif e.action == "join":
            summary.joined += 1
        elif e.action == "merge":
            summary.merged += 1
    merged_away = {e.other_id for e in entries if e.action == "merge" and e.other_id}
    summary.dropped = len(stale)

    with store.engine.begin() as conn:
        if stale:
            for i in range(0, len(stale), _CHUNK):
                conn.execute(
                    delete(incident_members).where(incident_members.c.mention_id.in_(stale[i : i + _CHUNK]))
                )
            conn.execute(
                insert(incident_log),
                [
                    {
                        "at": now,
                        "action": "drop",
                        "incident_id": members[m][0],
                        "mention_id": m,
                        "detail": {"reason": "mention no longer stored (report re-extracted)"},
                    }
                    for m in stale
                ],
            )
        for iid in sorted(merged_away | set(dissolved)):
            conn.execute(delete(incident_members).where(incident_members.c.incident_id == iid))
            conn.execute(delete(incidents).where(incidents.c.id == iid))
            _drop_related(conn, iid)
        for iid in dissolved:
            conn.execute(insert(incident_log).values(at=now, action="dissolve", incident_id=iid))
        for iid in sorted(touched - merged_away - set(dissolved)):
            inc = lk.incidents.get(iid)
            if inc is None:
                continue
            _write_incident(conn, inc, now)
            summary.updated_incidents.append(iid)
        if entries:
            _write_log(conn, entries, now)
        _write_related(conn, lk, touched - merged_away - set(dissolved), merged_away | set(dissolved), now)
    with store.engine.connect() as conn:
        summary.total_incidents = len(conn.execute(select(incidents.c.id)).all())
    return summary


def _write_log(conn: Any, entries: list[LogEntry], now: datetime) -> None:
    from skylog.store.incident_schema import incident_log

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


def _write_incident(conn: Any, inc: Any, now: datetime) -> None:
    """Insert or update one incident row and set its members."""
    from skylog.store.incident_schema import incident_members, incidents

    iid = inc.id
    data = resolve(inc.records, {f.rec.report_id: f.minhash for f in inc.members})
    row = _row(iid, inc.order, data, inc.records, now)
    exists = conn.execute(select(incidents.c.created_at).where(incidents.c.id == iid)).first()
    if exists:
        row.pop("created_at")
        conn.execute(update(incidents).where(incidents.c.id == iid).values(**row))
    else:
        conn.execute(insert(incidents).values(**row))
    mids = [int(r.id) for r in inc.records]
    for i in range(0, len(mids), _CHUNK):
        conn.execute(delete(incident_members).where(incident_members.c.mention_id.in_(mids[i : i + _CHUNK])))
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


def _latest_versions(conn: Any) -> dict[str, str]:
    """Report id -> id of its latest version (for reports re-ingested with new text)."""
    from skylog.store.schema import reports

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


def _overrides(conn: Any) -> list[tuple[str, str, str]]:
    """Analyst overrides as (kind, report a, report b), in the order made, on latest report versions."""
    from skylog.store.incident_schema import link_overrides as t

    rows = conn.execute(select(t.c.kind, t.c.report_a, t.c.report_b).order_by(t.c.id)).all()
    if not rows:
        return []
    latest = _latest_versions(conn)
    return [(k, latest.get(a, a), latest.get(b, b)) for k, a, b in rows]


def _evidence_of(store: Any, mention_ids: set[int]) -> dict[str, dict[str, Any]]:
    from skylog.store.incident_schema import incident_members

    out: dict[str, dict[str, Any]] = {}
    ids = sorted(mention_ids)
    with store.engine.connect() as conn:
        for i in range(0, len(ids), _CHUNK):
            q = select(incident_members.c.mention_id, incident_members.c.evidence).where(
                incident_members.c.mention_id.in_(ids[i : i + _CHUNK])
            )
            for m, ev in conn.execute(q):
                if isinstance(ev, dict):
                    out[str(m)] = ev
    return out


def _drop_related(conn: Any, iid: str) -> None:
    from sqlalchemy import or_

    from skylog.store.incident_schema import incident_related as t

    conn.execute(delete(t).where(or_(t.c.incident_id == iid, t.c.other_id == iid)))


def _write_related(conn: Any, lk: Linker, alive: set[str], gone: set[str], now: datetime) -> None:
    """Store the linker's related pairs that touch incidents written in this run."""
    from skylog.store.incident_schema import incident_related as t

    for (a, b), rel in sorted(lk.related.items()):
        if a in gone or b in gone or not ({a, b} & alive):
            continue
        conn.execute(delete(t).where(t.c.incident_id == a, t.c.other_id == b))
        conn.execute(insert(t).values(incident_id=a, other_id=b, relation=rel, at=now))


def _load(store: Any, incident_ids: list[str]) -> tuple[Linker, list[LogEntry], dict[str, int]]:
    """A Linker holding these stored incidents as they are, with every stored override."""
    from skylog.store.incident_schema import incident_members, incidents

    with store.engine.connect() as conn:
        ordinals = dict(conn.execute(select(incidents.c.id, incidents.c.ordinal)).all())
        missing = [i for i in incident_ids if i not in ordinals]
        if missing:
            raise ValueError(f"no incident {missing[0]!r}")
        members: dict[str, set[int]] = defaultdict(set)
        for m, iid in conn.execute(
            select(incident_members.c.mention_id, incident_members.c.incident_id).where(
                incident_members.c.incident_id.in_(incident_ids)
            )
        ):
            members[iid].add(int(m))
        overrides = _overrides(conn)
    _present, report_of = _present_mentions(store)
    all_ids = set().union(*members.values()) if members else set()
    stored = list(_iter_ids(store, all_ids))
    keys = _keys(all_ids, report_of)
    with store.engine.connect() as conn:
        texts = _texts(conn, sorted({sm.report_id for sm in stored}))
    entries: list[LogEntry] = []
    lk = Linker(on_log=entries.append)
    for kind, a, b in overrides:
        (lk.forbid if kind == "cannot" else lk.require)(a, b)
    lk.reserved = set(ordinals)
    lk._order = max(ordinals.values(), default=0) + 1
    evidence = _evidence_of(store, all_ids)
    for iid in incident_ids:
        recs = [_record(sm, texts.get(sm.report_id), keys[sm.id]) for sm in stored if sm.id in members[iid]]
        lk.seed(iid, recs, order=ordinals[iid], evidence=evidence)
    return lk, entries, ordinals


def _save_overrides(
    conn: Any, kind: str, pairs: set[tuple[str, str]], iid: str, reason: str | None, now: datetime
) -> None:
    from skylog.store.incident_schema import link_overrides as t

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


def split_incident(
    store: Any,
    incident_id: str,
    mention_ids: list[int] | None = None,
    *,
    report_id: str | None = None,
    reason: str | None = None,
) -> str:
    """Move mentions (or every mention of ``report_id``) out of an incident into a new one; logged.

    An analyst's correction: the moved reports are recorded as never sharing an
    incident with the reports left behind (``link_overrides``), so re-linking,
    re-ingesting or re-extracting them keeps the split. Returns the new incident's id.
    """
    from skylog.store.incident_schema import incident_members

    now = datetime.now(UTC)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(incident_members.c.mention_id, incident_members.c.report_id).where(
                incident_members.c.incident_id == incident_id
            )
        ).all()
    members = {int(m): r for m, r in rows}
    if not members:
        raise ValueError(f"no incident {incident_id!r}")
    if report_id is not None:
        move = {m for m, r in members.items() if r == report_id}
        if not move:
            raise ValueError(f"{incident_id}: report {report_id!r} is not one of its members")
    else:
        move = {int(m) for m in mention_ids or []}
    if not move or not move <= set(members) or move == set(members):
        raise ValueError(f"{incident_id}: a split must move some, not all, of its members {sorted(members)}")
    lk, entries, _ord = _load(store, [incident_id])
    new_id = lk.split(incident_id, [str(m) for m in sorted(move)], reason=reason)
    moved = {members[m] for m in move}
    kept = {r for m, r in members.items() if m not in move} - moved
    with store.engine.begin() as conn:
        _write_incident(conn, lk.incidents[incident_id], now)
        _write_incident(conn, lk.incidents[new_id], now)
        _write_log(conn, entries, now)
        _save_overrides(conn, "cannot", {(a, b) for a in moved for b in kept}, incident_id, reason, now)
    return new_id


def merge_incidents(store: Any, survivor_id: str, other_id: str, *, reason: str | None = None) -> str:
    """Merge ``other_id`` into ``survivor_id`` (an analyst's correction); logged, kept by later runs.

    Returns the surviving id. Their reports are recorded as one incident's
    (``link_overrides``), so a re-extracted or re-linked report rejoins it.
    """
    from skylog.store.incident_schema import incident_members, incidents

    if survivor_id == other_id:
        raise ValueError("cannot merge an incident with itself")
    now = datetime.now(UTC)
    lk, entries, _ord = _load(store, [survivor_id, other_id])
    a, b = lk.incidents[survivor_id], lk.incidents[other_id]
    pairs = {(x, y) for x in a.reports for y in b.reports if x != y}
    lk.merge(survivor_id, other_id, reason=reason)
    with store.engine.begin() as conn:
        conn.execute(delete(incident_members).where(incident_members.c.incident_id == other_id))
        conn.execute(delete(incidents).where(incidents.c.id == other_id))
        _drop_related(conn, other_id)
        _write_incident(conn, lk.incidents[survivor_id], now)
        _write_log(conn, entries, now)
        _save_overrides(conn, "must", pairs, survivor_id, reason, now)
    return survivor_id


def relink_all(store: Any) -> LinkSummary:
    """Drop every incident and link all stored mentions again (overrides and the log are kept).

    Incident ids derive from the mention that starts each incident, so an
    unchanged store gives back the same ids.
    """
    from skylog.store.incident_schema import incident_members, incident_related, incidents

    with store.engine.begin() as conn:
        conn.execute(delete(incident_related))
        conn.execute(delete(incident_members))
        conn.execute(delete(incidents))
    return link_store(store)


def _int(v: Any) -> int | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None


def _dt(s: str | None) -> datetime | None:
    from skylog.link.features import parse_time

    return parse_time(s)


def _row(
    iid: str, order: int, data: dict[str, Any], recs: list[MentionRecord], now: datetime
) -> dict[str, Any]:
    f = data["fields"]
    t = f.get("time", {}).get("value") or {}
    place = (f.get("places") or {}).get("value") or {}
    start, end = _dt(t.get("start")), _dt(t.get("end"))
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
        "count": _int((f.get("count") or {}).get("value")),
        "killed": _int(killed.get("value")),
        "killed_low": _int(killed.get("low")),
        "killed_high": _int(killed.get("high")),
        "injured": _int((f.get("injured") or {}).get("value")),
        "data": data,
        "created_at": now,
        "updated_at": now,
    }
