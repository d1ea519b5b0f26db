"""Calibrators of a field model's raw score into P(value right), fitted on out-of-fold scores.

A calibrator is data the runtime reads (``skylog.extract.learned.model.Calibration``):

- ``platt``: P = sigmoid(a * score + b), two parameters;
- ``steps``: isotonic regression (pool adjacent violators) whose blocks hold at least ``min_bin`` values,
  each block's share right shrunk toward the share right of all values by ``prior`` pseudo-values (a
  block of few values cannot say 0 or 1), pooled again where shrinking broke the order: P is the value
  of the block a score falls in (``edges``: the scores between blocks).

Both are monotone in the score and bounded in [0, 1]. Which one a field gets, and its regularisation, is
chosen by the Brier score of cross-fitted probabilities (``fit_field``): each outlet fold's values are
calibrated by a calibrator fitted on the other folds' out-of-fold scores, so the choice never scores a
value the calibrator read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from skylog.extract.learned.model import Calibration

SEED = 0
DIGITS = 5
# (kind, min_bin, prior): the candidates each field chooses among
CANDIDATES: tuple[tuple[str, int, float], ...] = (
    ("platt", 0, 0.0),
    ("steps", 25, 5.0),
    ("steps", 50, 10.0),
)


def platt(scores: Sequence[float], y: Sequence[bool]) -> dict[str, Any]:
    """Platt scaling of raw scores on labels: P = sigmoid(a * score + b), a >= 0 (identity under 10 values or
    one class)."""
    if len(set(y)) < 2 or len(y) < 10:
        return {"platt": [1.0, 0.0]}
    lr = LogisticRegression(C=100.0, solver="lbfgs", random_state=SEED)
    lr.fit(np.array(scores, dtype=float).reshape(-1, 1), np.array(y, dtype=int))
    a, b = float(lr.coef_[0][0]), float(lr.intercept_[0])
    if a < 0:  # a score that ranks worse than chance out of fold says nothing: the share right, flat
        share = float(np.mean(y))
        a, b = 0.0, float(np.log(share / (1 - share)))
    return {"platt": [round(a, DIGITS), round(b, DIGITS)]}


def _pool(values: list[float], weights: list[float]) -> list[tuple[float, float, int, int]]:
    """Pool adjacent violators: blocks (mean, weight, first index, last index), means non-decreasing."""
    blocks: list[tuple[float, float, int, int]] = []
    for i, (v, w) in enumerate(zip(values, weights, strict=True)):
        blocks.append((v, w, i, i))
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            (v1, w1, a, _), (v2, w2, _, b) = blocks[-2], blocks[-1]
            blocks[-2:] = [((v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, a, b)]
    return blocks


def _merge(blocks: list[tuple[float, float, int, int]], i: int, j: int) -> None:
    """Merge block j into its neighbour i (adjacent), in place."""
    (v1, w1, a1, b1), (v2, w2, a2, b2) = blocks[i], blocks[j]
    blocks[min(i, j)] = ((v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, min(a1, a2), max(b1, b2))
    del blocks[max(i, j)]


def _min_size(blocks: list[tuple[float, float, int, int]], min_bin: int) -> None:
    """Merge the smallest block under ``min_bin`` values into its nearer-valued neighbour until none is."""
    while len(blocks) > 1:
        k = min(range(len(blocks)), key=lambda j: (blocks[j][1], j))
        if blocks[k][1] >= min_bin:
            return
        if k == 0:
            _merge(blocks, 1, 0)
        elif k == len(blocks) - 1 or blocks[k][0] - blocks[k - 1][0] <= blocks[k + 1][0] - blocks[k][0]:
            _merge(blocks, k - 1, k)
        else:
            _merge(blocks, k + 1, k)


def steps(scores: Sequence[float], y: Sequence[bool], min_bin: int, prior: float) -> dict[str, Any]:
    """Isotonic calibration with blocks of at least ``min_bin`` values, shrunk toward the overall share."""
    if len(set(y)) < 2 or len(y) < 10:
        return platt(scores, y)
    s, t = np.array(scores, dtype=float), np.array(y, dtype=float)
    xs = np.unique(s)  # equal scores share a block
    k = np.searchsorted(xs, s)
    n, right = np.bincount(k, minlength=len(xs)), np.bincount(k, weights=t, minlength=len(xs))
    blocks = _pool((right / n).tolist(), n.astype(float).tolist())
    _min_size(blocks, min_bin)
    base = float(t.mean())
    shrunk = [(v * w + prior * base) / (w + prior) for v, w, _, _ in blocks]
    merged = _pool(shrunk, [w + prior for _, w, _, _ in blocks])
    ends = [(blocks[a][2], blocks[b][3]) for _, _, a, b in merged]  # each block's first and last score
    edges = [round(float((xs[ends[j - 1][1]] + xs[ends[j][0]]) / 2), DIGITS) for j in range(1, len(ends))]
    probs = [round(float(v), DIGITS) for v, _, _, _ in merged]
    return {"steps": {"edges": edges, "p": probs}}


def fit(kind: str, scores: Sequence[float], y: Sequence[bool], min_bin: int = 0, prior: float = 0.0) -> dict:
    """A calibrator (its data) of one candidate kind."""
    return platt(scores, y) if kind == "platt" else steps(scores, y, min_bin, prior)


def crossfit(
    scores: Sequence[float], y: Sequence[bool], folds: Sequence[int], candidate: tuple[str, int, float]
) -> list[float]:
    """Each value's probability by the candidate calibrator fitted on the other folds' values."""
    out = [0.0] * len(scores)
    for f in sorted(set(folds)):
        rest = [j for j, g in enumerate(folds) if g != f]
        cal = Calibration.from_dict(
            fit(candidate[0], [scores[j] for j in rest], [y[j] for j in rest], *candidate[1:])
        )
        for j, g in enumerate(folds):
            if g == f:
                out[j] = cal.probability(scores[j])
    return out
