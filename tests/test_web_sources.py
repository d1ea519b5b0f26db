"""The page shows each report's followed source, its kind and a link to the original post (Chromium)."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


def test_report_block_names_the_source_and_links_the_post(tmp_path, http_server):
    import socket

    import uvicorn
    from playwright.sync_api import sync_playwright
    from test_sources_poll import LOCAL, Channel

    from skylog.api import create_app
    from skylog.engine.poll import SourcePoller
    from skylog.ingest.common import IngestOptions
    from skylog.store import Store

    ch = Channel(http_server)
    ch.post(7, "Overnight, air defence shot down 6 drones over the Kaluga region, the governor said.")
    store = Store(str(tmp_path / "web.db"))
    store.sources.add(ch.url, name="Demo governor", kind="official", official_of="Governor of Demo Oblast")
    [res] = SourcePoller(store, options=IngestOptions(**LOCAL), allow_private=True).poll_once()
    assert res.status == "ok" and res.mentions
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            pg = b.new_page()
            pg.goto(f"http://127.0.0.1:{port}/")
            pg.wait_for_selector("body[data-ready='1']", timeout=20_000)
            pg.click("#list li[data-id]")
            pg.wait_for_selector("#panel .report .source-line a")
            line = pg.inner_text("#panel .report .source-line")
            assert "Demo governor" in line and "official" in line and "Governor of Demo Oblast" in line
            link = pg.locator("#panel .report .source-line a")
            assert link.get_attribute("href") == "https://t.me/skylog_test_chan/7"
            assert link.get_attribute("rel") == "noopener noreferrer"
            b.close()
    finally:
        srv.should_exit = True
        thread.join(10)
        store.close()
