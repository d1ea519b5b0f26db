"""Geoparsing and gazetteer benchmarks (``skylog bench geo``).

- LGL, TR-News, GeoVirus (../shared/bench/geo): recognition P/R/F1 and
  Acc@161 / median / mean error, scored by the corpus scorer ``score_geo.py``
  (run as a subprocess, exactly as published).
- admin1/admin2 accuracy on the Russia/Ukraine places of the extraction dev
  set (../shared/bench/extract/reports-dev.jsonl): for each gold event place
  (settlement, else district, else region) the predicted place naming it must
  carry the right ISO 3166-2 region and, where gold has one, district.
- Speed and footprint: gazetteer open time, lookups/s, resident memory.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.paths import shared_dir

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir()
GEO = SHARED / "bench" / "geo"
EXTRACT = SHARED / "bench" / "extract"

PUBLISHED = {
    "lgl": "Mordecai3 0.827; population baseline ~0.70",
    "trnews": "Mordecai3 0.873",
    "geovirus": "CamCoder 0.82",
}
TARGET = {"lgl": 0.92, "trnews": 0.92, "geovirus": 0.92}


def _load(path: Path, limit: int | None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if limit and len(out) >= limit:
                    break
    return out


def geoparse_corpus(name: str, limit: int | None = None) -> tuple[dict, float, int]:
    """Run geoparse on a gold corpus and score it with the corpus scorer."""
    from skylog.geo import geoparse

    docs = _load(GEO / f"{name}.jsonl", limit)
    t0 = time.perf_counter()
    preds = []
    for d in docs:
        places = geoparse(d["text"], "en", streets=True, bare_names=True)  # as the corpora mark toponyms
        preds.append(
            {
                "id": d["id"],
                "toponyms": [
                    {"start": p.span[0], "end": p.span[1], "lat": p.lat, "lon": p.lon} for p in places
                ],
            }
        )
    secs = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        pred = Path(tmp) / "pred.jsonl"
        gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        pred.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        res = subprocess.run(
            [sys.executable, str(GEO / "score_geo.py"), str(gold), str(pred), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        # the same, without countries, first-level units and continents: their reference
        # point is a convention (GeoNames in the gold; ours come from open tables), so this
        # column shows how well towns and districts alone are resolved
        local = Path(tmp) / "gold_local.jsonl"
        with open(local, "w", encoding="utf-8") as f:
            for d in docs:
                tops = [{**t, "type": "Country_Admin1"} if _coarse(t) else t for t in d.get("toponyms", [])]
                f.write(json.dumps({**d, "toponyms": tops}) + "\n")
        res_local = subprocess.run(
            [
                sys.executable,
                str(GEO / "score_geo.py"),
                str(local),
                str(pred),
                "--json",
                "--exclude-types",
                "Country_Admin1",
                "--ignore-excluded-preds",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    out = json.loads(res.stdout)
    out["local"] = json.loads(res_local.stdout)
    return out, secs, sum(len(d["text"]) for d in docs)


def _coarse(t: dict) -> bool:
    code = str(t.get("fcode") or "")
    return code.startswith("PCL") or code in ("ADM1", "CONT", "RGN", "ADMD")


def _stem(s: str) -> str:
    from skylog.geo.normalize import norm

    words = [
        w
        for w in norm(s or "").split()
        if w
        not in {"district", "raion", "rayon", "oblast", "hromada", "region", "municipal", "urban", "okrug"}
    ]
    return " ".join(words)


def _same_name(a: str, b: str) -> bool:
    from rapidfuzz import fuzz
    from unidecode import unidecode

    a, b = _stem(unidecode(a or "")), _stem(unidecode(b or ""))
    if not a or not b:
        return False
    return fuzz.ratio(a, b) >= 80 or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


def admin_accuracy(limit: int | None = None, misses: list | None = None) -> dict:
    """admin1/admin2 correctness for the RU/UA gold places of reports-dev.

    ``misses``, when given, collects (gold target, level, gold admin1/admin2, what we
    predicted) for each wrong place, so the causes can be read (``--misses``).
    """
    sys.path.insert(0, str(EXTRACT))
    from regions import gold_key, place_keys  # the scorers' own name -> code mapping

    from skylog.geo import geoparse

    items = _load(EXTRACT / "reports-dev.jsonl", limit)
    n1 = ok1 = n2 = ok2 = found = 0
    for it in items:
        events = [e for e in it["gold"]["events"] if e.get("country") in ("RU", "UA") and e.get("admin1")]
        if not events:
            continue
        places = [p.to_dict() for p in geoparse(it["text"], it.get("language") or "en")]
        seen = set()
        for e in events:
            key = (e.get("admin1"), e.get("admin2"), e.get("settlement"))
            if key in seen:
                continue
            seen.add(key)
            target = e.get("settlement") or e.get("admin2") or e.get("admin1")
            level = "settlement" if e.get("settlement") else "district" if e.get("admin2") else "region"
            match = None
            for p in places:
                names = [p.get("name") or ""]
                if level == "district":
                    names.append(p.get("admin2") or "")
                if any(_same_name(target, x) for x in names):
                    match = p
                    break
            if match is None and level == "region":
                match = next((p for p in places if gold_key(e["admin1"]) in place_keys(p)), None)
            n1 += 1
            good1 = match is not None and gold_key(e["admin1"]) in place_keys(match)
            if match is not None:
                found += 1
                if good1:
                    ok1 += 1
            if misses is not None and not good1:
                got = match and (match.get("name"), match.get("admin1_code"), match.get("admin2"))
                misses.append(("admin1", it.get("id"), target, level, e.get("admin1"), got))
            if e.get("admin2"):
                # the district may be named by its own mention ("Obolonskyi district of Kyiv")
                # or carried by the settlement's record
                n2 += 1
                cands = ([match] if match is not None else []) + [
                    p
                    for p in places
                    if p.get("kind") == "district" and gold_key(e["admin1"]) in place_keys(p)
                ]
                if any(_same_name(e["admin2"], p.get("admin2") or "") for p in cands):
                    ok2 += 1
                elif misses is not None:
                    got = [(p.get("name"), p.get("kind"), p.get("admin2")) for p in cands]
                    misses.append(("admin2", it.get("id"), target, level, e.get("admin2"), got))
    return {"places": n1, "found": found, "admin1_ok": ok1, "admin2_places": n2, "admin2_ok": ok2}


HOME = {"ru": {"RU"}, "uk": {"UA"}}


def wrong_country(limit: int | None = None) -> dict:
    """Resolved places whose country contradicts the report's frame, on the shared dev reports and MoD posts.

    The frame of a report is what a reader knows without the geocoder: the countries of its gold
    events (reports-dev; MoD posts are all about Russia and Ukraine), the home country of its
    language, and the countries the text names outright (country names and adjectives). A
    resolved town, district or region in any other country is listed. Reports with no frame
    (a negative naming no country) are skipped.
    """
    sets = []
    for fname in ("reports-dev", "mod-russia-dev"):
        path = EXTRACT / f"{fname}.jsonl"
        if path.is_file():
            sets.append((_load(path, limit), {"RU", "UA"} if fname.startswith("mod") else set()))
    return _wrong_country(sets)


def wrong_country_other(limit: int | None = None) -> dict:
    """The same listing on the train items of other conflicts in ``bench/data/extract-real.jsonl``: those
    whose gold events lie in a country other than Russia and Ukraine (train split only)."""
    items = [
        it
        for it in _load(REPO / "bench" / "data" / "extract-real.jsonl", None)
        if it.get("split") == "train"
        and {e.get("country") for e in (it["gold"].get("events") or [])} - {None, "RU", "UA"}
    ]
    return _wrong_country([(items[:limit], set())])


def _wrong_country(sets: list[tuple[list[dict], set[str]]]) -> dict:
    from skylog.geo import geoparse

    listed: list[tuple] = []
    n_reports = n_places = skipped = 0
    for items, given in sets:
        for it in items:
            lang = it.get("language") or "ru"
            places = geoparse(it["text"], lang)
            frame = set(HOME.get(lang, set())) | given
            frame |= {e["country"] for e in (it["gold"].get("events") or []) if e.get("country")}
            frame |= {p.country for p in places if p.kind == "country" and p.country}
            if not frame:
                skipped += 1
                continue
            n_reports += 1
            for p in places:
                if p.kind == "country" or p.lat is None or not p.country:
                    continue
                n_places += 1
                if p.country not in frame:
                    listed.append(
                        (it["id"], p.mention, p.name, p.country, p.admin1_code, "/".join(sorted(frame)))
                    )
    return {"reports": n_reports, "places": n_places, "skipped": skipped, "wrong": listed}


def speed() -> dict:
    """Gazetteer open time, candidate lookups per second, resident memory."""
    from skylog.geo.gazetteer import Gazetteer
    from skylog.geo.geocoder import Geocoder

    t0 = time.perf_counter()
    gz = Gazetteer()
    gz.ids("kaluga")
    load_s = time.perf_counter() - t0
    gc = Geocoder(gz)
    names = [
        "Kaluga",
        "Kharkiv",
        "Kursk region",
        "Borovsky district",
        "Paris",
        "Springfield",
        "Alexandria",
        "Brooklyn",
        "Odesa",
        "Belgorod Oblast",
        "Texas",
        "London",
    ]
    # cold: distinct keys straight from SQLite; warm: memoised repeats (a batch naming the same places)
    import sqlite3

    keys = [
        k
        for (k,) in sqlite3.connect(f"file:{gz.path}?mode=ro&immutable=1", uri=True).execute(
            "SELECT key FROM names WHERE place % 37 = 0 LIMIT 20000"
        )
    ] or names
    t0 = time.perf_counter()
    for k in keys:
        gz.ids(k)
    cold = len(keys) / (time.perf_counter() - t0)
    fresh = Geocoder(Gazetteer())
    sample = keys[:5000]
    t0 = time.perf_counter()
    for k in sample:
        fresh.candidates(k, "en", limit=5)
    cold_cands = len(sample) / (time.perf_counter() - t0)
    reps = 2000
    t0 = time.perf_counter()
    for _ in range(reps):
        for n in names:
            gc.candidates(n, "en", limit=5)
    warm = reps * len(names) / (time.perf_counter() - t0)
    # names that match nothing (typos, unknown villages) go through the fuzzy matcher
    import random

    rng = random.Random(5)
    misses = [
        "".join(rng.choice("abdeiklmnoprstuvyz") for _ in range(rng.randint(6, 14))) for _ in range(200)
    ]
    misses += [
        "".join(rng.choice("абвгдеиклмнопрстуя") for _ in range(rng.randint(6, 14))) for _ in range(200)
    ]
    fresh.candidates("warm up the fuzzy index", "en")
    miss_ms = []
    for q in misses:
        t0 = time.perf_counter()
        fresh.candidates(q, "ru" if q[0] >= "а" else "en")
        miss_ms.append((time.perf_counter() - t0) * 1000)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "load_s": load_s,
        "cold_lookups_s": cold,
        "cold_candidates_s": cold_cands,
        "candidates_s": warm,
        "rss_mb": rss_mb,
        "miss_ms_median": statistics.median(miss_ms),
        "miss_ms_max": max(miss_ms),
    }


def run(quick: bool = False) -> list[dict]:
    limit = 10 if quick else None
    rows = []
    notes = []
    for name in ("lgl", "trnews", "geovirus"):
        if not (GEO / f"{name}.jsonl").is_file():
            notes.append(f"{name}: corpus not found")
            continue
        res, secs, chars = geoparse_corpus(name, limit)
        rec = res["recognition_exact"]
        geo = res["geocoding_exact_matched"]
        rows.append(
            [
                name,
                res["gold_toponyms"],
                _r(rec.get("precision")),
                _r(rec.get("recall")),
                _r(rec.get("f1")),
                _r(geo.get("acc161")),
                _r(res["local"]["geocoding_exact_matched"].get("acc161")),
                _r(geo.get("median_km"), 1),
                _r(geo.get("mean_km"), 1),
                TARGET.get(name, "-"),
                PUBLISHED.get(name, ""),
                round(chars / secs / 1000, 1),
            ]
        )
    tables = [
        {
            "title": "geo: toponym recognition and resolution (exact spans)" + (" [quick]" if quick else ""),
            "columns": [
                "corpus",
                "n",
                "P",
                "R",
                "F1",
                "Acc@161",
                "Acc@161 w/o countries+admin1",
                "median km",
                "mean km",
                "target",
                "published",
                "kchar/s",
            ],
            "rows": rows,
            "notes": notes
            + [
                "Acc@161 over gold toponyms matched by a predicted span; scorer: ../shared/bench/geo/score_geo.py",
                "targets: Acc@161 >= 0.92 with recognition F1 >= 0.85 on each corpus",
            ],
        }
    ]
    adm = admin_accuracy(5 if quick else None)
    tables.append(
        {
            "title": "geo: admin1/admin2 on Russia/Ukraine places of reports-dev",
            "columns": ["places", "found", "admin1 acc", "admin2 places", "admin2 acc", "targets"],
            "rows": [
                [
                    adm["places"],
                    adm["found"],
                    _r(adm["admin1_ok"] / max(1, adm["places"])),
                    adm["admin2_places"],
                    _r(adm["admin2_ok"] / max(1, adm["admin2_places"])),
                    "admin1 >= 0.97, admin2 >= 0.90",
                ]
            ],
            "notes": [
                "a place not found at all counts as wrong; admin2 includes city districts of Kyiv/Kharkiv/Donetsk"
            ],
        }
    )
    tables.append(
        _wrong_country_table(
            "geo: wrong-country places on shared reports-dev + MoD posts",
            wrong_country(30 if quick else None),
            "frame = gold event countries (MoD: RU/UA) + the language's home country + countries the text names;"
            " {skipped} reports without a frame skipped",
        )
    )
    tables.append(
        _wrong_country_table(
            "geo: wrong-country places on train items of other conflicts (extract-real)",
            wrong_country_other(10 if quick else None),
            "train items whose gold events lie outside Russia/Ukraine; frame as above (a dateline's"
            " city abroad, BANGKOK or CAIRO, is listed too)",
        )
    )
    if quick:  # the speed table rebuilds the gazetteer's fuzzy index cold: full run only
        return tables
    sp = speed()
    size_mb = os.path.getsize(REPO / "skylog" / "geo" / "data" / "gazetteer.sqlite") / 1e6
    tables.append(
        {
            "title": "geo: gazetteer footprint and speed",
            "columns": [
                "file MB",
                "open s",
                "name lookups/s (cold)",
                "scored candidates/s (cold)",
                "scored candidates/s (memoised)",
                "fuzzy miss ms (median / max)",
                "peak RSS MB (whole bench)",
            ],
            "rows": [
                [
                    round(size_mb, 1),
                    _r(sp["load_s"], 4),
                    int(sp["cold_lookups_s"]),
                    int(sp["cold_candidates_s"]),
                    int(sp["candidates_s"]),
                    f"{sp['miss_ms_median']:.1f} / {sp['miss_ms_max']:.1f}",
                    int(sp["rss_mb"]),
                ]
            ],
            "notes": ["target >= 20,000 lookups/s, memory < 1 GB; RSS includes spaCy and natasha"],
        }
    )
    return tables


def _r(v, nd: int = 3):
    return None if v is None else round(float(v), nd)


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    if "--misses" in sys.argv:
        found: list = []
        print(admin_accuracy(None, found))
        for m in found:
            print(*m, sep=" | ")
        sys.exit(0)
    for t in run(quick):
        print(t["title"])
        print("  " + " | ".join(map(str, t["columns"])))
        for row in t["rows"]:
            print("  " + " | ".join(map(str, row)))


def _wrong_country_table(title: str, wc: dict, note: str) -> dict:
    """A wrong-country table: counts, then every wrong place with the frame it contradicts."""
    return {
        "title": title,
        "columns": ["reports with a frame", "resolved places", "wrong country", "target"],
        "rows": [[wc["reports"], wc["places"], len(wc["wrong"]), 0]],
        "notes": [note.format(skipped=wc.get("skipped", 0))]
        + [f"{i}: {m!r} -> {n} ({c} {a1 or ''}); frame {f}" for i, m, n, c, a1, f in wc["wrong"]],
    }
