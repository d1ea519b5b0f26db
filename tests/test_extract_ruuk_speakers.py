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
