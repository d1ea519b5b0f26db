"""A region named inside a body's name is the body's jurisdiction, not the event's place (invented posts):
«повідомляють у Чернігівській ОВА», «очільник Миколаївської обласної військової адміністрації», «в
Херсонской областной прокуратуре» give way to the settlement the text names for the strike; the region
stays when the text names none (issues 13, 16)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.ruuk.bodies import body_region, line_of
from skylog.ingest.common import make_report
from skylog.nlp.spans import RegionMention
from skylog.nlp.text import fold

PUB = datetime(2025, 3, 9, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Увечері 9 березня окупанти вдарили по багатоповерхівці в Чернігові. Відомо про п'ятьох поранених. "
         "Про це повідомляють у Чернігівській ОВА. Ймовірно, атака була балістичною ракетою.", "uk", "Chernihiv"),
        ("Увечері 9 березня росіяни вдарили по місту Миколаїв. Про це повідомив очільник Миколаївської "
         "обласної військової адміністрації. Ворог атакував дронами, пошкоджено будинки.", "uk", "Mykolayiv"),
        ("Вечером 9 марта российская армия ударила по жилому кварталу в Херсоне. Об этом сообщили в "
         "Херсонской областной прокуратуре. Предварительно, удар был нанесен ракетой.", "ru", "Kherson"),
    ],
)  # fmt: skip
def test_a_bodys_region_gives_way_to_the_settlement_named(pipe, text, lang, place) -> None:
    out = pipe(make_report(text, published_at=PUB, language=lang)).to_dict()
    names = [p["name"] for e in out["events"] for p in e["places"]]
    assert place in names
    assert not any(n.endswith("Oblast") for n in names)


def test_a_bodys_region_stays_when_no_settlement_is_named(pipe) -> None:
    text = ("Увечері 9 березня окупанти вдарили по багатоповерхівці. Про це повідомляють у Чернігівській ОВА. "
            "Ймовірно, атака була балістичною ракетою.")  # fmt: skip
    out = pipe(make_report(text, published_at=PUB, language="uk")).to_dict()
    assert "Chernihiv Oblast" in [p["name"] for e in out["events"] for p in e["places"]]


@pytest.mark.parametrize(
    ("text", "word", "body"),
    [
        ("повідомили у сумській ова", "сумській", True),
        ("очільник дніпропетровської обласної військової адміністрації", "дніпропетровської", True),
        ("в харьковской областной прокуратуре", "харьковской", True),
        ("дрони атакували сумську область", "сумську", False),
        ("удар по херсонской области, погибли двое", "херсонской", False),
    ],
)
def test_body_region(text, word, body) -> None:
    f = fold(text)
    start = f.index(word)
    r = RegionMention(start, start + len(word), "UA-XX", "region")
    assert body_region(f, r) is body


def test_a_district_framed_by_the_bodys_region_is_the_place(pipe) -> None:
    text = ("Увечері 9 березня ракета влучила в багатоповерхівку в Індустріальному районі. Ймовірно, це був "
            "КАБ. Постраждали восьмеро людей, повідомили у Харківській обласній прокуратурі.")  # fmt: skip
    out = pipe(make_report(text, published_at=PUB, language="uk")).to_dict()
    places = [(p["name"], p["admin1"]) for e in out["events"] for p in e["places"]]
    assert ("Industrialnyi District", "Kharkiv Oblast") in places
    assert ("Kharkiv Oblast", "Kharkiv Oblast") not in places


def test_a_village_on_another_line_is_not_taken_for_the_bodys_region(pipe) -> None:
    # the first line's village is its own strike's place; the second line's strike, placed only by the
    # body's name, keeps the region (issue 16: shared reports-dev dev-023 took another line's village)
    text = ("Увечері 9 березня окупанти атакували дроном село Велика Бабка, пошкоджено приватний будинок.\n"
            "Також ракета влучила в багатоповерхівку. Поранено трьох людей, повідомили у Харківській "
            "обласній прокуратурі.")  # fmt: skip
    out = pipe(make_report(text, published_at=PUB, language="uk")).to_dict()
    places = {e["type"]: [p["name"] for p in e["places"]] for e in out["events"]}
    assert places["drone_strike"] == ["Velyka Babka"]
    assert places["missile_strike"] == ["Kharkiv Oblast"]


def test_a_settlement_on_the_events_own_line_is_taken(pipe) -> None:
    text = ("Увечері 9 березня окупанти атакували дроном село Велика Бабка. Поранено трьох людей, "
            "повідомили у Харківській обласній прокуратурі.")  # fmt: skip
    out = pipe(make_report(text, published_at=PUB, language="uk")).to_dict()
    names = [p["name"] for e in out["events"] for p in e["places"]]
    assert "Velyka Babka" in names
    assert "Kharkiv Oblast" not in names


@pytest.mark.parametrize(
    ("text", "start", "end", "line"),
    [("ab\ncd\nef", 3, 5, (3, 5)), ("abcd", 1, 2, (0, 4)), ("ab\ncd", 4, 5, (3, 5))],
)
def test_line_of(text, start, end, line) -> None:
    assert line_of(text, start, end) == line
