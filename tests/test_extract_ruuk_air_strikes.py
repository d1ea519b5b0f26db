"""Russian/Ukrainian air strikes named by their noun (invented posts): «нанёс авиаудар», «авиаудары по …»,
«авиационный удар» tell of an air strike though no other strike word or harm is told (#13)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 7, 16, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Израиль нанёс авиаудар по правительственному зданию в Сирии.", "ru"),
        ("Днём израильские военные нанесли серию авиаударов по Дамаску.", "ru"),
        ("Телеканал сообщил об авиационном ударе в районе порта Ходейды.", "ru"),
        ("Ізраїль завдав авіаудару по будівлі міністерства в Дамаску.", "uk"),
    ],
)
def test_an_air_strike_told_by_its_noun_is_an_air_strike(pipe, text, lang) -> None:
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    assert [e["type"] for e in out["events"]] == ["air_strike"]


@pytest.mark.parametrize(
    "text",
    [
        "Более 20 человек пострадали в Эйлате в результате взрыва беспилотника, запущенного террористической "
        "группировкой хуситов из Йемена.",
        "Беспилотник, запущенный вооружённой группировкой, попал в жилой дом в Хайфе, ранены двое.",
    ],
)
def test_an_armed_group_is_no_grouping_of_troops(pipe, text) -> None:
    # FRONTLINE reads «группировка войск» (a command's own troops), not any group that launched the drone
    out = pipe(make_report(text, published_at=PUB, language="ru")).to_dict()
    assert [e["type"] for e in out["events"]] == ["drone_strike"]


def test_a_grouping_of_troops_still_tells_of_the_front() -> None:
    from skylog.extract.ruuk import lexicon as L
    from skylog.nlp.document import build_document
    from skylog.nlp.morphology import morphologies

    for text in (
        "Ударами БпЛА группировки войск «Центр» поражены позиции.",
        "Подразделения группировки «Юг» наступают.",
    ):
        doc = build_document(text, "ru", morphologies()["ru"], PUB, None)
        assert L.FRONTLINE.search(doc)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Турецкая авиация нанесла удар по селу в провинции Дахук, есть погибшие.", "ru"),
        ("Ночью ВВС Франции наносили удары по позициям боевиков в Мали.", "ru"),
        ("Військово-повітряні сили Туреччини атакували склад у Дахуку.", "uk"),
    ],
)
def test_an_air_force_as_the_striker_is_an_air_strike(pipe, text, lang) -> None:
    # no weapon named: the air force that struck is the weapon, with or without harm told
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    assert [e["type"] for e in out["events"]] == ["air_strike"]
