from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import inspect, text

from skylog.records import Claim, EventMention, Extraction, IngestError, Place, Quote, Report, report_id
from skylog.store import Store
from skylog.store.schema import metadata


def _report(text_: str, source: str = "src", **kw) -> Report:
    return Report(id=report_id(source, text_, kw.pop("version_key", None)), text=text_, source=source, **kw)


def test_migrates_on_open_and_reopens(tmp_path):
    path = tmp_path / "a.db"
    s = Store(str(path))
    names = set(inspect(s.engine).get_table_names())
    assert {"reports", "ingest_errors", "extractions", "event_mentions", "quotes", "alembic_version"} <= names
    with s.engine.connect() as c:
        from alembic.script import ScriptDirectory

        from skylog.store.core import MIGRATIONS

        head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
        assert c.execute(text("select version_num from alembic_version")).scalar() == head
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    s.add_reports([_report("Two drones were shot down over Kursk.")])
    s.close()
    s2 = Store(str(path))
    assert s2.count_reports() == 1
    assert "reports" in metadata.tables


def test_duplicates_and_exact_text_kept(store):
    raw = "Line one\r\n  with  odd   spacing\tand ёлка \u0301 marks\n"
    r = _report(raw, published_at=datetime(2025, 6, 1, 3, 0, tzinfo=timezone(timedelta(hours=3))))
    first = store.add_reports([r, r])
    assert first.new == [r.id] and first.duplicate == [r.id]
    again = store.add_reports([_report(raw)])
    assert again.new == [] and again.duplicate == [r.id]
    got = store.get_report(r.id)
    assert got.text == raw
    assert got.published_at == datetime(2025, 6, 1, 0, 0, tzinfo=UTC)
    assert got.published_at.isoformat() == "2025-06-01T03:00:00+03:00"  # local offset kept
    assert got.meta == {}
    assert store.get_report(r.id[:10]).id == r.id  # unique prefix
    assert store.get_report("nope") is None


def test_new_version_keeps_old(store):
    v1 = _report("Three drones downed", external_id="chan/5", version_key="chan/5")
    v2 = _report("Four drones downed", external_id="chan/5", version_key="chan/5")
    store.add_reports([v1])
    s = store.add_reports([v2])
    assert s.updated == [v2.id] and s.new == []
    versions = store.versions("chan/5")
    assert [v.version for v in versions] == [1, 2]
    assert [v.text for v in versions] == ["Three drones downed", "Four drones downed"]
    assert versions[0].meta["superseded_by"] == v2.id
    latest = list(store.iter_reports())
    assert [r.id for r in latest] == [v2.id]
    assert {r.id for r in store.iter_reports(include_superseded=True)} == {v1.id, v2.id}
    # re-ingesting the old text again adds nothing
    assert store.add_reports([v1]).duplicate == [v1.id]


def test_errors_logged_and_batch_goes_on(store):
    good = _report("Debris fell on a house in Belgorod.")
    s = store.add_reports([IngestError("x.txt", "empty file"), good])
    assert s.new == [good.id]
    assert [str(e) for e in s.failed] == ["x.txt: empty file"]
    store.record_errors([IngestError("y", "binary file")])
    assert [e.input for _, e in store.iter_errors()] == ["y", "x.txt"]


def test_iter_reports_filters(store):
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    reps = [
        _report("English text about drones", published_at=t0, language="en"),
        _report("Русский текст о беспилотниках", published_at=t0 + timedelta(days=2), language="ru"),
        _report("No date here", language="en"),
    ]
    store.add_reports(reps)
    assert [r.text for r in store.iter_reports()] == [reps[1].text, reps[0].text, reps[2].text]
    assert [r.language for r in store.iter_reports(language="en")] == ["en", "en"]
    assert [r.text for r in store.iter_reports(since=t0 + timedelta(days=1))] == [reps[1].text]
    assert len(list(store.iter_reports(limit=2))) == 2


def test_search_fts_and_hostile_queries(store):
    a = _report("Air defence shot down 12 drones over Bryansk overnight.", title="Bryansk")
    b = _report("Обломки беспилотника упали в Курской области.")
    store.add_reports([a, b])
    hits = store.search("drones Bryansk")
    assert [r.id for r, _ in hits] == [a.id]
    assert "[" in hits[0][1]
    assert [r.id for r, _ in store.search("курской")] == [b.id]
    assert [r.id for r, _ in store.search("беспилот*")] == [b.id]
    for q in ['"unbalanced', "AND OR NOT", "drones)", "NEAR(", "", "   ", "*"]:
        store.search(q)  # never raises on user syntax
    assert store.search("nonexistentword") == []


def _extraction(report: Report, n: int) -> Extraction:
    events = [
        EventMention(
            type="interception",
            spans=[(0, 5)],
            weapon="drone",
            count=Claim(value=i + 2, spans=[(0, 1)]),
            killed=Claim(value=0, spans=[(1, 2)]),
            places=[
                Place(
                    "Kursk", (10, 15), kind="region", country="RU", admin1_code="RU-KRS", lat=51.7, lon=36.2
                )
            ],
        )
        for i in range(n)
    ]
    return Extraction(report=report, events=events, quotes=[Quote("we are safe", (3, 9), speaker="Governor")])


def test_save_extraction_replaces_and_mention_ids_grow(store):
    kyiv = timezone(timedelta(hours=2))
    r = _report(
        "Drones over Kursk region again.",
        source="tg",
        source_kind="official",
        title="T",
        published_at=datetime(2025, 2, 1, 0, 30, tzinfo=kyiv),
    )
    store.add_reports([r])
    ids1 = store.save_extraction(_extraction(r, 2))
    assert len(ids1) == 2
    ms = list(store.iter_mentions())
    assert [m.id for m in ms] == ids1
    assert ms[0].mention["count"]["value"] == 2 and ms[1].mention["count"]["value"] == 3
    assert ms[0].source_kind == "official" and ms[0].report_title == "T"
    assert ms[0].published_at.isoformat() == "2025-02-01T00:30:00+02:00"
    ids2 = store.save_extraction(_extraction(r, 1))
    assert len(ids2) == 1 and ids2[0] > max(ids1)  # replaced, ids never reused
    assert [m.id for m in store.iter_mentions()] == ids2
    assert list(store.iter_mentions(since_id=ids2[0])) == []
    with store.engine.connect() as c:
        row = c.execute(text("select count, killed, country, lat from event_mentions")).one()
        assert tuple(row) == (2, 0, "RU", 51.7)
        assert c.execute(text("select count(*) from quotes")).scalar() == 1
    stored = store.get_extraction(r.id)
    assert stored["events"][0]["weapon"] == "drone" and stored["extractor_version"]
    assert [
        p for p in store.check() if "not linked into incidents" not in p
    ] == []  # mentions stored without a link run are named by check


def test_check_finds_broken_fts(store):
    store.add_reports([_report("Shelling of Kherson reported.")])
    assert [
        p for p in store.check() if "not linked into incidents" not in p
    ] == []  # mentions stored without a link run are named by check
    with store.engine.begin() as c:
        c.exec_driver_sql(
            "INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', 1, NULL, 'x')"
        )
    assert store.check() != []
    store.rebuild_fts()
    assert [
        p for p in store.check() if "not linked into incidents" not in p
    ] == []  # mentions stored without a link run are named by check


def test_a_whole_number_is_read_from_ints_and_integral_floats_only():
    from skylog.store.mentions import whole_number

    assert [whole_number(v) for v in (3, 3.0, 2.5, True, None, "3")] == [3, 3, None, None, None, None]
