"""English days told relative to a statement dated before publication (``en.timexpr``, #15): "overnight,
…, the governor said on Tuesday" is the night before that Tuesday, not before the publication day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report

PUBLISHED = datetime(2025, 5, 7, 9, 0, tzinfo=UTC)  # a Wednesday


def days(nlp: EnglishPipeline, text: str) -> set[str | None]:
    ex = nlp(make_report(text, source="test", language="en", published_at=PUBLISHED))
    return {str(e.time.start)[:10] if e.time and e.time.start else None for e in ex.events}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Russian drones struck Kharkiv last night, killing two people, the governor said on Tuesday.",
            "2025-05-06",
        ),
        (
            "Overnight, Russian drones struck Kharkiv, killing two people, the governor said Tuesday.",
            "2025-05-06",
        ),
        (
            "Russian drones struck Kharkiv during the night, killing two people, officials said on Tuesday.",
            "2025-05-06",
        ),
        (
            "Russian drones struck Kharkiv yesterday, killing two people, the mayor said on Tuesday.",
            "2025-05-05",
        ),
    ],
)
def test_a_relative_day_counts_back_from_the_statement_day(nlp, text, day):
    assert days(nlp, text) == {day}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a statement of the publication day, or none: the publication day is the reference
        (
            "Russian drones struck Kharkiv overnight, killing two people, the governor said on Wednesday.",
            "2025-05-07",
        ),
        ("Russian drones struck Kharkiv overnight, killing two people, the governor said.", "2025-05-07"),
        # a named day of the attack is its own, whatever day the statement has
        ("Russian drones struck Kharkiv on Monday night, the governor said on Tuesday.", "2025-05-05"),
    ],
)
def test_the_publication_day_or_a_named_day_stays(nlp, text, day):
    assert days(nlp, text) == {day}
