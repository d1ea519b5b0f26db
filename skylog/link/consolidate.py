"""After a batch: merge two incidents that every pair of their members allows to be one.

Linking is greedy and one mention at a time, so which incidents form can hang on the order reports
come in: an undated report that fits two accounts of one event may bridge them, and once a later
report dates one account, the two stay apart. Here two incidents near each other (one blocking key,
``index``) become one when

- **complete link**: every member of one and every member of the other pass the gates against each
  other (in one direction at least: an undated report may join a dated one, not the reverse), so a
  member never rides in on another's evidence (single-link bridging);
- the members of one pass the gates against the other as a whole (``Linker._compatible``: times
  against every dated member, no tally with a town's report, wording where places are weak);
- the **evidence is positive**: members of two reports whose texts date them to overlapping times and
  name the same spot or district (or a city that is a region of its own, named as either: Sevastopol);
- no analyst split their reports apart, and neither was started by a mention that fit two different
  events alike. A report with mentions in both is judged pair by pair only (the gates keep one
  report's mentions apart as a whole): its two mentions then tell one event twice, the same day
  and place with nothing (no part of the day, no clock) to tell them apart.

The older incident survives (ids stay stable); the merge is logged with the pair that showed it.
Only the incidents a batch touched are checked, each against those under its own keys, so the cost
grows with the batch, not with the archive.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from skylog.link.features import BEFORE_PUBLISHED, COARSE, Features
from skylog.link.gates import members_conflict
from skylog.link.incident import Incident
from skylog.link.relations import TimeRefusal, place_relation, refusal_code, time_relation

if TYPE_CHECKING:
    from skylog.link.linker import Linker

MAX_MEMBERS = 32  # members of an incident compared pair by pair
SAME_PLACE = 0.85  # the same spot or district (``relations.place_relation``)
IN_REGION = 0.6  # one names the region the other's place lies in
AMBIGUOUS = "its place and time fit two different events equally (joins neither)"
_UNSTATED = ("published", BEFORE_PUBLISHED, COARSE)  # window origins that date no event by its text


def consolidate(lk: Linker, touched: Iterable[str]) -> None:
    """Merge the incidents ``touched`` (created or grown in a batch) with those near them that pass
    (``mergeable``), oldest first; a survivor is checked again with what it gained."""
    queue = deque(sorted(set(touched) & lk.incidents.keys(), key=lambda i: lk.incidents[i].order))
    judged: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    dated: dict[tuple[str, int], _Dated] = {}  # an incident's dated, placed members, as it stands

    def stated(inc: Incident) -> _Dated:
        key = (inc.id, len(inc.members))
        if key not in dated:
            dated[key] = _Dated(_dated_and_placed(inc))
        return dated[key]

    while queue:
        inc = lk.incidents.get(queue.popleft())
        if inc is None or len(inc.members) > MAX_MEMBERS or not stated(inc) or ambiguous(inc):
            continue
        for other in _near(lk, inc):
            a, b = (inc.id, len(inc.members)), (other.id, len(other.members))
            if (min(a, b), max(a, b)) in judged or not stated(inc).may_share(stated(other)):
                continue
            judged.add((min(a, b), max(a, b)))
            shown = mergeable(lk, inc, other, stated(inc).members, stated(other).members)
            if shown is not None:
                older, newer = sorted((inc, other), key=lambda i: i.order)
                lk.absorb(older, newer, shown)
                queue.append(older.id)
                break


class _Dated:
    """An incident's members dated and placed by their texts, with the spots and districts they name
    (to skip at once two incidents whose members can name no place in common, ``same_place``)."""

    def __init__(self, members: list[Features]) -> None:
        self.members = members
        self.spots = frozenset().union(*(f.places.spots for f in members))
        self.districts = frozenset().union(*(f.places.admin2 for f in members))
        self.regional = any(not f.places.specific for f in members)

    def __bool__(self) -> bool:
        return bool(self.members)

    def may_share(self, other: _Dated) -> bool:
        if not (self.members and other.members):
            return False
        return (
            self.regional
            or other.regional
            or bool(self.spots & other.spots)
            or bool(self.districts & other.districts)
        )


def _near(lk: Linker, inc: Incident) -> list[Incident]:
    """Incidents under the blocking keys of its members, oldest first."""
    ids: set[str] = set()
    for m in inc.members[:MAX_MEMBERS]:
        ids |= lk.index.near(m)
    ids.discard(inc.id)
    near = [lk.incidents[i] for i in ids if i in lk.incidents]
    return sorted(near, key=lambda i: i.order)


def mergeable(
    lk: Linker, a: Incident, b: Incident, mine: list[Features], theirs: list[Features]
) -> dict[str, Any] | None:
    """The evidence that ``a`` and ``b`` are one incident (for the log), or None; ``mine`` and
    ``theirs``: their members dated and placed by their texts (``_dated_and_placed``)."""
    if len(b.members) > MAX_MEMBERS:
        return None
    shown = positive(mine, theirs)
    if shown is None or ambiguous(b) or _split_apart(lk, a, b) or not complete_link(a, b):
        return None
    if not (_fits(lk, a, b) or _fits(lk, b, a)):
        return None
    return shown


def _fits(lk: Linker, a: Incident, b: Incident) -> bool:
    """Does every member of ``b`` pass the gates against ``a`` as a whole? A report with mentions in
    both is left out: the gates keep one report's mentions apart, and its pairs passed one to one."""
    both = a.reports & b.reports
    return all(m.rec.report_id in both or lk.assess(m, a) is not None for m in b.members)


def positive(mine: list[Features], theirs: list[Features]) -> dict[str, Any] | None:
    """A member of each (``_dated_and_placed``), of two reports, whose texts date them to overlapping
    times and name one place (``same_place``): what a merge rests on (mention ids, time and place
    relations), or None."""
    for m in mine:
        for n in theirs:
            if m.rec.report_id == n.rec.report_id or not (m.places.admin1 & n.places.admin1):
                continue
            place_why = same_place(m, n)
            if not place_why:
                continue
            tm, time_why = time_relation(m, alone(n))
            if tm is not None:
                return {"pair": [m.rec.id, n.rec.id], "time": time_why, "place": place_why}
    return None


def _dated_and_placed(inc: Incident) -> list[Features]:
    """Its members whose texts date them (to a day or finer: not by publication alone, nor to a week
    or month) and name a region."""
    return [
        f
        for f in inc.members[:MAX_MEMBERS]
        if f.window is not None and f.window.origin not in _UNSTATED and f.places.admin1
    ]


def same_place(m: Features, n: Features) -> str:
    """How two mentions name one place, or "": the same spot or district, or a city that is a region
    of its own named as the region by one and as the city by the other (Sevastopol); not a region and
    any place in it, two spots near each other, nor a country."""
    ps, why = place_relation(m.places, n.places)
    if ps is None or not (m.places.admin1 & n.places.admin1):
        return ""
    if ps >= SAME_PLACE:
        return why
    if ps >= IN_REGION and (
        _names(m, "region") & _names(n, "settlement") or _names(n, "region") & _names(m, "settlement")
    ):
        return "a city that is a region of its own, named as the one and as the other"
    return ""


def _names(f: Features, kind: str) -> set[str]:
    """The names of the places of one kind its record gives (casefolded)."""
    places = f.rec.event.get("places") or []
    return {
        str(p.get("name")).casefold()
        for p in places
        if isinstance(p, dict) and p.get("kind") == kind and p.get("name")
    }


def complete_link(a: Incident, b: Incident) -> bool:
    """Does every member of ``a`` pass the gates against every member of ``b``, in one direction at
    least (and neither contradicts the other: a pair with no time evidence at all does not pass)?"""
    for m in a.members[:MAX_MEMBERS]:
        for n in b.members[:MAX_MEMBERS]:
            if members_conflict(m, alone(n)) and members_conflict(n, alone(m)):
                return False
    return True


def _split_apart(lk: Linker, a: Incident, b: Incident) -> bool:
    """Did an analyst split a report of one from a report of the other?"""
    return any(lk.cannot.get(r, set()) & b.reports for r in a.reports)


def ambiguous(inc: Incident) -> bool:
    """Started by a mention that fit two different events alike: no pass after the batch decides
    for it (its own evidence could not)."""
    first = inc.members[0].rec.id if inc.members else None
    reasons = (inc.evidence.get(first) or {}).get("reasons") or [] if first else []
    return any(AMBIGUOUS in r for r in reasons)


def alone(f: Features) -> Incident:
    """A one-member incident, to judge two mentions against each other."""
    inc = Incident(id=f"alone-{f.rec.id}", order=-1)
    inc.add(f)
    return inc


def started_later(lk: Linker, inc: Incident, near: Iterable[Incident | str]) -> list[Incident]:
    """Of the incidents ``near`` (or their ids), those started after ``inc`` or grown since it started,
    neither started by a mention that fit two events (``Linker._merge_partner``)."""
    out = []
    for o in near:
        o = lk.incidents.get(o) if isinstance(o, str) else o
        if (
            o is not None
            and o is not inc
            and o.id in lk.incidents
            and (o.order > inc.order or o.grown > inc.born)
        ):
            if not ambiguous(o):
                out.append(o)
    return sorted(out, key=lambda i: i.id)


def also_reached(lk: Linker, inc: Incident, reached: Iterable[str]) -> list[Incident]:
    """The incidents a member of ``inc`` also reached at the threshold when it was linked (it joined
    ``inc``, which scored higher), neither started by a mention that fit two events. ``started_later``
    leaves out an older one that has not grown since: one whose first report lacked the evidence a
    later report gives (a page with no date, placed by the toll that report gives) is judged again."""
    out = []
    for iid in reached:
        o = lk.incidents.get(iid)
        if o is not None and o is not inc and not ambiguous(o):
            out.append(o)
    return sorted(out, key=lambda i: i.id)


def timed_by(m: Features, members: list[Features]) -> bool:
    """Does ``m`` have time evidence with one of ``members`` of another report?"""
    return any(
        n.rec.report_id != m.rec.report_id and time_relation(m, alone(n))[0] is not None for n in members
    )


def conflict(f: Features, part: Incident) -> bool:
    """Do ``f`` and ``part`` contradict (a gate fails), beyond a mere lack of time evidence?"""
    why = members_conflict(f, part)
    return bool(why) and refusal_code(why) is not TimeRefusal.NO_EVIDENCE
