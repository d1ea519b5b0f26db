"""Russian/Ukrainian quote speakers on texts written for these tests (#15): a direct-speech label
("Пряма мова:") and the quote it opens over several lines; the person among what NER calls people."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 4, 12, 6, 0, tzinfo=UTC)


def direct(pipe, text: str, lang: str) -> list[tuple[str | None, str]]:
    out = pipe(make_report(text, published_at=PUB, language=lang))
    return [(q.speaker, q.text) for q in out.quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            "Джерело: голова Сумської ОВА Олег Григоров у Telegram\n"
            'Пряма мова: "Сьогодні росіяни атакували Шосткинський та Конотопський райони.\n'
            'Близько 16:30 ворожий дрон вдарив по громаді. Постраждав 62-річний чоловік".\n'
            "Деталі: Пізніше росіяни атакували Путивльську громаду.",
            "uk",
            "Олег Григоров",
        ),
        (
            "Источник: глава Херсонской МВА Роман Мрочко в Telegram\n"
            'Прямая речь: "Около полудня российские войска ударили по Днепровскому району Херсона.\n'
            'Погиб мужчина, еще восемь человек ранены".',
            "ru",
            "Роман Мрочко",
        ),
    ],
)
def test_a_direct_speech_label_opens_a_quote_over_lines(pipe, text, lang, speaker):
    got = direct(pipe, text, lang)
    assert len(got) == 1 and got[0][0] == speaker and "\n" in got[0][1], got


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"Наше головне завдання - покращити тактико-технічні характеристики ракети", – сказав перший '
            "заступник секретаря Ради національної безпеки і оборони України Олег Гладковський.",
            "Олег Гладковський",
        ),
        (
            "«Сили ППО збили 20 дронів над областю», — зазначив речник Повітряних сил Юрій Ігнат.",
            "Юрій Ігнат",
        ),
    ],
)
def test_the_speaker_is_the_person_not_a_title_ner_takes_for_one(pipe, text, speaker):
    assert [s for s, _ in direct(pipe, text, "uk")] == [speaker]


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        # an impersonal verb and the body it was said in
        (
            "“Ракета була нейтралізована ще до того, як перетнула кордон”, – повідомили в пресслужбі ЦАХАЛу.",
            "uk",
            "пресслужба ЦАХАЛу",
        ),
        # the outlet told (a dative after the verb) is no speaker; a minus sign is a dash too
        (
            '"Сирийская ПВО отразила атаку и сбила большую часть ракет", − заявил агентству источник в '
            "правительственной армии Сирии.",
            "ru",
            "источник в правительственной армии Сирии",
        ),
        (
            '"Это будет самое масштабное представление дронов в истории", - сообщили Metro организаторы.',
            "ru",
            "организаторы",
        ),
        # "ведомство" points at the ministry the text names
        (
            "«В течение ночи перехвачены и уничтожены 49 беспилотников», — говорится в telegram-канале "
            "ведомства. В Минобороны отметили, что 21 дрон был сбит над Ростовской областью.",
            "ru",
            "Минобороны",
        ),
    ],
)
def test_speakers_named_by_body_or_by_what_they_are(pipe, text, lang, speaker):
    assert [s for s, _ in direct(pipe, text, lang)] == [speaker]


def test_a_place_is_no_speaker_noun(pipe):
    text = '"Уничтожены два беспилотника, летевших на Москву", передали в открытом источнике.'
    assert all(s is None or "источник" not in s for s, _ in direct(pipe, text, "ru"))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "«Ночью россияне крылатыми ракетами попали по объектам Индустриального района», – сообщил Синегубов.",
            "Синегубов",
        ),
        (
            "«Пострадавших нет, повреждены два дома», — сообщил губернатор Вячеслав Гладков.",
            "Вячеслав Гладков",
        ),
    ],
)
def test_a_surname_the_morphology_reads_only_as_a_plural_stays_as_written(pipe, text, speaker):
    assert [s for s, _ in direct(pipe, text, "ru")] == [speaker]


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            '"Армия нанесла удары по трем террористам из Хезболлы в нескольких районах"\n– ЦАХАЛ\n'
            "Минздрав Ливана сообщил о двух погибших.",
            "ru",
            "ЦАХАЛ",
        ),
        (
            "«Ми відбили атаку на Київ, усі цілі знищено над містом»\n— Віталій Кличко, мер Києва\n",
            "uk",
            "Віталій Кличко",
        ),
    ],
)
def test_a_quote_signed_on_the_line_under_it(pipe, text, lang, speaker):
    assert [s for s, _ in direct(pipe, text, lang)] == [speaker]
