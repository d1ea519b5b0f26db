"""Text/HTML files and folders: bad names, special files, links out of the folder, huge inputs."""

from __future__ import annotations

import os

import pytest
from hostile_helpers import GOOD, assert_one_line, cli, stored_texts

from skylog.store import Store


def _folder(tmp_path, n: int = 30):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(n):
        (d / f"r{i:03}.txt").write_text(f"{GOOD[i % 3]} Report number {i}.", encoding="utf-8")
    return d


def test_undecodable_file_name_never_rolls_back_the_batch(tmp_path, db):
    d = _folder(tmp_path)
    bad = os.path.join(os.fsencode(d), b"bad\xff.txt")
    with open(bad, "wb") as fh:
        fh.write(b"\x00\x01 binary")
    good = os.path.join(os.fsencode(d), b"good\xfe.txt")
    with open(good, "wb") as fh:
        fh.write(GOOD[0].encode() + b" Named oddly.")
    r = cli("ingest", d, "--db", db, "--no-extract", "--json")
    assert r.code == 1
    failed = r.json()["failed"]
    assert len(failed) == 1 and failed[0]["input"].endswith("bad\\xff.txt"), failed
    assert_one_line(failed[0]["reason"])
    texts = stored_texts(db)
    assert len(texts) == 31 and len(set(texts)) == 31
    origins = [r.origin for r in Store(db).iter_reports()]
    assert any(o.endswith("good\\xfe.txt") for o in origins)


def test_symlink_out_of_the_folder_is_not_followed(tmp_path, db):
    d = _folder(tmp_path, 2)
    secret = tmp_path / "outside.txt"
    secret.write_text("SECRET outside the folder, drones shot down.", encoding="utf-8")
    (d / "link.txt").symlink_to(secret)
    inner = d / "sub"
    inner.mkdir()
    (inner / "inside.txt").symlink_to(d / "r000.txt")  # inside the folder: fine, one copy
    r = cli("ingest", d, "--db", db, "--no-extract", "--json")
    assert r.code == 1
    failed = r.json()["failed"]
    assert [f["input"] for f in failed] == [str(d / "link.txt")] and "--follow-links" in failed[0]["reason"]
    assert not any("SECRET" in t for t in stored_texts(db))
    r2 = cli("ingest", d, "--db", db, "--no-extract", "--json", "--follow-links")
    assert r2.code == 0
    assert any("SECRET" in t for t in stored_texts(db))


def test_bom_is_not_stored(tmp_path, db):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + GOOD[1].encode())
    r = cli("ingest", p, "--db", db, "--no-extract")
    assert r.code == 0
    assert stored_texts(db) == [GOOD[1]]


@pytest.mark.parametrize("special", ["fifo", "dev", "dir", "missing", "unreadable"])
def test_special_inputs_are_one_line_errors(tmp_path, db, special):
    good = tmp_path / "good.txt"
    good.write_text(GOOD[2], encoding="utf-8")
    target = tmp_path / "x.txt"
    if special == "fifo":
        os.mkfifo(target)
    elif special == "dev":
        target = "/dev/zero"
    elif special == "dir":
        target.mkdir()
    elif special == "unreadable":
        target.write_text("x", encoding="utf-8")
        target.chmod(0)
        if os.access(target, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
    r = cli("ingest", target, good, "--db", db, "--no-extract", "--json")
    assert r.code == 1
    failed = r.json()["failed"]
    assert [f["input"] for f in failed] == [str(target)]
    assert_one_line(failed[0]["reason"])
    assert stored_texts(db) == [GOOD[2]]


def test_fifo_inside_a_folder_does_not_hang(tmp_path, db):
    d = _folder(tmp_path, 2)
    os.mkfifo(d / "pipe.txt")
    r = cli("ingest", d, "--db", db, "--no-extract", "--json")
    assert r.code == 1 and [f["input"] for f in r.json()["failed"]] == [str(d / "pipe.txt")]
    assert len(stored_texts(db)) == 2


def test_huge_file_refused_before_reading(tmp_path, db):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse 2 GiB
    r = cli("ingest", big, "--db", db, "--no-extract", "--json")
    assert r.code == 1 and "too large" in r.json()["failed"][0]["reason"]


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "-inf", "1e309"])
def test_max_mb_must_be_a_positive_number(tmp_path, db, value):
    good = tmp_path / "good.txt"
    good.write_text(GOOD[0], encoding="utf-8")
    r = cli("ingest", good, "--db", db, "--no-extract", "--max-mb", value)
    assert r.code == 2 and "--max-mb" in r.out + r.err


def test_control_characters_in_text_are_stored_but_never_printed(tmp_path, db):
    evil = GOOD[0] + " \x1b[2J\x1b]0;pwned\x07\x9b31m Drones shot down over Kursk \x1b[5m.\r\x08 " + GOOD[0]
    p = tmp_path / "evil\x1b[31m.txt"
    p.write_text(evil, encoding="utf-8")
    jl = tmp_path / "evil.jsonl"
    jl.write_text(
        '{"text": "Drones \\u001b[2J shot down", "title": "T\\u001b]0;x\\u0007", "source": "S\\u001b[31m"}\n',
        encoding="utf-8",
    )
    assert cli("ingest", p, jl, "--db", db, "--no-extract").code == 0
    assert any("\x1b[2J" in t for t in stored_texts(db))  # stored exactly
    rid = Store(db).iter_reports().__next__().id
    outs = [
        cli("reports", "--db", db),
        cli("report", rid, "--db", db),
        cli("search", "Drones", "--db", db),
        cli("search", "Kursk", "--db", db),
    ]
    for r in outs:
        for ch in ("\x1b", "\x07", "\x9b", "\x08", "\r"):
            assert ch not in r.out + r.err, (ch, r.out)
    assert "shot down" in outs[2].out


def test_a_row_the_database_refuses_fails_alone(store):
    """Defence in depth: a report that slipped past the readers with unstorable text
    (a lone surrogate) is an error of its own; the rest of its batch is stored."""
    from skylog.records import Report, report_id

    good = [Report(id=report_id("s", t), text=t, source="s") for t in GOOD]
    bad = Report(id="bad", text="x \ud800 y", source="s", origin="bad.jsonl:7")
    summary = store.add_reports([good[0], bad, *good[1:]])
    assert sorted(summary.new) == sorted(r.id for r in good)
    assert [e.input for e in summary.failed] == ["bad.jsonl:7"]
    assert store.count_reports() == 3


def test_extract_refuses_huge_inputs_before_reading(tmp_path):
    from skylog.ingest.inputs import iter_input_files

    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse 2 GiB: refused by size, never read
    jl = tmp_path / "big.jsonl"
    with jl.open("wb") as fh:
        fh.write(b'{"text": "drones"}\n' + b"z" * 11_000_000)
    items = list(iter_input_files([str(big), str(jl)]))
    assert "too large" in items[0].error
    assert items[1].report is not None and "too large" in items[2].error
