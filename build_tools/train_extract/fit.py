"""Fitting: logistic regressions over the named features, a relevance threshold, and each field's
confidence calibrated out of fold by outlet (``calibrate``)."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from build_tools.train_extract.labels import event_labels, quote_label
from build_tools.train_extract.switch import FOLDS
from build_tools.train_extract.tolls import fit_tolls
from skylog.extract.learned.features import FIELDS, Features, event_features, quote_features, report_features
from skylog.records import Extraction

SEED = 0
DIGITS = 5
LOW_CONFIDENCE = 0.5
# Every learned decision (relevance and type withholding, the retyper, each toll decision) is switched on
# by one rule, ``build_tools.train_extract.switch``: its threshold is chosen on outlets the models never
# read (5 folds by outlet over train+dev) and it must keep its gain under outlet resampling. (Until stop 26
# dev alone switched relevance, type withholding and the toll decisions on; a threshold dev liked could
# reflect the phrasing of dev's few outlets.) A decision can still be kept off by hand here.
TYPE_DECISION = True
RETYPE = True
# The relevance threshold the rule prefers: even odds of the model's probability. Another is chosen only
# where it beats those near this one by more than the outlet-resampling noise (``switch.steady``); until
# stop 36 the best out-of-fold threshold was taken, which a few dozen new items could move (0.55 -> 0.50 or 0.3).
RELEVANCE_DEFAULT = 0.5
REGULARISATION = (0.03, 0.1, 0.3, 1.0)  # inverse L2 strengths tried per field, chosen out of fold
CORPUS = Path(__file__).resolve().parents[2] / "bench" / "data" / "extract-real.jsonl"


def _regions(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("skylog_shared_regions", shared / "regions.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_items(shared: Path) -> list[dict]:
    """Corpus items with their split: the real corpus without its test split, and the shared dev sets."""
    items = [json.loads(x) for x in CORPUS.open(encoding="utf-8") if x.strip()]
    items = [i for i in items if i["split"] in ("train", "dev")]
    for name, split, lang in (("reports-dev.jsonl", "train", "en"), ("mod-russia-dev.jsonl", "mod", "ru")):
        path = shared / name
        if path.is_file():
            for line in path.open(encoding="utf-8"):
                if line.strip():
                    d = json.loads(line)
                    d["split"], d["language"] = split, d.get("language") or lang
                    items.append(d)
    return items


def extract_all(items: list[dict]) -> list[Extraction]:
    """The rules' output for each item (no learned stage), as ``skylog extract`` reads a JSONL line."""
    from skylog.extract import Extractor
    from skylog.ingest.common import make_report, parse_datetime

    ex = Extractor(learned=False)
    out = []
    for it in items:
        pub = it.get("published") or it.get("published_at") or it.get("datetime_utc")
        rep = make_report(
            it["text"],
            published_at=parse_datetime(pub) if pub else None,
            rid=it["id"],
            language=it["language"],
        )
        rep.language = it["language"]
        out.append(ex.extract(rep))
    return out


def _fit(rows: list[Features], y: list[bool], c: float, min_df: int = 1) -> dict[str, float]:
    """Weights by feature name of an L2 logistic regression (names seen in fewer than min_df rows dropped)."""
    df = Counter(k for r in rows for k in r)
    rows = [{k: v for k, v in r.items() if df[k] >= min_df or not k.startswith("w:")} for r in rows]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    if len(set(y)) < 2:
        return {"bias": 4.0 if y and y[0] else -4.0}
    lr = LogisticRegression(C=c, solver="lbfgs", max_iter=2000, random_state=SEED, fit_intercept=False)
    lr.fit(x, np.array(y, dtype=int))
    names = vec.get_feature_names_out()
    return {
        str(n): round(float(w), DIGITS)
        for n, w in zip(names, lr.coef_[0], strict=True)
        if round(float(w), DIGITS)
    }


def _score(w: dict[str, float], f: Features) -> float:
    return sum(w[k] * v for k, v in f.items() if k in w)


def outlet_folds(items: list[dict]) -> list[tuple[list[int], list[int]]]:
    """(held, kept) item indices per fold: the real train+dev reports dealt into folds by outlet
    (``bench.extract_cv.assign_folds``); every other item (the shared dev sets) is always kept."""
    from bench.extract_cv import assign_folds

    real = [
        i
        for i, it in enumerate(items)
        if it.get("outlet") and "events" in it["gold"] and it["split"] in ("train", "dev")
    ]
    folds = assign_folds([items[i] for i in real], FOLDS)
    out = []
    for f in range(FOLDS):
        held = [i for i in real if folds[items[i]["outlet"]] == f]
        gone = set(held)
        out.append((held, [i for i in range(len(items)) if i not in gone]))
    return out


def _relevance_weights(items: list[dict], exs: list[Extraction]) -> dict[str, float]:
    fit = [
        (report_features(x), i["gold"]["is_attack_report"])
        for i, x in zip(items, exs, strict=True)
        if i["split"] != "dev"
    ]
    return _fit([f for f, _ in fit], [y for _, y in fit], c=0.5, min_df=3)


def fit_relevance(items: list[dict], exs: list[Extraction]) -> tuple[dict, dict]:
    """Relevance weights (fit split), and the threshold under which a report's events are withheld, chosen
    out of fold by outlet on relevance F1 (a report has events) by ``switch.choose``; none: off. Of the
    thresholds within the resampling noise of the best, the one nearest ``RELEVANCE_DEFAULT``; the summary
    tells how often the rule picks each threshold on outlet redraws (``stability``)."""
    from build_tools.train_extract.switch import choose, pick, plateau, stability, summary
    from skylog.extract.learned.model import sigmoid

    w = _relevance_weights(items, exs)
    grid = [round(0.05 * k, 2) for k in range(1, 12)]
    outlets, langs, base, trials = [], [], [], {t: [] for t in grid}
    for held, kept in outlet_folds(items):
        wf = _relevance_weights([items[i] for i in kept], [exs[i] for i in kept])
        for i in held:
            g, r = bool(items[i]["gold"]["is_attack_report"]), bool(exs[i].events)
            p = sigmoid(_score(wf, report_features(exs[i])))
            outlets.append(items[i]["outlet"])
            langs.append(items[i]["language"])
            base.append((int(g and r), int(r), int(g)))
            for t in grid:
                k = r and p >= t
                trials[t].append((int(g and k), int(k), int(g)))
    best, judged = choose(outlets, langs, base, trials, "f1", RELEVANCE_DEFAULT)
    model = {"weights": w, "enabled": best is not None, "threshold": best or 0.0}
    chosen = judged[best] if best is not None else None
    return model, {
        "oof": summary(judged, best),
        "oof_by_language": {"before": chosen["before"], "after": chosen["after"]} if chosen else {},
        "oof_by_threshold": _brief(judged),
        "best_oof_threshold": pick(judged),
        "plateau": plateau(outlets, trials, judged, "f1"),
        "stability": stability(outlets, langs, base, trials, "f1", RELEVANCE_DEFAULT),
    }


def _brief(judged: dict) -> dict:
    return {str(t): [j["gain"], j["gain_low"], j["on"]] for t, j in judged.items()}


def _field_rows(
    items: list[dict], exs: list[Extraction], regions: Any, cands: dict[str, list]
) -> dict[str, list[tuple[Features, bool, int]]]:
    """field -> [(features, right, item index)] for every value the rules gave in a train or dev report
    whose gold labels events (with the toll models' P)."""
    from skylog.extract.learned.tolls import TOLL_FIELDS, confidence_features

    out: dict[str, list] = {f: [] for f in FIELDS}
    for i, (it, ex) in enumerate(zip(items, exs, strict=True)):
        if it["split"] not in ("train", "dev") or "events" not in it["gold"]:
            continue
        for e in ex.events:
            feats = event_features(ex, e)
            scored = feats | confidence_features(cands.get(it["id"], []), e)
            for name, right in event_labels(e, it["gold"], regions).items():
                has = bool(e.places) if name == "place" else name == "type" or getattr(e, name) is not None
                if has and right is not None:
                    out[name].append((scored if name in TOLL_FIELDS else feats, right, i))
        for q in ex.quotes:
            right = quote_label(q, it["gold"])
            if q.speaker and right is not None:
                out["speaker"].append((quote_features(ex, q), right, i))
    return out


def reliability(probs: list[float], y: list[bool], bins: int = 10) -> dict[str, float]:
    """Brier score and expected calibration error (equal-width bins) of probabilities against outcomes."""
    if not y:
        return {"n": 0, "brier": 0.0, "ece": 0.0}
    p, t = np.array(probs), np.array(y, dtype=float)
    ece = 0.0
    for b in range(bins):
        sel = (p >= b / bins) & ((p < (b + 1) / bins) if b < bins - 1 else (p <= 1.0))
        if sel.any():
            ece += sel.sum() / len(p) * abs(p[sel].mean() - t[sel].mean())
    return {"n": len(y), "brier": round(float(((p - t) ** 2).mean()), 4), "ece": round(float(ece), 4)}


def _out_of_fold(rows: list, fold_of: dict[int, int], held: list[int], c: float) -> list[float]:
    """The raw scores of the held rows, each by weights fitted on the rows of the other outlet folds."""
    x, y = [f for f, _, _ in rows], [r for _, r, _ in rows]
    out = {}
    for f in sorted({fold_of[rows[j][2]] for j in held}):
        keep = [j for j, (_, _, i) in enumerate(rows) if fold_of.get(i) != f]
        w = _fit([x[j] for j in keep], [y[j] for j in keep], c=c)
        out |= {j: _score(w, x[j]) for j in held if fold_of[rows[j][2]] == f}
    return [out[j] for j in held]


def fit_field(rows: list, fold_of: dict[int, int]) -> tuple[dict, dict, list[int], list[float]]:
    """One field's model: weights on every row; the regularisation and the calibrator (of
    ``calibrate.CANDIDATES``) whose cross-fitted probabilities of the out-of-fold scores have the lowest
    Brier; the calibrator fitted on all out-of-fold scores. Also the held rows (those of an outlet fold,
    ``fold_of``: item index -> fold) and their cross-fitted probabilities."""
    from build_tools.train_extract import calibrate

    y = [r for _, r, _ in rows]
    held = [j for j, (_, _, i) in enumerate(rows) if i in fold_of]
    folds, y_held = [fold_of[rows[j][2]] for j in held], [y[j] for j in held]
    best = None
    for c in REGULARISATION:
        scores = _out_of_fold(rows, fold_of, held, c)
        for cand in calibrate.CANDIDATES:
            probs = calibrate.crossfit(scores, y_held, folds, cand)
            brier = float(((np.array(probs) - np.array(y_held, dtype=float)) ** 2).mean()) if held else 0.0
            if best is None or brier < best[0] - 1e-9:
                best = (brier, c, cand, scores, probs)
    assert best is not None
    _, c, cand, scores, probs = best
    model = {
        "weights": _fit([f for f, _, _ in rows], y, c=c),
        "calibration": calibrate.fit(cand[0], scores, y_held, *cand[1:]),
    }
    return model, {"C": c, "calibrator": list(cand)}, held, probs


def fit_fields(
    items: list[dict], exs: list[Extraction], regions: Any, cands: dict[str, list], names: tuple = FIELDS
) -> tuple[dict, dict]:
    """Per field (of ``names``): weights on train+dev and a calibration of their score fitted out of fold
    by outlet (``fit_field``); in the summary the cross-fitted reliability over train+dev and over dev."""
    rows = _field_rows(items, exs, regions, cands)
    fold_of = {i: f for f, (held, _) in enumerate(outlet_folds(items)) for i in held}
    fields, summary = {}, {}
    for name in names:
        if len(rows[name]) < 20:
            continue
        fields[name], summary[name], held, probs = fit_field(rows[name], fold_of)
        y = [rows[name][j][1] for j in held]
        dev = [k for k, j in enumerate(held) if items[rows[name][j][2]]["split"] == "dev"]
        summary[name] |= {
            "n": len(rows[name]),
            "right": sum(r for _, r, _ in rows[name]),
            "oof": reliability(probs, y),
            "oof_dev": reliability([probs[k] for k in dev], [y[k] for k in dev]),
        }
    return fields, summary


def fit_type_decision(
    items: list[dict], exs: list[Extraction], regions: Any, relevance: dict
) -> tuple[dict, dict]:
    """The type-confidence threshold under which a bare event is withheld, chosen out of fold by outlet on
    type F1 (after the relevance decision), by ``switch.choose``; none: off. Each fold's reports are
    judged by the relevance and type models fitted without it."""
    from build_tools.train_extract.switch import choose, summary
    from skylog.extract.learned import unlikely_type
    from skylog.extract.learned.model import Linear

    grid = [round(0.05 * k, 2) for k in range(1, 15)]
    outlets, langs, base, trials = [], [], [], {t: [] for t in grid}
    for held, kept in outlet_folds(items):
        k_items, k_exs = [items[i] for i in kept], [exs[i] for i in kept]
        rel = Linear.from_dict({"weights": _relevance_weights(k_items, k_exs)})
        fields, _ = fit_fields(k_items, k_exs, regions, {}, names=("type",))
        if "type" not in fields:
            continue
        linear = Linear.from_dict(fields["type"])
        for i in held:
            x = exs[i]
            dropped = relevance["enabled"] and rel.probability(report_features(x)) < relevance["threshold"]
            evs = [] if dropped else [(e, linear.probability(event_features(x, e))) for e in x.events]
            gold = {e["type"] for e in items[i]["gold"]["events"]}
            outlets.append(items[i]["outlet"])
            langs.append(items[i]["language"])
            pred = {e.type for e, _ in evs}
            base.append((len(pred & gold), len(pred), len(gold)))
            for t in grid:
                kept_types = {e.type for e, p in evs if not unlikely_type(_typed(e, p), t)}
                trials[t].append((len(kept_types & gold), len(kept_types), len(gold)))
            for e, _ in evs:
                e.field_confidence = {}
    best, judged = choose(outlets, langs, base, trials, "f1")
    enabled = best is not None and TYPE_DECISION
    return {"enabled": enabled, "threshold": best or 0.0}, {
        "oof": summary(judged, best),
        "oof_by_threshold": _brief(judged),
    }


def _typed(e: Any, p: float) -> Any:
    e.field_confidence = {"type": p}
    return e


def model_file(
    relevance: dict, fields: dict, type_decision: dict, retype: dict, tolls: dict | None = None
) -> dict:
    """The content of ``model.json`` (without ``tolls`` where only the type stage was fitted)."""
    model = {
        "version": 1,
        "seed": SEED,
        "low_confidence": LOW_CONFIDENCE,
        "relevance": relevance,
        "fields": fields,
        "type_decision": type_decision,
        "retype": retype,
    }
    if tolls is not None:
        model["tolls"] = tolls
    return model


def fit_type_stage(items: list[dict], exs: list[Extraction], regions: Any) -> dict:
    """The model file's decisions that can change an event's type (relevance, the type confidence and its
    withholding threshold, the retyper), fitted on ``items`` alone: what ``bench.extract_cv`` refits per
    fold. The toll models are left out (they move figures, never types)."""
    relevance, _ = fit_relevance(items, exs)
    fields, _ = fit_fields(items, exs, regions, {}, names=("type",))
    type_decision, _ = fit_type_decision(items, exs, regions, relevance)
    retype, _ = fit_retype(items, exs, relevance)
    return model_file(relevance, fields, type_decision, retype)


def train(shared: Path) -> tuple[dict, dict]:
    """The model file's content and a summary of what it scores on dev."""
    items = load_items(shared)
    exs = extract_all(items)
    regions = _regions(shared)
    relevance, rel_summary = fit_relevance(items, exs)
    tolls, toll_summary, cands = fit_tolls(items, exs)
    fields, field_summary = fit_fields(items, exs, regions, cands)
    type_decision, type_summary = fit_type_decision(items, exs, regions, relevance)
    retype, retype_summary = fit_retype(items, exs, relevance)
    model = model_file(relevance, fields, type_decision, retype, tolls)
    return model, {
        "relevance": rel_summary,
        "type_decision": type_summary,
        "retype": retype_summary,
        "tolls": toll_summary,
        "fields_oof": field_summary,
        "items": Counter(i["split"] for i in items),
    }


def _sentence_type(e: Any, sentences: list[dict]) -> str | None:
    """The gold type of the sentences an event's spans fall in (the most frequent), if any."""
    gold = [
        s["type"] for s in sentences for a, b in e.spans if s["start"] < b and a < s["end"] and s.get("type")
    ]
    return Counter(gold).most_common(1)[0][0] if gold else None


def _fit_retyper(rows: list[Features], labels: list[str]) -> dict[str, dict[str, float]]:
    """Class -> weights of a multinomial logistic regression (features seen in fewer than 2 rows dropped)."""
    df = Counter(k for r in rows for k in r)
    rows = [{k: v for k, v in r.items() if df[k] >= 2} for r in rows]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    lr = LogisticRegression(C=0.5, solver="lbfgs", max_iter=3000, random_state=SEED, fit_intercept=False)
    lr.fit(x, np.array(labels))
    names = vec.get_feature_names_out()
    # two classes: one weight row, P(second) = sigmoid(w.x), the same as a softmax over scores (0, w.x)
    coefs = [np.zeros_like(lr.coef_[0]), lr.coef_[0]] if len(lr.classes_) == 2 else list(lr.coef_)
    return {
        str(c): {
            str(n): round(float(w), DIGITS)
            for n, w in zip(names, coef, strict=True)
            if round(float(w), DIGITS)
        }
        for c, coef in zip(lr.classes_, coefs, strict=True)
    }


def retype_oof(reports: list[dict], thresholds: list[float], k: int = FOLDS) -> dict[float, dict[str, Any]]:
    """Per threshold: the judgement (``switch.judge``: type F1 of the rules and of retypers that never saw
    the report's outlet, per language and ``all``, the gain and its 5th percentile, ``on``).

    ``reports``: ``{"outlet", "language", "gold": set of types, "events": [(rule type, features, sentence
    label or None)]}``. The outlets are dealt into ``k`` folds (``bench.extract_cv.assign_folds``); each
    fold's reports are retyped by a model fitted on the labelled events of the others.
    """
    from build_tools.train_extract.switch import judge

    outlets, langs, rules, retyped = retype_rows(reports, thresholds, k)
    return {th: judge(outlets, langs, rules, rows, "f1") for th, rows in retyped.items()}


def retype_rows(
    reports: list[dict], thresholds: list[float], k: int = FOLDS
) -> tuple[list[str], list[str], list, dict[float, list]]:
    """The out-of-fold rows ``retype_oof`` judges: outlets, languages, the rules' type counts per report and,
    per threshold, the retyped counts."""
    from bench.extract_cv import assign_folds
    from skylog.extract.learned.model import Retyper

    folds = assign_folds(reports, k)
    outlets: list[str] = []
    langs: list[str] = []
    rules: list = []
    retyped: dict[float, list] = {t: [] for t in thresholds}
    for f in range(k):
        fit = [(x, y) for r in reports if folds[r["outlet"]] != f for _, x, y in r["events"] if y is not None]
        held = [r for r in reports if folds[r["outlet"]] == f]
        if not held:
            continue
        classes = (
            _fit_retyper([x for x, _ in fit], [y for _, y in fit]) if len({y for _, y in fit}) > 1 else {}
        )
        for r in held:
            outlets.append(r["outlet"])
            langs.append(r["language"])
            pred = {t for t, _, _ in r["events"]}
            rules.append((len(pred & r["gold"]), len(pred), len(r["gold"])))
            for th in thresholds:
                model = Retyper(classes, threshold=th)
                pred = {model.choose(x, t)[0] if classes else t for t, x, _ in r["events"]}
                retyped[th].append((len(pred & r["gold"]), len(pred), len(r["gold"])))
    return outlets, langs, rules, retyped


def fit_retype(items: list[dict], exs: list[Extraction], relevance: dict) -> tuple[dict, dict]:
    """Multinomial type model on the sentence labels of train and dev, and the surety threshold over which
    its choice replaces the rules' type, chosen on outlets it never read: for each threshold, retypers
    fitted without each fold's outlets retype that fold (``retype_oof``, train+dev grouped by outlet); the
    threshold ``switch.choose`` switches on wins (off is kept within the noise), else the retyper stays off. (Until stop 25 dev alone chose, for a retyper fitted on train: a threshold
    dev liked could reflect the phrasing of dev's few outlets; out of fold every outlet is unseen once.)
    ``relevance`` is unused (kept for the caller's signature): the rules' and the retyper's figures are
    counted on the same reports."""
    from build_tools.train_extract.switch import choose, stability
    from build_tools.train_extract.switch import summary as judged_summary
    from skylog.extract.learned.features import mention_features

    del relevance
    reports = [
        {
            "outlet": it["outlet"],
            "language": it["language"],
            "gold": {g["type"] for g in it["gold"]["events"]},
            "events": [
                (e.type, mention_features(ex, e), _sentence_type(e, it["sentences"])) for e in ex.events
            ],
        }
        for it, ex in zip(items, exs, strict=True)
        if it["split"] in ("train", "dev") and it.get("outlet") and it.get("sentences") is not None
    ]
    fit = [(x, y) for r in reports for _, x, y in r["events"] if y is not None]
    classes = _fit_retyper([x for x, _ in fit], [y for _, y in fit])
    outlets, langs, rules, retyped = retype_rows(reports, [round(0.5 + 0.05 * k, 2) for k in range(10)])
    best, by_threshold = choose(outlets, langs, rules, retyped, "f1")
    best_t = best if best is not None else 1.01
    enabled = best is not None and RETYPE
    summary = {
        "fit_n": len(fit),
        "oof": judged_summary(by_threshold, best),
        "oof_by_threshold": _brief(by_threshold),
        "stability": stability(outlets, langs, rules, retyped, "f1", None),
    }
    return {"enabled": enabled, "threshold": best_t, "classes": classes}, summary
