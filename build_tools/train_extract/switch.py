"""The one rule that switches a learned decision on: its gain on outlets it never read must hold under
outlet resampling.

Every learned decision of ``model.json`` that changes the output (relevance withholding, type withholding,
the retyper, each toll decision: withhold, replace, add) is scored the same way. Its rows are the
train+dev reports of the real corpus, each decided by a model fitted without the report's outlet (5 folds
by outlet, ``bench.extract_cv.assign_folds``), each row the report's counts as the real-corpus scorer
counts the field: ``(right, predicted, gold)``, scored as F1 (type, relevance, count) or as exact matches
over the reports with a gold value (killed, injured: ``right / gold``). A threshold is tried against the
rows without the decision; the decision is switched on at the threshold with the best out-of-fold figure
among those that

- raise the figure of all languages together and lower it in no language, and
- keep that gain under resampling: the 5th percentile of the gain over ``BOOTSTRAP`` resamples of whole
  outlets (with replacement) is above 0. A gain that comes from one outlet's phrasing, or from one or two
  reports among hundreds, does not pass.

None passes: the decision stays off. The test split is never read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

SEED = 0
BOOTSTRAP = 500  # outlet resamples
FOLDS = 5  # outlet folds over train+dev
Counts = tuple[int, int, int]  # right, predicted, gold (per report)


def value(sums: Any, kind: str) -> Any:
    """The figure of summed counts (last axis: right, predicted, gold): ``f1`` or ``exact`` (right/gold)."""
    s = np.asarray(sums, dtype=float)
    if kind == "f1":
        return 2 * s[..., 0] / np.maximum(s[..., 1] + s[..., 2], 1)
    return s[..., 0] / np.maximum(s[..., 2], 1)


def gain_low(outlets: Sequence[str], before: Sequence[Counts], after: Sequence[Counts], kind: str) -> float:
    """The 5th percentile of the gain (after - before) over resamples of whole outlets with replacement."""
    keys = sorted(set(outlets))
    if not keys:
        return 0.0
    idx = {o: j for j, o in enumerate(keys)}
    counts = np.zeros((2, len(keys), 3))
    for side, rows in enumerate((before, after)):
        for o, c in zip(outlets, rows, strict=True):
            counts[side, idx[o]] += c
    rng = np.random.default_rng(SEED)
    draws = rng.integers(0, len(keys), size=(BOOTSTRAP, len(keys)))
    sums = counts[:, draws].sum(axis=2)  # side, draw, (right, predicted, gold)
    v = value(sums, kind)
    return round(float(np.percentile(v[1] - v[0], 5)), 4)


def judge(
    outlets: Sequence[str],
    langs: Sequence[str],
    before: Sequence[Counts],
    after: Sequence[Counts],
    kind: str,
) -> dict[str, Any]:
    """Out-of-fold figures without and with a decision (per language and ``all``), the gain, its 5th
    percentile over outlet resamples, and ``on``: whether the rule lets the decision switch on."""

    def table(rows: Sequence[Counts]) -> dict[str, float]:
        out = {}
        for lg in sorted(set(langs)):
            out[lg] = round(
                float(
                    value(
                        np.sum(
                            [c for c, x in zip(rows, langs, strict=True) if x == lg] or [(0, 0, 0)], axis=0
                        ),
                        kind,
                    )
                ),
                4,
            )
        out["all"] = round(float(value(np.sum(list(rows) or [(0, 0, 0)], axis=0), kind)), 4)
        return out

    b, a = table(before), table(after)
    low = gain_low(outlets, before, after, kind)
    gain = round(a["all"] - b["all"], 4)
    on = gain > 0 and low > 0 and all(a[lg] >= b[lg] - 1e-9 for lg in b)
    return {"before": b, "after": a, "gain": gain, "gain_low": low, "on": on}


def choose(
    outlets: Sequence[str],
    langs: Sequence[str],
    before: Sequence[Counts],
    trials: dict[float, Sequence[Counts]],
    kind: str,
) -> tuple[float | None, dict[float, dict[str, Any]]]:
    """The threshold (of ``trials``: threshold -> rows with the decision at it) the rule switches on with
    the best out-of-fold figure, or None; and every threshold's judgement."""
    judged = {th: judge(outlets, langs, before, rows, kind) for th, rows in trials.items()}
    return pick(judged), judged


def pick(judged: dict[float, dict[str, Any]]) -> float | None:
    """Of judged thresholds, the one switched on with the best out-of-fold figure (the first of ties)."""
    best = None
    for th, j in judged.items():
        if j["on"] and (best is None or j["after"]["all"] > judged[best]["after"]["all"] + 1e-9):
            best = th
    return best


def summary(judged: dict[float, dict[str, Any]], best: float | None) -> dict[str, Any]:
    """What the model summary and ``bench.extract_cv`` print of a decision: the chosen (else the best)
    threshold's out-of-fold gain and 5th percentile."""
    if not judged:
        return {"on": False}
    th = (
        best
        if best is not None
        else max(judged, key=lambda t: (judged[t]["gain"], judged[t]["gain_low"], -t))
    )
    j = judged[th]
    return {
        "on": best is not None,
        "threshold": th,
        "gain": j["gain"],
        "gain_low": j["gain_low"],
        "before": j["before"]["all"],
        "after": j["after"]["all"],
    }
