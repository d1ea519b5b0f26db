"""Russian/Ukrainian killed and injured figures: which words a casualty cue counts (invented posts)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 4, 12, 6, 0, tzinfo=UTC)


def events(pipe, text: str, lang: str) -> list[dict]:
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    assert not out["warnings"], out["warnings"]
    return out["events"]


def val(claim):
    return claim["value"] if claim else None


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # a figure after a conjunction and before another cue is that cue's
        ("Гладков: один человек погиб и четверо ранены при обстреле Шебекино из артиллерии.", "ru", 1, 4),
        ("Унаслідок обстрілу Нікополя з артилерії загинула одна людина та троє поранені.", "uk", 1, 3),
        # what comes before the conjunction after another cue is that cue's
        ("Армия РФ обстреляла Херсон из артиллерии: трое ранены и погиб мужчина.", "ru", 1, 3),
        # both cues share the figure when nothing stands between them
        ("Армия РФ обстреляла Херсон из артиллерии, погибли двое, ранены пятеро.", "ru", 2, 5),
    ],
)
def test_each_casualty_cue_counts_its_own_figure(pipe, text, lang, killed, injured):
    (ev,) = events(pipe, text, lang)
    assert ev["type"] == "shelling"
    assert val(ev["killed"]) == killed and val(ev["injured"]) == injured


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # the figure follows an aside set off by commas
        (
            "Российские военные днем обстреляли Херсон из артиллерии, убив, по предварительной информации, "
            "одного человека и ранив еще 8 человек.",
            "ru",
            1,
            8,
        ),
        # the cue's clause ends at once and the person it tells of follows
        (
            "Російські війська атакували Херсон із безпілотника. Через скидання вибухівки з дрона травми, "
            "несумісні з життям, дістав 54-річний чоловік.",
            "uk",
            1,
            None,
        ),
    ],
)
def test_a_casualty_figure_after_an_aside(pipe, text, lang, killed, injured):
    (ev,) = events(pipe, text, lang)
    assert val(ev["killed"]) == killed and val(ev["injured"]) == injured


def test_an_aside_with_its_own_figure_is_no_aside(pipe):
    # a figure inside the aside counts its sources, not the dead
    text = "Армия РФ обстреляла Херсон из артиллерии, погибли, по данным 2 источников, люди."
    (ev,) = events(pipe, text, "ru")
    assert val(ev["killed"]) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Сумщина: вночі росіяни обстріляли прикордоння з мінометів, 12 обстрілів. "
            "Загиблих і поранених немає.",
            "uk",
        ),
        ("Ночью ВСУ обстреляли Шебекино из артиллерии. Погибших и раненых нет.", "ru"),
    ],
)
def test_none_killed_nor_injured_named_together(pipe, text, lang):
    (ev,) = events(pipe, text, lang)
    assert val(ev["killed"]) == 0 and val(ev["injured"]) == 0


def test_injured_none_says_nothing_of_the_dead(pipe):
    (ev,) = events(pipe, "Ночью ВСУ обстреляли Шебекино из артиллерии. Раненых нет.", "ru")
    assert val(ev["injured"]) == 0 and ev["killed"] is None


def test_no_casualties_beside_a_denial_of_damage(pipe):
    # «повреждений не зафиксировано» denies damage; the sentence still states that nobody was hurt
    text = (
        "Ночью в Ростовской области отражена воздушная атака. Беспилотники уничтожены в Миллеровском районе. "
        "Пострадавших нет, повреждений на земле не зафиксировано."
    )
    (ev,) = events(pipe, text, "ru")
    assert ev["type"] == "interception"
    assert val(ev["killed"]) == 0 and val(ev["injured"]) == 0


def test_people_hurt_by_debris_are_not_the_downings(pipe):
    text = (
        "Ночью Саратов атакован беспилотниками. По словам губернатора, сбиты девять БПЛА, "
        "обломки повредили жилой дом в Саратове, ранены двое."
    )
    evs = events(pipe, text, "ru")
    by_type = {e["type"]: e for e in evs}
    assert val(by_type["debris_fall"]["injured"]) == 2
    assert by_type["interception"]["injured"] is None
    assert sum(val(e["injured"]) or 0 for e in evs) == 2


@pytest.mark.parametrize(
    ("text", "lang", "types"),
    [
        # the Ukrainian masculine past of a harm verb: found by its dictionary form
        (
            "Сумська ОВА повідомила, що уламок дрона пошкодив енергетичні об'єкти Шостки.",
            "uk",
            ["debris_fall"],
        ),
        # the debris of a downed missile tells of its downing too (#15)
        ("Уламок збитої ракети зруйнував склад у Конотопі.", "uk", ["debris_fall", "interception"]),
    ],
)
def test_debris_that_damaged_in_any_verb_form_is_an_event(pipe, text, lang, types):
    evs = events(pipe, text, lang)
    assert sorted(e["type"] for e in evs) == types
    (ev,) = [e for e in evs if e["type"] == "debris_fall"]
    assert ev["damage"] is not None and ev["damage"]["value"].split()[0] in text


def test_a_hurting_verb_in_the_masculine_past_is_harm(pipe):
    text = "Росіяни обстріляли Нікополь з артилерії. Ворожий дрон поранив чоловіка у Марганці."
    evs = events(pipe, text, "uk")
    assert any(e["type"] == "drone_strike" and val(e["injured"]) == 1 for e in evs)


def test_the_day_a_run_of_attacks_began_is_not_the_events_day(pipe):
    # published Saturday 12 April; the run began on Thursday evening, the drone fell on Saturday
    text = (
        "Над Калужской областью сбит еще один дрон.\n"
        "Атаки на Калужскую область, начавшиеся вечером 10 апреля, в субботу утром продолжились. "
        "Силами ПВО уничтожен один беспилотник."
    )
    evs = events(pipe, text, "ru")
    assert evs and all(e["time"]["start"] == "2025-04-12" for e in evs)


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # a death verb in any form is harm and a killed cue («померла», «умер»)
        ("Ворожий дрон влучив у будинок у Сумах. Пенсіонерка померла в лікарні.", "uk", 1, None),
        ("Беспилотник ударил по автобусу в Курске. Водитель умер по дороге в больницу.", "ru", 1, None),
        # an inflection of the injured words the stems do not list («потерпілих»)
        ("Росіяни обстріляли Херсон з артилерії, серед потерпілих четверо дорослих.", "uk", None, 4),
    ],
)
def test_casualty_words_in_any_inflection(pipe, text, lang, killed, injured):
    evs = events(pipe, text, lang)
    assert evs
    assert sum(val(e["killed"]) or 0 for e in evs) == (killed or 0)
    assert sum(val(e["injured"]) or 0 for e in evs) == (injured or 0)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ВСУ обстреляли Горловку из артиллерии, есть погибший.", "ru"),
        ("Ворог обстріляв Покровськ з артилерії: є загиблий.", "uk"),
    ],
)
def test_one_dead_named_by_a_singular_word(pipe, text, lang):
    # «есть погибший»: a singular nominative participle or noun of the dead is one person
    (ev,) = events(pipe, text, lang)
    assert val(ev["killed"]) == 1


def test_the_plural_or_an_inanimate_death_word_counts_no_one(pipe):
    # «є загиблі» names no figure; «гибель» is no person
    (ev,) = events(pipe, "Ворог обстріляв Покровськ з артилерії: є загиблі.", "uk")
    assert ev["killed"] is None


def test_casualties_told_of_another_settlement_are_another_attack(pipe):
    text = (
        "Російські війська обстріляли Костянтинівку з артилерії, загинула жінка. "
        "Крім того, відомо про трьох загиблих і двох поранених у Краматорську."
    )
    evs = events(pipe, text, "uk")
    assert len(evs) == 2
    assert sorted(val(e["killed"]) for e in evs) == [1, 3]
    assert sum(val(e["injured"]) or 0 for e in evs) == 2


def test_a_tally_split_by_settlement_stays_one_account(pipe):
    # the lead's tally, then where the people were hurt: the parts fit within the whole
    text = (
        "При атаке дронов ВСУ на Белгородскую область ранены пять человек, сообщил губернатор. "
        "В селе Ракитное дрон атаковал автомобиль, ранен водитель. "
        "В Шебекино ранения получили четыре человека."
    )
    evs = events(pipe, text, "ru")
    assert sum(val(e["injured"]) or 0 for e in evs) == 5


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        # a life taken, in either word order
        ("Росіяни обстріляли Нікополь з артилерії. Обстріл забрав життя трьох людей.", "uk", 3),
        ("Армия РФ обстреляла Херсон из артиллерии. Обстрел унес жизни двух человек.", "ru", 2),
        # victims become: with a figure, or one person named
        ("Росіяни обстріляли Нікополь з артилерії. Жертвами стали двоє цивільних.", "uk", 2),
        ("Армия РФ обстреляла Херсон из артиллерии. Жертвой обстрела стал водитель.", "ru", 1),
    ],
)
def test_a_life_taken_and_victims_become_are_killed(pipe, text, lang, killed):
    (ev,) = events(pipe, text, lang)
    assert val(ev["killed"]) == killed


def test_a_figure_of_people_is_not_the_weapons_count(pipe):
    # «вбили двох мешканців … ударом дрона»: two people killed by one drone, not two drones
    (ev,) = events(pipe, "Росіяни вбили двох мешканців Херсона ударом дрона.", "uk")
    assert val(ev["killed"]) == 2 and val(ev["count"]) != 2


@pytest.mark.parametrize(
    ("text", "lang", "injured"),
    [
        ("Дрон ВСУ атаковал Валуйки. За медицинской помощью обратились четыре человека.", "ru", 4),
        ("Ворожий дрон атакував Суми. До міської лікарні доставили двох людей.", "uk", 2),
        ("Ворожий дрон атакував Суми. Медики надали допомогу шістьом людям.", "uk", 6),
        ("Дрон ВСУ атаковал Валуйки. Пятерым жителям оказана медицинская помощь.", "ru", 5),
    ],
)
def test_people_treated_are_injured(pipe, text, lang, injured):
    (ev,) = events(pipe, text, lang)
    assert val(ev["injured"]) == injured


@pytest.mark.parametrize(
    ("text", "lang", "injured"),
    [
        # people listed after the cue add up: alone 1, after their figure the figure, one per age
        ("Внаслідок удару дрона ранены 68-летний мужчина и три женщины.", "ru", 4),
        (
            "Внаслідок удару дрона у Куп'янську постраждали 76-річний чоловік, 88-річна та 66-річна жінки.",
            "uk",
            3,
        ),
        ("При обстреле Горловки ранены трое мужчин и женщина.", "ru", 4),
        # the same people named again after a dash, or another cue's figure, are not added
        ("При обстреле Курска пострадали два человека — мужчина и женщина.", "ru", 2),
        ("При обстреле Горловки погибли 2 человека и 5 ранены.", "ru", 5),
    ],
)
def test_people_listed_after_the_cue_add_up(pipe, text, lang, injured):
    evs = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()["events"]
    assert sum((e["injured"] or {}).get("value") or 0 for e in evs) == injured
