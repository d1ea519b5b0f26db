"""What the linker builds: incidents, their members' evidence and the log of changes.

An :class:`Incident` keeps the union of its members' features (places, windows,
types, a few wording vectors) so a new mention is compared with the incident as a
whole in constant time. Ids are ``inc-`` + a hash of the mention that created the
incident, so they do not change when later evidence joins or when an older
incident absorbs a newer one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from skylog.link.features import (
    ATTACK_TYPES,
    DEFENCE_TYPES,
    Features,
    MentionRecord,
    PlaceFeatures,
    Window,
    barrage,
)

MAX_VECTORS = 12  # member vectors kept per incident for wording comparison


def incident_id_for(mention_id: str) -> str:
    """A stable id from the mention that starts the incident (the same in any rebuild)."""
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
class Evidence:
    """Why a mention is in its incident (stored with the membership, shown to analysts)."""

    score: float | None
    time: str
    place: str
    text_similarity: float | None
    reasons: list[str] = field(default_factory=list)
    created_by: str = "linker"
    # (place, time) scores behind ``score``; used to tell whether the evidence picks one incident, not stored
    parts: tuple[float, float] | None = field(default=None, compare=False)
    named: int = field(default=0, compare=False)  # particular names shared (ranks equal scores; not stored)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 4),
            "time": self.time,
            "place": self.place,
            "text_similarity": None if self.text_similarity is None else round(self.text_similarity, 4),
            "reasons": list(self.reasons),
            "created_by": self.created_by,
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
    defence_bridge: bool = False  # a downing whose own text tells of the impact (not a tally)
    country_bridge: bool = False  # a country-wide defence account that itself tells of impacts (``barrage``)
    failed_defence: bool = False  # a defence-typed member telling of an interception that failed
    real_attacks: Counter = field(default_factory=Counter)  # attack-typed members telling of an impact
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)  # mention id -> why it is a member
    tally: bool | None = None  # a region-wide tally (set by its first member)
    side: str | None = None  # whose tally
    named_places: bool = False  # a member names a known place of its own (not only its report's frame)
    born: int = 0  # the linker's membership count when it was created
    grown: int = 0  # the linker's membership count when it last gained a member

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
        self.named_places = self.named_places or (f.places.known and not f.framed)
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
        self.defence_bridge = self.defence_bridge or (f.bridge and f.type in DEFENCE_TYPES and not f.tally)
        self.country_bridge = self.country_bridge or barrage(f)
        self.failed_defence = self.failed_defence or (f.failed and f.type in DEFENCE_TYPES)
        if f.type in ATTACK_TYPES and not f.downing_only:
            self.real_attacks[f.type] += 1
        v = f.vector[None, :]
        if self.vectors is None:
            self.vectors = v
        elif self.vectors.shape[0] < MAX_VECTORS:
            self.vectors = np.vstack([self.vectors, v])
