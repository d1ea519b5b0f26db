"""Reading one incident dict (of ``skylog.store.incidents``) defensively, field by field.

A field may be a plain value or a Claim dict, and may sit at top level, under ``fields`` or under
``resolved``; places, time and sources have several shapes. These readers return a plain value or
None and never raise, because exports and the API must not crash on one odd incident. They live apart
from ``rows`` (which lays an incident out as ACLED's columns) because the API reads incidents with
them too (``api.data``), not only the flat export row.
"""

from __future__ import annotations

from typing import Any


def first_given(*values: Any) -> Any:
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


def fields_of(inc: dict[str, Any]) -> dict[str, Any]:
    f = inc.get("fields")
    return f if isinstance(f, dict) else {}


def place_of(inc: dict[str, Any]) -> dict[str, Any]:
    """The incident's main place (most specific first), as a dict (may be empty)."""
    p = inc.get("place")
    if isinstance(p, dict):
        return p
    fp = fields_of(inc).get("places")
    if isinstance(fp, dict) and isinstance(fp.get("value"), dict):
        return fp["value"]
    places = inc.get("places")
    if isinstance(places, list) and places and isinstance(places[0], dict):
        return places[0]
    return {}


def coordinates(inc: dict[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) of the incident, or None when it has no point."""
    p = place_of(inc)
    lat = first_given(inc.get("lat"), inc.get("latitude"), p.get("lat"))
    lon = first_given(inc.get("lon"), inc.get("longitude"), p.get("lon"))
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (-90.0 <= lat_f <= 90.0 and -180.0 <= lon_f <= 180.0):
        return None
    return lon_f, lat_f


def geo_precision(inc: dict[str, Any]) -> int | None:
    p = place_of(inc)
    v = first_given(inc.get("precision"), inc.get("geo_precision"), p.get("precision"))
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def time_of(inc: dict[str, Any]) -> tuple[str | None, str | None, str]:
    """(start ISO, end ISO, precision) of the incident's time window."""
    t = inc.get("time") if isinstance(inc.get("time"), dict) else {}
    ft = fields_of(inc).get("time")
    if not t and isinstance(ft, dict) and isinstance(ft.get("value"), dict):
        t = ft["value"]
    start = first_given(inc.get("start"), inc.get("time_start"), t.get("start"))
    end = first_given(inc.get("end"), inc.get("time_end"), t.get("end"))
    precision = first_given(inc.get("time_precision"), t.get("precision")) or ("day" if start else "unknown")
    return (str(start) if start else None, str(end) if end else None, str(precision))


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
    for name, f in fields_of(inc).items():
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
        for k in (
            "value",
            "qualifier",
            "claimant",
            "hedge",
            "confidence",
            "low_confidence",
            "report_id",
            "source",
        )
        if c.get(k) is not None
    }


def as_int(v: Any) -> int | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v if x is not None) or None
    return str(v)
