"""RuUkPipeline end to end on invented posts in each style issue 8 names."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from skylog.ingest.common import make_report

SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schema" / "extract.schema.json"
PUB = datetime(2025, 4, 12, 6, 0, tzinfo=UTC)


def run(pipe, text: str, lang: str, pub: datetime | None = PUB) -> dict:
    out = pipe(make_report(text, published_at=pub, language=lang)).to_dict()
    assert not out["warnings"], out["warnings"]
    return out


def codes(ev: dict) -> set[str]:
    return {p["admin1_code"] for p in ev["places"] if p.get("admin1_code")}


def val(claim):
    return claim["value"] if claim else None


# ---------------------------------------------------------------- officials' posts
def test_governor_interception_no_casualties(pipe):
    out = run(pipe, "Над Медынским районом сбит беспилотник. Пострадавших и разрушений нет.", "ru")
    (ev,) = out["events"]
    assert ev["type"] == "interception" and ev["weapon"] == "drone"
    assert val(ev["count"]) == 1 and val(ev["killed"]) == 0 and val(ev["injured"]) == 0


def test_ukrainian_damage_and_injured_in_words(pipe):
    text = (
        "Уночі ворог атакував Сумщину ударними дронами. Внаслідок атаки пошкоджено приватний будинок "
        "та автомобіль, травмовано трьох людей, повідомив начальник Сумської ОВА Олег Марченко."
    )
    out = run(pipe, text, "uk")
    (ev,) = [e for e in out["events"] if e["type"] == "drone_strike"]
    assert "UA-59" in codes(ev)
    assert val(ev["injured"]) == 3
    assert "будинок" in ev["damage"]["value"]
    assert ev["time"]["start"] == "2025-04-12"
    assert any("Марченко" in (q["speaker"] or "") for q in out["quotes"])


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        # the attack told alone, its harm in the next sentence: one event, placed by the attack sentence
        (
            "Вранці 11 квітня місто Полтава було атаковане ворогом. Пошкоджено багато вікон та три автомобілі.",
            "uk",
            "UA-53",
        ),
        (
            "Утром 11 апреля враг атаковал город Полтаву. В районе рынка произошли попадания, повреждены окна.",
            "ru",
            "UA-53",
        ),
    ],
)
def test_an_attack_and_its_harm_in_the_next_sentence_are_one_event(pipe, text, lang, code):
    out = run(pipe, text, lang)
    (ev,) = out["events"]
    assert code in codes(ev)
    assert ev["damage"] is not None
    assert ev["time"]["start"] == "2025-04-11"


def test_a_bare_attack_without_harm_after_it_is_no_event(pipe):
    # nothing follows the attack, or another event intervenes before the harm
    assert (
        run(pipe, "Вранці місто Полтава було атаковане ворогом. Мер закликав зберігати спокій.", "uk")[
            "events"
        ]
        == []
    )
    text = (
        "Вранці місто Полтава було атаковане ворогом. Над Сумщиною збито два дрони. Пошкоджено багато вікон."
    )
    evs = run(pipe, text, "uk")["events"]
    assert all("UA-53" not in codes(e) for e in evs)


def test_ukrainian_dead_noun_is_harm(pipe):
    # «загиблих» (the dead) is harm: a weaponless strike with it is an event
    out = run(pipe, "Унаслідок удару по Харкову є троє загиблих.", "uk")
    (ev,) = out["events"]
    assert val(ev["killed"]) == 3


def test_killed_words_and_perpetrator(pipe):
    text = (
        "В результате удара FPV-дрона ВСУ по автомобилю в селе Новая Таволжанка погиб один человек, "
        "двое ранены, сообщил губернатор Белгородской области."
    )
    out = run(pipe, text, "ru")
    (ev,) = out["events"]
    assert ev["type"] == "drone_strike"
    assert val(ev["killed"]) == 1 and val(ev["injured"]) == 2
    assert ev["perpetrator"]["value"] == "ВСУ"
    assert "RU-BEL" in codes(ev)


def test_glide_bomb_is_air_strike_and_shelling_separate(pipe):
    text = (
        "Росіяни скинули дві керовані авіабомби на Куп'янськ. Також ворог обстріляв громаду з мінометів, "
        "минулося без постраждалих."
    )
    types = {e["type"] for e in run(pipe, text, "uk")["events"]}
    assert types == {"air_strike", "shelling"}


def test_debris_with_harm_is_its_own_event(pipe):
    text = (
        "Ночью над Липецкой областью силами ПВО уничтожены четыре беспилотника. "
        "Обломки повредили кровлю склада. Пострадавших нет."
    )
    evs = run(pipe, text, "ru")["events"]
    assert {e["type"] for e in evs} == {"interception", "debris_fall"}
    (ic,) = [e for e in evs if e["type"] == "interception"]
    assert val(ic["count"]) == 4 and "RU-LIP" in codes(ic)


# ---------------------------------------------------------------- ministry lists
def test_ministry_list_one_event_per_region_with_elliptical_names(pipe):
    text = (
        "В период с 14.00 до 19.00 мск дежурными средствами ПВО перехвачены и уничтожены 23 украинских "
        "беспилотных летательных аппарата самолетного типа: 11 – над территорией Тульской области, "
        "7 – Калужской, 3 – Орловской, 2 – над акваторией Азовского моря."
    )
    evs = run(pipe, text, "ru")["events"]
    per = {}
    for e in evs:
        assert e["type"] == "interception"
        key = next(iter(codes(e)), None) or e["places"][0]["name"]
        per[key] = val(e["count"])
    assert per == {"RU-TUL": 11, "RU-KLU": 7, "RU-ORL": 3, "Sea of Azov": 2}
    assert evs[0]["time"]["start"] == "2025-04-11T14:00:00+03:00"
    assert evs[0]["perpetrator"] is None or "украин" in evs[0]["perpetrator"]["value"].lower()


def test_ministry_words_distributive_and_crimea(pipe):
    text = (
        "Дежурными средствами ПВО уничтожены шесть беспилотников: четыре над территорией Курской области, "
        "по одному – над Брянской областью и Республикой Крым."
    )
    evs = run(pipe, text, "ru")["events"]
    per = {next(iter(codes(e))): val(e["count"]) for e in evs if codes(e)}
    assert per == {"RU-KRS": 4, "RU-BRY": 1, "UA-43": 1}


def test_truncated_list_keeps_the_stated_total(pipe):
    text = (
        "Дежурными средствами ПВО уничтожены 40 украинских беспилотных летательных аппаратов: "
        "25 – над территорией Ростовской области, 9 – над территорией Воронежской"
    )
    evs = run(pipe, text, "ru")["events"]
    counts = sorted(val(e["count"]) for e in evs)
    assert counts == [9, 25, 40]
    total = [e for e in evs if val(e["count"]) == 40][0]
    assert not codes(total)


# ---------------------------------------------------------------- air-force tallies
def test_air_force_tally_launched_and_intercepted(pipe):
    text = (
        "У ніч на 12 квітня противник атакував 73 ударними БпЛА типу Shahed. За попередніми даними, "
        "станом на 09:00 протиповітряною обороною знищено/подавлено 51 з 73 ворожих БпЛА на сході країни. "
        "Зафіксовано влучання 14 ударних БпЛА на шести локаціях."
    )
    evs = run(pipe, text, "uk")["events"]
    (ic,) = [e for e in evs if e["type"] == "interception"]
    assert val(ic["count"]) == 51 and val(ic["launched"]) == 73
    assert ic["count"]["hedge"] == "likely"
    (st,) = [e for e in evs if e["type"] == "drone_strike"]
    assert val(st["count"]) == 14
    assert ic["time"]["start"] == "2025-04-12"


def test_missiles_weapon_types(pipe):
    text = "Вночі сили ППО збили 6 крилатих ракет Х-101 та 2 ракети «Калібр» над Вінниччиною."
    (ev,) = run(pipe, text, "uk")["events"]
    assert ev["type"] == "interception" and ev["weapon"] == "missile"
    assert val(ev["count"]) == 8 and "UA-05" in codes(ev)


def test_a_missile_that_hit_is_a_strike(pipe):
    # «попала в/на»: the Russian verb of a hit, as «влучила» in Ukrainian
    text = "Баллистическая ракета, запущенная утром, попала на территорию аэропорта, повредив два автомобиля."
    assert [ev["type"] for ev in run(pipe, text, "ru")["events"]] == ["missile_strike"]
    assert run(pipe, "Водитель попал в больницу после аварии на трассе.", "ru")["events"] == []


# ---------------------------------------------------------------- not events
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Всего с начала специальной военной операции уничтожены 512 самолетов и 61 000 беспилотников.", "ru"),
        ("На Рівненщині тероборона провела навчання зі збиття дронів-імітаторів на полігоні.", "uk"),
        ("Информация о якобы сбитом над городом беспилотнике не соответствует действительности.", "ru"),
        ("Если противник применит ракеты, ПВО может не успеть их перехватить.", "ru"),
        ("Фермеры Ставрополья опрыскивают поля дронами: беспилотник обрабатывает 20 гектаров в час.", "ru"),
        ("Подразделения группировки войск «Восток» уничтожили танк и два пункта управления БПЛА на "
         "Южно-Донецком направлении.", "ru"),
    ],
)  # fmt: skip
def test_not_events(pipe, text, lang):
    assert run(pipe, text, lang)["events"] == []


# ---------------------------------------------------------------- quotes
def test_direct_quote_with_speaker_after(pipe):
    text = (
        "Над Брянской областью ночью сбиты три беспилотника. «Повреждений и пострадавших на земле нет, "
        "работают оперативные службы», — написал губернатор Александр Богомаз в своем Telegram-канале."
    )
    out = run(pipe, text, "ru")
    q = [q for q in out["quotes"] if q["kind"] == "direct"][0]
    assert q["speaker"] == "Александр Богомаз" and q["text"].startswith("Повреждений")
    assert q["channel"] == "Telegram" and "губернатор" in (q["role"] or "")


def test_ukrainian_quote_pronoun_and_claimant(pipe):
    text = (
        "Про атаку повідомив голова Харківської ОВА Олег Синєгубов.\n\n"
        '"Ворог поцілив дроном у житловий будинок, поранено двох людей", - написав він.'
    )
    out = run(pipe, text, "uk")
    q = [q for q in out["quotes"] if q["kind"] == "direct"][0]
    assert q["speaker"] == "Олег Синєгубов"
    (ev,) = out["events"]
    assert ev["type"] == "drone_strike" and val(ev["injured"]) == 2
    assert ev["claimant"] == "Олег Синєгубов"


def test_reported_speech_inflected_name(pipe):
    text = "По словам Вячеслава Гладкова, в Шебекино от удара дрона пострадала женщина."
    out = run(pipe, text, "ru")
    assert any(q["speaker"] == "Вячеслав Гладков" for q in out["quotes"])
    assert out["events"][0]["claimant"] == "Вячеслав Гладков"


def direct_speakers(out: dict) -> list[str | None]:
    return [q["speaker"] for q in out["quotes"] if q["kind"] == "direct"]


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        # the outlet relaying the post is not the one who spoke in it
        (
            "Про обстріл Ізюма повідомив голова Харківської ОВА Олег Синєгубов, інформує Укрінформ.\n"
            '"Снаряд влучив у будинок, поранено двох людей", - йдеться у повідомленні.',
            "uk",
            "Синєгубов",
        ),
        # inner marks like the outer ones: the mark an attribution follows closes the quote
        (
            "Відео оприлюднив командувач Повітряних сил Микола Олещук.\n"
            "“Екіпажі “Центру” та “Сходу” знищили ворожі цілі над областю”, – написав він.",
            "uk",
            "Микола Олещук",
        ),
        # «об этом сказал» after a quote; names in straight quotes before it are no quotes
        (
            'На полигоне "Капустин яр" прошел пуск ракеты "Ярс", - сообщает Вестник.\n'
            '"Ракета поразила учебную цель на полигоне Кура", - об этом сказал полковник Игорь Пестов.',
            "ru",
            "Игорь Пестов",
        ),
        (
            "«Кошти підуть на закупівлю дронів для війська», – прокоментував Іван Гнатенко.",
            "uk",
            "Гнатенко",
        ),
    ],
)
def test_quote_speakers_across_relays_nesting_and_names(pipe, text, lang, speaker):
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    assert any(speaker in (s or "") for s in direct_speakers(out)), out["quotes"]


def test_straight_quotes_stay_on_their_line(pipe):
    text = (
        'Окупанти випустили 40 снарядів з "Градів". Є поранений.\n'
        '"Місто Херсон ворог обстріляв двічі, снаряди влучили у квартали", - написав Олександр Прокудін.'
    )
    out = pipe(make_report(text, published_at=PUB, language="uk")).to_dict()
    texts = [q["text"] for q in out["quotes"] if q["kind"] == "direct"]
    assert texts and all(t.startswith("Місто") for t in texts), texts


# ---------------------------------------------------------------- stated absence of casualties
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the threat word of «угрозы устранены» makes no event, the absence it states still counts
        (
            "Ночью над Орловской областью сбиты три беспилотника. Угрозы устранены, пострадавших не "
            "зафиксировано.",
            "ru",
        ),
        # a lead that tells the outcome before the event it is about
        (
            "Пострадавших и разрушений нет, говорится в сообщении губернатора. Над Орловской областью "
            "был сбит беспилотник.",
            "ru",
        ),
        # absence told after the damage it is coordinated with, and «потерпілих»
        ("Над Полтавщиною вночі збито два ворожі дрони. Обійшлося без руйнувань та потерпілих.", "uk"),
        # «усі БпЛА»: all of them, no count of one; the absence closes every interception told
        (
            "Уночі над Полтавою ППО збила ворожі дрони. Згодом усі БпЛА ворога були знищені. "
            "Минулося без пошкоджень і постраждалих.",
            "uk",
        ),
    ],
)
def test_stated_absence_of_casualties_closes_the_interceptions(pipe, text, lang):
    evs = run(pipe, text, lang)["events"]
    assert evs and all(e["type"] == "interception" for e in evs)
    assert all(val(e["killed"]) == 0 and val(e["injured"]) == 0 for e in evs)
    assert all(val(e["count"]) != 1 for e in evs if "усі" in text)


def test_active_casualty_verbs(pipe):
    text = "Армия РФ обстреляла Херсон из артиллерии, ранив еще пятерых человек."
    (ev,) = run(pipe, text, "ru")["events"]
    assert ev["type"] == "shelling" and val(ev["injured"]) == 5


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # people named one by one, joined by a conjunction, are that many
        ("Утром армия РФ накрыла огнем Антоновку. Погибли пожилая женщина и ее сын.", "ru", 2, None),
        (
            "Вранці окупанти вкрили вогнем Білозерку. Постраждали 30-річний хлопець та його батько, "
            "їх госпіталізували.",
            "uk",
            None,
            2,
        ),
        # a verb between the two joins two clauses: one hurt, one killed
        ("Армия РФ накрыла огнем Антоновку: пострадал ребенок и погибла женщина.", "ru", 1, 1),
        # one person with two nouns («цивільний чоловік») is one
        ("Унаслідок артобстрілу Нікополя поранено цивільного чоловіка.", "uk", None, 1),
    ],
)
def test_people_named_one_by_one_and_shelling_phrases(pipe, text, lang, killed, injured):
    (ev,) = run(pipe, text, lang)["events"]
    assert ev["type"] == "shelling"
    assert val(ev["killed"]) == killed and val(ev["injured"]) == injured


def test_time_the_figures_are_as_of_gives_way_to_the_attack_day(pipe):
    text = (
        "У Полтаві станом на 12:00 неділі, 13 квітня, відомо про трьох загиблих внаслідок ракетного удару "
        "11 квітня."
    )
    (ev,) = run(pipe, text, "uk")["events"]
    assert ev["type"] == "missile_strike" and ev["time"]["start"] == "2025-04-11"


# ---------------------------------------------------------------- interception counts
def per_region(out: dict) -> dict[str, int | None]:
    return {next(iter(codes(e))): val(e["count"]) for e in out["events"] if len(codes(e)) == 1}


def test_ministry_list_with_as_many_and_a_weaponless_continuation(pipe):
    text = (
        "Дежурными средствами ПВО уничтожены 12 беспилотников. Четыре беспилотника были сбиты над "
        "Курской областью, столько же — над Брянской областью. По два — над Орловской и Тульской областями."
    )
    out = run(pipe, text, "ru")
    assert per_region(out) == {"RU-KRS": 4, "RU-BRY": 4, "RU-ORL": 2, "RU-TUL": 2}
    assert all(val(e["count"]) != 12 for e in out["events"])  # the total is the sum of its parts


def test_downing_verb_without_an_air_defence_word(pipe):
    text = "Губернатор рассказал, в каких районах Тверской области ночью сбили 7 БПЛА."
    (ev,) = run(pipe, text, "ru")["events"]
    assert ev["type"] == "interception" and val(ev["count"]) == 7


def test_count_of_those_named_before_and_the_hits_weapon(pipe):
    text = (
        "Вночі ворог запустив по Україні 60 безпілотників. Сили ППО змогли знешкодити 52 з них, проте "
        "зафіксовано влучання 8 дронів на трьох локаціях."
    )
    out = run(pipe, text, "uk")
    got = {e["type"]: val(e["count"]) for e in out["events"]}
    assert got == {"interception": 52, "drone_strike": 8}


def test_a_question_tells_no_count(pipe):
    text = (
        "Понад 70 дронів за ніч: скільки збила ППО.\n"
        "Уночі росіяни атакували Україну 73 ударними БпЛА. Сили ППО збили 65 ворожих БпЛА."
    )
    counts = sorted(val(e["count"]) for e in run(pipe, text, "uk")["events"] if e["type"] == "interception")
    assert counts == [65]


def test_hits_told_with_plural_agreement(pipe):
    text = "У Кременчуці ворожі ракети поцілили у склад. Поранені три людини."
    (ev,) = run(pipe, text, "uk")["events"]
    assert ev["type"] == "missile_strike" and val(ev["injured"]) == 3 and val(ev["count"]) is None
    (ev,) = run(pipe, "Вранці ракета уразила територію підприємства у Кременчуці.", "uk")["events"]
    assert ev["type"] == "missile_strike" and val(ev["count"]) == 1


def test_a_late_figure_belongs_to_the_only_event(pipe):
    text = (
        "Ворожі дрони атакували Ромни. Були пошкоджені цивільні об'єкти. Про це повідомив голова ОВА. "
        "Удари зафіксували в центрі міста. Вилетіли вікна у школі. Триває обстеження. Інші служби також "
        "працюють на місці. Пізніше очільник області уточнив, що внаслідок удару постраждали троє людей."
    )
    (ev,) = run(pipe, text, "uk")["events"]
    assert ev["type"] == "drone_strike" and val(ev["injured"]) == 3


def test_tally_over_months_is_no_event(pipe):
    text = "Над Сумщиною за останні місяці мобільні вогневі групи збили понад 40 ворожих шахедів."
    assert run(pipe, text, "uk")["events"] == []


def test_falling_drone_is_debris_and_aerial_objects_are_downed(pipe):
    text = "Один из падающих беспилотников попал в жилой дом в Курске, повреждена кровля."
    (ev,) = run(pipe, text, "ru")["events"]
    assert ev["type"] == "debris_fall"
    text = "Силы ПВО ликвидировали шесть воздушных объектов над Курской областью."
    (ev,) = run(pipe, text, "ru")["events"]
    assert ev["type"] == "interception" and val(ev["count"]) == 6


def test_casualties_avoided_and_the_region_of_an_officials_title(pipe):
    text = (
        "В Курской области от удара дрона поврежден склад. Губернатор Орловской области сообщил, что "
        "ночью над регионом была атака. Силы ПВО сбили четыре беспилотника, жертв удалось избежать."
    )
    out = run(pipe, text, "ru")
    (icpt,) = [e for e in out["events"] if e["type"] == "interception"]
    assert codes(icpt) == {"RU-ORL"} and val(icpt["count"]) == 4
    assert val(icpt["killed"]) == 0


def test_counts_of_places_and_counts_set_off_by_dashes(pipe):
    text = "ПВО отразила атаку беспилотников в пяти районах Курской области, пострадавших нет."
    (ev,) = run(pipe, text, "ru")["events"]
    assert ev["type"] == "interception" and val(ev["count"]) is None
    text = "По данным губернатора, большая часть дронов — 12 — была сбита над Курской областью."
    (ev,) = run(pipe, text, "ru")["events"]
    assert val(ev["count"]) == 12


def test_bulletin_lines_with_clock_times_add_up_in_one_town(pipe):
    text = (
        "Оперативна ситуація на Сумщині.\n"
        "02:10 - м. Шостка: внаслідок удару БпЛА типу «Шахед» пошкоджено склад.\n"
        "01:40 - м. Шостка: внаслідок удару БпЛА типу «Шахед» горіла будівля."
    )
    (ev,) = run(pipe, text, "uk", pub=None)["events"]
    assert ev["type"] == "drone_strike" and val(ev["count"]) == 2


# ---------------------------------------------------------------- contract
def test_output_validates_against_schema(pipe):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("schema not found")
    schema = json.loads(SCHEMA.read_text())
    text = (
        "Дежурными средствами ПВО уничтожены 5 украинских беспилотников над Белгородской областью. "
        "«Пострадавших нет», — сообщил губернатор."
    )
    out = run(pipe, text, "ru")
    jsonschema.validate(out, schema)
    for ev in out["events"]:
        for s, e in ev["spans"]:
            assert 0 <= s < e <= len(text)


def test_bad_input_does_not_raise(pipe):
    out = pipe(make_report("\x00" * 10 + "<<<" + "«" * 500, language="ru")).to_dict()
    assert out["events"] == [] and isinstance(out["warnings"], list)


def test_counts_written_after_their_regions(pipe):
    text = (
        "Как уточнили в МО РФ, перехвачено и уничтожено над территориями Брянской области (7 БПЛА) "
        "и Смоленской области (2 БПЛА)."
    )
    per = {next(iter(codes(e))): val(e["count"]) for e in run(pipe, text, "ru")["events"] if codes(e)}
    assert per == {"RU-BRY": 7, "RU-SMO": 2}


def test_dash_quote_and_ukrainian_perpetrator(pipe):
    text = (
        "Губернатор Курской области Александр Хинштейн сообщил о новой атаке.\n"
        "В Судже от удара дрона пострадал водитель грузовика, — написал Хинштейн.\n"
        "Рашисти також атакували Сумщину ударним дроном, пошкоджено склад."
    )
    out = run(pipe, text, "ru")
    assert any(q["speaker"] == "Александр Хинштейн" and q["kind"] == "direct" for q in out["quotes"])
    uk = run(pipe, "Рашисти вдарили дроном по Сумах, пошкоджено склад, постраждалих немає.", "uk")
    (ev,) = uk["events"]
    assert ev["perpetrator"]["value"] == "Рашисти" and "UA-59" in codes(ev)
    assert val(ev["killed"]) == 0 and val(ev["injured"]) == 0


# ---------------------------------------------------------------- cost gates keep their answers
@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("Вячеслав Гладков сообщил, что над Шебекино сбит беспилотник.", "ru", "Гладков"),
        ("Над Курской областью сбит беспилотник, сообщил губернатор Александр Хинштейн.", "ru", "Хинштейн"),
        ("Федоров: «Уночі над Запоріжжям збито два дрони».", "uk", "Федоров"),
        ("Про збиття шахеда над Полтавщиною повідомив Філіп Пронін.", "uk", "Пронін"),
    ],
)
def test_speakers_found_where_a_name_is_written(pipe, text, lang, speaker):
    out = run(pipe, text, lang)
    assert any(speaker in (q["speaker"] or "") for q in out["quotes"]) or any(
        speaker in (e["claimant"] or "") for e in out["events"]
    ), (out["quotes"], [e["claimant"] for e in out["events"]])


def test_name_gate_skips_sentences_without_a_name(pipe):
    from skylog.extract.ruuk.speech import may_name as _may_name
    from skylog.nlp.text import sentences

    plain = pipe.morphology["ru"].is_plain_word
    for text, expected in [
        ("Вчера дежурными средствами ПВО перехвачены 12 БПЛА над территорией Брянской области.", False),
        ("Сегодня над Белгородской и Курской областями сбиты три беспилотника.", False),
        ("Вчера губернатор Вячеслав Гладков сообщил о сбитом дроне.", True),
        ("Гладков сообщил о сбитом дроне.", True),
    ]:
        (s,) = sentences(text)
        regions = find_regions_for(text)
        assert _may_name(text, s, regions, plain) is expected, text


def find_regions_for(text: str):
    from skylog.extract.ruuk.places import find_regions
    from skylog.nlp.text import fold

    return find_regions(fold(text))


# ---------------------------------------------------------------- Ukrainian tallies and counts
def test_all_drones_downed_counts_the_launched(pipe):
    text = "Уночі окупанти атакували Україну 14 ударними БпЛА типу Shahed.\nСили оборони знищили всі дрони."
    out = run(pipe, text, "uk")
    inter = [e for e in out["events"] if e["type"] == "interception"]
    assert inter and all(val(e["count"]) == 14 for e in inter)
    assert not [e for e in out["events"] if e["type"] == "drone_strike" and val(e["count"])]
    # over a list of regions all of them is no single region's figure (as a figure told once for a list)
    text = (
        "Уночі окупанти атакували Україну 14 ударними БпЛА типу Shahed.\n"
        "Сили оборони знищили всі дрони в межах Полтавської та Черкаської областей."
    )
    out = run(pipe, text, "uk")
    inter = [e for e in out["events"] if e["type"] == "interception"]
    assert {"UA-53", "UA-71"} <= set().union(*(codes(e) for e in inter))
    assert [val(e["count"]) for e in inter if e["count"]] == []
    assert not [e for e in out["events"] if e["type"] == "drone_strike" and val(e["count"])]


def test_of_tally_over_regions_is_no_regions_count(pipe):
    # one figure over a list of regions counts no single region (as the English pipeline reads it and the
    # real corpus is labelled): each region is its own interception, none takes the five
    text = "Ворожі дрони збили: п'ять із шести в межах Вінницької, Житомирської та Київської областей."
    out = run(pipe, text, "uk")
    inter = [e for e in out["events"] if e["type"] == "interception"]
    assert set().union(*(codes(e) for e in inter)) == {"UA-05", "UA-18", "UA-32"}
    assert [val(e["count"]) for e in inter if e["count"]] == []


def test_hyphenated_weapon_noun_is_not_singular(pipe):
    out = run(pipe, "Ворог атакував Нікополь дронами-камікадзе, пошкоджено лінію електропередачі.", "uk")
    (ev,) = [e for e in out["events"] if e["type"] == "drone_strike"]
    assert ev["count"] is None
    out = run(pipe, "Дрон-камікадзе влучив у гараж у Херсоні, пошкоджено автомобіль.", "uk")
    (ev,) = [e for e in out["events"] if e["type"] == "drone_strike"]
    assert val(ev["count"]) == 1


def test_two_nights_two_tallies(pipe):
    text = (
        "У ніч на 3 березня сили ППО ліквідували 9 із 11 шахедів.\n"
        "Як повідомлялося, напередодні ППО збили 26 БпЛА."
    )
    out = run(pipe, text, "uk")
    counts = sorted(val(e["count"]) for e in out["events"] if e["type"] == "interception")
    assert counts == [9, 26]


def test_attack_figure_beside_a_tally_is_launched(pipe):
    text = (
        "Росія атакувала Україну 70 ударними дронами. "
        "Повітряні сили повідомили, що знищено 52 безпілотники над північчю та сходом."
    )
    out = run(pipe, text, "uk")
    (inter,) = [e for e in out["events"] if e["type"] == "interception"]
    assert val(inter["count"]) == 52 and val(inter["launched"]) == 70
    assert all(val(e["count"]) != 70 for e in out["events"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ворог атакував Нікополь ракетами С-300: чотири влучання в районі порту. Поранено двох людей.", 4),
        ("Унаслідок ракетно-дронового обстрілу Одеси пошкоджено склад. Поранено жінку.", None),
    ],
)
def test_strike_counts_not_taken_from_model_names_or_compounds(pipe, text, expected):
    out = run(pipe, text, "uk")
    strikes = [e for e in out["events"] if e["type"] == "missile_strike"]
    assert strikes and val(strikes[0]["count"]) == expected


def test_one_of_the_downed_is_no_new_interception(pipe):
    text = (
        "Сили ППО знищили 12 ракет над Львівщиною. "
        "Одна зі збитих ракет впала на поле, пошкоджено лінію електропередачі."
    )
    out = run(pipe, text, "uk")
    counts = [val(e["count"]) for e in out["events"] if e["type"] == "interception"]
    assert counts == [12]


def test_total_of_the_same_window_absorbed_beside_another_tally(pipe):
    text = (
        "С 6:10 до 7:00 мск средства ПВО уничтожили четыре беспилотника.\n"
        "Два дрона сбиты над территорией Брянской области. Еще по одному БПЛА уничтожено над "
        "территориями Калужской и Смоленской областей.\n"
        "Напомним, ранее сообщалось о перехвате девяти беспилотников над Брянской областью."
    )
    out = run(pipe, text, "ru")
    counts = sorted(val(e["count"]) for e in out["events"] if e["type"] == "interception")
    assert counts == [1, 1, 2, 9]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Над Брянской областью ночью сбиты 12 беспилотников. Пострадавших и разрушений не зафиксировано.",
            "ru",
        ),
        ("Над Сумщиною вночі збито 7 безпілотників. Постраждалих серед населення не виявлено.", "uk"),
        ("Вночі ворожий дрон влучив у склад у Сумах. Пошкоджено дах, люди неушкоджені.", "uk"),
    ],
)
def test_none_recorded_or_people_unharmed_is_no_casualties(pipe, text: str, lang: str):
    out = run(pipe, text, lang)
    (ev,) = out["events"]
    assert val(ev["killed"]) == 0 and val(ev["injured"]) == 0


def test_a_hit_told_after_an_interception_in_one_sentence_is_a_strike(pipe):
    text = "Вночі над Сумщиною сили ППО збили 20 ворожих дронів, проте є влучання 3 дронів у склад у Сумах."
    out = run(pipe, text, "uk")
    assert sorted(e["type"] for e in out["events"]) == ["drone_strike", "interception"]


def _counts(out: dict) -> list[int]:
    return sorted(e["count"]["value"] for e in out["events"] if e["type"] == "interception" and e["count"])


def test_updates_of_a_running_series_of_downings_add_up(pipe):
    text = (
        "Средства ПВО уничтожили два беспилотника, летевших на Тулу, сообщил губернатор. "
        "Спустя полчаса губернатор сообщил, что сбиты еще три БПЛА."
    )
    assert _counts(run(pipe, text, "ru")) == [5]
    text = "Над Полтавщиною сили ППО збили два шахеди. Згодом над областю збили ще чотири дрони."
    assert _counts(run(pipe, text, "uk")) == [6]


def test_a_running_total_already_sums_its_updates(pipe):
    # «с начала ночи сбиты семь»: the figure told with a running-total word stands
    text = (
        "С начала ночи над Тульской областью сбиты семь беспилотников. "
        "Средства ПВО уничтожили еще два БПЛА над Тульской областью."
    )
    assert _counts(run(pipe, text, "ru")) == [7]


def test_two_updates_of_an_untold_series_stay_apart(pipe):
    text = (
        "Над Тульской областью сбиты еще три беспилотника. "
        "Вечером над Тульской областью уничтожены еще два беспилотника."
    )
    assert _counts(run(pipe, text, "ru")) == [2, 3]


def test_a_sentence_about_a_year_long_past_tells_history(pipe):
    text = (
        "Сьогодні громада вшанувала загиблих. Саме цього дня у 2015 році ворог обстріляв з артилерії "
        "колону поблизу Дебальцевого."
    )
    assert run(pipe, text, "uk")["events"] == []
    # the same sentence about this year is news
    text = "Цього дня у 2025 році ворог обстріляв з артилерії Нікополь, поранено двох людей."
    assert [e["type"] for e in run(pipe, text, "uk")["events"]] == ["shelling"]


def test_a_place_name_that_reads_as_an_adjective_before_a_stop_or_verb(pipe):
    # «у Краматорську.»: the town in its case, not an adjective of the noun after it
    out = run(pipe, "Ворог обстріляв з артилерії місто, постраждали двоє людей у Краматорську.", "uk")
    assert any(p["admin1_code"] == "UA-14" for e in out["events"] for p in e["places"])


def test_a_latin_model_name_after_a_town_is_not_part_of_its_name(pipe):
    # «Нікополь FPV-дронами»: the town, then the weapon's model name
    out = run(pipe, "Окупанти атакували Нікополь FPV-дронами, поранено чоловіка.", "uk")
    assert any(p["admin1_code"] == "UA-12" for e in out["events"] for p in e["places"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Над Сумщиною сили ППО збили п'ять шахедів, ще три влучили у склад на околиці Сум.", "uk"),
        ("Над Курской областью сбиты шесть беспилотников, еще три попали в склад в Курске.", "ru"),
    ],
)
def test_the_rest_of_a_downing_that_hit_is_a_strike(pipe, text, lang):
    out = run(pipe, text, lang)
    strikes = [e for e in out["events"] if e["type"] == "drone_strike"]
    assert [e["count"]["value"] for e in strikes] == [3]


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Ракета влучила у склад у Смілі. Ще одна поцілила по території школи.", "uk", "missile_strike"),
        ("Беспилотник ударил по складу в Курске. Еще один дрон ударил по жилому дому.", "ru", "drone_strike"),
    ],
)
def test_more_of_the_same_strike_adds_to_its_count(pipe, text, lang, kind):
    strikes = [e for e in run(pipe, text, lang)["events"] if e["type"] == kind]
    assert [e["count"]["value"] for e in strikes] == [2]


# ---------------------------------------------------------------- the attacking side is not the place
def countries(out: dict) -> set[str]:
    return {p["country"] for e in out["events"] for p in e["places"] if p.get("country")}


@pytest.mark.parametrize(
    ("text", "lang", "attacker"),
    [
        ("Россия обстреляла Сумы ночью, ранены двое жителей.", "ru", "RU"),
        ("Украина снова атаковала Курск дронами, пострадал водитель.", "ru", "UA"),
        ("Со стороны Белоруссии по Житомиру выпущены ракеты, погиб один человек.", "ru", "BY"),
        ("Нічна атака Росії: уламки дрона поранили трьох людей у Полтаві.", "uk", "RU"),
        ("Війська РФ обстріляли Нікополь, поранено двох чоловіків.", "uk", "RU"),
    ],
)
def test_the_attacking_country_is_not_a_place_of_the_event(pipe, text, lang, attacker):
    out = run(pipe, text, lang)
    assert out["events"]
    assert attacker not in countries(out)


def test_a_country_attacked_stays_the_place(pipe):
    out = run(pipe, "Росія атакувала Україну 30 дронами, пошкоджено будинки.", "uk")
    assert countries(out) == {"UA"}


def test_a_country_adjective_before_its_land_is_the_place(pipe):
    out = run(pipe, "Ракетный удар Ирана по израильской территории: ранены четыре человека.", "ru")
    assert countries(out) == {"IL"}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Средствам ПВО не удалось перехватить ракету, она попала в жилой дом, ранены три человека.",
            "ru",
            ("missile_strike", 3),
        ),
        (
            "ППО не змогла збити ракету, вона влучила в житловий будинок, поранено трьох людей.",
            "uk",
            ("missile_strike", 3),
        ),
    ],
)
def test_a_failed_interception_is_no_interception(pipe, text: str, lang: str, expected) -> None:
    """«не удалось перехватить», «не змогла збити»: the weapon got through; its harm is a strike's."""
    out = run(pipe, text, lang)
    assert [(e["type"], val(e.get("injured"))) for e in out["events"]] == [expected]
