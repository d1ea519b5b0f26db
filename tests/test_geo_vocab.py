"""geo's word lists are data (geo/data/*.toml, read through geo.vocab); the patterns built from them
match what the hand-written patterns matched (probe strings, expected answers as before the move)."""

from __future__ import annotations

import re

import pytest

from skylog.geo import frame
from skylog.geo.vocab import alternation, items, table


def test_a_list_is_an_alternation_of_its_items_in_order():
    assert items("frame", "en.IN", "ruuk.IN") == ["in", "of", "within", "в", "у", "во"]
    assert alternation("frame", "en.IN", "ruuk.IN") == "in|of|within|в|у|во"
    assert table("frame") is table("frame")  # read once


@pytest.mark.parametrize("word", items("frame", "en.ADMIN", "ruuk.ADMIN"))
def test_every_admin_word_of_the_data_is_an_admin_word(word):
    probe = re.sub(r"\\w\*|\[(.)[^]]*\]|\?", lambda m: m.group(1) or "", word)  # one form of the item
    assert frame._ADMIN_WORD.search(f"Foo {probe}")


@pytest.mark.parametrize(
    ("gap", "kind"),
    [
        (" in the ", "in"),
        (" village in the northern ", "in"),
        (" town of ", "in"),
        (" in south-eastern ", "in"),
        (" во ", "in"),
        ("'s ", "in"),
        (" near the ", "near"),
        (", not far from the city of ", "near"),
        (" неподалік від ", "near"),
        (" под ", "near"),
        (" and ", None),
        (" from the ", None),
        (" nearby ", None),
    ],
)
def test_links_between_two_names_read_as_before(gap, kind):
    text = f"Alpha{gap}Beta"
    got = frame.links([(0, 5), (5 + len(gap), len(text))], text)
    assert [lk.kind for lk in got] == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("mention", "part"),
    [
        ("Kirovsky district", True),
        ("North Side", True),
        ("Tekstilshchik neighborhood", True),
        ("Кировский микрорайон", True),
        ("Боровский район", True),
        ("Kherson", False),
        ("Sumy region", False),
    ],
)
def test_a_district_or_a_part_of_a_town(mention, part):
    assert frame.is_part(mention) is part


@pytest.mark.parametrize(
    ("text", "span", "own"),
    [
        ("Pale Township", (0, 13), True),
        ("Pale township, Sagaing", (0, 4), True),
        ("Pale town", (0, 9), False),
        ("Kani Oblast", (0, 11), True),
        ("Kani State", (0, 10), False),
    ],
)
def test_a_unit_named_after_its_stem(text, span, own):
    assert frame.names_own_unit(text, span, text[span[0] : span[1]]) is own
