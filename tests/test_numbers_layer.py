"""The numbers layer (``skylog.extract.common.numbers``): one reader of numerals for every language,
and the errors of issue #15 it fixes (designations read as counts, a total over a list of places read
as a count for each, a stated "at least" toll replaced by another figure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from skylog.extract import Extractor
from skylog.extract.common.numbers import numbers_of
from skylog.extract.en.casualties import casualties, weapon_counts
from skylog.ingest.common import make_report


def read(text: str, lang: str) -> list[tuple[str, int | None, str, str | None]]:
    """(surface, value, qualifier, designation) of every numeral."""
    return [(text[n.start : n.end], n.value, n.qualifier, n.designation) for n in numbers_of(text, lang)]


def counts(text: str, lang: str) -> list[int | None]:
    return [n.value for n in numbers_of(text, lang) if n.is_count]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("two hundred and fifty people", "en", [250]),
        ("twenty-five, twenty five and 1,200", "en", [25, 25, 1200]),
        ("a dozen drones and two dozen missiles", "en", [12, 24]),
        ("a hundred shells, three thousand two hundred rounds", "en", [100, 3200]),
        ("сто сорок два беспилотника, две тысячи пятьсот снарядов", "ru", [142, 2500]),
        ("двох ракет і п'ятнадцятьма дронами", "uk", [2, 15]),
        ("2 000 дронов", "ru", [2000]),
        ("1,200 drones", "en", [1200]),
        ("1,500 ракеты", "ru", []),  # a decimal comma, not a thousands separator
    ],
)
def test_cardinals_in_words_and_digits(text: str, lang: str, expected: list[int]) -> None:
    assert counts(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "surface", "designation"),
    [
        ("Russia attacked with Shahed 131/136 drones", "en", "131", "model"),
        ("Russia attacked with Shahed 131/136 drones", "en", "136", "model"),
        ("launched Shahed-136 drones", "en", "Shahed-136", "model"),
        ("Kh-101 and S-300 missiles", "en", "S-300", "model"),
        ("ракет Х-101 и Су-34", "ru", "Х-101", "model"),
        ("on 12 March 2024 at 14:30", "en", "12", "date"),
        ("on 12 March 2024 at 14:30", "en", "2024", "year"),
        ("on 12 March 2024 at 14:30", "en", "14:30", "time"),
        ("on March 12 the city was hit", "en", "12", "date"),
        ("12 березня о 15.00", "uk", "12", "date"),
        ("12 березня о 15.00", "uk", "15.00", "time"),
        ("a 9-storey building 5 km away", "en", "9", "measure"),
        ("a 9-storey building 5 km away", "en", "5", "measure"),
        ("on the 5th floor", "en", "5", "ordinal"),
        ("мужчина 45 лет, 30% домов", "ru", "45", "measure"),
        ("в больницу № 2", "ru", "2", "code"),
    ],
)
def test_designations_are_not_counts(text: str, lang: str, surface: str, designation: str) -> None:
    got = {s: d for s, _, _, d in read(text, lang)}
    assert got[surface] == designation


def test_qualifiers_ranges_vague_and_n_of_m() -> None:
    assert read("at least 12 killed, about 30 injured, up to 5 missing", "en") == [
        ("12", 12, "at_least", None),
        ("30", 30, "approx", None),
        ("5", 5, "at_most", None),
    ]
    assert read("щонайменше трьох людей поранено", "uk") == [("трьох", 3, "at_least", None)]
    (rng,) = numbers_of("3-4 drones", "en")
    assert (rng.value, rng.upper, rng.qualifier, rng.is_count) == (3, 4, "range", False)
    assert read("dozens of drones; десятки дронів", "en")[0][1:3] == (None, "vague")
    assert read("десятки дронів", "uk") == [("десятки", None, "vague", None)]
    first, second = numbers_of("downed 15 out of 18 drones", "en")
    assert (first.of_value, first.of_span) == (18, (second.start, second.end))
    first, _ = numbers_of("збили 45 з 60 БпЛА", "uk")
    assert first.of_value == 60


def test_model_numbers_are_not_weapon_counts() -> None:
    s = "Russia launched 40 Shahed 131/136 drones at Ukraine overnight."
    assert [c.value for c in weapon_counts(s, 0, numbers_of(s, "en"))] == [40]
    s = "Russian forces attacked the region with Shahed 131/136 drones."
    assert [c.value for c in weapon_counts(s, 0, numbers_of(s, "en"))] == []


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("The strike killed at least 7 people; a previous attack in March killed 25.", 7),
        ("At least 5 people were killed, bringing the toll this week to 12 killed.", 5),
        ("At least 3 civilians were killed, while 9 people were killed in Kharkiv last month.", 3),
        ("Two people were killed and 12 killed in a second strike.", 12),
    ],
)
def test_a_stated_at_least_toll_is_kept(sentence: str, killed: int) -> None:
    got = casualties(sentence, 0, numbers_of(sentence, "en"))["killed"]
    assert got.value == killed


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(learned=False)


def _counts_by_region(extractor: Extractor, text: str) -> list[tuple[str | None, int | None]]:
    rep = make_report(text, published_at=datetime(2024, 5, 10, tzinfo=UTC), rid="t", language="en")
    out = []
    for e in extractor.extract(rep).events:
        if e.type == "interception":
            admin1 = sorted({p.admin1 for p in e.places if p.admin1})
            out.append((",".join(admin1) or None, e.count.value if e.count else None))
    return out


def test_a_total_over_a_list_of_regions_is_not_a_count_for_each(extractor: Extractor) -> None:
    got = _counts_by_region(
        extractor,
        "Ukraine's air force said 10 drones were downed over the Kharkiv, Sumy and Poltava regions overnight.",
    )
    # one total over the list: each region is its own event and none takes the 10 (never 10 for each)
    assert len(got) == 3 and [c for _, c in got if c is not None] == []
    got = _counts_by_region(
        extractor,
        "Air defences downed 29 drones over the Bryansk region and 15 over the Oryol region overnight.",
    )
    assert sorted(c for _, c in got if c is not None) == [15, 29]
    got = _counts_by_region(
        extractor,
        "Units downed one drone each over the Bryansk region and over the Lipetsk region overnight.",
    )
    assert [c for _, c in got] == [1, 1]


def test_token_kinds_each_read_once_by_its_first_character() -> None:
    """Digit patterns are tried only on tokens that start with a digit, model numbers only on tokens with one."""
    text = "At 04:15 on 12.03.2024 paid 12345678 rubles, 3,400 homes, 2.5 km and a Shahed-136 over Sumy; ²"
    assert read(text, "en") == [
        ("04:15", None, "exact", "time"),
        ("12.03.2024", None, "exact", "date"),
        ("12345678", None, "exact", None),
        ("3,400", 3400, "exact", None),
        ("2.5", None, "exact", "measure"),
        ("Shahed-136", 136, "exact", "model"),
        ("²", None, "exact", None),
    ]


def test_a_digit_group_pattern_that_starts_with_a_digit_is_asked_only_of_digit_tokens():
    import re

    from skylog.extract.common.numbers import _starts_with_digit

    assert _starts_with_digit(re.compile(r"\d{1,3}(?:,\d{3})+"))
    assert _starts_with_digit(re.compile(r"(?:\d{2})+x"))
    for source in (r"\d*,\d{3}", r"x\d{3}", r"\d|a", r"[0-9]+", r"(?:\d+|k)\d"):
        assert not _starts_with_digit(re.compile(source)), source
    assert read("1,200 and ١٢,٣٠٠ and 5,000,000", "en")[0][:2] == ("1,200", 1200)
    assert counts("1,200 drones, 5,000,000 and 12,5", "en")[:2] == [1200, 5000000]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Dozens of drones, a dozen missiles and several hundred shells; twenty-five were downed, 1,200 fled.",
            "en",
        ),
        ("A couple of hundred people and one thousand two hundred homes; five 3-storey blocks.", "en"),
        ("Сбиты два десятка беспилотников и пять ракет, ранены трое.", "ru"),
    ],
)
def test_plain_words_skipped_unasked_give_the_numerals_every_token_gives(text, lang):
    from skylog.extract.common.numbers import _read_one, _Reader
    from skylog.nlp.document import Document

    doc = Document(text=text, language=lang, sentences=[], morphology=None)
    r = _Reader(doc)
    want, i = [], 0
    while i < len(r.tokens):
        got = _read_one(r, i)  # every token asked
        if got is None:
            i += 1
            continue
        want.append((got[0].start, got[0].end, got[0].value))
        i = got[1]
    assert want and [(n.start, n.end, n.value) for n in numbers_of(text, lang)] == want
