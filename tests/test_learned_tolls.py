"""Learned count/casualty decisions (skylog.extract.learned.tolls): candidates, features, decisions."""

from __future__ import annotations

from skylog.extract import Extractor
from skylog.extract.learned.model import load
from skylog.extract.learned.tolls import (
    TollDecision,
    candidate_features,
    candidates,
    confidence_features,
    cue_of,
    decide,
    score,
    text_numbers,
)
from skylog.ingest.common import make_report
from skylog.records import Extraction

# a country's running toll beside a strike's: the rules read it as no toll (told across the country in a
# sentence of no strike), and the shipped model, whatever the rules say, rates the strike's toll over it
CUMULATIVE = (
    "Drone strike on Kherson market kills 4\n"
    "The World Health Organization says more than 10,000 people have been killed in total across the country."
)
# a running toll in words the rules' frames do not read ("in the war since it began" they do), so the rules
# take it and the learned decision is what sets it right
RUNNING = (
    "Drone strike on Kherson market kills 4\n"
    "The World Health Organization says more than 10,000 people have been killed in the region so far."
)
LAUNCHED = (
    "Russia launched 50 drones at Ukraine overnight. Air defences shot down 45 of them, the air force said."
)
AT_LEAST = "At least 7 people were killed and 12 injured when a missile hit a residential building in Odesa."
MISSED = "A missile strike hit Kharkiv on Monday. The strike killed two people, the governor said."


def _rules(text: str, lang: str = "en") -> Extraction:
    rep = make_report(text, rid="t", language=lang)
    rep.language = lang
    return Extractor(learned=False).extract(rep)


def _feats(text: str, value: int, name: str = "killed") -> dict[str, float]:
    ex = _rules(text)
    cands = candidates(ex)
    feats = candidate_features(ex, cands, name)
    return next(f for c, f in zip(cands, feats, strict=True) if c.value == value)


# ---------------------------------------------------------------- candidates and features


def test_every_number_of_the_text_is_a_candidate_with_its_span() -> None:
    found = {(c.value, LAUNCHED[c.start : c.end]) for c in text_numbers(LAUNCHED, "en")}
    assert found == {(50, "50"), (45, "45")}
    ru = "Силы ПВО сбили двенадцать беспилотников из 20."
    assert {c.value for c in text_numbers(ru, "ru")} == {12, 20}


def test_the_rules_choice_is_marked_and_a_claim_on_no_number_is_a_candidate_of_its_own() -> None:
    ex = _rules(AT_LEAST)
    by_value = {c.value: c for c in candidates(ex)}
    assert "killed" in by_value[7].rule_fields
    assert "injured" in by_value[12].rule_fields
    ex = _rules("A drone hit a house in Sumy overnight; no one was injured, the governor said.")
    zero = [c for c in candidates(ex) if c.value == 0]
    assert zero and "injured" in zero[0].rule_fields


def test_cue_classes_come_from_the_pack_whole_words_and_prefixes() -> None:
    assert cue_of("since", "en") == "cumulative"
    assert cue_of("intercepted", "en") == "downed"
    assert cue_of("warning", "en") is None  # "war" is a whole word, not a prefix
    assert cue_of("збили", "uk") == "downed"
    assert cue_of("щонайменше", "uk") == "floor"


def test_a_cumulative_toll_carries_the_cumulative_cue_and_the_strike_toll_does_not() -> None:
    war, strike = _feats(CUMULATIVE, 10000), _feats(CUMULATIVE, 4)
    assert war["cue_s:cumulative"] == 1.0
    assert war["qual=more than"] == 1.0
    assert "cue_s:cumulative" not in strike
    assert strike["title"] == 1.0 and war["title"] == 0.0
    assert war["largest"] == 1.0 and strike["largest"] == 0.0


def test_a_cue_anywhere_in_the_numbers_clause_is_a_feature_however_far() -> None:
    war, strike = _feats(RUNNING, 10000), _feats(RUNNING, 4)
    assert "cue_r:cumulative" not in war  # "so far" is more than CUE_WINDOW words to the right
    assert war["cue_cr:cumulative"] == 1.0
    assert not any(k.startswith("cue_c") and k.endswith(":cumulative") for k in strike)
    # the clause ends at a comma (not one inside a figure): a cue past it is not the number's clause's
    text = "A drone hit a bus in Kherson, killing 3 people on the bus, a month after the war began."
    three = _feats(text, 3)
    assert "cue_cr:cumulative" not in three and "cue_cl:casualty" in three


def test_launched_and_shot_down_numbers_differ_by_their_cues() -> None:
    launched, down = _feats(LAUNCHED, 50, "count"), _feats(LAUNCHED, 45, "count")
    assert launched["cue_l0:launched"] == 1.0
    assert down["cue_l:downed"] == 1.0 and "cue_l:downed" not in launched
    assert down["cue_r:part"] == 1.0  # "45 of them": a share of another number


def test_a_year_is_never_a_toll_candidate() -> None:
    # the numbers layer reads "1950" as a year (a designation), so no field can take it
    ex = _rules("A woman born in 1950 was injured when a drone hit her house in Sumy.")
    assert 1950 not in [c.value for c in candidates(ex)]


# ---------------------------------------------------------------- decisions (hand-made models)


def test_a_cumulative_toll_is_replaced_by_the_strikes_own_with_its_span_and_a_warning() -> None:
    ex = _rules(RUNNING)
    assert [e.killed.value for e in ex.events if e.killed] == [10000]  # the rules took the war's toll
    model = TollDecision({"bias": -1.0, "cue_s:cumulative": -3.0, "title": 2.0}, replace=0.5)
    decide(ex, {"killed": model})
    (e,) = [e for e in ex.events if e.killed]
    assert e.killed.value == 4
    (a, b) = e.killed.spans[0]
    assert RUNNING[a:b] == "4"
    assert any("killed 10000 -> 4" in w for w in ex.warnings)


def test_a_cumulative_toll_is_withheld_with_a_warning_where_nothing_better_is_there() -> None:
    ex = _rules(RUNNING)
    decide(ex, {"killed": TollDecision({"cue_s:cumulative": -3.0}, withhold=0.5)})
    assert all(e.killed is None for e in ex.events)
    assert any("killed 10000 withheld" in w for w in ex.warnings)


def test_a_value_the_rules_missed_is_added_only_over_the_add_threshold() -> None:
    weights = {"bias": -1.0, "cue_l0:casualty": 3.0}
    ex = _rules(MISSED)
    for e in ex.events:  # as if the rules had missed the toll
        e.killed = None
    decide(ex, {"killed": TollDecision(weights)})  # add off
    assert all(e.killed is None for e in ex.events)
    decide(ex, {"killed": TollDecision(weights, add=0.8)})
    assert [e.killed.value for e in ex.events if e.killed] == [2]


def test_at_least_is_kept_and_an_equally_sure_candidate_never_replaces_the_rules_value() -> None:
    ex = _rules(AT_LEAST)
    decide(ex, {"killed": TollDecision({"qual=at least": 3.0}, withhold=0.5, replace=0.0)})
    (e,) = [e for e in ex.events if e.killed]
    assert (e.killed.value, e.killed.qualifier) == (7, "at least")
    ex = _rules(AT_LEAST)
    decide(ex, {"killed": TollDecision({}, replace=0.0)})  # every candidate at 0.5
    assert [e.killed.value for e in ex.events if e.killed] == [7]
    assert not [w for w in ex.warnings if "undated" not in w]  # no toll decision was told


def test_one_number_is_given_to_one_event_only() -> None:
    ex = _rules(LAUNCHED)
    for e in ex.events:
        e.count = None
    decide(ex, {"count": TollDecision({"bias": 3.0}, add=0.5)})
    values = [e.count.value for e in ex.events if e.count]
    assert len(values) == len(set(values))


# ---------------------------------------------------------------- the shipped model


def test_the_shipped_killed_model_rates_the_strikes_toll_over_the_wars() -> None:
    model = load()
    assert set(model.tolls) == {"count", "killed", "injured"}
    ex = _rules(CUMULATIVE)
    cands = candidates(ex)
    score(ex, cands, model.tolls)
    p = {c.value: c.probability["killed"] for c in cands}
    assert p[4] > p[10000]


def test_the_candidate_probability_feeds_the_confidence_of_the_value() -> None:
    ex = _rules(AT_LEAST)
    cands = candidates(ex)
    score(ex, cands, load().tolls)
    (e,) = [e for e in ex.events if e.killed]
    feats = confidence_features(cands, e)
    assert 0.0 < feats["toll:killed"] <= 1.0 and "toll:injured" in feats


# ---------------------------------------------------------------- training: labels and the withhold threshold


def _report(text: str, gold_killed: list[int], outlet: str = "Example Gazette"):
    from build_tools.train_extract.tolls import Report

    item = {
        "id": "t",
        "outlet": outlet,
        "language": "en",
        "split": "dev",
        "gold": {
            "is_attack_report": True,
            "events": [{"type": "drone_strike", "killed": k} for k in gold_killed],
        },
    }
    return Report(item, _rules(text))


def test_a_candidate_is_labelled_right_when_its_value_is_a_gold_toll_or_their_sum() -> None:
    rep = _report(AT_LEAST, [3, 4])
    labels = dict(zip([c.value for c in rep.cands], rep.labels["killed"], strict=True))
    assert labels[7] is True  # 3 + 4
    assert labels[12] is False


def _tuned(reps: list) -> dict:
    from build_tools.train_extract.tolls import _tune

    t = TollDecision({"cue_s:cumulative": -3.0})  # P(10,000) = 0.05, P(4) = 0.5
    for r in reps:
        score(r.ex, r.cands, {"killed": t})
    return _tune(reps, "killed", t)


def test_a_toll_decision_that_helps_on_many_outlets_is_switched_on() -> None:
    # the rules' 10,000 (the war's toll) replaced by the strike's 4, right on every outlet's report
    reps = [_report(RUNNING, [4], f"Example Gazette {k}") for k in range(20)]
    judged = _tuned(reps)
    assert judged["replace"]["on"] and judged["replace"]["gain_low"] > 0


def test_a_toll_decision_that_helps_on_one_outlet_only_stays_off() -> None:
    # as the exact-sum scorer counts it: one outlet's reports gain, the others have no gold toll
    reps = [_report(RUNNING, [4], "Example Gazette 0") for _ in range(3)]
    reps += [_report(RUNNING, [], f"Example Gazette {k}") for k in range(1, 20)]
    judged = _tuned(reps)
    assert judged["replace"]["gain"] > 0
    assert not judged["replace"]["on"]


TWO_STRIKES = (
    "Drone strikes kill 3 in two villages\n\n"
    "Two farmers were killed when a drone hit their tractor near the village of Ivanivka on Monday. "
    "In a separate attack, one man was killed by a drone in the village of Petrivka, the governor said."
)


def test_the_reports_total_never_replaces_one_events_toll() -> None:
    ex = _rules(TWO_STRIKES)
    before = sorted(e.killed.value for e in ex.events if e.killed)
    assert before == [1, 2]  # the rules put each strike's toll on its event
    # a model that prefers the headline's figure over every other number
    decide(ex, {"killed": TollDecision({"title": 5.0}, replace=0.3)})
    assert sorted(e.killed.value for e in ex.events if e.killed) == before  # 3 is 2 + 1: the total


def test_the_parts_of_a_summed_toll_are_the_rules_and_no_alternative_to_it() -> None:
    ex = _rules(
        "An Israeli air strike hit the town of Kani on Monday, killing two people, and later struck the village "
        "of Ardo, killing two others, the ministry said."
    )
    assert [e.killed.value for e in ex.events if e.killed] == [4]
    twos = [c for c in candidates(ex) if c.value == 2]
    assert len(twos) == 2 and all("killed" in c.rule_fields for c in twos)
