"""The ground a launch came from is no place of the strike (invented posts): «обстріл Одеси з окупованого
Криму», «ракеты, выпущенные из Белгородской области, попали в Харьков» (#15)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 4, 12, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Вранці окупанти завдали ракетного удару по Миколаєву з тимчасово окупованого Криму, поранено трьох.",
         "uk", "Mykolayiv"),
        ("Ракеты, выпущенные из Белгородской области, попали в жилой дом в Харькове, ранены двое.", "ru",
         "Kharkiv"),
        ("Росіяни випустили ракети з території окупованого Криму по Херсону, пошкоджено будинок.", "uk",
         "Kherson"),
    ],
)  # fmt: skip
def test_the_launch_ground_is_no_place_of_the_strike(pipe, text, lang, place) -> None:
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    assert [[p["name"] for p in e["places"]] for e in out["events"]] == [[place]]


def test_a_region_struck_after_a_preposition_stays_the_place(pipe) -> None:
    # «з» of a region not after an attack or launch word: where the report comes from, the region stays
    text = "Новини з Харківської області: дрон атакував село, поранено двох людей."
    out = pipe(make_report(text, published_at=PUB, language="uk")).to_dict()
    assert "Kharkiv Oblast" in [p["name"] for e in out["events"] for p in e["places"]]
