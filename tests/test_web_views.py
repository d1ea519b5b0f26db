"""The analyst's page in a real headless Chromium, at a desktop (1280x800) and a phone (390x844) size.

The store holds synthetic incidents (``bench.serve.synthetic_rows``: places, dates, counts
drawn at random), enough for clusters; every expectation is read from the API, not written
here. Checked: the offline base map (admin-1 borders and labels, no outside request),
clusters that split on zoom, a copied address that reopens the same incident and filters,
the download that matches the visible selection, the per-region table that filters the map,
and brushing the chart by touch on the phone.
"""

from __future__ import annotations

import csv
import io
import shutil
import socket
import threading
import time
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
N = 600
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn
    from sqlalchemy import update

    from bench.serve import build_store
    from skylog.api import create_app
    from skylog.store.incident_schema import incidents

    store = build_store(tmp_path_factory.mktemp("views") / "views.db", N)
    with store.engine.begin() as conn:  # a few incidents no report gave a time for
        conn.execute(update(incidents).where(incidents.c.ordinal % 40 == 7).values(start=None, end=None))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(params=sorted(VIEWPORTS))
def page(request, browser, server):
    ctx = browser.new_context(**VIEWPORTS[request.param])
    pg = ctx.new_page()
    pg.kind = request.param
    pg.problems = []
    pg.requests = []
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.goto(server + "/")
    _ready(pg)
    yield pg
    ctx.close()


def _ready(pg) -> None:
    pg.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
    pg.wait_for_function("() => window.skylog.base.admin1 > 0 && window.skylog.mapData", timeout=20_000)


def _api(pg, server, path):
    r = pg.request.get(server + path)
    assert r.ok, r.text()
    return r.json()


def _list_ids(pg):
    return pg.eval_on_selector_all("#list li[data-id]", "els => els.map(e => e.getAttribute('data-id'))")


def _wait_list(pg, ids):
    pg.wait_for_function(
        "ids => { const got = [...document.querySelectorAll('#list li[data-id]')].map(e => e.dataset.id);"
        " return got.length === ids.length && got.every((x, i) => x === ids[i]); }",
        arg=ids,
        timeout=15_000,
    )


def _expected_list(pg, server, query, page=200):
    """The ids the list shows first for a selection: newest dated incidents, then undated ones."""
    ids = [i["id"] for i in _api(pg, server, f"/api/incidents?dated=true&limit={page}{query}")["incidents"]]
    if len(ids) < page:
        more = _api(pg, server, f"/api/incidents?dated=false&limit={page - len(ids)}{query}")["incidents"]
        ids += [i["id"] for i in more]
    return ids


def _point_count(pg, server, query=""):
    """Incidents the map must draw as points for a selection (settlement or district level)."""
    body = _api(pg, server, "/api/stats/map?zoom=3&view=-180,-90,180,90" + query)
    return len(body["points"]) if "points" in body else sum(c[2] for c in body["cells"])


TOTAL_IS = (
    "n => document.querySelector('[data-total=incidents] strong').textContent.replace(/,/g, '') === String(n)"
)


def _visible_clusters(pg):
    return pg.evaluate(
        """() => { const r = document.querySelector('#map').getBoundingClientRect();
        return [...document.querySelectorAll('#map .cluster span[data-count]')].filter(s => {
          const b = s.getBoundingClientRect();
          return b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom; })
          .map(s => Number(s.dataset.count)); }"""
    )


def test_base_map_is_offline_with_admin1_borders_and_labels(page, server):
    origin = urlparse(server).netloc
    assert page.get_attribute("#map", "data-admin1") and int(page.get_attribute("#map", "data-admin1")) > 1000
    assert page.locator("path.country").count() > 100
    # the admin-1 borders are painted on their canvas, inside the view
    painted = page.evaluate(
        """() => { const c = document.querySelector('.leaflet-borders-pane canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert painted > 1000
    assert page.locator(".city-label").count() >= 5
    page.evaluate("() => window.skylogMap.setView([50.6, 36.6], 7, {animate: false})")
    page.wait_for_function("() => document.querySelectorAll('.region-label').length > 0", timeout=5_000)
    labels = page.locator(".city-label").all_inner_texts()
    assert "Belgorod" in labels or "Kharkiv" in labels
    page.wait_for_timeout(300)
    assert page.requests and all(urlparse(u).netloc == origin for u in page.requests if u.startswith("http"))
    assert all(u.startswith(("http://" + origin, "data:", "blob:")) for u in page.requests)
    assert page.problems == []


def test_clusters_split_as_you_zoom(page, server):
    assert page.get_attribute("#map", "data-mode") == "points"
    assert int(page.get_attribute("#map", "data-markers")) == _point_count(page, server)
    page.evaluate("() => window.skylogMap.setView([51, 35], 4, {animate: false})")
    page.wait_for_timeout(700)
    far = _visible_clusters(page)
    assert far and max(far) >= 20
    page.evaluate("() => window.skylogMap.setView([50.6, 36.6], 10, {animate: false})")
    page.wait_for_timeout(700)
    near = _visible_clusters(page)
    singles = page.locator("path.incident-marker").count()
    assert max(near or [0]) < max(far)
    assert singles > 0 or len(near) > len(far)


def test_copied_address_reopens_the_same_incident_and_filters(page, server, browser):
    if page.kind == "phone":
        page.click("#filters-box > summary")
    page.select_option("#f-type", "interception")
    page.fill("#f-end", "2025-06-30")
    page.click("#f-apply")
    sel = "/api/incidents?type=interception&end=2025-06-30&limit=200&dated="
    expected = [i["id"] for d in ("true", "false") for i in _api(page, server, sel + d)["incidents"]]
    assert len(expected) < 200
    _wait_list(page, expected)
    target = expected[3]
    page.click(f"#list li[data-id='{target}']")
    page.wait_for_selector("#panel h3")
    heading = page.inner_text("#panel h3")
    page.wait_for_timeout(300)  # the map may pan to the incident; the address follows
    url = page.url
    assert "type=interception" in url and "inc=" + target in url

    ctx = browser.new_context(**VIEWPORTS[page.kind])
    try:
        other = ctx.new_page()
        other.goto(url)
        _ready(other)
        other.wait_for_selector("#panel h3")
        assert other.inner_text("#panel h3") == heading
        assert other.input_value("#f-type") == "interception"
        assert other.input_value("#f-end") == "2025-06-30"
        _wait_list(other, expected)
        assert other.locator(f"#list li.selected[data-id='{target}']").count() == 1
        a = page.evaluate(
            "() => [window.skylogMap.getCenter().lat, window.skylogMap.getCenter().lng, window.skylogMap.getZoom()]"
        )
        b = other.evaluate(
            "() => [window.skylogMap.getCenter().lat, window.skylogMap.getCenter().lng, window.skylogMap.getZoom()]"
        )
        pixel = 1.5 * 360 / 256 / 2 ** a[2]  # the same view, to a screen pixel (rounding)
        assert a[2] == b[2] and abs(a[0] - b[0]) < pixel and abs(a[1] - b[1]) < pixel
    finally:
        ctx.close()

    # back closes the incident, back again restores the earlier filters; forward reopens
    page.go_back()
    page.wait_for_function("() => document.getElementById('panel').hidden")
    page.go_back()
    page.wait_for_function("() => document.getElementById('f-type').value === ''")
    page.go_forward()
    page.wait_for_function("() => document.getElementById('f-type').value === 'interception'")
    _wait_list(page, expected)


def test_download_matches_the_visible_selection(page, server):
    page.click("#regions button[data-admin1='RU-BEL']")
    page.wait_for_function("() => document.getElementById('f-admin1').value === 'RU-BEL'")
    page.evaluate("() => window.skylogBrush(['2024-03-01', '2024-12-31'])")
    expected_total = _api(page, server, "/api/stats/regions?admin1=RU-BEL&start=2024-03-01&end=2024-12-31")[
        "totals"
    ]
    page.wait_for_function(
        TOTAL_IS,
        arg=expected_total["incidents"],
    )
    assert expected_total["incidents"] <= 200  # one page of the list
    page.wait_for_function(
        "n => document.querySelectorAll('#list li[data-id]').length === n", arg=expected_total["incidents"]
    )
    shown = _list_ids(page)
    assert len(shown) == expected_total["incidents"] and len(set(shown)) == len(shown)
    href = page.get_attribute("#dl-csv", "href")
    with page.expect_download() as dl:
        page.click("#dl-csv")
    data = open(dl.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [r["event_id_cnty"].split("-", 1)[1] for r in rows] == shown  # same incidents, same order
    assert sum(int(r["fatalities"] or 0) for r in rows) == expected_total["killed"]
    assert {r["admin1"] for r in rows} == {"Belgorod Oblast"}
    assert all("2024-03-01" <= r["event_date"] <= "2024-12-31" for r in rows)
    geo = _api(page, server, href.replace("/api/export?", "/api/export?format=geojson&"))
    assert [f["id"] for f in geo["features"]] == shown


def test_region_table_filters_the_map(page, server):
    regions = _api(page, server, "/api/stats/regions")["regions"]
    code = regions[-1]["admin1_code"]
    page.click(f"#regions button[data-admin1='{code}']")
    page.wait_for_function(f"() => location.hash.includes('admin1={code}')")
    n = _point_count(page, server, f"&admin1={code}")
    page.wait_for_function("n => document.getElementById('map').dataset.markers === String(n)", arg=n)
    assert n < _point_count(page, server)
    assert page.locator("#regions tbody tr").count() == 1
    names = {
        i["summary"]["admin1"]
        for i in _api(page, server, f"/api/incidents?admin1={code}&limit=50")["incidents"]
    }
    metas = page.locator("#list li[data-id] .meta").all_inner_texts()
    assert metas and all(any(name in m for name in names) for m in metas)
    page.click("#region-clear")
    page.wait_for_function("() => document.querySelectorAll('#regions tbody tr').length > 1")


def test_undated_incidents_sort_last_with_their_count(page, server):
    page.click("#regions button[data-admin1='UA-63']")
    totals = _api(page, server, "/api/stats/regions?admin1=UA-63")["totals"]
    assert 0 < totals["undated"] < totals["incidents"] <= 200
    page.wait_for_function(TOTAL_IS, arg=totals["incidents"])
    page.wait_for_function(
        "n => document.querySelectorAll('#list li[data-id]').length === n", arg=totals["incidents"]
    )
    dated = [
        i["id"] for i in _api(page, server, "/api/incidents?admin1=UA-63&dated=true&limit=200")["incidents"]
    ]
    undated = [
        i["id"] for i in _api(page, server, "/api/incidents?admin1=UA-63&dated=false&limit=200")["incidents"]
    ]
    assert len(undated) == totals["undated"]
    assert _list_ids(page) == dated + undated
    head = page.inner_text("#undated-head")
    assert f"Undated ({totals['undated']})" in head
    assert f"{totals['undated']} undated" in page.inner_text("#undated-label")


def test_list_keyboard(page, server):
    first = _list_ids(page)[:2]
    page.focus(f"#list li[data-id='{first[0]}']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash.includes('inc={first[1]}')")
    assert page.is_visible("#panel")
    if page.kind == "phone":  # the incident takes the whole screen
        box = page.locator("#panel").bounding_box()
        assert box["x"] == 0 and box["y"] == 0 and box["width"] >= 389 and box["height"] >= 843
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.getElementById('panel').hidden")


def test_touch_brushing_on_the_phone(browser, server):
    ctx = browser.new_context(**VIEWPORTS["phone"])
    try:
        pg = ctx.new_page()
        pg.goto(server + "/")
        _ready(pg)
        box = pg.locator("#timeline").bounding_box()
        assert box["width"] < 400
        cdp = ctx.new_cdp_session(pg)
        y = box["y"] + box["height"] / 2
        x0, x1 = box["x"] + box["width"] * 0.3, box["x"] + box["width"] * 0.6

        def touch(kind, x):
            points = [] if kind == "touchEnd" else [{"x": x, "y": y, "id": 1}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        touch("touchStart", x0)
        for i in range(1, 9):
            touch("touchMove", x0 + (x1 - x0) * i / 8)
        touch("touchEnd", x1)
        pg.wait_for_function("() => window.skylog.brush !== null", timeout=5_000)
        a, b = pg.evaluate("() => window.skylog.brush")
        assert a < b
        assert f"brush={a}%2C{b}" in pg.url
        total = _api(pg, server, f"/api/stats/regions?start={a}&end={b}")["totals"]["incidents"]
        pg.wait_for_function(TOTAL_IS, arg=total)
        _wait_list(pg, _expected_list(pg, server, f"&start={a}&end={b}"))
        dates = pg.locator("#list li[data-id] .meta").all_inner_texts()
        dated = [m[:10] for m in dates if not m.startswith("date unknown")]
        assert dated and all(a <= d <= b for d in dated)
    finally:
        ctx.close()
