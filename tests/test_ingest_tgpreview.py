"""Telegram channel previews (t.me/s/NAME): saved pages written to match the real markup."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from skylog.ingest import IngestOptions, ingest
from skylog.ingest.common import IngestFailure
from skylog.ingest.tgpreview import (
    canonical_url,
    ingest_preview,
    looks_like_preview,
    page_reports,
    page_url,
    parse_page,
)
from skylog.records import IngestError, Report

PAGES = Path(__file__).parent / "data" / "tgpreview"
LOCAL = IngestOptions(allow_private=True, timeout=2.0, total_timeout=5.0)


def _page(name: str = "channel") -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def serve_channel(server, path: str = "/s/skylog_demo_gov") -> None:
    """The three saved pages at ``path``, ``path?before=101`` and ``path?before=98``."""
    pages = {"": "channel", "before=101": "channel_before_101", "before=98": "channel_before_98"}

    def route(h) -> None:
        query = h.path.partition("?")[2]
        name = pages.get(query)
        body = _page(name) if name else b"no such page"
        h.send_response(200 if name else 404)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    server.routes[path] = route


def test_page_is_one_message_per_post():
    page = parse_page(_page())
    assert (page.handle, page.title, page.before) == ("skylog_demo_gov", "Demo Oblast Governor", 101)
    by_id = {m.message_id: m for m in page.messages}
    assert sorted(by_id) == [102, 106, 107, 108]  # oldest first, as the page shows them
    assert page.skipped_media == 2  # the album 103 and the video 109 have no text
    assert page.skipped_service == 1  # "pinned a photo"
    first = by_id[102]
    assert (
        first.text.startswith("Сегодня ночью силами ПВО")
        and "беспилотника.\n\nПострадавших нет" in first.text
    )
    assert first.published_at == datetime(2025, 6, 3, 4, 12, 9, tzinfo=UTC)
    assert first.links == ["https://example.org/news/kaluga-drones?a=1&b=2"]
    assert first.permalink == "https://t.me/skylog_demo_gov/102" and not first.edited
    assert by_id[106].forwarded_from == "Demo Ministry of Defence"
    assert by_id[106].forwarded_from_url == "https://t.me/skylog_demo_ministry/5521"
    assert by_id[107].edited and not by_id[106].edited
    reply = by_id[108]  # the quoted post it replies to is not part of its text
    assert reply.text.startswith("Уточнение:") and "Сегодня ночью" not in reply.text
    assert reply.author == "пресс-служба" and reply.media == ["tgme_widget_message_photo_wrap"]
    assert "❗ Просьба не подходить к обломкам." in reply.text  # emoji kept, line breaks kept


def test_reports_carry_permalink_time_and_versions_key():
    out = list(page_reports(parse_page(_page()), "https://t.me/s/skylog_demo_gov"))
    assert all(isinstance(r, Report) for r in out) and len(out) == 4
    r = out[0]
    assert r.url == "https://t.me/skylog_demo_gov/102" and r.external_id == "telegram:skylog_demo_gov/102"
    assert r.origin == "https://t.me/s/skylog_demo_gov#102" and r.language == "ru"
    assert r.published_at.isoformat() == "2025-06-03T04:12:09+00:00"
    assert r.source == "Demo Oblast Governor" and r.source_kind == "official"  # the title says so
    assert out[1].meta["forwarded_from"] == "Demo Ministry of Defence" and out[2].meta["edited"] is True


def test_report_id_is_stable_across_a_channel_rename():
    before = {r.external_id: r.id for r in page_reports(parse_page(_page()), "x")}
    renamed = _page().replace(b"Demo Oblast Governor", b"Governor of the Demo Oblast")
    after = {r.external_id: r.id for r in page_reports(parse_page(renamed), "x")}
    assert before == after


def test_saved_copy_is_recognised_by_markup(tmp_path):
    for name in ("saved.html", "saved_page"):  # with and without an .html suffix
        copy = tmp_path / name
        shutil.copy(PAGES / "channel.html", copy)
        out = list(ingest([str(copy)]))
        assert [r.external_id for r in out] == [f"telegram:skylog_demo_gov/{i}" for i in (102, 106, 107, 108)]


def test_mirror_url_is_recognised_by_markup(http_server):
    serve_channel(http_server, "/mirror/demo")
    out = list(ingest([http_server.url("/mirror/demo")], IngestOptions(**vars(LOCAL))))
    assert len(out) == 4 and all(isinstance(r, Report) for r in out)
    assert out[0].url == "https://t.me/skylog_demo_gov/102"  # the permalink, not the mirror


def test_backfill_follows_before_up_to_the_limit(http_server):
    serve_channel(http_server)
    url = http_server.url("/s/skylog_demo_gov")
    ids = [
        [r.external_id.rsplit("/", 1)[1] for r in ingest_preview(_page(), url, LOCAL, pages=n)]
        for n in (1, 2, 5)
    ]
    assert ids[0] == ["102", "106", "107", "108"]
    assert ids[1] == ids[0] + ["98", "100"]
    assert ids[2] == ids[1] + ["97"]  # the channel's first page has no "load more": back-fill ends


def test_before_links_and_the_start_of_a_channel():
    assert parse_page(_page("channel_before_101")).before == 98
    start = parse_page(_page("channel_before_98"))
    assert start.before is None and start.skipped_service == 1  # "Channel created"
    assert page_url("https://t.me/s/x?before=9&q=a", 5) == "https://t.me/s/x?q=a&before=5"
    assert page_url("http://127.0.0.1:8/mirror/x", 7) == "http://127.0.0.1:8/mirror/x?before=7"


@pytest.mark.parametrize(
    ("given", "canon"),
    [
        ("https://t.me/s/kpszsu", "https://t.me/s/kpszsu"),
        ("https://t.me/kpszsu", "https://t.me/s/kpszsu"),
        ("t.me/kpszsu/12345", "https://t.me/s/kpszsu"),
        ("@kpszsu", "https://t.me/s/kpszsu"),
        ("https://telegram.me/s/kpszsu?before=10", "https://t.me/s/kpszsu"),
        ("https://t.me/joinchat/abcdef", None),
        ("https://example.org/feed.xml", None),
        ("@x", None),
    ],
)
def test_canonical_url(given, canon):
    assert canonical_url(given) == canon


def test_a_bad_post_is_an_error_and_the_rest_is_read():
    html = _page().replace(b'data-post="skylog_demo_gov/106"', b'data-post="skylog_demo_gov/abc"')
    out = list(page_reports(parse_page(html), "page"))
    errors = [e for e in out if isinstance(e, IngestError)]
    assert len(errors) == 1 and "NAME/ID" in errors[0].reason
    assert len([r for r in out if isinstance(r, Report)]) == 3


def test_other_html_is_not_a_preview():
    page = b"<html><body><div class='tgme_page'>A channel card, no posts</div></body></html>"
    assert not looks_like_preview(page)
    with pytest.raises(IngestFailure, match="not a Telegram channel preview"):
        parse_page(page)


def test_charset_from_header_or_meta_else_utf8():
    utf8 = _page().replace(b'<meta charset="utf-8">', b"")
    assert parse_page(utf8).messages[0].text.startswith("Сегодня ночью")  # no declaration: UTF-8
    cp1251 = utf8.decode("utf-8").encode("cp1251", errors="replace")
    assert parse_page(cp1251, "windows-1251").messages[0].text.startswith("Сегодня ночью")
    meta = cp1251.replace(b"<head>", b'<head><meta charset="windows-1251">', 1)
    assert parse_page(meta).messages[0].text.startswith("Сегодня ночью")
