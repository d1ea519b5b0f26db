"""The calibrators of the field confidences (build_tools/train_extract/calibrate.py) and the runtime's reading
of them (skylog.extract.learned.model.Calibration)."""

from __future__ import annotations

import numpy as np
import pytest

from build_tools.train_extract import calibrate
from build_tools.train_extract.fit import REGULARISATION, fit_field
from skylog.extract.learned.model import Calibration, Linear, sigmoid

GRID = np.linspace(-6, 6, 241).tolist()


def _toy(n: int = 2000, a: float = 2.0, b: float = -0.5, seed: int = 3) -> tuple[list[float], list[bool]]:
    """Scores and outcomes drawn with P(right) = sigmoid(a * score + b)."""
    rng = np.random.default_rng(seed)
    s = rng.normal(0, 1.5, n)
    return s.tolist(), (rng.random(n) < 1 / (1 + np.exp(-(a * s + b)))).tolist()


@pytest.mark.parametrize("cand", calibrate.CANDIDATES)
def test_every_calibrator_is_monotone_and_bounded(cand) -> None:
    scores, y = _toy(400, seed=7)
    cal = Calibration.from_dict(calibrate.fit(cand[0], scores, y, *cand[1:]))
    probs = [cal.probability(s) for s in GRID]
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert all(p <= q + 1e-12 for p, q in zip(probs, probs[1:], strict=False))
    assert probs[-1] - probs[0] > 0.5  # an informative score is read as one


def test_platt_recovers_a_known_logistic() -> None:
    scores, y = _toy()
    a, b = calibrate.platt(scores, y)["platt"]
    assert a == pytest.approx(2.0, abs=0.25) and b == pytest.approx(-0.5, abs=0.2)


def test_steps_follow_a_known_curve_and_keep_the_minimum_block_size() -> None:
    scores, y = _toy()
    d = calibrate.steps(scores, y, min_bin=50, prior=10.0)["steps"]
    cal = Calibration.from_dict({"steps": d})
    for s in (-2.0, -0.5, 0.5, 2.0):
        assert cal.probability(s) == pytest.approx(sigmoid(2.0 * s - 0.5), abs=0.12)
    blocks = np.bincount(np.searchsorted(d["edges"], scores, side="right"), minlength=len(d["p"]))
    assert blocks.min() >= 50


def test_steps_never_say_0_or_1_from_few_values() -> None:
    """A separable toy set: isotonic alone would answer 0 and 1; the shrinkage toward the share right keeps
    each block off the bounds, by more the fewer values it holds."""
    scores = [float(k) for k in range(40)]
    y = [k >= 10 for k in range(40)]
    p = calibrate.steps(scores, y, min_bin=10, prior=5.0)["steps"]["p"]
    assert 0.0 < p[0] < 0.3 and 0.8 < p[-1] < 1.0
    assert p == sorted(p)


def test_steps_of_equal_scores_share_a_block() -> None:
    scores = [0.0] * 30 + [1.0] * 30
    y = [k % 3 == 0 for k in range(30)] + [k % 3 != 0 for k in range(30)]
    d = calibrate.steps(scores, y, min_bin=10, prior=0.0)["steps"]
    assert d["edges"] == [0.5] and d["p"] == pytest.approx([1 / 3, 2 / 3], abs=1e-4)


def test_platt_on_a_score_that_ranks_backwards_is_flat_at_the_share_right() -> None:
    scores, y = _toy()
    a, b = calibrate.platt([-s for s in scores], y)["platt"]
    assert a == 0.0 and sigmoid(b) == pytest.approx(sum(y) / len(y), abs=1e-4)


def test_calibrators_are_reproducible_and_round_trip() -> None:
    scores, y = _toy(500)
    for cand in calibrate.CANDIDATES:
        d = calibrate.fit(cand[0], scores, y, *cand[1:])
        assert d == calibrate.fit(cand[0], list(scores), list(y), *cand[1:])
        cal = Calibration.from_dict(d)
        assert Linear.from_dict({"weights": {"x": 1.0}, "calibration": d}).probability({"x": 0.3}) == (
            cal.probability(0.3)
        )


def test_old_platt_key_and_malformed_steps() -> None:
    assert Calibration.from_dict({"platt": [2.0, 1.0]}).probability(0.0) == pytest.approx(sigmoid(1.0))
    assert Calibration.from_dict({}).probability(0.0) == 0.5
    with pytest.raises(ValueError):
        Calibration.from_dict({"steps": {"edges": [1.0, 0.0], "p": [0.1, 0.2, 0.3]}})
    with pytest.raises(ValueError):
        Calibration.from_dict({"steps": {"edges": [0.0], "p": [0.1]}})


def test_crossfit_scores_each_fold_by_a_calibrator_that_never_read_it() -> None:
    """Fold 0's values are all right, fold 1's all wrong, at the same scores: each fold's probabilities come
    from the other fold's calibration, so they say the opposite of its own outcomes."""
    scores = [float(k % 20) for k in range(80)]
    y = [k < 40 for k in range(80)]
    folds = [0 if k < 40 else 1 for k in range(80)]
    probs = calibrate.crossfit(scores + [0.0, 19.0], y + [True, False], folds + [2, 2], ("steps", 10, 1.0))
    assert max(probs[:40]) < 0.5 < min(probs[40:80])


def test_fit_field_calibrates_on_outlet_folds_and_fits_on_every_row() -> None:
    """Rows of items in no outlet fold (the shared dev sets) are fitted but never held or calibrated on."""
    rng = np.random.default_rng(0)
    rows, fold_of = [], {}
    for i in range(300):
        x = float(rng.normal())
        rows.append(({"bias": 1.0, "x": x}, bool(rng.random() < sigmoid(2 * x)), i))
        if i < 250:
            fold_of[i] = i % 5
    model, summary, held, probs = fit_field(rows, fold_of)
    assert held == list(range(250)) and len(probs) == 250
    assert summary["C"] in REGULARISATION and tuple(summary["calibrator"]) in calibrate.CANDIDATES
    assert model["weights"]["x"] > 0
    lin = Linear.from_dict(model)
    assert lin.probability({"bias": 1.0, "x": 2.0}) > 0.8 > 0.2 > lin.probability({"bias": 1.0, "x": -2.0})
