"""Dates told all in figures with their year ("on Saturday (10.29.2022)", DW style, #13): read in the
order only one of which can read them, else in the language's order (the pack's [time]
NUMERIC_DATE_ORDER); no part of such a date is a clock time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from skylog.extract import Extractor
from skylog.extract.common.timex import normalise_time, numeric_date
from skylog.ingest.common import make_report


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("10.29.2022", "en", "2022-10-29"),  # only month first can read it
        ("29.10.2022", "en", "2022-10-29"),  # only day first can read it
        ("05.06.2022", "en", "2022-05-06"),  # both: English reads the month first
        ("05.06.2022", "ru", "2022-06-05"),  # both: Russian reads the day first
        ("29/10/2022", "en", "2022-10-29"),
    ],
)
def test_a_date_in_figures_is_read_in_the_order_that_can_read_it(text, language, day) -> None:
    te = normalise_time(text, None, language)
    assert (te.start, te.precision) == (day, "day")


def test_no_order_reads_an_impossible_date() -> None:
    assert numeric_date(13, 31, 2022, month_first=True) is None
    assert numeric_date(2, 28, 2022, month_first=False) == date(2022, 2, 28)


def test_an_english_report_dated_in_figures_dates_its_event() -> None:
    text = "The navy said that on Saturday (10.29.2022) it repelled a drone attack in the Sevastopol Bay."
    (ev,) = Extractor().extract(make_report(text, published_at=None, language="en")).events
    assert ev.time is not None
    assert (ev.time.start, ev.time.precision) == ("2022-10-29", "day")


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        # both orders read it, the language's reads a day after publication: the other one (#15)
        ("06.05.2025", "en", "2025-05-06"),
        ("05.06.2025", "ru", "2025-05-06"),
        # both read a day on or before publication: the language's order stays
        ("05.04.2025", "en", "2025-05-04"),
        ("04.05.2025", "ru", "2025-05-04"),
    ],
)
def test_of_two_readings_the_one_after_publication_yields(text, language, day) -> None:
    published = datetime(2025, 5, 7, 9, 0, tzinfo=UTC)
    te = normalise_time(text, published, language)
    assert (te.start, te.precision) == (day, "day")
