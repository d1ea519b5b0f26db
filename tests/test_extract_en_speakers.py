"""English speakers of quotes and reported speech on texts written for these tests (#15): "…," said the X;
a phrase of time fronted before the subject; "X has said"."""

from __future__ import annotations

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


@pytest.fixture(scope="module")
def nlp() -> EnglishPipeline:
    return EnglishPipeline()


def speakers(nlp: EnglishPipeline, text: str) -> list[str | None]:
    return [q.speaker for q in nlp(make_report(text, source="test", language="en")).quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"The flight test met all its objectives," said the Ministry of Defence.',
            "the Ministry of Defence",
        ),
        (
            '"Two drones were shot down over the sea," said the governor, adding that no one was hurt.',
            "the governor",
        ),
    ],
)
def test_said_the_after_a_quote_names_the_speaker(nlp, text, speaker):
    assert speakers(nlp, text) == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Shortly after 4:00 am local time (0100 GMT), the Israeli army announced that a missile had triggered "
        "sirens in Haifa.",
        "On Monday morning, the Israeli army announced that a missile had triggered sirens in Haifa.",
    ],
)
def test_a_fronted_phrase_of_time_is_no_speaker(nlp, text):
    assert speakers(nlp, text) == ["the Israeli army"]


def test_has_said_and_he_said_after_it(nlp):
    text = (
        "One person was killed in a Russian strike on Zaporizhzhia, the head of the regional military "
        "administration, Ivan Fedorov, has said.\n"
        '"The enemy has attacked the industrial infrastructure of the city," he said on Telegram.\n'
        "Earlier, the regional state administration reported a strike with guided aerial bombs."
    )
    assert speakers(nlp, text)[:2] == ["Ivan Fedorov", "Ivan Fedorov"]
