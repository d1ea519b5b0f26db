"""Two ingests that extract one report at once (each saw it stored but not yet extracted).

Before the report's row lock, both deleted nothing and both inserted its extraction row:
PostgreSQL refused the second (``UniqueViolation … pk_extractions``) and that ingest
exited 2 (seen in a CI run of tests/hostile/test_hostile_concurrency.py).
"""

from __future__ import annotations

import threading

import pytest

from skylog.records import Claim, EventMention, Extraction, Report, report_id
from skylog.store import Store


def _report(k: int) -> Report:
    text = f"Над районом {k} сбиты {k + 2} беспилотника."
    return Report(id=report_id("race", text, None), text=text, source="race", language="ru")


def _extraction(r: Report, count: int = 3) -> Extraction:
    ev = EventMention(type="interception", spans=[(0, 6)], count=Claim(value=count, spans=[(0, 1)]))
    return Extraction(report=r, events=[ev])


def test_a_report_saved_again_has_one_extraction(tmp_path):
    store = Store(str(tmp_path / "s.db"))
    r = _report(1)
    store.add_reports([r])
    first = store.save_extraction(_extraction(r))
    again = store.save_extraction(_extraction(r))
    assert len(again) == 1 and again != first  # replaced, not added beside (the linker drops the old id)
    assert [m.id for m in store.iter_mentions()] == again


@pytest.mark.postgres
def test_concurrent_saves_of_one_report_take_turns_on_postgresql(pg_url):
    store = Store(pg_url)
    try:
        rows = [_report(k) for k in range(40)]
        store.add_reports(rows)
        start = threading.Barrier(4)
        errors: list[BaseException] = []

        def save_all() -> None:
            start.wait()
            for r in rows:
                try:
                    store.save_extraction(_extraction(r))
                except BaseException as exc:  # collected: the assertion below names it
                    errors.append(exc)

        threads = [threading.Thread(target=save_all) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert errors == []
        assert len(list(store.iter_mentions())) == len(rows)
    finally:
        store.close()
