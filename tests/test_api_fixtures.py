"""Shared builders for the serve/export/web tests (no tests here).

Incidents are built with the real linker's ``resolve`` from mention records
whose spans point into their report texts, so the exports and the API see the
same shapes as in production.
"""

from __future__ import annotations

import copy
import random
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from skylog.link.features import MentionRecord
from skylog.link.resolve import resolve
from skylog.records import Report

PLACES = [
    ("Kaluga", "RU", "Kaluga Oblast", "RU-KLU", 54.5293, 36.2754),
    ("Belgorod", "RU", "Belgorod Oblast", "RU-BEL", 50.5977, 36.5858),
    ("Kharkiv", "UA", "Kharkiv Oblast", "UA-63", 49.9935, 36.2304),
    ("Odesa", "UA", "Odesa Oblast", "UA-51", 46.4825, 30.7233),
    ("Kursk", "RU", "Kursk Oblast", "RU-KRS", 51.7373, 36.1874),
]
TYPES = ["interception", "drone_strike", "missile_strike", "shelling", "debris_fall", "air_strike"]


def claim(text: str, phrase: str, value: Any, claimant: str = "the outlet", hedge: str = "asserted") -> dict:
    start = text.index(phrase)
    return {"value": value, "claimant": claimant, "hedge": hedge, "spans": [[start, start + len(phrase)]]}


def place(text: str, name: str, country: str, admin1: str, code: str, lat: float, lon: float) -> dict:
    start = text.index(name)
    return {
        "mention": name,
        "span": [start, start + len(name)],
        "name": name,
        "kind": "settlement",
        "country": country,
        "admin1": admin1,
        "admin1_code": code,
        "admin2": None,
        "lat": lat,
        "lon": lon,
        "precision": 1,
        "gazetteer_id": f"test:{name}",
    }


def report_text(i: int, typ: str, name: str, n: int, killed: int | None) -> str:
    verb = {
        "interception": f"Air defences shot down {n} drones over {name}",
        "drone_strike": f"{n} drones struck an industrial site in {name}",
        "missile_strike": f"{n} missiles hit the outskirts of {name}",
        "shelling": f"Artillery shelled {name} with {n} rounds",
        "debris_fall": f"Debris from {n} downed drones fell on {name}",
        "air_strike": f"Aircraft dropped {n} glide bombs on {name}",
    }[typ]
    tail = f" {killed} people were killed." if killed is not None else " No casualties were reported."
    return f"Report {i}: {verb} on the night of day {i}.{tail}"


def mention_record(
    i: int,
    *,
    typ: str,
    where: tuple,
    n: int,
    killed: int | None,
    day: datetime,
    source: str,
    kind: str = "media",
    text: str | None = None,
) -> MentionRecord:
    name, cc, admin1, code, lat, lon = where
    text = text or report_text(i, typ, name, n, killed)
    event: dict[str, Any] = {
        "type": typ,
        "weapon": "drone",
        "count": claim(text, str(n), n) if str(n) in text else None,
        "places": [place(text, name, cc, admin1, code, lat, lon)] if name in text else [],
        "time": {
            "text": "night",
            "start": day.isoformat(),
            "end": (day + timedelta(days=1)).isoformat(),
            "precision": "day",
        },
        "killed": claim(text, f"{killed} people", killed) if killed is not None else None,
        "injured": None,
        "damage": None,
        "perpetrator": None,
        "spans": [[0, min(len(text), 60)]],
    }
    return MentionRecord(
        id=f"m{i}",
        report_id=f"r{i:04d}",
        event=event,
        source=source,
        source_kind=kind,
        published_at=day + timedelta(hours=12),
        report_text=text,
    )


def make_incidents(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` varied incidents (one or two mentions each), as the link queries return them."""
    return make_dataset(n, seed)[0]


def make_dataset(n: int, seed: int = 7) -> tuple[list[dict[str, Any]], list[Report]]:
    """``n`` incidents plus the Reports their claims point into (ids and texts match)."""
    return copy.deepcopy(_dataset(n, seed))


@lru_cache(maxsize=8)
def _dataset(n: int, seed: int) -> tuple[list[dict[str, Any]], list[Report]]:
    rng = random.Random(seed)
    base = datetime(2025, 5, 1, tzinfo=UTC)
    out = []
    reports: list[Report] = []
    for i in range(n):
        typ = rng.choice(TYPES)
        where = rng.choice(PLACES)
        day = base + timedelta(days=rng.randrange(60))
        killed = rng.choice([None, 0, 1, 3])
        recs = [
            mention_record(
                2 * i,
                typ=typ,
                where=where,
                n=rng.randint(1, 40),
                killed=killed,
                day=day,
                source=f"outlet{i % 4}",
            )
        ]
        if rng.random() < 0.5:
            recs.append(
                mention_record(
                    2 * i + 1,
                    typ=typ,
                    where=where,
                    n=rng.randint(1, 40),
                    killed=killed,
                    day=day,
                    source="Regional governor",
                    kind="official",
                )
            )
        out.append({"id": f"inc-{i:06d}", **resolve(recs)})
        for r in recs:
            reports.append(
                Report(
                    id=r.report_id,
                    text=r.report_text or "",
                    source=r.source,
                    source_kind=r.source_kind,  # type: ignore[arg-type]
                    published_at=r.published_at,
                    language="en",
                    language_supported=True,
                )
            )
    return out, reports


class FakeQueries:
    """The link query functions over a list of incidents (the API layer's unit tests).

    Same keyword vocabulary as ``skylog.link.queries``; integration tests use the real one.
    """

    def __init__(self, incidents: list[dict[str, Any]]) -> None:
        self.incidents = sorted(incidents, key=lambda i: i["id"])

    def list_incidents(
        self,
        store: Any,
        *,
        start: str | None = None,
        end: str | None = None,
        admin1: str | None = None,
        type: str | None = None,
        grade: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        out = []
        for inc in self.incidents:
            if cursor and inc["id"] <= cursor:
                continue
            t = inc["fields"]["time"]["value"]
            p = (inc["fields"].get("places") or {}).get("value") or {}
            if start and (t.get("start") or "")[:10] < start[:10]:
                continue
            if end and (t.get("start") or "")[:10] > end[:10]:
                continue
            if admin1 and admin1 not in (p.get("admin1"), p.get("admin1_code")):
                continue
            if type and inc["type"] != type:
                continue
            if grade and inc["grade"] != grade:
                continue
            if bbox and not (
                p.get("lon") is not None and bbox[0] <= p["lon"] <= bbox[2] and bbox[1] <= p["lat"] <= bbox[3]
            ):
                continue
            out.append(inc)
            if len(out) == limit:
                break
        more = len(out) == limit and out[-1]["id"] != self.incidents[-1]["id"]
        return {"incidents": out, "next_cursor": out[-1]["id"] if more else None}

    def get_incident(self, store: Any, incident_id: str) -> dict[str, Any] | None:
        return next((i for i in self.incidents if i["id"] == incident_id), None)
