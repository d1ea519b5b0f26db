"""The one switching rule of every learned decision (``build_tools.train_extract.switch``): a decision is
switched on only where its out-of-fold gain holds under resampling of whole outlets."""

from __future__ import annotations

from build_tools.train_extract.switch import choose, gain_low, judge, pick, plateau, stability, value


def _rows(n_outlets: int, per: int, lang: str = "en") -> tuple[list[str], list[str]]:
    outlets = [f"Example Gazette {k}" for k in range(n_outlets) for _ in range(per)]
    return outlets, [lang] * len(outlets)


def test_a_gain_that_comes_from_one_outlet_stays_off() -> None:
    outlets, langs = _rows(20, 5)
    before = [(0, 0, 1)] * 100  # exact: no report right
    after = list(before)
    for j in range(5):  # the decision puts right the five reports of outlet 0 alone
        after[j] = (1, 0, 1)
    j = judge(outlets, langs, before, after, "exact")
    assert j["gain"] > 0
    assert j["gain_low"] <= 0
    assert not j["on"]


def test_a_gain_spread_over_many_outlets_switches_on() -> None:
    outlets, langs = _rows(20, 5)
    before = [(0, 0, 1)] * 100
    after = [(1, 0, 1) if j % 5 == 0 else (0, 0, 1) for j in range(100)]  # one report of every outlet
    j = judge(outlets, langs, before, after, "exact")
    assert j["gain_low"] > 0
    assert j["on"]


def test_a_decision_that_lowers_one_language_stays_off() -> None:
    outlets, langs = _rows(20, 5)
    langs = ["en"] * 50 + ["ru"] * 50
    before = [(0, 0, 1)] * 50 + [(1, 0, 1)] * 50
    after = [(1, 0, 1)] * 50 + [(1, 0, 1)] * 49 + [(0, 0, 1)]
    assert not judge(outlets, langs, before, after, "exact")["on"]


def test_f1_counts_and_the_best_threshold_the_rule_lets_on() -> None:
    assert value((2, 2, 2), "f1") == 1.0
    assert value((1, 3, 1), "f1") == 0.5
    assert value((1, 0, 4), "exact") == 0.25
    outlets, langs = _rows(20, 5)
    before = [(1, 2, 1)] * 100  # a wrong type beside the right one in every report: F1 2/3
    broad = [(1, 1, 1) if j % 2 else (1, 2, 1) for j in range(100)]
    narrow = [(1, 1, 1) if j < 5 else (1, 2, 1) for j in range(100)]
    best, judged = choose(outlets, langs, before, {0.4: narrow, 0.6: broad}, "f1")
    assert best == 0.6
    assert not judged[0.4]["on"]
    assert pick({0.4: judged[0.4]}) is None


def test_no_change_has_no_gain() -> None:
    outlets, _ = _rows(10, 3)
    rows = [(1, 1, 1)] * 30
    assert gain_low(outlets, rows, rows, "f1") == 0.0


def _thresholds(outlets: list[str]) -> tuple[list, dict[float, list]]:
    """F1 rows of 20 outlets x 5 reports with a wrong event in every fifth report: a threshold withholds
    some of them; 0.7 withholds one more than 0.5 (a single report's lead), 0.3 withholds none."""
    before = [(1, 2, 1) if j % 5 == 0 else (1, 1, 1) for j in range(len(outlets))]
    fixed = {0.3: 0, 0.5: 12, 0.7: 13}
    trials = {
        t: [(1, 1, 1) if j % 5 == 0 and j // 5 < n else r for j, r in enumerate(before)]
        for t, n in fixed.items()
    }
    return before, trials


def test_a_threshold_that_leads_the_default_by_one_report_does_not_replace_it() -> None:
    outlets, langs = _rows(20, 5)
    before, trials = _thresholds(outlets)
    best, judged = choose(outlets, langs, before, trials, "f1")
    assert best == 0.7  # the best out-of-fold figure alone
    assert judged[0.7]["after"]["all"] > judged[0.5]["after"]["all"]
    assert plateau(outlets, trials, judged, "f1") == [0.5, 0.7]  # 0.3 gains nothing
    steady, _ = choose(outlets, langs, before, trials, "f1", default=0.5)
    assert steady == 0.5


def test_a_threshold_that_beats_the_default_beyond_the_noise_is_chosen() -> None:
    outlets, langs = _rows(20, 5)
    before, trials = _thresholds(outlets)
    trials[0.5] = [(1, 1, 1) if j % 5 == 0 and j // 5 < 2 else r for j, r in enumerate(before)]
    steady, judged = choose(outlets, langs, before, trials, "f1", default=0.5)
    assert steady == 0.7 and 0.5 not in plateau(outlets, trials, judged, "f1")


def test_stability_counts_the_choice_on_outlet_redraws() -> None:
    outlets, langs = _rows(20, 5)
    before, trials = _thresholds(outlets)
    shares = stability(outlets, langs, before, trials, "f1", default=0.5, n=20)
    assert abs(sum(shares.values()) - 1.0) < 1e-9
    assert shares.get("0.5", 0.0) >= 0.5


def test_a_gain_within_the_noise_of_the_figure_leaves_a_decision_off() -> None:
    """Six reports put right among 200 outlets (one report each, half right before): the 5th percentile
    of the gain is above 0, but the gain is under one standard error of the figure, so off is kept."""
    outlets, langs = _rows(200, 1)
    before = [(1, 0, 1) if j % 2 == 0 else (0, 0, 1) for j in range(200)]
    after = [(1, 0, 1) if j % 2 == 1 and j < 12 else r for j, r in enumerate(before)]
    assert judge(outlets, langs, before, after, "exact")["on"]
    best, judged = choose(outlets, langs, before, {0.5: after}, "exact")
    assert judged[0.5]["on"] and best is None
    wide = [(1, 0, 1) if j % 2 == 1 and j < 60 else r for j, r in enumerate(before)]
    assert choose(outlets, langs, before, {0.5: wide}, "exact")[0] == 0.5
