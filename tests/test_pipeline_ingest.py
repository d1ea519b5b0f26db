"""run_ingest / reprocess with a stand-in extractor (the real one is tested by its owners)."""

import skylog.extract
import skylog.store.linking
from skylog.pipeline import reprocess, run_ingest
from skylog.records import Claim, EventMention, Extraction, Report


class FakeExtractor:
    loads = 0

    def __init__(self):
        FakeExtractor.loads += 1

    def extract(self, report: Report) -> Extraction:
        if "BOOM" in report.text:
            raise RuntimeError("extractor crashed")
        n = report.text.count("drone")
        events = [
            EventMention(type="interception", spans=[(0, 5)], count=Claim(value=i + 1, spans=[(0, 1)]))
            for i in range(n)
        ]
        return Extraction(report=report, events=events)


def _files(tmp_path, texts):
    for i, t in enumerate(texts):
        (tmp_path / f"r{i}.txt").write_text(t, encoding="utf-8")
    return [str(tmp_path)]


def test_ingest_extract_link(tmp_path, store, monkeypatch):
    FakeExtractor.loads = 0
    monkeypatch.setattr(skylog.extract, "Extractor", FakeExtractor)
    linked = []
    real_link = skylog.store.linking.link_store

    def spy(s):  # the real linker runs; the spy records that it was called
        linked.append(s)
        return real_link(s)

    monkeypatch.setattr(skylog.store.linking, "link_store", spy)
    texts = ["One drone fell near Kursk.", "BOOM drone text", "drone drone over Oryol", "no events here"]
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("")
    events = []
    s = run_ingest(_files(d, texts), store, progress=lambda *a: events.append(a[0]), batch_size=2)
    assert len(s.new) == 4 and len(s.failed) == 1 and "empty" in s.failed[0].reason
    assert s.extracted == 3 and s.mentions == 3
    assert FakeExtractor.loads == 1  # models load once per run
    assert len(s.warnings) == 1 and "extraction failed" in s.warnings[0] and "r1.txt" in s.warnings[0]
    assert linked == [store]
    assert {"ingest", "extract", "link"} <= set(events)
    assert [m.mention["count"]["value"] for m in store.iter_mentions()] == [1, 1, 2]
    again = run_ingest(_files(d, texts), store)
    assert again.new == [] and len(again.duplicate) == 4 and again.extracted == 0
    # only the report whose extraction failed is tried again (an interrupted or failed
    # extraction is never left behind); the three extracted ones are not redone
    assert len(again.warnings) == 1 and "r1.txt" in again.warnings[0]
    assert len(linked) == 2  # linking is incremental, so a re-run may always call it
    # the error was logged in the store, and nothing stored was altered
    assert any("empty" in e.reason for _, e in store.iter_errors())
    # after the link runs every mention is in an incident, so check finds nothing (the three
    # mentions it named before were stored by a run whose linking this test replaced)
    assert store.check() == []


def test_missing_extractor_warns_once(tmp_path, store, monkeypatch):
    class Missing:
        def extract(self, report):
            raise ImportError("no pipelines yet")

    monkeypatch.setattr(skylog.extract, "Extractor", Missing)
    s = run_ingest(_files(tmp_path, ["a drone", "another drone", "third"]), store)
    assert len(s.new) == 3 and s.extracted == 0
    assert len(s.warnings) == 1 and "extraction unavailable" in s.warnings[0]


def test_no_extract_then_reprocess(tmp_path, store, monkeypatch):
    monkeypatch.setattr(skylog.extract, "Extractor", FakeExtractor)
    monkeypatch.setattr(skylog.store.linking, "link_store", lambda s: None)
    s = run_ingest(_files(tmp_path, ["drone one", "drone drone two"]), store, extract=False)
    assert len(s.new) == 2 and s.extracted == 0 and list(store.iter_mentions()) == []
    r = reprocess(store)
    assert r.extracted == 2 and r.mentions == 3
    first = [m.id for m in store.iter_mentions()]
    r2 = reprocess(store, report_ids=[s.new[0]])
    assert r2.extracted == 1
    after = [m.id for m in store.iter_mentions()]
    assert len(after) == 3 and max(after) > max(first)  # replaced, not duplicated


def test_bad_batch_leaves_stored_reports_unchanged(tmp_path, store):
    good = tmp_path / "good"
    good.mkdir()
    s = run_ingest(_files(good, ["Shelling hit Nikopol.", "Обломки упали в Курске."]), store, extract=False)
    before = {r.id: (r.text, r.version, r.language) for r in store.iter_reports(include_superseded=True)}
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "bin.txt").write_bytes(b"\x00" * 100)
    (bad / "result.json").write_text("{broken", encoding="utf-8")
    (bad / "feed.xml").write_text("<rss><<<", encoding="utf-8")
    (bad / "again.txt").write_text("Shelling hit Nikopol.", encoding="utf-8")  # same text, other file name
    s2 = run_ingest([str(bad), *[str(p) for p in sorted(good.iterdir())]], store, extract=False)
    assert len(s2.failed) == 4 and len(s2.duplicate) == 2 and len(s2.new) == 1
    after = {r.id: (r.text, r.version, r.language) for r in store.iter_reports(include_superseded=True)}
    assert {k: after[k] for k in before} == before and len(s.new) == 2
    assert [
        p for p in store.check() if "not linked into incidents" not in p
    ] == []  # mentions stored without a link run are named by check


class _Later:
    """A task that runs when its result is first asked for (as a future that is not done yet)."""

    def __init__(self, fn, args):
        self.fn, self.args, self.value, self.ran = fn, args, None, False

    def done(self) -> bool:
        return self.ran

    def result(self):
        if not self.ran:
            self.value, self.ran = self.fn(*self.args), True
        return self.value


class _LaterExecutor:
    def submit(self, fn, *args):
        return _Later(fn, args)


def test_one_loop_with_futures_stores_in_input_order_like_the_in_process_run(tmp_path, store, monkeypatch):
    """``IngestRun`` with futures that finish late (the Dask runner's case, without a cluster)
    gives what ``run_ingest`` gives: same reports in the same order, same warnings, same mentions."""
    from skylog.ingest import IngestOptions, ingest_input
    from skylog.pipeline import IngestRun, ParseTask, ReportExtractor, RunStats, Stages
    from skylog.store import IngestSummary, Store

    monkeypatch.setattr(skylog.extract, "Extractor", FakeExtractor)
    texts = ["One drone fell near Kursk.", "BOOM drone text", "drone drone over Oryol", "quiet", "drone x"]
    d = tmp_path / "in"
    d.mkdir()
    paths = []
    for i, t in enumerate(texts):
        (d / f"r{i}.txt").write_text(t, encoding="utf-8")
        paths.append(str(d / f"r{i}.txt"))
    single = run_ingest(paths, store, batch_size=2, link=False)

    other = Store(str(tmp_path / "other.db"))
    summary, stats, executor = IngestSummary(), RunStats(), _LaterExecutor()
    opts = IngestOptions()

    def parse(group):
        return [out for p in group for out in ingest_input(p, opts)]

    stages = Stages(executor, parse, ReportExtractor(), window=2, chunk=2)
    run = IngestRun(other, summary, stages, batch_size=2, stats=stats)
    run.run(
        [ParseTask(paths[i : i + 2], len(paths[i : i + 2]), paths[i]) for i in range(0, 5, 2)], len(paths)
    )
    assert summary.new == single.new and summary.warnings == single.warnings
    assert (summary.extracted, summary.mentions) == (single.extracted, single.mentions) == (4, 4)
    assert stats.parse_tasks == 3 and stats.batches == 3 and stats.extract_tasks == 3
    mentions = [m.mention["count"]["value"] for m in other.iter_mentions()]
    assert mentions == [m.mention["count"]["value"] for m in store.iter_mentions()]
    other.close()
