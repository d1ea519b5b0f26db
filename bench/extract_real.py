"""The real labelled extraction corpus (``bench/data/extract-real.jsonl``) and its outlet split rule.

Every outlet goes wholly to one split so that a model or rule tuned on one outlet's phrasing is never
scored on the same outlet. The rule looks only at outlet names and item counts, never at results:

1. outlets with a page on a web domain that also has a page in the sets the rules were tuned on
   (``bench/data/extract-dev.jsonl``, ``bench/data/ruuk-dev.jsonl`` and the shared ``reports-dev.jsonl``) go to
   ``train`` — that outlet's phrasing was visible while the rules were written (see ``registered_domain``);
2. the other outlets are taken per language (an outlet's language is the one most of its items are in), in
   the order of the SHA-256 of their lower-cased name, and each goes to the split that is furthest below
   its target share (train 50 %, dev 25 %, test 25 %) of that language's items, counted after the pinned
   outlets; ties go to train, then dev, then test.

Rule 0 comes first: an outlet already in a published version of the corpus keeps its split
(``bench/data/extract-real-splits.json``), so growing the corpus never moves an item that was
held out into dev or train, nor a dev item into test; only new outlets are placed by rules 1–2,
counted after the frozen ones.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "extract-real.jsonl"
FROZEN = PATH.parent / "extract-real-splits.json"
TARGETS = {"train": 0.50, "dev": 0.25, "test": 0.25}
LANGUAGES = ("en", "ru", "uk")


# second-level suffixes under which the registered domain has three labels (interfax.com.ua, thenews.com.pk)
_SUFFIX2 = {"com", "co", "org", "net", "gov", "in", "kyiv", "od", "if", "ac", "edu"}


def registered_domain(url: str) -> str:
    """The domain an outlet publishes under: host without port, 'www.'/'amp.'/'m.' and sub-domains."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SUFFIX2 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def pinned_outlets(items: list[dict], tuned_urls: set[str]) -> set[str]:
    """Outlets that have an item on a domain seen in the tuned sets (rule 1)."""
    seen = {registered_domain(u) for u in tuned_urls if u}
    return {i["outlet"] for i in items if registered_domain(i["source_url"]) in seen}


def tuned_urls(shared: Path | None = None) -> set[str]:
    """Source addresses of the sets the rules were tuned on (the shared one only where present)."""
    files = [PATH.parent / "extract-dev.jsonl", PATH.parent / "ruuk-dev.jsonl"]
    if shared is not None:
        files.append(shared / "reports-dev.jsonl")
    urls = set()
    for f in files:
        if f.is_file():
            for line in f.open(encoding="utf-8"):
                if line.strip():
                    urls.add(json.loads(line).get("source_url"))
    return urls - {None}


def outlet_hash(outlet: str) -> str:
    """Order key of an outlet: the SHA-256 of its lower-cased, stripped name."""
    return hashlib.sha256(outlet.strip().lower().encode("utf-8")).hexdigest()


def frozen_splits(path: Path = FROZEN) -> dict[str, str]:
    """Outlet -> split of every outlet in a published version of the corpus (rule 0)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def assign_splits(
    items: list[dict], pinned_train: set[str] = frozenset(), frozen: dict[str, str] | None = None
) -> dict[str, str]:
    """Outlet -> split by the rule in the module docstring (``items`` need ``outlet`` and ``language``)."""
    frozen = frozen or {}
    per_outlet: dict[str, Counter] = {}
    for it in items:
        per_outlet.setdefault(it["outlet"], Counter())[it["language"]] += 1
    main_lang = {o: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for o, c in per_outlet.items()}
    split: dict[str, str] = {}
    for lang in sorted({*main_lang.values()}):
        outlets = [o for o, lg in main_lang.items() if lg == lang]
        total = sum(per_outlet[o][lang] for o in outlets)
        have = Counter()
        for o in outlets:
            if o in frozen:
                split[o] = frozen[o]
                have[frozen[o]] += per_outlet[o][lang]
            elif o in pinned_train:
                split[o] = "train"
                have["train"] += per_outlet[o][lang]
        for o in sorted((o for o in outlets if o not in pinned_train and o not in frozen), key=outlet_hash):
            best = max(TARGETS, key=lambda s: (TARGETS[s] * total - have[s], -list(TARGETS).index(s)))
            split[o] = best
            have[best] += per_outlet[o][lang]
    return split


def load(split: str | None = None, language: str | None = None, path: Path = PATH) -> list[dict]:
    """Items of the corpus, optionally one split and one language."""
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [
        i
        for i in items
        if (split is None or i["split"] == split) and (language is None or i["language"] == language)
    ]


def _predict(items: list[dict], system: str) -> list[dict]:
    if system == "baseline":
        from bench.baseline import predict

        return [predict(i) for i in items]
    en = [i for i in items if i["language"] == "en"]
    ruuk = [i for i in items if i["language"] != "en"]
    preds: list[dict] = []
    if en:
        from bench.extract import _extract

        preds += _extract(en)[0]
    if ruuk:
        from bench.ruuk import predict

        preds += predict(ruuk)[0]
    return preds


def _score(items: list[dict], preds: list[dict], lang: str, shared: Path) -> dict:
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        g, p = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        g.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in preds), encoding="utf-8")
        res = subprocess.run(
            [sys.executable, str(shared / "score_extract.py"), str(g), str(p), "--lang", lang, "--json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=str(shared),
        )
    return json.loads(res.stdout.strip().splitlines()[-1])


_UNIT_WORDS = re.compile(r"\s+(oblast|krai|region|state|district|governorate|province|county|strip)$", re.I)


def gold_unit_key(gz, name: str, country: str | None) -> str | None:
    """The key of a gold admin1 name through skylog's own gazetteer (None: the gazetteer has no such unit).

    Among the first-level units of the gold country carrying the name (also without a trailing 'Oblast',
    'State', 'District', 'Strip', …) one with an ISO code wins, then one named exactly so; a name without
    a country is a water body.
    """
    hits = [e for n in dict.fromkeys((name, _UNIT_WORDS.sub("", name))) for e, _ in gz.lookup(n)]
    if country is None:
        water = [e for e in hits if e.kind == "water"]
        return "water:" + water[0].name.lower() if water else None
    units = [e for e in hits if e.level == 1 and e.country == country]
    units.sort(key=lambda e: (e.admin1_code is None, e.name != name))
    if not units:
        return None
    return units[0].admin1_code or f"{country}:{units[0].name.lower()}"


def place_unit_key(place: dict) -> str | None:
    """The key of a predicted place: its first-level unit code, else its unit or water body name."""
    if place.get("admin1_code"):
        return place["admin1_code"]
    if place.get("kind") == "water":
        return "water:" + str(place.get("name") or "").lower()
    unit = place.get("admin1") or (place.get("name") if place.get("kind") == "region" else None)
    return f"{place.get('country')}:{unit.lower()}" if unit and place.get("country") else None


def own_admin1(items: list[dict], preds: list[dict], lang: str) -> dict:
    """admin1 P/R/F1 with gold names mapped by skylog's gazetteer, not the shared scorer's table.

    Like the shared scorer, every place of every predicted event counts; gold names the gazetteer has no
    unit for are left out of both sides and counted in ``unmapped``.
    """
    from skylog.geo.gazetteer import Gazetteer

    gz = Gazetteer()
    by_id = {p.get("id"): p for p in preds}
    tp = n_pred = n_gold = unmapped = 0
    for it in items:
        gev = it["gold"]["events"]
        if it["language"] != lang or not gev:
            continue
        gold = set()
        for e in gev:
            if e.get("admin1"):
                key = gold_unit_key(gz, e["admin1"], e.get("country"))
                unmapped += key is None
                gold |= {key} - {None}
        places = [
            pl for ev in (by_id.get(it["id"]) or {}).get("events") or [] for pl in ev.get("places") or []
        ]
        pred = {place_unit_key(pl) for pl in places} - {None}
        tp, n_pred, n_gold = tp + len(gold & pred), n_pred + len(pred), n_gold + len(gold)
    p, r = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3), "unmapped": unmapped}


def tables(shared: Path, quick: bool = False) -> list[dict]:
    """Dev and test rows per language for skylog and the keyword baseline, scored by the shared scorer.

    The train split is left out: it is for fitting. ``quick`` scores the first 25 items of each split.
    """
    if not PATH.is_file() or not (shared / "score_extract.py").is_file():
        return []
    rows = []
    for split in ("dev", "test"):
        items = load(split)
        if quick:
            items = items[:25]
        for system in ("skylog", "baseline"):
            preds = _predict(items, system)
            for lang in ("en", "ru", "uk"):
                if not any(i["language"] == lang for i in items):
                    continue
                r = _score(items, preds, lang, shared)
                own = own_admin1(items, preds, lang)
                rows.append(
                    [split, lang.upper(), system, r["items"], r["relevance"]["f1"], r["type"]["f1"],
                     r["admin1"]["f1"], own["f1"], own["unmapped"], r["country"]["f1"], r["count"]["f1"],
                     f"{r['killed_exact']} ({r['n_killed']})", f"{r['injured_exact']} ({r['n_injured']})",
                     f"{r['date_recall']} ({r['n_dates']})", r["speaker_recall"]]
                )  # fmt: skip
    return [
        {
            "title": "extract: real corpus extract-real.jsonl, dev vs test split, skylog vs keyword baseline"
            + (" [quick]" if quick else ""),
            "columns": ["split", "lang", "system", "n", "relevance F1", "type F1", "admin1 F1", "admin1 F1 (gazetteer)",
                        "admin1 unmapped", "country F1",
                        "count F1", "killed exact (n)", "injured exact (n)", "date recall (n)", "speaker recall"],
            "rows": rows,
            "notes": [
                "splits by outlet (bench/extract_real.py); the test split is for reporting only, never for tuning",
                "baseline: bench/baseline.py (keyword lists, first number near a weapon word, first gazetteer hit)",
                "scored by shared score_extract.py; gold admin1 names the scorer does not map count as misses",
                "admin1 F1 (gazetteer): gold names mapped to units by skylog's gazetteer (bench/extract_real.py"
                " own_admin1); 'admin1 unmapped' gold names it has no unit for are left out",
            ],
        }
    ]  # fmt: skip


PINNED = PATH.parent / "extract-real-pinned.json"
GATED_FIELDS = (
    "relevance", "type", "admin1", "country", "count",
    "killed_exact", "injured_exact", "date_recall", "speaker_recall",
)  # fmt: skip


def field_scores(shared: Path, splits: tuple[str, ...] = ("dev", "test")) -> dict[str, dict[str, float]]:
    """``"split/lang" -> field -> score`` for skylog on the real corpus: what the accuracy gate pins."""
    out: dict[str, dict[str, float]] = {}
    for split in splits:
        items = load(split)
        preds = _predict(items, "skylog")
        for lang in LANGUAGES:
            if not any(i["language"] == lang for i in items):
                continue
            r = _score(items, preds, lang, shared)
            out[f"{split}/{lang}"] = {
                f: float(r[f]["f1"] if isinstance(r[f], dict) else r[f] or 0.0) for f in GATED_FIELDS
            }
    return out


def gate_failures(
    now: dict[str, dict[str, float]], pinned: dict[str, dict[str, float]], tolerance: float = 0.02
) -> list[str]:
    """Every pinned field that dropped by more than ``tolerance`` (#15: trafilatura-style score pinning)."""
    return [
        f"{key} {field}: {pinned[key][field]:.3f} -> {now.get(key, {}).get(field, 0.0):.3f}"
        for key in sorted(pinned)
        for field in sorted(pinned[key])
        if now.get(key, {}).get(field, 0.0) < pinned[key][field] - tolerance
    ]


if __name__ == "__main__":
    import argparse

    from bench.paths import shared_dir

    ap = argparse.ArgumentParser(
        description="Score skylog on the real corpus; --pin records the gate's floor."
    )
    ap.add_argument("--pin", action="store_true", help=f"write the scores to {PINNED.name}")
    args = ap.parse_args()
    scores = field_scores(shared_dir() / "bench" / "extract")
    print(json.dumps(scores, indent=1))
    if args.pin:
        PINNED.write_text(json.dumps(scores, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    else:
        pinned = json.loads(PINNED.read_text(encoding="utf-8")) if PINNED.exists() else {}
        print("\n".join(gate_failures(scores, pinned)) or "gate: no field dropped by more than 0.02")
