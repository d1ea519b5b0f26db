"""Grouped k-fold cross-validation of event type by outlet over the real corpus' train and dev splits.

``python -m bench.extract_cv [--folds 5] [--errors] [--confusions [train|dev]] [--relevance [train|dev]]`` estimates how the learned
type decisions (relevance withholding, type withholding, the retyper; ``build_tools/train_extract``) do on outlets they never saw,
without the test split: the train+dev outlets of ``bench/data/extract-real.jsonl`` are dealt into k folds
(whole outlets, balanced per language, in the order of their name's SHA-256); for each fold the
type-changing decisions are refitted without its outlets (the others keep their train/dev roles: train
fits, dev picks thresholds; the type confidence is calibrated out of fold by outlet within the others; the
shared dev sets always fit) and scored on it. Type precision/recall/F1 is counted as the shared scorer
counts it (the set of gold types against the set of predicted types per report), pooled over the folds,
and so is relevance (a report with events), for:

- ``rules``: the rules alone (no learned stage);
- ``+relevance``, ``+withhold``, ``+retype``: one learned decision on top of the rules, as the fold's fit
  configures it (a decision its dev does not switch on does nothing);
- ``cv``: every decision, as the fold's fit configures it: the figure to watch;
- ``in-sample``: the shipped ``model.json`` (fitted on all of these items), for the gap to ``cv``.

``--decisions`` (also printed after the tables by default) lists each learned decision as the training's
switching rule (``build_tools.train_extract.switch``) judges it: relevance withholding (relevance F1), type
withholding and the retyper (type F1), and per toll field (count F1; killed/injured exact, as the
real-corpus scorer counts them) its withhold, replace and add decisions: the out-of-fold gain over the rules
(over the decisions before it, for the tolls), its 5th percentile over outlet resamples, and whether it is
switched on; beside it the same for the thresholds of the shipped ``model.json``.

``--tolls`` (train, or ``dev``; ``--lang``, default English) lists that split's held-out items whose ``cv``
killed or injured sum differs from the gold sum (the real-corpus scorer's exact match, where the gold has a
value): the gold and predicted sums, each predicted event's figure with the sentence its evidence stands
in, then the tally of errors per field; the classes of toll error on unseen outlets.

``--confusions`` (train, or ``dev``) lists that split's held-out items whose ``cv`` types differ from gold,
with each error as a (gold, predicted) pair (a type missed against one predicted wrongly, else against
``none``) and every predicted event's type and evidence text, then tallies the pairs per language: the
classes of type error on unseen outlets.

``--relevance`` (train, or ``dev``) lists that split's held-out items whose ``cv`` relevance is wrong: false
events (a report that is not an attack report keeps events; with the relevance model's probability and each
event's evidence) and attack reports left with no event, then tallies them per language.

The rules were written while their authors read train and dev, so ``rules`` is itself optimistic; the
figure tells what the learned stage adds on unseen outlets. The test split is never read.
"""

from __future__ import annotations

import argparse
import copy
import json
from collections import Counter
from dataclasses import replace

from bench.extract_real import LANGUAGES, outlet_hash

CONFIGS = ("rules", "+relevance", "+withhold", "+retype", "cv", "in-sample")


def assign_folds(items: list[dict], k: int) -> dict[str, int]:
    """Outlet -> fold: outlets by language in SHA-256 order, each to the fold with fewest items so far."""
    per_outlet: dict[str, Counter] = {}
    for it in items:
        per_outlet.setdefault(it["outlet"], Counter())[it["language"]] += 1
    main = {o: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for o, c in per_outlet.items()}
    out: dict[str, int] = {}
    for lang in sorted(set(main.values())):
        have = [0] * k
        for o in sorted((o for o in main if main[o] == lang), key=outlet_hash):
            f = min(range(k), key=lambda j: (have[j], j))
            out[o] = f
            have[f] += sum(per_outlet[o].values())
    return out


def _types(ex) -> set[str]:
    return {e.type for e in ex.events}


def _evidence(ex, text: str) -> list[list[str]]:
    """Each event's type and the text of its evidence spans, in the report's order."""
    return [[e.type, *(text[a:b] for a, b in e.spans)] for e in ex.events]


def _sentence(text: str, a: int, b: int) -> str:
    """The sentence (or line) around ``text[a:b]``."""
    dot = text.rfind(". ", 0, a)
    start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, a) + 1)
    ends = [e for e in (text.find(". ", b), text.find("\n", b)) if e >= 0]
    return " ".join(text[start : min(ends) + 1 if ends else len(text)].split())


def _tolls(ex, text: str) -> dict[str, list]:
    """Per toll field, each event's figure with the sentences its evidence stands in."""
    out: dict[str, list] = {}
    for name in ("killed", "injured"):
        for e in ex.events:
            c = getattr(e, name)
            if c is not None and isinstance(c.value, int):
                out.setdefault(name, []).append(
                    [c.value, *dict.fromkeys(_sentence(text, a, b) for a, b in c.spans)]
                )
    return out


def confusions(gold: list[str], pred: list[str]) -> list[tuple[str, str]]:
    """A report's type errors as (gold, predicted) pairs: each gold type missed paired with a type predicted
    wrongly, in the order of ``TYPE_ORDER`` (strikes, then interception and debris); what is left unpaired
    is against ``"none"`` (a type missed with nothing wrong in its place, or one predicted beside the gold)."""
    missed = sorted(set(gold) - set(pred), key=_type_rank)
    extra = sorted(set(pred) - set(gold), key=_type_rank)
    pairs = list(zip(missed, extra, strict=False))
    n = len(pairs)
    return pairs + [(g, "none") for g in missed[n:]] + [("none", p) for p in extra[n:]]


TYPE_ORDER = ("drone_strike", "missile_strike", "air_strike", "shelling", "interception", "debris_fall")


def _type_rank(t: str) -> tuple[int, str]:
    return (TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER), t)


def _variants(model):
    """Config name -> the fold model with only that decision kept (``cv``: all of them)."""
    off = replace(model, relevance_decides=False, type_decides=False, retyper=None)
    return {
        "+relevance": replace(off, relevance_decides=model.relevance_decides),
        "+withhold": replace(off, type_decides=model.type_decides),
        "+retype": replace(off, retyper=model.retyper),
        "cv": model,
    }


def cross_validate(k: int = 5) -> tuple[dict, list[dict]]:
    """``field -> config -> lang -> (tp, n_pred, n_gold)`` pooled over folds (fields: ``type`` and
    ``relevance``, whether a report has events at all), and each held-out item's types."""
    from bench.paths import shared_dir
    from build_tools.train_extract.fit import _regions, extract_all, fit_type_stage, load_items
    from skylog.extract import learned
    from skylog.extract.learned.model import Model, load

    shared = shared_dir() / "bench" / "extract"
    items = load_items(shared)
    exs = extract_all(items)
    regions = _regions(shared)
    real = [i for i, it in enumerate(items) if it.get("outlet") and "events" in it["gold"]]
    folds = assign_folds([items[i] for i in real], k)
    shipped = load()
    counts = {c: {lg: [0, 0, 0] for lg in LANGUAGES} for c in CONFIGS}
    rel = {c: {lg: [0, 0, 0] for lg in LANGUAGES} for c in CONFIGS}
    rows = []
    for f in range(k):
        held = [i for i in real if folds[items[i]["outlet"]] == f]
        keep = [i for i in range(len(items)) if i not in set(held)]
        model = Model.from_dict(fit_type_stage([items[i] for i in keep], [exs[i] for i in keep], regions))
        models = {"rules": None, **_variants(model), "in-sample": shipped}
        for i in held:
            it = items[i]
            gold = {e["type"] for e in it["gold"]["events"]}
            row = {
                "id": it["id"],
                "outlet": it["outlet"],
                "split": it["split"],
                "fold": f,
                "gold": sorted(gold),
                "attack": bool(it["gold"]["is_attack_report"]),
            }
            for name, m in models.items():
                ex = copy.deepcopy(exs[i])
                if m is not None:
                    learned.apply(ex, m)
                pred = _types(ex)
                c = counts[name][it["language"]]
                c[0], c[1], c[2] = c[0] + len(pred & gold), c[1] + len(pred), c[2] + len(gold)
                r, g, p = rel[name][it["language"]], bool(it["gold"]["is_attack_report"]), bool(ex.events)
                r[0], r[1], r[2] = r[0] + (g and p), r[1] + p, r[2] + g
                row[name] = sorted(pred)
                if name in ("rules", "cv"):
                    row[f"{name}_events"] = _evidence(ex, it["text"])
                if name == "cv":
                    row["cv_tolls"] = _tolls(ex, it["text"])
                    row["cv_relevance"] = ex.relevance
            row["language"] = it["language"]
            for name in ("killed", "injured"):
                vals = [e[name] for e in it["gold"]["events"] if e.get(name) is not None]
                row[f"gold_{name}"] = sum(vals) if vals else None
            rows.append(row)
    return {"type": counts, "relevance": rel}, rows


def decisions() -> list[dict]:
    """Each learned decision as the switching rule judges it out of fold by outlet over train+dev: at the
    threshold training chooses (``oof``) and at the shipped ``model.json``'s (``shipped``)."""
    from bench.paths import shared_dir
    from build_tools.train_extract.fit import (
        _regions,
        extract_all,
        fit_relevance,
        fit_retype,
        fit_type_decision,
        load_items,
    )
    from build_tools.train_extract.tolls import fit_tolls
    from skylog.extract.learned.model import MODEL_PATH

    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    shared = shared_dir() / "bench" / "extract"
    items = load_items(shared)
    exs = extract_all(items)
    regions = _regions(shared)
    relevance, rel = fit_relevance(items, exs)
    _, typ = fit_type_decision(items, exs, regions, relevance)
    _, ret = fit_retype(items, exs, relevance)
    _, tolls, _ = fit_tolls(items, exs)
    fixed = {
        n: {a: shipped["tolls"][n][a] for a in ("withhold", "replace", "add")}
        for n in ("count", "killed", "injured")
    }
    _, shipped_tolls, _ = fit_tolls(items, exs, fixed=fixed)

    def at(summary: dict, on: bool, th: float) -> dict:
        row = summary["oof_by_threshold"].get(str(th)) if on else None
        return {"threshold": th, "gain": row[0], "gain_low": row[1]} if row else {"threshold": None}

    out = [
        {
            "field": "relevance",
            "decision": "withhold",
            "metric": "relevance F1",
            "oof": rel["oof"],
            "shipped": at(rel, shipped["relevance"]["enabled"], shipped["relevance"]["threshold"]),
        },
        {
            "field": "type",
            "decision": "withhold",
            "metric": "type F1",
            "oof": typ["oof"],
            "shipped": at(typ, shipped["type_decision"]["enabled"], shipped["type_decision"]["threshold"]),
        },
        {
            "field": "type",
            "decision": "retype",
            "metric": "type F1",
            "oof": ret["oof"],
            "shipped": at(ret, shipped["retype"]["enabled"], shipped["retype"]["threshold"]),
        },
    ]
    for name in ("count", "killed", "injured"):
        for attr in ("withhold", "replace", "add"):
            s = shipped_tolls[name]["oof"].get(attr) or {}
            out.append(
                {
                    "field": name,
                    "decision": attr,
                    "metric": "count F1" if name == "count" else f"{name} exact",
                    "oof": tolls[name]["oof"][attr],
                    "shipped": {
                        "threshold": fixed[name][attr],
                        "gain": s.get("gain"),
                        "gain_low": s.get("gain_low"),
                    }
                    if s.get("threshold") is not None
                    else {"threshold": None},
                }
            )
    return out


def decision_table(rows: list[dict]) -> str:
    """One line per decision: out-of-fold figure without/with it, gain, 5th percentile, on; the shipped."""
    lines = [
        f"{'field':<10}{'decision':<10}{'metric':<14}{'thr':>6}{'before':>8}{'after':>8}{'gain':>8}{'p5':>8}"
        f"{'on':>5}   shipped thr/gain/p5"
    ]
    for r in rows:
        o, s = r["oof"], r["shipped"]
        if "gain" in o:
            mid = f"{o['threshold']:>6}{o['before']:>8.4f}{o['after']:>8.4f}{o['gain']:>8.4f}{o['gain_low']:>8.4f}"
        else:
            mid = f"{'-':>6}{'':>8}{'':>8}{'':>8}{'':>8}"
        on = "yes" if o.get("on") else ("hand" if o.get("by_hand") else "no")
        ship = (
            f"{s['threshold']}/{s['gain']:.4f}/{s['gain_low']:.4f}"
            if s.get("threshold") is not None
            else "off"
        )
        lines.append(f"{r['field']:<10}{r['decision']:<10}{r['metric']:<14}{mid}{on:>5}   {ship}")
    return "\n".join(lines)


def confusion_listing(rows: list[dict], split: str = "train") -> str:
    """The held-out ``split`` items whose cv types differ from gold: one JSON line each (gold, cv, the
    (gold, predicted) confusions, each cv event's type and evidence), then per language the confusions'
    tally, most frequent first. Only the train split is listed by default (dev is for choosing)."""
    lines = []
    tally: dict[str, Counter] = {}
    for r in rows:
        if r["split"] != split or set(r["cv"]) == set(r["gold"]):
            continue
        pairs = confusions(r["gold"], r["cv"])
        tally.setdefault(r["language"], Counter()).update(f"{g} -> {p}" for g, p in pairs)
        keep = ("id", "outlet", "gold", "cv")
        lines.append(
            json.dumps(
                {**{k: r[k] for k in keep}, "confusions": pairs, "events": r["cv_events"]}, ensure_ascii=False
            )
        )
    for lang in sorted(tally):
        lines.append(f"{split}/{lang} type confusions (gold -> cv), {sum(tally[lang].values())} in all:")
        lines.extend(f"  {n:>3}  {pair}" for pair, n in tally[lang].most_common())
    return "\n".join(lines)


def toll_listing(rows: list[dict], split: str = "train", lang: str = "en") -> str:
    """The held-out ``split`` items of ``lang`` whose cv killed (injured) sum is not the gold sum, where the
    gold has one: one JSON line each (gold and cv sums per field wrong, each cv figure with its sentences),
    then the tally per field and the field's exact rate over the items with a gold value."""
    lines = []
    wrong: Counter = Counter()
    told: Counter = Counter()
    for r in rows:
        if r["split"] != split or r["language"] != lang:
            continue
        errs = {}
        for name in ("killed", "injured"):
            gold = r[f"gold_{name}"]
            if gold is None:
                continue
            told[name] += 1
            figs = r["cv_tolls"].get(name) or []
            got = sum(f[0] for f in figs) if figs else None
            if got != gold:
                wrong[name] += 1
                errs[name] = {"gold": gold, "cv": got, "figures": figs}
        if errs:
            lines.append(json.dumps({"id": r["id"], "outlet": r["outlet"], **errs}, ensure_ascii=False))
    for name in ("killed", "injured"):
        n = told[name]
        rate = (n - wrong[name]) / n if n else 0.0
        lines.append(
            f"{split}/{lang} {name}: {wrong[name]} wrong of {n} with a gold value (exact {rate:.3f})"
        )
    return "\n".join(lines)


def relevance_listing(rows: list[dict], split: str = "train") -> str:
    """The held-out ``split`` items whose cv relevance is wrong: false events (a report that is not an
    attack report keeps events) and missed reports (an attack report left with none), one JSON line each
    (the relevance model's probability, the cv events' type and evidence, the lead of the text), then the
    tallies. Train or dev only: the test split is never read."""
    lines = []
    tally: Counter = Counter()
    for r in rows:
        if r["split"] != split or r["attack"] == bool(r["cv"]):
            continue
        kind = "false_events" if r["cv"] else "missed"
        tally[(r["language"], kind)] += 1
        keep = ("id", "outlet", "language", "gold", "cv", "cv_relevance")
        lines.append(
            json.dumps(
                {"kind": kind, **{k: r[k] for k in keep}, "events": r["cv_events"]}, ensure_ascii=False
            )
        )
    lines.append(f"{split} relevance errors (cv), {sum(tally.values())} in all:")
    lines.extend(f"  {n:>3}  {lang} {kind}" for (lang, kind), n in sorted(tally.items()))
    return "\n".join(lines)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0


def table(counts: dict) -> str:
    """Precision/recall/F1 per config and language (and all languages together) of pooled counts."""
    head = f"{'config':<11}" + "".join(f"{lg.upper() + ' P/R/F1':>21}" for lg in (*LANGUAGES, "all"))
    lines = [head]
    for name in CONFIGS:
        cells = []
        for lg in (*LANGUAGES, "all"):
            tp, n_p, n_g = (
                [sum(counts[name][x][j] for x in LANGUAGES) for j in range(3)]
                if lg == "all"
                else counts[name][lg]
            )
            p, r, f1 = prf(tp, n_p, n_g)
            cells.append(f"{p:.3f}/{r:.3f}/{f1:.3f}".rjust(21))
        lines.append(f"{name:<11}" + "".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--errors", action="store_true", help="list held-out train/dev items whose cv types differ"
    )
    listings = {
        "--confusions": "type confusions (gold vs cv type, each event's evidence), tallied per language",
        "--tolls": "killed/injured errors (gold vs cv sum, each figure's sentences) for --lang",
        "--relevance": "relevance errors: false events on reports that are not attack reports, and attack "
        "reports left with no event",
    }
    for flag, what in listings.items():
        ap.add_argument(
            flag,
            nargs="?",
            const="train",
            choices=("train", "dev"),
            help=f"list a split's (default train) out-of-fold {what}",
        )
    ap.add_argument("--lang", default="en", choices=LANGUAGES, help="the language --tolls lists")
    ap.add_argument("--json", action="store_true", help="print the pooled counts as JSON too")
    ap.add_argument("--decisions", action="store_true", help="only the learned decisions' switch table")
    args = ap.parse_args(argv)
    if args.decisions:
        print(
            "learned decisions, out of fold by outlet over train+dev (gain's 5th percentile over outlet resamples)"
        )
        print(decision_table(decisions()))
        return 0
    counts, rows = cross_validate(args.folds)
    for name in ("type", "relevance"):
        print(f"{name}, {args.folds}-fold by outlet over train+dev (pooled held-out folds)")
        print(table(counts[name]))
    print(
        "learned decisions, out of fold by outlet over train+dev (gain's 5th percentile over outlet resamples)"
    )
    print(decision_table(decisions()))
    if args.json:
        print(json.dumps(counts, sort_keys=True))
    if args.confusions:
        print(confusion_listing(rows, args.confusions))
    if args.tolls:
        print(toll_listing(rows, args.tolls, args.lang))
    if args.relevance:
        print(relevance_listing(rows, args.relevance))
    if args.errors:
        for r in rows:
            if set(r["cv"]) != set(r["gold"]) or set(r["rules"]) != set(r["gold"]):
                print(
                    json.dumps(
                        {k: r[k] for k in ("id", "outlet", "split", "gold", "rules", "cv")},
                        ensure_ascii=False,
                    )
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
