"""The web page in a real headless Chromium (Playwright): map, date filter, evidence, hostile text.

The store is built by the real pipeline (ingest -> extract -> link) from the
bundled example plus dated reports, one of them carrying script/img payloads.
The page is compared with the API, so the tests hold whatever the extractor finds.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kaluga-drones.txt"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HOSTILE = (
    'On 20 June 2025, 7 drones were shot down over Belgorod <img src=x onerror="window.__pwned=1">, '
    "the governor said. <script>window.__pwned=2</script> Nobody was injured."
)
DATED = [
    {
        "id": "kursk-1",
        "text": "On 1 June 2025, air defences shot down 12 drones over Kursk Oblast, governor Alexander "
        "Khinshtein said on Telegram. Debris damaged a house in Kursk; no one was hurt.",
        "published_at": "2025-06-01T08:00:00Z",
        "source": "Kursk governor",
    },
    {
        "id": "odesa-1",
        "text": "A Russian missile strike hit Odesa on 14 June 2025, killing two people and injuring five, "
        "the regional administration said.",
        "published_at": "2025-06-14T09:00:00Z",
        "source": "Odesa regional administration",
    },
    {
        "id": "hostile-1",
        "text": HOSTILE,
        "published_at": "2025-06-20T07:00:00Z",
        "source": "<b>Evil</b> outlet",
    },
]


_DB: dict[str, str] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from skylog.api import create_app
    from skylog.pipeline import run_ingest
    from skylog.store import Store

    root = tmp_path_factory.mktemp("web")
    inputs = root / "inputs"
    inputs.mkdir()
    if EXAMPLE.is_file():
        shutil.copy(EXAMPLE, inputs / EXAMPLE.name)
    (inputs / "dated.jsonl").write_text("".join(json.dumps(r) + "\n" for r in DATED), encoding="utf-8")
    store = Store(str(root / "web.db"))
    _DB["path"] = str(root / "web.db")
    run_ingest([str(inputs)], store)
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


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1300, "height": 850})
    pg = ctx.new_page()
    pg.problems = []  # console errors (CSP violations show up here) and page errors
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
    yield pg
    ctx.close()


def _api(page, server, path):
    r = page.request.get(server + path)
    assert r.ok, r.text()
    return r.json()


def _all(page, server, query=""):
    return _api(page, server, "/api/incidents?limit=1000" + query)["incidents"]


def _points(incidents):
    """Incidents the map draws as points: located, and placed better than a whole region."""
    return [i for i in incidents if i["summary"]["lat"] is not None and i["summary"]["geo_precision"] != 3]


def _wait_ids(page, ids):
    page.wait_for_function(
        "ids => { const got = [...document.querySelectorAll('#list li[data-id]')].map(e => e.dataset.id);"
        " return got.length === ids.length && ids.every(i => got.includes(i)); }",
        arg=sorted(ids),
        timeout=15_000,
    )


def _list_ids(page):
    return page.eval_on_selector_all("#list li[data-id]", "els => els.map(e => e.getAttribute('data-id'))")


def test_page_loads_and_shows_incidents_on_the_map(page, server):
    incidents = _all(page, server)
    located = [i for i in incidents if i["summary"]["lat"] is not None]
    assert len(located) >= 2  # the example's Kaluga interception and Belgorod dam strike at least
    page.wait_for_function("() => window.skylog.mapData && window.skylog.base.admin1 > 0")
    assert page.get_attribute("#map", "data-markers") == str(len(_points(incidents)))
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('#map .cluster span[data-count]')].reduce((s, e) => s + Number(e.dataset.count), 0)"
        " + document.querySelectorAll('path.incident-marker').length"
    )
    assert drawn == len(_points(incidents))  # each point once, alone or inside a cluster
    assert page.locator("path.country").count() > 100  # the bundled offline base layer
    assert int(page.get_attribute("#map", "data-admin1")) > 1000
    assert sorted(_list_ids(page)) == sorted(i["id"] for i in incidents)
    places = " ".join(page.locator("#list").all_inner_texts())
    assert "Kaluga" in places
    assert page.problems == []


def test_date_filter_narrows_map_and_list(page, server):
    incidents = _all(page, server)
    dated = sorted({i["summary"]["date"] for i in incidents if i["summary"]["date"]})
    assert dated, "no dated incident to filter on"
    day = dated[0]
    expected = {i["id"] for i in _all(page, server, f"&start={day}&end={day}")}
    assert expected and len(expected) < len(incidents)
    page.fill("#f-start", day)
    page.fill("#f-end", day)
    page.click("#f-apply")
    _wait_ids(page, expected)
    located = len(_points([i for i in incidents if i["id"] in expected]))
    page.wait_for_function("n => document.getElementById('map').dataset.markers === String(n)", arg=located)


def test_timeline_brush_filters_the_list(page, server):
    incidents = _all(page, server)
    days = sorted({i["summary"]["date"] for i in incidents if i["summary"]["date"]})
    assert page.locator("#timeline g.bar").count() == len(days)
    day = days[-1]
    page.evaluate("d => window.skylogBrush([d, d])", day)
    # the period bounds sort_time, as the API's start/end do
    _wait_ids(page, [i["id"] for i in _all(page, server, f"&start={day}&end={day}")])
    assert {i["id"] for i in incidents if i["summary"]["date"] == day} <= set(_list_ids(page))
    assert day in page.inner_text("#brush-label")
    page.dblclick("#timeline")
    _wait_ids(page, [i["id"] for i in incidents])
    # a mouse drag over the whole timeline selects every dated incident
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + 30, steps=5)
    page.mouse.up()
    page.wait_for_function("() => window.skylog.brush !== null")
    a, b = page.evaluate("() => window.skylog.brush")
    assert a <= days[0] and b >= days[-1]
    _wait_ids(page, [i["id"] for i in _all(page, server, f"&start={a}&end={b}")])
    assert {i["id"] for i in incidents if i["summary"]["date"]} <= set(_list_ids(page))


def test_region_filter_and_map_view_filter(page, server):
    incidents = _all(page, server)
    regions = sorted({i["summary"]["admin1"] for i in incidents if i["summary"]["admin1"]})
    assert regions
    expected = {i["id"] for i in _all(page, server, f"&admin1={regions[0]}")}
    page.fill("#f-admin1", regions[0])
    page.click("#f-apply")
    _wait_ids(page, expected)
    page.click("#f-clear")
    _wait_ids(page, [i["id"] for i in incidents])
    # "only in map view": zoom to one located incident; the list keeps what the view shows
    one = next(i["summary"] for i in incidents if i["summary"]["lat"] is not None)
    page.check("#f-view")
    page.evaluate(
        "([lat, lon]) => window.skylogMap.setView([lat, lon], 12, {animate: false})", [one["lat"], one["lon"]]
    )
    page.wait_for_function(
        "n => document.querySelectorAll('#list li[data-id]').length < n", arg=len(incidents), timeout=10_000
    )
    page.wait_for_timeout(500)
    shown = set(_list_ids(page))
    assert one["id"] in shown
    assert all(
        abs(i["summary"]["lat"] - one["lat"]) < 1 and abs(i["summary"]["lon"] - one["lon"]) < 1
        for i in incidents
        if i["id"] in shown
    )


def test_more_incidents_than_the_page_holds(browser, server):
    """With a list page of 2, the chart, totals and map still count every incident (server-side
    aggregation), and "Load more" brings the next page."""
    ctx = browser.new_context(viewport={"width": 1300, "height": 850})
    try:
        pg = ctx.new_page()
        pg.goto(server + "/?page=2")
        pg.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
        incidents = _all(pg, server)
        assert len(incidents) > 2
        assert len(_list_ids(pg)) == 2
        days = _api(pg, server, "/api/stats/daily")["days"]
        assert len(days) >= 2 and pg.locator("#timeline g.bar").count() == len(days)
        assert pg.inner_text("[data-total=incidents] strong") == str(len(incidents))
        pg.click("#list-more")
        pg.wait_for_function(
            "n => document.querySelectorAll('#list li[data-id]').length === n", arg=min(4, len(incidents))
        )
        while pg.is_visible("#list-more"):
            n = len(_list_ids(pg))
            pg.click("#list-more")
            pg.wait_for_function("n => document.querySelectorAll('#list li[data-id]').length > n", arg=n)
        assert sorted(_list_ids(pg)) == sorted(i["id"] for i in incidents)
    finally:
        ctx.close()


def test_evidence_panel_highlights_the_right_spans(page, server):
    incidents = _all(page, server)
    details = [_api(page, server, f"/api/incidents/{i['id']}") for i in incidents]
    target = next(d for d in details if any(r["highlights"] for r in d["reports"]))
    page.click(f"#list li[data-id='{target['id']}']")
    page.wait_for_selector("#panel mark")
    # why linked: one line per joined mention, with its link evidence when the linker gives it
    members = target.get("members") or []
    if members:
        assert page.locator("#why-linked ol.members > li").count() == len(members)
        for m in members:
            ev = m.get("evidence") or {}
            for reason in ev.get("reasons") or []:
                if isinstance(reason, str):
                    assert reason in page.inner_text("#why-linked")
    for r in target["reports"]:
        marks = page.eval_on_selector_all(
            f"#panel .text[data-report='{r['id']}'] mark",
            "els => els.map(e => [Number(e.dataset.start), Number(e.dataset.end), e.textContent, e.dataset.fields])",
        )
        assert len(marks) >= (1 if r["highlights"] else 0)
        for start, end, text, _fields in marks:
            assert text == r["text"][start:end]
            assert any(h["start"] <= start and end <= h["end"] for h in r["highlights"])
        # every claim's span is covered by marks of its field, letter for letter
        for h in r["highlights"]:
            covered = "".join(
                t for s, e, t, f in marks if h["start"] <= s and e <= h["end"] and h["field"] in f.split()
            )
            assert covered == r["text"][h["start"] : h["end"]]
        # and the whole text is shown unchanged
        shown = page.inner_text(f"#panel .text[data-report='{r['id']}']")
        assert " ".join(shown.split()) == " ".join(r["text"].split())


def test_hostile_report_text_executes_nothing(page, server):
    incidents = _all(page, server)
    hostile = None
    for i in incidents:
        d = _api(page, server, f"/api/incidents/{i['id']}")
        if any("onerror" in r["text"] for r in d["reports"]):
            hostile = d
            break
    assert hostile is not None, "the hostile report produced no incident"
    page.click(f"#list li[data-id='{hostile['id']}']")
    page.wait_for_selector("#panel .report")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#panel img, #list img, #panel script, #panel b, #list b").count() == 0
    panel_text = page.inner_text("#panel")
    assert "<script>window.__pwned=2</script>" in panel_text
    assert "<b>Evil</b> outlet" in panel_text
    assert page.locator("script").count() == 4  # leaflet, markercluster, topojson, app: nothing added


def test_read_token_from_the_page_fragment(browser, server, monkeypatch):
    monkeypatch.setenv("SKYLOG_READ_TOKEN", "let-me-read")
    ctx = browser.new_context()
    try:
        pg = ctx.new_page()
        pg.goto(server + "/")
        pg.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
        assert "token" in pg.inner_text("#status")  # 401: "a read token is required ..."
        assert pg.locator("#list li[data-id]").count() == 0
        pg.goto(server + "/#token=let-me-read")
        pg.reload()
        pg.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
        assert pg.locator("#list li[data-id]").count() > 0
    finally:
        ctx.close()


def test_page_source_never_uses_innerhtml():
    from skylog.api.app import static_dir

    js = (static_dir() / "app.js").read_text(encoding="utf-8")
    code = "\n".join(line for line in js.splitlines() if not line.strip().startswith("//"))
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code


def test_page_shows_new_incidents_without_reload(page, server, tmp_path):
    """Runs last: adds a report to the served store; the open page picks it up by polling."""
    from skylog.pipeline import run_ingest
    from skylog.store import Store

    before = set(_list_ids(page))
    page.evaluate("() => { window.__sameDocument = true; }")
    f = tmp_path / "late.txt"
    f.write_text(
        "On 22 June 2025, a drone strike hit an oil depot in Bryansk Oblast, the governor said; nobody was hurt.",
        encoding="utf-8",
    )
    with Store(_DB["path"]) as store:
        run_ingest([str(f)], store)
    page.wait_for_function(
        "n => document.querySelectorAll('#list li[data-id]').length > n", arg=len(before), timeout=20_000
    )
    assert page.evaluate("window.__sameDocument") is True  # refreshed in place, not reloaded
