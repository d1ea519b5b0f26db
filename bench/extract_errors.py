"""Per-item errors of skylog on the real corpus' train or dev split, field by field, as the shared scorer counts.

``python -m bench.extract_errors [--split train] [--lang en] [--fields count,killed] [--text] [--rules]``
prints one JSON line per report that loses something on a field: the gold and predicted values of type,
count, killed/injured (the events' sums), dates, speakers and admin1 (the scorer's ``regions`` keys), with
the predicted figures' evidence. ``--rules`` leaves the learned stage out (its decisions were fitted on
these splits). Then a tally of the errors per field. The test split is refused: it is for reporting only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter

FIELDS = ("type", "count", "killed", "injured", "date", "speaker", "admin1")


def _value(c):
    return c.get("value") if isinstance(c, dict) else c


def _words(s: str | None) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"\w+", (s or "").lower()) if len(w) > 2)


def _evidence(text: str, c) -> list[str]:
    spans = c.get("spans") if isinstance(c, dict) else None
    return [text[a:b] for a, b in spans or []]


def _toll(gev: list[dict], pev: list[dict], name: str) -> tuple | None:
    gv = [e[name] for e in gev if e.get(name) is not None]
    if not gv:
        return None
    pv = [_value(e.get(name)) for e in pev if isinstance(_value(e.get(name)), (int, float))]
    got = sum(pv) if pv else None
    return (sum(gv), got) if got != sum(gv) else None


def item_errors(item: dict, pred: dict, regions) -> dict[str, dict]:
    """Field -> {gold, pred} for every field on which ``pred`` loses against ``item``'s gold."""
    gold = item["gold"]
    gev, pev = gold["events"], pred.get("events") or []
    out: dict[str, dict] = {}
    gt, pt = {e["type"] for e in gev}, {e.get("type") for e in pev}
    if gt != pt:
        out["type"] = {"gold": sorted(gt), "pred": sorted(map(str, pt))}
    if gev:
        gc = {e["count"] for e in gev if e.get("count") is not None}
        pc = {_value(e.get("count")) for e in pev if _value(e.get("count")) is not None}
        if gc != pc:
            ev = [x for e in pev for x in _evidence(item["text"], e.get("count"))]
            out["count"] = {"gold": sorted(gc), "pred": sorted(pc), "evidence": ev}
        ga = {regions.gold_key(e["admin1"]) for e in gev if e.get("admin1")}
        pa = set().union(set(), *[regions.place_keys(pl) for e in pev for pl in e.get("places") or []])
        if ga != pa:
            out["admin1"] = {"gold": sorted(map(str, ga)), "pred": sorted(map(str, pa))}
    for name in ("killed", "injured"):
        bad = _toll(gev, pev, name)
        if bad:
            ev = [(_value(e.get(name)), _evidence(item["text"], e.get(name))) for e in pev if e.get(name)]
            out[name] = {"gold": bad[0], "pred": bad[1], "evidence": ev}
    missed = [
        (e["type"], e["date"])
        for e in gev
        if e.get("date")
        and not any(
            e["type"] == x.get("type") and str((x.get("time") or {}).get("start") or "")[:10] == e["date"]
            for x in pev
        )
    ]
    if missed:
        got = [
            (x.get("type"), (x.get("time") or {}).get("start"), (x.get("time") or {}).get("text"))
            for x in pev
        ]
        out["date"] = {"gold": missed, "pred": got}
    gs = {_words(q["speaker"]) for q in gold.get("quotes") or []}
    ps = [_words(f"{q.get('speaker') or ''} {q.get('role') or ''}") for q in pred.get("quotes") or []]
    lost = [s for s in gs if not any(set(s) & set(x) for x in ps)]
    if lost:
        out["speaker"] = {"gold": [" ".join(s) for s in lost], "pred": [" ".join(x) for x in ps]}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--lang", default="en", choices=("en", "ru", "uk"))
    ap.add_argument(
        "--fields", default=",".join(FIELDS), help="comma-separated subset of " + ",".join(FIELDS)
    )
    ap.add_argument("--text", action="store_true", help="print each report's text after its errors")
    ap.add_argument("--rules", action="store_true", help="the rules alone, without the learned stage")
    args = ap.parse_args(argv)
    from bench.extract_real import load
    from bench.paths import shared_dir
    from build_tools.train_extract.fit import _regions

    regions = _regions(shared_dir() / "bench" / "extract")
    items = load(args.split, args.lang)
    if args.rules:
        from build_tools.train_extract.fit import extract_all

        preds = [{"id": it["id"], **ex.to_dict()} for it, ex in zip(items, extract_all(items), strict=True)]
    elif args.lang == "en":
        from bench.extract import _extract

        preds = _extract(items)[0]
    else:
        from bench.ruuk import predict

        preds = predict(items)[0]
    by_id = {p.get("id"): p for p in preds}
    wanted = set(args.fields.split(","))
    tally: Counter = Counter()
    for it in items:
        errs = {k: v for k, v in item_errors(it, by_id.get(it["id"]) or {}, regions).items() if k in wanted}
        if not errs:
            continue
        tally.update(list(errs))
        print(json.dumps({"id": it["id"], "outlet": it["outlet"], **errs}, ensure_ascii=False))
        if args.text:
            print(it["text"] + "\n")
    print(
        f"{len(items)} {args.split}/{args.lang} items; errors per field: {dict(sorted(tally.items()))}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
