"""One statement-day pass for every language (``common.anchor.statement_days``, #14): a day told relative to
its telling ("overnight", «ночью», «вчера») counts from the day its sentence dates a statement to ("the
governor said on Tuesday", «в субботу губернатор сообщил»), before publication; the language modules say
only which expressions are relative, which are a statement's, and the days they name."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from skylog.extract.common.anchor import Told, statement_days
from skylog.extract.en import EnglishPipeline
from skylog.extract.ruuk.timex import find_times
from skylog.ingest.common import make_report

PUB = datetime(2025, 5, 12, 9, 0, tzinfo=UTC)  # a Monday, 12:00 in Moscow and Kyiv
SAT, FRI, MON = date(2025, 5, 10), date(2025, 5, 9), date(2025, 5, 12)


def test_the_nearest_stated_day_before_else_the_first_after_in_its_sentence():
    rel = Told(50, MON, relative=True, stated=False)
    assert statement_days([Told(0, FRI, False, True), Told(20, SAT, False, True), rel], MON) == {2: SAT}
    assert statement_days([rel, Told(60, SAT, False, True), Told(80, FRI, False, True)], MON) == {0: SAT}
    # another sentence's statement, a statement of publication's day, a day no statement's: nothing moves
    assert (
        statement_days([Told(0, SAT, False, True, sentence=0), Told(50, MON, True, False, sentence=1)], MON)
        == {}
    )
    assert statement_days([rel, Told(60, MON, False, True)], MON) == {}
    assert statement_days([rel, Told(60, SAT, False, False)], MON) == {}


def ruuk_days(text: str, lang: str) -> dict[str, str | None]:
    return {f.expr.text: f.expr.start for f in find_times(text.lower(), text, PUB, lang)}


def en_days(nlp: EnglishPipeline, text: str) -> set[str | None]:
    ex = nlp(make_report(text, source="test", language="en", published_at=PUB))
    return {str(e.time.start)[:10] if e.time and e.time.start else None for e in ex.events}


@pytest.mark.parametrize(
    ("text", "lang", "expr", "day"),
    [
        # the statement told after the night, as English tells it
        ("Ночью беспилотник атаковал Курчатов, сообщил в субботу губернатор.", "ru", "Ночью", "2025-05-10"),
        ("Вночі дрон атакував Суми, повідомив у суботу голова ОВА.", "uk", "Вночі", "2025-05-10"),
        # and before it
        ("В субботу губернатор сообщил, что ночью беспилотник атаковал Курчатов.", "ru", "ночью", "2025-05-10"),
    ],
)  # fmt: skip
def test_ruuk_counts_from_the_statement_either_side(text, lang, expr, day):
    assert ruuk_days(text, lang)[expr] == day


@pytest.mark.parametrize(
    "text",
    [
        "Russian drones struck Kharkiv overnight, killing two people, the governor said on Saturday.",
        "The governor said on Saturday that Russian drones struck Kharkiv overnight, killing two people.",
    ],
)
def test_english_counts_from_the_statement_either_side(nlp, text):
    assert en_days(nlp, text) == {"2025-05-10"}
