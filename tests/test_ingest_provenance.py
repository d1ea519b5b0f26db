"""Every input kind keeps its provenance: outlet/channel, URL, title, author, publication time."""

from __future__ import annotations

import json
import logging

from skylog.ingest.common import IngestOptions
from skylog.ingest.fields import canonical_fields, signature_source
from skylog.ingest.html import report_from_html
from skylog.ingest.jsonl import iter_jsonl
from skylog.ingest.telegram import parse_export

TEXT = "Air defence shot down 3 drones over Kursk Oblast overnight, the governor said."


def _jsonl(tmp_path, rows: list[dict]) -> list:
    p = tmp_path / "a.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return list(iter_jsonl(p, "a.jsonl", IngestOptions()))


def test_jsonl_reads_the_usual_aliases(tmp_path):
    reports = _jsonl(
        tmp_path,
        [
            {
                "text": TEXT,
                "source_url": "https://www.example.org/a",
                "source_title": "T1",
                "published": "2026-11-20",
            },
            {
                "text": TEXT + " 2",
                "link": "https://example.net/b",
                "title": "T2",
                "datetime": "2026-11-21T04:00:00Z",
            },
            {
                "text": TEXT + " 3",
                "url": "",
                "href": "https://example.com/c",
                "date": "2026-11-22",
                "channel": "Chan",
            },
            {
                "body": TEXT + " 4",
                "datetime_utc": "2026-11-23 13:33",
                "outlet": "Wire",
                "byline": "A. Writer",
            },
        ],
    )
    assert [r.url for r in reports] == [
        "https://www.example.org/a",
        "https://example.net/b",
        "https://example.com/c",
        None,
    ]
    assert [r.title for r in reports[:2]] == ["T1", "T2"]
    assert [r.published_at.isoformat() for r in reports] == [
        "2026-11-20T00:00:00+00:00",
        "2026-11-21T04:00:00+00:00",
        "2026-11-22T00:00:00+00:00",
        "2026-11-23T13:33:00+00:00",
    ]
    # the outlet: a named source or channel, else the URL's host
    assert [r.source for r in reports] == ["www.example.org", "example.net", "Chan", "Wire"]
    assert reports[3].author == "A. Writer"


def test_jsonl_warns_once_per_file_about_unknown_keys(tmp_path, caplog):
    rows = [{"text": f"{TEXT} {i}", "publshed": "2026-11-20", "gold": {}} for i in range(5)]
    with caplog.at_level(logging.WARNING, logger="skylog.ingest"):
        reports = _jsonl(tmp_path, rows)
    assert len(reports) == 5
    warned = [r for r in caplog.records if "unknown field" in r.getMessage()]
    assert len(warned) == 1
    assert "'publshed'" in warned[0].getMessage() and "a.jsonl" in warned[0].getMessage()
    assert "gold" not in warned[0].getMessage()  # evaluation labels are known not to be report fields


def test_canonical_fields_prefers_the_first_non_empty_alias():
    f, unknown = canonical_fields(
        {"text": "x", "url": " ", "source_url": "https://a", "link": "https://b", "zz": 1}
    )
    assert f["url"] == "https://a"
    assert unknown == ["zz"]


def test_channel_signature_names_the_source_when_none_is_given(tmp_path):
    post = (
        "Над территорией Брянской области уничтожен БПЛА.\n\n🔹 [Минобороны России](https://t.me/mod_russia)"
    )
    cta = (
        "Текст сообщения.  🔹 [Подписаться на канал](https://t.me/mod_russia) 🔹 [Мы в МАХ](https://max.ru/x)"
    )
    assert signature_source(post) == ("Минобороны России", "https://t.me/mod_russia")
    assert signature_source(cta) == ("@mod_russia", "https://t.me/mod_russia")
    assert signature_source("Link in the middle [x](https://t.me/abcd) and more words.") is None
    (r,) = _jsonl(tmp_path, [{"text": post, "date": "2026-11-20"}])
    assert r.source == "Минобороны России" and r.source_kind == "official"


def test_html_meta_gives_outlet_title_author_and_time():
    html = (
        '<html><head><meta property="og:site_name" content="Kyiv Daily">'
        '<meta property="og:title" content="Drones downed over Kyiv">'
        '<meta property="article:published_time" content="2026-11-20T06:30:00+02:00">'
        '<meta name="author" content="Olena Shevchenko"></head><body><article>'
        "<p>Air defence shot down 12 drones over Kyiv overnight, the city military administration said.</p>"
        "<p>Nobody was hurt; debris fell in two districts of the city, damaging cars and a roof.</p>"
        "</article></body></html>"
    )
    r = report_from_html(html, origin="page.html")
    assert (r.source, r.title, r.author) == ("Kyiv Daily", "Drones downed over Kyiv", "Olena Shevchenko")
    assert r.published_at.isoformat() == "2026-11-20T06:30:00+02:00"


def test_telegram_export_names_the_channel():
    doc = {
        "name": "Channel Name",
        "type": "public_channel",
        "id": 42,
        "messages": [{"id": 1, "type": "message", "date": "2026-11-20T10:00:00", "text": TEXT}],
    }
    (r,) = list(parse_export(json.dumps(doc).encode(), "result.json"))
    assert r.source == "Channel Name"
    assert r.meta["telegram"]["channel"] == "Channel Name"
