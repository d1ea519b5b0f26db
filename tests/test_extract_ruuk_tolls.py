"""Russian/Ukrainian tolls and counts told in the forms of issue #15 (invented posts): denials of deaths,
a toll that rose, victims with the attack named between, «N з них» after a launch, a part of things."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ruuk_posts import post_events

from skylog.extract.common.numbers import word_value

PUB = datetime(2025, 5, 12, 6, 0, tzinfo=UTC)


def events(pipe, text: str, lang: str) -> list[dict]:
    return post_events(pipe, text, lang, PUB)


def val(claim):
    return claim["value"] if claim else None


@pytest.mark.parametrize(
    ("word", "value"),
    [("п'яти", 5), ("п’яти", 5), ("дев'яти", 9), ("шести", 6)],
)
def test_a_numeral_read_past_a_likelier_noun(word, value):
    # «п'яти» is first the heel's case («п'ята»), then the genitive of «п'ять»
    assert word_value(word, "uk")[0] == value


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Украинский беспилотник атаковал Курчатов, никто не погиб.", "ru"),
        ("Ворожий дрон атакував Суми, ніхто не загинув.", "uk"),
        ("Дрон ВСУ атаковал Шебекино, повреждены два дома, погибших не было.", "ru"),
        ("Дрон ВСУ атаковал Шебекино, повреждены два дома, не было погибших.", "ru"),
    ],
)
def test_nobody_killed_is_zero_killed(pipe, text, lang):
    (ev,) = events(pipe, text, lang)
    assert val(ev["killed"]) == 0


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        ("До двох збільшилась кількість жертв ворожого обстрілу у Херсоні.", "uk", 2),
        ("Кількість жертв ворожого обстрілу у Херсоні збільшилась до двох.", "uk", 2),
        ("Росіяни атакували Дніпро дронами, кількість загиблих зросла до п'яти.", "uk", 5),
        # victims become, with the attack named between the two words
        ("Жертвами удара по Херсону стали два человека, еще 7 ранены.", "ru", 2),
    ],
)
def test_a_toll_that_rose_and_victims_become(pipe, text, lang, killed):
    (ev,) = events(pipe, text, lang)
    assert val(ev["killed"]) == killed


def test_a_toll_before_the_weapon_is_no_weapons_count(pipe):
    (ev,) = events(pipe, "Зросла до 5 кількість загиблих внаслідок ракетного удару по Дніпру.", "uk")
    assert val(ev["killed"]) == 5 and val(ev["count"]) != 5


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("Ворог випустив 14 безпілотників. 11 з них вдалося збити.", "uk", 11),
        ("Ворог випустив 14 безпілотників. З них збито 11.", "uk", 11),
        ("Противник запустил 30 дронов. 25 из них сбиты.", "ru", 25),
        ("Противник запустил 30 дронов. Из них сбиты 25.", "ru", 25),
    ],
)
def test_downed_of_those_launched_before(pipe, text, lang, count):
    evs = [e for e in events(pipe, text, lang) if e["type"] == "interception"]
    assert [val(e["count"]) for e in evs] == [count]


def test_one_of_those_downed_before_is_a_part_not_another_interception(pipe):
    text = (
        "Над Ростовской областью сбито десять беспилотников. Один из них был сбит в районе Новошахтинска, "
        "девять других — на юго-западе региона."
    )
    counts = [val(e["count"]) for e in events(pipe, text, "ru") if e["type"] == "interception"]
    assert counts == [10]


def test_a_part_of_things_harmed_is_no_person(pipe):
    text = "Ворог застосував ракети С-300 проти Запоріжжя. В результаті постраждав один з об'єктів інфраструктури."
    assert all(not val(e["injured"]) for e in events(pipe, text, "uk"))


def test_ballistics_is_a_missile_strike(pipe):
    (ev,) = events(pipe, "Росія вдарила балістикою по Умані, є загиблі.", "uk")
    assert ev["type"] == "missile_strike"


def test_a_place_after_the_drones_that_struck_it(pipe):
    # «дронами Белгород» is the weapon of an attack on the city, not a drone named «Белгород»
    (ev,) = events(pipe, "ВСУ атаковали дронами Белгород, ранены два человека.", "ru")
    assert any(p.get("admin1_code") == "RU-BEL" for p in ev["places"])


def test_a_figure_told_once_for_several_regions_is_no_regions_count(pipe):
    # «15 БПЛА над Самарской и Саратовской областями»: each region downed some, none of them 15
    text = (
        "Кроме того, 15 БПЛА уничтожили над Самарской и Саратовской областями, 13 — над территорией "
        "Республики Крым."
    )
    got = {}
    for e in events(pipe, text, "ru"):
        for p in e["places"]:
            got[p.get("admin1_code")] = val(e["count"])
    assert got == {"RU-SAM": None, "RU-SAR": None, "UA-43": 13}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a city's name in the case of an adjective («краматорську», «миколаєві», «хмельницькому»), followed
        # by no word it could modify: a preposition, an adverb, a noun in another case
        ("У Краматорську внаслідок ракетного удару загинула людина.", "UA-14"),
        ("У Миколаєві внаслідок атаки дронів пошкоджено будинки.", "UA-48"),
        ("А ось в Хмельницькому в результаті удару безпілотниками одна людина загинула.", "UA-68"),
        ("Ворог атакував Кропивницький дронами, пошкоджено будинки.", "UA-35"),
        # a small town right after a preposition of place
        ("У Бериславі внаслідок обстрілу загинула людина.", "UA-65"),
        ("У Бурині внаслідок атаки дронів пошкоджено будинки.", "UA-59"),
    ],
)
def test_a_town_named_in_its_case_after_a_preposition(pipe, text, code):
    (ev,) = events(pipe, text, "uk")
    assert code in {p.get("admin1_code") for p in ev["places"]}


def test_a_region_adjective_before_its_noun_is_no_town(pipe):
    (ev,) = events(pipe, "Внаслідок атаки дронів у Сумській області пошкоджено будинки.", "uk")
    assert {p.get("kind") for p in ev["places"]} == {"region"}


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        (
            "Ворожий дрон атакував Суми, поранено двох людей. Ще одна людина отримала травми.",
            "uk",
            None,
            3,
        ),
        (
            "Беспилотник ВСУ атаковал Шебекино, ранены два человека. Позже стало известно, что еще один "
            "человек пострадал.",
            "ru",
            None,
            3,
        ),
        (
            "Беспилотник ВСУ атаковал Шебекино, погиб мужчина. Также погибла еще одна женщина.",
            "ru",
            2,
            None,
        ),
        # told again without a word of more: the same people, not more
        (
            "Ворожий дрон атакував Суми, поранено двох людей. Дві людини отримали травми.",
            "uk",
            None,
            2,
        ),
    ],
)
def test_a_toll_told_as_more_in_a_later_sentence_adds(pipe, text, lang, killed, injured):
    (ev,) = events(pipe, text, lang)
    assert (val(ev["killed"]), val(ev["injured"])) == (killed, injured)


def test_a_weaponless_shelling_told_as_more_adds_to_the_event_before(pipe):
    text = (
        "Опівдні російські військові обстріляли Херсон, загинула жінка. "
        "Згодом стало відомо, що також через обстріл Херсона загинув чоловік."
    )
    (ev,) = events(pipe, text, "uk")
    assert val(ev["killed"]) == 2


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # «ещё четверо» are more than the one dead told just before, not more than the injured told before
        (
            "Дрон ВСУ атаковал Шебекино: один человек погиб, четверо ранены. "
            "По словам губернатора, погиб мужчина, еще четверо получили ранения.",
            "ru",
            1,
            4,
        ),
        # a headline tells the total: «ще одного загиблого» after it is one of them
        (
            "До двох збільшилась кількість жертв обстрілу у Херсоні\n"
            "Стало відомо про ще одного загиблого через російський обстріл Херсона.",
            "uk",
            2,
            None,
        ),
    ],
)
def test_a_toll_told_as_more_does_not_restate(pipe, text, lang, killed, injured):
    evs = events(pipe, text, lang)
    assert [(val(e["killed"]), val(e["injured"])) for e in evs] == [(killed, injured)]


def test_more_hurt_in_another_settlement_add_nothing_to_the_event_before(pipe):
    text = "Ворожий дрон атакував Суми, поранено двох людей. Ще одна людина поранена у Конотопі."
    assert 3 not in [val(e["injured"]) for e in events(pipe, text, "uk")]


def test_a_thing_that_suffered_is_no_casualty(pipe):
    text = "Беспилотник ВСУ атаковал Шебекино. Также в результате атаки пострадал частный дом."
    (ev,) = events(pipe, text, "ru")
    assert val(ev["injured"]) is None


def test_a_year_of_birth_is_no_past_event(pipe):
    text = "Унаслідок обстрілу Херсона загинув чоловік 1980 року народження."
    (ev,) = events(pipe, text, "uk")
    assert val(ev["killed"]) == 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a list item tells another attack: the shelling told before it is not its outcome
        (
            "Російські окупанти обстріляли Центральний район Херсона, загинула людина.\n"
            "- У Херсоні російський дрон скинув вибухівку на цивільне авто. Загинув 61-річний чоловік.",
            "uk",
        ),
        # so does a recall
        (
            "В результате вражеского обстрела в понедельник тяжелые ранения получила женщина.\n"
            "Напомним, в Чернигове поздно вечером произошел взрыв. «Шахед» упал в центральной части города.",
            "ru",
        ),
    ],
)
def test_a_shelling_is_no_outcome_of_another_storys_drone(pipe, text, lang):
    assert sorted(e["type"] for e in events(pipe, text, lang)) == ["drone_strike", "shelling"]


def test_a_weaponless_attack_in_the_story_of_a_drone_is_its_outcome(pipe):
    text = "Дрон ВСУ атаковал Белгород.\nВ результате атаки пострадали двое, сообщил губернатор."
    (ev,) = events(pipe, text, "ru")
    assert (ev["type"], val(ev["injured"])) == ("drone_strike", 2)


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        # two towns told in the body, each with one dead: two strikes, not one strike told twice
        (
            "Росіяни атакували Сумщину.\n\nГолова ОВА повідомив про наслідки атак за добу.\n\n"
            "У Шостці російський дрон влучив у будинок, загинула жінка.\n\n"
            "У Конотопі ворожий дрон влучив у автомобіль, загинув чоловік.",
            [1, 1],
        ),
        # a headline's toll told again in the body, of a village by the town it names: one strike
        (
            "Дрон атакував Шостку: загинула жінка\n\n"
            "У селі Вороніж поблизу Шостки російський дрон влучив у будинок, загинула жінка.",
            [1],
        ),
    ],
)
def test_one_toll_in_two_towns_is_restated_only_by_the_lead(pipe, text, tolls):
    assert [val(e["killed"]) for e in events(pipe, text, "uk")] == tolls


def test_one_toll_in_two_towns_on_other_days_is_two_attacks():
    from skylog.extract.ruuk.merge import merge_events
    from skylog.records import Claim, EventMention, Place, TimeExpr

    def ev(at: int, town: str, day: str | None) -> EventMention:
        t = TimeExpr(text=day, start=day, end=day, precision="day") if day else None
        place = Place(mention=town, span=(at, at + 1), kind="settlement", name=town, admin1_code="UA-59")
        return EventMention(type="drone_strike", spans=[(at, at + 5)], places=[place], time=t,
                            killed=Claim(1, [(at + 2, at + 3)]))  # fmt: skip

    lead = 20  # both in the lead: one strike told twice, unless on other days
    assert len(merge_events([ev(0, "Шостка", None), ev(10, "Вороніж", None)], PUB, lead)) == 1
    assert len(merge_events([ev(0, "Шостка", None), ev(10, "Вороніж", "2025-05-01")], PUB, lead)) == 2
    assert len(merge_events([ev(10, "Шостка", None), ev(30, "Вороніж", None)], PUB, 5)) == 2  # the body


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # collective numerals past «семеро» (and «обоє») count people as the lower ones do
        ("Внаслідок удару дрона по Одесі постраждали восьмеро людей.", "uk", None, 8),
        ("Унаслідок атаки дронів на Харків загинули десятеро людей, ще дев'ятеро поранені.", "uk", 10, 9),
        (
            "В результате удара беспилотника по Белгороду пострадали восьмеро, в том числе двое детей.",
            "ru",
            None,
            8,
        ),
        ("При атаке дронов на Горловку погибли девятеро мирных жителей.", "ru", 9, None),
    ],
)
def test_collective_numerals_up_to_ten(pipe, text, lang, killed, injured):
    (ev,) = events(pipe, text, lang)
    assert (val(ev["killed"]), val(ev["injured"])) == (killed, injured)


@pytest.mark.parametrize(
    ("word", "lang", "value"), [("восьмеро", "uk", 8), ("десятеро", "ru", 10), ("обоє", "uk", 2)]
)
def test_collective_numeral_words(word, lang, value):
    assert word_value(word, lang)[0] == value


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        # the launched figure told before the verb of those downed is not their count
        ("Из 50 запущенных беспилотников сбиты 45.", "ru", 45),
        ("Россия выпустила по Украине 50 дронов, сбиты 45.", "ru", 45),
        ("Росія запустила 50 дронів, ППО знешкодила 45.", "uk", 45),
        ("Із запущених 50 дронів збито або подавлено 45.", "uk", 45),
        ("ВСУ атаковали Белгород 5 беспилотниками, один сбит.", "ru", 1),
        # a participle after the verb's own figure leaves it the count
        ("Сили ППО знищили 26 шахедів, запущених росіянами.", "uk", 26),
    ],
)
def test_launched_before_the_downed_is_not_the_count(pipe, text, lang, count):
    (ev,) = events(pipe, text, lang)
    assert (ev["type"], val(ev["count"])) == ("interception", count)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a second harm negated after «никто не …» is none too, not one
        ("Атака дронов на Белгород: никто не пострадал и не погиб.", "ru"),
        ("Атака дронів на Житомирщину: ніхто не постраждав або не загинув.", "uk"),
        ("Атака дронів на Житомир: ніхто не загинув і не постраждав.", "uk"),
    ],
)
def test_nobody_hurt_nor_killed_is_zero_both(pipe, text, lang):
    (ev,) = events(pipe, text, lang)
    assert (val(ev["killed"]), val(ev["injured"])) == (0, 0)


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # the negator told before the harm
        ("Дрон атакував Миколаїв. «Найголовніше, що немає жертв», - підкреслив він.", "uk", 0, 0),
        ("Дрон атаковал Курчатов. Нет пострадавших.", "ru", 0, 0),
        ("Ракета упала в Курске, нет ни погибших, ни раненых.", "ru", 0, 0),
        # no report of harm is none
        ("Ракета упала в Тель-Авиве. О пострадавших и серьёзных повреждениях не сообщалось.", "ru", 0, 0),
        ("Дрон атакував Суми. Про постраждалих не повідомляється.", "uk", 0, 0),
        # the harm word of «обійшлося без …» is no cue: «обох» counts no one
        ("Дрон атакував Суми. В обох випадках обійшлося без потерпілих.", "uk", 0, 0),
        # the people safe
        ("Хусити атакували судно дроном. Всі члени екіпажу судна — в безпеці.", "uk", 0, 0),
    ],
)
def test_no_harm_told_otherwise_is_zero(pipe, text, lang, killed, injured):
    (ev,) = events(pipe, text, lang)
    assert (val(ev["killed"]), val(ev["injured"])) == (killed, injured)


def test_no_information_is_not_zero(pipe):
    (ev,) = events(pipe, "Дрон атаковал Курчатов. Нет информации о пострадавших.", "ru")
    assert val(ev["injured"]) is None


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # people listed before their cue, summed; the list is the injured cue's, not the dead's before it
        (
            "Дрон атаковал Белгород. Погибла жительница, 28 взрослых и 1 ребенок получили осколочные ранения.",
            "ru",
            1,
            29,
        ),
        ("Дрон атаковал Белгород, двое взрослых и трое детей ранены.", "ru", None, 5),
        ("Дрон атакував Суми, двоє дорослих та троє дітей поранені.", "uk", None, 5),
        # after the cue, as before
        ("Дрон атаковал Днепр, ранены 68-летний мужчина и три женщины.", "ru", None, 4),
        ("Дрон атаковал Белгород, погибли мужчина и женщина, ранены трое.", "ru", 2, 3),
    ],
)
def test_people_listed_before_their_cue(pipe, text, lang, killed, injured):
    (ev,) = events(pipe, text, lang)
    assert (val(ev["killed"]), val(ev["injured"])) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # a lead tells the toll, the attack is told after it: the report's one event's toll
        (
            "Число пострадавших составляет, по последним данным, до 16 человек.\n"
            "«Погибла одна женщина, до 16 человек ранены», — сказал он.\n"
            "Ранее Пушилин сообщил, что ВСУ нанесли удар из РСЗО по центру Донецка.",
            "ru",
            1,
            16,
        ),
        (
            "Відомо про 12 постраждалих.\nУ середу росіяни атакували Нікополь дроном-камікадзе.",
            "uk",
            None,
            12,
        ),
    ],
)
def test_a_toll_told_before_the_one_event(pipe, text, lang, killed, injured):
    (ev,) = events(pipe, text, lang)
    assert (val(ev["killed"]), val(ev["injured"])) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "lang", "injured"),
    [
        # an ADDED word between the people and their cue opens no clause: the people are the cue's
        ("Дрон атакував Суми, поранено жінку. Ще трьом людям також надали допомогу на місці.", "uk", 4),
        (
            "Дрон ВСУ атаковал Шебекино, ранен мужчина. Еще двум жителям также оказали помощь на месте.",
            "ru",
            3,
        ),
    ],
)
def test_more_people_before_an_added_word_and_their_cue(pipe, text, lang, injured):
    (ev,) = events(pipe, text, lang)
    assert val(ev["injured"]) == injured


@pytest.mark.parametrize(
    ("text", "lang", "injured"),
    [
        # the people restated between two dashes: the figure before the aside is the cue's, its ages no one's
        (
            "Дрон атакував Суми. Чотирьом людям – чоловіку 40 років та жінкам 35 і 70 років – медики "
            "надали допомогу на місці.",
            "uk",
            4,
        ),
        (
            "Дрон ВСУ атаковал Шебекино. Двум жителям — мужчине 44 лет и женщине 51 года — врачи "
            "оказали помощь на месте.",
            "ru",
            2,
        ),
    ],
)
def test_people_restated_between_dashes_before_their_cue(pipe, text, lang, injured):
    (ev,) = events(pipe, text, lang)
    assert val(ev["injured"]) == injured


def test_more_dead_after_more_hurt_still_add_to_the_dead(pipe):
    # the injured told as more people in between restate nothing: the later «також … загинув» adds
    text = (
        "Опівдні російські військові обстріляли Херсон, загинула жінка. "
        "Ще двом людям надали допомогу на місці. "
        "Згодом стало відомо, що також через обстріл Херсона загинув чоловік."
    )
    (ev,) = events(pipe, text, "uk")
    assert (val(ev["killed"]), val(ev["injured"])) == (2, 2)
