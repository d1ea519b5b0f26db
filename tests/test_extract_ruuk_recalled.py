"""An earlier attack a report recalls lends its day to none of the report's news, and is history (#13/#15)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.ingest.common import make_report

PUB = datetime(2025, 3, 9, 7, 0, tzinfo=UTC)


def events(pipe, text: str, lang: str, pub: datetime = PUB) -> list[dict]:
    out = pipe(make_report(text, published_at=pub, language=lang)).to_dict()
    assert not out["warnings"], out["warnings"]
    return out["events"]


def day(ev: dict) -> str | None:
    return (ev.get("time") or {}).get("start")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the lead tells the news undated; a later paragraph dates the earlier attack on the same town
        (
            "В результате удара беспилотников повреждена котельная в Новошахтинске. Об этом сообщил мэр "
            "города. В ночь на 3 марта Новошахтинск уже подвергался атаке дронов, тогда обломки упали "
            "на территорию склада.",
            "ru",
        ),
        # a recall marker before the earlier attack's day
        (
            "Беспилотники снова атаковали Новошахтинск, повреждена котельная. Напомним, что в результате "
            "атаки 3 марта в Новошахтинске загорелся склад.",
            "ru",
        ),
        (
            "Ворожі дрони знову атакували Ізмаїл, пошкоджено портову інфраструктуру. Нагадаємо, 2 березня "
            "Ізмаїл також зазнав атаки дронів, тоді пошкоджено склад.",
            "uk",
        ),
    ],
)
def test_a_recalled_earlier_attack_does_not_date_the_news(pipe, text, lang):
    evs = events(pipe, text, lang)
    assert evs, "the news is an event"
    # neither the news takes the recalled day, nor is the recalled attack on that town an event of the report
    assert all(day(e) in (None, "2025-03-09", "2025-03-08") for e in evs), [(e["type"], day(e)) for e in evs]


def test_a_later_day_of_the_news_still_dates_the_lead(pipe):
    text = (
        "В результате атаки беспилотников повреждено предприятие в Новошахтинске. Об этом сообщил мэр. "
        "В ночь на 9 марта город подвергся атаке дронов."
    )
    evs = events(pipe, text, "ru")
    assert evs and all(day(e) == "2025-03-09" for e in evs)


def test_an_earlier_attack_elsewhere_stays_an_event_of_its_day(pipe):
    text = (
        "Беспилотники атаковали Новошахтинск, повреждена котельная. Кроме того, 3 марта дрон атаковал "
        "Брянск, повреждён склад."
    )
    evs = events(pipe, text, "ru")
    assert sorted(day(e) or "" for e in evs) == ["", "2025-03-03"]


def _ev(at: int, day: str | None, region: str | None) -> object:
    from skylog.records import EventMention, Place, TimeExpr

    t = TimeExpr(text=day, start=day, end=day, precision="day") if day else None
    places = [Place(mention="x", span=(at, at + 1), kind="admin1", admin1_code=region)] if region else []
    return EventMention(type="drone_strike", spans=[(at, at + 5)], weapon="drone", places=places, time=t)


def test_drop_recalled_keeps_the_news_and_earlier_attacks_elsewhere():
    from skylog.extract.ruuk.merge import drop_recalled

    news = _ev(0, None, "RU-SAR")
    same, placeless, elsewhere = (
        _ev(50, "2025-03-03", "RU-SAR"),
        _ev(90, "2025-03-03", None),
        _ev(120, "2025-03-03", "RU-BRY"),
    )
    assert drop_recalled([news, same, placeless, elsewhere], PUB) == [news, elsewhere]
    # an earlier attack told before the news, or the day before publication, is no recall of it
    first, yesterday = _ev(0, "2025-03-03", "RU-SAR"), _ev(90, "2025-03-08", "RU-SAR")
    assert drop_recalled([first, _ev(50, None, "RU-SAR"), yesterday], PUB)[::2] == [first, yesterday]
    assert drop_recalled([news, same], None) == [news, same]


def test_a_recall_before_the_news_neither_dates_nor_takes_it(pipe):
    # the recall's paragraph comes first; the news after it is another attack, on the same town
    text = (
        "Напомним, 5 марта беспилотник атаковал подстанцию в Белгороде, пострадали двое.\n\n"
        "В Белгороде беспилотник ВСУ атаковал автомобиль, ранен водитель."
    )
    evs = events(pipe, text, "ru")
    got = sorted(((day(e) or ""), (e.get("injured") or {}).get("value")) for e in evs)
    assert got == [("", 1), ("2025-03-05", 2)], got


def test_a_recall_before_the_news_elsewhere_does_not_date_it(pipe):
    text = (
        "Нагадаємо, 5 березня дрони атакували Суми.\n\n"
        "Російський дрон атакував автомобіль у Шостці, поранено водія."
    )
    evs = events(pipe, text, "uk")
    assert sorted(day(e) or "" for e in evs) == ["", "2025-03-05"], [(e["type"], day(e)) for e in evs]


def test_an_earlier_attack_on_another_town_of_the_region_with_the_same_toll_stays_apart(pipe):
    # the news names its region first and its town after; the recalled attack is in another town of that
    # region, with the same toll: neither dropped as a recall of the news nor merged into it
    text = (
        "В Курской области автомобиль попал под удар беспилотника.\n"
        "Украинский беспилотник атаковал автомобиль в поселке Коренево Курской области. Пострадал водитель.\n"
        "3 марта беспилотник атаковал микроавтобус в Судже. Один человек получил ранение."
    )
    evs = events(pipe, text, "ru")
    got = sorted(((day(e) or ""), (e.get("injured") or {}).get("value")) for e in evs)
    assert got == [("", 1), ("2025-03-03", 1)], got


def test_drop_recalled_tells_two_towns_of_one_region_apart():
    from skylog.extract.ruuk.merge import drop_recalled
    from skylog.records import Place

    news, region_only, recalled = (
        _ev(0, None, "RU-KRS"),
        _ev(30, None, "RU-KRS"),
        _ev(90, "2025-03-03", "RU-KRS"),
    )
    news.places.append(Place(mention="Коренево", span=(5, 6), kind="settlement", name="Korenevo"))
    recalled.places.append(Place(mention="Судже", span=(95, 96), kind="settlement", name="Sudzha"))
    assert drop_recalled([news, region_only, recalled], PUB) == [news, region_only, recalled]
    again = _ev(120, "2025-03-03", "RU-KRS")
    again.places.append(Place(mention="Коренево", span=(125, 126), kind="settlement", name="Korenevo"))
    assert drop_recalled([news, again], PUB) == [news]
