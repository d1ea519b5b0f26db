"""The same store API on PostgreSQL (no change above the store); skipped without a server."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from skylog.records import Claim, EventMention, Extraction, IngestError, Report, report_id
from skylog.store import Store

pytestmark = pytest.mark.postgres


def _r(text: str, **kw) -> Report:
    return Report(id=report_id("pg", text, kw.get("external_id")), text=text, source="pg", **kw)


def test_store_api_on_postgres(pg_url):
    store = Store(pg_url)
    try:
        assert store.dialect == "postgresql"
        a = _r(
            "Drones over Kursk were shot down.",
            language="en",
            published_at=datetime(2025, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=3))),
        )
        v1 = _r("Над Курском сбиты два дрона.", external_id="tg/1", language="ru")
        v2 = _r("Над Курском сбиты три дрона.", external_id="tg/1", language="ru")
        s = store.add_reports([a, v1, IngestError("bad.txt", "empty file")])
        assert sorted(s.new) == sorted([a.id, v1.id]) and len(s.failed) == 1
        s2 = store.add_reports([a, v2])
        assert s2.duplicate == [a.id] and s2.updated == [v2.id]
        got = store.get_report(a.id)
        assert got.text == a.text and got.published_at == datetime(2025, 1, 2, 0, 4, tzinfo=UTC)
        assert [r.version for r in store.versions("tg/1")] == [1, 2]
        assert [r.id for r, _ in store.search("Kursk drones")] == [a.id]
        assert [r.language for r in store.iter_reports(language="ru")] == ["ru"]
        ev = EventMention(type="interception", spans=[(0, 6)], count=Claim(value=3, spans=[(0, 1)]))
        ids = store.save_extraction(Extraction(report=v2, events=[ev, ev]))
        ids2 = store.save_extraction(Extraction(report=v2, events=[ev]))
        assert len(ids) == 2 and ids2[0] > max(ids)
        assert [m.id for m in store.iter_mentions()] == ids2
        assert [
            p for p in store.check() if "not linked into incidents" not in p
        ] == []  # mentions stored without a link run are named by check
    finally:
        store.close()
    assert Store(pg_url).count_reports() == 3  # reopening migrates nothing and loses nothing
