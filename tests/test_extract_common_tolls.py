"""One report's tolls across its events (skylog.extract.common.tolls): a lead's toll the body restates."""

from __future__ import annotations

from skylog.extract.common.tolls import lead_end, reconcile_tolls
from skylog.records import Claim, EventMention, Place

TEXT = "Strike kills 11 in Gaza\nAt least 11 civilians were killed on Sunday.\nThe army struck a building, killing 11."
LEAD = TEXT.index("At least")
BODY = TEXT.index("killing 11")


def _event(
    kind: str, at: int, value: int, region: str | None = None, fld: str = "killed", country: str | None = None
) -> EventMention:
    places = [Place(mention="x", span=(at, at + 1), kind="settlement", admin1_code=region, country=country)]
    e = EventMention(type=kind, spans=[(at, at + 5)], places=places)
    setattr(e, fld, Claim(value=value, spans=[(at, at + 5)]))
    return e


def _values(events: list[EventMention], fld: str = "killed") -> list[int | None]:
    return [c.value if (c := getattr(e, fld)) is not None else None for e in events]


def test_the_lead_is_a_title_and_its_first_sentence() -> None:
    assert TEXT[: lead_end(TEXT)].endswith("on Sunday.")


def test_a_lead_toll_the_body_restates_is_counted_once() -> None:
    events = [_event("missile_strike", LEAD, 11), _event("air_strike", BODY, 11)]
    reconcile_tolls(events, TEXT)
    assert _values(events) == [None, 11]


def test_a_lead_total_its_later_parts_add_up_to_is_counted_once() -> None:
    events = [_event("air_strike", LEAD, 5, fld="injured"), _event("air_strike", BODY, 2, fld="injured")]
    events.append(_event("air_strike", BODY + 3, 3, fld="injured"))
    reconcile_tolls(events, TEXT)
    assert _values(events, "injured") == [None, 2, 3]


def test_tolls_that_do_not_restate_the_lead_are_all_kept() -> None:
    # another figure, two regions or countries, or two tolls both in the lead: separate incidents
    cases = [
        [_event("air_strike", LEAD, 11), _event("air_strike", BODY, 3)],
        [_event("air_strike", LEAD, 1, "UA-63"), _event("air_strike", BODY, 1, "UA-51")],
        [_event("shelling", LEAD, 2, country="IN"), _event("shelling", BODY, 2, country="PK")],
        [_event("air_strike", 0, 1), _event("air_strike", LEAD, 1)],
    ]
    for events in cases:
        before = _values(events)
        reconcile_tolls(events, TEXT)
        assert _values(events) == before
