"""Linking over the store: incremental, every run picks up only unlinked mentions.

``skylog.link`` links mentions in memory; this module restores its state from the
database and stores its decisions (SQL in ``incident_writes``). ``link_store(store)``:

1. reads stored mentions and which incident each linked one belongs to;
2. drops members whose mention vanished (a report re-extracted) and logs it;
3. restores the incidents that new mentions could join (dated within a few
   days of the new mentions, or tied to them by an analyst) into a
   :class:`Linker` as they are, without re-linking them; only those incidents'
   mentions and the new ones are read, so a run over a large store reads a
   recent tail, not everything;
4. links the new mentions in (published_at, report, id) order, so the same
   store gives the same incidents; merges and creations are logged;
5. re-resolves every incident it touched and writes it, its members and the
   log in one transaction.

``split_incident`` and ``merge_incidents`` are an analyst's corrections, kept by
later runs as report-pair overrides; ``relink_all`` links everything again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from skylog.link.features import MentionRecord
from skylog.link.linker import Linker, LogEntry
from skylog.store import incident_writes as w
from skylog.store.core import Store
from skylog.store.mentions import StoredMention, present_mentions

RESTORE_MARGIN_S = 5 * 86400.0  # incidents within this of a new mention are restored


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


@dataclass
class _Stored:
    """What the database holds when a run starts."""

    members: dict[int, w.Member]  # linked mention -> membership
    ordinals: dict[str, int]  # incident -> creation order
    overrides: list[w.Override]
    report_of: dict[int, str]  # present mention -> report

    def live_counts(self) -> dict[str, int]:
        """Incident id -> how many of its members are still stored."""
        out: dict[str, int] = defaultdict(int)
        for m, mem in self.members.items():
            if m in self.report_of:
                out[mem.incident_id] += 1
        return out


def _read_stored(store: Store) -> _Stored:
    with store.engine.connect() as conn:
        return _Stored(w.memberships(conn), w.ordinals(conn), w.overrides(conn), present_mentions(conn))


def _record(sm: StoredMention, text: str | None, key: str | None = None) -> MentionRecord:
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


def _iter_ids(store: Store, ids: Collection[int]) -> Iterator[StoredMention]:
    """Stored mentions with these ids, read from the first of them on."""
    if not ids:
        return
    for sm in store.iter_mentions(min(ids) - 1):
        if sm.id in ids:
            yield sm


def _keys(ids: Collection[int], report_of: dict[int, str]) -> dict[int, str]:
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


def _records(
    mentions: list[StoredMention], keys: dict[int, str], texts: dict[str, str]
) -> list[MentionRecord]:
    return [_record(sm, texts.get(sm.report_id), keys[sm.id]) for sm in mentions]


def _new_mentions(store: Store, ids: set[int], summary: LinkSummary) -> list[StoredMention]:
    """The mentions to link; one without an event type is an error naming it, and is skipped."""
    new = []
    for sm in _iter_ids(store, ids):
        if not isinstance(sm.mention, dict) or not sm.mention.get("type"):
            summary.errors.append(f"mention {sm.id} of report {sm.report_id}: no event type, skipped")
            continue
        new.append(sm)
    return new


def _to_restore(store: Store, st: _Stored, new: list[StoredMention], wanted: set[str]) -> set[str]:
    """Stored incidents the new mentions could join: those dated near them, and those an
    analyst merged their reports with (plus ``wanted``, incidents that lost a member)."""
    new_reports = {sm.report_id for sm in new}
    tied = {b for kind, a, b in st.overrides if kind == "must" and a in new_reports}
    tied |= {a for kind, a, b in st.overrides if kind == "must" and b in new_reports}
    out = set(wanted)
    out |= {mem.incident_id for m, mem in st.members.items() if mem.report_id in tied and m in st.report_of}
    times = [sm.published_at for sm in new if sm.published_at]
    if times:
        margin = timedelta(seconds=RESTORE_MARGIN_S)
        with store.engine.connect() as conn:
            out |= w.incidents_between(conn, min(times) - margin, max(times) + margin)
    elif new:  # undated mentions: anything may match
        out |= set(st.ordinals)
    return out


def _seed(
    store: Store,
    lk: Linker,
    st: _Stored,
    by_incident: dict[str, list[StoredMention]],
    texts: dict[str, str],
    order: list[str],
) -> None:
    """Put stored incidents into ``lk`` as they are, in ``order`` (with the stored overrides
    and evidence)."""
    for kind, a, b in st.overrides:
        (lk.forbid if kind == "cannot" else lk.require)(a, b)
    ids = {sm.id for v in by_incident.values() for sm in v}
    keys = _keys(ids, st.report_of)
    with store.engine.connect() as conn:
        evidence = w.evidence_of(conn, ids)
    for iid in order:
        recs = _records(by_incident[iid], keys, texts)
        lk.seed(iid, recs, order=st.ordinals.get(iid, 0), evidence=evidence)


def _tally(entries: list[LogEntry], summary: LinkSummary, touched: set[str]) -> set[str]:
    """Count the run's creations, joins and merges; returns the incidents merged away."""
    for e in entries:
        touched.add(e.incident_id)
        if e.action == "create":
            summary.created += 1
        elif e.action == "join":
            summary.joined += 1
        elif e.action == "merge":
            summary.merged += 1
    return {e.other_id for e in entries if e.action == "merge" and e.other_id}


@dataclass
class _Outcome:
    """What one run decided, to be written in one transaction."""

    lk: Linker
    entries: list[LogEntry]
    stale: list[int]
    touched: set[str]
    dissolved: list[str]
    merged_away: set[str]


def _persist(store: Store, st: _Stored, out: _Outcome, summary: LinkSummary, now: datetime) -> None:
    gone = out.merged_away | set(out.dissolved)
    alive = out.touched - gone
    with store.engine.begin() as conn:
        if out.stale:
            w.drop_stale_members(conn, out.stale, st.members, now)
        for iid in sorted(gone):
            w.delete_incident(conn, iid)
        for iid in out.dissolved:
            w.log_dissolved(conn, iid, now)
        for iid in sorted(alive):
            inc = out.lk.incidents.get(iid)
            if inc is None:
                continue
            w.write_incident(conn, inc, now)
            summary.updated_incidents.append(iid)
        if out.entries:
            w.write_log(conn, out.entries, now)
        w.write_related(conn, out.lk, alive, gone, now)


def link_store(store: Store, *, linker: Linker | None = None) -> LinkSummary:
    """Link every stored mention not linked yet into incidents; returns a LinkSummary."""
    summary = LinkSummary()
    now = datetime.now(UTC)
    st = _read_stored(store)
    stale = sorted(m for m in st.members if m not in st.report_of)
    new_ids = {m for m in st.report_of if m not in st.members}
    if not new_ids and not stale:
        summary.total_incidents = len(st.ordinals)
        return summary
    live_count = st.live_counts()
    touched: set[str] = {st.members[m].incident_id for m in stale}
    new = _new_mentions(store, new_ids, summary)
    summary.new_mentions = len(new)

    wanted = _to_restore(store, st, new, {i for i in touched if live_count.get(i)})
    by_incident: dict[str, list[StoredMention]] = defaultdict(list)
    restore_ids = {m for m, mem in st.members.items() if mem.incident_id in wanted and m in st.report_of}
    for sm in _iter_ids(store, restore_ids):
        by_incident[st.members[sm.id].incident_id].append(sm)
    texts = store.report_texts(
        {sm.report_id for sm in new} | {s.report_id for v in by_incident.values() for s in v}
    )

    entries: list[LogEntry] = []
    lk = linker or Linker(on_log=entries.append)
    if linker is not None:
        lk._on_log = entries.append
    _seed(store, lk, st, by_incident, texts, sorted(by_incident, key=lambda i: (st.ordinals.get(i, 0), i)))
    # ids of incidents left with no stored member may be taken again, so an
    # incident keeps its id when its only report is re-extracted
    lk.reserved = {i for i in st.ordinals if live_count.get(i)}
    lk._order = max([lk._order, *(o + 1 for o in st.ordinals.values())])
    lk.link(_records(new, _keys({sm.id for sm in new}, st.report_of), texts))

    dissolved = [i for i in touched if i not in lk.incidents and not live_count.get(i)]
    merged_away = _tally(entries, summary, touched)
    summary.dropped = len(stale)
    _persist(store, st, _Outcome(lk, entries, stale, touched, dissolved, merged_away), summary, now)
    with store.engine.connect() as conn:
        summary.total_incidents = w.count_incidents(conn)
    return summary


def relink_all(store: Store) -> LinkSummary:
    """Drop every incident and link all stored mentions again (overrides and the log are kept).

    Incident ids derive from the mention that starts each incident, so an
    unchanged store gives back the same ids.
    """
    with store.engine.begin() as conn:
        w.clear_incidents(conn)
    return link_store(store)


def _load(store: Store, incident_ids: list[str]) -> tuple[Linker, list[LogEntry]]:
    """A Linker holding these stored incidents as they are, with every stored override."""
    st = _read_stored(store)
    missing = [i for i in incident_ids if i not in st.ordinals]
    if missing:
        raise ValueError(f"no incident {missing[0]!r}")
    with store.engine.connect() as conn:
        members = w.members_of(conn, incident_ids)
    all_ids = set().union(*members.values()) if members else set()
    stored = list(_iter_ids(store, all_ids))
    texts = store.report_texts({sm.report_id for sm in stored})
    entries: list[LogEntry] = []
    lk = Linker(on_log=entries.append)
    lk.reserved = set(st.ordinals)
    lk._order = max(st.ordinals.values(), default=0) + 1
    by_incident = {iid: [sm for sm in stored if sm.id in members.get(iid, set())] for iid in incident_ids}
    _seed(store, lk, st, by_incident, texts, incident_ids)
    return lk, entries


def _to_move(
    members: dict[int, str], incident_id: str, mention_ids: list[int] | None, report_id: str | None
) -> set[int]:
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
    return move


def split_incident(
    store: Store,
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
    now = datetime.now(UTC)
    with store.engine.connect() as conn:
        members = w.member_reports(conn, incident_id)
    move = _to_move(members, incident_id, mention_ids, report_id)
    lk, entries = _load(store, [incident_id])
    new_id = lk.split(incident_id, [str(m) for m in sorted(move)], reason=reason)
    moved = {members[m] for m in move}
    kept = {r for m, r in members.items() if m not in move} - moved
    with store.engine.begin() as conn:
        w.write_incident(conn, lk.incidents[incident_id], now)
        w.write_incident(conn, lk.incidents[new_id], now)
        w.write_log(conn, entries, now)
        w.save_overrides(conn, "cannot", {(a, b) for a in moved for b in kept}, incident_id, reason, now)
    return new_id


def merge_incidents(store: Store, survivor_id: str, other_id: str, *, reason: str | None = None) -> str:
    """Merge ``other_id`` into ``survivor_id`` (an analyst's correction); logged, kept by later runs.

    Returns the surviving id. Their reports are recorded as one incident's
    (``link_overrides``), so a re-extracted or re-linked report rejoins it.
    """
    if survivor_id == other_id:
        raise ValueError("cannot merge an incident with itself")
    now = datetime.now(UTC)
    lk, entries = _load(store, [survivor_id, other_id])
    a, b = lk.incidents[survivor_id], lk.incidents[other_id]
    pairs = {(x, y) for x in a.reports for y in b.reports if x != y}
    lk.merge(survivor_id, other_id, reason=reason)
    with store.engine.begin() as conn:
        w.delete_incident(conn, other_id)
        w.write_incident(conn, lk.incidents[survivor_id], now)
        w.write_log(conn, entries, now)
        w.save_overrides(conn, "must", pairs, survivor_id, reason, now)
    return survivor_id
