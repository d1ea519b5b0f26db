"""Where shelling reaches (``geo/data/reach.toml``): the listed units, less their far cities."""

from __future__ import annotations

from skylog.geo.gazetteer import default_gazetteer
from skylog.geo.reach import BEYOND, REGIONS, Located, shelling_reaches


def test_every_far_city_is_a_gazetteer_entry_of_a_listed_unit() -> None:
    g = default_gazetteer()
    for gid in BEYOND:
        row = g._db().execute("SELECT id FROM places WHERE gid = ?", (gid,)).fetchone()
        assert row is not None, gid
        assert g.entry(row[0]).admin1_code in REGIONS, gid


def test_a_town_of_a_listed_unit_is_within_reach_but_its_far_city_is_not() -> None:
    nikopol = Located("UA", "UA-12", "gn:700051", "settlement")
    dnipro = Located("UA", "UA-12", "gn:709930", "settlement")
    assert shelling_reaches([nikopol]) is True
    assert shelling_reaches([dnipro]) is False
    assert shelling_reaches([dnipro, nikopol]) is True


def test_the_towns_named_decide_before_their_units() -> None:
    region = Located("UA", "UA-12")
    dnipro = Located("UA", "UA-12", "gn:709930", "settlement")
    assert shelling_reaches([region]) is True
    assert shelling_reaches([region, dnipro]) is False
    assert shelling_reaches([Located("UA", "UA-30", "gn:703448", "settlement")]) is False  # Kyiv


def test_countries_alone_decide_only_far_from_the_front() -> None:
    assert shelling_reaches([Located("UA", kind="country")]) is None
    assert shelling_reaches([Located("IR", kind="country")]) is False
    assert shelling_reaches([]) is None
