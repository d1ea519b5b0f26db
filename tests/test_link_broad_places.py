"""A part of a country ("central Israel") read as the unit the country calls so is a broad area."""

from __future__ import annotations

from skylog.link.features import place_features
from skylog.link.relations import place_relation

_CENTRAL = {"kind": "region", "name": "Central", "country": "IL", "admin1_code": "IL-M", "lat": 31.93, "lon": 34.87,
            "precision": 3}  # fmt: skip


def _unit(code: str, name: str) -> dict:
    return {"mention": name, "kind": "region", "name": name, "country": "IL", "admin1_code": code}


def test_a_country_part_is_a_broad_area_and_a_unit_named_itself_is_not():
    assert place_features([{**_CENTRAL, "mention": "central Israel"}]).broad == {"IL-M"}
    assert place_features([{**_CENTRAL, "mention": "Central District"}]).broad == frozenset()
    # named itself by another mention as well: no longer broad
    both = place_features([{**_CENTRAL, "mention": "central Israel"}]).union(
        place_features([{**_CENTRAL, "mention": "Central District"}])
    )
    assert both.broad == frozenset()


def test_a_country_part_reaches_the_units_next_to_it_but_no_further():
    broad = place_features([{**_CENTRAL, "mention": "central Israel"}])
    named = place_features([{**_CENTRAL, "mention": "Central District"}])
    tel_aviv = place_features([_unit("IL-TA", "Tel Aviv District")])
    north = place_features([_unit("IL-Z", "Northern District")])
    score, why = place_relation(broad, tel_aviv)
    assert score is not None and score < 0.45 and "part of the country" in why  # wording must tie them
    assert place_relation(tel_aviv, broad)[0] == score
    assert place_relation(broad, north)[0] is None  # the north is no part of central Israel
    assert place_relation(named, tel_aviv)[0] is None  # a unit named itself keeps its borders
