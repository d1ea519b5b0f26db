"""Fitting the count/killed/injured candidate models (``skylog.extract.learned.tolls``) and their thresholds.

Rows: every number of a fit-split report (train split of the real corpus and the shared dev reports),
labelled right when its value is a gold value of the field (for a toll, also the gold values' sum).
Weights: an L2 logistic regression per field, its strength chosen by the dev rows' Brier score. Then, on
the dev split, one decision at a time (withhold, replace, add) gets the threshold that raises the field's
score of all languages together and lowers it in none, the way the shared scorer counts it (count: F1 of
the report's value set; killed/injured: the events' sum equals the gold sum); none that does: it stays off.
Train reports' probabilities come from models fitted without them (5 folds), so the confidence models that
read them see honest ones.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np

from skylog.extract.learned.tolls import (
    TOLL_FIELDS,
    Candidate,
    TollDecision,
    base_features,
    candidate_features,
    candidates,
    final_value,
    plan,
)
from skylog.records import Extraction

FOLDS = 5
WITHHOLD = [round(0.05 * k, 2) for k in range(1, 11)]
CHOOSE = [round(0.3 + 0.05 * k, 2) for k in range(14)]
MIN_DF = 3  # a word feature seen in fewer candidates weighs nothing
_LEXICAL = re.compile(r"[lr][01]:")
# Decisions are switched on by dev alone; the test split only reports. (Until stop 24 a decision that raised
# dev but lowered a test row shipped off, e.g. count "add": dev EN count F1 0.786 -> 0.807, test RU 0.667 ->
# 0.645; vetoing by test is tuning on test, so that rule is gone.) A decision can still be kept off by hand here.
# Count decisions are off by the other dev set: on the shared Russian MoD dev posts (mod-russia-dev) the count
# add/replace that the real corpus's dev split chose lowered total exact 0.974 -> 0.922 (a post's total is
# no sentence's number), and that set is dev too.
SHIPPED_OFF: set[tuple[str, str]] = {("count", "add"), ("count", "replace")}
MIN_WITHHELD = 2  # a withhold threshold must remove at least this many more wrong tolls than right ones
MIN_GAIN = 1  # a decision must put at least this many more reports right on dev than it puts wrong


def _label(value: int, gold: dict, name: str) -> bool:
    vals = [g[name] for g in gold.get("events") or [] if g.get(name) is not None]
    if value in vals:
        return True
    return name != "count" and len(vals) > 1 and value == sum(vals)


class Report:
    """One report's candidates, their features per field, and (fit split) their labels."""

    def __init__(self, item: dict, ex: Extraction) -> None:
        self.item, self.ex = item, ex
        self.cands: list[Candidate] = candidates(ex)
        base = base_features(ex, self.cands)
        self.feats = {name: candidate_features(ex, self.cands, name, base) for name in TOLL_FIELDS}
        self.labels = {
            name: [_label(c.value, item["gold"], name) for c in self.cands] for name in TOLL_FIELDS
        }


def reports(items: list[dict], exs: list[Extraction]) -> list[Report]:
    """The train and dev reports whose gold labels events (the mod set's labels relevance only)."""
    return [
        Report(it, ex)
        for it, ex in zip(items, exs, strict=True)
        if it["split"] in ("train", "dev") and "events" in it["gold"]
    ]


def _rows(reps: list[Report], name: str) -> tuple[list[dict], list[bool]]:
    return [f for r in reps for f in r.feats[name]], [y for r in reps for y in r.labels[name]]


def _weights(reps: list[Report], name: str, c: float) -> dict[str, float]:
    from build_tools.train_extract.fit import _fit

    x, y = _rows(reps, name)
    df = Counter(k for r in x for k in r if _LEXICAL.match(k))
    x = [{k: v for k, v in r.items() if df.get(k, MIN_DF) >= MIN_DF} for r in x]
    return _fit(x, y, c=c, min_df=1)


def _brier(w: dict[str, float], reps: list[Report], name: str) -> float:
    t = TollDecision(w)
    x, y = _rows(reps, name)
    if not y:
        return 0.0
    p = np.array([t.probability(f) for f in x])
    return float(((p - np.array(y, dtype=float)) ** 2).mean())


def _score_all(reps: list[Report], name: str, t: TollDecision) -> None:
    for r in reps:
        for c, f in zip(r.cands, r.feats[name], strict=True):
            c.probability[name] = t.probability(f)


def _crossfit(train: list[Report], name: str, c: float) -> None:
    """Train reports' probabilities from models fitted on the other folds."""
    for k in range(FOLDS):
        held = [r for i, r in enumerate(train) if i % FOLDS == k]
        rest = [r for i, r in enumerate(train) if i % FOLDS != k]
        _score_all(held, name, TollDecision(_weights(rest, name, c)))


def _metric(reps: list[Report], name: str, t: TollDecision, lang: str | None) -> tuple[int, int, int]:
    """(right, predicted, gold) as the shared scorer counts the field, over the reports of ``lang``."""
    tp = n_p = n_g = 0
    for r in reps:
        if lang is not None and r.item["language"] != lang:
            continue
        gev = r.item["gold"].get("events") or []
        vals = [final_value(a, name) for a in plan(r.ex, r.cands, name, t)]
        vals = [v for v in vals if isinstance(v, int)]
        gold = [g[name] for g in gev if g.get(name) is not None]
        if name == "count":
            if gev:
                tp, n_p, n_g = tp + len(set(gold) & set(vals)), n_p + len(set(vals)), n_g + len(set(gold))
        elif gold:
            tp, n_g = tp + ((sum(vals) if vals else None) == sum(gold)), n_g + 1
    return tp, n_p, n_g


def _value(m: tuple[int, int, int], name: str) -> float:
    tp, n_p, n_g = m
    if name == "count":
        return 2 * tp / (n_p + n_g) if n_p + n_g else 0.0
    return tp / n_g if n_g else 0.0


def _tune(pool: list[Report], dev: list[Report], name: str, t: TollDecision) -> dict[str, Any]:
    """Each decision in turn: the threshold that helps most on ``pool`` (dev and the cross-fitted train
    reports: more reports than dev alone, so fewer lucky thresholds) and lowers no dev language."""
    langs = sorted({r.item["language"] for r in dev})
    base = {lg: _value(_metric(dev, name, t, lg), name) for lg in langs}
    pool_base = _metric(pool, name, t, None)
    before = {lg: round(v, 4) for lg, v in base.items()} | {
        "all": round(_value(_metric(dev, name, t, None), name), 4)
    }
    if name != "count":  # the exact-sum score cannot reward a wrong toll withheld: the values' own labels do
        t.withhold = _tune_withhold(pool, dev, name, t, base, langs)
        base = {lg: _value(_metric(dev, name, t, lg), name) for lg in langs}
        pool_base = _metric(pool, name, t, None)
    for attr, grid in (("withhold", WITHHOLD), ("replace", CHOOSE), ("add", CHOOSE)):
        if (name, attr) in SHIPPED_OFF or (attr == "withhold" and name != "count"):
            continue
        best = None
        for th in grid:
            trial = TollDecision(t.weights, t.withhold, t.replace, t.add)
            setattr(trial, attr, th)
            per = {lg: _value(_metric(dev, name, trial, lg), name) for lg in langs}
            if any(per[lg] < base[lg] - 1e-9 for lg in langs):
                continue
            m = _metric(pool, name, trial, None)
            if _gain(m, pool_base, name) >= MIN_GAIN and (
                best is None or _value(m, name) > _value(best[1], name) + 1e-9
            ):
                best = (th, m, per)
        if best is not None:
            setattr(t, attr, best[0])
            pool_base, base = best[1], best[2]
    after = {lg: round(v, 4) for lg, v in base.items()} | {
        "all": round(_value(_metric(dev, name, t, None), name), 4)
    }
    return {"dev_before": before, "dev_after": after, "thresholds": [t.withhold, t.replace, t.add]}


def _withheld_balance(reps: list[Report], name: str, t: TollDecision) -> int:
    """Wrong values withheld minus right ones (a value is right as the training labels say)."""
    out = 0
    for r in reps:
        for a in plan(r.ex, r.cands, name, t):
            if a.kind == "withhold":
                out += -1 if _label(getattr(a.event, name).value, r.item["gold"], name) else 1
    return out


def _tune_withhold(
    pool: list[Report],
    dev: list[Report],
    name: str,
    t: TollDecision,
    base: dict[str, float],
    langs: list[str],
) -> float:
    """The withhold threshold that removes most more wrong tolls than right ones on ``pool`` (at least
    MIN_WITHHELD more), lowering no dev language's exact score; 0 (off) where none does."""
    best, best_th = MIN_WITHHELD - 1, 0.0
    for th in WITHHOLD:
        trial = TollDecision(t.weights, th, t.replace, t.add)
        if any(_value(_metric(dev, name, trial, lg), name) < base[lg] - 1e-9 for lg in langs):
            continue
        balance = _withheld_balance(pool, name, trial)
        if balance > best:
            best, best_th = balance, th
    return best_th


def _gain(m: tuple[int, int, int], base: tuple[int, int, int], name: str) -> int:
    """Reports (count: values) put right minus those put wrong, against the rules."""
    if name == "count":
        return (m[0] - base[0]) - max(0, m[1] - base[1] - (m[0] - base[0]))
    return m[0] - base[0]


def fit_tolls(items: list[dict], exs: list[Extraction]) -> tuple[dict, dict, dict[str, list[Candidate]]]:
    """Per field: weights, dev thresholds; the summary; each report's scored candidates by id."""
    from build_tools.train_extract.fit import REGULARISATION, reliability

    reps = reports(items, exs)
    train = [r for r in reps if r.item["split"] == "train"]
    dev = [r for r in reps if r.item["split"] == "dev"]
    model, summary = {}, {}
    for name in TOLL_FIELDS:
        c = min(REGULARISATION, key=lambda c: (_brier(_weights(train, name, c), dev, name), c))
        t = TollDecision(_weights(train, name, c))
        _crossfit(train, name, c)
        _score_all(dev, name, t)
        summary[name] = {"C": c, "train_rows": sum(len(r.cands) for r in train)}
        summary[name] |= _tune(train + dev, dev, name, t)
        x, y = _rows(dev, name)
        summary[name]["dev_candidates"] = reliability([t.probability(f) for f in x], y)
        model[name] = {"weights": t.weights, "withhold": t.withhold, "replace": t.replace, "add": t.add}
    summary["items"] = dict(Counter(r.item["split"] for r in reps))
    return model, summary, {r.item["id"]: r.cands for r in reps}
