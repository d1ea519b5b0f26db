"""How two mentions (or a mention and an incident) relate in type, place and time.

Each relation returns a score and a reason, or None (and the reason) when the two
cannot be one incident: the hard gates the linker applies before scoring.

Type compatibility
------------------
- same type: 1.0; interception and debris_fall: 0.9 (debris is what an
  interception leaves);
- two attack types (drone, missile, air strike, shelling): 0.5 - mixed
  attacks ("artillery fire and drone strikes") are one incident, but the
  other evidence must carry it;
- an interception (or debris) and an attack: only when an attack-typed
  report itself tells of the downing too ("the drone was shot down, its
  debris hit the depot"): 0.6; debris damage told in an interception report
  is that interception's own outcome and ties it to no strike. Otherwise a
  same-night interception and a strike stay separate incidents;
- a mention typed as a drone/missile/air strike whose own text tells only of
  a downing ("destroyed 5 drones", no impact) is read as an interception
  report: 0.8 (guards against an upstream type error);
- shelling never links with an interception (artillery is not shot down).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import Enum
from functools import lru_cache

from skylog.geo.gazetteer import default_gazetteer
from skylog.link.features import (
    ATTACK_TYPES,
    BEFORE_PUBLISHED,
    COARSE,
    DEFENCE_TYPES,
    HOUR,
    RADIUS_KM,
    Features,
    PlaceFeatures,
    Window,
    barrage,
    km,
)
from skylog.link.incident import Incident

MAX_PRECISE_SPAN = 48 * HOUR
MAX_PRECISE_GAP = 20 * HOUR
MAX_REPORT_LAG = 24 * HOUR
MAX_PUBLISHED_GAP = 16 * HOUR  # two undated reports further apart than this tell of different nights
COARSE_TIME = 0.4  # a week or month in common: as weak as a follow-up's week before publication


def type_score(f: Features, inc: Incident) -> float | None:
    """How compatible the mention's type is with every type already in the incident."""
    best = None
    for t in inc.types:
        s = type_pair(f, inc, t)
        if s is None:
            return None
        best = s if best is None else min(best, s)
    return best


def type_pair(f: Features, inc: Incident, t: str) -> float | None:
    """How compatible the mention's type is with the incident's type ``t`` (None: incompatible)."""
    if t == f.type:
        return 1.0
    if t in DEFENCE_TYPES and f.type in DEFENCE_TYPES:
        return 0.9
    if t in ATTACK_TYPES and f.type in ATTACK_TYPES:
        return 0.5
    if "shelling" in (t, f.type):
        return None  # artillery is not shot down by air defence
    if f.type in ATTACK_TYPES and f.downing_only and t in DEFENCE_TYPES:
        return 0.8  # typed as an attack, but its text only tells of drones downed
    if f.type in DEFENCE_TYPES and t in ATTACK_TYPES and not inc.real_attacks[t]:
        return 0.8  # the incident's attack-typed reports only tell of downing
    if (f.bridge and f.type in ATTACK_TYPES) or (f.type in DEFENCE_TYPES and inc.attack_bridge):
        return 0.6  # a strike report that itself tells of the downing
    if f.bridge and f.type in DEFENCE_TYPES and not f.tally and inc.real_attacks[t]:
        return 0.6  # a downing whose own text tells of the impact: the strike told from its defence
    if f.type in ATTACK_TYPES and (inc.attack_bridge or inc.defence_bridge) and inc.real_attacks[f.type]:
        return 0.6  # a member's text already ties the downing to a strike of its type: it is that strike
    if barrage(f) or (f.type in ATTACK_TYPES and inc.country_bridge):
        return 0.6  # a country-wide account of the barrage that tells of its impacts too
    if (f.failed and f.type in DEFENCE_TYPES) or (f.type in ATTACK_TYPES and inc.failed_defence):
        return 0.6  # an interception that failed: the weapon got through, it is the strike
    return None  # an interception and a strike the texts do not tie together


def place_relation(a: PlaceFeatures, b: PlaceFeatures, defence: bool = False) -> tuple[float | None, str]:
    """(score, why): 1 same spot, 0.85 same district, 0.6 nested or nearby; None when they conflict.

    Conflicts block a link: different countries, different admin1 units,
    different settlements (neither names one the other names) unless both
    tell only of air defence (``defence``: one night's interceptions over a
    region are named by the districts or towns each source saw). A place that is
    not known is no evidence: it scores low and needs its wording to carry it.
    """
    if not a.known or not b.known:
        return 0.3, "place unknown"
    if a.admin1 and b.admin1:
        if not (a.admin1 & b.admin1):
            if (a.broad or b.broad) and (_broad_neighbours(a, b) or _broad_neighbours(b, a)):
                return (
                    BROAD_PLACE,
                    "a part of the country ('central Israel') and a region next to the unit read for it",
                )
            return None, "different regions"
    elif a.countries and b.countries and not (a.countries & b.countries):
        return None, "different countries"
    # a mention naming a town and, whole, another region ("strikes on Beirut and in Nabatieh") places
    # its event in that region anywhere: the other's town there is no other settlement
    whole = bool((a.open_regions & b.town_regions) or (b.open_regions & a.town_regions))
    if a.towns and b.towns and not (a.towns & b.towns) and not defence and not whole:
        return None, "different settlements"
    if a.spots & b.spots:
        return 1.0, "same place"
    if a.admin2 & b.admin2:
        return 0.85, "same district"
    if whole and a.towns and b.towns:
        return 0.6, "one names the region the other's town lies in (besides a town elsewhere)"
    if not _located(a) or not _located(b):
        return 0.3, "place unknown (a name the gazetteer does not place)"
    if not a.specific or not b.specific:
        return 0.6, "one names the region the other's place lies in"
    if _near(a, b):
        return 0.6, "nearby places"
    if not (a.points and b.points):
        return 0.4, "different spots in one region"
    return 0.1, "different spots in one region, far apart"


# A part of a country ("central Israel") is read as the unit the country calls so (its Central
# District), but the phrase names an area, not the unit's borders: it may tell of a place in a unit
# next to that one (Tel Aviv District). Units whose centres lie this close count as next to each other
# (Israel's Central District and Tel Aviv or Jerusalem; not its Northern and Southern districts).
BROAD_KM = 60.0
BROAD_PLACE = 0.4  # below a frame's region: the wording must tie them, as for two spots in one region


def _broad_neighbours(a: PlaceFeatures, b: PlaceFeatures) -> bool:
    """Are all of ``a``'s regions parts of a country named broadly, each region of ``b`` next to one?"""
    if not a.broad or not a.admin1 <= a.broad:
        return False
    return all(any(_unit_km(u, v) <= BROAD_KM for u in a.broad) for v in b.admin1)


@lru_cache(maxsize=4096)
def _unit_km(a: str, b: str) -> float:
    """How far apart the centres of two first-level units are (by their ISO 3166-2 codes)."""
    p, q = _unit_centre(a), _unit_centre(b)
    return km((*p, 3), (*q, 3)) if p and q else float("inf")


@lru_cache(maxsize=1024)
def _unit_centre(code: str) -> tuple[float, float] | None:
    country = code.split("-")[0].upper()
    for e in default_gazetteer().units(country):
        if (e.admin1_code or "").upper() == code.upper() and e.lat is not None and e.lon is not None:
            return e.lat, e.lon
    return None


def place_score(a: PlaceFeatures, b: PlaceFeatures) -> float | None:
    """The score part of :func:`place_relation`."""
    return place_relation(a, b)[0]


# how far a dated event's middle may lie after an undated report's publication (a day's event has its middle
# at noon, and a report published in the small hours may tell of it); beyond, the report came first
MAX_AHEAD_OF_REPORT = 12 * HOUR


def _located(p: PlaceFeatures) -> bool:
    """Placed on the map at all: an unresolved name ("the Osman Digna air base") lies in no region,
    so it can only match the same name, never be "inside" another report's region."""
    return bool(p.countries or p.admin1 or p.admin2 or p.points)


def _near(a: PlaceFeatures, b: PlaceFeatures) -> bool:
    """Any two points within the radius of their coarser precision (region centroids never count)."""
    for p in a.points:
        if p[2] >= 3:
            continue
        for q in b.points:
            if q[2] < 3 and km(p, q) <= RADIUS_KM[max(p[2], q[2], 1)]:
                return True
    return False


def _gap(w: Window, o: Window) -> float:
    """How far apart two dated times are, as their texts state them (``_stated_gap``); a day stated
    after its bare page date (``Window.page_day``) is as near as the nearer of it and the page's day."""
    if w.page_day is None and o.page_day is None:
        return _stated_gap(w, o)
    return min(_stated_gap(a, b) for a in _as_paged(w) for b in _as_paged(o))


def _as_paged(w: Window) -> tuple[Window, ...]:
    if w.page_day is None or w.stated is None:
        return (w,)
    lo, hi = w.stated
    return w, replace(w, stated=(w.page_day, w.page_day + (hi - lo)), page_day=None, part_span=None)


def _stated_gap(w: Window, o: Window) -> float:
    """How far apart two dated times are, as their texts state them: between their middles when
    stated alike (two days, two clock times), else from the finer one to the coarser one's span (a
    night's 01:00-05:30 lies within its day, 0 h from it); two days' parts as far apart as their hours
    (a day's evening and the next day's night are one night: ``link.dayparts``)."""
    if w.part_span is not None and o.part_span is not None:
        (a0, a1), (b0, b1) = w.part_span, o.part_span
        return max(0.0, b0 - a1, a0 - b1)
    if w.precision == o.precision or w.stated is None or o.stated is None:
        return abs(w.centre - o.centre)
    fine, coarse = (w, o) if _LENGTH_RANK[w.precision] < _LENGTH_RANK[o.precision] else (o, w)
    lo, hi = coarse.stated
    return max(0.0, lo - fine.centre, fine.centre - hi)


_LENGTH_RANK = {"hour": 0, "day": 1, "week": 2, "month": 3}


class TimeRefusal(Enum):
    """Why two times cannot be one event, as code tests it (the message is for analysts)."""

    NO_EVIDENCE = "no time evidence"
    SPANS_DAYS = "the incident would span more than two days"
    WINDOWS_APART = "different time windows"
    NO_OVERLAP = "times do not overlap"
    HOURS_APART = "precise times too far apart"
    BEFORE_EVENT = "an undated report published before the event's day"
    DAY_AFTER = "an undated report a day after the dated event"
    PUBLISHED_APART = "undated reports published too far apart"


class Refusal(str):
    """A refusal's message, shown to analysts as it reads, with its ``TimeRefusal`` code."""

    code: TimeRefusal

    def __new__(cls, message: str, code: TimeRefusal) -> Refusal:
        out = super().__new__(cls, message)
        out.code = code
        return out


def refusal_code(why: str) -> TimeRefusal | None:
    """The code of a time refusal (``members_conflict``, ``time_relation``); None for any other reason."""
    return why.code if isinstance(why, Refusal) else None


NO_TIME_EVIDENCE = Refusal("no time evidence", TimeRefusal.NO_EVIDENCE)


def _pair_time(w: Window, o: Window) -> tuple[float | None, str]:
    """How well two windows agree: (score, why), or (None, why) when they cannot be one event."""
    if not w.overlaps(o):
        if w.explicit and o.explicit:
            return None, Refusal("different time windows", TimeRefusal.WINDOWS_APART)
        return None, Refusal("times do not overlap", TimeRefusal.NO_OVERLAP)
    if COARSE in (w.origin, o.origin):  # a week or a month: it contains the other, never dates it
        return COARSE_TIME, "within the week or month a text names (no day)"
    if w.precise and o.precise:
        gap = _gap(w, o)
        if gap > MAX_PRECISE_GAP:
            return None, Refusal(f"times {gap / HOUR:.0f} h apart", TimeRefusal.HOURS_APART)
        if w.explicit and o.explicit:
            return 1.0, "overlapping clock windows"
        return 1.0 - 0.7 * min(
            1.0, max(0.0, gap - 6 * HOUR) / (14 * HOUR)
        ), f"same day (gap {gap / HOUR:.0f} h)"
    follow_up = BEFORE_PUBLISHED in (w.origin, o.origin)
    if w.precise or o.precise:
        pub, ev = (o.ref, w) if w.precise else (w.ref, o)
        lag = (pub or 0.0) - ev.happened  # how long before publication it happened (as its text states it)
        if lag < -MAX_AHEAD_OF_REPORT:  # a report cannot tell of what happened after it was published
            return None, Refusal(
                "an undated report published before the day the event is dated", TimeRefusal.BEFORE_EVENT
            )
        if follow_up:
            return 0.5, f"a follow-up published {max(lag, 0.0) / HOUR:.0f} h after the dated event"
        if lag > MAX_REPORT_LAG:
            return None, Refusal("an undated report a day after the dated event", TimeRefusal.DAY_AFTER)
        s = 1.0 - 0.7 * min(1.0, max(0.0, lag - 12 * HOUR) / (12 * HOUR))
        return s, f"undated report published {max(lag, 0.0) / HOUR:.0f} h after the dated event"
    gap = abs(w.centre - o.centre)
    if follow_up:
        return 0.4, f"a follow-up and a report published {gap / HOUR:.0f} h apart"
    if gap > MAX_PUBLISHED_GAP:
        return None, Refusal(
            f"undated reports published {gap / HOUR:.0f} h apart", TimeRefusal.PUBLISHED_APART
        )
    return 0.5 + 0.3 * (1.0 - min(1.0, max(0.0, gap - 6 * HOUR) / (10 * HOUR))), (
        f"undated reports published {gap / HOUR:.0f} h apart"
    )


# A stated clock window wholly inside these local hours is daytime: a night's account ("overnight",
# «ночью», «вночі») does not tell of it (an MoD bulletin's "08:00-14:00" and its "overnight" one).
DAYTIME = (7 * 60, 18 * 60)


def _daytime(clock: tuple[int, int] | None) -> bool:
    return clock is not None and DAYTIME[0] <= clock[0] < clock[1] <= DAYTIME[1]


def hint_conflict(a: Features, b: Features) -> str | None:
    """Explicit disagreement in what two time texts say, even where they cannot be dated."""
    for x, y in ((a, b), (b, a)):
        if x.hints.night and not x.hints.clock and _daytime(y.hints.clock):
            return "a night and a daytime clock window"
    if a.day is not None and b.day is not None:
        return None  # both dated: the windows decide
    night = a.hints.night or b.hints.night
    wa = a.hints.weekday if a.hints.weekday is not None else (a.day.weekday() if a.day else None)
    wb = b.hints.weekday if b.hints.weekday is not None else (b.day.weekday() if b.day else None)
    if wa is not None and wb is not None and wa != wb and not (night and (wa - wb) % 7 in (1, 6)):
        return "different weekdays"
    ma = a.hints.monthday or ((a.day.month, a.day.day) if a.day else None)
    mb = b.hints.monthday or ((b.day.month, b.day.day) if b.day else None)
    if ma and mb and ma != mb:
        try:
            diff = abs((date(2000, *ma) - date(2000, *mb)).days)
        except ValueError:
            diff = 99
        if not (night and diff == 1):
            return "different dates"
    ca, cb = a.hints.clock, b.hints.clock
    if ca and cb and ca[0] < ca[1] and cb[0] < cb[1] and not (ca[0] < cb[1] and cb[0] < ca[1]):
        return "different time windows"
    return None


def time_relation(f: Features, inc: Incident) -> tuple[float | None, str]:
    """Time agreement of a mention with *every* dated member of an incident (not just one).

    Precise windows (from the text) are compared with precise ones; a window
    inferred from publication with how long before publication the dated
    event happened (up to 12 hours is normal for an overnight attack, a day
    later is another event), and with other undated reports by how far apart
    they were published. A mention with no window at all has no time
    evidence and links to nothing (unknown is not a wildcard).
    """
    w = f.window
    if w is None or not inc.windows:
        return None, NO_TIME_EVIDENCE
    has_precise = bool(inc.precise_windows)
    pool = inc.precise_windows if has_precise else inc.windows
    if w.precise and has_precise:
        lo, hi = min(inc.precise_lo, w.start), max(inc.precise_hi, w.end)
        if hi - lo > MAX_PRECISE_SPAN:
            return None, Refusal("the incident would span more than two days", TimeRefusal.SPANS_DAYS)
    worst: float | None = None
    why = ""
    for o in pool:
        s, r = _pair_time(w, o)
        if s is None:
            return None, r
        if worst is None or s < worst:
            worst, why = s, r
    return worst, why


def time_score(f: Features, inc: Incident) -> float | None:
    """The score part of :func:`time_relation`."""
    return time_relation(f, inc)[0]


def monthday(f: Features) -> tuple[int, int] | None:
    """(month, day) its own text dates it to: the full date's, or a year-less "17 травня"."""
    if f.day is not None:
        return f.day.month, f.day.day
    return f.hints.monthday if f.window is None else None


# the place relation (same spot 1.0, same district 0.85) two year-less texts of one day of the month need
MONTHDAY_PLACE = 0.85


def same_monthday(f: Features, inc: Incident, place: float = 0.0) -> str:
    """Placing by day of month where the year is unknown (a report with no publication date).

    "В ніч на 17 травня" with no publication date cannot be dated, but it names its day: it
    may join an incident every dated member of which its text puts on that day of the month,
    when it also gives a count one of them gives (a day recurs every year; its count rarely).
    Two texts that both lack a year and name one day of the month in one spot or district
    (``place``) join: nothing in either says another year, and one place struck on one day of the
    month years apart is rarer than one strike told twice; a date with its year needs the count.
    """
    mine = monthday(f)
    members = inc.members[:64]
    theirs = {monthday(m) for m in members} - {None}
    if mine is None or theirs != {mine}:
        return ""
    # a day of the month recurs every year: the same count must back it ("20 drones" both), or the
    # weekday the undated text names ("on Friday, September 20": that date is a Friday one year in six)
    if counts(f) & set().union(*(counts(m) for m in members)):
        return "the same day of the month and the same count; the year is not known (no publication date)"
    if _weekday_confirms([f, *members]):
        return "the same day of the month, on the weekday the undated text names; no publication date"
    # two texts neither of which gives a year, one day of the month in one place: "2 March" against
    # "2 March" is time evidence; against a dated event it is not (that date recurs every year)
    if place >= MONTHDAY_PLACE and f.window is None and all(m.window is None for m in members):
        return "the same day of the month in the same place, neither text giving a year"
    return ""


def _weekday_confirms(texts: list[Features]) -> bool:
    """Does every text with no time evidence name the weekday that the others' dated day falls on?"""
    days = {x.day for x in texts if x.day is not None}
    undated = [x for x in texts if x.window is None]
    return bool(days and undated) and all(
        x.hints.weekday is not None and all(d.weekday() == x.hints.weekday for d in days) for x in undated
    )


TOLL_FIELDS = ("killed", "injured")
# a toll of one or two hurt recurs day after day in a frontline district: only a toll of this many
# people (the figures both texts give, together) tells one event from another
DISTINCT_TOLL = 5


def toll(f: Features) -> dict[str, float]:
    """The casualty figures its text gives (killed, injured), as stated."""
    out = {}
    for k in TOLL_FIELDS:
        claim = f.rec.event.get(k)
        value = claim.get("value") if isinstance(claim, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[k] = float(value)
    return out


def same_toll(f: Features, inc: Incident) -> str:
    """Placing by the toll where one side has no time at all (a page with no date naming no day).

    A report that gives no date and was published on a date unknown cannot be put on a day, but a toll
    it states ("4 killed, 15 injured") that a member of the incident states too, every figure both give
    alike and together at least ``DISTINCT_TOLL`` people, ties it to that event; the place gates and any
    weekday it names ("on Tuesday") must still agree. "One man was hurt" is no evidence: such tolls recur.
    """
    mine = toll(f)
    if sum(mine.values()) < DISTINCT_TOLL:
        return ""
    for m in inc.members[:64]:
        if f.window is not None and m.window is not None:
            continue  # both placed in time: the windows decide
        theirs = toll(m)
        common = mine.keys() & theirs.keys()
        if all(mine[k] == theirs[k] for k in common) and sum(mine[k] for k in common) >= DISTINCT_TOLL:
            return (
                "no date, but the toll a member gives ("
                + ", ".join(f"{int(mine[k])} {k}" for k in sorted(common))
                + ")"
            )
    return ""


def counts(f: Features) -> set[float]:
    """The numbers of weapons its text gives (downed or launched)."""
    out = set()
    for k in ("count", "launched"):
        claim = f.rec.event.get(k)
        value = claim.get("value") if isinstance(claim, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            out.add(float(value))
    return out
