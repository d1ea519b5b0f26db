"""JSON Lines: one bad line is an error for that line only (file:line named), the rest is stored."""

from __future__ import annotations

import json

import pytest
from hostile_helpers import GOOD, assert_one_line, cli, stored_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skylog.ingest.common import IngestOptions
from skylog.ingest.jsonl import iter_jsonl
from skylog.records import IngestError, Report

DEEP = "[" * 50_000 + "]" * 50_000

BAD_LINES = {
    "huge int date": '{"text": "%s", "published_at": 99999999999999999999}',
    "1e300 date": '{"text": "%s", "published_at": 1e300}',
    "NaN date": '{"text": "%s", "published_at": NaN}',
    "Infinity date": '{"text": "%s", "published_at": Infinity}',
    "-Infinity date": '{"text": "%s", "published_at": -Infinity}',
    "negative huge date": '{"text": "%s", "published_at": -99999999999999}',
    "bool date": '{"text": "%s", "published_at": true}',
    "deep array": DEEP,
    "deep date": '{"text": "%s", "published_at": ' + DEEP + "}",
    "lone surrogate text": '{"text": "%s \\ud800"}',
    "not an object": "[1, 2, 3]",
    "no text": '{"title": "%s"}',
    "whitespace text": '{"text": "   \\n\\t "}',
    "malformed": '{"text": "%s", ',
}


def _write(tmp_path, bad: str, name: str = "feed.jsonl"):
    lines = [
        json.dumps({"text": GOOD[0], "id": "a"}),
        bad.replace("%s", "bad one"),
        json.dumps({"text": GOOD[1]}),
    ]
    p = tmp_path / name
    p.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    return p


@pytest.mark.parametrize("kind", list(BAD_LINES))
def test_bad_line_is_an_error_for_that_line_only(tmp_path, db, kind):
    p = _write(tmp_path, BAD_LINES[kind])
    r = cli("ingest", p, "--db", db, "--no-extract", "--json")
    assert r.code == 1
    failed = r.json()["failed"]
    assert len(failed) == 1 and failed[0]["input"] == f"{p}:2", failed
    assert_one_line(failed[0]["reason"])
    assert sorted(stored_texts(db)) == sorted(GOOD[:2])


def test_invalid_utf8_line_and_bom(tmp_path, db):
    p = tmp_path / "x.jsonl"
    p.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"text": GOOD[0]}).encode() + b"\n"
        b'{"text": "\xff\xfe bad"}\n' + json.dumps({"text": GOOD[1]}).encode() + b"\n"
    )
    r = cli("ingest", p, "--db", db, "--no-extract", "--json")
    assert r.code == 1
    assert [f["input"] for f in r.json()["failed"]] == [f"{p}:2"]
    assert sorted(stored_texts(db)) == sorted(GOOD[:2])


def test_line_over_the_cap_is_skipped_without_reading_it_whole(tmp_path, db):
    p = tmp_path / "big.jsonl"
    with p.open("wb") as fh:
        fh.write(json.dumps({"text": GOOD[0]}).encode() + b"\n")
        fh.write(b'{"text": "' + b"x" * 3_000_000 + b'"}\n')
        fh.write(b"y" * 2_500_000)  # no newline at the end: an endless line
    r = cli("ingest", p, "--db", db, "--no-extract", "--json", "--max-mb", "1")
    assert r.code == 1
    failed = r.json()["failed"]
    assert [f["input"] for f in failed] == [f"{p}:2", f"{p}:3"]
    assert all("too large" in f["reason"] for f in failed)
    assert stored_texts(db) == [GOOD[0]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=60),
            st.recursive(
                st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
                lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                max_leaves=8,
            ).map(lambda v: json.dumps(v, allow_nan=True).encode()),
            st.fixed_dictionaries(
                {"text": st.text(min_size=1, max_size=40)},
                optional={
                    "published_at": st.one_of(
                        st.integers(), st.floats(), st.text(max_size=12), st.booleans()
                    ),
                    "id": st.one_of(st.integers(), st.text(max_size=10), st.floats()),
                    "title": st.one_of(st.text(max_size=10), st.integers()),
                    "source": st.one_of(st.text(max_size=10), st.none()),
                    "url": st.one_of(st.text(max_size=20), st.integers()),
                },
            ).map(lambda d: json.dumps(d, allow_nan=True).encode("utf-8", "surrogatepass")),
        ),
        max_size=6,
    )
)
def test_reader_never_raises_and_answers_every_line(tmp_path, lines):
    lines = [ln.replace(b"\n", b" ").replace(b"\r", b" ") for ln in lines]
    p = tmp_path / "h.jsonl"
    p.write_bytes(b"\n".join(lines) + b"\n")
    out = list(iter_jsonl(p, str(p), IngestOptions()))
    assert all(isinstance(x, Report | IngestError) for x in out)
    # a byte-order mark opening the file is an encoding mark, not content: that line may be blank
    if lines and lines[0].startswith(b"\xef\xbb\xbf"):
        lines[0] = lines[0][3:]
    wanted = sum(1 for ln in lines if ln.strip())
    assert len(out) == wanted
    for x in out:
        if isinstance(x, IngestError):
            assert_one_line(x.reason)
        else:
            x.text.encode("utf-8")  # storable
