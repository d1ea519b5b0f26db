"""URLs and feeds against a local HTTP server on 127.0.0.1 (never the internet)."""

import pytest

from skylog.ingest import IngestOptions, ingest
from skylog.ingest.fetch import FetchError, fetch
from skylog.records import IngestError, Report

ARTICLE = """<html><head><title>Drones downed near Kursk</title>
<meta name="author" content="A. Reporter"><meta name="date" content="2025-04-03"></head><body>
<nav>Menu</nav><article><h1>Drones downed near Kursk</h1>
<p>Air defence units shot down nine drones over the Kursk region on Thursday night, the governor said.</p>
<p>A power line was damaged near the village of Glushkovo and repair crews were sent out in the morning.</p>
<p>No one was hurt, according to the regional emergency services, who inspected the debris sites.</p>
</article></body></html>"""

LOCAL = IngestOptions(allow_private=True, timeout=2.0, total_timeout=5.0)


def _one(url, opts=LOCAL):
    out = list(ingest([url], IngestOptions(**vars(opts))))
    assert len(out) == 1, out
    return out[0]


def test_html_url(http_server):
    http_server.add("/news/1", ARTICLE)
    r = _one(http_server.url("/news/1"))
    assert isinstance(r, Report)
    assert "nine drones over the Kursk region" in r.text and "Menu" not in r.text
    assert r.title == "Drones downed near Kursk" and r.url == http_server.url("/news/1")
    assert r.fetched_at is not None and r.published_at.date().isoformat() == "2025-04-03"


def test_plain_text_url_and_redirect(http_server):
    http_server.add("/t.txt", "Shelling damaged three houses in Nikopol.\n", "text/plain; charset=utf-8")
    http_server.redirect("/go", "/t.txt")
    r = _one(http_server.url("/go"))
    assert r.text == "Shelling damaged three houses in Nikopol.\n" and r.url.endswith("/t.txt")


@pytest.mark.parametrize(
    ("url", "word"),
    [
        ("http://127.0.0.1:9/x", "loopback"),
        ("http://localhost:9/x", "loopback"),
        ("http://10.1.2.3/x", "private"),
        ("http://192.168.0.1/x", "private"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::1]:9/x", "loopback"),
        ("file:///etc/passwd", "file://"),
        ("ftp://example.org/x", "scheme"),
    ],
)
def test_private_addresses_refused_by_default(url, word):
    e = _one(url, IngestOptions())
    assert isinstance(e, IngestError) and e.input == url
    assert e.reason.startswith("refused") and word in e.reason


def test_local_server_refused_by_default(http_server):
    http_server.add("/news/1", ARTICLE)
    e = _one(http_server.url("/news/1"), IngestOptions())
    assert isinstance(e, IngestError) and "loopback" in e.reason


def test_redirect_to_private_refused(http_server, monkeypatch):
    import skylog.ingest.fetch as f

    real = f._public_addresses
    # pretend "localhost" is a public host, so only the redirect hop meets the real check
    monkeypatch.setattr(
        f, "_public_addresses", lambda host, port: ["127.0.0.1"] if host == "localhost" else real(host, port)
    )
    http_server.add("/inner", ARTICLE)
    http_server.redirect("/r", http_server.url("/inner"))
    public = f"http://localhost:{http_server.port}"
    with pytest.raises(FetchError, match="127.0.0.1 is a loopback address"):
        fetch(public + "/r", IngestOptions())
    http_server.redirect("/f", "file:///etc/passwd")
    with pytest.raises(FetchError, match="file://"):
        fetch(public + "/f", IngestOptions())
    assert fetch(public + "/inner", IngestOptions()).status == 200


def test_file_url_allowed_with_allow_private(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Debris fell in Voronezh.", encoding="utf-8")
    r = _one(p.as_uri())
    assert isinstance(r, Report) and r.text == "Debris fell in Voronezh."


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_http_errors(http_server, status, reason):
    http_server.add("/err", "oops", status=status)
    e = _one(http_server.url("/err"))
    assert isinstance(e, IngestError) and e.reason == reason


def test_unreachable(http_server):
    port = http_server.port
    http_server.httpd.shutdown()
    http_server.httpd.server_close()
    e = _one(f"http://127.0.0.1:{port}/x")
    assert isinstance(e, IngestError) and "cannot connect" in e.reason


def test_unresolvable_host():
    e = _one("http://no-such-host.invalid/x", IngestOptions(timeout=2.0))
    assert isinstance(e, IngestError) and "resolve" in e.reason


def test_slow_server_times_out(http_server):
    http_server.slow("/slow", 2.0)
    e = _one(http_server.url("/slow"), IngestOptions(allow_private=True, timeout=0.3))
    assert isinstance(e, IngestError) and "timed out" in e.reason


def test_redirect_loop_and_too_many(http_server):
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    for i in range(10):
        http_server.redirect(f"/c{i}", f"/c{i + 1}")
    loop = _one(http_server.url("/a"))
    assert isinstance(loop, IngestError) and "redirect loop" in loop.reason
    many = _one(http_server.url("/c0"))
    assert isinstance(many, IngestError) and "too many redirects" in many.reason


def test_response_over_size_limit_declared(http_server):
    http_server.add("/big", b"x" * (11 * 1000 * 1000), "text/plain")
    e = _one(http_server.url("/big"))
    assert isinstance(e, IngestError) and "too large" in e.reason and "10.0 MB" in e.reason


def test_response_over_size_limit_streamed(http_server):
    sent = []

    def endless(h):  # no Content-Length: only streaming can catch it
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.end_headers()
        try:
            for _ in range(400):  # bounded: 400 * 64 KB = 26 MB at most
                h.wfile.write(b"y" * 65536)
                sent.append(1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        h.close_connection = True

    http_server.routes["/stream"] = endless
    opts = IngestOptions(allow_private=True, max_bytes=1_000_000, timeout=5)
    e = _one(http_server.url("/stream"), opts)
    assert isinstance(e, IngestError) and "too large" in e.reason and "download stopped" in e.reason


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Regional News</title><link>{base}/</link>
<item><title>Drones downed near Kursk</title><link>{base}/news/1</link>
<pubDate>Thu, 03 Apr 2025 08:00:00 +0000</pubDate><description>short</description></item>
<item><title>Missing article</title><link>{base}/gone</link>
<pubDate>Fri, 04 Apr 2025 08:00:00 +0000</pubDate>
<description>&lt;p&gt;A missile struck an industrial site in Dnipro, officials said.&lt;/p&gt;</description></item>
<item><title>No link</title><description>Shelling of Kherson injured two people.</description></item>
</channel></rss>"""


def test_rss_feed_url_follows_links(http_server):
    base = http_server.url("")
    http_server.add("/feed.xml", RSS.format(base=base), "application/rss+xml")
    http_server.add("/news/1", ARTICLE)
    out = list(ingest([http_server.url("/feed.xml")], IngestOptions(**vars(LOCAL))))
    assert all(isinstance(o, Report) for o in out) and len(out) == 3
    article, fallback, nolink = out
    assert "nine drones" in article.text and article.published_at.date().isoformat() == "2025-04-03"
    assert fallback.text == "A missile struck an industrial site in Dnipro, officials said."
    assert "HTTP 404" in fallback.meta["article_error"]
    assert fallback.published_at.isoformat() == "2025-04-04T08:00:00+00:00"
    assert nolink.text == "Shelling of Kherson injured two people." and nolink.published_at is None
    assert fallback.source == "Regional News"


def test_feed_file_links_refused_without_allow_private(tmp_path, http_server):
    p = tmp_path / "feed.xml"
    p.write_text(RSS.format(base=http_server.url("")), encoding="utf-8")
    http_server.add("/news/1", ARTICLE)
    out = list(ingest([str(p)]))
    assert "loopback" in out[0].meta["article_error"]
    assert out[0].text == "short"


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Атом лента</title>
<entry><title>Обстрел</title><updated>2025-02-01T12:00:00+03:00</updated>
<content type="html">&lt;p&gt;Обломки ракеты упали в Белгороде.&lt;/p&gt;&lt;p&gt;Пострадавших нет.&lt;/p&gt;</content></entry>
</feed>"""


def test_atom_feed_file(tmp_path):
    p = tmp_path / "a.atom"
    p.write_text(ATOM, encoding="utf-8")
    (r,) = list(ingest([str(p)]))
    assert r.text == "Обломки ракеты упали в Белгороде.\nПострадавших нет." and r.language == "ru"
    assert r.published_at.isoformat() == "2025-02-01T09:00:00+00:00"


@pytest.mark.parametrize(
    "body",
    [
        "<?xml version='1.0'?><rss><channel><title>x</title><item><title>a",
        "<rss><<<>>>&&&",
        "<?xml version='1.0'?><html/>",
    ],
)
def test_broken_feed_xml(tmp_path, body):
    p = tmp_path / "broken.xml"
    p.write_text(body, encoding="utf-8")
    out = list(ingest([str(p)]))
    assert len(out) == 1 and isinstance(out[0], IngestError)
    assert "RSS/Atom" in out[0].reason


def test_updated_article_is_a_new_version(http_server, store):
    from skylog.pipeline import run_ingest

    http_server.add("/news/1", ARTICLE)
    url = http_server.url("/news/1")
    first = run_ingest([url], store, extract=False, allow_private=True)
    http_server.add("/news/1", ARTICLE.replace("nine drones", "eleven drones"))
    second = run_ingest([url], store, extract=False, allow_private=True)
    third = run_ingest([url], store, extract=False, allow_private=True)
    assert len(first.new) == 1 and len(second.updated) == 1 and third.duplicate == second.updated
    versions = store.versions(url)
    assert [v.version for v in versions] == [1, 2]
    assert "nine drones" in versions[0].text and "eleven drones" in versions[1].text


def test_dns_answer_checked_again_at_connect_time(http_server, monkeypatch):
    """DNS rebinding: the name looks public when first checked, then points at loopback."""
    import skylog.ingest.fetch as f

    http_server.add("/inner", ARTICLE)
    real = f._public_addresses
    calls = []

    def rebinding(host, port):
        calls.append(host)
        return ["93.184.216.34"] if len(calls) == 1 else real("127.0.0.1", port)

    monkeypatch.setattr(f, "_public_addresses", rebinding)
    with pytest.raises(FetchError, match="loopback"):
        fetch(f"http://rebind.test:{http_server.port}/inner", IngestOptions())
    assert calls == ["rebind.test", "rebind.test"]
