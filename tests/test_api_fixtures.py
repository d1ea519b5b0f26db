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


class FakeIncidents:
    """The store's incident reads (``incident_page``, ``get_incident``) over a list of incidents,
    for the API layer's unit tests; integration tests use the real ones.

    The same filter fields as ``skylog.store.filters.IncidentFilter``, applied to the
    resolved fields these incidents carry; ``q`` finds incidents through the store's
    full-text search of their source reports, as the real filter does.
    """

    def __init__(self, incidents: list[dict[str, Any]], store: Any) -> None:
        self.incidents = sorted(incidents, key=lambda i: i["id"])
        self.store = store

    def install(self, monkeypatch: Any) -> None:
        monkeypatch.setattr(self.store, "incident_page", self.incident_page)
        monkeypatch.setattr(self.store, "get_incident", self.get_incident)

    def _keep(self, inc: dict[str, Any], f: Any, hits: set[str] | None) -> bool:
        t = inc["fields"]["time"]["value"]
        p = (inc["fields"].get("places") or {}).get("value") or {}
        day = (t.get("start") or "")[:10]
        box = f.bbox
        checks = [
            not f.start or day >= str(f.start)[:10],
            not f.end or day <= str(f.end)[:10],
            not f.admin1 or f.admin1 in (p.get("admin1"), p.get("admin1_code")),
            not f.type or inc["type"] == f.type,
            not f.grade or inc["grade"] == f.grade,
            box is None
            or (p.get("lon") is not None and box[0] <= p["lon"] <= box[2] and box[1] <= p["lat"] <= box[3]),
            hits is None or any(set(s.get("reports") or []) & hits for s in inc.get("sources") or []),
        ]
        return all(checks)

    def incident_page(
        self, f: Any = None, *, limit: int = 50, cursor: str | None = None, with_total: bool = True
    ) -> dict[str, Any]:
        from skylog.store.filters import IncidentFilter

        f = f or IncidentFilter()
        hits = {r.id for r, _ in self.store.search(f.q, limit=5000)} if f.q else None
        matching = [inc for inc in self.incidents if self._keep(inc, f, hits)]
        after = [inc for inc in matching if not cursor or inc["id"] > cursor]
        out = after[:limit]
        nxt = out[-1]["id"] if len(after) > limit else None
        return {"items": out, "next_cursor": nxt, "total": len(matching) if with_total else None}

    def get_incident(self, incident_id: str) -> dict[str, Any] | None:
        return next((i for i in self.incidents if i["id"] == incident_id), None)
