"""The retyper's switch in training (``build_tools.train_extract.fit.fit_retype``): it may override the
rules only where retypers fitted without an outlet raise type F1 on that outlet's reports beyond chance."""

from __future__ import annotations

from build_tools.train_extract.fit import _fit_retyper, retype_oof
from skylog.extract.learned.model import Retyper


def _report(k: int, rule: str, gold: str, words: list[str]) -> dict:
    feats = {"bias": 1.0, f"rule={rule}": 1.0, **{f"s:{w}": 1.0 for w in words}}
    return {
        "outlet": f"Example Herald {k}",
        "language": "en",
        "gold": {gold},
        "events": [(rule, feats, gold)],
    }


def test_a_cue_shared_across_outlets_is_learned_out_of_fold():
    reports = [_report(k, "missile_strike", "air_strike", ["bomber", "raid"]) for k in range(30)]
    reports += [_report(30 + k, "missile_strike", "missile_strike", ["ballis"]) for k in range(30)]
    oof = retype_oof(reports, [0.5])[0.5]
    assert oof["after"]["all"] > oof["before"]["all"]
    assert oof["on"]


def test_words_only_one_outlet_uses_do_not_switch_the_retyper_on():
    # each outlet's air_strike reports share its own boilerplate word: a retyper that read the outlet
    # learns it (in-sample every report is retyped right), but no other outlet has it: out of fold, no gain
    reports = [
        {**_report(0, "missile_strike", "air_strike", [f"desk{k}"]), "outlet": f"Example Herald {k}"}
        for k in range(4)
        for _ in range(6)
    ]
    reports += [_report(10 + k, "missile_strike", "missile_strike", [f"wire{k}"]) for k in range(24)]
    events = [e for r in reports for e in r["events"]]
    seen = Retyper(_fit_retyper([x for _, x, _ in events], [y for _, _, y in events]), threshold=0.5)
    assert sum(seen.choose(x, t)[0] == y != t for t, x, y in events) == 24
    oof = retype_oof(reports, [0.5])[0.5]
    assert oof["after"]["all"] == oof["before"]["all"]
    assert not oof["on"]


def test_a_gain_of_one_report_is_not_told_apart_from_chance():
    reports = [_report(k, "shelling", "shelling", ["artill"]) for k in range(40)]
    reports[0] = _report(0, "shelling", "air_strike", ["artill"])
    oof = retype_oof(reports, [0.5])[0.5]
    assert oof["gain_low"] <= 0.0
    assert not oof["on"]
