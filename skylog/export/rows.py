"""One incident (the dict of ``skylog.link.queries``) as one flat export row.

Every export format is built from :func:`flat_row`, so the CSV, GeoJSON
properties and Parquet columns agree. The incident dict is read defensively
(fields may be plain values or Claim dicts, and may sit at top level or under
``resolved``), because exports must never crash on one odd incident.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from skylog.records import ACLED_SUB_EVENT

# ACLED's column order, then skylog's additions.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "iso",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
SKYLOG_COLUMNS: tuple[str, ...] = ("injured", "count", "grade", "claims")
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
# ACLED time_precision: 1 day, 2 week (or a few days), 3 month or vaguer.
TIME_PRECISION_CODE: dict[str, int] = {"hour": 1, "day": 1, "week": 2, "month": 3}

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


def _first(*values: Any) -> Any:
    for v in values:
        if v is not None and v != "" and v != []:
            return v
    return None


def value_of(x: Any) -> Any:
    """A resolved field as a plain value: Claim-like dicts give their ``value``."""
    if isinstance(x, dict):
        for key in ("value", "resolved", "low"):
            if key in x:
                return value_of(x[key])
        return None
    return x


def field(inc: dict[str, Any], name: str) -> Any:
    """Resolved value of ``name``: ``inc["resolved"][name]``, ``inc["fields"][name]`` or ``inc[name]``."""
    for holder in (inc.get("resolved"), inc.get("fields")):
        if isinstance(holder, dict) and name in holder:
            v = value_of(holder[name])
            if v is not None:
                return v
    return value_of(inc.get(name))


def _fields(inc: dict[str, Any]) -> dict[str, Any]:
    f = inc.get("fields")
    return f if isinstance(f, dict) else {}


def place_of(inc: dict[str, Any]) -> dict[str, Any]:
    """The incident's main place (most specific first), as a dict (may be empty)."""
    p = inc.get("place")
    if isinstance(p, dict):
        return p
    fp = _fields(inc).get("places")
    if isinstance(fp, dict) and isinstance(fp.get("value"), dict):
        return fp["value"]
    places = inc.get("places")
    if isinstance(places, list) and places and isinstance(places[0], dict):
        return places[0]
    return {}


def coordinates(inc: dict[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) of the incident, or None when it has no point."""
    p = place_of(inc)
    lat = _first(inc.get("lat"), inc.get("latitude"), p.get("lat"))
    lon = _first(inc.get("lon"), inc.get("longitude"), p.get("lon"))
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (-90.0 <= lat_f <= 90.0 and -180.0 <= lon_f <= 180.0):
        return None
    return lon_f, lat_f


def geo_precision(inc: dict[str, Any]) -> int | None:
    p = place_of(inc)
    v = _first(inc.get("precision"), inc.get("geo_precision"), p.get("precision"))
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def time_of(inc: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """(start ISO, end ISO, precision) of the incident's time window."""
    t = inc.get("time") if isinstance(inc.get("time"), dict) else {}
    ft = _fields(inc).get("time")
    if not t and isinstance(ft, dict) and isinstance(ft.get("value"), dict):
        t = ft["value"]
    start = _first(inc.get("start"), inc.get("time_start"), t.get("start"))
    end = _first(inc.get("end"), inc.get("time_end"), t.get("end"))
    precision = _first(inc.get("time_precision"), t.get("precision")) or ("day" if start else "unknown")
    return (str(start) if start else None, str(end) if end else None, str(precision))


@lru_cache(maxsize=512)
def _country(code: str) -> tuple[str, int | None]:
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if c is None and len(code) == 3:
        c = pycountry.countries.get(alpha_3=code.upper())
    if c is None:
        return code, None
    return getattr(c, "common_name", None) or c.name, int(c.numeric)


@lru_cache(maxsize=512)
def _alpha3(code: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return c.alpha_3 if c is not None else code.upper()


def sources_of(inc: dict[str, Any]) -> list[dict[str, Any]]:
    """Distinct sources ``{"name", "kind"}`` of the incident, in first-seen order."""
    out: dict[str, dict[str, Any]] = {}
    raw = inc.get("sources")
    items: list[Any] = list(raw) if isinstance(raw, list) else []
    for m in inc.get("members") or []:
        if isinstance(m, dict):
            items.append({"name": m.get("source"), "kind": m.get("source_kind")})
    for s in items:
        if isinstance(s, str):
            s = {"name": s}
        if not isinstance(s, dict):
            continue
        if isinstance(s.get("names"), list):  # a resolved source group: copies of one text
            kinds = s.get("kinds") or []
            for i, name in enumerate(s["names"]):
                if name and name not in out:
                    kind = kinds[i] if i < len(kinds) else (kinds[0] if kinds else "unknown")
                    out[name] = {"name": name, "kind": kind or "unknown"}
            continue
        name = s.get("name") or s.get("source")
        if name and name not in out:
            out[name] = {"name": name, "kind": s.get("kind") or s.get("source_kind") or "unknown"}
    return list(out.values())


def claims_of(inc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every claim per field, compact (value, claimant, hedge, report id)."""
    raw = inc.get("claims")
    out: dict[str, list[dict[str, Any]]] = {}
    for name, f in _fields(inc).items():
        if isinstance(f, dict) and isinstance(f.get("claims"), list) and name not in ("places", "time"):
            out[name] = [_compact_claim(c) for c in f["claims"] if isinstance(c, dict)]
    if isinstance(raw, dict):
        for name, claims in raw.items():
            if isinstance(claims, list):
                out[name] = [_compact_claim(c) for c in claims if isinstance(c, dict)]
    elif isinstance(raw, list):
        for c in raw:
            if isinstance(c, dict) and c.get("field"):
                out.setdefault(str(c["field"]), []).append(_compact_claim(c))
    return out


def _compact_claim(c: dict[str, Any]) -> dict[str, Any]:
    return {
        k: c.get(k)
        for k in ("value", "qualifier", "claimant", "hedge", "report_id", "source")
        if c.get(k) is not None
    }


def _int(v: Any) -> int | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v if x is not None) or None
    return str(v)


def notes_for(inc: dict[str, Any], row: dict[str, Any]) -> str:
    """A one-sentence, attribution-keeping description (ACLED's ``notes``)."""
    typ = str(inc.get("type") or "incident").replace("_", " ")
    when = row.get("event_date") or "an unknown date"
    where = row.get("location") or row.get("admin1") or row.get("country") or "an unknown place"
    bits = [f"On {when}, {typ} reported at {where}"]
    if row.get("count") is not None:
        bits.append(f"count {row['count']}")
    if row.get("fatalities") is not None:
        bits.append(f"{row['fatalities']} killed")
    if row.get("injured") is not None:
        bits.append(f"{row['injured']} injured")
    srcs = row.get("source")
    text = ", ".join(bits) + "."
    if srcs:
        text += f" According to: {srcs}."
    if row.get("grade"):
        text += f" Corroboration: {row['grade']}."
    return text


def flat_row(inc: dict[str, Any], *, timestamp: int | None = None) -> dict[str, Any]:
    """The ACLED-style row (plus skylog columns) of one incident."""
    typ = str(inc.get("type") or "")
    start, _end, precision = time_of(inc)
    date = start[:10] if start else None
    place = place_of(inc)
    cc = _first(inc.get("country"), place.get("country"))
    country_name, iso_num = _country(str(cc)) if cc else (None, None)
    coords = coordinates(inc)
    srcs = sources_of(inc)
    event_type = ACLED_EVENT_TYPE.get(typ)
    claims = claims_of(inc)
    perpetrator = field(inc, "perpetrator")
    target = field(inc, "target")
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
    inc_id = str(inc.get("id") or "")
    row: dict[str, Any] = {
        "event_id_cnty": f"{_alpha3(str(cc))}-{inc_id}" if cc else inc_id,
        "event_date": date,
        "year": int(date[:4]) if date and date[:4].isdigit() else None,
        "time_precision": TIME_PRECISION_CODE.get(precision),
        "disorder_type": ACLED_DISORDER.get(event_type or ""),
        "event_type": event_type,
        "sub_event_type": ACLED_SUB_EVENT.get(typ),
        "actor1": _text(perpetrator),
        "actor2": _text(target),
        "country": country_name,
        "iso": iso_num,
        "admin1": _first(inc.get("admin1"), place.get("admin1")),
        "admin2": _first(inc.get("admin2"), place.get("admin2")),
        "admin3": None,
        "location": _first(inc.get("location"), place.get("name"), place.get("mention")),
        "latitude": coords[1] if coords else None,
        "longitude": coords[0] if coords else None,
        "geo_precision": geo_precision(inc),
        "source": "; ".join(s["name"] for s in srcs) or None,
        "source_scale": "; ".join(dict.fromkeys(s["kind"] for s in srcs)) or None,
        "notes": None,
        "fatalities": _int(field(inc, "killed")),
        "tags": "; ".join(tags) or None,
        "timestamp": timestamp if timestamp is not None else int(datetime.now(UTC).timestamp()),
        "injured": _int(field(inc, "injured")),
        "count": _int(field(inc, "count")),
        "grade": _text(grade),
        "claims": json.dumps(claims, ensure_ascii=False, sort_keys=True) if claims else None,
    }
    row["notes"] = notes_for(inc, row)
    return row
