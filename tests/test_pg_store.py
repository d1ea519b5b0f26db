"""The store behaves the same on SQLite and PostgreSQL (each PostgreSQL test in its own schema)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect

from skylog.engine.pg import server_url, temp_schema
from skylog.records import Claim, EventMention, Extraction, IngestError, Place, Quote, Report, report_id
from skylog.store import Store

PG = server_url()
needs_pg = pytest.mark.skipif(not PG, reason="SKYLOG_TEST_PG_URL is not set")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, needs_pg])])
def any_store(request, tmp_path):
    if request.param == "sqlite":
        s = Store(str(tmp_path / "t.db"))
        yield s
        s.close()
        return
    with temp_schema(PG) as url:
        s = Store(url)
        yield s
        s.close()


def _report(text_: str, source: str = "src", **kw) -> Report:
    return Report(id=report_id(source, text_, kw.pop("version_key", None)), text=text_, source=source, **kw)


def _extraction(r: Report, n_events: int, count: int = 3) -> Extraction:
    place = Place(
        name="Kursk", kind="settlement", country="RU", admin1="Kursk Oblast", admin1_code="RU-KUR",
        lat=51.73, lon=36.19, precision=1, mention="Kursk", span=(r.text.find("Kursk"), r.text.find("Kursk") + 5),
    )  # fmt: skip
    events = [
        EventMention(
            type="interception",
            weapon="drone",
            count=Claim(value=count + i, claimant="the governor", spans=[(0, 5)]),
            places=[place],
            spans=[(0, len(r.text))],
        )
        for i in range(n_events)
    ]
    quotes = [Quote(speaker="the governor", text=r.text[:10], cue="said", span=(0, 10))]
    return Extraction(report=r, events=events, quotes=quotes)


def test_dialect_and_tables(any_store):
    assert any_store.dialect in ("sqlite", "postgresql")
    names = set(inspect(any_store.engine).get_table_names())
    assert {"reports", "ingest_errors", "extractions", "event_mentions", "quotes", "alembic_version"} <= names


def test_add_dedupe_and_exact_text(any_store):
    raw = "Line one\r\n  with  odd   spacing\tand ёлка \u0301 — «кавычки» 🚀\n"
    r = _report(raw, published_at=datetime(2025, 6, 1, 3, 0, tzinfo=timezone(timedelta(hours=3))))
    first = any_store.add_reports([r, r, IngestError("bad.txt", "empty file")])
    assert first.new == [r.id] and first.duplicate == [r.id] and len(first.failed) == 1
    again = any_store.add_reports([_report(raw)])
    assert again.new == [] and again.duplicate == [r.id]
    got = any_store.get_report(r.id)
    assert got.text == raw
    assert got.published_at == datetime(2025, 6, 1, 0, 0, tzinfo=UTC)
    assert any_store.get_report(r.id[:10]).id == r.id
    assert any_store.get_report("nope") is None
    assert any_store.count_reports() == 1
    assert [e.input for _, e in any_store.iter_errors()] == ["bad.txt"]


def test_versions(any_store):
    texts = ["Three drones downed", "Four drones downed", "Five drones downed"]
    rs = [_report(t, external_id="chan/5", version_key="chan/5") for t in texts]
    any_store.add_reports([rs[0]])
    s = any_store.add_reports([rs[1], rs[2]])  # two edits in one batch
    assert s.updated == [rs[1].id, rs[2].id]
    versions = any_store.versions("chan/5")
    assert [v.version for v in versions] == [1, 2, 3]
    assert [v.text for v in versions] == texts
    assert versions[0].meta["superseded_by"] == rs[1].id
    latest = list(any_store.iter_reports())
    assert [r.id for r in latest] == [rs[2].id]
    assert len(list(any_store.iter_reports(include_superseded=True))) == 3


def test_iter_reports_order_and_filters(any_store):
    base = datetime(2025, 1, 1, tzinfo=UTC)
    rs = [
        _report(
            f"report number {i}", language=lang, published_at=(base + timedelta(days=i)) if i % 3 else None
        )
        for i, lang in enumerate(["en", "ru", "uk", "en", "ru", "uk", "en"])
    ]
    any_store.add_reports(rs)
    got = list(any_store.iter_reports())
    dated = [r.published_at for r in got if r.published_at]
    assert dated == sorted(dated, reverse=True) and got[-1].published_at is None
    assert {r.language for r in any_store.iter_reports(language="ru")} == {"ru"}
    since = list(any_store.iter_reports(since=base + timedelta(days=4)))
    assert since and all(r.published_at >= base + timedelta(days=4) for r in since)
    assert len(list(any_store.iter_reports(limit=2))) == 2


def test_extractions_and_mentions(any_store):
    r1 = _report("Two drones were shot down over Kursk, the governor said.")
    r2 = _report("Kursk: a drone hit a warehouse overnight.")
    any_store.add_reports([r1, r2])
    ids1 = any_store.save_extraction(_extraction(r1, 2))
    ids2 = any_store.save_extraction(_extraction(r2, 1))
    assert len(ids1) == 2 and len(ids2) == 1 and ids1[0] < ids1[1] < ids2[0]
    ex = any_store.get_extraction(r1.id)
    assert len(ex["events"]) == 2 and ex["events"][0]["count"]["value"] == 3
    assert ex["quotes"][0]["speaker"] == "the governor"
    # replacing an extraction: old mentions go, new ids are larger (incremental linking relies on it)
    ids1b = any_store.save_extraction(_extraction(r1, 1, count=9))
    assert ids1b[0] > ids2[0]
    ments = list(any_store.iter_mentions())
    assert sorted(m.id for m in ments) == sorted(ids2 + ids1b)
    m = next(m for m in ments if m.report_id == r1.id)
    assert m.mention["count"]["value"] == 9 and m.mention["places"][0]["admin1_code"] == "RU-KUR"
    assert [m.id for m in any_store.iter_mentions(since_id=ids2[0])] == ids1b
    assert [
        p for p in any_store.check() if "not linked into incidents" not in p
    ] == []  # mentions stored without a link run are named by check


def test_search(any_store):
    any_store.add_reports(
        [
            _report("Air defence destroyed nine drones over Bryansk region overnight."),
            _report("В Брянской области сбиты беспилотники."),
            _report("The Bryansk theatre opens its season."),
        ]
    )
    hits = any_store.search("drones Bryansk")
    assert [r.text for r, _ in hits] == ["Air defence destroyed nine drones over Bryansk region overnight."]
    assert "Bryansk" in hits[0][1]
    assert len(any_store.search("Bryansk")) == 2
    assert len(any_store.search("Брянской")) == 1
    for hostile in ['"', "drones OR", "NEAR(", "*", "'; drop table reports; --", "%_%", "\x00"]:
        any_store.search(hostile)  # never raises
    assert any_store.search("   ") == []
    assert any_store.count_reports() == 3


@pytest.mark.postgres
@needs_pg
def test_plain_postgresql_url_opens():
    """``--db postgresql://…`` (no driver named) must open with the installed psycopg2.

    SQLAlchemy 2.1 maps a bare ``postgresql://`` to psycopg 3, which skylog does not install.
    """
    from sqlalchemy.engine import make_url

    with temp_schema(PG) as url:
        plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        s = Store(plain)
        try:
            assert s.dialect == "postgresql" and s.count_reports() == 0
        finally:
            s.close()
