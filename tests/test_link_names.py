"""Linking by a particular name both reports give (``text.name_keys``), across languages."""

from __future__ import annotations

from test_link_fixtures import event, place, record

from skylog.link import Linker, MentionRecord
from skylog.link.text import name_keys

EN = "On Sunday a missile struck near the Dorvanel terminal, officials said."


def _day(text: str) -> dict:
    return {"text": text, "start": "2025-05-04", "end": None, "precision": "day", "span": None}


def _strike(rid: str, text: str, anchor: str, when: str) -> MentionRecord:
    ev = event(text, "missile_strike", anchor, weapon="missile", places=[], time=_day(when))
    return record(
        rid, 0, text, ev, source=f"{rid} outlet", kind="media", published="2025-05-04T12:00:00+00:00"
    )


def test_a_name_meets_across_scripts_and_inflections():
    assert name_keys(EN) == name_keys("В воскресенье ракета упала у терминала Дорванеля.") == {"dorva"}
    assert "dorva" in name_keys("Балістична ракета впала біля терміналу Дорванель у неділю.")


def test_places_the_gazetteer_knows_months_and_sentence_openers_are_no_names():
    assert not name_keys("Drones hit Kharkiv and Odesa on Monday in May. Officials said so.")
    assert not name_keys("Дроны атаковали Харьков в мае.")
    # a people's adjective names no spot: "Israeli", "Iranian", "Ukrainian" are their countries
    assert name_keys("An Israeli, an Iranian and a Ukrainian drone hit the Dorvanel depot.") == {"dorva"}


def test_reports_in_two_languages_naming_one_unplaced_facility_link():
    en = _strike("en", EN, "a missile struck", "On Sunday")
    ru_text = "В воскресенье ракета упала у терминала Дорванель, сообщили власти."
    ru = _strike("ru", ru_text, "ракета упала", "В воскресенье")
    lk = Linker()
    lk.link([en, ru])
    inc = lk.by_mention["en#0"]
    assert lk.by_mention["ru#0"] == inc
    assert any("both name dorva" in r for r in lk.incidents[inc].evidence["ru#0"]["reasons"])


def test_without_a_shared_name_only_the_time_in_common_does_not_link():
    en = _strike("en", EN, "a missile struck", "On Sunday")
    ru_text = "В воскресенье ракета упала у терминала Брегмунт, сообщили власти."
    assert name_keys(ru_text)  # a name, but another one
    ru = _strike("ru", ru_text, "ракета упала", "В воскресенье")
    lk = Linker()
    lk.link([en, ru])
    assert lk.by_mention["ru#0"] != lk.by_mention["en#0"]


def test_a_name_in_the_reports_lead_ties_a_mention_told_in_a_later_sentence():
    en = _strike("en", EN, "a missile struck", "On Sunday")
    ru_text = "Ракета упала у терминала Дорванель. В воскресенье обломки повредили дорогу, сообщили власти."
    ru = _strike("ru", ru_text, "обломки повредили", "В воскресенье")
    lk = Linker()
    assert not name_keys(ru.evidence_text())  # the mention's own sentence names nothing
    lk.link([en, ru])
    assert lk.by_mention["ru#0"] == lk.by_mention["en#0"]


def test_a_quoted_business_name_is_a_name_and_ts_meets_c():
    # «Епіцентр» set off in quotes, as Ukrainian and Russian typography sets a business's name, is a
    # name (a quote opening a sentence is not); its "ц" romanised "ts" meets the English "c"
    uk = "Кількість загиблих від удару по гіпермаркету “Луцентр” у місті зросла до 18."
    assert (
        name_keys(uk) == name_keys('The toll of the strike on the "Lucenter" hypermarket rose.') == {"lucen"}
    )
    assert name_keys("Удар по «Лецтору» ...") == name_keys("Strike at the Lector plant") == {"lecto"}
    assert not name_keys("«Ракета упала», сказал он.")


def _kharkiv(rid: str, text: str, day: str | None, published: str) -> MentionRecord:
    tm = {"text": "on Saturday", "start": day, "end": None, "precision": "day", "span": None} if day else None
    ev = event(text, "drone_strike", "strike", places=[place(text, "Kharkiv", "Kharkiv")], time=tm)
    return record(rid, 0, text, ev, source=f"{rid} outlet", kind="media", published=published)


def test_a_name_only_one_of_two_rival_incidents_shares_tells_them_apart():
    # an undated follow-up fits Thursday's and Saturday's strikes alike in time; it shares the
    # governor's name with both, and the hypermarket's name only with Saturday's: it joins Saturday's
    sat = _kharkiv("sat", "On Saturday a strike hit the Bravecentre hypermarket in Kharkiv, governor Drovenko said.",
                   "2024-05-25", "2024-05-25T18:00:00+03:00")  # fmt: skip
    thu = _kharkiv("thu", "On Thursday a strike hit a printing house in Kharkiv, governor Drovenko said.", "2024-05-23",
                   "2024-05-23T18:00:00+03:00")  # fmt: skip
    thu.event["time"] = {
        "text": "on Thursday",
        "start": "2024-05-23",
        "end": None,
        "precision": "day",
        "span": None,
    }
    follow = "The toll of the strike on the “Бравецентр” hypermarket in Kharkiv rose to 18, governor Drovenko said."
    up = _kharkiv("up", follow, None, "2024-05-26T10:00:00+03:00")
    # a follow-up naming no day: on or before its publication (the week before it)
    up.event["time"] = {"text": None, "start": None, "end": "2024-05-26", "precision": "unknown", "span": None,
                        "basis": "on_or_before_published"}  # fmt: skip
    from skylog.link.gates import names_tell

    lk = Linker()
    lk.link([thu, sat])
    f = lk.features([up])[0]
    sat_inc, thu_inc = lk.incidents[lk.by_mention["sat#0"]], lk.incidents[lk.by_mention["thu#0"]]
    assert names_tell(f, sat_inc, thu_inc) and not names_tell(f, thu_inc, sat_inc)
    # the two score alike: the names rank Saturday's first, and Thursday's is no rival
    lk.link([up])
    assert lk.by_mention["up#0"] == lk.by_mention["sat#0"]
