"""Quotes and reported speech: marks, speakers, roles, cues, channels, "he added"."""

from __future__ import annotations

import pytest

from skylog.extract.en import EnglishPipeline
from skylog.extract.en.quote_spans import find_quote_spans
from skylog.ingest.common import make_report


def quotes(nlp, text: str):
    return nlp(make_report(text, source="test", language="en")).quotes


def direct(nlp, text: str):
    return [q for q in quotes(nlp, text) if q.kind == "direct"]


@pytest.mark.parametrize(
    "text,content",
    [
        ('He said "the sirens went off twice" and left.', ["the sirens went off twice"]),
        ("“We heard three blasts,” she said.", ["We heard three blasts,"]),
        ("‘The drone’s engine was loud,’ a witness said.", ["The drone’s engine was loud,"]),
        ("«Все живы», — сказал он.", ["Все живы"]),
        ("‘First sentence.\nSecond sentence.’ he wrote.", ["First sentence.\nSecond sentence."]),
        ("The citizens’ safety comes first, the Kremlin’s envoy said.", []),
        ("No marks at all in this line.", []),
        ('Then «Один», "two", ‘three’.', ["Один", "two", "three"]),  # the scan jumps from mark to mark
    ],
)
def test_quote_marks(text: str, content: list[str]) -> None:
    assert [text[s:e] for s, e in find_quote_spans(text)] == content


def test_speaker_after_quote_with_apposition(nlp) -> None:
    (q,) = direct(nlp, "“We are tired of the sirens,” said Olena Kovalenko, a teacher in Sumy.")
    assert q.speaker == "Olena Kovalenko"
    assert q.role == "a teacher in Sumy"
    assert q.cue == "said"


def test_speaker_before_quote_with_colon(nlp) -> None:
    (q,) = direct(nlp, "A local resident, Petro Ivanenko, described the night: “The whole house shook.”")
    assert q.speaker == "Petro Ivanenko"
    assert "local resident" in (q.role or "")


def test_surname_expands_and_title_becomes_role(nlp) -> None:
    text = (
        "Governor Andriy Sadovyi said the city was attacked overnight.\n"
        "“Two missiles hit an industrial site,” Sadovyi wrote on Telegram."
    )
    q = direct(nlp, text)[0]
    assert q.speaker == "Andriy Sadovyi"
    assert q.channel == "Telegram"
    assert "Governor" in (q.role or "")


def test_he_added_resolves_to_previous_speaker(nlp) -> None:
    text = (
        "“Air defence was working over the city,” Mayor Ihor Terekhov said.\n“No one was injured,” he added."
    )
    qs = direct(nlp, text)
    assert [q.speaker for q in qs] == ["Ihor Terekhov", "Ihor Terekhov"]
    assert qs[1].cue == "added"


def test_continuation_quote_without_cue_keeps_speaker(nlp) -> None:
    text = "‘It was terrifying,’ said Maria Lopez, a nurse. ‘We ran to the basement.’"
    assert [q.speaker for q in direct(nlp, text)] == ["Maria Lopez", "Maria Lopez"]


def test_nominal_speaker_resolves_to_named_person(nlp) -> None:
    text = (
        "Kherson regional governor Oleksandr Prokudin reported the shelling in the morning.\n"
        '"A woman was wounded in her yard," the governor said.'
    )
    (q,) = direct(nlp, text)
    assert q.speaker == "Oleksandr Prokudin"


def test_organisation_speaker_and_statement(nlp) -> None:
    text = (
        "Russian Ministry of Defence:\n"
        "During the past night, air defence systems destroyed 12 Ukrainian UAVs over the Belgorod region."
    )
    (q,) = direct(nlp, text)
    assert q.speaker == "Russian Ministry of Defence"


def test_reported_speech_and_according_to(nlp) -> None:
    text = (
        "Governor Vyacheslav Gladkov said that a drone hit a car in the village of Bezlyudovka.\n"
        "According to the regional emergency service, the fire was put out within an hour."
    )
    qs = [q for q in quotes(nlp, text) if q.kind == "reported"]
    assert [(q.speaker, q.cue) for q in qs] == [
        ("Vyacheslav Gladkov", "said"),
        ("the regional emergency service", "according to"),
    ]
    assert qs[0].text.startswith("a drone hit a car")


def reported(nlp, text: str):
    return [q for q in quotes(nlp, text) if q.kind == "reported"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Two missiles were launched at dawn," the Joint Chiefs of Staff was quoted as saying.',
         "the Joint Chiefs of Staff"),
        ('"The sirens went off twice," local residents were quoted as saying.', "local residents"),
    ],
)  # fmt: skip
def test_quoted_as_saying_is_a_cue(nlp, text: str, speaker: str) -> None:
    (q,) = direct(nlp, text)
    assert q.speaker == speaker
    assert "quoted as saying" in (q.cue or "")


@pytest.mark.parametrize("cue", ["reported", "announced"])
def test_this_was_reported_by_attributes_the_sentence_before(nlp, cue: str) -> None:
    text = (
        "A drone hit one of the city districts and a large fire broke out. "
        f"This was {cue} by the head of the regional administration Ivan Fedorov, writes UNN."
    )
    (q,) = reported(nlp, text)
    assert q.speaker == "Ivan Fedorov"
    assert q.role == "the head of the regional administration"  # the carrier ("writes UNN") is no role
    assert q.text.startswith("A drone hit one of the city districts")
    assert q.span == (0, len(text))


def test_according_to_him_is_the_last_named_person(nlp) -> None:
    text = (
        "Governor Vyacheslav Gladkov said the village of Shebekino was shelled overnight. "
        "According to him, two people were injured in the attack."
    )
    assert [(q.speaker, q.cue) for q in reported(nlp, text)] == [
        ("Vyacheslav Gladkov", "said"),
        ("Vyacheslav Gladkov", "according to"),
    ]


def test_as_confirmed_by(nlp) -> None:
    (q,) = reported(
        nlp, "Two people died in the strike, as confirmed by the regional governor Oleh Syniehubov."
    )
    assert (q.speaker, q.role, q.cue) == ("Oleh Syniehubov", "the regional governor", "confirmed")
    assert q.text == "Two people died in the strike"


def test_citing_names_the_source_and_the_carrier(nlp) -> None:
    text = (
        "The missile flew eastward, Yonhap News Agency reported, citing South Korea's joint chiefs of staff."
    )
    (q,) = reported(nlp, text)
    assert q.speaker == "South Korea's joint chiefs of staff"
    assert q.channel == "Yonhap News Agency"


@pytest.mark.parametrize(
    "text",
    [
        "Lebanon's health ministry said an Israeli air strike on Saturday killed nine people.",
        "Beirut: Lebanon's health ministry said an Israeli air strike on Saturday killed nine people.",
        "An Israeli air strike killed nine people, Lebanon's health ministry said in a statement.",
    ],
)
def test_possessive_organisation_is_the_speaker(nlp, text: str) -> None:
    (q,) = reported(nlp, text)
    assert (q.speaker, q.role) == ("Lebanon's health ministry", None)
    assert q.text.startswith("an Israeli air strike") or q.text.startswith("An Israeli air strike")


def test_possessive_with_a_person_keeps_the_person(nlp) -> None:
    (q,) = reported(nlp, "Ukraine's President Volodymyr Zelensky said the drones hit the city overnight.")
    assert q.speaker == "Volodymyr Zelensky"


def test_curly_apostrophe_inside_an_attribution(nlp) -> None:
    (q,) = direct(nlp, "“We shot down 30 drones,” Ukraine’s General Staff said in a statement.")
    assert q.speaker == "Ukraine’s General Staff"


def test_title_apposition_after_the_statement(nlp) -> None:
    text = "Two people were injured in the attack on the village, the regional governor, Vyacheslav Gladkov, said."
    (q,) = reported(nlp, text)
    assert (q.speaker, q.role) == ("Vyacheslav Gladkov", "the regional governor")


def test_and_after_a_quote_continues_the_speaker(nlp) -> None:
    text = (
        "The Resistance Committees in el-Fasher, a coalition of local activists, issued a statement on Facebook "
        'confirming the strike. They called it a "brutal attack" and claimed the RSF was trying "to break the city."'
    )
    qs = quotes(nlp, text)
    assert [q.speaker for q in qs] == ["The Resistance Committees in el-Fasher"] * 3
    assert qs[0].role == "a coalition of local activists"  # a nominal speaker's apposition is its role
    assert qs[1].cue == "claimed"


def test_family_name_first_expands_from_its_first_word(nlp) -> None:
    text = (
        "North Korean Foreign Minister Ri Yong Ho warned the United States on Monday. "
        "Ri added that other countries are safe so long as they do not join an attack."
    )
    q = reported(nlp, text)[-1]
    assert (q.speaker, q.role) == ("Ri Yong Ho", "Foreign Minister")


def test_committee_is_an_organisation_not_a_person(nlp) -> None:
    (q,) = direct(nlp, '"Stop the massacre," the El-Fasher Resistance Committee urged.')
    assert q.speaker == "the El-Fasher Resistance Committee"


def test_a_reprinted_article_in_quote_marks_gives_its_inner_quotes(nlp) -> None:
    text = (
        "SpaceWar.com reports: “Ukrainian President Volodymyr Zelensky told reporters on Thursday that "
        "Russia was stockpiling missiles.\n\n‘We are better than we were last winter,’ Zelensky said.”"
    )
    (q,) = direct(nlp, text)
    assert q.text == "We are better than we were last winter,"
    assert q.speaker == "Volodymyr Zelensky"
    one_paragraph = "He said: “Zelensky said ‘we are ready’ to the press.”"
    assert [one_paragraph[s:e] for s, e in find_quote_spans(one_paragraph)] == [
        "Zelensky said ‘we are ready’ to the press."
    ]


def test_quote_spans_index_the_text(nlp) -> None:
    text = "“Three drones were downed,” the governor wrote. He added that debris fell on a field."
    for q in quotes(nlp, text):
        assert 0 <= q.span[0] < q.span[1] <= len(text)
    (d,) = direct(nlp, text)
    assert text[slice(*d.span)] == d.text


@pytest.mark.parametrize(
    ("phrase", "ask"),
    [
        ("the Russian Defence Ministry", False),
        ("Eyewitnesses", False),
        ("Tkachenko", False),
        ("Muhammad al-Mughayyir of the Gaza civil defence agency", True),
        ("Mikhail Razvozhayev, the Moscow-installed governor", True),
        ("a local resident", True),
    ],
)
def test_model_is_asked_only_where_it_could_name_someone(phrase: str, ask: bool) -> None:
    from skylog.extract.en.speakers import worth_asking_model

    assert worth_asking_model(phrase) is ask


def test_speaker_named_inside_an_institutional_phrase() -> None:
    text = (
        "Three people were killed in the strike, said Muhammad al-Mughayyir of the civil defence agency. "
        '"Rescuers are still searching the rubble," he added.'
    )
    out = EnglishPipeline()(make_report(text, source="t", language="en"))
    assert any(q.speaker and "Mughayyir" in q.speaker for q in out.quotes)


def test_model_questions_go_in_one_batch_and_change_nothing(nlp) -> None:
    """The speaker phrases the NER will be asked are read ahead and batched; the quotes stay the same."""
    from skylog.extract.common.quotes import find_quotes
    from skylog.extract.en.pipeline import PhraseNER
    from skylog.extract.en.quotes import QuoteFinder

    text = (
        "Drones hit a depot near the river overnight, regional head Ahmad al-Rashidi of the council said.\n"
        "Two houses burned down in the village, a farmer named Ostap told local radio.\n"
        "The fire was put out by morning, Ostap Zelenyi said."
    )
    doc = nlp.read(make_report(text, source="test", language="en"))
    asked: list[str] = []
    batches: list[list[str]] = []

    def run(prefetch: bool):
        ner = PhraseNER(nlp.nlp)

        def one(phrase: str):
            asked.append(phrase)
            return ner(phrase)

        def many(phrases: list[str]) -> None:
            batches.append(list(phrases))
            ner.many(phrases)

        finder = QuoteFinder(text, doc.sentences, [], [], ner=one, prefetch=many if prefetch else None)
        return find_quotes(finder)

    plain = run(prefetch=False)
    n_plain = len(asked)
    asked.clear()
    ahead = run(prefetch=True)
    assert ahead == plain and plain
    assert len(batches) == 1 and n_plain >= 2  # the first question brought the others along
    assert set(asked) <= set(batches[0])
    ner = PhraseNER(nlp.nlp)
    ner.many(batches[0])
    for phrase in batches[0]:  # a batched answer is the one-by-one answer
        assert ner.found[phrase] == [(e.start_char, e.end_char, e.label_) for e in nlp.nlp(phrase).ents]


def test_candidate_toponyms_are_read_in_the_windows_given_in_any_order():
    from skylog.extract.en.toponyms import _candidate_toponyms

    t = "Drones struck Odesa overnight. The market was calm. Russia attacked Kharkiv region and Izium."
    a, b = t.index("The"), t.index("Russia")
    want = _candidate_toponyms(t, [(0, len(t))])
    assert sorted(want[0]) == [(14, 19), (68, 75), (68, 82), (87, 92)]
    for windows in ([(0, a - 1), (b, len(t))], [(b, len(t)), (0, a - 1)], [(0, a - 1), (0, a), (b, len(t))]):
        got = _candidate_toponyms(t, windows)
        assert sorted(got[0]) == sorted(want[0]) and got[1] == want[1], windows
    assert _candidate_toponyms(t, [(a, b)]) == ({}, set())
    assert _candidate_toponyms(t, [(0, 13), (20, a)])[0] == {}  # "Odesa" between two windows


def test_quote_over_paragraphs_opens_each_and_takes_the_colon_line_above(nlp) -> None:
    """A quotation over paragraphs reopens each one and closes the last; "X wrote on X:" above names it."""
    text = (
        "The army spokesperson wrote on X:\n"
        "“Sirens sounded in the north after a drone crossed the border. No injuries were reported.\n"
        "“Another drone fell in an open area near the border.”"
    )
    got = direct(nlp, text)
    assert [q.text.split()[0] for q in got] == ["Sirens", "Another"]
    assert all(q.speaker and "spokesperson" in f"{q.speaker} {q.role}" for q in got)


def test_after_frame_cue_then_comma_then_speaker(nlp) -> None:
    """“…”, confirmed,Ramesh Angral, Senior Superintendent: the cue's comma (space lost) before the name."""
    text = "“Two civilians were killed in the shelling”, confirmed,Ramesh Angral, Senior Superintendent of Police."
    (q,) = direct(nlp, text)
    assert q.speaker == "Ramesh Angral"
