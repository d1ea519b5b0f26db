"""Parts of the day (``extract.common.dayparts``): what part a time names, in English, Russian and
Ukrainian, with the words that say it; the date and its precision stay as they were."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from skylog.extract.common.dayparts import fold, mark_parts, part_of_hour, read_part
from skylog.extract.common.timex import normalise_time
from skylog.extract.ruuk.timex import find_times
from skylog.records import EventMention, TimeExpr

PUB = datetime.fromisoformat("2025-10-23T09:00:00+03:00")


def _en(text: str, expr: str, published: datetime = PUB) -> tuple[TimeExpr, tuple[str, str | None] | None]:
    """``expr`` of ``text`` normalised as the English time stage does, and its part with its words."""
    i = text.index(expr)
    te = normalise_time(expr, published, "en", span=(i, i + len(expr)))
    return te, _said(read_part(te, text), text)


def _ruuk(text: str, language: str = "ru", published: datetime = PUB) -> list[tuple[str | None, str | None]]:
    """(part, its words) of each time the Russian/Ukrainian time stage finds in ``text``."""
    out = []
    for tm in find_times(fold(text), text, published, language):
        found = read_part(tm.expr, text)
        out.append(_said(found, text) or (None, None))
    return out


def _said(found, text: str) -> tuple[str, str | None] | None:
    if found is None:
        return None
    part, span = found
    return part, (text[span[0] : span[1]] if span else None)


@pytest.mark.parametrize(
    ("text", "expr", "part", "words"),
    [
        (
            "Russian drones attacked Kyiv in the evening of 22 October, the mayor said.",
            "22 October",
            "evening",
            "evening",
        ),
        ("A drone hit a house in Kyiv on Tuesday evening.", "on Tuesday evening", "evening", "evening"),
        ("Russia attacked Kyiv overnight with drones.", "overnight", "night", "overnight"),
        ("This morning a missile hit an apartment block in Kharkiv.", "This morning", "morning", "morning"),
        ("A guided bomb struck Kharkiv on the afternoon of May 23.", "May 23", "afternoon", "afternoon"),
        ("A drone hit Kyiv on 22 October in the evening, killing two.", "22 October", "evening", "evening"),
        (
            "A missile hit Odesa on the night of 21 to 22 October.",
            "on the night of 21 to 22 October",
            "night",
            "night",
        ),
    ],
)
def test_english_part_words(text, expr, part, words):
    te, found = _en(text, expr)
    assert te.start == "2025-10-22" or te.precision == "day"  # the date is read as before
    assert found == (part, words)


def test_english_clock_and_a_day_without_part():
    te, found = _en("A drone hit Kyiv on 22 October at 19:40.", "on 22 October at 19:40")
    assert te.precision == "hour" and found is not None and found[0] == "evening"
    assert _en("A drone hit Kyiv on 22 October, killing two.", "on 22 October")[1] is None
    assert _en("A drone hit Kyiv on Tuesday morning commuters said.", "on Tuesday")[1] is None  # no link word


def test_a_days_start_and_end_and_a_night_after_its_day():
    assert _en("Drones attacked Kyiv late on Wednesday, injuring three.", "late on Wednesday")[1] == (
        "evening",
        "late",
    )
    assert _en("Drones attacked Kyiv early Wednesday, injuring three.", "early Wednesday")[1] == (
        "night",
        "early",
    )
    # "Friday night" is dated Friday, but may be the night after it: no part
    assert _en("Drones attacked Kharkiv on Friday night, killing six.", "on Friday night")[1] is None
    assert _en("Drones attacked Kharkiv late on Friday evening.", "late on Friday evening")[1] == (
        "evening",
        "evening",
    )


def test_a_statements_clock_names_no_part():
    text = "Russia attacked Kyiv on Tuesday, killing two, the mayor said at 14:30."
    te = normalise_time("on Tuesday 14:30", PUB, "en", span=(21, 31))  # a sentence's clock joined to its day
    assert te.precision == "hour" and read_part(te, text) is None
    text = "Russia attacked Kyiv on Tuesday; the drones came at 21:10."
    te = normalise_time("on Tuesday 21:10", PUB, "en", span=(21, 31))
    assert _said(read_part(te, text), text) == ("evening", "21:10")


def test_a_statements_time_names_no_part():
    text = "A drone hit Kyiv, the governor said on Tuesday evening."
    te, _ = _en(text, "on Tuesday evening")
    te.weak = True  # the English time stage marks a time that is only the statement's
    assert read_part(te, text) is None
    assert _ruuk("Про це зранку повідомив командувач Повітряних сил.", "uk") == [(None, None)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Вечером 22 октября дроны атаковали Киев.", "ru", [("evening", "Вечером")]),
        ("Утром беспилотник атаковал Белгород.", "ru", [("morning", "Утром")]),
        ("Днём дрон атаковал Белгород.", "ru", [("afternoon", "Днём")]),
        ("В ночь на 22 октября дроны атаковали Киев.", "ru", [("night", "ночь")]),
        ("Этой ночью дроны атаковали Киев.", "ru", [("night", "ночью")]),
        ("Около 22:00 беспилотник атаковал Белгород.", "ru", [("evening", "Около 22:00")]),
        ("С 20:00 до 07:00 мск сбиты 40 беспилотников.", "ru", [("night", "С 20:00 до 07:00 мск")]),
        ("Увечері 22 жовтня росіяни атакували Київ.", "uk", [("evening", "Увечері")]),
        ("Вночі росіяни атакували Харків шахедами.", "uk", [("night", "Вночі")]),
        ("Вдень росіяни скинули КАБ на Харків.", "uk", [("afternoon", "Вдень")]),
        ("Вранці росіяни атакували Суми.", "uk", [("morning", "Вранці")]),
        ("З 1:00 до 5:30 ранку по місту зафіксовано влучання.", "uk", [("night", "З 1:00 до 5:30")]),
    ],
)
def test_russian_and_ukrainian_part_words_and_clocks(text, language, expected):
    assert _ruuk(text, language) == expected


def test_part_of_hour_follows_the_calendar_day():
    assert [part_of_hour(h) for h in (0, 4, 5, 11, 12, 16, 17, 23)] == [
        "night", "night", "morning", "morning", "afternoon", "afternoon", "evening", "evening",
    ]  # fmt: skip


def test_mark_parts_keeps_the_date_and_serialises_the_part():
    text = "Russian drones attacked Kyiv in the evening of 22 October."
    i = text.index("22 October")
    te = normalise_time("22 October", PUB, "en", span=(i, i + 10))
    before = (te.start, te.end, te.precision, te.span)
    ev = EventMention(type="drone_strike", spans=[(0, 6)], time=te)
    assert mark_parts([ev], text) == 1
    assert (te.start, te.end, te.precision, te.span) == before
    d = ev.to_dict()["time"]
    assert d["part"] == "evening" and text[d["part_span"][0] : d["part_span"][1]] == "evening"
    plain = TimeExpr(text="22 October", start="2025-10-22", end="2025-10-22", precision="day")
    assert "part" not in plain.to_dict()  # no part: the output is as before


def test_the_part_keeps_the_output_schema_valid():
    schema_path = Path("/work/shared/schema/extract.schema.json")
    if not schema_path.is_file():
        pytest.skip("no shared schema here")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_path.read_text())
    t = TimeExpr(text="вечером", start="2025-10-22", end="2025-10-22", precision="day", span=(0, 7),
                 part="evening", part_span=(0, 7))  # fmt: skip
    jsonschema.validate(t.to_dict(), {**schema["$defs"]["time"], "$defs": schema["$defs"]})


def test_a_night_said_after_its_day_is_told_apart_from_a_dated_night():
    from skylog.extract.common.dayparts import night_after_day

    assert night_after_day("on Thursday night") and night_after_day("Friday night")
    for text in (
        "overnight",
        "last night",
        "On the night of 27-28 May",
        "в ночь на пятницу",
        "Thursday",
        None,
    ):
        assert not night_after_day(text), text
