"""The foundation's CLI commands through typer's runner (in-process)."""

import json

from typer.testing import CliRunner

from skylog.cli import app

runner = CliRunner()
EN = "Air defence destroyed five drones over the Belgorod region overnight, the governor said on Telegram.\n"
RU = "Обломки беспилотника упали на жилой дом в Курске, пострадавших нет, сообщили власти региона.\n"


def _invoke(*args):
    return runner.invoke(app, [*args])


def test_ingest_twice_then_list(tmp_path):
    db = str(tmp_path / "cli.db")
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(EN, encoding="utf-8")
    (d / "b.txt").write_text(RU, encoding="utf-8")
    r1 = _invoke("ingest", str(d), "--db", db, "--no-extract", "--json")
    assert r1.exit_code == 0, r1.output
    assert len(json.loads(r1.stdout)["new"]) == 2
    r2 = _invoke("ingest", str(d), "--db", db, "--no-extract")
    assert r2.exit_code == 0 and r2.stdout.startswith("0 new, 2 duplicate")
    listed = json.loads(_invoke("reports", "--db", db, "--json").stdout)
    assert sorted(x["language"] for x in listed) == ["en", "ru"]
    only_ru = json.loads(_invoke("reports", "--db", db, "--json", "--language", "ru").stdout)
    assert [x["language"] for x in only_ru] == ["ru"]
    rid = only_ru[0]["id"]
    full = json.loads(_invoke("report", rid[:8], "--db", db, "--json").stdout)
    assert full["text"] == RU and full["extraction"] is None
    hits = json.loads(_invoke("search", "Курске", "--db", db, "--json").stdout)
    assert [h["id"] for h in hits] == [rid] and "[Курске]" in hits[0]["snippet"]
    chk = _invoke("check", "--db", db, "--json")
    assert chk.exit_code == 0 and json.loads(chk.stdout)["ok"] is True
    assert _invoke("report", "ffffffffffff", "--db", db).exit_code == 1


def test_ingest_exit_1_when_an_input_failed_but_good_ones_stored(tmp_path):
    db = str(tmp_path / "cli.db")
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    r = _invoke(
        "ingest",
        str(bad),
        str(good),
        str(tmp_path / "missing.txt"),
        "http://127.0.0.1:9/",
        "--db",
        db,
        "--no-extract",
        "--json",
    )
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert len(out["new"]) == 1
    reasons = {f["input"]: f["reason"] for f in out["failed"]}
    assert "binary" in reasons[str(bad)] and "no such file" in reasons[str(tmp_path / "missing.txt")]
    assert "loopback" in reasons["http://127.0.0.1:9/"]
    listed = json.loads(_invoke("reports", "--db", db, "--json").stdout)
    assert [x["text_length"] for x in listed] == [len(EN)]


def test_hostile_text_is_not_markup(tmp_path):
    db = str(tmp_path / "cli.db")
    p = tmp_path / "x.txt"
    p.write_text("[bold red]drones[/bold red] [link=http://evil]click[/link] over Sumy\n", encoding="utf-8")
    assert _invoke("ingest", str(p), "--db", db, "--no-extract").exit_code == 0
    out = _invoke("reports", "--db", db, "--limit", "5").stdout
    assert "[bold red]drones" in out


def test_reprocess_and_report_show_extraction(tmp_path, monkeypatch):
    import skylog.extract
    import skylog.store.linking
    from skylog.records import Claim, EventMention, Extraction

    class Fake:
        def extract(self, report):
            ev = EventMention(
                type="interception", spans=[(0, 3)], weapon="drone", count=Claim(value=5, spans=[(0, 1)])
            )
            return Extraction(report=report, events=[ev])

    monkeypatch.setattr(skylog.extract, "Extractor", Fake)
    monkeypatch.setattr(skylog.store.linking, "link_store", lambda s: None)
    db = str(tmp_path / "cli.db")
    p = tmp_path / "a.txt"
    p.write_text(EN, encoding="utf-8")
    assert _invoke("ingest", str(p), "--db", db, "--no-extract").exit_code == 0
    r = _invoke("reprocess", "--db", db, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["mentions"] == 1
    rid = json.loads(_invoke("reports", "--db", db, "--json").stdout)[0]["id"]
    shown = json.loads(_invoke("report", rid, "--db", db, "--json").stdout)
    assert shown["extraction"]["events"][0]["count"]["value"] == 5
    assert "interception drone count=5" in _invoke("report", rid, "--db", db).stdout


def test_reports_json_lists_every_report_unless_limited(tmp_path):
    """Scripts map report ids through `reports --json`; a silent cap of 50 would drop reports."""
    db = str(tmp_path / "many.db")
    d = tmp_path / "many"
    d.mkdir()
    for i in range(53):
        (d / f"r{i}.txt").write_text(f"Report number {i}: {EN}", encoding="utf-8")
    assert _invoke("ingest", str(d), "--db", db, "--no-extract").exit_code == 0
    assert len(json.loads(_invoke("reports", "--db", db, "--json").stdout)) == 53
    assert len(json.loads(_invoke("reports", "--db", db, "--json", "--limit", "5").stdout)) == 5
    table = _invoke("reports", "--db", db).stdout
    assert table.startswith("50 report(s)")
