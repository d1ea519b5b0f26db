"""The outlet-grouped cross-validation of event type (``bench/extract_cv.py``): folds hold whole outlets,
are balanced per language and stable; each config toggles only its own learned decision."""

from __future__ import annotations

from collections import Counter

from bench.extract_cv import _variants, assign_folds, prf, table
from skylog.extract.learned.model import Model, Retyper


def _items() -> list[dict]:
    out = []
    for k in range(12):
        out += [{"outlet": f"Daily Example {k}", "language": "en"}] * (1 + k % 3)
    for k in range(6):
        out.append({"outlet": f"Пример {k}", "language": "ru"})
    return out


def test_folds_hold_whole_outlets_and_balance_each_language():
    items = _items()
    folds = assign_folds(items, 3)
    assert set(folds) == {i["outlet"] for i in items}
    assert set(folds.values()) == {0, 1, 2}
    for lang in ("en", "ru"):
        sizes = Counter(folds[i["outlet"]] for i in items if i["language"] == lang)
        assert max(sizes.values()) - min(sizes.values()) <= 3  # an outlet has at most 3 items here


def test_folds_do_not_depend_on_item_order():
    items = _items()
    assert assign_folds(items, 4) == assign_folds(list(reversed(items)), 4)


def test_each_variant_keeps_only_its_decision():
    model = Model(relevance_decides=True, type_decides=True, retyper=Retyper(classes={"shelling": {}}))
    v = _variants(model)
    assert (v["+relevance"].relevance_decides, v["+relevance"].type_decides, v["+relevance"].retyper) == (
        True,
        False,
        None,
    )
    assert v["+withhold"].type_decides and not v["+withhold"].relevance_decides
    assert v["+retype"].retyper is model.retyper and not v["+retype"].type_decides
    assert v["cv"] is model


def test_scores_pool_counts_as_the_shared_scorer_does():
    assert prf(3, 4, 6) == (0.75, 0.5, 0.6)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    counts = {c: {lg: [1, 2, 2] for lg in ("en", "ru", "uk")} for c in ("rules", "+relevance", "+withhold",
                                                                          "+retype", "cv", "in-sample")}  # fmt: skip
    assert "0.500/0.500/0.500" in table(counts).splitlines()[1]


def test_confusions_pair_a_missed_type_with_one_predicted_wrongly():
    from bench.extract_cv import confusions

    assert confusions(["shelling"], ["drone_strike"]) == [("shelling", "drone_strike")]
    assert confusions(["air_strike", "shelling"], ["missile_strike"]) == [
        ("air_strike", "missile_strike"),
        ("shelling", "none"),
    ]
    assert confusions(["interception"], ["interception", "drone_strike"]) == [("none", "drone_strike")]
    assert confusions(["interception"], ["interception"]) == []


def test_confusion_listing_tallies_one_split_with_the_evidence():
    import json

    from bench.extract_cv import confusion_listing

    row = {"id": "r1", "outlet": "O", "split": "train", "language": "ru", "gold": ["shelling"]}
    rows = [
        {**row, "cv": ["drone_strike"], "cv_events": [["drone_strike", "нанесли удар"]]},
        {**row, "id": "r2", "split": "dev", "cv": [], "cv_events": []},
        {**row, "id": "r3", "cv": ["shelling"], "cv_events": [["shelling", "обстреляли"]]},
    ]
    lines = confusion_listing(rows).splitlines()
    first = json.loads(lines[0])
    assert first["id"] == "r1" and first["confusions"] == [["shelling", "drone_strike"]]
    assert first["events"] == [["drone_strike", "нанесли удар"]]
    assert lines[1:] == [
        "train/ru type confusions (gold -> cv), 1 in all:",
        "    1  shelling -> drone_strike",
    ]
    assert "r2" in confusion_listing(rows, "dev")


def test_relevance_listing_names_missed_reports_and_passed_negatives():
    import json

    from bench.extract_cv import relevance_listing

    row = {"id": "r1", "outlet": "O", "split": "train", "language": "ru", "rules": ["air_strike"]}
    rows = [
        {**row, "gold": ["air_strike"], "cv": [], "rules_events": [["air_strike", "нанесли авиаудар"]]},
        {**row, "id": "r2", "language": "uk", "gold": [], "cv": ["drone_strike"], "rules_events": []},
        {**row, "id": "r3", "gold": ["air_strike"], "cv": ["shelling"], "rules_events": []},
    ]
    lines = relevance_listing(rows).splitlines()
    first = json.loads(lines[0])
    assert (
        first["error"] == "missed"
        and first["id"] == "r1"
        and first["events"] == [["air_strike", "нанесли авиаудар"]]
    )
    assert json.loads(lines[1])["error"] == "passed"
    assert lines[2] == "relevance errors (cv) per language: ru missed 1, uk passed 1"
