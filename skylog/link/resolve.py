"""Per-field resolution with provenance, source independence and the grade.

Every field of an incident keeps every claim behind it (value, qualifier,
claimant, hedge, report, source, spans, evidence sentence) next to the value
skylog resolves from them, and flags a conflict when the claims disagree:
the ministry's 10 drones and the governor's 8 both stay visible.

Resolution rules (why):
- counts (shot down, launched): the most widely reported value, ties to the
  lower one; low/high kept so the spread is visible;
- killed / injured: the lowest asserted figure, as ACLED codes fatalities,
  plus the low/high range over all non-denied figures, as UCDP does;
- damage, perpetrator, weapon: the most widely asserted value; a claim with
  hedge ``denied`` makes the field contested;
- places: every place named, most specific first, with how many sources name it
  (relative locators, "southwest of Moscow", are not the incident's place);
- time: the intersection of the precise windows when they meet, else their hull.

Independence: reports whose texts are near-identical (MinHash Jaccard at or
above the copy threshold) are one source, whatever outlet carried them. A
source's *origin* is whose account it passes on: an official claimant
(governor, ministry, military) makes it that official side, whichever kind of
outlet relayed it; an outlet, NGO or social account speaking for itself is
its own kind. Grades:

- ``contested``: some source denies the event or a field, or counts differ
  by more than half between sides;
- ``single_source``: one independent source;
- ``several_sources_one_side``: several independent sources, one origin;
- ``independently_confirmed``: sources with different origins (kinds or sides).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from typing import Any

from skylog.actors import claim_actor
from skylog.link.bodies import every_pack_text, link_regex
from skylog.link.features import (
    _LENGTH,
    COARSE,
    MentionRecord,
    is_locator,
    sentence_around,
    time_window,
)
from skylog.link.locators import is_origin
from skylog.link.text import is_copy
from skylog.provenance import claimant_of
from skylog.records import iso_time

GRADES = ("single_source", "several_sources_one_side", "independently_confirmed", "contested")
GRADE_LABELS = {
    "single_source": "single source",
    "several_sources_one_side": "several sources of one side",
    "independently_confirmed": "independently confirmed",
    "contested": "contested",
}
CLAIM_FIELDS = ("count", "launched", "killed", "injured", "damage", "perpetrator", "target")

# who speaks officially, and for which side: ``[patterns.link]`` of every pack
_OFFICIAL = link_regex("OFFICIAL")
_UA_SIDE = link_regex("UA_SIDE")
_RU_SIDE = link_regex("RU_SIDE")
_EYEWITNESS = link_regex("EYEWITNESS")
_OWN_VOICE = {None, "", "the outlet", "outlet", "the report", "reporter", "correspondent"}


_ROLE = every_pack_text("OFFICIAL_ROLE")
_RELAYS_OFFICIAL = re.compile(
    rf"\b(?:{_ROLE})\b[^.!?\n]{{0,80}}\b(?:{every_pack_text('SPEECH_CUE')})\b"
    rf"|\b(?:{every_pack_text('ACCORDING_TO')})(?:\w+\s+){{0,3}}?(?:{_ROLE})",
    re.I,
)


def claimant_origin(
    claimant: str | None,
    source_kind: str,
    country: str | None,
    text: str | None = None,
    report_text: str | None = None,
) -> str:
    """Whose account a mention passes on: 'official:RU', 'media', 'ngo', 'social', ...

    The claimant's own words decide first ("Governor X", "the ministry"); a
    bare name counts as official when the report calls that person by an
    official role ("Governor Vladislav Shapsha"); a report in its own voice
    that still says "the governor said" relays the official side.
    """
    c = (claimant or "").strip()
    own = c.casefold() in _OWN_VOICE
    official = False
    if not own and _OFFICIAL.search(c):
        official = True
    elif not own and c and (report_text or text):
        body = (report_text or text or "")[:20000]
        i = body.find(c)
        if i < 0:
            i = body.find(c.split()[-1])
        if i >= 0 and re.search(rf"(?:{_ROLE})\W+(?:\w+\W+){{0,2}}$", body[max(0, i - 60) : i], re.I):
            official = True
    elif own and source_kind != "official" and text and _RELAYS_OFFICIAL.search(text[:3000]):
        official = True
    if official:
        if _UA_SIDE.search(c):
            return "official:UA"
        if _RU_SIDE.search(c):
            return "official:RU"
        return f"official:{country or '?'}"
    if source_kind == "official":
        return f"official:{country or '?'}"
    if not own and _EYEWITNESS.search(c):
        return "eyewitness"
    return source_kind if source_kind in ("media", "ngo", "social") else "unknown"


def _origin_text(rec: MentionRecord) -> str:
    """Where to look for who the report relays: the mention's sentences, or a short report whole."""
    if rec.report_text and len(rec.report_text) <= 1500:
        return rec.report_text
    return rec.evidence_text()


def mention_claimant(event: dict[str, Any]) -> str | None:
    """Who reports the event itself: the event's claimant, else its count's."""
    if event.get("claimant"):
        return event["claimant"]
    for f in ("count", "killed", "injured", "damage"):
        c = event.get(f)
        if isinstance(c, dict) and c.get("claimant"):
            return c["claimant"]
    return None


def _evidence(rec: MentionRecord, spans: list[Any]) -> str | None:
    if rec.report_text and spans:
        try:
            s = spans[0]
            return sentence_around(rec.report_text, int(s[0]), int(s[1]))
        except (TypeError, ValueError, IndexError):
            return None
    return rec.evidence_text() or None


def _num(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", v)
        return float(m.group(1)) if m else None
    return None


def _clean(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def _provenance(rec: MentionRecord, group: int, origin: str) -> dict[str, Any]:
    return {
        "mention_id": rec.id,
        "report_id": rec.report_id,
        "source": rec.source,
        "source_kind": rec.source_kind,
        "source_group": group,
        "origin": origin,
        "published_at": rec.published_at.isoformat() if rec.published_at else None,
    }


def copy_groups(records: list[MentionRecord], minhashes: dict[str, Any] | None = None) -> dict[str, int]:
    """Report id -> source group: near-identical texts share a group (union-find)."""
    from skylog.link.text import minhashes as make_minhashes

    reports: dict[str, MentionRecord] = {}
    for r in sorted(records, key=MentionRecord.sort_key):
        reports.setdefault(r.report_id, r)
    ids = list(reports)
    if minhashes is None or any(i not in minhashes for i in ids):
        mhs = make_minhashes([reports[i].copy_text() for i in ids])
        minhashes = dict(zip(ids, mhs, strict=True))
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a_i, a in enumerate(ids):
        for b in ids[a_i + 1 :]:
            if find(a) == find(b):
                continue
            same = is_copy(minhashes[a], minhashes[b], reports[a].copy_text(), reports[b].copy_text())
            if same and (reports[a].copy_text() or "").strip():
                parent[find(b)] = find(a)
    roots: dict[str, int] = {}
    out = {}
    for i in ids:  # numbered in first-published order
        out[i] = roots.setdefault(find(i), len(roots) + 1)
    return out


def field_confidence(recs: list[MentionRecord]) -> dict[str, Any]:
    """Per field, the best confidence a member report's extraction gave it (skylog.extract.learned), and
    the fields every member marked low-confidence: an incident is as sure as its surest report."""
    best: dict[str, float] = {}
    low: set[str] = set()
    high: set[str] = set()
    for r in recs:
        for name, p in (r.event.get("field_confidence") or {}).items():
            if isinstance(p, (int, float)):
                best[name] = max(best.get(name, 0.0), float(p))
        marked = set(r.event.get("low_confidence") or [])
        low |= marked
        high |= set(r.event.get("field_confidence") or {}) - marked
    if not best:
        return {}
    return {"field_confidence": dict(sorted(best.items())), "low_confidence": sorted(low - high)}


def resolve(records: list[MentionRecord], minhashes: dict[str, Any] | None = None) -> dict[str, Any]:
    """The resolved view of one incident from its member mentions."""
    recs = sorted(records, key=MentionRecord.sort_key)
    groups = copy_groups(recs, minhashes)
    country = _country(recs)
    origins = {
        r.id: claimant_origin(
            mention_claimant(r.event), r.source_kind, country, _origin_text(r), r.report_text
        )
        for r in recs
    }

    fields: dict[str, Any] = {}
    for name in CLAIM_FIELDS:
        claims = []
        for r in recs:
            c = r.event.get(name)
            if not isinstance(c, dict) or c.get("value") is None:
                continue
            spans = c.get("spans") or []
            claims.append(
                {
                    "value": c.get("value"),
                    "qualifier": c.get("qualifier"),
                    "claimant": c.get("claimant"),
                    "hedge": c.get("hedge") or "asserted",
                    **_scored(c),
                    "spans": spans,
                    "evidence": _evidence(r, spans),
                    **_provenance(r, groups[r.report_id], origins[r.id]),
                }
            )
            if name == "perpetrator":  # one actor however it is spelled (skylog.actors)
                claims[-1]["actor"] = claim_actor(c.get("value"), origins[r.id], r.report_text)
        if claims:
            fields[name] = _resolve_field(name, claims)

    fields["places"] = _places(recs, groups, origins)
    fields["time"] = _time(recs, groups, origins)
    fields["weapon"] = _categorical([r.event.get("weapon") for r in recs])
    types = Counter(r.event.get("type") for r in recs)
    itype = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    sources = []
    by_group: dict[int, list[MentionRecord]] = {}
    for r in recs:
        by_group.setdefault(groups[r.report_id], []).append(r)
    for g, members in sorted(by_group.items()):
        sources.append(
            {
                "group": g,
                "origin": sorted({origins[m.id] for m in members})[0],
                "reports": sorted({m.report_id for m in members}),
                "names": sorted({m.source or "?" for m in members}),
                "kinds": sorted({m.source_kind for m in members}),
            }
        )
    grade, reason = _grade(recs, fields, sources)
    return {
        "type": itype,
        "types": dict(sorted(types.items())),
        "fields": fields,
        "sources": sources,
        "n_reports": len({r.report_id for r in recs}),
        "n_sources": len(sources),
        "grade": grade,
        "grade_label": GRADE_LABELS[grade],
        "grade_reason": reason,
        "conflicts": sorted(k for k, v in fields.items() if isinstance(v, dict) and v.get("conflict")),
        **field_confidence(recs),
        "provenance": claimant_of(fields, sources, [r.report_text for r in recs if r.report_text]),
    }


def _scored(c: dict[str, Any]) -> dict[str, Any]:
    """A claim's confidence (P(value right) by its report's learned stage) and whether it was marked low."""
    return {"confidence": c.get("confidence"), "low_confidence": c.get("low_confidence")}


def _resolve_field(name: str, claims: list[dict[str, Any]]) -> dict[str, Any]:
    live = [c for c in claims if c["hedge"] != "denied"]
    denied = [c for c in claims if c["hedge"] == "denied"]
    nums = [_num(c["value"]) for c in live]
    out: dict[str, Any] = {"claims": claims}
    if live and all(n is not None for n in nums):
        asserted = [n for n, c in zip(nums, live, strict=True) if c["hedge"] == "asserted"] or nums
        out["low"], out["high"] = _clean(min(nums)), _clean(max(nums))
        if name in ("killed", "injured"):
            out["value"] = _clean(min(asserted))  # ACLED: lowest reported
        else:
            cnt = Counter(nums)
            out["value"] = _clean(sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
        out["conflict"] = len(set(nums)) > 1 or bool(denied)
    else:
        vals = [str(c.get("actor") or c["value"]) for c in live]
        out["value"] = _categorical(vals)["value"] if vals else None
        distinct = {v.casefold() for v in vals}
        out["conflict"] = len(distinct) > 1 or bool(denied)
    out["denied"] = bool(denied)
    return out


def _categorical(values: list[Any]) -> dict[str, Any]:
    vals = [v for v in values if v not in (None, "")]
    if not vals:
        return {"value": None, "values": {}}
    cnt = Counter(vals)
    return {"value": sorted(cnt.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0], "values": dict(cnt)}


_KIND_RANK = {
    "facility": 0,
    "settlement": 1,
    "water": 2,
    "other": 3,
    "district": 4,
    "region": 5,
    "country": 6,
}


def _places(recs: list[MentionRecord], groups: dict[str, int], origins: dict[str, str]) -> dict[str, Any]:
    merged: dict[str, dict[str, Any]] = {}
    for r in recs:
        for p in r.event.get("places") or []:
            if not isinstance(p, dict) or is_locator(r.report_text, p.get("span")):
                continue  # "southwest of Moscow" locates the place; it is not the place
            if is_origin(r.report_text, p.get("span")):
                continue  # "launched from ... Yemen": where the weapons came from
            key = str(p.get("gazetteer_id") or (p.get("name") or p.get("mention") or "").casefold())
            if not key:
                continue
            entry = merged.setdefault(
                key,
                {
                    k: p.get(k)
                    for k in ("name", "kind", "country", "admin1", "admin1_code", "admin2", "lat", "lon")
                }
                | {"precision": p.get("precision"), "gazetteer_id": p.get("gazetteer_id"), "claims": []},
            )
            entry["name"] = entry["name"] or p.get("mention")
            entry["claims"].append(
                {
                    "value": p.get("mention"),
                    "spans": [p.get("span")] if p.get("span") else [],
                    "evidence": _evidence(r, [p.get("span")] if p.get("span") else []),
                    **_provenance(r, groups[r.report_id], origins[r.id]),
                }
            )
    places = sorted(
        merged.values(),
        key=lambda e: (
            _KIND_RANK.get(e.get("kind") or "other", 3),
            -len({c["source_group"] for c in e["claims"]}),
            str(e.get("name")),
        ),
    )
    for e in places:
        e["n_sources"] = len({c["source_group"] for c in e["claims"]})
    return {"value": places[0] if places else None, "places": places, "conflict": False}


def _time(recs: list[MentionRecord], groups: dict[str, int], origins: dict[str, str]) -> dict[str, Any]:
    claims, precise = [], []
    for r in recs:
        t = r.event.get("time") or {}
        w = time_window(r.event, r.published_at)
        if t.get("start") or t.get("text"):
            claims.append(
                {
                    # "basis": a follow-up's day taken from its reference to the attack (extract.common.anchor)
                    "value": {
                        k: t.get(k)
                        for k in ("text", "start", "end", "precision", "basis")
                        if k != "basis" or t.get(k)
                    },
                    **_scored(t),
                    "spans": [t["span"]] if t.get("span") else [],
                    "evidence": _evidence(r, [t["span"]] if t.get("span") else r.event.get("spans") or []),
                    **_provenance(r, groups[r.report_id], origins[r.id]),
                }
            )
        if w is not None and (w.precise or w.origin == COARSE):  # a week or month the text names counts
            s, e = iso_time(t.get("start")), iso_time(t.get("end"))
            if s is not None:
                if e is None or e <= s:
                    e = s + timedelta(seconds=_LENGTH.get(t.get("precision"), 0))
                precise.append((s, e, t.get("precision")))
    out: dict[str, Any] = {"claims": claims}
    if precise:
        lo = max(p[0] for p in precise)
        hi = min(p[1] for p in precise)
        if lo > hi:  # windows do not meet: report their hull
            lo, hi = min(p[0] for p in precise), max(p[1] for p in precise)
        precs = [p[2] for p in precise]
        out["value"] = {"start": lo.isoformat(), "end": hi.isoformat(), "precision": _finest(precs)}
        out["conflict"] = len({(p[0], p[1]) for p in precise}) > 1 and lo > hi
    else:
        pub = sorted(r.published_at for r in recs if r.published_at)
        out["value"] = {
            "start": None,
            "end": pub[0].isoformat() if pub else None,
            "precision": "unknown",
            "note": "no time in the texts; at or before the first report",
        }
        out["conflict"] = False
    return out


def _finest(precs: list[str]) -> str:
    order = ["hour", "day", "week", "month", "unknown"]
    return min(precs, key=lambda p: order.index(p) if p in order else 4)


def _country(recs: list[MentionRecord]) -> str | None:
    cc = Counter()
    for r in recs:
        for p in r.event.get("places") or []:
            if isinstance(p, dict) and p.get("country"):
                cc[p["country"]] += 1
    return sorted(cc.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if cc else None


def _grade(
    recs: list[MentionRecord], fields: dict[str, Any], sources: list[dict[str, Any]]
) -> tuple[str, str]:
    denials = [
        (k, c)
        for k, v in fields.items()
        if isinstance(v, dict)
        for c in v.get("claims", [])
        if c.get("hedge") == "denied"
    ]
    if denials:
        k, c = denials[0]
        who = c.get("claimant") or c.get("source") or "a source"
        return "contested", f"{who} denies the {k} claim ({c.get('value')})"
    origins = {s["origin"] for s in sources}
    sides = {o for o in origins if o.startswith("official:")}
    for k in ("killed", "count"):
        f = fields.get(k)
        if f and len(sides) > 1 and f.get("low") not in (None, 0) and f["high"] > 2 * f["low"]:
            return "contested", f"sides disagree on {k}: {f['low']} vs {f['high']}"
    if len(sources) <= 1:
        n = len({r.report_id for r in recs})
        extra = f" ({n} copies of one text)" if n > 1 else ""
        return "single_source", f"one independent source{extra}"
    if len(origins - {"unknown"}) > 1:
        return "independently_confirmed", "sources of different kinds or sides: " + ", ".join(sorted(origins))
    only = next(iter(origins))
    return "several_sources_one_side", f"{len(sources)} independent sources, all relaying {only}"
