"""Linking benchmark: clustering accuracy on the labelled dev set, and scale.

Accuracy: ``bench/data/link-dev.jsonl`` (written by ``bench/make_link_dev.py``)
is linked in one batch, in four chronological batches (incremental), and in
shuffled order (determinism); pairwise precision/recall/F1 and B-cubed F1
against the gold incident ids.

Scale: synthetic mentions (made up here, time-ordered, ~1,500 a day over 40
regions, 1-8 mentions per incident with reposts and differing counts) are
linked with ``stream_link`` in a child process; wall time and the child's
peak resident memory are reported. Full mode 1,000,000 mentions, quick
100,000.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "bench" / "data" / "link-dev.jsonl"


def load_dev(path: Path = DEV) -> list[tuple[Any, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return to_records(rows)


def to_records(rows: list[dict[str, Any]]) -> list[tuple[Any, str]]:
    from skylog.link.features import MentionRecord, parse_time

    out = []
    for d in rows:
        rec = MentionRecord(
            id=d["id"],
            report_id=d["report_id"],
            event=d["event"],
            source=d.get("source"),
            source_kind=d.get("source_kind") or "unknown",
            published_at=parse_time(d.get("published_at")),
            title=d.get("title"),
            report_text=d.get("text"),
        )
        out.append((rec, d["gold"]))
    return out


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over pairs of mentions placed in one incident."""

    def pairs(assign: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for m, c in assign.items():
            groups[c].append(m)
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(sorted(g), 2)}

    pp, gp = pairs(pred), pairs(gold)
    tp = len(pp & gp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for m in gold:
        pc[pred[m]].add(m)
        gc[gold[m]].add(m)
    ps, rs = [], []
    for m in gold:
        a, b = pc[pred[m]], gc[gold[m]]
        inter = len(a & b)
        ps.append(inter / len(a))
        rs.append(inter / len(b))
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _assign(linker: Any) -> dict[str, str]:
    return {m: iid for iid, inc in linker.incidents.items() for m in inc.mention_ids}


def accuracy_table() -> dict[str, Any]:
    from skylog.link import Linker, resolve

    data = load_dev()
    gold = {r.id: g for r, g in data}
    recs = [r for r, _ in data]
    rows = []
    t0 = time.perf_counter()
    lk = Linker()
    lk.link(recs)
    one = _assign(lk)
    elapsed = time.perf_counter() - t0
    rows.append(
        [
            "one batch",
            len(recs),
            len(set(gold.values())),
            len(lk.incidents),
            *pairwise(one, gold),
            bcubed(one, gold)[2],
        ]
    )
    # incremental: four chronological batches into one linker
    lk2 = Linker()
    chrono = sorted(recs, key=lambda r: r.sort_key())
    q = len(chrono) // 4 + 1
    for i in range(0, len(chrono), q):
        lk2.link(chrono[i : i + q])
    inc = _assign(lk2)
    rows.append(
        [
            "4 incremental batches",
            len(recs),
            len(set(gold.values())),
            len(lk2.incidents),
            *pairwise(inc, gold),
            bcubed(inc, gold)[2],
        ]
    )
    # determinism: shuffled input gives the same incidents, ids included
    # the same generator with other seeds: sets the thresholds were not tuned on
    for seed in (101, 202):
        from bench.make_link_dev import generate

        held = to_records(generate(seed))
        hg = {r.id: g for r, g in held}
        lkh = Linker()
        lkh.link([r for r, _ in held])
        pred = _assign(lkh)
        rows.append([f"held-out seed {seed}", len(held), len(set(hg.values())), len(lkh.incidents),
                     *pairwise(pred, hg), bcubed(pred, hg)[2]])  # fmt: skip
    shuffled = recs[:]
    random.Random(3).shuffle(shuffled)
    lk3 = Linker()
    lk3.link(shuffled)
    same = _assign(lk3) == one
    grades: dict[str, int] = defaultdict(int)
    for i in lk.incidents.values():
        grades[resolve(i.records)["grade"]] += 1
    return {
        "title": "link: clustering accuracy on bench/data/link-dev.jsonl",
        "columns": [
            "mode",
            "mentions",
            "gold incidents",
            "incidents",
            "pair P",
            "pair R",
            "pair F1",
            "B3 F1",
        ],
        "rows": rows,
        "notes": [
            "target: pairwise F1 >= 0.90",
            f"shuffled input gives identical incidents and ids: {same}",
            f"one-batch link time {elapsed:.2f} s; grades: {dict(sorted(grades.items()))}",
            "dev set is generated from templates (bench/make_link_dev.py); see its docstring",
        ],
    }


# ---- scale -----------------------------------------------------------------------------------

_WORDS = "fuel depot substation bridge warehouse market school roof car field railway plant port".split()


def synthetic(n: int, seed: int = 11) -> Iterator[Any]:
    """Time-ordered synthetic mentions, ~1,500 a day, 40 regions, 1-8 per incident."""
    from skylog.link.features import MentionRecord

    rng = random.Random(seed)
    regions = [(f"XX-{i:02d}", 45 + (i % 8) * 1.2, 30 + (i // 8) * 2.0) for i in range(40)]
    t = datetime(2024, 1, 1, tzinfo=UTC)
    made = 0
    inc = 0
    while made < n:
        t += timedelta(seconds=rng.expovariate(1 / 160.0))  # ~540 incidents a day
        inc += 1
        code, lat, lon = rng.choice(regions)
        town = rng.randrange(25)
        typ = rng.choice(("interception", "interception", "drone_strike", "shelling", "missile_strike"))
        what = rng.choice(_WORDS)
        base = f"Attack on the {what} of town {code}-{town}: {rng.randint(1, 30)} drones, {inc}"
        day = t.date().isoformat()
        for k in range(min(n - made, rng.choice((1, 1, 2, 2, 3, 4, 6, 8)))):
            count = rng.randint(1, 12)
            text = base if k and rng.random() < 0.4 else f"{base}. Report {k}: {count} shot down near {what}."
            place = {
                "mention": f"town {town}",
                "span": [0, 4],
                "kind": "settlement",
                "name": f"{code}-{town}",
                "country": "XX",
                "admin1": code,
                "admin1_code": code,
                "admin2": None,
                "lat": lat + (town % 5) * 0.25,
                "lon": lon + (town // 5) * 0.3,
                "precision": 1,
                "gazetteer_id": f"{code}-{town}",
            }
            ev = {
                "type": typ,
                "weapon": "drone",
                "places": [place],
                "time": {"start": day, "precision": "day"} if rng.random() < 0.6 else None,
                "count": {"value": count, "claimant": "the outlet", "hedge": "asserted", "spans": [[0, 4]]},
                "spans": [[0, 4]],
            }
            made += 1
            yield MentionRecord(
                id=f"s{made}",
                report_id=f"s{made}",
                event=ev,
                source=f"src{rng.randrange(300)}",
                source_kind="media",
                published_at=t + timedelta(minutes=20 * k),
                text=text,
            )


def _scale_child(n: int) -> None:
    from skylog.link import stream_link

    t0 = time.perf_counter()
    incidents: set[str] = set()
    linked = 0
    for _m, iid in stream_link(synthetic(n)):
        linked += 1
        incidents.add(iid)
    elapsed = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_SELF)
    peak = ru.ru_maxrss / 1024
    cpu = ru.ru_utime + ru.ru_stime
    print(
        json.dumps(
            {"n": linked, "incidents": len(incidents), "seconds": elapsed, "cpu": cpu, "peak_mb": peak}
        )
    )


def scale_table(quick: bool) -> dict[str, Any]:
    n = 2_000 if quick else 1_000_000
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--scale", str(n)],
        capture_output=True,
        text=True,
        cwd=str(REPO),
        timeout=1800,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "title": "link: scale (synthetic mentions, one process)",
        "columns": ["mentions", "incidents", "wall s", "CPU s", "mentions/s (wall)", "peak RSS MB"],
        "rows": [[r["n"], r["incidents"], r["seconds"], r.get("cpu"), r["n"] / r["seconds"], r["peak_mb"]]],
        "notes": [
            "target: 1,000,000 mentions in < 10 min on 2 cores with bounded memory",
            "stream_link: batches of 4,096 in time order; incidents over 3 days old leave the working set",
            "peak RSS is the whole child process (interpreter, numpy, scikit-learn, generator included)",
            "one process (one core); CPU s is what it used, wall s depends on how busy the machine was",
        ],
    }


def run(quick: bool = False) -> list[dict[str, Any]]:
    return [accuracy_table(), scale_table(quick)]


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--scale":
        sys.path.insert(0, str(REPO))
        _scale_child(int(sys.argv[2]))
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=1, default=str))
