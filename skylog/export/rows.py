"""One incident (the dict of ``skylog.store.incidents``) as one flat export row.

Every export format is built from :func:`flat_row`, so the CSV, GeoJSON
properties and Parquet columns agree. The incident dict is read defensively
(fields may be plain values or Claim dicts, and may sit at top level or under
``resolved``), because exports must never crash on one odd incident.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from skylog.export.acled import ACLED_COLUMNS
from skylog.export.incident_fields import (
    as_int,
    as_text,
    claims_of,
    coordinates,
    field,
    fields_of,
    first_given,
    place_of,
    sources_of,
    time_of,
)
from skylog.records import ACLED_SUB_EVENT

# ACLED's column order (skylog.export.acled), then skylog's additions (docs/export.md).
SKYLOG_COLUMNS: tuple[str, ...] = (
    "injured",
    "count",
    "grade",
    "claims",
    "claimant",
    "claimant_role",
    "carrier",
    "source_urls",
    "incident_id",
    "skylog_type",
    "confidence",
    "low_confidence",
)
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + SKYLOG_COLUMNS

# ACLED's event type for each skylog type: interceptions are "Disrupted weapons use",
# which ACLED files under Strategic developments.
ACLED_EVENT_TYPE: dict[str, str] = {
    "drone_strike": "Explosions/Remote violence",
    "missile_strike": "Explosions/Remote violence",
    "air_strike": "Explosions/Remote violence",
    "shelling": "Explosions/Remote violence",
    "interception": "Strategic developments",
    "debris_fall": "Strategic developments",
}
ACLED_DISORDER: dict[str, str] = {
    "Explosions/Remote violence": "Political violence",
    "Strategic developments": "Strategic developments",
}
CLAIM_FIELDS: tuple[str, ...] = (
    "count",
    "launched",
    "killed",
    "injured",
    "damage",
    "perpetrator",
    "target",
    "weapon",
)


# ---------------------------------------------------------------- actors

_CIVILIAN = re.compile(
    r"house|home|residential|apartment|flat|school|hospital|kindergarten|civilian|car\b|market|shop|church|"
    r"дом|жил|квартир|школ|больниц|детск|мирн|автомоб|машин|будин|житл|лікарн|цивільн|магазин|садок|садик",
    re.I,
)
_MILITARY = re.compile(
    r"military|airfield|air base|army|troops|аэродром|воинск|военн|позици|військов|аеродром", re.I
)


def _side(origin: Any) -> str | None:
    o = str(origin or "")
    return o.split(":", 1)[1] if o.startswith("official:") and o[9:] not in ("", "?") else None


def perpetrator_actor(inc: dict[str, Any]) -> tuple[Any, str | None]:
    """(canonical Actor or None, the raw value when it names no known actor) of an incident's perpetrator."""
    from skylog.actors import normalise

    f = fields_of(inc).get("perpetrator")
    votes: Counter[str] = Counter()
    found: dict[str, Any] = {}
    raw: str | None = None
    claims = f.get("claims") if isinstance(f, dict) else None
    for c in claims or []:
        if not isinstance(c, dict) or c.get("hedge") == "denied" or c.get("value") in (None, ""):
            continue
        a = normalise(c["value"], side=_side(c.get("origin")), context=c.get("evidence"))
        if a is None:
            raw = raw or str(c["value"])
            continue
        votes[a.name] += 1
        found[a.name] = a
    if votes:
        name = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return found[name], None
    value = field(inc, "perpetrator")
    if value not in (None, ""):
        a = normalise(value)
        return (a, None) if a is not None else (None, str(value))
    return None, raw


def actor_columns(inc: dict[str, Any], typ: str, cc: str | None) -> dict[str, Any]:
    """actor1/assoc_actor_1/inter1, actor2/assoc_actor_2/inter2, interaction and civilian_targeting.

    actor1 is who attacked (the perpetrator as claimed, normalised to the actor table; an
    unnamed attacker is ACLED's "Unidentified Armed Group (Country)", with the raw words in
    assoc_actor_1). For interceptions and debris, actor2 is the force that intercepted: the
    state forces of the country it happened in. For strikes that killed or injured people or
    hit homes, schools or other civilian objects, actor2 is the civilians of that country and
    civilian_targeting is set.
    """
    from skylog.actors import civilians, opponent, state_forces, unidentified

    perp, raw = perpetrator_actor(inc)
    actor2 = None
    if typ in ("interception", "debris_fall"):
        actor2 = state_forces(cc)
        if perp is not None and actor2 is not None and perp.name == actor2.name:
            # the attacker is the state of the territory (occupied land: Crimea for Ukraine), so
            # the side opposed to it intercepted; without a known opponent it is a misreading
            opp = opponent(perp.country)
            if opp is not None:
                actor2 = opp
            else:
                raw, perp = perp.name, None
    elif typ:
        killed, injured = as_int(field(inc, "killed")) or 0, as_int(field(inc, "injured")) or 0
        target = " ".join(str(v) for v in (field(inc, "target"), field(inc, "damage")) if v)
        if (killed or injured or _CIVILIAN.search(target)) and not _MILITARY.search(target):
            actor2 = civilians(cc)
    a1 = perp or unidentified(cc)
    inter1 = a1.inter_in(cc)
    inter2 = actor2.inter_in(cc) if actor2 is not None else None
    from skylog.export.acled import interaction

    return {
        "actor1": a1.name,
        "assoc_actor_1": raw if perp is None and raw else None,
        "inter1": inter1,
        "actor2": actor2.name if actor2 is not None else None,
        "assoc_actor_2": None,
        "inter2": inter2 if inter2 is not None else 0,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if actor2 is not None and actor2.type == "civilians"
        else None,
        "_actor1": a1,
        "_actor2": actor2,
    }


# ---------------------------------------------------------------- notes

_WEAPON_NOUN = {
    "drone": ("drone", "drones"),
    "missile": ("missile", "missiles"),
    "artillery": ("artillery shell", "artillery shells"),
    "aircraft": ("aircraft", "aircraft"),
    "glide_bomb": ("glide bomb", "glide bombs"),
    "rocket": ("rocket", "rockets"),
    "mlrs": ("rocket", "rockets"),
}


def _weapons(weapon: Any, n: int | None, typ: str) -> str:
    w = str(weapon or "").lower()
    default = {"missile_strike": "missile", "shelling": "artillery", "air_strike": "aircraft"}.get(
        typ, "drone"
    )
    one, many = _WEAPON_NOUN.get(w, _WEAPON_NOUN.get(default, ("drone", "drones")))
    if n is None:
        return many
    return f"{n} {one if n == 1 else many}"


def _day(d: Any) -> str:
    return f"{d.day} {d:%B %Y}"


def notes_for(inc: dict[str, Any], row: dict[str, Any]) -> str:
    """ACLED's ``notes``: one sentence saying what happened, where, when, to whom, and who says so."""
    text = _what_happened(inc, row, _note_when(row), _note_where(row))
    killed, injured = row.get("fatalities") or 0, row.get("injured")
    hurt = []
    if killed:
        hurt.append(f"{killed} {'person was' if killed == 1 else 'people were'} killed")
    if injured:
        hurt.append(f"{injured} {'person was' if injured == 1 else 'people were'} injured")
    if hurt:
        text += "; " + " and ".join(hurt)
    who = row.get("_according_to")
    text += f", according to {who}." if who else "."
    if not hurt and _says_none(inc):
        text += " No casualties were reported."
    return text


def _note_when(row: dict[str, Any]) -> str:
    """The sentence's opening, as precise as the row's date is (never a guessed day)."""
    when_d = row.get("_date")
    tp = row.get("time_precision")
    if when_d is None:
        return "On an unknown date"
    if row.get("_dated_by_report"):
        return f"On or before {_day(when_d)}"
    if tp == 3:
        return f"In {when_d:%B %Y}"
    if tp == 2:
        return f"Around {_day(when_d)}"
    return f"On {_day(when_d)}"


def _note_where(row: dict[str, Any]) -> str:
    """The region for a region-level event, else the location with its region."""
    admin1 = row.get("admin1")
    loc = row.get("location")
    if row.get("geo_precision") == 3 and admin1:
        return admin1
    if loc and admin1 and loc != admin1:
        return f"{loc} ({admin1})"
    return loc or admin1 or row.get("country") or "an unknown place"


def _what_happened(inc: dict[str, Any], row: dict[str, Any], when: str, where: str) -> str:
    """The main clause: who did what to where, by event type."""
    typ = str(inc.get("type") or "")
    a1, a2 = row.get("_actor1"), row.get("_actor2")
    attacker = (a1.short if a1 is not None and a1.short else None) or "unidentified forces"
    n = row.get("count")
    weapon = field(inc, "weapon")
    arms = _weapons(weapon, n, typ)
    if typ == "interception":
        adj = (a2.adjective + " ") if a2 is not None and a2.adjective else ""
        by = f"{adj}air defence" if adj else (f"the {a2.name}" if a2 is not None else "air defence")
        text = f"{when}, {by} intercepted {arms} over {where}"
        if a1 is not None and a1.short:
            text += f" launched by {a1.short}"
        return text
    if typ == "debris_fall":
        return f"{when}, debris of {_weapons(weapon, n, typ) if n else 'downed ' + arms} fell in {where}"
    if typ == "shelling":
        return f"{when}, {attacker} shelled {where}"
    if typ == "air_strike":
        return f"{when}, {attacker} carried out an air strike on {where}"
    return f"{when}, {attacker} struck {where} with {arms}"


def _says_none(inc: dict[str, Any]) -> bool:
    """True when a claim says no one was killed or injured (a 0, not an absent figure)."""
    return any(as_int(field(inc, k)) == 0 for k in ("killed", "injured"))


def _source_scale(srcs: list[dict[str, Any]], urls: list[str]) -> str:
    """ACLED source_scale: posts on Telegram and other social media are "New media"; skylog cannot
    tell an outlet's reach (local, national, international), so other sources are "Other"."""
    scales: list[str] = []
    for s in srcs:
        kind = s.get("kind")
        scale = "New media" if kind == "social" else "Other"
        if scale not in scales:
            scales.append(scale)
    if any("t.me/" in u for u in urls) and "New media" not in scales:
        scales.insert(0, "New media")
    return "-".join(scales) or "Other"


def _epoch(v: Any) -> int | None:
    if isinstance(v, datetime):
        return int(v.timestamp())
    if isinstance(v, str) and v:
        try:
            d = datetime.fromisoformat(v.replace("Z", "+00:00"))
        except ValueError:
            return None
        return int((d if d.tzinfo else d.replace(tzinfo=UTC)).timestamp())
    return None


def flat_row(inc: dict[str, Any], *, timestamp: int | None = None) -> dict[str, Any]:
    """The ACLED row (plus skylog columns) of one incident.

    ``event_date`` and the coordinates are None when nothing dates or places the incident
    (the CSV writer sends such rows to a side file). ``timestamp`` is the incident's own
    last update (``updated_at``); the ``timestamp`` argument is used only when it has none.
    """
    from skylog.export.acled import alpha3, country_name, event_date, iso_numeric, populated_place, region
    from skylog.provenance import according_to, claimant_of

    typ = str(inc.get("type") or "")
    start, end, precision = time_of(inc)
    dated = event_date(start, end, precision)
    place = place_of(inc)
    cc = first_given(inc.get("country"), place.get("country"))
    cc = str(cc).upper() if cc else None
    coords = coordinates(inc)
    pp = (
        populated_place(place, coords[1] if coords else None, coords[0] if coords else None)
        if place
        else None
    )
    srcs = sources_of(inc)
    urls = [u for u in (inc.get("urls") or []) if isinstance(u, str)]
    event_type = ACLED_EVENT_TYPE.get(typ)
    claims = claims_of(inc)
    prov = claimant_of(fields_of(inc), inc.get("sources") if isinstance(inc.get("sources"), list) else None)
    weapon = field(inc, "weapon")
    grade = inc.get("grade")
    if isinstance(grade, dict):
        grade = grade.get("label") or grade.get("value") or grade.get("code")
    tags = []
    if weapon:
        tags.append(f"weapon: {weapon}")
    if inc.get("contested") or grade == "contested":
        tags.append("contested")
    hedges = sorted(
        {c.get("hedge") for cl in claims.values() for c in cl if c.get("hedge") != "asserted"} - {None}
    )
    if hedges:
        tags.append("hedges: " + ",".join(hedges))
    if dated is not None and not start:
        tags.append("date: at or before the first report")
    inc_id = str(inc.get("id") or "")
    actors = actor_columns(inc, typ, cc)
    fatalities = as_int(field(inc, "killed"))
    loc = pp[0] if pp else None  # (name, lat, lon, admin1, admin2) of a populated place
    row: dict[str, Any] = {
        "event_id_cnty": f"{alpha3(cc)}-{inc_id}" if cc else inc_id,
        "event_date": dated[0].isoformat() if dated else None,
        "year": dated[0].year if dated else None,
        "time_precision": dated[1] if dated else None,
        "disorder_type": ACLED_DISORDER.get(event_type or ""),
        "event_type": event_type,
        "sub_event_type": ACLED_SUB_EVENT.get(typ),
        **{k: v for k, v in actors.items() if not k.startswith("_")},
        "iso": iso_numeric(cc),
        "region": region(cc),
        "country": country_name(cc) or None,
        "admin1": (loc[3] if loc else None) or first_given(inc.get("admin1"), place.get("admin1")),
        "admin2": (loc[4] if loc else None) or first_given(inc.get("admin2"), place.get("admin2")),
        "admin3": None,
        "location": loc[0] if loc else None,
        "latitude": round(loc[1], 5) if loc else None,
        "longitude": round(loc[2], 5) if loc else None,
        "geo_precision": pp[1] if pp else None,
        "source": "; ".join(s["name"] for s in srcs) or None,
        "source_scale": _source_scale(srcs, urls),
        "notes": None,
        "fatalities": fatalities if fatalities is not None and fatalities >= 0 else 0,
        "tags": "; ".join(tags) or None,
        "timestamp": _epoch(inc.get("updated_at")) or timestamp or int(datetime.now(UTC).timestamp()),
        "injured": as_int(field(inc, "injured")),
        "count": as_int(field(inc, "count")),
        "grade": as_text(grade),
        "claims": json.dumps(claims, ensure_ascii=False, sort_keys=True) if claims else None,
        "claimant": prov["claimant"],
        "claimant_role": prov["claimant_role"],
        "carrier": "; ".join(prov["carriers"]) or None,
        "source_urls": " ".join(urls) or None,
        "incident_id": inc_id or None,
        "skylog_type": typ or None,
        # P(the type is right) of the surest member report, and the fields every report marked low
        "confidence": (inc.get("field_confidence") or {}).get("type"),
        "low_confidence": "; ".join(inc.get("low_confidence") or []) or None,
    }
    extra = {
        "_date": dated[0] if dated else None,
        "_dated_by_report": dated is not None and not start,
        "_actor1": actors["_actor1"],
        "_actor2": actors["_actor2"],
        "_according_to": according_to(prov) or (prov["carrier"] if prov["carrier"] else None),
    }
    row["notes"] = notes_for(inc, {**row, **extra})
    return row
