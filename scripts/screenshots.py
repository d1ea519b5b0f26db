"""Screenshots of the web page for the README (run by hand; the PNGs are committed in docs/).

A synthetic store (``bench.serve.synthetic_rows``, 3,000 incidents) is served on
127.0.0.1 and shot in headless Chromium at 1280x800 (one incident open) and 390x844.

Usage: .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from bench.serve import build_store
    from skylog.api import create_app

    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(Path(tmp) / "shots.db", 3000)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        srv = uvicorn.Server(
            uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=srv.run, daemon=True).start()
        while not srv.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}/"
        ready = "() => document.body.dataset.ready === '1' && window.skylog.mapData && window.skylog.base.admin1 > 0"
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for name, size, touch in (("desktop", (1280, 800), False), ("phone", (390, 844), True)):
                ctx = b.new_context(
                    viewport={"width": size[0], "height": size[1]}, has_touch=touch, is_mobile=touch
                )
                pg = ctx.new_page()
                pg.goto(url + "#type=interception&map=50.9,36.4,7")
                pg.wait_for_function(ready, timeout=60_000)
                if name == "desktop":
                    pg.click("#list li[data-id]:nth-child(2)")
                    pg.wait_for_selector("#panel h3")
                pg.wait_for_timeout(600)
                out = ROOT / "docs" / f"web-{name}.png"
                pg.screenshot(path=str(out))
                print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size // 1024} KiB)")
                ctx.close()
            b.close()
        srv.should_exit = True
        store.close()


if __name__ == "__main__":
    main()
