"""The relevance prefilter (``common.prefilter``) lets through English reports that name their munitions only by
the weapon's own name (#15): a false "no" loses the incident before extraction."""

from __future__ import annotations

import pytest

from skylog.extract.common.prefilter import check
from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


@pytest.mark.parametrize(
    "text",
    [
        "Around 40 projectiles were fired at northern Israel on Tuesday.",
        "Russia fired two Iskanders at Kharkiv.",
        "Two Kinzhals hit Kyiv overnight.",
        "Ukraine fired ATACMS at Belgorod.",
        "Russia used Kalibrs against Odesa.",
        "A Geran-2 hit Kharkiv.",
        "A Lancet hit a tank near Kupiansk.",
        "An FPV hit a car in Kherson.",
        "Russian forces fired 12 Katyushas at the village.",
        "Russian howitzers pounded the village.",
        "A FAB-500 hit Kharkiv.",
        "Storm Shadows hit a port in Crimea.",
        "Tomahawks hit the air base.",
    ],
)
def test_a_weapon_named_only_by_its_own_name_passes(text):
    assert check(text, "en").relevant


def test_unrelated_text_still_stops():
    assert not check("The football match ended in a draw on Tuesday.", "en").relevant


def test_such_a_report_is_extracted():
    ex = EnglishPipeline()(
        make_report("Russia fired two Iskanders at Kharkiv on Tuesday, killing three people.", language="en")
    )
    assert [(e.type, e.count.value, e.killed.value) for e in ex.events] == [("missile_strike", 2, 3)]
