"""Per-item geoparsing errors on a public geo corpus (LGL, TR-News, GeoVirus: dev sets for geo).

    python -m bench.geo_errors lgl [--limit N] [--dump PRED.jsonl] [--compare OTHER_PRED.jsonl]

Lists, per article, the gold toponyms no predicted span matches exactly (``miss``), the predicted
spans no gold toponym has (``extra``) and the matched ones resolved more than 161 km off (``far``),
with the text around each, then counts by kind. ``--dump`` keeps the predictions; ``--compare``
lists only the items whose outcome differs from another run's dump (e.g. before a change).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from bench.geo import GEO, _load

FAR_KM = 161.0


def _km(a: dict, b: dict) -> float:
    import math

    if a.get("lat") is None or b.get("lat") is None:
        return 20039.0
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b["lon"] - a["lon"]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def predict(docs: list[dict]) -> list[dict]:
    from skylog.geo import geoparse

    out = []
    for d in docs:
        places = geoparse(d["text"], "en", streets=True, bare_names=True)
        out.append(
            {
                "id": d["id"],
                "toponyms": [
                    {
                        "start": p.span[0],
                        "end": p.span[1],
                        "lat": p.lat,
                        "lon": p.lon,
                        "name": p.name,
                        "cc": p.country,
                    }
                    for p in places
                ],
            }
        )
    return out


def outcomes(doc: dict, pred: dict) -> set[tuple]:
    """(kind, start, end, detail) for every error of one article."""
    gold = {(g["start"], g["end"]): g for g in doc.get("toponyms", []) if g.get("type") not in _EXCLUDED}
    got = {(p["start"], p["end"]): p for p in pred["toponyms"]}
    out: set[tuple] = set()
    for span, g in gold.items():
        p = got.get(span)
        if p is None:
            out.add(("miss", *span, g.get("name", "")))
        elif g.get("lat") is not None and (km := _km(g, p)) > FAR_KM:
            out.add(("far", *span, f"{p.get('name')} ({p.get('cc')}) {km:.0f} km"))
    for span, p in got.items():
        if span not in gold:
            out.add(("extra", *span, f"{p.get('name')} ({p.get('cc')})"))
    return out


_EXCLUDED = {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", choices=("lgl", "trnews", "geovirus"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--dump")
    ap.add_argument("--compare")
    args = ap.parse_args(argv)
    docs = _load(GEO / f"{args.corpus}.jsonl", args.limit)
    preds = predict(docs)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(p) + "\n" for p in preds)
    other = {}
    if args.compare:
        with open(args.compare, encoding="utf-8") as f:
            other = {p["id"]: p for p in map(json.loads, f)}
    kinds: Counter[str] = Counter()
    for d, p in zip(docs, preds, strict=True):
        errs = outcomes(d, p)
        before = outcomes(d, other[d["id"]]) if d["id"] in other else None
        shown = errs if before is None else errs ^ before
        for kind, s, e, detail in sorted(shown, key=lambda t: t[1]):
            kinds[kind] += 1
            mark = "" if before is None else ("+ " if (kind, s, e, detail) in errs else "- ")
            ctx = d["text"][max(0, s - 50) : e + 50].replace("\n", " ")
            print(f"{mark}{d['id']}\t{kind}\t{d['text'][s:e]!r}\t{detail}\t…{ctx}…")
    print(json.dumps(dict(kinds)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
