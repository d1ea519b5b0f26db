"""Linking benchmark: accuracy on real published reports, a hand-read list, and speed.

Accuracy (``real_tables``): the real linking corpus (``bench/data/link-real.jsonl``
and ``link-real-incidents.jsonl`` beside it, or ``$SKYLOG_LINK_CORPUS``) is
extracted and linked, each split on its own; scores are over reports
(``bench/data`` brief): a gold pair shares a label in ``gold.incidents``, a
predicted pair shares an incident id; pairwise P/R/F1, B-cubed F1 on the main
label, and false corroboration (multi-report incidents whose reports share no
gold label). Dev and test are printed side by side; tuning looks at dev only.

Hand-read list (``shared_listing``): the shared dev reports and MoD posts
(``../shared/bench/extract``, read here, never copied) are linked together and
every incident built from more than one report is listed with its evidence.

Speed: the template set ``bench/data/link-dev.jsonl`` (``make_link_dev.py``) is
linked for throughput only, never as accuracy; synthetic mentions (~1,500 a
day over 40 regions) are linked with ``stream_link`` in a child process for
wall time and peak memory. Full mode 1,000,000 mentions, quick 100,000.
"""

from __future__ import annotations

import json
import os
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

from bench.lookalike import NEAR, VARIANTS, load_incidents, stress
from bench.paths import shared_dir

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "bench" / "data" / "link-dev.jsonl"
REAL = REPO / "bench" / "data" / "link-real.jsonl"
SHARED = shared_dir() / "bench" / "extract"


def corpus_path() -> Path:
    """The real corpus: ``$SKYLOG_LINK_CORPUS`` when set, else ``bench/data/link-real.jsonl``."""
    env = os.environ.get("SKYLOG_LINK_CORPUS")
    return Path(env) if env else REAL


def load_dev(path: Path = DEV) -> list[tuple[Any, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return to_records(rows)


def to_records(rows: list[dict[str, Any]]) -> list[tuple[Any, str]]:
    from skylog.link.features import MentionRecord
    from skylog.records import iso_time

    out = []
    for d in rows:
        rec = MentionRecord(
            id=d["id"],
            report_id=d["report_id"],
            event=d["event"],
            source=d.get("source"),
            source_kind=d.get("source_kind") or "unknown",
            published_at=iso_time(d.get("published_at")),
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


# ---- the real corpus -------------------------------------------------------------------------


def _published(value: Any) -> datetime | None:
    from skylog.records import iso_time

    return iso_time(value)


_CORPUS_ID: dict[str, str] = {}  # the store's report id -> the corpus row's id


def corpus_id(report_id: str) -> str:
    """The corpus id of a report that ``extract_reports`` gave the store's id."""
    return _CORPUS_ID.get(report_id, report_id)


def extract_reports(rows: list[dict[str, Any]]) -> list[Any]:
    """Extract every report of the corpus; MentionRecords keyed "<report id>#<n>".

    Reports get the id ``skylog ingest`` would give them (a hash of source and text), not the
    corpus id: the linker breaks ties between reports published at the same time by report id,
    and the corpus ids follow the order in which the corpus was written, an order the store never
    sees. ``corpus_id`` maps back.
    """
    from skylog.extract import Extractor
    from skylog.link.features import MentionRecord
    from skylog.records import Report, report_id

    ex = Extractor()
    recs = []
    for d in rows:
        lang = d.get("language") if d.get("language") in ("en", "ru", "uk") else "en"
        rid = report_id(d.get("source") or "", d["text"])
        _CORPUS_ID[rid] = d["id"]
        rep = Report(id=rid, text=d["text"], title=d.get("title"), source=d.get("source"),
                     source_kind=d.get("source_kind") or "unknown", language=lang,
                     published_at=_published(d.get("published_at")), url=d.get("source_url"))  # fmt: skip
        try:
            events = ex.extract(rep).events
        except Exception as exc:  # a bad report is counted as unlinked, never stops the bench
            print(f"bench link: {d['id']}: extraction failed: {exc}", file=sys.stderr)
            continue
        for i, ev in enumerate(events):
            recs.append(MentionRecord(id=f"{rid}#{i}", report_id=rid, event=ev.to_dict(), source=rep.source,
                                      source_kind=rep.source_kind, published_at=rep.published_at, title=rep.title,
                                      report_text=rep.text, key=f"{rid}#{i}"))  # fmt: skip
    return recs


def link_split(rows: list[dict[str, Any]], recs: list[Any]) -> tuple[Any, dict[str, set[str]]]:
    """Link one split's mentions; report id -> predicted incident ids."""
    from skylog.link import Linker

    ids = {d["id"] for d in rows}
    lk = Linker(on_log=lambda e: None)
    lk.link([r for r in recs if corpus_id(r.report_id) in ids])
    pred: dict[str, set[str]] = {d["id"]: set() for d in rows}
    for iid, inc in lk.incidents.items():
        for f in inc.members:
            pred[corpus_id(f.rec.report_id)].add(iid)
    return lk, pred


def score_reports(rows: list[dict[str, Any]], pred: dict[str, set[str]]) -> dict[str, Any]:
    """Report-pair P/R/F1, B-cubed F1 on the main label, false corroboration."""
    labels = {d["id"]: set((d.get("gold") or {}).get("incidents") or []) for d in rows}
    main = {d["id"]: ((d.get("gold") or {}).get("incidents") or [d["id"]])[0] for d in rows}
    ids = sorted(labels)
    gp, pp = set(), set()
    for a, b in combinations(ids, 2):
        if labels[a] & labels[b]:
            gp.add((a, b))
        if pred[a] & pred[b]:
            pp.add((a, b))
    tp = len(gp & pp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    nb: dict[str, set[str]] = {i: {i} for i in ids}
    for a, b in pp:
        nb[a].add(b)
        nb[b].add(a)
    gold_cl: dict[str, set[str]] = defaultdict(set)
    for i in ids:
        gold_cl[main[i]].add(i)
    bp = sum(len(nb[i] & gold_cl[main[i]]) / len(nb[i]) for i in ids) / len(ids)
    br = sum(len(nb[i] & gold_cl[main[i]]) / len(gold_cl[main[i]]) for i in ids) / len(ids)
    b3 = 2 * bp * br / (bp + br) if bp + br else 0.0
    members: dict[str, set[str]] = defaultdict(set)
    for rid, incs in pred.items():
        for iid in incs:
            members[iid].add(rid)
    multi = {iid: rs for iid, rs in members.items() if len(rs) > 1}
    false_corr = [iid for iid, rs in multi.items() if not set.intersection(*(labels[x] for x in rs))]
    gold_multi = sum(1 for g in gold_cl.values() if len(g) > 1)
    return {
        "reports": len(ids), "gold incidents": len(gold_cl), "gold multi-report": gold_multi,
        "pred multi-report": len(multi), "pair P": p, "pair R": r, "pair F1": f1, "B3 F1": b3,
        "false corroboration": len(false_corr), "false_ids": sorted(false_corr), "gold_pairs": gp,
        "pred_pairs": pp, "members": members,
    }  # fmt: skip


def load_real(path: Path | None = None) -> list[dict[str, Any]] | None:
    path = path or corpus_path()
    if not path.is_file():
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def quick_sample(rows: list[dict[str, Any]], keep: int = 2) -> list[dict[str, Any]]:
    """Every report of one gold incident in ``keep`` (by a stable hash of the report's first gold
    incident): whole incidents stay together, so the sample's gold pairs are all its own."""
    import zlib

    def main(d: dict[str, Any]) -> str:
        return ((d.get("gold") or {}).get("incidents") or [d["id"]])[0]

    return [d for d in rows if zlib.crc32(main(d).encode()) % keep == 0]


def real_tables(quick: bool = False) -> list[dict[str, Any]]:
    path = corpus_path()
    rows = load_real(path)
    if rows is not None and quick:
        rows = quick_sample(rows)
    cols = ["split", "reports", "gold incidents", "gold multi-report", "pred multi-report",
            "pair P", "pair R", "pair F1", "B3 F1", "false corroboration"]  # fmt: skip
    if rows is None:
        return [{
            "title": "link: accuracy on real reports — CORPUS MISSING",
            "columns": cols, "rows": [],
            "notes": [f"no real linking corpus at {path} (set SKYLOG_LINK_CORPUS=/path/link-real.jsonl); "
                      "template data is never scored as accuracy"],
        }]  # fmt: skip
    t0 = time.perf_counter()
    recs = extract_reports(rows)
    t_extract = time.perf_counter() - t0
    out_rows = []
    notes = []
    look = None
    for split in ("dev", "test"):
        part = [d for d in rows if d.get("split") == split]
        if not part:
            out_rows.append([split, 0, *[None] * (len(cols) - 2)])
            continue
        _lk, pred = link_split(part, recs)
        sc = score_reports(part, pred)
        out_rows.append([split, *(sc[c] for c in cols[1:])])
        if split == "dev":
            look = stress(part, recs, _lk, pred, load_incidents(path, "dev"), corpus_id)
    sources = len({d.get("source") for d in rows})
    notes += [
        f"corpus {path} ({len(rows)} reports, {sources} sources, {len(recs)} event mentions; "
        f"extraction {t_extract:.1f} s); each split linked on its own",
        "targets: pair P >= 0.97, B3 F1 >= 0.90, false corroboration 0; thresholds were set on dev only",
        "pairs are report pairs; a report is predicted with another when any of their mentions share an incident",
    ]
    title = "link: accuracy on real published reports (dev | test)"
    title += " [quick: half the gold incidents]" if quick else ""
    tables = [{"title": title, "columns": cols, "rows": out_rows, "notes": notes}]
    if look is not None:
        tables.append(lookalike_table(look))
    return tables


def lookalike_table(look: dict[str, Any]) -> dict[str, Any]:
    """The dev look-alike stress rows (``bench.lookalike``): one per variant of the mentions asked."""
    cols = ["split", "variant", "look-alike pairs", "pairs joined", "mentions asked", "joins",
            f"near misses (< {NEAR:.2f} below)", "least margin"]  # fmt: skip
    rows = []
    for w in VARIANTS:
        written = w == VARIANTS[0]
        margin = round(look["margin"], 3) if written and look["margin"] is not None else None
        rows.append(["dev look-alikes", w, look["pairs"], look["joined"], look["mentions"], look["joins"][w],
                     look["near"] if written else None, margin])  # fmt: skip
    held = ", ".join(f"{why}: {n}" for why, n in look["held"].items())
    return {
        "title": "link: dev look-alikes (one place within two days, or one region on one day) and stress joins",
        "columns": cols,
        "rows": rows,
        "notes": ["a join: a mention of one look-alike, as written or with one detail taken out, reaches the "
                  "threshold against the incident built of the other's reports; 0 everywhere is the aim",
                  f"held apart as written (the first gate refusing, or the score): {held}"],
    }  # fmt: skip


def dev_errors() -> None:
    """Print the dev split's wrong and missed report pairs with evidence (for tuning; never the test split)."""
    rows = [d for d in load_real() or [] if d.get("split") == "dev"]
    if not rows:
        print("no dev rows")
        return
    recs = extract_reports(rows)
    lk, pred = link_split(rows, recs)
    sc = score_reports(rows, pred)
    by_id = {d["id"]: d for d in rows}
    print({k: v for k, v in sc.items() if k not in ("gold_pairs", "pred_pairs", "members", "false_ids")})

    def show(rid: str) -> str:
        d = by_id[rid]
        ms = [r for r in recs if corpus_id(r.report_id) == rid]
        evs = "; ".join(
            f"{r.event['type']} t={((r.event.get('time') or {}).get('start'))}"
            f"/{(r.event.get('time') or {}).get('text')!r} "
            f"p={[p.get('name') for p in r.event.get('places') or []]} "
            f"inc={lk.by_mention.get(r.id)}"
            for r in ms
        )
        return f"{rid} [{d.get('published_at')} {d.get('source')}] gold={d['gold']['incidents']} :: {evs}"

    print("\n== FALSE PAIRS")
    for a, b in sorted(sc["pred_pairs"] - sc["gold_pairs"]):
        print(" ", show(a), "\n   ", show(b))
        for iid in pred[a] & pred[b]:
            for m, ev in lk.incidents[iid].evidence.items():
                print("      ev", m, ev.get("score"), ev.get("reasons"))
    print("\n== MISSED PAIRS")
    for a, b in sorted(sc["gold_pairs"] - sc["pred_pairs"]):
        print(" ", show(a), "\n   ", show(b))
        for r in recs:
            if corpus_id(r.report_id) == b and r.id in lk.by_mention:
                ev = lk.incidents[lk.by_mention[r.id]].evidence.get(r.id)
                print("      ev", r.id, ev and ev.get("reasons"))


# ---- the shared dev reports + MoD posts, for reading by hand -----------------------------------


def _shared_rows() -> list[dict[str, Any]] | None:
    rep, mod = SHARED / "reports-dev.jsonl", SHARED / "mod-russia-dev.jsonl"
    if not rep.is_file() or not mod.is_file():
        return None
    rows = []
    for path, src in ((rep, None), (mod, "Минобороны России (Telegram)")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            pub = d.get("datetime_utc") or d.get("published") or d.get("date")
            if d.get("datetime_utc"):
                pub = d["datetime_utc"].replace(" ", "T") + "+00:00"
            url = d.get("source_url") or ""
            rows.append({
                "id": d["id"], "text": d["text"], "title": d.get("source_title"), "published_at": pub,
                "source": src or (url.split("/")[2] if url.count("/") >= 2 else "?"),
                "source_kind": "official" if src else "media", "language": d.get("language") or "ru",
            })  # fmt: skip
    return rows


QUICK_LATEST = 100  # quick: the latest-published reports only (linking is local in time)


def shared_listing(quick: bool = False) -> dict[str, Any]:
    """Every multi-report incident of the shared dev reports + MoD posts, to read by hand.
    Quick: only the ``QUICK_LATEST`` latest-published reports (a window in time keeps the
    reports of one incident together), so that a fast look extracts a third of the texts."""
    cols = ["incident", "report", "published", "source", "type", "score", "why (time; place)"]
    rows = _shared_rows()
    if rows is not None and quick:
        stamped = [(t, d["id"], d) for d in rows if (t := _published(d["published_at"])) is not None]
        rows = [d for _t, _id, d in sorted(stamped, key=lambda x: (x[0], x[1]))][-QUICK_LATEST:]
    if rows is None:
        return {"title": "link: multi-report incidents on the shared dev reports + MoD posts — SHARED SET MISSING",
                "columns": cols, "rows": [], "notes": [f"not found: {SHARED}"]}  # fmt: skip
    recs = extract_reports(rows)
    lk, pred = link_split(rows, recs)
    out = []
    multi = 0
    for iid, inc in sorted(lk.incidents.items()):
        if len(inc.reports) < 2:
            continue
        multi += 1
        for f in inc.members:
            ev = inc.evidence.get(f.rec.id) or {}
            out.append([iid, corpus_id(f.rec.report_id), f.rec.published_at.isoformat() if f.rec.published_at else None,
                        f.rec.source, f.type, ev.get("score"),
                        f"{ev.get('time')}; {ev.get('place')} | {f.rec.evidence_text()[:140]!r}"])  # fmt: skip
    return {
        "title": "link: every multi-report incident on the shared dev reports + MoD posts (read by hand)"
        + (f" [quick: the {QUICK_LATEST} latest-published reports]" if quick else ""),
        "columns": cols,
        "rows": out,
        "notes": [f"{len(rows)} reports, {len(recs)} mentions, {len(lk.incidents)} incidents, "
                  f"{multi} built from more than one report (each must be a true merge)"],
    }  # fmt: skip


# ---- template speed --------------------------------------------------------------------------


def template_speed() -> dict[str, Any]:
    """Link the template set in one batch and in four batches: throughput only, never accuracy."""
    from skylog.link import Linker

    data = load_dev()
    recs = [r for r, _ in data]
    t0 = time.perf_counter()
    lk = Linker(on_log=lambda e: None)
    lk.link(recs)
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    lk2 = Linker(on_log=lambda e: None)
    chrono = sorted(recs, key=lambda r: r.sort_key())
    q = len(chrono) // 4 + 1
    for i in range(0, len(chrono), q):
        lk2.link(chrono[i : i + q])
    four = time.perf_counter() - t0
    same = _assign(lk) == _assign(lk2)
    shuffled = recs[:]
    random.Random(3).shuffle(shuffled)
    lk3 = Linker(on_log=lambda e: None)
    lk3.link(shuffled)
    return {
        "title": "link: speed on the template set (bench/data/link-dev.jsonl; not an accuracy figure)",
        "columns": ["mode", "mentions", "incidents", "seconds", "mentions/s"],
        "rows": [
            ["one batch", len(recs), len(lk.incidents), one, len(recs) / one],
            ["4 incremental batches", len(recs), len(lk2.incidents), four, len(recs) / four],
        ],
        "notes": [
            "template data (make_link_dev.py) is a speed and determinism test only",
            f"incremental gives the same incidents as one batch: {same}; "
            f"shuffled input gives the same incidents and ids: {_assign(lk3) == _assign(lk)}",
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


def scale_measure(n: int) -> dict[str, Any]:
    """Link ``n`` synthetic mentions with ``stream_link`` in this process: count, wall, CPU."""
    from skylog.link import stream_link

    t0, c0 = time.perf_counter(), time.process_time()
    incidents: set[str] = set()
    linked = 0
    for _m, iid in stream_link(synthetic(n)):
        linked += 1
        incidents.add(iid)
    return {"n": linked, "incidents": len(incidents), "seconds": time.perf_counter() - t0,
            "cpu": time.process_time() - c0}  # fmt: skip


def _scale_child(n: int) -> None:
    """The full-mode measure in its own process, so its peak RSS is the linker's alone."""
    r = scale_measure(n)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    r["cpu"] = ru.ru_utime + ru.ru_stime
    r["peak_mb"] = ru.ru_maxrss / 1024
    print(json.dumps(r))


def scale_table(quick: bool) -> dict[str, Any]:
    """Full: 1,000,000 mentions in a child process (wall, CPU, peak memory of its own).
    Quick: 2,000 mentions in this process, no process start; no peak memory (it would be the
    bench's own)."""
    if quick:
        r = {**scale_measure(2_000), "peak_mb": None}
    else:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.link", "--scale", "1000000"],
            capture_output=True,
            text=True,
            cwd=str(REPO),
            timeout=1800,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
        r = json.loads(proc.stdout.strip().splitlines()[-1])
    where = "in the bench process; peak RSS: full run only" if quick else "one process (one core)"
    return {
        "title": "link: scale (synthetic mentions, one process)",
        "columns": ["mentions", "incidents", "wall s", "CPU s", "mentions/s (wall)", "peak RSS MB"],
        "rows": [[r["n"], r["incidents"], r["seconds"], r.get("cpu"), r["n"] / r["seconds"], r["peak_mb"]]],
        "notes": [
            "target: 1,000,000 mentions in < 10 min on 2 cores with bounded memory",
            "stream_link: batches of 4,096 in time order; incidents over 3 days old leave the working set",
            "peak RSS is the whole child process (interpreter, numpy, scikit-learn, generator included)",
            f"{where}; CPU s is what it used, wall s depends on how busy the machine was",
        ],
    }


def run(quick: bool = False) -> list[dict[str, Any]]:
    return [*real_tables(quick), shared_listing(quick), template_speed(), scale_table(quick)]


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--scale":
        sys.path.insert(0, str(REPO))
        _scale_child(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--dev-errors":
        sys.path.insert(0, str(REPO))
        dev_errors()
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=1, default=str))
