"""English speakers of quotes and reported speech on texts written for these tests (#15): "…," said the X;
a phrase of time fronted before the subject; "X has said"."""

from __future__ import annotations

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.ingest.common import make_report


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


def quotes(nlp: EnglishPipeline, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.kind, q.speaker, q.role) for q in nlp(make_report(text, source="test", language="en")).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            "Airstrikes killed 16 people at the monastery, said a resident of the area who identified himself "
            'as Ko Lin.\n"The monastery was hit with firebombs," he told the radio.',
            "Ko Lin",
            "a resident of the area",
        ),
        (
            'A woman, who gave only her first name, Olena, said the drone hit her house.\n"Everything burned," '
            "she said.",
            "Olena",
            "A woman",
        ),
        ("A man identified only as Ahmed said the strike hit the market near his home.", "Ahmed", "A man"),
    ],
)
def test_a_speaker_who_names_himself_in_a_clause_is_that_name(nlp, text, speaker, role):
    assert {(s, r) for _, s, r in quotes(nlp, text)} == {(speaker, role)}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "An anti-junta fighter, speaking anonymously for safety, told AFP the strike hit a monastery hall.\n"
            '"But they were bombed anyway," he said.',
            "An anti-junta fighter",
        ),
        (
            "A local official, who asked not to be named, told AFP that the strike hit a school.\n"
            '"Three people died there," he said.',
            "A local official",
        ),
    ],
)
def test_a_clause_between_subject_and_verb_leaves_the_subject_the_speaker(nlp, text, speaker):
    assert [s for _, s, _ in quotes(nlp, text)] == [speaker, speaker]


def test_according_to_after_a_quote_names_its_speaker(nlp):
    text = '"The situation in the city is under control," according to Mayor Vitali Klitschko.'
    assert quotes(nlp, text) == [("direct", "Vitali Klitschko", "Mayor")]


def test_a_quote_the_sentence_goes_on_after_takes_the_name_at_its_end(nlp):
    text = (
        "“They bombed at two areas in Namhkam” town on Friday around 1am local time (2.30am, Singapore time), "
        "Lway Yay Oo of the Ta’ang National Liberation Army (TNLA) said."
    )
    assert quotes(nlp, text) == [("direct", "Lway Yay Oo", "of the Ta’ang National Liberation Army (TNLA)")]
