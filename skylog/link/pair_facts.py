"""What holds between two mentions or incidents, as the linker asks it: apart by place or time, one event
told beside another, copies of one text, and how a first mention was placed in time (#13)."""

from __future__ import annotations

from skylog.link.consolidate import alone as _alone
from skylog.link.consolidate import conflict as _conflict
from skylog.link.features import Features, Window
from skylog.link.gates import members_conflict, same_attack
from skylog.link.incident import Incident
from skylog.link.relations import TimeRefusal, place_relation, refusal_code, time_relation
from skylog.link.text import is_copy

MAX_COMPARED_MEMBERS = 32  # members of an incident checked for copies and merge compatibility


def apart_by(a: Incident, b: Incident) -> str:
    """How two incidents are different events by what their members state: "place" (another settlement
    or region) or "time" (another time); "" when neither (a type the gates keep apart may be two sides
    of one event; towns of one country one state attacked are not apart: ``state_attack``)."""
    for m in b.members[:MAX_COMPARED_MEMBERS]:
        placed = m.places.known and a.places.known and not same_attack(m, a)
        if placed and place_relation(m.places, a.places)[0] is None:
            return "place"
        if m.window is not None and a.windows and time_relation(m, a)[0] is None:
            return "time"
    return ""


def undated(f: Features) -> bool:
    """Placed in time only by its publication (its text names no time)."""
    return f.window is not None and f.window.origin == "published"


def told_beside(m: Features, n: Features, inc: Incident) -> bool:
    """Does ``m`` differ from ``n`` only in type, while another mention of its report in ``inc`` (one
    event told twice, ``gates.retells``: "a missile was intercepted ... it hit the airport") agrees
    with ``n``? Its places must agree too: one town's strike is never carried into another's."""
    if (
        members_conflict(m, _alone(n)) != "incompatible event types"
        or place_relation(m.places, n.places)[0] is None
    ):
        return False
    return any(
        s is not m
        and s.rec.report_id == m.rec.report_id
        and not (_conflict(s, _alone(n)) and _conflict(n, _alone(s)))
        for s in inc.members[:MAX_COMPARED_MEMBERS]
    )


def dated_between(m: Features, n: Features, members: list[Features]) -> bool:
    """Are ``m`` and ``n`` two reports placed in time only by their publication ("undated"), kept
    apart only by how far apart they were published, while a member of ``members`` (of another report)
    dates the event by its text and both agree with it in time? An incident with a dated member judges
    an undated one against its dated members only (``relations.time_relation``): a report of the day
    and a follow-up of the next morning both tell of the dated strike, not of two nights."""
    if not (undated(m) and undated(n)) or m.rec.report_id == n.rec.report_id:
        return False
    if not _published_apart(m, n) or not _published_apart(n, m):
        return False
    return any(
        d.window is not None
        and d.window.precise
        and d.rec.report_id not in (m.rec.report_id, n.rec.report_id)
        and time_relation(m, _alone(d))[0] is not None
        and time_relation(n, _alone(d))[0] is not None
        for d in members[:MAX_COMPARED_MEMBERS]
    )


def _published_apart(m: Features, n: Features) -> bool:
    """Is how far apart they were published all that keeps ``m`` from ``n`` (``relations._pair_time``)?"""
    return refusal_code(members_conflict(m, _alone(n))) is TimeRefusal.PUBLISHED_APART


def copies(a: Features, b: Features) -> bool:
    return is_copy(a.minhash, b.minhash, a.rec.copy_text(), b.rec.copy_text())


def describe_window(w: Window | None) -> str:
    if w is None:
        return "no time evidence"
    if w.origin == "published":
        return "not in the text: placed before its publication"
    return f"{w.precision} window from the {w.origin}"
