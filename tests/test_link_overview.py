"""A report's country-wide account beside its own towns' events is related to another report's local
event, never one incident with it (``report_features.mark_overviews``). Texts written for these tests."""

from __future__ import annotations

from test_link_fixtures import event, record, span

from skylog.link import Linker

DAY = "2025-03-07"


def _time(text: str, said: str) -> dict:
    return {"text": said, "start": DAY, "end": None, "precision": "day", "span": span(text, said)}


def _country(text: str) -> dict:
    return {"mention": "Ukraine", "span": span(text, "Ukraine"), "kind": "country", "name": "Ukraine",
            "country": "UA", "precision": 3}  # fmt: skip


def _town(text: str, mention: str, code: str, lat: float, lon: float) -> dict:
    return {"mention": mention, "span": span(text, mention), "kind": "settlement", "name": mention,
            "country": "UA", "admin1": code, "admin1_code": code, "gazetteer_id": f"t:{mention}",
            "lat": lat, "lon": lon, "precision": 1}  # fmt: skip


OVERVIEW = (
    "Russia launched a large missile and drone attack on Ukraine overnight, officials said. "
    "In Kyiv, a missile struck an apartment building overnight, killing two people."
)
LOCAL = (
    "Russia launched a large missile attack on Ukraine overnight, officials said. "
    "A missile hit an industrial site in Lviv overnight, injuring three people."
)


def _overview_report():
    lead = event(OVERVIEW, "missile_strike", "missile and drone attack", places=[_country(OVERVIEW)],
                 weapon="missile", time=_time(OVERVIEW, "overnight"))  # fmt: skip
    kyiv = event(OVERVIEW, "missile_strike", "a missile struck", places=[_town(OVERVIEW, "Kyiv", "UA-30", 50.45, 30.52)],
                 weapon="missile", time=_time(OVERVIEW, "overnight"))  # fmt: skip
    pub = f"{DAY}T09:00:00+02:00"
    return [record("ov", 0, OVERVIEW, lead, source="wire", kind="media", published=pub),
            record("ov", 1, OVERVIEW, kyiv, source="wire", kind="media", published=pub)]  # fmt: skip


def _local_report():
    lviv = event(LOCAL, "missile_strike", "A missile hit", places=[_town(LOCAL, "Lviv", "UA-46", 49.84, 24.03)],
                 weapon="missile", time=_time(LOCAL, "overnight"))  # fmt: skip
    return record("lv", 0, LOCAL, lviv, source="paper", kind="media", published=f"{DAY}T10:00:00+02:00")


def test_a_reports_country_wide_account_never_joins_another_towns_event():
    for recs in ([*_overview_report(), _local_report()], [_local_report(), *_overview_report()]):
        lk = Linker()
        lk.link(recs)
        assert lk.by_mention["ov#0"] != lk.by_mention["lv#0"]
        assert lk.by_mention["ov#1"] != lk.by_mention["lv#0"]


def test_a_country_wide_account_alone_in_its_report_is_no_overview():
    text = OVERVIEW.split(". ")[0] + "."
    lead = event(text, "missile_strike", "missile and drone attack", places=[_country(text)],
                 weapon="missile", time=_time(text, "overnight"))  # fmt: skip
    lk = Linker()
    feats = lk.features(
        [record("solo", 0, text, lead, source="x", kind="media", published=f"{DAY}T09:00:00+02:00")]
    )
    assert not feats[0].overview
