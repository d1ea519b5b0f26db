"""What the linker compares: a mention record and the features derived from it.

A :class:`MentionRecord` is one EventMention (the ``EventMention.to_dict()``
shape of DESIGN.md) plus the report facts linking needs: report id, source name
and kind, publication time and the text around the mention. Features are
computed once per mention and are plain numbers, sets and small arrays, so the
linker's inner loop is cheap and the whole stage works without a database.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from skylog.extract.packs import time_words, words_regex
from skylog.link.locators import (
    is_attacker,
    is_country_part,
    is_group_home,
    is_locator,
    is_origin,
    is_striking_subject,
)
from skylog.records import iso_time

HOUR = 3600.0
DAY = 86400.0

# How far a window is widened on each side, by time precision. A "day" event
# may be an overnight attack reported against either date, so it gets slack.
_SLACK = {"hour": 3 * HOUR, "day": 8 * HOUR, "week": 0.0, "month": 0.0}
_LENGTH = {"hour": HOUR, "day": DAY, "week": 7 * DAY, "month": 31 * DAY}
# Unknown event time: the event happened shortly before publication; a
# social post (an eyewitness, a local chat) follows it more closely than an
# outlet's article does.
PUBLISHED_BEFORE = 24 * HOUR
PUBLISHED_BEFORE_SOCIAL = 12 * HOUR
PUBLISHED_AFTER = 1 * HOUR
# A follow-up that names no day ("the toll of the strike rose to 12"; time.basis
# "on_or_before_published"): the event was on or before publication, up to a week.
FOLLOW_UP_BEFORE = 7 * DAY
BEFORE_PUBLISHED = "before_published"  # the window origin of such a follow-up
# A time the text gives only to the week or month ("earlier this week"): a span it lies in, not a day;
# it bounds the event but never says two events were on one day.
COARSE = "coarse"
COARSE_PRECISIONS = ("week", "month")

MAX_EVIDENCE_CHARS = 2000
# The middle of a night an account dates to the day it ends on (attacks from the evening to dawn)
NIGHT_MIDDLE = 3 * HOUR


@dataclass
class MentionRecord:
    """One event mention with the report facts the linker needs.

    ``id`` must be unique and stable (the store's mention id, or
    ``"<report_id>#<n>"``). ``text`` is the evidence text of the mention (its
    sentences); ``report_text`` the full report text, used to cut evidence
    sentences from spans and to spot reposts of one text.
    """

    id: str
    report_id: str
    event: dict[str, Any]
    source: str | None = None
    source_kind: str = "unknown"
    published_at: datetime | None = None
    title: str | None = None
    text: str | None = None
    report_text: str | None = None
    key: str | None = None  # store-independent identity ("<report_id>#<n>") that incident ids derive from

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MentionRecord:
        """Build from a plain dict (JSON Lines, the bench set, the API)."""
        event = d.get("event") or d.get("mention")
        if not isinstance(event, dict) or not event.get("type"):
            raise ValueError(f"mention {d.get('id')!r}: no event dict with a type")
        return cls(
            id=str(d["id"]),
            report_id=str(d.get("report_id") or d["id"]),
            event=event,
            source=d.get("source"),
            source_kind=d.get("source_kind") or "unknown",
            published_at=iso_time(d.get("published_at")),
            title=d.get("title") or d.get("report_title"),
            text=d.get("text"),
            report_text=d.get("report_text"),
        )

    def sort_key(self) -> tuple[Any, ...]:
        """Processing order: publication time, then report, then id (deterministic)."""
        ts = self.published_at.timestamp() if self.published_at else float("-inf")
        return (ts, self.report_id, _natural(self.id))

    def evidence_text(self) -> str:
        """The sentences that carry this mention (bounded in size)."""
        if self.text:
            return self.text[:MAX_EVIDENCE_CHARS]
        spans = field_spans(self.event)
        if self.report_text and spans:
            parts = []
            for s in spans[:8]:
                try:
                    parts.append(sentence_around(self.report_text, int(s[0]), int(s[1])))
                except (TypeError, ValueError, IndexError):
                    continue
            return " ".join(dict.fromkeys(p for p in parts if p))[:MAX_EVIDENCE_CHARS]
        return (self.title or "")[:MAX_EVIDENCE_CHARS]

    def copy_text(self) -> str:
        """Text compared to find reposts: the whole report when known."""
        return (self.report_text or self.text or self.title or "")[: 4 * MAX_EVIDENCE_CHARS]


def field_spans(event: dict[str, Any]) -> list[Any]:
    """Spans of the event and of every field it has (places, time, claims), event first."""
    spans = list(event.get("spans") or [])
    for p in event.get("places") or []:
        if isinstance(p, dict) and p.get("span"):
            spans.append(p["span"])
    t = event.get("time")
    if isinstance(t, dict) and t.get("span"):
        spans.append(t["span"])
    for k in ("count", "launched", "killed", "injured", "damage", "perpetrator", "target"):
        c = event.get(k)
        if isinstance(c, dict):
            spans.extend(c.get("spans") or [])
    return [s for s in spans if isinstance(s, list | tuple) and len(s) == 2]


def _natural(s: str) -> tuple[Any, ...]:
    """Sort "m2" before "m10" so numeric ids keep their numeric order."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s))


_SENT_END = re.compile(r"[.!?…]\s|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` containing [start, end)."""
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    left = 0
    for m in _SENT_END.finditer(text, 0, start):
        left = m.end()
    m = _SENT_END.search(text, end)
    right = m.start() + 1 if m else n
    return text[left:right].strip()


@dataclass
class Window:
    """A time window in epoch seconds; ``precise`` when it comes from the text."""

    start: float
    end: float
    precise: bool
    precision: str
    ref: float | None = None  # publication time, for windows inferred from it
    explicit: bool = False  # a stated clock window ("12:00-20:00 MSK"): no slack, boundaries are exact
    origin: str = "text"  # text, dateline, report, published
    stated: tuple[float, float] | None = None  # as the text states it: no slack, not cut by publication
    night: bool = False  # a day its text tells as a night ("в ночь на 28 ноября", "overnight")
    page_day: float | None = None  # a day stated after its bare page date: that date (relations._gap)
    part_span: tuple[float, float] | None = None  # the hours of the part of its day it names (link.dayparts)
    quarters: tuple[int, ...] = ()  # those parts on one timeline of days' parts (link.dayparts.quarters)

    @property
    def happened(self) -> float:
        """When the event most likely happened, for how long before a publication it lies: a night
        dated to its day ("the night of 27-28 May" is dated 28 May) lies in that day's small hours,
        not at its noon; otherwise the window's middle."""
        if self.part_span is not None and not (self.night and len(self.quarters) == 1):
            return (self.part_span[0] + self.part_span[1]) / 2  # its part ("Friday night": after Friday)
        if self.night and self.stated is not None and self.precision == "day":
            return self.stated[0] + NIGHT_MIDDLE
        return self.centre

    @property
    def centre(self) -> float:
        if self.ref is not None:
            return self.ref
        lo, hi = self.stated or (self.start, self.end)
        return (lo + hi) / 2

    def overlaps(self, other: Window) -> bool:
        if self.explicit and other.explicit:  # 14:00-17:00 and 17:00-20:00 are two windows
            return self.start < other.end and other.start < self.end
        return self.start <= other.end and other.start <= self.end

    def days(self) -> range:
        return range(int(self.start // DAY), int(self.end // DAY) + 1)


def is_date_only(published: datetime | None) -> bool:
    """A publication date without a time of day (stored as midnight)."""
    return published is not None and (published.hour, published.minute, published.second) == (0, 0, 0)


def time_window(
    event: dict[str, Any], published_at: datetime | None, source_kind: str = "unknown"
) -> Window | None:
    """The window the event happened in, respecting its stated precision.

    A stated clock window ("с 12.00 до 20.00 мск") is taken as exact; a day
    gets slack for overnight attacks reported against either date. No usable
    time in the text: the event is taken to have happened in the 24 hours
    (12 for social posts) before publication (reports of "last night"); a
    publication date without a time of day widens that by the whole day. A
    follow-up bounded only by publication (``basis`` "on_or_before_published")
    gets the week before it, and links only where the place is the same.
    Neither: None, and the mention links only to copies of its own text.
    """
    t = event.get("time") or {}
    prec = t.get("precision") or "unknown"
    start = iso_time(t.get("start"))
    end = iso_time(t.get("end"))
    pub_hi = None
    if published_at is not None:
        pub_hi = published_at.timestamp() + (DAY if is_date_only(published_at) else 0) + PUBLISHED_AFTER
    if start is not None and prec in _LENGTH:
        explicit = prec == "hour" and end is not None and end > start
        if end is None or end <= start:
            end = start + timedelta(seconds=_LENGTH[prec])
        slack = 0.0 if explicit else _SLACK[prec]
        # how far apart two dated events are must not hang on when each was published
        stated = (start.timestamp(), end.timestamp())
        lo, hi = start.timestamp() - slack, end.timestamp() + slack
        if pub_hi is not None:  # it happened before it was reported
            hi = max(lo + HOUR, min(hi, pub_hi))
        if prec in COARSE_PRECISIONS:
            return Window(lo, hi, False, prec, origin=COARSE)
        ahead = published_at is not None and is_date_only(published_at) and start.date() > published_at.date()
        return Window(lo, hi, True, prec, explicit=explicit, origin=t.get("origin") or "text", stated=stated,
                      page_day=published_at.timestamp() if ahead and published_at else None)  # fmt: skip
    if published_at is not None:
        ts = published_at.timestamp()
        ref = ts + DAY / 2 if is_date_only(published_at) else ts
        if t.get("basis") == "on_or_before_published":
            return Window(
                ts - FOLLOW_UP_BEFORE, pub_hi or ts, False, "published", ref, origin=BEFORE_PUBLISHED
            )
        before = PUBLISHED_BEFORE_SOCIAL if source_kind == "social" else PUBLISHED_BEFORE
        return Window(
            ts - before, pub_hi or ts + PUBLISHED_AFTER, False, "published", ref, origin="published"
        )
    return None


# ---- partial time evidence: what a time text says even when it cannot be dated ----------------

_TW = time_words()  # every pack's time words: a mention's time text may be in any of their languages
_MONTH_WORD = "(" + words_regex(_TW.months) + r")(?![\w-])"
_NTH = f"(?:{_TW.regex('ORDINAL')})?"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){_NTH}\s+(?:{_TW.regex('DAY_OF')}\s+)?" + _MONTH_WORD, re.I)
_MONTH_DAY = re.compile(r"(?<![\w-])" + _MONTH_WORD + rf"\.?\s+(\d{{1,2}}){_NTH}\b", re.I)
_CLOCK_RANGE = re.compile(
    rf"(\d{{1,2}})[.:](\d{{2}})\s*(?:{_TW.regex('CLOCK_ZONE')})?\.?\s*(?:{_TW.regex('CLOCK_LINK')}|-|–|—)\s*"
    r"(\d{1,2})[.:](\d{2})",
    re.I,
)
_NIGHT_WORD = re.compile(_TW.regex("NIGHT_FORMS"), re.I)


@dataclass(frozen=True)
class TimeHints:
    """What a mention's time text says without a date: weekday, day of month, clock window, night."""

    weekday: int | None = None
    monthday: tuple[int, int] | None = None
    clock: tuple[int, int] | None = None  # minutes of the day, start and end
    night: bool = False

    @property
    def any(self) -> bool:
        return self.weekday is not None or self.monthday is not None or self.clock is not None


def time_hints(text: str | None) -> TimeHints:
    """Parse the undated parts of a time expression ("on Monday", "August 18", "12:00-20:00 мск")."""
    if not text:
        return TimeHints()
    from skylog.extract.common.timex import _WD_RE, WEEKDAYS

    low = unicodedata.normalize("NFKC", text).casefold()
    wd = _WD_RE.search(low)
    weekday = WEEKDAYS.get(wd.group(1).lower()) if wd else None
    monthday = None
    m = _DAY_MONTH.search(low)
    if m:
        monthday = (_month_of(m.group(2)), int(m.group(1)))
    else:
        m = _MONTH_DAY.search(low)
        if m:
            monthday = (_month_of(m.group(1)), int(m.group(2)))
    if monthday and (not monthday[0] or not 1 <= monthday[1] <= 31):
        monthday = None
    clock = None
    c = _CLOCK_RANGE.search(low)
    if c:
        h1, m1, h2, m2 = (int(x) for x in c.groups())
        if h1 <= 24 and h2 <= 24 and m1 < 60 and m2 < 60:
            clock = ((h1 % 24) * 60 + m1, (h2 % 24) * 60 + m2)
    return TimeHints(weekday, monthday, clock, bool(_NIGHT_WORD.search(low)))


def _month_of(word: str) -> int | None:
    return _TW.month(word)


def _norm(s: str | None) -> str | None:
    if not s:
        return None
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[’'`ʼ]", "", s)
    return " ".join(s.split()) or None


@dataclass
class PlaceFeatures:
    """Sets of admin units and points a mention names, from coarse to fine."""

    countries: frozenset[str] = frozenset()
    admin1: frozenset[str] = frozenset()
    admin2: frozenset[str] = frozenset()
    spots: frozenset[str] = frozenset()  # settlements and facilities
    points: tuple[tuple[float, float, int], ...] = ()
    towns: frozenset[str] = frozenset()  # settlements only (two different ones block a link)
    town_regions: frozenset[str] = frozenset()  # admin1 units its settlements lie in
    open_regions: frozenset[str] = frozenset()  # admin1 units it names as a whole, naming no settlement there
    # admin1 units named only by a part of their country ("central Israel" read as the Central District):
    # a broad area, which may reach into the units next to the one it was read as (``relations``)
    broad: frozenset[str] = frozenset()

    @property
    def specific(self) -> bool:
        """Names something finer than a region."""
        return bool(self.admin2 or self.spots)

    @property
    def known(self) -> bool:
        return bool(self.admin1 or self.countries or self.spots)

    @property
    def tally(self) -> bool:
        """A country-wide or several-region account (a nightly tally), not one place's event."""
        return (bool(self.countries) and not self.admin1 and not self.spots) or len(self.admin1) >= 3

    def union(self, other: PlaceFeatures) -> PlaceFeatures:
        return PlaceFeatures(
            self.countries | other.countries,
            self.admin1 | other.admin1,
            self.admin2 | other.admin2,
            self.spots | other.spots,
            tuple(dict.fromkeys(self.points + other.points))[:32],
            self.towns | other.towns,
            self.town_regions | other.town_regions,
            # a region one member names whole and another names a town of is no longer open
            (self.open_regions | other.open_regions) - self.town_regions - other.town_regions,
            # a unit one member names by a part of the country and another names itself is named
            (self.broad | other.broad) - (self.admin1 - self.broad) - (other.admin1 - other.broad),
        )


def place_features(
    places: list[dict[str, Any]], report_text: str | None = None, attackers: frozenset[str] = frozenset()
) -> PlaceFeatures:
    """Admin units, spots and points a mention names; relative locators, launch origins, the
    attacking state named as a country (``attackers``, see ``locators.attacker_countries``) and, where
    it names another place, the country that struck (``_without_striking_country``) are left out."""
    countries, admin1, admin2, spots, points, towns, broad = set(), set(), set(), set(), [], set(), set()
    kinds: list[tuple[str, str]] = []  # (kind, admin1) of each place kept
    places = _without_striking_country(places, report_text)
    for p in places or []:
        if (
            not isinstance(p, dict)
            or is_locator(report_text, p.get("span"))
            or is_origin(report_text, p.get("span"))
            or is_attacker(p, attackers)
        ):
            continue
        cc = (p.get("country") or "").upper() or None
        a1 = p.get("admin1_code") or _norm(p.get("admin1"))
        kind = p.get("kind") or "other"
        if kind == "country" and not cc:
            cc = _norm(p.get("name") or p.get("mention"))
        if kind == "region" and not a1:
            a1 = _norm(p.get("name") or p.get("mention"))
        if cc:
            countries.add(cc)
        if a1:
            admin1.add(a1)
            if kind == "region" and is_country_part(p):
                broad.add(a1)
        a2 = _norm(p.get("admin2"))
        if kind == "district" and not a2:
            a2 = _norm(p.get("name") or p.get("mention"))
        if a2:
            admin2.add(f"{a1}/{a2}")
        if kind in ("settlement", "facility", "water", "other"):
            key = p.get("gazetteer_id") or _norm(p.get("name") or p.get("mention"))
            if key:
                spots.add(str(key))
            name = _norm(p.get("name"))
            if name:
                spots.add("name:" + name)
            if kind == "settlement":
                towns.update(k for k in (key, name and "name:" + name) if k)
        kinds.append((kind, a1 or ""))
        lat, lon = p.get("lat"), p.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            prec = p.get("precision") or {"settlement": 1, "facility": 1, "district": 2}.get(kind, 3)
            points.append((float(lat), float(lon), int(prec)))
    town_regions = {a for k, a in kinds if k == "settlement" and a}
    return PlaceFeatures(
        frozenset(countries),
        frozenset(admin1),
        frozenset(admin2),
        frozenset(spots),
        tuple(points),
        frozenset(str(t) for t in towns),
        frozenset(town_regions),
        frozenset({a for k, a in kinds if k == "region" and a} - town_regions),
        frozenset(broad - {a for k, a in kinds if a and not (k == "region" and a in broad)}),
    )


def _without_striking_country(places: list[Any] | None, report_text: str | None) -> list[Any]:
    """Leave out a country named as who struck when the mention names another place: the subject of
    the attack ("Iran launched ... at Israel": the struck country is the place), or an armed group's
    home ("Yemen's Houthi rebels fired a missile at Tel Aviv"; "Sudan's RSF struck Port Sudan" keeps
    the town). Alone, the country stays: nothing else would place the mention."""
    places = [p for p in places or [] if isinstance(p, dict)]
    striking = [p for p in places if is_striking_subject(report_text, p) or is_group_home(report_text, p)]
    if not striking:
        return places
    rest = [p for p in places if p not in striking]
    codes = {(p.get("country") or "").upper() for p in striking}
    other_country = {(p.get("country") or "").upper() for p in rest} - codes - {""}
    below_country = any(p.get("kind") != "country" for p in rest)
    return rest if other_country or below_country else places


def km(a: tuple[float, float, int], b: tuple[float, float, int]) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


# Radius within which two points count as the same place, by the coarser
# ACLED precision of the two (1 settlement, 2 district/"near", 3 region).
RADIUS_KM = {1: 12.0, 2: 30.0, 3: 120.0}


ATTACK_TYPES = frozenset({"drone_strike", "missile_strike", "air_strike", "shelling"})
DEFENCE_TYPES = frozenset({"interception", "debris_fall"})


@dataclass
class Features:
    """Everything the linker compares for one mention."""

    rec: MentionRecord
    type: str
    weapon: str | None
    window: Window | None
    places: PlaceFeatures
    vector: np.ndarray  # unit-norm text vector (hashed TF-IDF, projected)
    minhash: Any  # datasketch MinHash of the report text (copies and reposts)
    bridge: bool
    downing_only: bool = False  # the text tells only of a downing (see text_cues.only_interception)
    failed: bool = False  # the text tells of an interception that failed (see failed_interception)
    blocks: list[tuple[int, str]] = field(default_factory=list)
    order: int = 0
    hints: TimeHints = field(default_factory=TimeHints)
    day: date | None = None  # the local date the text gives the event (day or hour precision)
    locator_only: bool = False  # every place it names is a relative locator ("southwest of Moscow")
    tally: bool = False  # part of a country-wide or several-region tally (see Linker._mark_tallies)
    side: str | None = None  # whose tally: the country of the command or of most places named
    copies: set[str] | None = None  # incidents holding a copy of its report's text (set by the linker)
    recalled: bool = False  # an earlier event its report recalls as background (see report_features)
    framed: str | None = None  # its places are its report's frame, not its own (why; see link.frame)
    frame_town: frozenset[str] = frozenset()  # the one town its report names, when framed so
    names: frozenset[str] = frozenset()  # particular names its sentences give (``text.name_keys``)
    state_attack: tuple[frozenset[str], str] | None = None  # (attacking states, country): link.state_attack
    overview: bool = False  # a country-wide account in a report that places its events (report_features)
    series: int | None = None  # the day of a run of attacks on a place its text tells of (link.series)


def barrage(f: Features) -> bool:
    """A country-wide account of air defence that tells of the impacts too, with no national
    command's tally behind it ("Iran launched over 100 missiles at Israel; most were intercepted,
    some reached their targets, two were hurt"): one attack on the country, told as one event, so
    its interceptions and its strikes are one incident (its local impacts join it by place). One
    country only: a text naming two tells of more than the one attack on one of them."""
    return (
        f.type in DEFENCE_TYPES
        and f.bridge
        and not f.tally
        and len(f.places.countries) == 1
        and not f.places.admin1
        and not f.places.spots
        and not f.framed
    )
