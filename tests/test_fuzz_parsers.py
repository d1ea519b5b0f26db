"""Property tests: no input makes a parser raise anything but its own clear error.

Each parser may return records, return ``IngestError`` items, or raise the documented
error (``IngestFailure`` for ingest parsers, ``ValueError`` for dates) whose message is
a non-empty sentence. Anything else — a KeyError from a missing field, a TypeError from
a number where a string was expected — would stop a batch, and fails the test.
"""

from __future__ import annotations

import json
from datetime import datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from skylog.ingest import feed, html, jsonl, telegram
from skylog.ingest.common import IngestFailure, IngestOptions
from skylog.records import IngestError, Report

FAST = settings(max_examples=50, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
OPTS = IngestOptions(fetch_articles=False)  # offline: never follow links in fuzzed feeds

# JSON-ish values: what a hostile or broken export can hold where a string or list is expected
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
message_keys = st.sampled_from(
    [
        "id",
        "type",
        "date",
        "date_unixtime",
        "edited",
        "edited_unixtime",
        "text",
        "text_entities",
        "from",
        "photo",
    ]
)
messages = st.dictionaries(message_keys, json_values, max_size=8) | json_values
exports = st.fixed_dictionaries(
    {},
    optional={
        "name": json_values,
        "type": st.sampled_from(["public_channel", "private_group", "personal_chat"]) | json_values,
        "id": json_values,
        "messages": st.lists(messages, max_size=5) | json_values,
        "chats": json_values,
    },
)


def _check_items(items: list, where: str) -> None:
    for item in items:
        assert isinstance(item, Report | IngestError)
        if isinstance(item, IngestError):
            assert item.reason.strip() and item.input.startswith(where)
        else:
            assert item.text.strip()


def _run(gen, where: str) -> None:  # noqa: ANN001
    try:
        _check_items(list(gen), where)
    except IngestFailure as exc:
        assert str(exc).strip()


@FAST
@given(exports)
@example({"messages": [{"id": 1, "type": "message", "text": [{"type": "bold"}, 5, None]}]})
@example({"messages": [{"id": None, "type": "message", "date": 12, "text": "x", "date_unixtime": "soon"}]})
def test_telegram_exports(doc):
    _run(telegram.parse_export(json.dumps(doc).encode(), "t.json"), "t.json")


@FAST
@given(st.binary(max_size=300))
def test_telegram_raw_bytes(data):
    _run(telegram.parse_export(data, "t.json"), "t.json")


feed_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@st.composite
def feeds(draw) -> bytes:  # noqa: ANN001
    items = draw(
        st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "title": feed_text,
                    "link": st.sampled_from(["https://x.example/a", "", "javascript:alert(1)", "not a url"]),
                    "description": feed_text,
                    "pubDate": st.sampled_from(
                        ["Tue, 03 Jun 2025 06:00:00 GMT", "yesterday", "", "9999-99-99"]
                    ),
                    "guid": feed_text,
                },
            ),
            max_size=4,
        )
    )
    from xml.sax.saxutils import escape

    body = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in it.items()) + "</item>" for it in items
    )
    if draw(st.booleans()):
        xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'
    else:
        body = (
            body.replace("<item>", "<entry>").replace("</item>", "</entry>").replace("description", "summary")
        )
        xml = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{body}</feed>'
    cut = draw(st.integers(0, len(xml)))
    return (xml if draw(st.booleans()) else xml[:cut]).encode()


@FAST
@given(feeds())
def test_feeds(data):
    _run(feed.parse_feed(data, "f.xml", OPTS), "f.xml")


@FAST
@given(st.binary(max_size=300))
def test_feed_raw_bytes(data):
    _run(feed.parse_feed(data, "f.xml", OPTS), "f.xml")
    assert feed.looks_like_feed(data) in (True, False)


html_parts = st.lists(
    st.sampled_from(
        [
            "<html>",
            "<body>",
            "<p>",
            "</p>",
            "<article>",
            "<script>alert(1)</script>",
            "<title>",
            "</title>",
            "<!--",
            "-->",
            "<![CDATA[",
            "&amp;",
            "&#0;",
            "&#xD800;",
            "<div",
            ">",
            "Drones over Kursk.",
            "\x00",
            "<meta charset='koi8-r'>",
            "Сбиты беспилотники.",
            "<table><tr><td>",
            "<br/>",
        ]
    )  # fmt: skip
    | st.text(max_size=20),
    max_size=25,
)


@FAST
@given(html_parts)
def test_html(parts):
    doc = "".join(parts)
    for body in (doc, doc.encode("utf-8", "surrogatepass")):
        try:
            r = html.report_from_html(body, origin="p.html", url="https://x.example/p")
            assert isinstance(r, Report) and r.text.strip()
        except IngestFailure as exc:
            assert str(exc).strip()


@FAST
@given(
    st.lists(
        json_values
        | st.dictionaries(
            st.sampled_from(
                ["text", "id", "url", "published_at", "source", "language", "title", "source_kind"]
            ),
            json_values,
            max_size=6,
        ),
        max_size=6,
    )
)  # noqa: E501
def test_jsonl_records(records):
    for i, obj in enumerate(records):
        try:
            r = jsonl.report_from_record(obj, f"a.jsonl:{i + 1}")
            assert isinstance(r, Report) and r.text.strip()
        except IngestFailure as exc:
            assert str(exc).strip()


@FAST
@given(st.lists(st.binary(max_size=80) | json_values.map(lambda v: json.dumps(v).encode()), max_size=8))
def test_jsonl_files(tmp_path_factory, lines):
    p = tmp_path_factory.mktemp("jl") / "a.jsonl"
    p.write_bytes(b"\n".join(x.replace(b"\n", b" ") for x in lines) + b"\n")
    _check_items(list(jsonl.iter_jsonl(p, "a.jsonl", OPTS)), "a.jsonl")


@settings(max_examples=25, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=40)
    | st.sampled_from(
        ["2025-06-01", "2025-06-01T03:00:00+03:00", "1 June 2025", "вчера", "9999-99-99", "Z", "  "]
    )
)
def test_parse_datetime(value):
    from skylog.ingest.common import parse_datetime

    try:
        dt = parse_datetime(value)
    except ValueError as exc:
        assert str(value) in str(exc) or "date" in str(exc)
        return
    assert dt is None or (isinstance(dt, datetime) and dt.tzinfo is not None)


@FAST
@given(
    st.text(max_size=60) | st.from_regex(r"(more than |about |at least )?\d{1,12}( drones)?", fullmatch=True)
)
def test_count_parsers(text_):
    from skylog.extract.common.numbers import numbers_of

    for lang in ("en", "ru", "uk"):
        last = 0
        for n in numbers_of(text_, lang):
            assert last <= n.start < n.end <= len(text_)
            assert n.value is None or (isinstance(n.value, int) and n.value >= 0)
            assert n.qualifier_text is None or isinstance(n.qualifier_text, str)
            last = n.end


@FAST
@given(
    st.sampled_from(
        ["a.txt", "a.md", "a.html", "a.xml", "a.rss", "a.jsonl", "result.json", "a.json", "noext"]
    ),
    st.binary(max_size=200)
    | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))
    | st.sampled_from(
        [b"\xef\xbb\xbf", b"\xff\xfe" + "Сбиты".encode("utf-16-le"), b"<html><p>\x00</p>", b"{}\n[]"]
    ),
)
def test_whole_file_ingest(tmp_path_factory, name, data):
    """Any bytes under any name: reports or errors naming the file, never the catch-all 'unexpected error'."""
    from skylog.ingest import ingest_input

    p = tmp_path_factory.mktemp("f") / name
    p.write_bytes(data)
    for item in ingest_input(str(p), OPTS):
        if isinstance(item, IngestError):
            assert item.input.startswith(str(p)) and item.reason.strip()
            assert not item.reason.startswith("unexpected error"), item.reason
        else:
            assert isinstance(item, Report) and item.text.strip()
