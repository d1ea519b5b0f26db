"""Typed records passed between stages (see DESIGN.md "Records").

Every stage takes and returns these plain dataclasses; no stage reaches
into another's internals. ``to_dict`` gives the JSON contract of
``skylog extract --json`` so the CLI, API, store and exports agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

EventType = Literal["interception", "drone_strike", "missile_strike", "air_strike", "shelling", "debris_fall"]
EVENT_TYPES: tuple[str, ...] = (
    "interception",
    "drone_strike",
    "missile_strike",
    "air_strike",
    "shelling",
    "debris_fall",
)
Hedge = Literal["asserted", "likely", "alleged", "denied"]
PlaceKind = Literal["settlement", "district", "region", "country", "facility", "water", "other"]
SourceKind = Literal["official", "media", "ngo", "social", "unknown"]
TimePrecision = Literal["hour", "day", "week", "month", "unknown"]

Span = tuple[int, int]
"""[start, end) Python string offsets into ``Report.text``."""

# skylog type -> ACLED sub-event type (exports line up with what analysts use)
ACLED_SUB_EVENT: dict[str, str] = {
    "drone_strike": "Air/drone strike",
    "missile_strike": "Shelling/artillery/missile attack",
    "air_strike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "interception": "Disrupted weapons use",
    "debris_fall": "Disrupted weapons use",
}


@dataclass
class Source:
    """Who published a report: an outlet, an official channel, an agency."""

    name: str
    kind: SourceKind = "unknown"
    handle: str | None = None  # channel handle, domain or feed URL

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def iso_time(value: datetime | str | None) -> datetime | None:
    """An ISO 8601 string or datetime as an aware datetime (naive is read as UTC); None when
    empty or malformed. Here, at the bottom layer, so the store and the linker share it."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def normalise_for_id(text: str) -> str:
    """Text as compared for identity: NFC, whitespace collapsed, case kept."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def report_id(source: str, text: str, version_key: str | None = None) -> str:
    """Stable id from source + normalised text, so re-ingesting changes nothing."""
    h = hashlib.sha256()
    h.update((source or "").encode())
    h.update(b"\x00")
    h.update(normalise_for_id(text).encode())
    if version_key:
        h.update(b"\x00" + version_key.encode())
    return h.hexdigest()[:24]


@dataclass
class Report:
    """One published item, with its full raw text kept exactly."""

    id: str
    text: str
    source: str | None = None
    source_kind: SourceKind = "unknown"
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None  # time-zone aware, or None when unknown
    fetched_at: datetime | None = None
    language: str = "und"
    language_supported: bool = False
    origin: str | None = None  # the input it came from (path, URL, export#message)
    external_id: str | None = None  # e.g. telegram "channel/123": versions share it
    version: int = 1
    meta: dict[str, Any] = field(default_factory=dict)
    source_id: int | None = None  # the registered source it was polled from (``skylog sources``)

    def header(self) -> dict[str, Any]:
        """The ``report`` object of ``skylog extract --json`` (DESIGN.md contract): the
        first fields of :meth:`to_json`, in its shape."""
        keys = ("id", "source", "title", "language", "published_at", "text_length")
        d = self.to_json()
        return {k: d[k] for k in keys}

    def to_json(self, full: bool = False) -> dict[str, Any]:
        """The one JSON shape of a stored report (``skylog reports/report/search --json``);
        ``full`` adds the text and metadata."""
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "source_kind": self.source_kind,
            "title": self.title,
            "url": self.url,
            "author": self.author,
            "language": self.language,
            "language_supported": self.language_supported,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "fetched_at": self.fetched_at.isoformat() if self.fetched_at else None,
            "origin": self.origin,
            "external_id": self.external_id,
            "version": self.version,
            "superseded_by": self.meta.get("superseded_by"),
            "text_length": len(self.text),
            "source_id": self.source_id,
        }
        if full:
            d["text"] = self.text
            d["meta"] = self.meta
        return d


@dataclass
class Claim:
    """A value of an incident field together with who asserts it and how firmly."""

    value: Any
    spans: list[Span]
    claimant: str | None = "the outlet"
    hedge: Hedge = "asserted"
    qualifier: str | None = None  # "at least", "more than", "about", ...
    # extraction-internal, not serialised: a value a later, firmer one replaces ("a drone" vs "12 drones")
    weak: bool = field(default=False, compare=False, repr=False)
    # P(value correct), calibrated (skylog.extract.learned); serialised only when scored
    confidence: float | None = field(default=None, compare=False)
    low_confidence: bool = field(default=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "value": self.value,
            "qualifier": self.qualifier,
            "claimant": self.claimant,
            "hedge": self.hedge,
            "spans": [list(s) for s in self.spans],
        }
        return _with_confidence(d, self.confidence, self.low_confidence)


def _with_confidence(d: dict[str, Any], confidence: float | None, low: bool) -> dict[str, Any]:
    """``confidence`` and ``low_confidence`` beside a value once the learned stage has scored it."""
    if confidence is not None:
        d["confidence"] = confidence
        d["low_confidence"] = low
    return d


@dataclass
class Place:
    """A place mention, resolved (or not) to a gazetteer entry."""

    mention: str
    span: Span
    kind: PlaceKind = "other"
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin1_code: str | None = None  # ISO 3166-2
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None  # ACLED geo_precision 1/2/3
    gazetteer_id: str | None = None
    relation: str | None = None  # "near", "outskirts", "over", ... from the text
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class TimeExpr:
    text: str | None = None
    start: str | None = None  # ISO 8601
    end: str | None = None
    precision: TimePrecision = "unknown"
    span: Span | None = None
    # extraction-internal, not serialised: a time told of the statement, not the event ("the governor said on Friday")
    weak: bool = field(default=False, compare=False, repr=False)
    # how the time was found when not stated for the event itself: "reference" (a follow-up's
    # "the strike of 25 May"), "on_or_before_published" (a follow-up naming no day: only ``end``),
    # "clock_anchored" (a clock told alone, "at 19:40", on its report's day: ``extract.common.clocks``)
    # "statement" (only a statement's day, "reported on 25 September": the event on or before it; the date as read)
    basis: str | None = None
    confidence: float | None = field(default=None, compare=False)
    low_confidence: bool = field(default=False, compare=False)
    # the part of the day it names ("night", "morning", "afternoon", "evening"; ``extract.common.dayparts``),
    # with the span of the words (or the clock) that say it; an attribute beside the date, which it leaves as is
    part: str | None = field(default=None, compare=False)
    part_span: Span | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "span": list(self.span) if self.span else None,
        }
        if self.basis:
            d["basis"] = self.basis
        if self.part:
            d["part"] = self.part
            d["part_span"] = list(self.part_span) if self.part_span else None
        return _with_confidence(d, self.confidence, self.low_confidence)


@dataclass
class Quote:
    """Quoted or reported speech with its speaker."""

    text: str
    span: Span
    speaker: str | None = None
    role: str | None = None
    cue: str | None = None
    channel: str | None = None
    kind: Literal["direct", "reported"] = "direct"
    speaker_span: Span | None = None
    confidence: float | None = field(default=None, compare=False)  # P(speaker correct)
    low_confidence: bool = field(default=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "speaker": self.speaker,
            "role": self.role,
            "text": self.text,
            "cue": self.cue,
            "channel": self.channel,
            "kind": self.kind,
            "span": list(self.span),
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
        }
        return _with_confidence(d, self.confidence, self.low_confidence)


@dataclass
class EventMention:
    """One incident as one report describes it."""

    type: str
    spans: list[Span]
    weapon: str | None = None
    count: Claim | None = None  # weapons involved; for interception: shot down
    launched: Claim | None = None  # e.g. air-force tallies "45 of 60"
    places: list[Place] = field(default_factory=list)  # most specific first
    time: TimeExpr | None = None
    killed: Claim | None = None
    injured: Claim | None = None
    damage: Claim | None = None
    perpetrator: Claim | None = None
    target: Claim | None = None
    claimant: str | None = None  # who reports the event itself
    confidence: float | None = None
    # P(field correct) per field ("type", "place", "count", ...), and the fields under the threshold
    field_confidence: dict[str, float] = field(default_factory=dict, compare=False)
    low_confidence: list[str] = field(default_factory=list, compare=False)

    def to_dict(self) -> dict[str, Any]:
        def c(x: Claim | None) -> dict[str, Any] | None:
            return x.to_dict() if x else None

        d = {
            "type": self.type,
            "weapon": self.weapon,
            "count": c(self.count),
            "launched": c(self.launched),
            "places": [p.to_dict() for p in self.places],
            "time": self.time.to_dict() if self.time else None,
            "killed": c(self.killed),
            "injured": c(self.injured),
            "damage": c(self.damage),
            "perpetrator": c(self.perpetrator),
            "target": c(self.target),
            "claimant": self.claimant,
            "confidence": self.confidence,
            "spans": [list(s) for s in self.spans],
        }
        if self.field_confidence:
            d["field_confidence"] = dict(self.field_confidence)
            d["low_confidence"] = list(self.low_confidence)
        return d


@dataclass
class Extraction:
    """Everything extracted from one report."""

    report: Report
    events: list[EventMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    relevant: bool = True
    relevance: float | None = None  # P(attack report) by the learned model, when it ran
    withheld_events: list[EventMention] = field(default_factory=list)  # judged not an attack report

    def to_dict(self) -> dict[str, Any]:
        d = {
            "report": self.report.header(),
            "relevant": self.relevant,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "warnings": list(self.warnings),
        }
        if self.relevance is not None:
            d["relevance"] = self.relevance
        if self.withheld_events:
            d["withheld_events"] = [e.to_dict() for e in self.withheld_events]
        return d


@dataclass
class IngestError:
    """One input that could not be ingested, and why."""

    input: str
    reason: str

    def __post_init__(self) -> None:
        # Both are stored and printed: a file name with bytes that are not valid in the file
        # system's encoding must not fail the transaction that logs it, nor the output.
        self.input = printable_name(str(self.input))
        self.reason = " ".join(printable_name(str(self.reason)).split()) or "unknown error"

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


SURROGATE = re.compile("[\ud800-\udfff]")


def printable_name(value: str) -> str:
    """A file name or label fit to store and print: bytes that were not valid in the file
    system's encoding (``surrogateescape``) become ``\\xNN``, other lone surrogates U+FFFD,
    NUL ``\\x00``."""
    if SURROGATE.search(value) is None and "\x00" not in value:
        return value

    def fix(m: re.Match[str]) -> str:
        cp = ord(m.group())
        return f"\\x{cp - 0xDC00:02x}" if 0xDC80 <= cp <= 0xDCFF else "\ufffd"

    return SURROGATE.sub(fix, value).replace("\x00", "\\x00")
