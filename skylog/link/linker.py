"""Incremental, deterministic linking of event mentions into incidents.

How a mention finds its incident
--------------------------------
1. **Blocking.** Every active incident is indexed under (day, region) keys for
   each day its members' windows touch and each admin1 unit (or country, or
   "*" when no place is known). A mention looks only at incidents under its
   own keys, plus those whose report text its report near-duplicates (MinHash
   LSH), so the work per mention stays small however large the archive is.
2. **Hard gates: evidence, not absence of conflict.** Two mentions of one
   report never join. Analyst overrides come first (a split pair never joins,
   a merged pair always does). A tally (national or three-plus regions, see
   ``_mark_tallies``) joins only tallies of its side: with a town's report of the
   same night it is *related* (``Linker.related``), never one incident. Types
   must be compatible (below). Places must not conflict: other country, other
   admin1 region, other settlement (air defence aside). Time needs evidence: a
   mention's window (its text, else its report's dateline or stated MoD window,
   else the day before publication) must agree with every dated member of the
   incident (``time_relation``), and undated texts must not name another
   weekday, date or clock window (``hint_conflict``). No window at all: only a
   copy of a member's text (MinHash) may join.
3. **Score** = 0.30 place + 0.20 type + 0.25 wording + 0.25 time; the best
   incident at or above ``threshold`` wins, otherwise a new incident starts.
   A mention matching two incidents with ``merge_threshold`` merges them only
   when every member of one passes the gates against the other (logged); the
   survivor is the older incident, so ids stay stable. Every membership keeps
   its :class:`Evidence` (score, time and place relation, wording, reasons).

Type compatibility (decided here, documented in the report)
----------------------------------------------------------
- same type: 1.0; interception and debris_fall: 0.9 (debris is what an
  interception leaves);
- two attack types (drone, missile, air strike, shelling): 0.5 - mixed
  attacks ("artillery fire and drone strikes") are one incident, but the
  other evidence must carry it;
- an interception (or debris) and an attack: only when an attack-typed
  report itself tells of the downing too ("the drone was shot down, its
  debris hit the depot"): 0.6; debris damage told in an interception report
  is that interception's own outcome and ties it to no strike. Otherwise a same-night interception and a strike stay
  separate incidents;
- a mention typed as a drone/missile/air strike whose own text tells only of
  a downing ("destroyed 5 drones", no impact) is read as an interception
  report: 0.8 (guards against an upstream type error);
- shelling never links with an interception (artillery is not shot down).

Incident ids are ``inc-`` + a hash of the mention that created the incident,
so they do not change when later evidence joins or when an older incident
absorbs a newer one.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from datasketch import MinHashLSH

from skylog.link.features import (
    ATTACK_TYPES,
    DAY,
    DEFENCE_TYPES,
    HOUR,
    RADIUS_KM,
    Features,
    MentionRecord,
    PlaceFeatures,
    Window,
    is_locator,
    km,
    national_lead,
    place_features,
    tally_side,
    time_hints,
    time_window,
    type_cues,
)
from skylog.link.text import NUM_PERM, TextEncoder, cosine_max

MAX_PRECISE_SPAN = 48 * HOUR
UNDATED = -(10**6)  # the "day" of blocking keys for mentions with no time and no publication date
MAX_VECTORS = 12  # member vectors kept per incident for wording comparison
COPY_JACCARD = 0.6  # MinHash Jaccard at or above which two reports are one text


def incident_id_for(mention_id: str) -> str:
    return "inc-" + hashlib.sha1(mention_id.encode()).hexdigest()[:12]


@dataclass
class LogEntry:
    """One change to the incident set: create, join, merge or split."""

    action: str
    incident_id: str
    mention_id: str | None = None
    other_id: str | None = None
    score: float | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "incident_id": self.incident_id,
            "mention_id": self.mention_id,
            "other_id": self.other_id,
            "score": self.score,
            "detail": self.detail,
        }


@dataclass
class Incident:
    """An incident being built: its members and the union of their features."""

    id: str
    order: int  # creation order, for choosing merge survivors
    members: list[Features] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    places: PlaceFeatures = field(default_factory=PlaceFeatures)
    windows: list[Window] = field(default_factory=list)
    precise_windows: list[Window] = field(default_factory=list)
    precise_lo: float = float("inf")
    precise_hi: float = float("-inf")
    end: float = float("-inf")
    reports: set[str] = field(default_factory=set)
    types: Counter = field(default_factory=Counter)
    vectors: np.ndarray | None = None
    blocks: set[tuple[int, str]] = field(default_factory=set)
    attack_bridge: bool = False  # an attack report that itself tells of the downing
    real_attacks: Counter = field(default_factory=Counter)  # attack-typed members telling of an impact
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)  # mention id -> why it is a member
    tally: bool | None = None  # a region-wide tally (set by its first member)
    side: str | None = None  # whose tally

    @property
    def mention_ids(self) -> list[str]:
        return [f.rec.id for f in self.members]

    @property
    def records(self) -> list[MentionRecord]:
        return [f.rec for f in self.members]

    def add(self, f: Features, score: float = 1.0) -> None:
        self.members.append(f)
        self.scores[f.rec.id] = round(float(score), 4)
        if self.tally is None and (f.tally or f.places.known):
            self.tally = f.tally  # a mention with no place says nothing about it
        self.side = self.side or f.side
        self.places = self.places.union(f.places)
        if f.window is not None:
            if len(self.windows) < 64:
                self.windows.append(f.window)
                if f.window.precise:
                    self.precise_windows.append(f.window)
            self.end = max(self.end, f.window.end)
            if f.window.precise:
                self.precise_lo = min(self.precise_lo, f.window.start)
                self.precise_hi = max(self.precise_hi, f.window.end)
        self.reports.add(f.rec.report_id)
        self.types[f.type] += 1
        self.attack_bridge = self.attack_bridge or (f.bridge and f.type in ATTACK_TYPES)
        if f.type in ATTACK_TYPES and not f.downing_only:
            self.real_attacks[f.type] += 1
        v = f.vector[None, :]
        if self.vectors is None:
            self.vectors = v
        elif self.vectors.shape[0] < MAX_VECTORS:
            self.vectors = np.vstack([self.vectors, v])


def _countries(p: PlaceFeatures) -> set[str]:
    """Its countries, with those of its ISO 3166-2 region codes ("UA-63" -> "UA")."""
    out = set(p.countries)
    out.update(a.split("-")[0] for a in p.admin1 if len(a) > 3 and a[2] == "-" and a[:2].isalpha())
    return out


def region_keys(p: PlaceFeatures) -> list[str]:
    """Region part of the blocking keys a mention is indexed under.

    A mention placed in a region is also indexed under "in:<country>", which only
    country-level mentions look up ("air strikes in Lebanon" finds the Nabatieh strike).
    """
    if p.admin1:
        return sorted(p.admin1) + sorted("in:" + c for c in _countries(p))
    if p.countries:
        return sorted("cc:" + c for c in p.countries)
    return ["*"]


def lookup_keys(p: PlaceFeatures) -> list[str]:
    """Region keys a mention looks under: its own, its country's, and place-unknown."""
    keys = list(p.admin1) + ["cc:" + c for c in p.countries] + ["*"]
    if not p.admin1:
        keys += ["in:" + c for c in p.countries]
    return sorted(set(keys))


def type_score(f: Features, inc: Incident) -> float | None:
    """How compatible the mention's type is with every type already in the incident."""
    best = None
    for t in inc.types:
        if t == f.type:
            s = 1.0
        elif t in DEFENCE_TYPES and f.type in DEFENCE_TYPES:
            s = 0.9
        elif t in ATTACK_TYPES and f.type in ATTACK_TYPES:
            s = 0.5
        elif "shelling" in (t, f.type):
            return None  # artillery is not shot down by air defence
        elif f.type in ATTACK_TYPES and f.downing_only and t in DEFENCE_TYPES:
            s = 0.8  # typed as an attack, but its text only tells of drones downed
        elif f.type in DEFENCE_TYPES and t in ATTACK_TYPES and not inc.real_attacks[t]:
            s = 0.8  # the incident's attack-typed reports only tell of downing
        elif (f.bridge and f.type in ATTACK_TYPES) or (f.type in DEFENCE_TYPES and inc.attack_bridge):
            s = 0.6  # a strike report that itself tells of the downing
        else:
            return None  # an interception and a strike the texts do not tie together
        best = s if best is None else min(best, s)
    return best


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
            return None, "different regions"
    elif a.countries and b.countries and not (a.countries & b.countries):
        return None, "different countries"
    if a.towns and b.towns and not (a.towns & b.towns) and not defence:
        return None, "different settlements"
    if a.spots & b.spots:
        return 1.0, "same place"
    if a.admin2 & b.admin2:
        return 0.85, "same district"
    if not a.specific or not b.specific:
        return 0.6, "one names the region the other's place lies in"
    if _near(a, b):
        return 0.6, "nearby places"
    if not (a.points and b.points):
        return 0.4, "different spots in one region"
    return 0.1, "different spots in one region, far apart"


def place_score(a: PlaceFeatures, b: PlaceFeatures) -> float | None:
    """The score part of :func:`place_relation`."""
    return place_relation(a, b)[0]


def _near(a: PlaceFeatures, b: PlaceFeatures) -> bool:
    """Any two points within the radius of their coarser precision (region centroids never count)."""
    for p in a.points:
        if p[2] >= 3:
            continue
        for q in b.points:
            if q[2] < 3 and km(p, q) <= RADIUS_KM[max(p[2], q[2], 1)]:
                return True
    return False


MAX_PRECISE_GAP = 20 * HOUR
MAX_REPORT_LAG = 24 * HOUR
MAX_PUBLISHED_GAP = 16 * HOUR  # two undated reports further apart than this tell of different nights
UNPLACED_TEXT = 0.5  # wording a mention with no known place needs to link
COUNTRY_TEXT = 0.25  # wording a mention placed only in a country needs to join one town's incident


def _pair_time(w: Window, o: Window) -> tuple[float | None, str]:
    """How well two windows agree: (score, why), or (None, why) when they cannot be one event."""
    if not w.overlaps(o):
        if w.explicit and o.explicit:
            return None, "different time windows"
        return None, "times do not overlap"
    if w.precise and o.precise:
        gap = abs(w.centre - o.centre)
        if gap > MAX_PRECISE_GAP:
            return None, f"times {gap / HOUR:.0f} h apart"
        if w.explicit and o.explicit:
            return 1.0, "overlapping clock windows"
        return 1.0 - 0.7 * min(
            1.0, max(0.0, gap - 6 * HOUR) / (14 * HOUR)
        ), f"same day (gap {gap / HOUR:.0f} h)"
    if w.precise or o.precise:
        pub, ev = (o.ref, w) if w.precise else (w.ref, o)
        lag = (pub or 0.0) - (ev.start + ev.end) / 2  # how long before publication it happened
        if lag > MAX_REPORT_LAG:
            return None, "an undated report a day after the dated event"
        s = 1.0 - 0.7 * min(1.0, max(0.0, lag - 12 * HOUR) / (12 * HOUR))
        return s, f"undated report published {max(lag, 0.0) / HOUR:.0f} h after the dated event"
    gap = abs(w.centre - o.centre)
    if gap > MAX_PUBLISHED_GAP:
        return None, f"undated reports published {gap / HOUR:.0f} h apart"
    return 0.5 + 0.3 * (1.0 - min(1.0, max(0.0, gap - 6 * HOUR) / (10 * HOUR))), (
        f"undated reports published {gap / HOUR:.0f} h apart"
    )


def hint_conflict(a: Features, b: Features) -> str | None:
    """Explicit disagreement in what two time texts say, even where they cannot be dated."""
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
        return None, "no time evidence"
    has_precise = bool(inc.precise_windows)
    pool = inc.precise_windows if has_precise else inc.windows
    if w.precise and has_precise:
        lo, hi = min(inc.precise_lo, w.start), max(inc.precise_hi, w.end)
        if hi - lo > MAX_PRECISE_SPAN:
            return None, "the incident would span more than two days"
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


@dataclass
class Evidence:
    """Why a mention is in its incident (stored with the membership, shown to analysts)."""

    score: float | None
    time: str
    place: str
    text_similarity: float | None
    reasons: list[str] = field(default_factory=list)
    created_by: str = "linker"

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 4),
            "time": self.time,
            "place": self.place,
            "text_similarity": None if self.text_similarity is None else round(self.text_similarity, 4),
            "reasons": list(self.reasons),
            "created_by": self.created_by,
        }


class Linker:
    """Links mentions into incidents one at a time; state carries across batches.

    ``link(records)`` is deterministic for a given sequence of batches: each
    batch is processed in (published_at, report id, mention id) order.
    ``retire(before)`` drops incidents whose time window ended before
    ``before`` from the working set and hands them back, which bounds memory
    on archives of millions of mentions (late reports about them start new
    incidents; the store-backed linker reloads what it needs).

    Analyst overrides are report pairs: ``cannot`` (split apart: never in one
    incident) and ``must`` (merged: a mention of one joins the incident of the
    other, whatever the gates say). They outlive incidents, so a
    report re-extracted or re-linked lands where the analyst put it.
    """

    def __init__(
        self,
        threshold: float = 0.55,
        merge_threshold: float = 0.8,
        on_log: Callable[[LogEntry], None] | None = None,
    ) -> None:
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.encoder = TextEncoder()
        self.incidents: dict[str, Incident] = {}
        self.by_mention: dict[str, str] = {}
        self.blocks: dict[tuple[int, str], list[str]] = {}
        self.lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=NUM_PERM)
        self.log: list[LogEntry] = []
        self._on_log = on_log
        self._order = 0
        self.reserved: set[str] = set()  # ids in use elsewhere (stored incidents not loaded)
        self.cannot: dict[str, set[str]] = {}  # report id -> reports it may never share an incident with
        self.must: dict[str, set[str]] = {}  # report id -> reports an analyst merged it with
        self.related: dict[tuple[str, str], str] = {}  # (incident, incident) sorted -> relation

    # -- overrides -------------------------------------------------------
    def forbid(self, a: str, b: str) -> None:
        """Reports ``a`` and ``b`` may never share an incident (an analyst's split)."""
        if a == b:
            return
        self.cannot.setdefault(a, set()).add(b)
        self.cannot.setdefault(b, set()).add(a)
        self.must.get(a, set()).discard(b)
        self.must.get(b, set()).discard(a)

    def require(self, a: str, b: str) -> None:
        """Reports ``a`` and ``b`` tell of one incident (an analyst's merge)."""
        if a == b:
            return
        self.must.setdefault(a, set()).add(b)
        self.must.setdefault(b, set()).add(a)
        self.cannot.get(a, set()).discard(b)
        self.cannot.get(b, set()).discard(a)

    # -- features --------------------------------------------------------
    def features(self, records: list[MentionRecord]) -> list[Features]:
        from skylog.extract.common.timex import dateline

        texts = [r.evidence_text() or (r.title or "") for r in records]
        vecs = self.encoder.vectors(texts)
        mhs = self.encoder.minhashes([r.copy_text() for r in records])
        out = []
        datelines: dict[str, Any] = {}
        for r, v, mh, t in zip(records, vecs, mhs, texts, strict=True):
            bridge, downing_only = type_cues(t)
            ev_time = r.event.get("time") or {}
            window = time_window(r.event, r.published_at, r.source_kind)
            hint_text = ev_time.get("text")
            if window is None or not window.precise:
                # no time of its own: the report's dateline places it ("BELGOROD, August 18. /TASS/")
                if r.report_id not in datelines:
                    datelines[r.report_id] = dateline(r.report_text or "", r.published_at)
                dl = datelines[r.report_id]
                if dl is not None:
                    hint_text = hint_text or dl.text
                    if dl.start:
                        dl_ev = {
                            "time": {
                                "start": dl.start,
                                "end": dl.end,
                                "precision": "day",
                                "origin": "dateline",
                            }
                        }
                        window = time_window(dl_ev, r.published_at, r.source_kind)
            places = r.event.get("places") or []
            pf = place_features(places, r.report_text)
            day = None
            if window is not None and window.precise and window.precision in ("day", "hour"):
                start = ev_time.get("start") if window.origin == "text" else None
                try:
                    day = date.fromisoformat(str(start)[:10]) if start else None
                except ValueError:
                    day = None
            out.append(
                Features(
                    rec=r,
                    type=str(r.event.get("type")),
                    weapon=r.event.get("weapon"),
                    window=window,
                    places=pf,
                    vector=v,
                    minhash=mh,
                    bridge=bridge,
                    downing_only=downing_only,
                    hints=time_hints(hint_text),
                    day=day,
                    locator_only=bool(places)
                    and not pf.known
                    and any(isinstance(p, dict) and is_locator(r.report_text, p.get("span")) for p in places),
                )
            )
        self._place_by_report(out)
        self._mark_tallies(out)
        return out

    @staticmethod
    def _mark_tallies(feats: list[Features]) -> None:
        """A tally report (a national command's count, country-wide, or over three or more regions)
        tells of the tally. When it opens as one, every mention is a part of the tally (a town's
        strike it also tells of is *related*); otherwise its air-defence mentions and those naming
        no settlement are parts, and a strike on a named town stays a local mention."""
        by_report: dict[str, list[Features]] = {}
        for f in feats:
            by_report.setdefault(f.rec.report_id, []).append(f)
        for fs in by_report.values():
            regions = set().union(*(f.places.admin1 for f in fs))
            if len(regions) == 1 and not any(f.type in DEFENCE_TYPES or not f.places.towns for f in fs):
                continue  # strikes on named towns of one region: a local report, whoever speaks
            text = fs[0].rec.report_text or fs[0].rec.text or ""
            side = tally_side(text)
            national = len(regions) >= 3 or any(f.places.tally and f.type in DEFENCE_TYPES for f in fs)
            # a national voice in the lead, or anywhere over no single region (one region's report
            # quoting the national count later on is local)
            lead = national_lead(text)
            national = national or lead
            if side is not None:
                # for a side's own tally, the other country's regions are launch sites, not places hit
                regions = {a for a in regions if not a[:3].isupper() or a[:2] == side}
            if side is not None and not national:
                # a national voice over no region, or a count over two regions that is all air defence
                national = not regions or (len(regions) == 2 and all(f.type in DEFENCE_TYPES for f in fs))
            if not national:
                continue
            if side is None:
                cc = Counter(c for f in fs for c in f.places.countries)
                cc.update(a.split("-")[0] for a in regions if re.fullmatch(r"[A-Z]{2}-\w+", a))
                side = sorted(cc.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if cc else None
            for f in fs:
                f.tally = lead or len(f.places.admin1) >= 3 or f.type in DEFENCE_TYPES or not f.places.towns
                f.side = side

    @staticmethod
    def _place_by_report(feats: list[Features]) -> None:
        """A mention with no time of its own takes its report's: the window its dated siblings agree on."""
        by_report: dict[str, list[Features]] = {}
        for f in feats:
            by_report.setdefault(f.rec.report_id, []).append(f)
        for fs in by_report.values():
            dated = [f.window for f in fs if f.window is not None and f.window.precise]
            if not dated or len(dated) == len(fs):
                continue
            # only a stated clock window the report's dated mentions share (an MoD tally's "12:00-20:00")
            if not all(w.explicit for w in dated) or len({(w.start, w.end) for w in dated}) != 1:
                continue
            for f in fs:
                if f.window is None or not f.window.precise:
                    w = dated[0]
                    f.window = Window(w.start, w.end, True, w.precision, explicit=True, origin="report")

    # -- linking ---------------------------------------------------------
    def link(self, records: Iterable[MentionRecord]) -> list[tuple[str, str]]:
        """Link a batch; returns (mention id, incident id) in processing order."""
        recs = sorted((r for r in records if r.id not in self.by_mention), key=MentionRecord.sort_key)
        seen: set[str] = set()
        unique = []
        for r in recs:
            if r.id not in seen:
                seen.add(r.id)
                unique.append(r)
        feats = self.features(unique)
        # relative-locator-only mentions last: they belong with a sibling mention of their report
        feats.sort(key=lambda f: f.locator_only)
        return [(f.rec.id, self._link_one(f)) for f in feats]

    def seed(
        self,
        incident_id: str,
        records: list[MentionRecord],
        order: int | None = None,
        evidence: dict[str, dict[str, Any]] | None = None,
    ) -> Incident:
        """Restore a stored incident with its members (and their stored evidence), without re-linking them."""
        recs = sorted(records, key=MentionRecord.sort_key)
        inc = Incident(id=incident_id, order=self._next_order() if order is None else order)
        self._order = max(self._order, inc.order + 1)
        self.incidents[inc.id] = inc
        for f in self.features(recs):
            ev = (evidence or {}).get(f.rec.id)
            if ev and "tally" in ev:  # decided with its whole report when it was linked
                f.tally, f.side = bool(ev["tally"]), ev.get("side")
            self._attach(inc, f, (ev or {}).get("score") or 1.0, ev)
        return inc

    def _next_order(self) -> int:
        self._order += 1
        return self._order - 1

    def _candidates(self, f: Features) -> list[Incident]:
        ids: set[str] = set()
        keys = lookup_keys(f.places)
        days = list(f.window.days()) if f.window is not None else []
        for d in [*days, UNDATED]:  # undated incidents are few: every mention may look at them
            for k in keys:
                ids.update(self.blocks.get((d, k), ()))
        # copies of its text, wherever they are indexed (checked, not just LSH-near)
        f.copies = set()
        for mid in self.lsh.query(f.minhash):
            iid = self.by_mention.get(mid)
            inc = self.incidents.get(iid) if iid else None
            if inc is None:
                continue
            ids.add(inc.id)
            if inc.id in f.copies:
                continue
            for m in inc.members:
                if m.rec.id == mid:
                    if m.rec.report_id != f.rec.report_id and m.minhash.jaccard(f.minhash) >= COPY_JACCARD:
                        f.copies.add(inc.id)
                    break
        for rid in self.must.get(f.rec.report_id, ()):
            for iid in self._incidents_of_report(rid):
                ids.add(iid)
        return [self.incidents[i] for i in sorted(ids) if i in self.incidents]

    def _incidents_of_report(self, report_id: str) -> set[str]:
        return {i.id for i in self.incidents.values() if report_id in i.reports}

    def _is_copy(self, f: Features, inc: Incident) -> bool:
        """Is ``f``'s report a copy of a member's? (Found through the MinHash index in ``_candidates``.)"""
        if f.copies is not None:
            return inc.id in f.copies
        return any(
            m.rec.report_id != f.rec.report_id and m.minhash.jaccard(f.minhash) >= COPY_JACCARD
            for m in inc.members[:32]
        )

    def assess(self, f: Features, inc: Incident) -> Evidence | None:
        """The evidence for linking a mention to an incident, or None when a gate fails (see module doc)."""
        return self._assess(f, inc)[0]

    def _assess(self, f: Features, inc: Incident) -> tuple[Evidence | None, str]:
        rid = f.rec.report_id
        if rid in inc.reports:
            return None, "same report"
        banned = self.cannot.get(rid)
        if banned and banned & inc.reports:
            return None, "an analyst split these reports apart"
        forced = self.must.get(rid)
        if forced and forced & inc.reports:
            return Evidence(
                1.0, "analyst", "analyst", None, ["an analyst merged these reports"], "analyst"
            ), ""
        if inc.tally is not None and (f.tally or f.places.known) and f.tally != inc.tally:
            return None, "a region-wide tally and a local report (related, not one incident)"
        if f.tally and inc.tally:
            # one night's tallies: outlets type them by what they stress (launched, downed, hit)
            if f.side and inc.side and f.side != inc.side:
                return None, "tallies of different sides"
            ts: float | None = 1.0 if f.type in inc.types else 0.8
        else:
            ts = type_score(f, inc)
        if ts is None:
            return None, "incompatible event types"
        copy = self._is_copy(f, inc)
        defence = f.type in DEFENCE_TYPES and all(t in DEFENCE_TYPES for t in inc.types)
        if f.tally and inc.tally:
            ps, place_why = 0.6, f"one night's tally ({f.side or inc.side or 'side unknown'})"
        else:
            ps, place_why = place_relation(f.places, inc.places, defence)
        if ps is None:
            return None, place_why
        if ps < 0.6 and defence:
            if f.places.admin1 & inc.places.admin1:
                ps, place_why = 0.6, "one region's air defence the same night (different spots named)"
        for m in inc.members[:64]:
            why = hint_conflict(f, m)
            if why:
                return None, why
        if f.window is None or not inc.windows:
            if not copy:
                return None, "no time evidence"
            tm, time_why = 0.6, "no date, but a copy of a member's text"
        else:
            tm, time_why = time_relation(f, inc)
            if tm is None:
                return None, time_why
        text = cosine_max(f.vector, inc.vectors) if inc.vectors is not None else 0.0
        if ps <= 0.3 and text < UNPLACED_TEXT and not copy:
            return None, "nothing but the time in common"
        country_only = not f.tally and not f.places.admin1 and not f.places.spots
        if country_only and inc.places.specific and text < COUNTRY_TEXT and not copy:
            return None, "only the country in common, and little wording"
        score = 0.30 * ps + 0.20 * ts + 0.25 * text + 0.25 * tm
        reasons = [f"time: {time_why}", f"place: {place_why}"]
        if ts < 1.0:
            reasons.append(f"types {f.type} / {'+'.join(sorted(inc.types))} (compatibility {ts:.2f})")
        if copy:
            reasons.append("a copy or rewrite of a member's text (one source)")
            score = max(score, 0.9)
        if f.window is not None and f.window.origin in ("dateline", "report", "published"):
            reasons.append(f"placed in time by its report's {f.window.origin}")
        return Evidence(score, time_why, place_why, text, reasons), ""

    def score(self, f: Features, inc: Incident) -> float | None:
        """Link score of a mention against an incident, or None when a gate fails."""
        ev = self.assess(f, inc)
        return None if ev is None else ev.score

    def _link_one(self, f: Features) -> str:
        if f.locator_only:
            sib = self._sibling(f)
            if sib is not None:
                ev = Evidence(None, "same report", "relative locator", None,
                              ["its only place locates another ('southwest of X'): the same event as "
                               "its report's other mention"])  # fmt: skip
                self._attach(sib, f, 1.0, ev.to_dict())
                self._emit(
                    LogEntry("join", sib.id, f.rec.id, score=None, detail={"reason": "relative locator"})
                )
                return sib.id
        scored = []
        rejected: list[str] = []
        related: list[Incident] = []
        for inc in self._candidates(f):
            ev, why = self._assess(f, inc)
            if ev is not None and ev.score is not None and ev.score >= self.threshold:
                scored.append((ev.score, -inc.order, inc, ev))
            else:
                if why and len(rejected) < 3:
                    rejected.append(f"not {inc.id}: {why}")
                if why.startswith("a region-wide tally") and f.window is not None:
                    if time_relation(f, inc)[0] is not None:
                        related.append(inc)
        if not scored:
            inc = Incident(id=incident_id_for(f.rec.key or f.rec.id), order=self._next_order())
            while inc.id in self.incidents or inc.id in self.reserved:  # e.g. a report re-extracted
                inc.id = incident_id_for(inc.id)
            self.incidents[inc.id] = inc
            ev = Evidence(None, _describe_window(f.window), "first mention", None,
                          ["no earlier incident matched", *rejected])  # fmt: skip
            self._attach(inc, f, 1.0, ev.to_dict())
            self._emit(LogEntry("create", inc.id, f.rec.id, score=None))
            self._relate(inc.id, related)
            return inc.id
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        best_score, _, best, best_ev = scored[0]
        strong = [inc for s, _, inc, _ in scored if s >= self.merge_threshold]
        if best_score >= self.merge_threshold and len(strong) > 1:
            survivor = min(strong, key=lambda i: i.order)
            for other in sorted(strong, key=lambda i: i.order):
                if other is not survivor and self._compatible(survivor, other):
                    self._merge(survivor, other, f.rec.id)
            if survivor.id in self.incidents:
                best = survivor
                best_ev = self.assess(f, survivor) or best_ev
        self._attach(best, f, best_ev.score or best_score, best_ev.to_dict())
        self._emit(LogEntry("join", best.id, f.rec.id, score=round(best_ev.score or best_score, 4)))
        self._relate(best.id, related)
        return best.id

    def _sibling(self, f: Features) -> Incident | None:
        """The incident of another mention of the same report (for a relative-locator-only mention)."""
        for iid in sorted(self._incidents_of_report(f.rec.report_id)):
            inc = self.incidents[iid]
            if type_score(f, inc) is not None:
                return inc
        return None

    def _compatible(self, a: Incident, b: Incident) -> bool:
        """Can two incidents become one? Every member of ``b`` must pass the gates against ``a``."""
        if a.reports & b.reports or len(b.members) > 32:
            return False
        return all(self._assess(m, a)[0] is not None for m in b.members)

    def _relate(self, iid: str, others: list[Incident]) -> None:
        for o in others:
            if o.id != iid:
                self.related[tuple(sorted((iid, o.id)))] = "tally"  # type: ignore[index]

    def _attach(
        self, inc: Incident, f: Features, score: float, evidence: dict[str, Any] | None = None
    ) -> None:
        inc.add(f, score)
        ev = dict(evidence or Evidence(score, "", "", None, []).to_dict())
        ev["tally"], ev["side"] = f.tally, f.side  # kept so a restored member is judged as it was
        inc.evidence[f.rec.id] = ev
        self.by_mention[f.rec.id] = inc.id
        for d in f.window.days() if f.window is not None else [UNDATED]:
            for k in region_keys(f.places):
                key = (d, k)
                if key not in inc.blocks:
                    inc.blocks.add(key)
                    self.blocks.setdefault(key, []).append(inc.id)
        if f.rec.id not in self.lsh:
            self.lsh.insert(f.rec.id, f.minhash)

    def _merge(
        self, survivor: Incident, other: Incident, via: str | None, detail: dict[str, Any] | None = None
    ) -> None:
        self._drop_from_index(other)
        for f in other.members:
            self._attach(survivor, f, other.scores.get(f.rec.id, 1.0), other.evidence.get(f.rec.id))
        del self.incidents[other.id]
        for key in [k for k in self.related if other.id in k]:
            rel = self.related.pop(key)
            a, b = (survivor.id if x == other.id else x for x in key)
            if a != b:
                self.related[tuple(sorted((a, b)))] = rel  # type: ignore[index]
        self._emit(
            LogEntry("merge", survivor.id, via, other_id=other.id,
                     detail={"absorbed": other.mention_ids, **(detail or {})})
        )  # fmt: skip

    def merge(self, survivor_id: str, other_id: str, reason: str | None = None) -> None:
        """An analyst's merge: ``other`` joins ``survivor``; their reports are tied for later runs."""
        a, b = self.incidents[survivor_id], self.incidents[other_id]
        if a is b:
            raise ValueError("cannot merge an incident with itself")
        for ra in sorted(a.reports):
            for rb in sorted(b.reports):
                self.require(ra, rb)
        for f in b.members:
            b.evidence[f.rec.id] = Evidence(1.0, "analyst", "analyst", None,
                                            [f"an analyst merged {other_id} into {survivor_id}"]
                                            + ([reason] if reason else []), "analyst").to_dict()  # fmt: skip
        self._merge(a, b, None, {"by": "analyst", "reason": reason})

    def split(self, incident_id: str, mention_ids: list[str], reason: str | None = None) -> str:
        """Move ``mention_ids`` out of an incident into a new one (an analyst's call).

        The moved reports are recorded as never belonging with the reports left
        behind, so later runs (re-extraction, re-linking) keep them apart.
        """
        inc = self.incidents[incident_id]
        move = set(mention_ids)
        keep = [f for f in inc.members if f.rec.id not in move]
        out = [f for f in inc.members if f.rec.id in move]
        if not out or not keep:
            raise ValueError("a split must leave members on both sides")
        for ra in sorted({f.rec.report_id for f in out}):
            for rb in sorted({f.rec.report_id for f in keep}):
                self.forbid(ra, rb)
        self._drop_from_index(inc)
        del self.incidents[incident_id]
        for mid in mention_ids:
            self.lsh.remove(mid) if mid in self.lsh else None
        old = Incident(id=inc.id, order=inc.order)
        self.incidents[old.id] = old
        for f in keep:
            self._attach(old, f, inc.scores.get(f.rec.id, 1.0), inc.evidence.get(f.rec.id))
        new = Incident(id=incident_id_for(out[0].rec.key or out[0].rec.id), order=self._next_order())
        while new.id in self.incidents or new.id in self.reserved:
            new.id = incident_id_for(new.id)
        self.incidents[new.id] = new
        why = [f"an analyst split it out of {incident_id}"] + ([reason] if reason else [])
        for f in out:
            self._attach(new, f, 1.0, Evidence(None, "analyst", "analyst", None, why, "analyst").to_dict())
        self._emit(
            LogEntry("split", old.id, None, other_id=new.id,
                     detail={"moved": sorted(move), "by": "analyst", "reason": reason})
        )  # fmt: skip
        return new.id

    def _drop_from_index(self, inc: Incident) -> None:
        for key in inc.blocks:
            lst = self.blocks.get(key)
            if lst and inc.id in lst:
                lst.remove(inc.id)
                if not lst:
                    del self.blocks[key]

    def retire(self, before_ts: float) -> list[Incident]:
        """Remove incidents whose windows all ended before ``before_ts`` (epoch s)."""
        gone = [i for i in self.incidents.values() if i.end < before_ts and i.end > float("-inf")]
        for inc in gone:
            self._drop_from_index(inc)
            del self.incidents[inc.id]
            for f in inc.members:
                self.by_mention.pop(f.rec.id, None)
                if f.rec.id in self.lsh:
                    self.lsh.remove(f.rec.id)
        if gone:
            dead = {i.id for i in gone}
            for key in [k for k in self.related if k[0] in dead and k[1] in dead]:
                del self.related[key]
        return gone

    def _emit(self, entry: LogEntry) -> None:
        if self._on_log is not None:
            self._on_log(entry)
        else:
            self.log.append(entry)


def _describe_window(w: Window | None) -> str:
    if w is None:
        return "no time evidence"
    if w.origin == "published":
        return "not in the text: placed before its publication"
    return f"{w.precision} window from the {w.origin}"


def link_records(records: Iterable[MentionRecord], *, linker: Linker | None = None) -> dict[str, list[str]]:
    """Link plain records; returns incident id -> member mention ids (no DB)."""
    lk = linker or Linker()
    lk.link(list(records))
    return {iid: inc.mention_ids for iid, inc in sorted(lk.incidents.items())}


def stream_link(
    records: Iterable[MentionRecord],
    *,
    batch: int = 4096,
    horizon_days: float = 3.0,
    linker: Linker | None = None,
) -> Iterator[tuple[str, str]]:
    """Link a time-ordered stream with bounded memory; yields (mention id, incident id).

    Incidents whose windows ended ``horizon_days`` before the batch's latest
    publication time are retired from the working set. The cyclic garbage
    collector runs less often meanwhile (it would rescan the large, long-lived
    working set; ~15% of the time), and is restored afterwards.
    """
    lk = linker or Linker(on_log=lambda e: None)
    buf: list[MentionRecord] = []
    old_threshold = gc.get_threshold()
    gc.set_threshold(max(old_threshold[0], 50_000), *old_threshold[1:])

    def flush() -> Iterator[tuple[str, str]]:
        yield from lk.link(buf)
        latest = max((r.published_at.timestamp() for r in buf if r.published_at), default=None)
        if latest is not None:
            lk.retire(latest - horizon_days * DAY)
        buf.clear()

    try:
        for r in records:
            buf.append(r)
            if len(buf) >= batch:
                yield from flush()
        if buf:
            yield from flush()
    finally:
        gc.set_threshold(*old_threshold)
