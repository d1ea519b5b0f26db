"""Look-alike stress check on the dev split (#13: no false corroboration).

Look-alikes are two gold incidents of one place (the same settlement, or the same region where
neither names a settlement) dated to the same or neighbouring days: one city struck twice. The
linker must keep them apart; that it does on the corpus as written may be luck of one feature. So
each report of one of them (not labelled with the other) is asked, mention by mention, whether it
would join the incident the linker built for the other, as written and with a detail taken out:
its clock time and part of the day (``clock``), its target and damage (``target``), its counts and
casualties (``count``), its whole time (``time``: a report that names no time). A join is a mention
variant that passes the gates and reaches the link threshold against an incident holding only the
other's reports. The figures are for the dev split only (never the test split).
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

VARIANTS = ("as written", "clock", "target", "count", "time")


def _key(inc: dict[str, Any]) -> str | None:
    return inc.get("settlement") or (inc.get("admin1") and f"admin1:{inc['admin1']}")


def lookalike_pairs(incidents: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Gold incident pairs of one place, dated the same or neighbouring days."""
    out = []
    for a, b in combinations(sorted(incidents, key=lambda i: i["label"]), 2):
        if not _key(a) or _key(a) != _key(b) or not a.get("date") or not b.get("date"):
            continue
        if abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days) <= 1:
            out.append((a["label"], b["label"]))
    return out


def load_incidents(corpus: Path, split: str) -> list[dict[str, Any]]:
    path = corpus.with_name(corpus.stem + "-incidents.jsonl")
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("split") == split]


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


def stress(rows: list[dict[str, Any]], recs: list[Any], lk: Any, pred: dict[str, set[str]],
           incidents: list[dict[str, Any]], corpus_id: Any) -> dict[str, Any]:  # fmt: skip
    """Look-alike pairs, how many the linker joined, and the stress joins by variant."""
    labels = {d["id"]: set((d.get("gold") or {}).get("incidents") or []) for d in rows}
    by_report: dict[str, list[Any]] = defaultdict(list)
    for r in recs:
        by_report[corpus_id(r.report_id)].append(r)
    pairs = lookalike_pairs(incidents)
    joined = 0
    joins = dict.fromkeys(VARIANTS, 0)
    asked = 0
    for a, b in pairs:
        side = {
            x: [r for r, ls in labels.items() if x in ls and ({a, b} - {x}).isdisjoint(ls)] for x in (a, b)
        }
        if any(pred[p] & pred[q] for p in side[a] for q in side[b]):
            joined += 1
        for x, y in ((a, b), (b, a)):
            theirs = {iid for r in side[y] for iid in pred[r]}
            # only incidents the other's reports alone make up (one shared with x's is already a join)
            theirs = {i for i in theirs if i in lk.incidents
                      and all(corpus_id(f.rec.report_id) in side[y] for f in lk.incidents[i].members)}  # fmt: skip
            for rid in side[x]:
                for rec in by_report[rid]:
                    asked += 1
                    for what in VARIANTS:
                        f = _variant(lk, by_report[rid], rec, what)
                        if any((lk.score(f, lk.incidents[i]) or 0.0) >= lk.threshold for i in theirs):
                            joins[what] += 1
    return {"pairs": len(pairs), "joined": joined, "mentions": asked, "joins": joins}
