"""Builders of mention records in the extract contract shape, for the link tests.

Spans are found in the text with ``str.find`` so every claim points at real
characters, as the extractor's output does.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from skylog.link import MentionRecord

EXAMPLE = Path("/work/shared/examples/kaluga-drones.txt")

PLACES: dict[str, dict[str, Any]] = {
    "Shostka": dict(
        kind="settlement",
        name="Shostka",
        country="UA",
        admin1="Sumy Oblast",
        admin1_code="UA-59",
        admin2="Shostkynskyi Raion",
        lat=51.8657,
        lon=33.4766,
        precision=1,
        gazetteer_id="694216",
    ),
    "Kharkiv": dict(
        kind="settlement",
        name="Kharkiv",
        country="UA",
        admin1="Kharkiv Oblast",
        admin1_code="UA-63",
        admin2="Kharkivskyi Raion",
        lat=49.9935,
        lon=36.2304,
        precision=1,
        gazetteer_id="706483",
    ),
    "Odesa": dict(
        kind="settlement",
        name="Odesa",
        country="UA",
        admin1="Odesa Oblast",
        admin1_code="UA-51",
        admin2="Odeskyi Raion",
        lat=46.4775,
        lon=30.7326,
        precision=1,
        gazetteer_id="698740",
    ),
    "Sumy": dict(
        kind="settlement",
        name="Sumy",
        country="UA",
        admin1="Sumy Oblast",
        admin1_code="UA-59",
        admin2="Sumskyi Raion",
        lat=50.9216,
        lon=34.8003,
        precision=1,
        gazetteer_id="692194",
    ),
    "Kaluga": dict(
        kind="settlement",
        name="Kaluga",
        country="RU",
        admin1="Kaluga Oblast",
        admin1_code="RU-KLU",
        admin2=None,
        lat=54.5293,
        lon=36.2754,
        precision=1,
        gazetteer_id="553915",
    ),
    "Borovsky District": dict(
        kind="district",
        name="Borovsky District",
        country="RU",
        admin1="Kaluga Oblast",
        admin1_code="RU-KLU",
        admin2="Borovsky District",
        lat=None,
        lon=None,
        precision=2,
    ),
    "Maloyaroslavets": dict(
        kind="settlement",
        name="Maloyaroslavets",
        country="RU",
        admin1="Kaluga Oblast",
        admin1_code="RU-KLU",
        admin2="Maloyaroslavetsky District",
        lat=55.0117,
        lon=36.4653,
        precision=1,
        gazetteer_id="527191",
    ),
    "Maloyaroslavets District": dict(
        kind="district",
        name="Maloyaroslavetsky District",
        country="RU",
        admin1="Kaluga Oblast",
        admin1_code="RU-KLU",
        admin2="Maloyaroslavetsky District",
        lat=None,
        lon=None,
        precision=2,
    ),
    "Kaluga Oblast": dict(
        kind="region",
        name="Kaluga Oblast",
        country="RU",
        admin1="Kaluga Oblast",
        admin1_code="RU-KLU",
        admin2=None,
        lat=54.4,
        lon=35.5,
        precision=3,
    ),
    "Belgorod dam": dict(
        kind="facility",
        name="Belgorod reservoir dam",
        country="RU",
        admin1="Belgorod Oblast",
        admin1_code="RU-BEL",
        admin2="Belgorodsky District",
        lat=50.65,
        lon=36.62,
        precision=1,
        gazetteer_id="fac-belgorod-dam",
    ),
    "Belgorod": dict(
        kind="settlement",
        name="Belgorod",
        country="RU",
        admin1="Belgorod Oblast",
        admin1_code="RU-BEL",
        admin2=None,
        lat=50.5954,
        lon=36.5873,
        precision=1,
        gazetteer_id="578072",
    ),
    "Shebekino": dict(
        kind="settlement",
        name="Shebekino",
        country="RU",
        admin1="Belgorod Oblast",
        admin1_code="RU-BEL",
        admin2="Shebekinsky District",
        lat=50.4097,
        lon=36.8979,
        precision=1,
        gazetteer_id="497450",
    ),
    "Kursk": dict(
        kind="settlement",
        name="Kursk",
        country="RU",
        admin1="Kursk Oblast",
        admin1_code="RU-KRS",
        admin2=None,
        lat=51.7373,
        lon=36.1874,
        precision=1,
        gazetteer_id="538560",
    ),
    "Bryansk": dict(
        kind="settlement",
        name="Bryansk",
        country="RU",
        admin1="Bryansk Oblast",
        admin1_code="RU-BRY",
        admin2=None,
        lat=53.2521,
        lon=34.3717,
        precision=1,
        gazetteer_id="571476",
    ),
}


def span(text: str, needle: str, start: int = 0) -> list[int]:
    i = text.find(needle, start)
    assert i >= 0, f"{needle!r} not in text"
    return [i, i + len(needle)]


def place(text: str, mention: str, key: str, after: str | None = None) -> dict[str, Any]:
    """A resolved place record for ``mention`` (first found after ``after``, if given)."""
    start = text.find(after) if after else 0
    return {"mention": mention, "span": span(text, mention, max(start, 0)), **PLACES[key]}


def claim(
    text: str,
    value: Any,
    needle: str,
    claimant: str | None = "the outlet",
    hedge: str = "asserted",
    qualifier: str | None = None,
) -> dict[str, Any]:
    return {
        "value": value,
        "qualifier": qualifier,
        "claimant": claimant,
        "hedge": hedge,
        "spans": [span(text, needle)],
    }


def event(
    text: str,
    type_: str,
    anchor: str,
    *,
    places: list[dict[str, Any]],
    weapon: str | None = "drone",
    time: dict[str, Any] | None = None,
    claimant: str | None = None,
    **claims: Any,
) -> dict[str, Any]:
    ev = {
        "type": type_,
        "weapon": weapon,
        "count": None,
        "launched": None,
        "places": places,
        "time": time or {"text": None, "start": None, "end": None, "precision": "unknown"},
        "killed": None,
        "injured": None,
        "damage": None,
        "perpetrator": None,
        "target": None,
        "claimant": claimant,
        "confidence": 0.9,
        "spans": [span(text, anchor)],
    }
    ev.update(claims)
    return ev


def record(
    rid: str, idx: int, text: str, ev: dict[str, Any], *, source: str, kind: str, published: str | None
) -> MentionRecord:
    return MentionRecord(
        id=f"{rid}#{idx}",
        report_id=rid,
        event=ev,
        source=source,
        source_kind=kind,
        published_at=datetime.fromisoformat(published) if published else None,
        title=text.split("\n", 1)[0][:80],
        report_text=text,
    )


def kaluga_example(published: str = "2025-06-01T10:30:00+03:00") -> list[MentionRecord]:
    """The two events of the shared example report, as the extractor should give them."""
    t = EXAMPLE.read_text(encoding="utf-8")
    gov = "Governor Vladislav Shapsha"
    intercept = event(
        t,
        "interception",
        "the drones were shot down on the outskirts of Kaluga",
        places=[
            place(t, "Kaluga", "Kaluga", after="outskirts of"),
            place(t, "Borovsky", "Borovsky District"),
            place(t, "Maloyaroslavets municipal districts", "Maloyaroslavets District"),
            place(t, "Kaluga Oblast", "Kaluga Oblast"),
        ],
        claimant=gov,
        killed=claim(t, 0, "no casualties", claimant=gov),
        damage=claim(t, "none significant", "significant damage", claimant=gov),
    )
    dam = event(
        t,
        "shelling",
        "launched a fresh assault on the Belgorod dam",
        weapon="artillery",
        places=[place(t, "Belgorod dam", "Belgorod dam")],
        claimant="Russian Ministry of Defense",
        damage=claim(t, "minor", "minor damage", claimant="the outlet"),
        perpetrator=claim(t, "Ukrainian Armed Forces", "Ukrainian Armed Forces", claimant="the outlet"),
    )
    src = dict(source="Example outlet", kind="media", published=published)
    return [record("example", 0, t, intercept, **src), record("example", 1, t, dam, **src)]


SHAPSHA_POST = (
    "Air defence systems destroyed 5 UAVs over the Borovsky and Maloyaroslavets districts tonight. "
    "There are no casualties or damage. Emergency services are working at the crash sites."
)
KALUGA24 = (
    "Three drones downed near Kaluga overnight, governor says\n"
    "Air defence units brought down three unmanned aerial vehicles on the approaches to Kaluga, "
    "Governor Vladislav Shapsha said on his Telegram channel. Nobody was hurt, he added."
)


def kaluga_official(published: str = "2025-06-01T07:05:00+03:00") -> MentionRecord:
    t = SHAPSHA_POST
    ev = event(
        t,
        "interception",
        "destroyed 5 UAVs",
        places=[
            place(t, "Borovsky", "Borovsky District"),
            place(t, "Maloyaroslavets districts", "Maloyaroslavets District"),
        ],
        count=claim(t, 5, "5 UAVs"),
        killed=claim(t, 0, "no casualties"),
        time={
            "text": "tonight",
            "start": "2025-06-01",
            "end": None,
            "precision": "day",
            "span": span(t, "tonight"),
        },
    )
    return record(
        "shapsha-tg", 0, t, ev, source="Vladislav Shapsha (Telegram)", kind="official", published=published
    )


def kaluga_outlet(published: str = "2025-06-01T08:40:00+03:00") -> MentionRecord:
    t = KALUGA24
    gov = "Governor Vladislav Shapsha"
    ev = event(
        t,
        "interception",
        "brought down three unmanned aerial vehicles",
        places=[place(t, "Kaluga", "Kaluga")],
        claimant=gov,
        count=claim(t, 3, "three unmanned aerial vehicles", claimant=gov),
        injured=claim(t, 0, "Nobody was hurt", claimant=gov),
        time={
            "text": "overnight",
            "start": "2025-06-01",
            "end": None,
            "precision": "day",
            "span": span(t, "overnight"),
        },
    )
    return record("kaluga24", 0, t, ev, source="Kaluga24", kind="media", published=published)


def event_from_dict(d: dict[str, Any]) -> Any:
    """Contract dict -> EventMention, to store fixture mentions through the Store API."""
    from skylog.records import Claim, EventMention, Place, TimeExpr

    def c(x: dict[str, Any] | None) -> Claim | None:
        if not x:
            return None
        return Claim(
            value=x["value"],
            spans=[tuple(s) for s in x["spans"]],
            claimant=x.get("claimant"),
            hedge=x.get("hedge") or "asserted",
            qualifier=x.get("qualifier"),
        )

    places = []
    for p in d.get("places") or []:
        kw = {
            k: p.get(k)
            for k in (
                "kind",
                "name",
                "country",
                "admin1",
                "admin1_code",
                "admin2",
                "lat",
                "lon",
                "precision",
                "gazetteer_id",
            )
        }
        places.append(
            Place(
                mention=p["mention"], span=tuple(p["span"]), **{k: v for k, v in kw.items() if v is not None}
            )
        )
    t = d.get("time")
    time = None
    if t:
        time = TimeExpr(
            text=t.get("text"),
            start=t.get("start"),
            end=t.get("end"),
            precision=t.get("precision") or "unknown",
            span=tuple(t["span"]) if t.get("span") else None,
        )
    return EventMention(
        type=d["type"],
        spans=[tuple(s) for s in d["spans"]],
        weapon=d.get("weapon"),
        count=c(d.get("count")),
        places=places,
        time=time,
        killed=c(d.get("killed")),
        injured=c(d.get("injured")),
        damage=c(d.get("damage")),
        perpetrator=c(d.get("perpetrator")),
        claimant=d.get("claimant"),
    )


def store_records(store: Any, records: list[MentionRecord]) -> None:
    """Put fixture records into a Store as reports + extractions (one report per report_id)."""
    from skylog.records import Extraction, Report

    by_report: dict[str, list[MentionRecord]] = {}
    for r in records:
        by_report.setdefault(r.report_id, []).append(r)
    for rid, recs in by_report.items():
        r0 = recs[0]
        rep = Report(
            id=rid,
            text=r0.report_text or r0.text or "",
            source=r0.source,
            source_kind=r0.source_kind,
            title=r0.title,
            published_at=r0.published_at,
            language="en",
        )
        store.add_reports([rep])
        store.save_extraction(Extraction(report=rep, events=[event_from_dict(x.event) for x in recs]))


def country_tally(rid: str, text: str, type_: str, day: str, published: str) -> MentionRecord:
    """A national tally placed only at "Ukraine" (as the extractor gives an Air Force count)."""
    ukraine = {"mention": "Ukraine", "span": [text.index("Ukraine"), text.index("Ukraine") + 7], "kind": "country",
               "name": "Ukraine", "country": "UA", "precision": 3}  # fmt: skip
    ev = {"type": type_, "places": [ukraine], "spans": [[0, 20]],
          "time": {"text": "overnight", "start": day, "end": day, "precision": "day"}}  # fmt: skip
    return record(rid, 0, text, ev, source=rid, kind="media", published=published)


def village_strike(day: str, published: str) -> MentionRecord:
    """One village's strike that night (2 injured)."""
    t = "A drone hit a house in the village of Bilenke overnight, injuring two people, the governor said."
    bilenke = {"mention": "Bilenke", "span": [t.index("Bilenke"), t.index("Bilenke") + 7], "kind": "settlement",
               "name": "Bilenke", "country": "UA", "admin1": "Zaporizhzhia Oblast", "admin1_code": "UA-23",
               "lat": 47.7, "lon": 35.1, "precision": 1, "gazetteer_id": "bilenke"}  # fmt: skip
    ev = event(t, "drone_strike", "A drone hit a house", places=[bilenke], injured=claim(t, 2, "two people"),
               time={"text": "overnight", "start": day, "end": day, "precision": "day", "span": [48, 57]})  # fmt: skip
    return record("village", 0, t, ev, source="Local news", kind="media", published=published)
