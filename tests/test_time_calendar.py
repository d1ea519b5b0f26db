"""One time stage for every language: pack words (``[time]`` tables) and the calendar that dates them.

Issue #15 item 4: absolute dates with year words, datelines, weekdays relative to publication,
nights ("overnight", «в ночь на», «у ніч проти»), MoD windows with their time zone, precision;
an undated event says so in a warning.
"""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from skylog.extract import Extractor
from skylog.extract.common import calendar as C
from skylog.extract.common.anchor import day_refs
from skylog.extract.common.timex import dateline, normalise_time
from skylog.extract.packs import load_pack, time_words
from skylog.extract.ruuk.timex import find_times
from skylog.nlp.spans import TimeMention
from skylog.records import Report, TimeExpr

ROOT = Path(__file__).resolve().parents[1]


def _ruuk(text: str, published: datetime | None, language: str = "ru") -> list[tuple[str, str | None, str]]:
    return [
        (f.expr.text, f.expr.start, f.expr.precision)
        for f in find_times(text.lower(), text, published, language)
    ]


# --- pack data -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_every_pack_names_all_months_and_weekdays(language):
    w = load_pack(language).time
    assert set(w.months.values()) == set(range(1, 13))
    assert set(w.weekdays.values()) == set(range(7))
    for name in ("TODAY", "YESTERDAY", "LAST_NIGHT", "NIGHT", "NIGHT_INTO", "ANCHOR_DAY"):
        assert w.words(name), f"{language}: [time] {name} is empty"


def test_every_pack_holds_the_anchor_words():
    """Follow-up anchoring joins every pack's attack, recall, follow-up, statement and window-start words."""
    for language in ("en", "ru"):
        pack = load_pack(language)
        for name in ("EVENT_WORD", "RECALL", "FOLLOW_UP", "STATEMENT", "WINDOW_START"):
            assert pack.compile(f"anchor.{name}").pattern, (language, name)


def test_time_words_are_looked_up_whatever_their_case_and_apostrophe():
    w = time_words()
    assert w.month("ГРУДНЯ") == 12 and w.month("Sept.") == 9 and w.month("мая") == 5
    assert w.weekday("п’ятницю") == w.weekday("пʼятницю") == w.weekday("П'ЯТНИЦЮ") == 4
    assert w.month("маяк") is None and w.weekday("середина") is None
    assert w.zone("МСК") == "Europe/Moscow" and w.zone("за київським часом") == "Europe/Kyiv"


def test_no_time_word_list_is_left_in_the_time_code():
    """The time stages hold no month or weekday names: those are pack data."""
    names = ("january", "monday", "января", "грудня", "понеділок", "воскресенье", "yesterday", "вчора")
    for rel in (
        "skylog/extract/common/timex.py",
        "skylog/extract/common/calendar.py",
        "skylog/extract/ruuk/timex.py",
    ):
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Module)
                and n.body and isinstance(n.body[0], ast.Expr)}  # fmt: skip
        literals = [  # the pack's list names ("YESTERDAY") are upper case: only words are looked for
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
        ]
        for word in names:
            assert not any(word in s or word.capitalize() in s for s in literals), f"{rel} spells {word!r}"


# --- the calendar ----------------------------------------------------------------------------------


def test_weekday_is_the_latest_on_or_before_publication():
    sunday, monday = date(2025, 12, 7), date(2025, 12, 8)
    assert C.weekday_on_or_before(sunday, 6) == sunday
    assert C.weekday_on_or_before(monday, 6) == sunday
    assert C.weekday_on_or_before(monday, 0) == monday
    assert C.weekday_on_or_before(sunday, 0) == date(2025, 12, 1)


def test_past_dates_with_and_without_a_year():
    jan = date(2026, 1, 3)
    assert C.past_date(jan, 12, 28) == date(2025, 12, 28)  # "28 December" read in January
    assert C.past_date(jan, 1, 3) == jan
    assert C.past_date(jan, 1, 4) == date(2025, 1, 4)
    assert C.past_date(jan, 1, 4, slack=1) == date(2026, 1, 4)  # a post in an earlier time zone
    assert C.past_date(jan, 12, 5, year=2025) == date(2025, 12, 5)
    assert C.past_date(jan, 2, 30) is None and C.past_date(jan, 0, 1) is None


def test_precision_ranks_and_weeks():
    ranks = C.PRECISION_RANK
    assert ranks["hour"] < ranks["day"] < ranks["week"] < ranks["month"] < ranks["unknown"]
    assert C.week_of(date(2025, 12, 10), 1) == (date(2025, 12, 1), date(2025, 12, 7))
    assert C.clock(2, 15, "pm").hour == 14 and C.clock(12, 5, "am").hour == 0 and C.clock(25, 0) is None


def test_a_day_and_its_clock_time_merge_into_one_expression():
    text = "сегодня около 15.00"
    day = TimeMention(0, 7, TimeExpr(text="сегодня", start="2025-12-05", end="2025-12-05", precision="day"))
    hour = TimeMention(8, 19, TimeExpr(text="около 15.00", start="2025-12-04T15:00:00+03:00",
                                       end="2025-12-04T15:00:00+03:00", precision="hour"))  # fmt: skip
    (merged,) = C.merge_adjacent([day, hour], text, text, lambda gap: False)
    assert (merged.start, merged.end, merged.expr.start, merged.expr.precision) == (
        0,
        19,
        "2025-12-05T15:00:00+03:00",
        "hour",
    )
    far = TimeMention(30, 41, hour.expr)
    assert len(C.merge_adjacent([day, far], text + " " * 30, text + " " * 30, lambda gap: False)) == 2


# --- issue #15 item 4, sentence by sentence ---------------------------------------------------------

PUB = datetime(2025, 12, 8, 7, 30, tzinfo=UTC)  # a Monday


def test_nights_with_a_year_word_in_russian_and_ukrainian():
    assert _ruuk("В ночь на 5 декабря 2025 года силы ПВО сбили 40 беспилотников.", None) == [
        ("В ночь на 5 декабря 2025 года", "2025-12-05", "day")
    ]
    assert _ruuk("У ніч проти 5 грудня 2025 року ворог атакував Одесу.", None, "uk") == [
        ("У ніч проти 5 грудня 2025 року", "2025-12-05", "day")
    ]
    # without a year the night is the latest such one before publication
    assert _ruuk("у ніч проти 7 грудня дрони атакували", PUB, "uk") == [
        ("у ніч проти 7 грудня", "2025-12-07", "day")
    ]
    assert _ruuk("в ночь с 6 на 7 декабря", PUB) == [("в ночь с 6 на 7 декабря", "2025-12-07", "day")]
    assert _ruuk("у ніч на неділю", PUB, "uk") == [("у ніч на неділю", "2025-12-07", "day")]


def test_absolute_dates_with_a_year_word():
    assert _ruuk("Атака произошла 3 марта 2024 г. около полуночи", PUB)[0][:2] == (
        "3 марта 2024 г.",
        "2024-03-03",
    )
    assert _ruuk("удар 14 листопада 2023 року", None, "uk") == [
        ("14 листопада 2023 року", "2023-11-14", "day")
    ]


def test_english_nights_and_weekdays_relative_to_publication():
    for text, day in (
        ("on Sunday", "2025-12-07"),
        ("early Monday", "2025-12-08"),
        ("overnight", "2025-12-08"),
        ("the night of 4 to 5 December", "2025-12-05"),
        ("the night of December 4 into 5, 2025", "2025-12-05"),
        ("overnight into Sunday", "2025-12-07"),
        ("yesterday", "2025-12-07"),
        ("the day before yesterday", "2025-12-06"),
    ):
        te = normalise_time(text, PUB, "en")
        assert (te.start, te.precision) == (day, "day"), text
    assert normalise_time("on Sunday", None, "en").precision == "unknown"  # no publication: no weekday


def test_russian_and_ukrainian_weekdays_relative_to_publication():
    assert _ruuk("в воскресенье дроны атаковали", PUB) == [("в воскресенье", "2025-12-07", "day")]
    assert _ruuk("у понеділок вранці", PUB, "uk")[0][:2] == ("у понеділок", "2025-12-08")
    assert _ruuk("у середині дня над Києвом", PUB, "uk") == []  # «середині» (middle) is no Wednesday


def test_tass_datelines():
    pub = datetime(2025, 12, 5, 21, 0, tzinfo=UTC)
    te = dateline("BELGOROD, December 5. /TASS/. Air defense systems downed three drones.", pub)
    assert (te.text, te.start, te.precision) == ("December 5", "2025-12-05", "day")
    # written in Moscow after midnight UTC+3: a day past publication is still this year's
    assert dateline("KURSK, Dec. 6. /TASS/. Drones.", pub).start == "2025-12-06"
    assert dateline("КИЇВ, 5 грудня 2025 року — Сили ППО", None).start == "2025-12-05"
    assert dateline("BELGOROD, Sept. 1 /TASS/. x", pub).start == "2025-09-01"


def test_mod_windows_carry_their_time_zone():
    (window,) = _ruuk("В период с 20:00 до 23:00 мск дежурные средства ПВО уничтожили 30 БПЛА.", PUB)
    assert window == ("В период с 20:00 до 23:00 мск", "2025-12-07T20:00:00+03:00", "hour")
    # a Ukrainian post is read in Kyiv time unless it names Moscow's
    uk = find_times("з 20:00 до 23:00 мск", "з 20:00 до 23:00 мск", PUB, "uk")[0].expr
    assert uk.start.endswith("+03:00")
    uk = find_times("з 20:00 до 23:00", "з 20:00 до 23:00", PUB, "uk")[0].expr
    assert uk.start.endswith("+02:00")
    kyiv = "з 20:00 до 23:00 за київським часом"
    assert find_times(kyiv, kyiv, PUB, "ru")[0].expr.start.endswith("+02:00")
    # an overnight window is dated to the morning it ends, with day precision
    assert _ruuk("с 23:00 мск 6 декабря до 07:00 мск 7 декабря", PUB)[0][1:] == ("2025-12-07", "day")


def test_anchor_reads_day_words_of_any_pack():
    text = "Учора ворог атакував Суми. Уночі дрони атакували Київ."
    refs = day_refs(text, PUB, "uk")
    assert [(r.text, r.day.isoformat()) for r in refs] == [("Учора", "2025-12-07"), ("Уночі", "2025-12-08")]


def test_an_undated_event_says_so_in_a_warning():
    ex = Extractor(learned=False)
    report = Report(
        id="t",
        source="test",
        text="A Russian drone struck a school in Kharkiv, killing two people.",
        language="en",
    )
    out = ex.extract(report)
    assert out.events and all(e.time is None or e.time.start is None for e in out.events)
    assert any("undated" in w for w in out.warnings)
    dated = Report(
        id="t2",
        source="test",
        text="A Russian drone struck a school in Kharkiv on 3 December 2025, killing two people.",
        language="en",
    )
    assert not any("undated" in w for w in ex.extract(dated).warnings)


def test_a_nights_launch_start_in_parentheses_belongs_to_the_night():
    pub = datetime(2026, 5, 12, 6, 0, tzinfo=UTC)
    text = "У ніч на 12 травня (з 18:00 11 травня) противник атакував 60 ударними БпЛА."
    assert _ruuk(text, pub, "uk") == [("У ніч на 12 травня (з 18:00 11 травня)", "2026-05-12", "day")]
    assert _ruuk(text, None, "uk") == [("У ніч на 12 травня (з 18:00 11 травня)", None, "unknown")]
    # alone, such a start still names its day
    assert _ruuk("Обстріл (з 18:00 11 травня) тривав.", pub, "uk") == [
        ("(з 18:00 11 травня)", "2026-05-11", "day")
    ]


def test_towards_morning_dates_an_attack_to_the_publication_day():
    pub = datetime(2023, 8, 15, 9, 0, tzinfo=UTC)
    assert _ruuk("Під ранок ворог завдав ракетних ударів по Черкащині.", pub, "uk") == [
        ("Під ранок", "2023-08-15", "day")
    ]
    assert _ruuk("На рассвете беспилотники атаковали Курск.", pub)[0][1] == "2023-08-15"
    assert _ruuk("Під ранок ворог завдав ударів.", None, "uk") == []  # no publication: no day to give
