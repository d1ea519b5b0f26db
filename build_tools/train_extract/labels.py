"""Which of the rules' values are right, by the gold labels of the real corpus (training targets).

A value is right when it matches the gold of its report the way the shared scorer counts it: a type among
the gold types, a count among the gold counts, a place whose region key is a gold region (the shared
``regions.py`` maps both sides), a toll equal to a gold event's or to their sum, a date a gold event of
the same type has, a perpetrator or speaker sharing a name stem with the gold one. Where the gold does not
label a field at all (no perpetrator, no quotes, no date), the value is left out of training.
"""

from __future__ import annotations

import re
from typing import Any

from skylog.records import EventMention, Quote


def _words(s: str | None) -> set[str]:
    """Name stems: "Russian" and "Russia", "Israeli" and "Israel" are the same claim of who did it."""
    return {w[:5] for w in re.findall(r"\w+", (s or "").lower()) if len(w) > 2}


def _value(claim: Any) -> Any:
    return getattr(claim, "value", None)


def event_labels(e: EventMention, gold: dict, regions: Any) -> dict[str, bool | None]:
    """field -> right (True/False), or None where the gold cannot tell."""
    gev = gold.get("events") or []
    if not gold.get("is_attack_report"):
        return {f: False for f in ("type", "count", "place", "killed", "injured", "time", "perpetrator")}
    out: dict[str, bool | None] = {"type": e.type in {g["type"] for g in gev}}
    out["count"] = _value(e.count) in {g.get("count") for g in gev if g.get("count") is not None}
    out["place"] = _place_right(e, gev, regions)
    for name in ("killed", "injured"):
        vals = [g[name] for g in gev if g.get(name) is not None]
        v = _value(getattr(e, name))
        out[name] = v in vals or (bool(vals) and v == sum(vals))
    dates = {g["date"] for g in gev if g.get("date") and g["type"] == e.type}
    start = str((e.time.start if e.time else None) or "")[:10]
    out["time"] = (start in dates) if any(g.get("date") for g in gev) else None
    perp = _words(str(_value(e.perpetrator) or ""))
    gold_perp = [_words(g.get("perpetrator_claimed")) for g in gev if g.get("perpetrator_claimed")]
    out["perpetrator"] = any(perp & g for g in gold_perp) if gold_perp else None
    return out


def _place_right(e: EventMention, gev: list[dict], regions: Any) -> bool | None:
    gold_keys = {regions.gold_key(g["admin1"]) for g in gev if g.get("admin1")}
    if gold_keys:
        keys = set().union(*[regions.place_keys(p.to_dict()) for p in e.places])
        return bool(keys & gold_keys)
    countries = {g.get("country") for g in gev if g.get("country")}
    if not countries:
        return None
    return any(p.country in countries for p in e.places)


def quote_label(q: Quote, gold: dict) -> bool | None:
    """Whether a quote's speaker is a gold speaker (None where the gold lists no quotes at all)."""
    gq = gold.get("quotes")
    if not gq:
        return None
    said = _words(f"{q.speaker or ''} {q.role or ''}")
    return any(said & _words(g.get("speaker")) for g in gq)
