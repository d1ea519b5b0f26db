"""One state's attack on a whole country is one incident (``skylog.link.state_attack``).

Records are built by hand in the extractor's output shape (texts written for these tests).
"""

from __future__ import annotations

from test_link_fixtures import claim, event, record, span

from skylog.link import Linker
from skylog.link.state_attack import lead_attack

DAY = "2024-10-01"


def _time(text: str, said: str, day: str = DAY) -> dict:
    return {"text": said, "start": day, "end": None, "precision": "day", "span": span(text, said)}


def _town(text: str, mention: str, code: str, country: str, lat: float, lon: float) -> dict:
    return {"mention": mention, "span": span(text, mention), "kind": "settlement", "name": mention,
            "country": country, "admin1": code, "admin1_code": code, "gazetteer_id": f"t:{mention}",
            "lat": lat, "lon": lon, "precision": 1}  # fmt: skip


def _region(text: str, mention: str, name: str, code: str, country: str) -> dict:
    return {"mention": mention, "span": span(text, mention), "kind": "region", "name": name,
            "country": country, "admin1": name, "admin1_code": code, "precision": 3}  # fmt: skip


def _link(*recs):
    lk = Linker()
    lk.link(list(recs))
    return lk


JERUSALEM = (
    "Iran launched over 100 missiles at Israel on Tuesday. The missiles were intercepted above Jerusalem."
)
TEL_AVIV = (
    "Iran fired nearly 200 ballistic missiles at Israel on Tuesday, and missiles struck the Tel Aviv area."
)


def _jerusalem(text: str = JERUSALEM, day: str = DAY, who: str = "Iran"):
    ev = event(text, "interception", "intercepted", places=[_town(text, "Jerusalem", "IL-JM", "IL", 31.77, 35.21)],
               weapon="missile", time=_time(text, "on Tuesday", day), perpetrator=claim(text, who, who))  # fmt: skip
    return record("jer", 0, text, ev, source="jer", kind="media", published=f"{day}T21:00:00+03:00")


def _tel_aviv(text: str = TEL_AVIV, who: str = "Iran"):
    ev = event(text, "missile_strike", "missiles struck",
               places=[_region(text, "Tel Aviv", "Tel Aviv District", "IL-TA", "IL")], weapon="missile",
               time=_time(text, "on Tuesday"), perpetrator=claim(text, who, who))  # fmt: skip
    return record("tlv", 0, text, ev, source="tlv", kind="media", published=f"{DAY}T22:00:00+03:00")


def test_one_states_barrage_at_a_country_is_one_incident_across_its_towns_and_interceptions():
    lk = _link(_jerusalem(), _tel_aviv())
    assert lk.by_mention["jer#0"] == lk.by_mention["tlv#0"]
    ev = lk.incidents[lk.by_mention["tlv#0"]].evidence
    assert any("one state's attack" in r for e in ev.values() for r in e.get("reasons") or [])


def test_another_day_or_the_strike_in_answer_is_another_incident():
    other_day = (
        "Iran launched over 100 missiles at Israel on Tuesday. The missiles were intercepted above Jerusalem."
    )
    lk = _link(_jerusalem(other_day, day="2024-10-08"), _tel_aviv())
    assert lk.by_mention["jer#0"] != lk.by_mention["tlv#0"]
    answer = "Israel struck Iran on Tuesday, and missiles struck the Tel Aviv area of the exercise."
    tlv = event(answer, "missile_strike", "missiles struck",
                places=[_region(answer, "Tel Aviv", "Tel Aviv District", "IL-TA", "IL")], weapon="missile",
                time=_time(answer, "on Tuesday"), perpetrator=claim(answer, "Israel", "Israel"))  # fmt: skip
    rec = record("tlv", 0, answer, tlv, source="tlv", kind="media", published=f"{DAY}T22:00:00+03:00")
    lk = _link(_jerusalem(), rec)
    assert lk.by_mention["jer#0"] != lk.by_mention["tlv#0"]


def test_an_armed_groups_missile_is_not_a_states_attack():
    text = "The Houthis launched missiles at Israel on Tuesday, and missiles struck the Tel Aviv area."
    lk = _link(_jerusalem(), _tel_aviv(text, who="Houthis"))
    assert lk.by_mention["jer#0"] != lk.by_mention["tlv#0"]


def test_towns_struck_in_one_night_stay_apart_when_the_lead_names_the_town_as_what_was_struck():
    """Russia–Ukraine: a nationwide night attack is split into its towns' strikes where reports
    lead with the town ("Russia struck Kyiv"), not with the country as a whole."""
    for lead_kyiv, lead_rih in (
        ("Russian forces struck Kyiv on Tuesday with missiles.", "Russian forces struck Kryvyi Rih on Tuesday with missiles."),
        ("Russia struck Kyiv on Tuesday; missiles hit a house.", "Russia struck Kryvyi Rih on Tuesday; missiles hit a school."),
    ):  # fmt: skip
        kyiv = event(lead_kyiv, "missile_strike", "Tuesday", places=[_town(lead_kyiv, "Kyiv", "UA-30", "UA", 50.45, 30.52)],
                     weapon="missile", time=_time(lead_kyiv, "on Tuesday"), perpetrator=claim(lead_kyiv, "Russia", "Russia"))  # fmt: skip
        rih = event(lead_rih, "missile_strike", "Tuesday", places=[_town(lead_rih, "Kryvyi Rih", "UA-12", "UA", 47.91, 33.39)],
                    weapon="missile", time=_time(lead_rih, "on Tuesday"), perpetrator=claim(lead_rih, "Russia", "Russia"))  # fmt: skip
        lk = _link(record("kyiv", 0, lead_kyiv, kyiv, source="kyiv", kind="media", published=f"{DAY}T21:00:00+03:00"),
                   record("rih", 0, lead_rih, rih, source="rih", kind="media", published=f"{DAY}T22:00:00+03:00"))  # fmt: skip
        assert lk.by_mention["kyiv#0"] != lk.by_mention["rih#0"]


def test_the_lead_names_who_struck_and_what_was_struck_as_countries():
    assert lead_attack("Iran launched about 180 missiles at Israel on Tuesday.") == ({"IR"}, {"IL"})
    assert lead_attack("ТЕГЕРАН, 2 октября. Иран осуществил ракетную атаку на Израиль.") == ({"IR"}, {"IL"})
    assert lead_attack("Russian forces struck Kyiv overnight.") == (frozenset(), frozenset())
    assert lead_attack("Israel on Sunday hailed its air defences.") == (frozenset(), frozenset())


def _country_only(text: str, who: str):
    """A report told of the whole country only, its lead naming no striking country."""
    israel = {"mention": "Israel", "span": span(text, "Israel"), "kind": "country", "name": "Israel",
              "country": "IL", "precision": 3}  # fmt: skip
    ev = event(text, "missile_strike", "Missiles", places=[israel], weapon="missile",
               time=_time(text, "on Tuesday"), perpetrator=claim(text, who, who))  # fmt: skip
    return record("whole", 0, text, ev, source="whole", kind="media", published=f"{DAY}T22:30:00+03:00")


def test_a_country_wide_account_naming_the_attacking_state_is_still_its_partner():
    """A report that names the attacker (in the attack's noun, «ракетной атаке Ирана») tells of that
    state's attack as much as one naming no attacker; one naming another attacker does not."""
    text = "Missiles rained down on Israel on Tuesday in the missile attack of Iran, officials said."
    lk = _link(_jerusalem(), _country_only(text, "Iran"))
    assert lk.by_mention["jer#0"] == lk.by_mention["whole#0"]
    other = "Missiles rained down on Israel on Tuesday in the missile attack of the Houthis, officials said."
    lk = _link(_jerusalem(), _country_only(other, "Houthis"))
    assert lk.by_mention["jer#0"] != lk.by_mention["whole#0"]


def _attacker_only(text: str, who: str = "Иран"):
    """A report whose mention names only the attacking state as a country (its lead names the struck
    country too), filed under the attacker's capital as its dateline."""
    iran = {"mention": who, "span": span(text, who, text.find(".") + 1), "kind": "country", "name": "Iran",
            "country": "IR", "precision": 3}  # fmt: skip
    ev = event(text, "missile_strike", "ракет", places=[iran], weapon="missile",
               time=_time(text, "1 октября"), perpetrator=claim(text, "Iran", who))  # fmt: skip
    return record("teh", 0, text, ev, source="teh", kind="media", published=f"{DAY}T23:30:00+03:00")


def test_a_mention_naming_only_the_attacking_state_takes_the_country_its_lead_names_struck():
    """«ТЕГЕРАН, 2 октября»: the dateline of the attacker's capital is where the report was filed; the
    mention that names only the attacker (left out as who struck) is placed in the struck country the
    lead names, and joins the barrage's other reports, not a frame in the attacker's capital region."""
    text = (
        "ТЕГЕРАН, 2 октября. Иран осуществил ракетную атаку на Израиль. Вечером 1 октября Иран выпустил "
        "по Израилю почти 200 ракет, в стране звучали сирены."
    )
    lk = _link(_jerusalem(), _attacker_only(text))
    assert lk.by_mention["jer#0"] == lk.by_mention["teh#0"]
    f = next(m for inc in lk.incidents.values() for m in inc.members if m.rec.id == "teh#0")
    assert f.places.countries == {"IL"} and not f.places.admin1
