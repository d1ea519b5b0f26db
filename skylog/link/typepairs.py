"""One strike told as different event types: the data table of type pairs and the frame they need.

The side that suffered a missile strike may tell of "shelling", its air defence of "four missiles
intercepted", its governor of "fragments on the shore"; the other side of a strike. The type rules
(``relations.type_score``) keep such pairs apart unless a text ties them. ``type_pairs.toml`` lists
the pairs outlets use for one physical event; a listed pair is compatible when the mention and the
incident's claims share a frame (``frame``): the same weapon, casualties of the same size, or a
particular name both give. Time and place are judged by their own gates, so the same city another
day, or another town the same day, stays apart; a tally never joins a town's report (``gates``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from skylog.link.features import Features
from skylog.link.incident import Incident
from skylog.link.relations import toll, type_pair

TABLE = Path(__file__).with_name("type_pairs.toml")
_MEMBERS = 64  # members of an incident looked at for a shared frame


@dataclass(frozen=True)
class Pair:
    frames: frozenset[str]
    weapons: frozenset[str]
    score: float


@dataclass(frozen=True)
class Table:
    pairs: dict[frozenset[str], Pair]
    min_toll: float
    toll_ratio: float


@lru_cache(maxsize=1)
def table() -> Table:
    data = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    pairs = {
        frozenset(p["types"]): Pair(
            frozenset(p["frames"]), frozenset(p.get("weapons", ())), float(p["score"])
        )
        for p in data.get("pair", [])
    }
    return Table(pairs, float(data["min_toll"]), float(data["toll_ratio"]))


def listed(a: str, b: str) -> Pair | None:
    """The table's entry for two different types, if outlets use them for one event."""
    return table().pairs.get(frozenset((a, b))) if a != b else None


def same_size(a: dict[str, float], b: dict[str, float]) -> bool:
    """Casualties of the same size: the figures both give (killed, injured) add up to at least
    ``min_toll`` people on each side, the larger sum within ``toll_ratio`` of the smaller."""
    t = table()
    common = a.keys() & b.keys()
    x, y = sum(a[k] for k in common), sum(b[k] for k in common)
    return bool(common) and min(x, y) >= t.min_toll and max(x, y) <= t.toll_ratio * min(x, y)


def frame(f: Features, m: Features, pair: Pair, f_toll: dict[str, float] | None = None) -> str:
    """What the claims of two mentions of different reports share that ``pair`` accepts, or ""
    (``f_toll``: ``toll(f)`` where the caller has it already)."""
    if f.rec.report_id == m.rec.report_id:
        return ""
    if "weapon" in pair.frames and f.weapon and f.weapon == m.weapon and f.weapon in pair.weapons:
        return f"both name the weapon ({f.weapon})"
    ft = (toll(f) if f_toll is None else f_toll) if {"toll", "town"} & pair.frames else {}
    if "toll" in pair.frames and same_size(ft, toll(m)):
        return "casualties of the same size"
    if "name" in pair.frames and f.names & m.names and not (f.tally or m.tally):
        return f"both name {', '.join(sorted(f.names & m.names))}"
    if "town" in pair.frames and same_town_day(f, m) and tolls_agree(ft, toll(m)):
        return f"one settlement ({', '.join(sorted(f.places.towns))}) on one day ({f.day})"
    return ""


def same_town_day(f: Features, m: Features) -> bool:
    """Both place their event in the same settlements (the one town each names; neither names another), on the
    same day, and neither is a region-wide tally."""
    one = bool(f.places.towns) and f.places.towns == m.places.towns
    return one and f.day is not None and f.day == m.day and not (f.tally or m.tally)


def tolls_agree(a: dict[str, float], b: dict[str, float]) -> bool:
    """No figure both give (killed, injured) differs: equal, or within ``toll_ratio`` of each other
    (a toll that grew during the day); "1 injured" beside "3 killed" is another strike."""
    ratio = table().toll_ratio
    return all(a[k] == b[k] or 0 < min(a[k], b[k]) and max(a[k], b[k]) <= ratio * min(a[k], b[k])
               for k in a.keys() & b.keys())  # fmt: skip


def incident_frame(f: Features, inc: Incident, t: str) -> tuple[float, str] | None:
    """(score, why) for ``f`` beside the type ``t`` of ``inc`` by the table: the pair is listed and
    a member of the incident (of another report) shares a frame with ``f``; else None."""
    pair = listed(f.type, t)
    if pair is None:
        return None
    f_toll = toll(f)
    if "toll" in pair.frames and sum(f_toll.values()) < table().min_toll:  # too few for a toll frame
        pair = Pair(pair.frames - {"toll"}, pair.weapons, pair.score)
        if not pair.frames:
            return None
    for m in inc.members[:_MEMBERS]:
        why = frame(f, m, pair, f_toll)
        if why:
            return pair.score, f"types {f.type} / {t}: one event told two ways ({why})"
    return None


def table_type_score(f: Features, inc: Incident) -> tuple[float | None, str]:
    """``relations.type_score`` with the table: every type of ``inc`` is compatible with ``f`` by
    the type rules, or by a listed pair whose frame a member shares; (score, why the table linked)."""
    best: float | None = None
    notes = []
    for t in sorted(inc.types):
        s = type_pair(f, inc, t)
        if s is None:
            framed = incident_frame(f, inc, t)
            if framed is None:
                return None, ""
            s = framed[0]
            notes.append(framed[1])
        best = s if best is None else min(best, s)
    return best, "; ".join(notes)
