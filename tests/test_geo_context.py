"""Context that must not mislead resolution: a surname's possessive, a big country's own towns,
odd alternate names, and names that fit every large state."""

from __future__ import annotations

from dataclasses import replace

from gazetteer_entries import entry

from skylog.geo import Geocoder, geoparse
from skylog.geo.fallback import OWN_COUNTRY_NAMES, Fallback
from skylog.geo.gazetteer import Candidate, Entry
from skylog.geo.joint import _Static
from skylog.records import Place


def test_possessive_of_a_surname_read_as_a_village_does_not_hold_the_city():
    # "Prate" is only an alternate name of a small Italian town: it is a person here, so
    # "Prate's Paris office" does not put Paris inside that town
    text = (
        "The doctor brought 14 drawings inherited from his father to Prate's Paris office in March. "
        "He had kept the drawings for years."
    )
    paris = [p for p in geoparse(text, "en", bare_names=True) if p.mention == "Paris"]
    assert paris and paris[0].country == "FR"


def _entry(i: int, country: str, a1: int | None, level: int = 3, pop: int = 1000) -> Entry:
    return entry(i, country, a1, level, population=pop)


def test_fallback_leaves_a_small_town_in_a_country_the_text_is_about():
    # a Belarusian region is named, but three other names are read in the US: a small US
    # "Atlanta" is a (maybe wrong) reading of the text's own geography, not a village to be
    # moved into Minsk region
    region = Candidate(_entry(1, "BY", None, level=1, pop=2_000_000), "minsk", 0)
    us = [Candidate(_entry(10 + k, "US", 100 + k), f"town{k}", 0) for k in range(OWN_COUNTRY_NAMES + 1)]
    names = ["Minsk", "Chicago", "Baltimore", "Atlanta"][: 1 + len(us)]
    mentions = [Place(mention=n, span=(10 * k, 10 * k + len(n))) for k, n in enumerate(names)]
    picks = [region, *us]
    gz = Geocoder.default().gz
    out = Fallback(gz, mentions, list(picks), [None] * len(picks), " ".join(names)).run()
    assert len(names) - 1 not in out


def test_an_odd_alternate_name_makes_no_region_the_texts_home():
    # "Delta" is an alternate name of Downs, Illinois: it must not vouch for Illinois,
    # while a town under its own name ("Delta" of Delta, Utah) does vouch for its state
    downs = replace(_entry(20, "US", 200), name="Downs")
    delta = replace(_entry(21, "US", 201), name="Delta")
    mentions = [Place(mention="Delta", span=(0, 5))]
    st = _Static(mentions, [[Candidate(downs, "delta", 2), Candidate(delta, "delta", 0)]], "Delta")
    assert st.fits[0] == {201}
    assert st.region_support.get(200, 0) == 0 and st.region_support[201] == 1


def test_state_abbreviation_keeps_its_period_and_a_bare_one_is_no_state():
    text = (
        "Slide forces closure of W.Va. 61 in East Bank. The S.C. Highway Patrol is looking for leads. "
        "Miss Cordiner hopes to win the Miss Ohio title."
    )
    places = geoparse(text, "en", streets=True, bare_names=True)
    got = {(p.mention, p.admin1_code) for p in places}
    assert ("W.Va.", "US-WV") in got and ("S.C.", "US-SC") in got
    assert not any(p.mention == "Miss" for p in places)


def test_a_bare_name_only_one_sizeable_town_bears_is_that_town():
    # no NER tag, no region named: Eilat is read because no other place of any size is so called
    assert [(p.mention, p.country) for p in geoparse("A missile hit Eilat, the army said.", "en")] == [
        ("Eilat", "IL")
    ]


def test_a_sole_town_name_needs_a_word_that_puts_a_place_there():
    # "Anthem" (a town of Arizona) names a firm here; "Sens." is an abbreviation
    text = "The firm signed with Anthem Blue Cross. U.S. Sens. Barbara Boxer spoke."
    places = geoparse(text, "en")
    assert not any(p.mention in ("Anthem", "Sens") for p in places)


def test_a_small_town_under_a_name_unlike_its_own_is_no_reading():
    from skylog.geo.geocoder import _odd_alternate

    small = replace(_entry(30, "US", 300, pop=12_000), name="Beeville")
    big = replace(_entry(31, "IN", 301, pop=12_000_000), name="Mumbai")
    ua = replace(_entry(32, "UA", 302, pop=5_000), name="Rutchenkivskyi")
    act = replace(_entry(33, "AU", None, level=1), name="Australian Capital Territory")
    assert _odd_alternate("Maryville", Candidate(small, "maryville", 2))
    assert not _odd_alternate("Maryville", Candidate(small, "maryville", 0))  # its own name
    assert not _odd_alternate("Bombay", Candidate(big, "bombay", 2))  # a big city's exonym
    assert not _odd_alternate("Kirovsky", Candidate(ua, "kirovsky", 2))  # a former name in Ukraine
    assert _odd_alternate("Act", Candidate(act, "act", 2)) and not _odd_alternate(
        "ACT", Candidate(act, "act", 2)
    )
