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

    # stored incidents the new mentions could join: those dated near them
    times = [sm.published_at for sm in new if sm.published_at]
    wanted = {i for i in touched if live_count.get(i)}
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
    for iid in sorted(by_incident, key=lambda i: (ordinals.get(i, 0), i)):
        recs = [_record(s, texts.get(s.report_id), keys[s.id]) for s in by_incident[iid]]
        lk.seed(iid, recs, order=ordinals.get(iid, 0))
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
            }
            for r in inc.records
        ],
    )


def split_incident(store: Any, incident_id: str, mention_ids: list[int]) -> str:
    """Move ``mention_ids`` out of an incident into a new one (an analyst's correction); logged.

    Returns the new incident's id. Both incidents are re-resolved; later
    ``link_store`` runs treat them as any other stored incidents.
    """
    from skylog.store.incident_schema import incident_members, incidents

    now = datetime.now(UTC)
    with store.engine.connect() as conn:
        members = {int(m) for (m,) in conn.execute(
            select(incident_members.c.mention_id).where(incident_members.c.incident_id == incident_id)
        )}  # fmt: skip
        ordinals = dict(conn.execute(select(incidents.c.id, incidents.c.ordinal)).all())
    move = {int(m) for m in mention_ids}
    if incident_id not in ordinals:
        raise ValueError(f"no incident {incident_id!r}")
    if not move or not move <= members or move == members:
        raise ValueError(f"{incident_id}: a split must move some, not all, of its members {sorted(members)}")
    _present, report_of = _present_mentions(store)
    stored = list(_iter_ids(store, members))
    keys = _keys(members, report_of)
    with store.engine.connect() as conn:
        texts = _texts(conn, sorted({sm.report_id for sm in stored}))
    entries: list[LogEntry] = []
    lk = Linker(on_log=entries.append)
    lk.reserved = set(ordinals)
    lk._order = max(ordinals.values(), default=0) + 1
    lk.seed(incident_id, [_record(sm, texts.get(sm.report_id), keys[sm.id]) for sm in stored],
            order=ordinals[incident_id])  # fmt: skip
    new_id = lk.split(incident_id, [str(m) for m in sorted(move)])
    with store.engine.begin() as conn:
        _write_incident(conn, lk.incidents[incident_id], now)
        _write_incident(conn, lk.incidents[new_id], now)
        _write_log(conn, entries, now)
    return new_id


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
