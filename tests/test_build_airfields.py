"""The airfield table's build keeps the names reports use and drops a bare town keyword (#16)."""

from __future__ import annotations

from build_tools.airfields.build import _words, keep, names_of


def _row(**kw: str) -> dict[str, str]:
    return {"type": "medium_airport", "name": "", "keywords": "", "wikipedia_link": "", **kw}


def test_names_drop_generic_words_and_codes():
    _, generic = _words()
    row = _row(
        name="Sevastopol International Airport / Belbek Air Base",
        keywords="Аэропорт Бельбек, URFB",
    )
    assert names_of(row, generic, []) == ["Sevastopol", "Belbek", "Бельбек"]


def test_a_keyword_without_an_airfield_word_is_no_name():
    # "Dublin" of Weston Airport is the town it serves, not the airfield's name
    _, generic = _words()
    assert names_of(_row(name="Weston Airport", keywords="Dublin"), generic, []) == ["Weston"]


def test_small_airfields_are_kept_only_when_military():
    military, _ = _words()
    assert keep(_row(type="small_airport", name="Hatzerim Air Base"), military)
    assert not keep(_row(type="small_airport", name="Goltl Airport"), military)
    assert not keep(_row(type="heliport", name="Kitchen Creek Helibase Heliport"), military)
