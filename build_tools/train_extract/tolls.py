"""Fitting the count/killed/injured candidate models (``skylog.extract.learned.tolls``) and their thresholds.

Rows: every number of a fit-split report (train split of the real corpus and the shared dev reports),
labelled right when its value is a gold value of the field (for a toll, also the gold values' sum).
Weights: an L2 logistic regression per field, its strength chosen by the dev rows' Brier score. Then one
decision at a time (withhold, replace, add) is switched on or left off by the rule of
``build_tools.train_extract.switch``: scored on the real train+dev reports, each by a model fitted without
its outlet's fold, as the real-corpus scorer counts the field (count: F1 of the report's value set;
killed/injured: the events' sum equals the gold sum), the threshold must raise the figure in all languages
together, lower it in none, and its gain's 5th percentile over outlet resamples must be above 0.
Train reports' probabilities, as the confidence models read them, come from models fitted without them
(5 folds), so they see honest ones.
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
# Count add/replace stay off by hand: on the shared Russian MoD dev posts (mod-russia-dev) the count
# add/replace that the real corpus's dev split once chose lowered total exact 0.974 -> 0.922 (a post's total
# is no sentence's number), and that set has no outlets to fold.
SHIPPED_OFF: set[tuple[str, str]] = {("count", "add"), ("count", "replace")}


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


def _counts(r: Report, name: str, t: TollDecision) -> tuple[int, int, int]:
    """(right, predicted, gold) of one report as the real-corpus scorer counts the field (count: the
    report's value sets; killed/injured: one exact match of the events' sum where the gold has a value)."""
    gev = r.item["gold"].get("events") or []
    vals = [final_value(a, name) for a in plan(r.ex, r.cands, name, t)]
    vals = [v for v in vals if isinstance(v, int)]
    gold = [g[name] for g in gev if g.get(name) is not None]
    if name == "count":
        return (len(set(gold) & set(vals)), len(set(vals)), len(set(gold))) if gev else (0, 0, 0)
    if gold:
        return (int((sum(vals) if vals else None) == sum(gold)), 0, 1)
    return (0, 0, 0)


def _metric(reps: list[Report], name: str, t: TollDecision, lang: str | None) -> tuple[int, int, int]:
    """(right, predicted, gold) summed over the reports of ``lang`` (all: None)."""
    rows = [_counts(r, name, t) for r in reps if lang is None or r.item["language"] == lang]
    return tuple(int(sum(c[j] for c in rows)) for j in range(3))  # type: ignore[return-value]


def kind(name: str) -> str:
    return "f1" if name == "count" else "exact"


DECISIONS = (("withhold", WITHHOLD), ("replace", CHOOSE), ("add", CHOOSE))


def _tune(real: list[Report], name: str, t: TollDecision, fixed: dict[str, float] | None = None) -> dict:
    """Each decision in turn (withhold, replace, add), on the real train+dev reports whose candidates were
    scored by models that never read their outlet: the threshold ``switch.choose`` switches on, else off
    (``fixed``: judge those thresholds instead, applying each that is not off, as ``bench.extract_cv``
    judges the shipped ones)."""
    from build_tools.train_extract.switch import choose, summary

    outlets = [r.item["outlet"] for r in real]
    langs = [r.item["language"] for r in real]
    base = [_counts(r, name, t) for r in real]
    out: dict[str, Any] = {}
    for attr, grid in DECISIONS:
        off = 0.0 if attr == "withhold" else 1.01
        if fixed is not None:
            grid = [fixed[attr]] if fixed[attr] != off else []
        elif (name, attr) in SHIPPED_OFF:
            out[attr] = {"on": False, "by_hand": True}
            continue
        trials = {}
        for th in grid:
            trial = TollDecision(t.weights, t.withhold, t.replace, t.add)
            setattr(trial, attr, th)
            trials[th] = [_counts(r, name, trial) for r in real]
        best, judged = choose(outlets, langs, base, trials, kind(name))
        out[attr] = summary(judged, best)
        if fixed is not None and grid:
            best = grid[0]
        if best is not None:
            setattr(t, attr, best)
            base = trials[best]
    return out


def _dev_table(dev: list[Report], name: str, t: TollDecision) -> dict[str, float]:
    langs = sorted({r.item["language"] for r in dev})
    return {lg: round(_value(_metric(dev, name, t, lg), name), 4) for lg in langs} | {
        "all": round(_value(_metric(dev, name, t, None), name), 4)
    }


def _value(m: tuple[int, int, int], name: str) -> float:
    tp, n_p, n_g = m
    if name == "count":
        return 2 * tp / (n_p + n_g) if n_p + n_g else 0.0
    return tp / n_g if n_g else 0.0


def _score_out_of_fold(train: list[Report], real: list[Report], name: str, c: float) -> None:
    """Each real train+dev report's candidates scored by a model fitted on the fit split without its
    outlet's fold (the folds of ``bench.extract_cv.assign_folds``)."""
    from bench.extract_cv import assign_folds
    from build_tools.train_extract.switch import FOLDS as OUTLET_FOLDS

    folds = assign_folds([r.item for r in real], OUTLET_FOLDS)
    for f in range(OUTLET_FOLDS):
        held = [r for r in real if folds[r.item["outlet"]] == f]
        fit = [r for r in train if folds.get(r.item.get("outlet") or "", -1) != f]
        _score_all(held, name, TollDecision(_weights(fit, name, c)))


def fit_tolls(
    items: list[dict], exs: list[Extraction], fixed: dict[str, dict] | None = None
) -> tuple[dict, dict, dict[str, list[Candidate]]]:
    """Per field: weights (fit split), decision thresholds (out of fold by outlet, ``_tune``); the summary;
    each report's scored candidates by id. ``fixed`` (field -> thresholds): judge those instead."""
    from build_tools.train_extract.fit import REGULARISATION, reliability

    reps = reports(items, exs)
    train = [r for r in reps if r.item["split"] == "train"]
    dev = [r for r in reps if r.item["split"] == "dev"]
    real = [r for r in reps if r.item.get("outlet")]
    model, summary = {}, {}
    for name in TOLL_FIELDS:
        c = min(REGULARISATION, key=lambda c: (_brier(_weights(train, name, c), dev, name), c))
        t = TollDecision(_weights(train, name, c))
        _score_out_of_fold(train, real, name, c)
        decisions = _tune(real, name, t, None if fixed is None else fixed[name])
        # the confidence models read the candidates' P: train's cross-fitted, dev's from the shipped weights
        _crossfit(train, name, c)
        _score_all(dev, name, t)
        summary[name] = {
            "C": c,
            "train_rows": sum(len(r.cands) for r in train),
            "oof": decisions,
            "dev_before": _dev_table(dev, name, TollDecision(t.weights)),
            "dev_after": _dev_table(dev, name, t),
            "thresholds": [t.withhold, t.replace, t.add],
        }
        x, y = _rows(dev, name)
        summary[name]["dev_candidates"] = reliability([t.probability(f) for f in x], y)
        model[name] = {"weights": t.weights, "withhold": t.withhold, "replace": t.replace, "add": t.add}
    summary["items"] = dict(Counter(r.item["split"] for r in reps))
    return model, summary, {r.item["id"]: r.cands for r in reps}
