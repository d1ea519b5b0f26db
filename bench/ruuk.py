"""Russian/Ukrainian extraction benchmark (issue 8).

Runs ``RuUkPipeline`` over
- ``shared/bench/extract/mod-russia-dev.jsonl`` (Russian defence ministry posts), scored by
  ``score_ru_mod.py``: interception recall, false-interception rate, region F1, total and
  per-region count exact match;
- the RU/UK items of ``shared/bench/extract/reports-dev.jsonl`` and ``bench/data/ruuk-dev.jsonl``,
  scored per language by ``score_extract.py`` (relevance, type, admin1, count, killed/injured,
  date, speakers);
and times reports/s on one core against the English pipeline on the same machine.
The texts stay where they are; predictions go to a temporary directory.

    python -m bench.ruuk [--quick] [--keep DIR]
    python -m bench.ruuk --errors train [--lang ru]   # per-item field errors of a split (never test)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.paths import shared_dir

REPO = Path(__file__).resolve().parent.parent
SHARED_EXTRACT = shared_dir() / "bench" / "extract"
OWN = REPO / "bench" / "data" / "ruuk-dev.jsonl"
TARGETS = {
    "intercept_recall": ">= 0.95",
    "false_interception_rate": "<= 0.05",
    "region_f1": ">= 0.95",
    "per_region_exact": ">= 0.95",
    "type_f1": ">= 0.90",
}


def _load(path: Path, langs: tuple[str, ...] | None = None) -> list[dict]:
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if langs:
        items = [i for i in items if i.get("language") in langs]
    return items


_PIPE = None


def predict(items: list[dict], language: str | None = None) -> tuple[list[dict], list[float]]:
    """Pipeline output per item (with its ``id``) and the seconds each took."""
    from skylog.extract import learned
    from skylog.extract.ruuk import RuUkPipeline
    from skylog.ingest.common import make_report, parse_datetime

    global _PIPE
    if _PIPE is None:
        _PIPE = RuUkPipeline()
        _PIPE(
            make_report("Над Курской областью сбит беспилотник, сообщил губернатор.", language="ru")
        )  # warm-up
    pipe = _PIPE
    out, secs = [], []
    for it in items:
        pub = it.get("published_at") or it.get("datetime_utc") or it.get("published")
        lang = it.get("language") or language
        rep = make_report(
            it["text"], published_at=parse_datetime(pub) if pub else None, rid=it["id"], language=lang
        )
        if rep.language not in ("ru", "uk"):
            rep.language = "ru" if lang is None else lang
        t0 = time.process_time()
        d = learned.apply(pipe(rep)).to_dict()  # as skylog.extract.Extractor finishes it
        secs.append(time.process_time() - t0)
        d["id"] = it["id"]
        out.append(d)
    return out, secs


def _score(script: str, gold: Path, preds: list[dict], workdir: Path, *args: str) -> dict:
    pred_path = workdir / f"pred-{gold.stem}.jsonl"
    with pred_path.open("w", encoding="utf-8") as fh:
        for d in preds:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    res = subprocess.run(
        [sys.executable, str(SHARED_EXTRACT / script), str(gold), str(pred_path), *args],
        capture_output=True,
        text=True,
        cwd=SHARED_EXTRACT,
        check=False,
    )
    if res.returncode != 0:
        raise RuntimeError(f"{script} failed: {res.stderr[-500:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _english_speed(items: list[dict]) -> float | None:
    try:
        from skylog.extract.en import EnglishPipeline
        from skylog.ingest.common import make_report
    except Exception:
        return None
    pipe = EnglishPipeline()
    pipe(make_report("A drone was shot down over Kursk region, the governor said.", language="en"))  # warm-up
    secs = []
    for it in items:
        rep = make_report(it["text"], rid=it["id"], language="en")
        t0 = time.process_time()
        pipe(rep)
        secs.append(time.process_time() - t0)
    return (1.0 / statistics.median(secs), len(secs) / sum(secs)) if secs else None


def run(quick: bool = False, keep: str | None = None) -> list[dict]:
    """Accuracy tables for the MoD and RU/UK report sets, and CPU speed against English (one thread)."""
    try:
        import numpy  # noqa: F401 - threadpoolctl limits only the BLAS libraries already loaded
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return _run(quick, keep)
    with threadpool_limits(1):  # per-core speed: numpy/slovnet would otherwise spread over all cores
        return _run(quick, keep)


def _mod_table(quick: bool, workdir: Path, all_secs: list[float]) -> dict | None:
    """The Russian MoD posts table (score_ru_mod.py), or None when the set is missing."""
    mod_path = SHARED_EXTRACT / "mod-russia-dev.jsonl"
    if not mod_path.is_file():
        return None
    items = _load(mod_path)
    if quick:
        items = items[:20]
    preds, secs = predict(items, "ru")
    all_secs += secs
    sub = workdir / "mod-gold.jsonl"
    with sub.open("w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    res = _score("score_ru_mod.py", sub, preds, workdir)
    rows = [
        ["interception recall", round(res["intercept_recall"], 3), TARGETS["intercept_recall"]],
        ["false-interception rate", round(res["false_interception_rate"], 3), TARGETS["false_interception_rate"]],
        ["region P", round(res["region_p"], 3), ""],
        ["region R", round(res["region_r"], 3), ""],
        ["region F1", round(res["region_f1"], 3), TARGETS["region_f1"]],
        [f"total exact (n={res['n_total']})", round(res["total_exact"], 3), ""],
        [f"per-region count exact (n={res['n_per_region']})", round(res["per_region_exact"], 3),
         TARGETS["per_region_exact"]],
        ["errors", res["errors"], "0"],
    ]  # fmt: skip
    return {
        "title": f"ruuk: Russian MoD posts ({len(items)} items)" + (" [quick]" if quick else ""),
        "columns": ["metric", "value", "target"],
        "rows": rows,
        "notes": ["score_ru_mod.py on shared/bench/extract/mod-russia-dev.jsonl"],
    }


def _run(quick: bool = False, keep: str | None = None) -> list[dict]:
    tables: list[dict] = []
    notes: list[str] = []
    workdir = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="skylog-ruuk-"))
    workdir.mkdir(parents=True, exist_ok=True)
    all_secs: list[float] = []
    post_secs: list[float] = []  # news articles and officials' posts (the MoD snippets are short)
    mod = _mod_table(quick, workdir, all_secs)
    if mod is not None:
        tables.append(mod)
    else:
        notes.append("mod-russia-dev.jsonl not found")
    sets = []
    rep_path = SHARED_EXTRACT / "reports-dev.jsonl"
    if rep_path.is_file():
        sets.append(("reports-dev", rep_path))
    if OWN.is_file() and OWN.stat().st_size:
        sets.append(("ruuk-dev", OWN))
    rows = []
    for name, path in sets:
        items = _load(path, ("ru", "uk"))
        if quick:
            items = items[:12]
        gold = workdir / f"{name}-ruuk-gold.jsonl"
        with gold.open("w", encoding="utf-8") as fh:
            for it in items:
                fh.write(json.dumps(it, ensure_ascii=False) + "\n")
        preds, secs = predict(items)
        all_secs += secs
        post_secs += secs
        for lang in ("ru", "uk", "ru,uk"):
            r = _score("score_extract.py", gold, preds, workdir, "--lang", lang, "--json")
            if not r["items"]:
                continue
            rows.append(
                [name, lang, r["items"], r["relevance"]["f1"], r["type"]["f1"], r["admin1"]["f1"], r["country"]["f1"],
                 r["count"]["f1"], f"{r['killed_exact']} ({r['n_killed']})", f"{r['injured_exact']} ({r['n_injured']})",
                 f"{r['date_recall']} ({r['n_dates']})", r["speaker_recall"], r["errors"]]
            )  # fmt: skip
    if rows:
        tables.append(
            {
                "title": "ruuk: per-language extraction (score_extract.py)" + (" [quick]" if quick else ""),
                "columns": ["set", "lang", "n", "relevance F1", "type F1", "admin1 F1", "country F1", "count F1",
                            "killed exact (n)", "injured exact (n)", "date recall (n)", "speaker recall", "errors"],
                "rows": rows,
                "notes": [f"type F1 target {TARGETS['type_f1']}"] + notes,
            }
        )  # fmt: skip
    if all_secs:
        en_items = []
        if rep_path.is_file():
            en_items = _load(rep_path, ("en",))[: 8 if quick else 60]
        en = _english_speed(en_items) if en_items else None
        en_rate, en_mean = en if en else (None, None)

        def row(name: str, secs: list[float]) -> list:
            med, mean = 1.0 / statistics.median(secs), len(secs) / sum(secs)
            return [name, len(secs), round(med, 1), round(mean, 1),
                    round(med / en_rate, 2) if en_rate else "-", round(mean / en_mean, 2) if en_mean else "-"]  # fmt: skip

        rows = [row("ru/uk, all", all_secs)]
        if post_secs:
            rows.append(row("ru/uk articles and posts (no MoD snippets)", post_secs))
        rows.append(["en", len(en_items), round(en_rate, 1) if en_rate else "-",
                     round(en_mean, 1) if en_mean else "-", 1.0, 1.0])  # fmt: skip
        tables.append(
            {
                "title": "ruuk: speed (CPU time per report, one process)",
                "columns": [
                    "pipeline",
                    "n",
                    "reports/s (median)",
                    "reports/s (mean)",
                    "vs English (median)",
                    "vs English (mean)",
                ],  # fmt: skip
                "rows": rows,
                "notes": [
                    "target: within 2x of English (ratio >= 0.5)",
                    "CPU time (process_time), one BLAS thread, both pipelines in this process, so other"
                    " load on the machine does not count",
                ],
            }
        )
    return tables


def _cval(c):
    return c.get("value") if isinstance(c, dict) else c


def _admin1_keys(gev: list[dict], pev: list[dict]) -> tuple[set[str], set[str]]:
    """Gold and predicted first-level keys as the shared scorer compares them (its ``regions`` module)."""
    if str(SHARED_EXTRACT) not in sys.path:
        sys.path.append(str(SHARED_EXTRACT))
    from regions import gold_key, place_keys

    gold = {gold_key(e["admin1"]) for e in gev if e.get("admin1")}
    return gold, set().union(set(), *[place_keys(pl) for e in pev for pl in e.get("places") or []])


def item_errors(item: dict, pred: dict) -> list[str]:
    """What the shared scorer would count wrong on one item: type, admin1, count, killed/injured sums, dates."""
    gev, pev = item["gold"]["events"], pred.get("events") or []
    out = []
    gt, pt = {e["type"] for e in gev}, {e.get("type") for e in pev}
    if gt != pt:
        out.append(f"type gold={sorted(gt)} pred={sorted(map(str, pt))}")
    ga, pa = _admin1_keys(gev, pev)
    if gev and ga != pa:
        out.append(f"admin1 gold={sorted(ga)} pred={sorted(pa)}")
    gc = {e["count"] for e in gev if e.get("count") is not None}
    pc = {_cval(e.get("count")) for e in pev if _cval(e.get("count")) is not None}
    if gev and gc != pc:
        out.append(f"count gold={sorted(gc)} pred={sorted(pc)}")
    for field in ("killed", "injured"):
        gv = [e[field] for e in gev if e.get(field) is not None]
        pv = [_cval(e.get(field)) for e in pev if isinstance(_cval(e.get(field)), (int, float))]
        if gv and (sum(pv) if pv else None) != sum(gv):
            out.append(f"{field} gold={gv} pred={pv}")
    for e in gev:
        if e.get("date"):
            got = [(x.get("type"), str((x.get("time") or {}).get("start") or "")[:10]) for x in pev]
            if (e["type"], e["date"]) not in got:
                out.append(f"date gold={e['type']}:{e['date']} pred={got} published={item.get('published')}")
    return out


def list_errors(split: str, language: str | None = None) -> None:
    """Print each item's field errors on a train or dev split of the real corpus (never the test split)."""
    from bench.extract_real import load

    if split not in ("train", "dev"):
        raise SystemExit("only the train and dev splits may be listed")
    items = [i for i in load(split) if i["language"] in ((language,) if language else ("ru", "uk"))]
    preds = {p["id"]: p for p in predict(items)[0]}
    for it in items:
        errs = item_errors(it, preds.get(it["id"]) or {})
        if errs:
            print(f"{it['id']} [{it['language']}] " + "\n    ".join(errs))


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--keep", help="write predictions here")
    ap.add_argument("--errors", choices=("train", "dev"), help="list per-item errors of this split instead")
    ap.add_argument("--lang", choices=("ru", "uk"))
    a = ap.parse_args()
    if a.errors:
        list_errors(a.errors, a.lang)
        raise SystemExit(0)
    for t in run(a.quick, a.keep):
        print(f"\n## {t['title']}")
        print(" | ".join(map(str, t["columns"])))
        for r in t["rows"]:
            print(" | ".join(map(str, r)))
        for n in t.get("notes", []):
            print("  ", n)
