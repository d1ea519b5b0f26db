"""Who speaks for an event and who struck are no particular name (``link.speakers``): the same
governor reports every strike on his city and the same armed group is named in every attack it
makes, so two reports sharing only such a name are not tied by it; another name still ties them."""

from __future__ import annotations

from test_link_fixtures import claim, event, record

from skylog.link import Linker, MentionRecord
from skylog.link.speakers import speaker_names


def _day(text: str) -> dict:
    return {"text": text, "start": "2025-05-04", "end": None, "precision": "day", "span": None}


def _strike(rid: str, text: str, claimant: str, perpetrator: str | None = None) -> MentionRecord:
    perp = claim(text, perpetrator, perpetrator) if perpetrator else None
    ev = event(text, "missile_strike", "a missile struck", weapon="missile", places=[], time=_day("On Sunday"),
               claimant=claimant, perpetrator=perp)  # fmt: skip
    return record(
        rid, 0, text, ev, source=f"{rid} outlet", kind="media", published="2025-05-04T12:00:00+00:00"
    )


def test_speaker_and_perpetrator_names_are_read_from_the_claims():
    text = "On Sunday the Zorvani Brigades fired; a missile struck a depot, Governor Oleg Dravinsky said."
    ev = event(text, "missile_strike", "a missile struck", places=[], claimant="Governor Oleg Dravinsky",
               perpetrator=claim(text, "Zorvani Brigades", "Zorvani Brigades", claimant="Tavrel Agency"))  # fmt: skip
    assert {"oleg", "dravi", "zorva", "briga", "tavre"} <= speaker_names(ev)
    assert not speaker_names(event(text, "missile_strike", "a missile struck", places=[]))


def _two(second_name: str) -> Linker:
    a = _strike("a", "On Sunday a missile struck a fuel depot by the river, Governor Oleg Dravinsky said.",
                "Governor Oleg Dravinsky")  # fmt: skip
    b = _strike(
        "b",
        f"Windows shattered across {second_name} when a missile struck on Sunday, wrote Oleg Dravinsky.",
        "Oleg Dravinsky",
    )
    lk = Linker()
    lk.link([a, b])
    return lk


def test_two_reports_sharing_only_their_speakers_name_do_not_link():
    lk = _two("a school")
    assert lk.by_mention["a#0"] != lk.by_mention["b#0"]


def test_two_reports_sharing_only_the_perpetrators_name_do_not_link():
    a = _strike("a", "On Sunday the Zorvani Brigades fired as a missile struck a fuel depot by the river.",
                "the outlet", "Zorvani Brigades")  # fmt: skip
    b = _strike("b", "Windows shattered across a school when a missile struck on Sunday; Zorvani Brigades claimed it.",
                "the outlet", "Zorvani Brigades")  # fmt: skip
    lk = Linker()
    lk.link([a, b])
    assert lk.by_mention["a#0"] != lk.by_mention["b#0"]


def test_a_particular_name_beside_the_speakers_still_ties_them():
    a = _strike(
        "a",
        "On Sunday a missile struck the Dorvanel depot, Governor Oleg Dravinsky said.",
        "Governor Oleg Dravinsky",
    )
    b = _strike("b", "On Sunday a missile struck the Dorvanel depot, Governor Oleg Dravinsky said on Telegram.",
                "Governor Oleg Dravinsky")  # fmt: skip
    lk = Linker()
    lk.link([a, b])
    inc = lk.by_mention["a#0"]
    assert lk.by_mention["b#0"] == inc
    reasons = lk.incidents[inc].evidence["b#0"]["reasons"]
    assert any("dorva" in r for r in reasons) and not any("dravi" in r for r in reasons), reasons
