"""Time anchoring of follow-ups (#13): the day a report ties to the attack, not the day it speaks."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from skylog.extract.common.anchor import (
    ON_OR_BEFORE_PUBLISHED,
    REFERENCE,
    STATEMENT_DAY,
    anchor_time,
    day_refs,
    mark_statements,
    report_anchor,
)
from skylog.records import TimeExpr

PUB = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)  # a Wednesday


def _own(text: str, expr: str, day: str, weak: bool = False) -> TimeExpr:
    """The time a sentence extractor would give: ``expr`` where it stands in ``text``."""
    s = text.index(expr)
    return TimeExpr(text=expr, start=day, end=day, precision="day", span=(s, s + len(expr)), weak=weak)


@pytest.mark.parametrize(
    ("text", "language", "own_expr", "own_day", "want"),
    [
        # a rescue "this morning" after the attack of a stated date
        ("After the drone attack on Sumy on 11 March, rescuers this morning recovered two more bodies.",
         "en", "this morning", "2025-03-12", "2025-03-11"),
        ("As of this morning the toll of the drone attack on Sumy on 10 March has risen to 5.",
         "en", "this morning", "2025-03-12", "2025-03-10"),
        # the status time of a toll, the strike dated in the same sentence
        ("Станом на 12:00 11 березня відомо про 4 загиблих внаслідок удару по Полтаві 9 березня.",
         "uk", "11 березня", "2025-03-11", "2025-03-09"),
        # «накануне»: the day before publication, owned by the attack
        ("В результате атаки беспилотников накануне в Курске ранены трое. Об этом сообщили сегодня.",
         "ru", "сегодня", "2025-03-12", "2025-03-11"),
        # a wire dateline of the next day; the attack told "on Monday"
        ("Odesa, March 12 – Russian missiles struck the port of Odesa on Tuesday, officials said.",
         "en", "March 12", "2025-03-12", "2025-03-11"),
        # «учора» owns the attack; "today" is the statement's ("повідомив сьогодні")
        ("Учора російський дрон атакував Суми, поранено двох людей, повідомив сьогодні голова ОВА.",
         "uk", "сьогодні", "2025-03-12", "2025-03-11"),
        # "Monday's attack": a possessive weekday owned by the noun after it
        ("The death toll from Monday's missile strike on Dnipro has risen to nine, the governor said today.",
         "en", "today", "2025-03-12", "2025-03-10"),
    ],
)  # fmt: skip
def test_a_follow_up_event_takes_the_day_its_report_ties_to_the_attack(
    text, language, own_expr, own_day, want
):
    new = anchor_time(_own(text, own_expr, own_day), text, PUB, language)
    assert new is not None and new.start == want and new.basis == REFERENCE
    assert new.span is not None and text[new.span[0] : new.span[1]] == new.text  # evidence span


def test_no_time_of_its_own_takes_the_anchor_too():
    text = "Напередодні ввечері російські дрони атакували Харків, пошкоджено гуртожиток."
    new = anchor_time(None, text, PUB, "uk")
    assert new is not None and new.start == "2025-03-11" and new.text == "Напередодні"


def test_an_attack_owned_own_time_stays():
    text = "Overnight, Russian drones attacked Kyiv. The attack came after the strike on Kharkiv on 9 March."
    own = _own(text, "Overnight", "2025-03-12")
    assert anchor_time(own, text, PUB, "en") is None  # two attack days: no single anchor, own kept
    one = "Russian drones attacked Kyiv on Tuesday, officials said on Wednesday."
    assert anchor_time(_own(one, "on Tuesday", "2025-03-11"), one, PUB, "en") is None


def test_a_second_event_with_its_own_day_is_not_pulled_to_another_sentence():
    text = (
        "Sirens sounded in the north on Wednesday morning as a missile flew in. "
        "Earlier on Tuesday, a drone was launched towards the coast."
    )
    assert anchor_time(_own(text, "on Wednesday morning", "2025-03-12"), text, PUB, "en") is None


def test_background_weeks_old_is_no_anchor_without_a_follow_up_cue():
    text = "Drone debris fell on a school; the 10 February attack on the market was worse."
    assert report_anchor(text, PUB, "en").day.isoformat() == "2025-02-10"  # seen, but too old to anchor
    assert anchor_time(None, text, PUB, "en") is None
    follow = "A woman injured in the 10 February attack on the market has died in hospital."
    assert anchor_time(None, follow, PUB, "en").start == "2025-02-10"


def test_the_start_of_a_nights_launches_is_not_the_nights_date():
    text = "В ночь на 12 марта (с 19:00 11 марта) противник атаковал Украину 90 дронами."
    refs = day_refs(text, PUB, "ru")
    assert [r.day.isoformat() for r in refs] == ["2025-03-12"] and refs[0].bound
    new = anchor_time(_own(text, "11 марта", "2025-03-11"), text, PUB, "ru")
    assert new is not None and new.start == "2025-03-12"


def test_recall_sentences_do_not_anchor_unless_the_report_is_a_follow_up():
    recall = (
        "Overnight air defence downed 20 drones. As reported earlier, on 9 March Russia launched 40 drones."
    )
    assert report_anchor(recall, PUB, "en").day.isoformat() == "2025-03-12"
    follow = "A man died in hospital today. As reported earlier, on 9 March a drone struck his house."
    new = anchor_time(_own(follow, "today", "2025-03-12"), follow, PUB, "en")
    assert new is not None and new.start == "2025-03-09"


def test_a_follow_up_naming_no_day_is_bounded_by_publication_not_dated_to_it():
    text = "The death toll of the missile strike on the city rose to 12, the mayor said."
    new = anchor_time(None, text, PUB, "en")
    assert new is not None and new.basis == ON_OR_BEFORE_PUBLISHED
    assert new.start is None and new.end == "2025-03-12" and new.precision == "unknown"
    assert new.to_dict()["basis"] == ON_OR_BEFORE_PUBLISHED
    plain = "Drones struck the city, the mayor said."
    assert anchor_time(None, plain, PUB, "en") is None  # not a follow-up: the linker's publication window


@pytest.mark.parametrize(
    ("text", "language", "expr", "day"),
    [
        # the toll rose, the statement's day stands before its verb («11 березня повідомив»), the
        # attack itself undated: never the statement's day
        (
            "Кількість загиблих від ракетного удару по складу в Полтаві зросла до 7. Про це 11 березня "
            "повідомив мер міста.",
            "uk",
            "11 березня",
            "2025-03-11",
        ),
        (
            "Число погибших при ударе по рынку в Курске выросло до пяти, 11 марта сообщил губернатор.",
            "ru",
            "11 марта",
            "2025-03-11",
        ),
        # «поінформував» is a statement verb too
        (
            "Кількість жертв удару по лікарні в Полтаві зросла до 9. Про це 11 березня у Telegram "
            "поінформував начальник ОВА.",
            "uk",
            "11 березня",
            "2025-03-11",
        ),
    ],
)
def test_a_statement_day_before_its_verb_in_a_follow_up_is_not_the_attack_day(text, language, expr, day):
    new = anchor_time(_own(text, expr, day), text, PUB, language)
    assert new is not None and new.basis == ON_OR_BEFORE_PUBLISHED and new.start is None
    # the same day bound to the attack word stays the event's own
    own = "Кількість загиблих від удару 11 березня по Полтаві зросла до 7, повідомив мер."
    assert anchor_time(_own(own, "11 березня", "2025-03-11"), own, PUB, "uk") is None


def test_a_date_just_after_publication_is_a_slip_not_last_year():
    text = "Air defence shot down all 11 drones launched overnight on Mar. 13, the Air Force said."
    refs = day_refs(text, PUB, "en")
    assert [r.text for r in refs] == ["overnight"]
    new = anchor_time(_own(text, "on Mar. 13", "2024-03-13"), text, PUB, "en")
    assert new is not None and new.start == "2025-03-12"


def test_without_publication_nothing_is_anchored():
    assert anchor_time(None, "Yesterday drones attacked Kyiv.", None, "en") is None
    assert day_refs("Yesterday drones attacked Kyiv.", None) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31 February attack",
        "99 December strike",
        "attack on 29 February",
        "Monday's" * 500,
        "удар 0 травня",
    ],
)
def test_odd_day_references_never_raise(text):
    anchor_time(None, text, PUB, "en")
    anchor_time(None, text, datetime(2024, 2, 29, tzinfo=UTC), "uk")
    day_refs(text, PUB, "ru")


def test_the_date_parser_answers_unknown_only_for_a_date_out_of_range(monkeypatch):
    import dateparser

    from skylog.extract.common.timex import _dateparse

    def raising(error):
        def parse(*args, **kwargs):
            raise error

        return parse

    monkeypatch.setattr(dateparser, "parse", raising(ValueError("day is out of range for month")))
    _dateparse.cache_clear()
    assert _dateparse("31 February", "2024-03-06T00:00:00", "en") is None
    # any other failure is a bug: it is raised (the extractor records it as the report's warning)
    monkeypatch.setattr(dateparser, "parse", raising(RuntimeError("bug")))
    _dateparse.cache_clear()
    with pytest.raises(RuntimeError):
        _dateparse("31 February", "2024-03-06T00:00:00", "en")
    _dateparse.cache_clear()


@pytest.mark.parametrize(
    ("text", "language", "expr", "day"),
    [
        ("A drone struck a hotel in Eilat, injuring 19 people, Israeli television reported on March 12.",
         "en", "on March 12", "2025-03-12"),
        ("Airstrikes on the port killed at least 16 people, the rebels said Tuesday.", "en", "Tuesday", "2025-03-11"),
        ("Удар по Белгороду стал ответом на обстрел, заявил 11 марта губернатор.", "ru", "11 марта", "2025-03-11"),
    ],
)  # fmt: skip
def test_a_day_only_a_statement_gives_is_marked_and_kept(text, language, expr, day):
    ev = SimpleNamespace(time=_own(text, expr, day))
    assert mark_statements([ev], text, PUB, language) == 1
    assert ev.time.basis == STATEMENT_DAY
    assert (ev.time.start, ev.time.end, ev.time.precision) == (day, day, "day")  # the date stays as read
    assert ev.time.to_dict()["basis"] == STATEMENT_DAY


@pytest.mark.parametrize(
    ("text", "language", "expr", "day"),
    [
        # an attack word owns the day: the statement after it does not make it the statement's
        ("Drones struck the airport in Port Sudan on Tuesday, officials said.", "en", "on Tuesday", "2025-03-11"),
        ("Это произошло в ночь на вторник, 11 марта, сообщил губернатор.", "ru", "в ночь на вторник, 11 марта",
         "2025-03-11"),
        # the statement names the attack's day the report's attack word owns elsewhere
        ("A drone struck Eilat on Tuesday. The army said on Tuesday that it was launched from Yemen.",
         "en", "on Tuesday", "2025-03-11"),
    ],
)  # fmt: skip
def test_a_day_an_attack_owns_is_not_a_statements(text, language, expr, day):
    time = _own(text, expr, day)
    start = text.rindex(expr)  # the last: in the third, the statement's own "on Tuesday"
    time.span = (start, start + len(expr))
    ev = SimpleNamespace(time=time)
    assert mark_statements([ev], text, PUB, language) == 0
    assert ev.time.basis is None


def test_day_references_that_fail_to_read_cost_the_report_no_events(monkeypatch):
    """Anchoring and statement days share one reading of the report's day references; where it fails on
    odd text, the report keeps its events with their own times and a warning, and nothing raises."""
    import skylog.extract as extract_module
    from skylog.extract import Extractor
    from skylog.ingest.common import make_report

    def broken(*args, **kwargs):
        raise ValueError("unreadable day")

    import skylog.extract.common.anchor as anchor_module

    monkeypatch.setattr(anchor_module, "day_refs", broken)
    monkeypatch.setattr(extract_module, "day_refs", broken, raising=False)
    report = make_report(
        "A Russian drone struck a house in Kharkiv on Monday, injuring two people, the governor reported on "
        "Tuesday.",
        source="test",
        language="en",
        published_at=datetime(2025, 3, 4, 8, tzinfo=UTC),
    )
    result = Extractor().extract(report)
    assert result.events
    assert any(w.startswith("time anchoring skipped: unreadable day") for w in result.warnings)


@pytest.mark.parametrize(
    ("text", "language", "expr", "day"),
    [
        (
            "On March 9, Russia launched another attack on the city. The death toll from the missile strike on "
            "the dormitory rose to 14 on Tuesday, rescuers said.",
            "en",
            "on Tuesday",
            "2025-03-11",
        ),
        (
            "9 березня росіяни атакували місто. Кількість загиблих від удару по гуртожитку зросла до 14 у "
            "вівторок.",
            "uk",
            "у вівторок",
            "2025-03-11",
        ),
    ],
)
def test_the_day_a_toll_rose_on_is_not_the_attack_day(text, language, expr, day):
    """The day after a toll's rise ("rose to 14 on Tuesday") is the rise's: no attack word owns it, and the
    follow-up takes the day the report ties to the attack."""
    assert all(not r.bound for r in day_refs(text, PUB, language) if r.text.endswith(expr.split()[-1]))
    new = anchor_time(_own(text, expr, day), text, PUB, language)
    assert new is not None and new.start == "2025-03-09" and new.basis == REFERENCE


def test_a_part_of_the_day_alone_in_a_follow_up_takes_the_recalled_attack_day():
    """«Утром …» names no day: read on publication's, it gives way to the day the follow-up ties to the attack."""
    text = (
        "Число погибших в результате удара по общежитию возросло до 14. Напомним, что в воскресенье, 9 марта, "
        "Россия нанесла массированный ракетный удар по городу. Утром взрывы прогремели в центре."
    )
    new = anchor_time(_own(text, "Утром", "2025-03-12"), text, PUB, "ru")
    assert new is not None and new.start == "2025-03-09" and new.basis == REFERENCE
