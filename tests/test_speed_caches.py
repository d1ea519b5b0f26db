"""Caches of the extraction's hot paths: bounded, and answering what the uncached function answers."""

from __future__ import annotations

import pytest

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
