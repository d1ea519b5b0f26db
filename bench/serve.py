"""Serve benchmarks (``skylog bench serve``): API latency, export throughput, watch delay.

- API latency: a SQLite store with N synthetic incidents (full: 100,000; quick:
  10,000) written straight into the incident tables in bulk (the linker is
  benchmarked in ``bench/link.py``; here only reading is measured). Each query
  runs through the whole FastAPI stack in-process (TestClient), R times;
  median and p95 in milliseconds.
- Export throughput: every incident of that store, per format, incidents/s and
  file size (streamed page by page, so memory stays at one page).
- Web page: the page in headless Chromium (when installed) over a local server on that
  store: time until the first view is drawn (list, chart, table, totals, map layer, base
  map), and time from a map move to its new markers.
- Watch delay: a watched folder (poll interval 1 s), a new report file, and the
  time until ``/api/incidents`` serves its incident (real ingest, extraction and
  linking; models already loaded). Median over a few files.

Synthetic incidents are generated here (places, dates, counts drawn at random);
nothing is copied from any data set.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PLACES = [
    ("Kursk", "RU", "Kursk Oblast", "RU-KRS", 51.73, 36.19),
    ("Belgorod", "RU", "Belgorod Oblast", "RU-BEL", 50.60, 36.59),
    ("Bryansk", "RU", "Bryansk Oblast", "RU-BRY", 53.24, 34.36),
    ("Kaluga", "RU", "Kaluga Oblast", "RU-KLU", 54.53, 36.27),
    ("Kharkiv", "UA", "Kharkiv Oblast", "UA-63", 49.99, 36.23),
    ("Odesa", "UA", "Odesa Oblast", "UA-51", 46.48, 30.72),
    ("Dnipro", "UA", "Dnipropetrovsk Oblast", "UA-12", 48.46, 35.05),
    ("Sumy", "UA", "Sumy Oblast", "UA-59", 50.91, 34.80),
]
TYPES = ["interception", "drone_strike", "missile_strike", "air_strike", "shelling", "debris_fall"]
GRADES = ["single_source", "several_sources_one_side", "independently_confirmed", "contested"]


def _claim(value: Any, rid: str, source: str) -> dict[str, Any]:
    return {
        "value": value,
        "qualifier": None,
        "claimant": "the outlet",
        "hedge": "asserted",
        "spans": [[10, 12]],
        "evidence": "synthetic evidence sentence",
        "mention_id": rid + "#0",
        "report_id": rid,
        "source": source,
        "source_kind": "media",
        "source_group": 1,
        "origin": "media",
        "published_at": None,
    }


def synthetic_rows(n: int, seed: int = 1) -> Any:
    """Rows for the ``incidents`` table, in chunks, with resolve()-shaped ``data``."""
    rng = random.Random(seed)
    base = datetime(2024, 1, 1, tzinfo=UTC)
    now = datetime.now(UTC)
    chunk: list[dict[str, Any]] = []
    for i in range(n):
        name, cc, admin1, code, lat, lon = rng.choice(PLACES)
        lat += rng.uniform(-0.6, 0.6)
        lon += rng.uniform(-0.9, 0.9)
        start = base + timedelta(days=rng.randrange(700), hours=rng.choice([0, 0, 0, 3, 21]))
        typ = rng.choice(TYPES)
        grade = rng.choice(GRADES)
        count = rng.choice([None, rng.randint(1, 60)])
        killed = rng.choice([None, 0, 0, 1, 2, 5])
        rid = f"syn{i:07d}"
        src = f"outlet{i % 37}"
        fields: dict[str, Any] = {
            "places": {
                "value": {
                    "name": name,
                    "country": cc,
                    "admin1": admin1,
                    "admin1_code": code,
                    "lat": lat,
                    "lon": lon,
                },
                "places": [],
                "conflict": False,
            },
            "time": {
                "value": {
                    "start": start.isoformat(),
                    "end": (start + timedelta(days=1)).isoformat(),
                    "precision": "day",
                },
                "claims": [],
                "conflict": False,
            },
        }
        if count is not None:
            fields["count"] = {
                "value": count,
                "low": count,
                "high": count,
                "claims": [_claim(count, rid, src)],
            }
        if killed is not None:
            fields["killed"] = {
                "value": killed,
                "low": killed,
                "high": killed,
                "claims": [_claim(killed, rid, src)],
            }
        data = {
            "type": typ,
            "types": {typ: 1},
            "fields": fields,
            "sources": [
                {"group": 1, "origin": "media", "reports": [rid], "names": [src], "kinds": ["media"]}
            ],
            "grade": grade,
            "grade_label": grade.replace("_", " "),
            "grade_reason": "synthetic",
            "conflicts": [],
        }
        chunk.append(
            {
                "id": f"inc-{i:012x}",
                "ordinal": i,
                "type": typ,
                "start": start,
                "end": start + timedelta(days=1),
                "time_precision": "day",
                "sort_time": start,
                "country": cc,
                "admin1_code": code,
                "admin1": admin1,
                "admin2": None,
                "place_name": name,
                "lat": lat,
                "lon": lon,
                "geo_precision": rng.choice([1, 1, 2, 3]),
                "grade": grade,
                "n_mentions": 1,
                "n_reports": 1,
                "n_sources": 1,
                "count": count,
                "killed": killed,
                "killed_low": killed,
                "killed_high": killed,
                "injured": None,
                "data": data,
                "created_at": now,
                "updated_at": now,
            }
        )
        if len(chunk) == 5000:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build_store(path: Path, n: int) -> Any:
    from sqlalchemy import insert

    from skylog.store import Store
    from skylog.store.incident_schema import incidents

    store = Store(str(path))
    with store.engine.begin() as conn:
        for chunk in synthetic_rows(n):
            conn.execute(insert(incidents), chunk)
    return store


def _time(fn: Any, repeats: int) -> tuple[float, float]:
    fn()  # warm
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95


def api_latency(store: Any, n: int, repeats: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from skylog.api import create_app

    rows = []
    with TestClient(create_app(store)) as client:

        def get(path: str, params: dict[str, Any] | None = None) -> Any:
            r = client.get(path, params=params)
            assert r.status_code == 200, r.text
            return r.json()

        first = get("/api/incidents", {"limit": 100})
        some_id = first["incidents"][0]["id"]
        cursor5 = None
        for _ in range(5):
            cursor5 = get("/api/incidents", {"limit": 100, **({"cursor": cursor5} if cursor5 else {})})[
                "next_cursor"
            ]
        cases = [
            ("first page, 100", {"limit": 100}),
            ("first page, 1000", {"limit": 1000}),
            ("type filter", {"type": "drone_strike", "limit": 100}),
            ("date range (1 month)", {"start": "2024-06-01", "end": "2024-06-30", "limit": 100}),
            ("bbox", {"bbox": "35,50,37.5,52", "limit": 100}),
            ("admin1 + grade", {"admin1": "RU-BEL", "grade": "contested", "limit": 100}),
            ("6th page (cursor)", {"limit": 100, "cursor": cursor5}),
        ]
        for label, params in cases:
            med, p95 = _time(lambda p=params: get("/api/incidents", p), repeats)
            rows.append([label, n, round(med, 1), round(p95, 1)])
        page_cases = [  # what the web page asks for (server-side aggregation of the selection)
            ("page list (dated, 200)", "/api/incidents", {"dated": "true", "limit": 200}),
            ("stats/daily (chart)", "/api/stats/daily", {}),
            ("stats/regions (table, totals)", "/api/stats/regions", {}),
            ("stats/map bounds (first view)", "/api/stats/map", {"parts": "bounds"}),
            ("stats/map markers+areas, zoom 5", "/api/stats/map", {"zoom": 5, "view": "25,44,42,56"}),
            (
                "stats/map markers (pan), zoom 9",
                "/api/stats/map",
                {"zoom": 9, "view": "36,50,37.4,51", "parts": "markers"},
            ),
        ]
        for label, path, params in page_cases:
            med, p95 = _time(lambda path=path, p=params: get(path, p), repeats)
            rows.append([label, n, round(med, 1), round(p95, 1)])
        med, p95 = _time(lambda: get(f"/api/incidents/{some_id}"), repeats)
        rows.append(["incident detail", n, round(med, 1), round(p95, 1)])
        med, p95 = _time(lambda: get("/api/timeline"), repeats)
        rows.append(["timeline (per day, all)", n, round(med, 1), round(p95, 1)])
        med, p95 = _time(lambda: get("/api/status"), repeats)
        rows.append(["status (page polling)", n, round(med, 1), round(p95, 1)])
    return {
        "title": f"API latency, {n:,} incidents (SQLite, in-process)",
        "columns": ["query", "incidents", "median ms", "p95 ms"],
        "rows": rows,
        "notes": [f"{repeats} requests per query after one warm-up; whole FastAPI stack via TestClient"],
    }


PAGE_MOVES = [
    ([50.6, 36.6], 8),
    ([49.9, 36.2], 10),
    ([48.5, 33.0], 6),
    ([51.7, 36.2], 9),
    ([46.5, 30.7], 7),
    ([50.7, 33.6], 5),
]


VIEWPORTS = (("desktop 1280x800", (1280, 800)), ("phone 390x844", (390, 844)))


def page_load(
    store: Any, n: int, loads: int = 3, viewports: tuple[tuple[str, tuple[int, int]], ...] = VIEWPORTS
) -> dict[str, Any] | None:
    """The web page in headless Chromium over a real server: first load and pan/zoom (None
    without Chromium or Playwright)."""
    import shutil
    import socket
    import threading

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import uvicorn
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    from skylog.api import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/"
    ready = (
        "() => document.body.dataset.ready === '1' && window.skylog.mapData && window.skylog.base.admin1 > 0"
    )
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            try:
                for kind, size in viewports:
                    times = []
                    for i in range(loads + 1):  # the first load warms the server; it is reported apart
                        ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
                        pg = ctx.new_page()
                        t0 = time.perf_counter()
                        pg.goto(url)
                        pg.wait_for_function(ready, timeout=60_000, polling=20)
                        times.append(time.perf_counter() - t0)
                        if i < loads:
                            ctx.close()
                    moves, longest = _pan_zoom(pg)
                    ctx.close()
                    # a selection no earlier load asked for: nothing cached on the server
                    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
                    pg = ctx.new_page()
                    t0 = time.perf_counter()
                    pg.goto(url + f"#type=drone_strike&grade=contested&start=2024-0{len(rows) + 2}-01")
                    pg.wait_for_function(ready, timeout=60_000, polling=20)
                    fresh = time.perf_counter() - t0
                    ctx.close()
                    rows.append(
                        [
                            kind,
                            n,
                            round(times[0], 2),
                            round(statistics.median(times[1:]), 2),
                            round(fresh, 2),
                            round(statistics.median(moves)),
                            round(max(moves)),
                            round(longest),
                        ]
                    )
            finally:
                browser.close()
    finally:
        srv.should_exit = True
        thread.join(10)
    return {
        "title": f"Web page, {n:,} incidents (headless Chromium, local server)",
        "columns": [
            "viewport",
            "incidents",
            "first load s (cold server)",
            "load s (median, same view)",
            "load s (new selection)",
            "pan/zoom ms (median)",
            "pan/zoom ms (max)",
            "longest main-thread task ms",
        ],
        "rows": rows,
        "notes": [
            "load: navigation until the list, chart, table, totals, map layer and base map are drawn;"
            " the server keeps aggregates per selection until the data changes ('same view' hits that"
            " cache, 'new selection' does not)",
            f"pan/zoom: {len(PAGE_MOVES)} map moves, each until the new markers are drawn; target: load < 2 s",
        ],
    }


def _pan_zoom(pg: Any) -> tuple[list[float], float]:
    """Milliseconds from each map move to its new markers on the page; the longest long task."""
    pg.evaluate(
        "() => { window.__long = 0; try { new PerformanceObserver(l => { for (const e of l.getEntries())"
        " window.__long = Math.max(window.__long, e.duration); }).observe({type: 'longtask', buffered: false}); }"
        " catch (e) {} }"
    )
    out = []
    for (lat, lon), zoom in PAGE_MOVES:
        ms = pg.evaluate(
            """([lat, lon, zoom]) => new Promise(resolve => {
              const before = window.skylog.mapData, t0 = performance.now();
              window.skylogMap.setView([lat, lon], zoom, {animate: false});
              (function wait() {
                if (window.skylog.mapData !== before) requestAnimationFrame(() => resolve(performance.now() - t0));
                else setTimeout(wait, 5);
              })();
            })""",
            [lat, lon, zoom],
        )
        out.append(float(ms))
    return out, float(pg.evaluate("() => window.__long"))


def export_throughput(store: Any, n: int, tmp: Path) -> dict[str, Any]:
    from skylog.export.source import iter_incidents
    from skylog.export.writers import FORMATS, export_incidents

    rows = []
    for fmt in FORMATS:
        out = tmp / f"export.{fmt}"
        t0 = time.perf_counter()
        written = export_incidents(iter_incidents(store, detail=True), fmt, out)
        dt = time.perf_counter() - t0
        rows.append([fmt, written, round(dt, 2), round(written / dt), round(out.stat().st_size / 1e6, 1)])
    return {
        "title": f"Export throughput, {n:,} incidents",
        "columns": ["format", "incidents", "seconds", "incidents/s", "MB"],
        "rows": rows,
        "notes": ["streamed: pages of 1,000 from the link query plus one query for their fields"],
    }


WATCH_TEXTS = [
    "On {d} air defences shot down {n} drones over Kursk Oblast, the governor said.",
    "A missile strike hit Odesa on {d}, killing {k} people, the regional administration said.",
    "Russian forces shelled Kharkiv on {d}; {k} people were injured, the mayor said.",
    "Debris from a downed drone fell on a house in Belgorod on {d}, the governor said.",
    "{n} drones attacked an oil depot in Bryansk Oblast on {d}, officials said.",
]


def watch_delay(tmp: Path, files: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from skylog.api import create_app
    from skylog.api.watch import Watcher
    from skylog.store import Store

    folder = tmp / "watched"
    folder.mkdir()
    store = Store(str(tmp / "watch.db"))
    warm = folder / "warm.txt"
    warm.write_text(WATCH_TEXTS[0].format(d="2 May 2025", n=5, k=1), encoding="utf-8")
    problems: list[str] = []

    def note(result: Any) -> None:
        if result.error:
            problems.append(result.error)
        if result.summary is not None:
            problems.extend(str(e) for e in result.summary.failed)
            problems.extend(result.summary.warnings)
            if result.inputs and not result.summary.mentions:
                problems.append(f"{', '.join(Path(i).name for i in result.inputs)}: no event extracted")

    w = Watcher([str(folder)], store, interval=1.0, on_poll=note)
    t = time.time() - 10
    import os

    os.utime(warm, (t, t))
    w.poll_once()  # models load here, not in the measurement
    delays = []
    with TestClient(create_app(store)) as client:

        def ids() -> set[str]:
            return {i["id"] for i in client.get("/api/incidents", params={"limit": 1000}).json()["incidents"]}

        w.start()
        try:
            for i in range(files):
                before = ids()
                text = WATCH_TEXTS[(i + 1) % len(WATCH_TEXTS)].format(
                    d=f"{3 + i} June 2025", n=7 + i, k=1 + i % 3
                )
                t0 = time.monotonic()
                (folder / f"new{i}.txt").write_text(text, encoding="utf-8")
                while time.monotonic() - t0 < 120:
                    if ids() - before:
                        delays.append(time.monotonic() - t0)
                        break
                    time.sleep(0.1)
        finally:
            w.stop()
    store.close()
    return {
        "title": "Watch: new file in a watched folder -> served by the API",
        "columns": ["files", "served", "median s", "max s"],
        "rows": [
            [
                files,
                len(delays),
                round(statistics.median(delays), 2) if delays else None,
                round(max(delays), 2) if delays else None,
            ]
        ],
        "notes": ["poll interval 1 s; a file is taken once unchanged over two polls; target < 60 s"]
        + [f"problem: {p[:200]}" for p in problems[:5]],
    }


def _page_beside(path: Path, n: int) -> tuple[Any, Any]:
    """Quick mode: the web page test in a forked process of its own (own store connection, own
    interpreter lock) while this one times the API and the exports; (process, pipe) or None
    where processes cannot be forked."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None, None
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_page_child, args=(str(path), n, send), name="bench-serve-page")
    proc.start()
    send.close()
    return proc, recv


def _page_child(path: str, n: int, send: Any) -> None:
    import traceback

    from skylog.store import Store

    try:
        store = Store(path)
        try:
            web = page_load(store, n, loads=1, viewports=VIEWPORTS[:1])
        finally:
            store.close()
        if web:
            web["notes"].append(
                "quick: one viewport, one timed load, in its own process beside the API and export tests"
            )
        send.send(("ok", web))
    except Exception:  # the serve area reports it; the API and export tables are not lost
        send.send(("error", traceback.format_exc()))
    send.close()


def _page_result(proc: Any, pipe: Any) -> dict[str, Any] | None:
    """The page table from its process, or the error that stopped it, raised here."""
    try:
        status, value = pipe.recv()
    except EOFError:  # killed, or a crash in C: nothing was sent
        status, value = "error", "its process ended without a result"
    proc.join()
    if status != "ok":
        raise RuntimeError(f"web page test: {value}")
    return value


def run(quick: bool = False) -> list[dict[str, Any]]:
    n = 500 if quick else 100_000
    repeats = 3 if quick else 40
    with tempfile.TemporaryDirectory(prefix="skylog-bench-serve-") as d:
        tmp = Path(d)
        t0 = time.perf_counter()
        store = build_store(tmp / "serve.db", n)
        build_s = time.perf_counter() - t0
        page_proc, page_pipe = None, None
        if quick:  # the page waits on Chromium most of the time: start it first, beside the rest
            store.close()
            page_proc, page_pipe = _page_beside(tmp / "serve.db", n)
            from skylog.store import Store

            store = Store(str(tmp / "serve.db"))
        try:
            lat = api_latency(store, n, repeats)
            lat["notes"].append(f"store of {n:,} synthetic incidents built in {build_s:.1f} s (bulk insert)")
            exp = export_throughput(store, n, tmp)
            if page_proc is not None:
                web = _page_result(page_proc, page_pipe)
            else:
                web = page_load(store, n, loads=1 if quick else 3)  # quick: one timed load per view
        finally:
            store.close()
            if page_proc is not None and page_proc.is_alive():  # an error above: wait for the page
                page_proc.join(120)
        if quick:  # the watch test loads the extraction models: full run only
            return [lat, exp] + ([web] if web else [])
        watch = watch_delay(tmp, 5)
    return [lat, exp] + ([web] if web else []) + [watch]


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(quick="--quick" in sys.argv), indent=1))
