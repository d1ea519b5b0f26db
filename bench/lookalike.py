"""Look-alike stress check on the dev split (#13: no false corroboration).

Look-alikes are two gold incidents that a careless linker could take for one: of one place (the same
settlement, or the same region where neither names a settlement) within two days of each other, or
of one region on the same day (two towns of one oblast struck that day). The linker must keep them
apart; that it does on the corpus as written may be luck of one feature. So each report of one of
them (not labelled with the other) is asked, mention by mention, whether it would join the incident
the linker built for the other, as written and with one detail taken out: its clock time and part of
the day (``clock``), its counts and casualties (``count``), its target and damage (``target``), its
weapon (``weapon``), its settlement or district (``settlement``: placed in its region only), its whole
time (``time``: a report that names no time). A join is a mention variant that passes the gates and
reaches the link threshold against an incident holding only the other's reports. As written, each
mention's least margin to the threshold is kept, and what held it apart: the gate that refused it, or
a score below the threshold. The figures are for the dev split only (never the test split).
"""

from __future__ import annotations

import copy
import json
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

VARIANTS = ("as written", "clock", "count", "target", "weapon", "settlement", "time")
NEAR = 0.10  # a look-alike scoring within this of the threshold is a near miss
_COARSE_KINDS = ("country", "region", "water")  # the place kinds ``settlement`` keeps as they are


def _key(inc: dict[str, Any]) -> str | None:
    return inc.get("settlement") or (inc.get("admin1") and f"admin1:{inc['admin1']}")


def _days(a: dict[str, Any], b: dict[str, Any]) -> int:
    return abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days)


def lookalike_pairs(incidents: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Gold incident pairs of one place within two days, or of one region on one day."""
    out = []
    for a, b in combinations(sorted(incidents, key=lambda i: i["label"]), 2):
        if not a.get("date") or not b.get("date"):
            continue
        days = _days(a, b)
        one_place = bool(_key(a)) and _key(a) == _key(b) and days <= 2
        one_region_day = bool(a.get("admin1")) and a.get("admin1") == b.get("admin1") and days == 0
        if one_place or one_region_day:
            out.append((a["label"], b["label"]))
    return out


def load_incidents(corpus: Path, split: str) -> list[dict[str, Any]]:
    path = corpus.with_name(corpus.stem + "-incidents.jsonl")
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("split") == split]


def _region_only(p: dict[str, Any]) -> dict[str, Any]:
    """A settlement's or district's place read as its region alone (a report that names only the oblast)."""
    if p.get("kind") in _COARSE_KINDS or not p.get("admin1"):
        return p
    return {**p, "kind": "region", "name": p["admin1"], "admin2": None, "lat": None, "lon": None,
            "gazetteer_id": None}  # fmt: skip


def _without(event: dict[str, Any], what: str) -> dict[str, Any]:
    ev = copy.deepcopy(event)
    t = ev.get("time") or {}
    if what == "clock" and isinstance(t, dict):
        keep = {k: v for k, v in t.items() if k not in ("part", "part_span")}
        ev["time"] = None if t.get("precision") in ("minute", "hour") else keep
    elif what == "target":
        ev["target"] = ev["damage"] = None
    elif what == "count":
        for k in ("count", "launched", "killed", "injured"):
            ev[k] = None
    elif what == "weapon":
        ev["weapon"] = None
    elif what == "settlement":
        ev["places"] = [_region_only(p) for p in ev.get("places") or []]
    elif what == "time":
        ev["time"] = None
    return ev


def _variant(lk: Any, recs_of_report: list[Any], rec: Any, what: str) -> Any:
    """The mention's features with one detail taken out, read with its report's other mentions."""
    if what == VARIANTS[0]:
        return lk.member.get(rec.id) or lk.features([rec])[0]
    changed = copy.copy(rec)
    changed.event = _without(rec.event, what)
    feats = lk.features([changed if r.id == rec.id else r for r in recs_of_report])
    return next(f for f in feats if f.rec.id == rec.id)


def _held_apart(lk: Any, f: Any, theirs: list[Any]) -> tuple[float | None, str]:
    """The best score ``f`` reaches against the look-alike's incidents, and what held it apart (the
    gate that refused it, or "score below the threshold")."""
    best: float | None = None
    why = ""
    for inc in theirs:
        ev, refused = lk._assess(f, inc)
        if ev is not None and ev.score is not None and (best is None or ev.score > best):
            best = ev.score
        elif ev is None and not why:
            why = refused
    if best is not None:
        return best, "score below the threshold" if best < lk.threshold else "joins"
    return None, (why or "no incident").split(" (")[0]


def stress(rows: list[dict[str, Any]], recs: list[Any], lk: Any, pred: dict[str, set[str]],
           incidents: list[dict[str, Any]], corpus_id: Any) -> dict[str, Any]:  # fmt: skip
    """Look-alike pairs, how many the linker joined, the stress joins by variant, the least margin and
    near misses as written, and what held the look-alikes apart."""
    labels = {d["id"]: set((d.get("gold") or {}).get("incidents") or []) for d in rows}
    by_report: dict[str, list[Any]] = defaultdict(list)
    for r in recs:
        by_report[corpus_id(r.report_id)].append(r)
    pairs = lookalike_pairs(incidents)
    joined, asked, near = 0, 0, 0
    joins = dict.fromkeys(VARIANTS, 0)
    margin: float | None = None
    held: Counter[str] = Counter()
    detail: list[tuple[str, str, str, str]] = []  # (variant, mention, look-alike label, reasons): dev only
    for a, b in pairs:
        side = {
            x: [r for r, ls in labels.items() if x in ls and ({a, b} - {x}).isdisjoint(ls)] for x in (a, b)
        }
        if any(pred[p] & pred[q] for p in side[a] for q in side[b]):
            joined += 1
        for x, y in ((a, b), (b, a)):
            ids = {iid for r in side[y] for iid in pred[r]}
            # only incidents the other's reports alone make up (one shared with x's is already a join)
            theirs = [lk.incidents[i] for i in sorted(ids) if i in lk.incidents
                      and all(corpus_id(f.rec.report_id) in side[y] for f in lk.incidents[i].members)]  # fmt: skip
            if not theirs:
                continue
            for rid in side[x]:
                for rec in by_report[rid]:
                    asked += 1
                    for what in VARIANTS:
                        f = _variant(lk, by_report[rid], rec, what)
                        best, why = _held_apart(lk, f, theirs)
                        if what == VARIANTS[0]:
                            held[why] += 1
                            if best is not None:
                                m = lk.threshold - best
                                margin = m if margin is None else min(margin, m)
                                near += 0 <= m < NEAR
                        if best is not None and best >= lk.threshold:
                            joins[what] += 1
                            reasons = [lk.assess(f, i) for i in theirs]
                            detail.append((what, rec.id, y, "; ".join(str(e.reasons) for e in reasons if e)))
    return {"pairs": len(pairs), "joined": joined, "mentions": asked, "joins": joins, "margin": margin,
            "near": near, "held": dict(held.most_common()), "detail": detail}  # fmt: skip
