"""The bundled web assets: offline (no outside URL is loaded), small, licensed, served with CSP."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from skylog.api import create_app
from skylog.api.app import static_dir
from skylog.store import Store

URL = re.compile(r"""(?:src|href)\s*=\s*["']?(https?:)?//""", re.I)


def test_page_loads_nothing_from_outside():
    d = static_dir()
    html = (d / "index.html").read_text(encoding="utf-8")
    assert not URL.search(html)
    for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
        if ref.startswith("#") or ref.startswith("/api/"):  # a place on the page; the selection's download
            continue
        assert ref.startswith("/static/")
        assert (d / ref.removeprefix("/static/")).is_file(), ref
    app_js = (d / "app.js").read_text(encoding="utf-8")
    urls = set(re.findall(r"https?://[^\s\"')]+", app_js))
    assert urls <= {"http://www.w3.org/2000/svg"}  # an XML namespace name, never fetched
    assert "fetch(" in app_js and all(p.startswith('"/') for p in re.findall(r'getJSON\(("[^"]*)', app_js))


def test_bundle_is_small_and_every_file_is_licensed():
    d = static_dir()
    files = [p for p in d.iterdir() if p.is_file() and p.suffix in (".js", ".css", ".json")]
    assert sum(p.stat().st_size for p in d.iterdir() if p.is_file()) < 5 * 1024 * 1024
    licences = (d / "LICENSES.md").read_text(encoding="utf-8")
    ours = {"app.js", "app.css", "docs.js"}
    for p in files:
        if p.name not in ours:
            assert f"`{p.name}`" in licences, p.name


def test_static_files_are_served_with_csp(tmp_path):
    store = Store(str(tmp_path / "s.db"))
    with TestClient(create_app(store)) as client:
        for name in ("leaflet.js", "app.js", "countries-50m.json", "leaflet.css"):
            r = client.get(f"/static/{name}")
            assert r.status_code == 200
            assert "default-src 'none'" in r.headers["content-security-policy"]
        assert client.get("/static/../app.py").status_code == 404
        page = client.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    store.close()
