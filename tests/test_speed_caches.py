"""Caches of the extraction's hot paths: bounded, and answering what the uncached function answers."""

from __future__ import annotations

import pytest
from gazetteer_entries import entry as gazetteer_entry

from skylog.extract.common.numbers import word_value
from skylog.geo.joint import looks_alike
from skylog.geo.normalize import norm
from skylog.nlp.text import _fold_char, fold

CACHED = [_fold_char, word_value, norm, looks_alike]


@pytest.mark.parametrize("fn", CACHED, ids=lambda f: f.__name__)
def test_cache_is_bounded(fn):
    assert fn.cache_info().maxsize is not None


def test_fold_same_as_uncached():
    text = "Ёлка’s **NIGHT** raid — 3 drones 🚀 at\u00a0Kyiv"
    assert fold(text) == "".join(_fold_char.__wrapped__(c) for c in text)
    assert fold(text, lower=False) == "".join(_fold_char.__wrapped__(c, False) for c in text)
    assert fold(text) == fold(text)  # a second pass, served by the cache, folds alike


@pytest.mark.parametrize(
    "word,language",
    [("twenty-five", "en"), ("Twelve", "en"), ("dozen", "en"), ("двох", "uk"), ("house", "en")],
)
def test_word_value_same_as_uncached(word, language):
    assert word_value(word, language) == word_value.__wrapped__(word, language)
    assert word_value(word, language) == word_value.__wrapped__(word, language)


def test_place_name_helpers_same_as_uncached():
    for name in ("Zaporižžja", "Київ", "St. Peter's", "Kharkiv Oblast"):
        assert norm(name) == norm.__wrapped__(name)
    assert looks_alike("Шебекино", "Shebekino") == looks_alike.__wrapped__("Шебекино", "Shebekino") is True
    assert looks_alike("Mecca", "Medina") == looks_alike.__wrapped__("Mecca", "Medina") is False


def test_hedge_weapon_class_and_side_caches_answer_as_uncached():
    from skylog.extract.common.hedges import hedge_of
    from skylog.extract.en.casualties import weapon_class_of
    from skylog.geo.sides import _names_a_side, names_a_side

    for fn in (hedge_of, weapon_class_of, _names_a_side):
        assert fn.cache_info().maxsize is not None
    for text in ("Officials allegedly said two drones fell.", "Russia denied the strike.", "A drone fell."):
        assert hedge_of(text) == hedge_of.__wrapped__(text) == hedge_of(text)
    for word in ("drones", "cruise missile", "shahed", "house"):
        assert weapon_class_of(word) == weapon_class_of.__wrapped__(word) == weapon_class_of(word)
    text = "Missiles fired by Iran hit Haifa."
    for span in (
        (text.index("Iran"), text.index("Iran") + 4),
        (text.index("Haifa"), text.index("Haifa") + 5),
    ):
        assert (
            names_a_side(text, span)
            == _names_a_side.__wrapped__(text, *span)
            == names_a_side(text, list(span))
        )
    assert names_a_side(text, (text.index("Iran"), text.index("Iran") + 4)) is True


def test_count_near_counts_what_near_says_of_each_other_point():
    from skylog.geo.distance import count_near, near

    spots = {
        "a": (50.0, 36.2),
        "b": (50.4, 36.9),
        "c": (49.99, 36.23),
        "me": (50.0, 36.25),
        "far": (10.0, 10.0),
    }
    for lat, lon in ((50.0, 36.25), (50.3, 36.8), (-33.9, 18.4)):
        for km in (1.0, 60.0, 100.0):
            want = sum(1 for k, pt in spots.items() if k != "me" and near(lat, lon, pt, km))
            assert count_near(lat, lon, spots, km, "me") == want


def test_joint_reasons_are_written_for_the_chosen_reading_alone():
    from dataclasses import replace

    from skylog.geo.gazetteer import Candidate, Entry
    from skylog.geo.joint import joint
    from skylog.records import Place

    def entry(i: int, country: str, a1: int | None, level: int = 3) -> Entry:
        return gazetteer_entry(i, country, a1, level, lon=36.0, population=5000)

    region = replace(entry(1, "UA", None, level=1), kind="region")
    here, there = entry(2, "UA", 1), replace(entry(3, "US", 9), lat=30.0, lon=-90.0)
    mentions = [Place(mention="Region", span=(0, 6)), Place(mention="Town", span=(10, 14))]
    cands = [[Candidate(region, "region", 0)], [Candidate(there, "town", 0, 0.5), Candidate(here, "town", 0)]]
    picks = joint(mentions, cands, "Region in Town", "en")
    assert picks[1].entry.id == 2  # the town in the named region, though its own score is lower
    # the reasons of the chosen reading, spelt as the rules give them (the other reading's are never written)
    assert picks[1].why == [
        "its region is named in the text +3.0",
        "in the region named just before +1.5",
        "text's country UA +1.00",
    ]
    assert picks[1].score == 5.5
