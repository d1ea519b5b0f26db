"""Telegram exports: one bad message is an error naming the message; the export is read incrementally."""

from __future__ import annotations

import json

import pytest
from hostile_helpers import GOOD, assert_one_line, cli, stored_texts

from skylog.ingest.common import IngestOptions
from skylog.ingest.telegram import iter_export
from skylog.records import IngestError, Report


def _export(messages, **chat):
    doc = {"name": "Test channel", "type": "public_channel", "id": 42, **chat, "messages": messages}
    deep = "[" * 50_000 + "]" * 50_000
    return (
        json.dumps(doc, ensure_ascii=False, allow_nan=True)
        .replace('"@@DEEP@@"', deep)
        .replace("@@SURROGATE@@", "bad \\ud800 text")
    )


def _msg(i, text, **kw):
    return {
        "id": i,
        "type": "message",
        "date": "2024-05-01T10:00:00",
        "date_unixtime": "1714557600",
        "text": text,
        **kw,
    }


BAD = {
    "huge unixtime": {"date_unixtime": "99999999999999999999"},
    "huge unixtime number": {"date_unixtime": 10**30},
    "negative unixtime": {"date_unixtime": "-999999999999"},
    "1e300 unixtime": {"date_unixtime": 1e300},
    "NaN unixtime": {"date_unixtime": "NaN"},
    "bool unixtime": {"date_unixtime": True},
    "huge edited": {"edited": "2024-05-01T10:00:00", "edited_unixtime": "99999999999999999999"},
    "deep text": {"text": json.loads("[" * 200 + '"x"' + "]" * 200)},
    "deep forwarded": {"forwarded_from": "@@DEEP@@"},
    "lone surrogate": {"text": "@@SURROGATE@@"},
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_message_is_an_error_for_that_message(tmp_path, db, kind):
    bad = _msg(2, "bad one, drones shot down")
    bad.update(BAD[kind])
    p = tmp_path / "result.json"
    p.write_bytes(_export([_msg(1, GOOD[0]), bad, _msg(3, GOOD[1])]).encode("utf-8", "surrogatepass"))
    r = cli("ingest", p, "--db", db, "--no-extract", "--json")
    texts = stored_texts(db)
    assert GOOD[0] in texts and GOOD[1] in texts
    if r.code == 1:  # refused: named by message, and only that message
        failed = r.json()["failed"]
        assert [f["input"] for f in failed] == [f"{p}#2"], failed
        assert_one_line(failed[0]["reason"])
        assert len(texts) == 2
    else:  # a value that could be read otherwise: stored once
        assert r.code == 0 and len(texts) == 3


def test_bad_date_unixtime_names_the_message(tmp_path, db):
    bad = _msg(2, "bad one")
    bad["date_unixtime"] = "99999999999999999999"
    p = tmp_path / "result.json"
    p.write_text(_export([_msg(1, GOOD[0]), bad, _msg(3, GOOD[1])]), encoding="utf-8")
    r = cli("ingest", p, "--db", db, "--no-extract", "--json")
    assert r.code == 1 and [f["input"] for f in r.json()["failed"]] == [f"{p}#2"]
    assert sorted(stored_texts(db)) == sorted(GOOD[:2])


def test_truncated_export_keeps_messages_before_the_damage(tmp_path, db):
    p = tmp_path / "result.json"
    full = _export([_msg(1, GOOD[0]), _msg(2, GOOD[1]), _msg(3, GOOD[2])])
    p.write_text(full[: full.index(GOOD[2])], encoding="utf-8")
    r = cli("ingest", p, "--db", db, "--no-extract", "--json")
    assert r.code == 1
    failed = r.json()["failed"]
    assert len(failed) == 1 and "malformed" in failed[0]["reason"], failed
    assert_one_line(failed[0]["reason"])
    assert sorted(stored_texts(db)) == sorted(GOOD[:2])


def test_channel_facts_after_the_messages_still_key_the_messages(tmp_path):
    """The reader streams ``messages``; channel name/id written after them still apply."""
    p = tmp_path / "result.json"
    p.write_text(
        json.dumps({"messages": [_msg(1, GOOD[0])], "name": "Late name", "id": 7, "username": "late"}),
        encoding="utf-8",
    )
    out = list(iter_export(p, str(p), IngestOptions()))
    assert len(out) == 1 and isinstance(out[0], Report)
    assert out[0].external_id == "telegram:late/1" and out[0].source == "Late name"


def test_multi_chat_export_and_bom(tmp_path):
    doc = {
        "chats": {
            "list": [
                {"name": "A", "id": 1, "messages": [_msg(1, GOOD[0])]},
                {"name": "B", "id": 2, "messages": [_msg(1, GOOD[1]), "not a message"]},
            ]
        }
    }
    p = tmp_path / "result.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc).encode())
    out = list(iter_export(p, str(p), IngestOptions()))
    reports = [x for x in out if isinstance(x, Report)]
    errors = [x for x in out if isinstance(x, IngestError)]
    assert sorted(r.external_id for r in reports) == ["telegram:1/1", "telegram:2/1"]
    assert len(errors) == 1 and errors[0].input == f"{p}#index 1"


def test_not_json_and_too_big(tmp_path, db):
    p = tmp_path / "result.json"
    p.write_bytes(b"\x00\x01garbage")
    big = tmp_path / "big" / "result.json"
    big.parent.mkdir()
    with big.open("wb") as fh:
        fh.truncate(600 * 1_000_000)  # sparse: over the archive cap, refused before reading
    r = cli("ingest", p, big, "--db", db, "--no-extract", "--json")
    assert r.code == 1
    reasons = {f["input"]: f["reason"] for f in r.json()["failed"]}
    assert set(reasons) == {str(p), str(big)} and "too large" in reasons[str(big)]
