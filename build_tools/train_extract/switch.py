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

None passes: the decision stays off. A decision that is off (every one but relevance withholding, whose
threshold has a default) switches on only where the best threshold's gain is also larger than the
resampling noise of its figure (one standard error over the outlet resamples, as the plateau rule uses):
a gain of a few reports among hundreds that the 5th percentile lets through does not switch a stage on, so
forty new reports cannot flip what the shipped model does. The test split is never read.
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


def resampled(outlets: Sequence[str], sides: Sequence[Sequence[Counts]], kind: str) -> Any:
    """The figure of each row set (same reports, same outlets) on ``BOOTSTRAP`` resamples of whole outlets
    with replacement, the same resamples for every set (so differences are paired): (sets, resamples)."""
    keys = sorted(set(outlets))
    idx = {o: j for j, o in enumerate(keys)}
    counts = np.zeros((len(sides), len(keys), 3))
    for side, rows in enumerate(sides):
        for o, c in zip(outlets, rows, strict=True):
            counts[side, idx[o]] += c
    rng = np.random.default_rng(SEED)
    draws = rng.integers(0, len(keys), size=(BOOTSTRAP, len(keys)))
    return value(counts[:, draws].sum(axis=2), kind)  # side, draw


def gain_low(outlets: Sequence[str], before: Sequence[Counts], after: Sequence[Counts], kind: str) -> float:
    """The 5th percentile of the gain (after - before) over resamples of whole outlets with replacement."""
    if not outlets:
        return 0.0
    v = resampled(outlets, (before, after), kind)
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
    default: float | None = None,
) -> tuple[float | None, dict[float, dict[str, Any]]]:
    """The threshold (of ``trials``: threshold -> rows with the decision at it) the rule switches on with
    the best out-of-fold figure where that beats the noise (``beats_noise``), or None; and every
    threshold's judgement. With a ``default`` threshold,
    the one of those within the noise of the best that lies nearest the default (``steady``)."""
    judged = {th: judge(outlets, langs, before, rows, kind) for th, rows in trials.items()}
    if default is None:
        best = pick(judged)
        return (best if best is None or beats_noise(outlets, trials, judged, kind, best) else None), judged
    return steady(outlets, trials, judged, kind, default), judged


def _noise(outlets: Sequence[str], trials: dict[float, Sequence[Counts]], kind: str, best: float) -> float:
    """The standard deviation of ``best``'s out-of-fold figure over the outlet resamples: the noise both
    ``beats_noise`` and ``plateau`` measure a gain against."""
    return float(np.std(resampled(outlets, [trials[best]], kind)[0]))


def beats_noise(
    outlets: Sequence[str],
    trials: dict[float, Sequence[Counts]],
    judged: dict[float, dict[str, Any]],
    kind: str,
    best: float,
) -> bool:
    """Whether switching on at ``best`` gains more than one standard error of its figure over the outlet
    resamples: off is the incumbent of a decision without a default, kept within the noise."""
    return judged[best]["gain"] > _noise(outlets, trials, kind, best) + 1e-9


def plateau(
    outlets: Sequence[str],
    trials: dict[float, Sequence[Counts]],
    judged: dict[float, dict[str, Any]],
    kind: str,
) -> list[float]:
    """The thresholds as good as the best within the resampling noise (the one-standard-error rule): of
    those with an out-of-fold gain, each whose figure is under the best's (the best the switching rule
    lets on) by no more than the standard deviation of the best's figure over the outlet resamples. Empty
    where the rule lets none on."""
    best = pick(judged)
    if best is None:
        return []
    se = _noise(outlets, trials, kind, best)
    top = judged[best]["after"]["all"]
    return sorted(t for t, j in judged.items() if j["gain"] > 0 and top - j["after"]["all"] <= se + 1e-9)


def steady(
    outlets: Sequence[str],
    trials: dict[float, Sequence[Counts]],
    judged: dict[float, dict[str, Any]],
    kind: str,
    default: float,
) -> float | None:
    """Of the plateau (``plateau``), the threshold nearest ``default`` (the lower of two as near: it
    withholds less): another threshold is taken only where it beats those near the default by more than the
    resampling noise, so a handful of new reports cannot swing the shipped rule."""
    flat = plateau(outlets, trials, judged, kind)
    return min(flat, key=lambda t: (abs(t - default), t)) if flat else None


def stability(
    outlets: Sequence[str],
    langs: Sequence[str],
    before: Sequence[Counts],
    trials: dict[float, Sequence[Counts]],
    kind: str,
    default: float | None,
    n: int = 100,
) -> dict[str, float]:
    """How often the rule chooses each threshold (``"off"``: none) when the reports are redrawn by whole
    outlets with replacement ``n`` times (seeded; a redrawn outlet counts as a new one): the share of
    redraws per choice. A rule that holds chooses the same threshold on most redraws."""
    keys = sorted(set(outlets))
    rows_of: dict[str, list[int]] = {}
    for j, o in enumerate(outlets):
        rows_of.setdefault(o, []).append(j)
    rng = np.random.default_rng(SEED + 1)
    seen: dict[str, int] = {}
    for _ in range(n):
        picked = [keys[k] for k in rng.integers(0, len(keys), size=len(keys))]
        take = [(f"{o}#{m}", j) for m, o in enumerate(picked) for j in rows_of[o]]
        outs = [o for o, _ in take]
        ls = [langs[j] for _, j in take]
        bef = [before[j] for _, j in take]
        tri = {t: [rows[j] for _, j in take] for t, rows in trials.items()}
        th, _ = choose(outs, ls, bef, tri, kind, default)
        seen[str(th) if th is not None else "off"] = seen.get(str(th) if th is not None else "off", 0) + 1
    return {k: round(c / n, 3) for k, c in sorted(seen.items())}


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
