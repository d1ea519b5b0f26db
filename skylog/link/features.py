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
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

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

MAX_EVIDENCE_CHARS = 2000


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
            published_at=parse_time(d.get("published_at")),
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


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 string or datetime -> aware datetime (naive is read as UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt


@dataclass
class Window:
    """A time window in epoch seconds; ``precise`` when it comes from the text."""

    start: float
    end: float
    precise: bool
    precision: str
    ref: float | None = None  # publication time, for windows inferred from it

    @property
    def centre(self) -> float:
        return self.ref if self.ref is not None else (self.start + self.end) / 2

    def overlaps(self, other: Window) -> bool:
        return self.start <= other.end and other.start <= self.end

    def days(self) -> range:
        return range(int(self.start // DAY), int(self.end // DAY) + 1)


def time_window(
    event: dict[str, Any], published_at: datetime | None, source_kind: str = "unknown"
) -> Window | None:
    """The window the event happened in, respecting its stated precision.

    No usable time in the text: the event is taken to have happened in the
    24 hours (12 for social posts) before publication (reports of "last night"). Neither: None,
    and the mention links only on strong textual evidence.
    """
    t = event.get("time") or {}
    prec = t.get("precision") or "unknown"
    start = parse_time(t.get("start"))
    end = parse_time(t.get("end"))
    if start is not None and prec in _LENGTH:
        if end is None or end <= start:
            end = start + timedelta(seconds=_LENGTH[prec])
        slack = _SLACK[prec]
        lo, hi = start.timestamp() - slack, end.timestamp() + slack
        if published_at is not None:  # it happened before it was reported
            hi = max(lo + HOUR, min(hi, published_at.timestamp() + PUBLISHED_AFTER))
        return Window(lo, hi, True, prec)
    if published_at is not None:
        ts = published_at.timestamp()
        before = PUBLISHED_BEFORE_SOCIAL if source_kind == "social" else PUBLISHED_BEFORE
        return Window(ts - before, ts + PUBLISHED_AFTER, False, "published", ts)
    return None


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

    @property
    def specific(self) -> bool:
        """Names something finer than a region."""
        return bool(self.admin2 or self.spots)

    @property
    def known(self) -> bool:
        return bool(self.admin1 or self.countries or self.spots)

    def union(self, other: PlaceFeatures) -> PlaceFeatures:
        return PlaceFeatures(
            self.countries | other.countries,
            self.admin1 | other.admin1,
            self.admin2 | other.admin2,
            self.spots | other.spots,
            tuple(dict.fromkeys(self.points + other.points))[:32],
        )


def place_features(places: list[dict[str, Any]]) -> PlaceFeatures:
    countries, admin1, admin2, spots, points = set(), set(), set(), set(), []
    for p in places or []:
        if not isinstance(p, dict):
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
        a2 = _norm(p.get("admin2"))
        if kind == "district" and not a2:
            a2 = _norm(p.get("name") or p.get("mention"))
        if a2:
            admin2.add(f"{a1}/{a2}")
        if kind in ("settlement", "facility", "water", "other"):
            key = p.get("gazetteer_id") or _norm(p.get("name") or p.get("mention"))
            if key:
                spots.add(str(key))
        lat, lon = p.get("lat"), p.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            prec = p.get("precision") or {"settlement": 1, "facility": 1, "district": 2}.get(kind, 3)
            points.append((float(lat), float(lon), int(prec)))
    return PlaceFeatures(
        frozenset(countries), frozenset(admin1), frozenset(admin2), frozenset(spots), tuple(points)
    )


def km(a: tuple[float, float, int], b: tuple[float, float, int]) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


# Radius within which two points count as the same place, by the coarser
# ACLED precision of the two (1 settlement, 2 district/"near", 3 region).
RADIUS_KM = {1: 12.0, 2: 30.0, 3: 120.0}


# Cues that let an interception and a strike be one incident: the text itself
# reports both the downing and an impact (debris hit a house, one got through).
_INTERCEPT_CUE = re.compile(
    r"shot down|intercept|downed|neutrali[sz]|destroyed|repelled|"
    r"сбит|сбил|перехва|уничтож|подавл|отраж|збит|збил|перехоп|знищ|відбит",
    re.I,
)
_IMPACT_CUE = re.compile(
    r"\bhit\b|\bstruck\b|damag|debris|wreckage|fell on|injur|wounded|killed|fire broke|"
    r"попад|поврежд|обломк|пострада|ранен|погиб|пожар|"
    r"влуч|пошкодж|уламк|постраждал|поранен|загину|пожеж",
    re.I,
)
_HARM = (
    r"(?:casualties|damage|injuries|injured|victims|destruction|пострадавших|жертв|разрушений|постраждалих)"
)
_NEGATED_IMPACT = re.compile(
    rf"\b(?:no|without|nor|без|нет)\s+(?:significant\s+|serious\s+|major\s+)?{_HARM}"
    rf"(?:\s*(?:or|and|,|и|или|та|чи)\s*(?:significant\s+|serious\s+|major\s+)?{_HARM})*"
    r"|не пострадал\w*|не постраждал\w*|обошлось без \w+|обійшлося без \w+",
    re.I,
)


def type_cues(text: str) -> tuple[bool, bool]:
    """(bridges, downing_only): does the text tell of a downing and an impact, or a downing alone?"""
    if not text or not _INTERCEPT_CUE.search(text):
        return False, False
    impact = bool(_IMPACT_CUE.search(_NEGATED_IMPACT.sub(" ", text)))
    return impact, not impact


def only_interception(text: str) -> bool:
    """Does this text tell only of downing (no impact)? Then an 'attack' typed on it is an interception."""
    return type_cues(text)[1]


def bridges_types(text: str) -> bool:
    """Does this text report both a downing and an impact of the same attack?"""
    return type_cues(text)[0]


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
    downing_only: bool = False  # the text tells only of a downing (see only_interception)
    blocks: list[tuple[int, str]] = field(default_factory=list)
    order: int = 0
