"""English extraction benchmark: accuracy per field on the dev corpora, and speed.

Corpora: the shared real-report set (``../shared/bench/extract/reports-dev.jsonl``, English items) and the
project's own ``bench/data/extract-dev.jsonl``. Each is converted to the JSON Lines input of
``skylog extract`` in a temporary folder, extracted in-process (models loaded once), and scored with the
shared scorer (``score_extract.py --json``, run as a subprocess) so the numbers match the held-out scoring.
Speed: CPU seconds of extraction per attack report (reports/s per core, median over repeats) and the
prefilter's rejection rate on irrelevant ~400-word texts.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.paths import shared_dir

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir() / "bench" / "extract"
CORPORA = {
    "shared reports-dev (EN)": SHARED / "reports-dev.jsonl",
    "skylog extract-dev (EN)": REPO / "bench" / "data" / "extract-dev.jsonl",
}
SCORER = SHARED / "score_extract.py"


def _load(path: Path, limit: int | None) -> list[dict]:
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    items = [i for i in items if i.get("language", "en") == "en"]
    return items[:limit] if limit else items


def _extract(items: list[dict]) -> tuple[list[dict], list[float]]:
    """Run extraction in-process; returns output records and per-report CPU seconds (attack reports)."""
    from skylog.commands.extract import extraction_record
    from skylog.extract import Extractor
    from skylog.ingest.inputs import iter_input_files

    extractor = Extractor()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "input.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i in items:
                fh.write(
                    json.dumps(
                        {
                            "id": i["id"],
                            "text": i["text"],
                            "published_at": i.get("published"),
                            "title": i.get("source_title"),
                            "source": i.get("source_url"),
                            "language": "en",
                        }
                    )
                    + "\n"
                )
        inputs = list(iter_input_files([str(src)]))
    # warm the models once so load time is not counted as extraction time
    if inputs and inputs[0].report is not None:
        extractor.extract(inputs[0].report)
    out, cpu = [], []
    gold = {i["id"]: i for i in items}
    for item in inputs:
        t0 = time.process_time()
        rec = extraction_record(item, extractor)
        dt = time.process_time() - t0
        if gold.get(item.id, {}).get("gold", {}).get("is_attack_report"):
            cpu.append(dt)
        out.append(rec)
    return out, cpu


def _score(gold_path: Path, items: list[dict], preds: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        g = Path(tmp) / "gold.jsonl"
        p = Path(tmp) / "pred.jsonl"
        g.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in preds), encoding="utf-8")
        res = subprocess.run(
            [sys.executable, str(SCORER), str(g), str(p), "--lang", "en", "--json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=str(SHARED),
        )
    return json.loads(res.stdout.strip().splitlines()[-1])


def _words(s: str | None) -> set[str]:
    """Lower-cased ASCII word stems (first five letters) of a name: 'Kharkiv'/'Kharkov', 'Russian'/'Russia'."""
    from unidecode import unidecode

    return {w[:5] for w in re.findall(r"[a-z0-9]+", unidecode(s or "").lower()) if len(w) > 2}


# a party named by its capital or abbreviation: "Moscow" for Russia, "US" for the United States
_METONYMS = {
    "us": "usa",
    "ameri": "usa",
    "washi": "usa",
    "mosco": "russi",
    "kreml": "russi",
    "kyiv": "ukrai",
    "kiev": "ukrai",
    "uk": "kingd",
    "brita": "kingd",
    "briti": "kingd",
    "londo": "kingd",
}


def _same(gold: str | None, pred: str | None) -> bool:
    def canon(s: str | None) -> set[str]:
        s = re.sub(r"(?i)\bunited states\b", "USA", s or "")
        s = re.sub(r"(?i)\bunited kingdom\b", "Kingdom", s)
        ws = _words(s) | {w for w in re.findall(r"[a-z]+", (s or "").lower()) if w in ("us", "uk")}
        return {_METONYMS.get(w, w) for w in ws}

    return bool(canon(gold) & canon(pred))


def _matched(gold: list, pred: list, match) -> int:
    """Largest number of gold items paired one-to-one with a matching prediction.

    A maximum matching, not a greedy one: greedy pairing over sets depended on their
    iteration order, so the score changed with PYTHONHASHSEED.
    """
    if not gold or not pred:
        return 0
    from scipy.optimize import linear_sum_assignment

    hits = [[1 if match(g, q) else 0 for q in pred] for g in gold]
    rows, cols = linear_sum_assignment(hits, maximize=True)
    return sum(hits[r][c] for r, c in zip(rows, cols, strict=True))


def _extra_scores(items: list[dict], preds: list[dict]) -> dict:
    """Fields the shared scorer does not score: place-mention recall and perpetrator + claimant.

    Per report, each gold settlement counts as found when any predicted place names it; each
    gold (perpetrator, claimant) pair is matched greedily against the predicted ones by shared
    name words. A gold claimant left blank ("the outlet's own voice") matches any claimant.
    """
    by_id = {r.get("id"): r for r in preds}
    place_hit = place_n = 0
    perp = {"tp": 0, "np": 0, "ng": 0}
    both = {"tp": 0, "np": 0, "ng": 0}
    for item in items:
        gev = item["gold"]["events"]
        pev = (by_id.get(item["id"]) or {}).get("events") or []
        names = [n for e in pev for pl in e.get("places") or [] for n in (pl.get("mention"), pl.get("name"))]
        for settlement in {e["settlement"] for e in gev if e.get("settlement")}:
            place_n += 1
            place_hit += any(_same(settlement, n) for n in names)
        gold_pairs = {
            (e["perpetrator_claimed"], e.get("claimed_by")) for e in gev if e.get("perpetrator_claimed")
        }
        pred_pairs = {
            (e["perpetrator"]["value"], e["perpetrator"].get("claimant"))
            for e in pev
            if isinstance(e.get("perpetrator"), dict) and e["perpetrator"].get("value")
        }
        for score, match in (
            (perp, lambda g, q: _same(g[0], q[0])),
            (both, lambda g, q: _same(g[0], q[0]) and (g[1] is None or _same(g[1], q[1]))),
        ):
            score["tp"] += _matched(sorted(gold_pairs, key=str), sorted(pred_pairs, key=str), match)
            score["ng"] += len(gold_pairs)
            score["np"] += len(pred_pairs)

    def prf(c: dict) -> tuple[float, float, float]:
        p = c["tp"] / c["np"] if c["np"] else 0.0
        r = c["tp"] / c["ng"] if c["ng"] else 0.0
        return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0

    return {
        "place_recall": round(place_hit / max(1, place_n), 3),
        "n_places": place_n,
        "perpetrator": prf(perp),
        "perpetrator_claimant": prf(both),
        "n_perp": perp["ng"],
    }


def _speed_400(items: list[dict], n: int = 60) -> tuple[float, float]:
    """Median reports/s (one core) on ~400-word attack reports: dev attack texts joined to ~400 words."""
    from skylog.extract.en import EnglishPipeline
    from skylog.ingest.common import make_report

    attack = [i["text"] for i in items if i["gold"]["is_attack_report"]]
    texts, cur = [], []
    for t in attack * 3:
        cur.append(t)
        if sum(len(x.split()) for x in cur) >= 400:
            texts.append("\n\n".join(cur))
            cur = []
        if len(texts) >= n:
            break
    pipe = EnglishPipeline()
    reports = [make_report(t, source="bench", language="en") for t in texts]
    pipe(reports[0])
    times = []
    for r in reports:
        t0 = time.process_time()
        pipe(r)
        times.append(time.process_time() - t0)
    words = statistics.median(len(t.split()) for t in texts)
    return 1 / statistics.median(times), words


def _prefilter_speed(items: list[dict]) -> dict:
    """Rejections/s on ~400-word irrelevant texts built from the corpora's keyword-free sentences."""
    import re

    from skylog.extract.common.prefilter import check

    sentences = []
    for i in items:
        for s in re.split(r"(?<=[.!?])\s+", i["text"]):
            if s and not check(s).relevant:
                sentences.append(s)
    texts, cur = [], []
    for s in sentences * 20:
        cur.append(s)
        if sum(len(x.split()) for x in cur) >= 400:
            texts.append(" ".join(cur))
            cur = []
        if len(texts) >= 2000:
            break
    rates = []
    for _ in range(5):
        t0 = time.process_time()
        rejected = sum(not check(t).relevant for t in texts)
        rates.append(rejected / max(1e-9, time.process_time() - t0))
    attack = [i for i in items if i["gold"]["is_attack_report"]]
    recall = sum(check(i["text"]).relevant for i in attack) / max(1, len(attack))
    return {"texts": len(texts), "rate": statistics.median(rates), "recall": recall}


def run(quick: bool = False) -> list[dict]:
    tables = []
    speed_rows = []
    all_items: list[dict] = []
    for name, path in CORPORA.items():
        if not path.is_file():
            continue
        items = _load(path, 12 if quick else None)
        all_items += items
        preds, cpu = _extract(items)
        s = _score(path, items, preds)
        x = _extra_scores(items, preds)
        rows = [
            [
                "relevance (attack report)",
                s["relevance"]["p"],
                s["relevance"]["r"],
                s["relevance"]["f1"],
                len(items),
            ],
            ["event type", s["type"]["p"], s["type"]["r"], s["type"]["f1"], None],
            ["admin1", s["admin1"]["p"], s["admin1"]["r"], s["admin1"]["f1"], None],
            ["country", s["country"]["p"], s["country"]["r"], s["country"]["f1"], None],
            ["count", s["count"]["p"], s["count"]["r"], s["count"]["f1"], None],
            ["killed exact", None, None, s["killed_exact"], s["n_killed"]],
            ["injured exact", None, None, s["injured_exact"], s["n_injured"]],
            ["date (exact day, recall)", None, s["date_recall"], None, s["n_dates"]],
            ["quote speaker (recall)", None, s["speaker_recall"], None, None],
            ["settlement mention (recall)", None, x["place_recall"], None, x["n_places"]],
            ["perpetrator", *x["perpetrator"], x["n_perp"]],
            ["perpetrator + claimant", *x["perpetrator_claimant"], x["n_perp"]],
            ["weapon", None, None, None, "not labelled in the gold sets"],
        ]
        tables.append(
            {
                "title": f"extract EN accuracy: {name}",
                "columns": ["field", "P", "R", "F1 / exact", "n"],
                "rows": rows,
                "notes": [
                    f"{s['errors']} errors; scored by shared score_extract.py; targets: type F1 >= 0.90, "
                    "killed/injured exact >= 0.90, speaker recall >= 0.90",
                    "settlement and perpetrator rows: skylog's own scoring (bench/extract.py _extra_scores), "
                    "names matched by shared word stems",
                ],
            }
        )
        if cpu:
            words = statistics.median(len(i["text"].split()) for i in items if i["gold"]["is_attack_report"])
            med = statistics.median(cpu)
            speed_rows.append(
                [
                    f"extract, attack reports ({name})",
                    len(cpu),
                    round(words),
                    round(1 / med, 1),
                    round(len(cpu) / sum(cpu), 1),
                ]
            )
    if all_items:
        rate, words = _speed_400(all_items, 8 if quick else 60)
        speed_rows.append(
            [
                "extract, ~400-word attack reports (dev texts joined)",
                8 if quick else 60,
                round(words),
                round(rate, 1),
                None,
            ]
        )
        pf = _prefilter_speed(all_items)
        speed_rows.append(
            ["prefilter rejections (irrelevant ~400-word texts)", pf["texts"], 400, round(pf["rate"]), None]
        )
        speed_rows.append([f"prefilter recall on attack reports: {pf['recall']:.3f}", None, None, None, None])
    from bench.extract_real import tables as real_tables

    tables += real_tables(SHARED, quick)
    from bench.extract_calibration import tables as calibration_tables

    tables += calibration_tables(SHARED, quick)
    tables.append(
        {
            "title": "extract EN speed (one core, CPU time)",
            "columns": ["what", "n", "median words", "per second (median)", "per second (mean)"],
            "rows": speed_rows,
            "notes": [
                "targets: >= 50 attack reports/s per core for ~400 words; prefilter >= 5,000 rejections/s",
                "CPU time of the extraction call only (models loaded once before timing); machine shared",
            ],
        }
    )
    return tables


if __name__ == "__main__":  # pragma: no cover
    for t in run(quick="--quick" in sys.argv):
        print(t["title"])
        for r in t["rows"]:
            print("  ", r)
