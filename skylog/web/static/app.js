// skylog web page: map, per-day chart, per-region table, incident list and evidence panel.
//
// Report text is hostile data. This file never uses innerHTML, outerHTML,
// insertAdjacentHTML or document.write: every value reaches the page through
// textContent / createTextNode, and the server's Content-Security-Policy
// forbids inline script and any other origin.
//
// The page holds no more than a page of the list: the map layer, the chart, the
// region table, the totals and the downloads come from the server (/api/stats/*,
// /api/export) for the same selection, so it stays fast with 100,000 incidents.
// The selection, the chart's period, the map view and the open incident live in
// the address (#type=...&brush=...&map=...&inc=...): a copied link reopens the view.
"use strict";

(function () {
  const TYPES = ["interception", "drone_strike", "missile_strike", "air_strike", "shelling", "debris_fall"];
  const GRADES = {
    single_source: "single source",
    several_sources_one_side: "several sources of one side",
    independently_confirmed: "independently confirmed",
    contested: "contested",
  };
  const TYPE_COLOURS = {
    interception: "#2962ff", drone_strike: "#c0392b", missile_strike: "#8e24aa",
    air_strike: "#d35400", shelling: "#6d4c41", debris_fall: "#546e7a",
  };
  const FILTERS = ["start", "end", "type", "grade", "admin1", "country", "q"];
  const PAGE = Number(new URLSearchParams(location.search).get("page")) || 200;
  const POLL_MS = 5000;
  const DAY = 86400000;

  const state = {
    incidents: [],    // the list's loaded summaries (dated first, then undated)
    listCursor: null, // next page of the list
    listPhase: "dated", // which half of the list is loading: dated, then undated, then done
    totals: null,     // /api/stats/regions totals of the selection
    daily: null,      // /api/stats/daily of the selection without the period
    mapData: null,    // /api/stats/map
    brush: null,      // [startDay, endDay] (ISO yyyy-mm-dd), from the chart
    selected: null,   // incident id
    selectedInfo: null, // its summary (for the highlight ring)
    version: null,    // /api/status version, to refresh without reload
    markers: new Map(),
    base: { countries: 0, admin1: 0, cities: 0 },
    fitted: false,
    generation: 0,    // bumps on every reload so late answers are dropped
  };
  window.skylog = state; // for tests and the curious

  // ---- small DOM helpers (text only) ----------------------------------------------------
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") node.className = String(v);
        else if (k === "text") node.textContent = String(v);
        else if (k === "title") node.title = String(v);
        else node.setAttribute(k, String(v));
      }
    }
    for (const c of children || []) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function $(id) { return document.getElementById(id); }
  function label(t) { return String(t || "incident").replace(/_/g, " "); }
  function num(n) { return Number(n || 0).toLocaleString("en-GB"); }
  function fmtValue(v) {
    if (v === null || v === undefined) return "—";
    if (Array.isArray(v)) return v.map(fmtValue).join(", ");
    if (typeof v === "object") {
      if (v.name) return String(v.name);
      if (v.level !== undefined || v.objects !== undefined) {
        const objs = (v.objects || []).map(String).join(", ");
        return [v.level ? "damage " + v.level : null, objs || null].filter(Boolean).join(": ") || "—";
      }
      if (v.text !== undefined && (v.start !== undefined || v.precision !== undefined)) {
        const when = v.start ? [v.start, v.end].filter(Boolean).join(" → ") : "no date";
        return "“" + String(v.text || "") + "” (" + when + (v.precision ? ", " + v.precision : "") + ")";
      }
      if (v.note && !v.start) return (v.end ? "at or before " + v.end : "unknown") + " (" + v.note + ")";
      if (v.start || v.end) return [v.start, v.end].filter(Boolean).join(" → ") + (v.precision ? " (" + v.precision + ")" : "");
      return JSON.stringify(v);
    }
    return String(v);
  }
  function setStatus(text) { $("status").textContent = text; }
  function debounce(fn, ms) {
    let t = null;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  // A server with a read token: open the page as /#token=TOKEN (the fragment never reaches logs).
  const READ_TOKEN = new URLSearchParams(location.hash.slice(1)).get("token");

  async function getJSON(url) {
    const headers = { Accept: "application/json" };
    if (READ_TOKEN && url.startsWith("/api/")) headers.Authorization = "Bearer " + READ_TOKEN;
    const res = await fetch(url, { headers: headers, credentials: "same-origin" });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || ("HTTP " + res.status));
    return body;
  }

  // ---- map and offline base layers ------------------------------------------------------
  const map = L.map("map", { worldCopyJump: true, attributionControl: true, zoomSnap: 1, minZoom: 2, maxZoom: 16 }).setView([49, 33], 5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0)");
  map.createPane("labels");
  map.getPane("labels").style.zIndex = 450;
  map.getPane("labels").style.pointerEvents = "none";
  map.createPane("borders"); // admin-1 borders over the country fills, under the incidents
  map.getPane("borders").style.zIndex = 405;
  map.getPane("borders").style.pointerEvents = "none";
  const baseCanvas = L.canvas({ padding: 0.3, pane: "borders" });
  const labelLayer = L.layerGroup().addTo(map);
  const clusterLayer = L.markerClusterGroup({
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: 50,
    chunkedLoading: true,
    iconCreateFunction: (cluster) => clusterIcon(cluster.getChildCount()),
  }).addTo(map);
  const cellLayer = L.layerGroup().addTo(map);
  const highlightLayer = L.layerGroup().addTo(map);
  let places = null;

  // Cluster icons carry their count as a text node (Leaflet takes an element as the icon).
  function clusterIcon(n) {
    const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 50;
    const text = n >= 10000 ? Math.round(n / 1000) + "k" : num(n);
    return L.divIcon({
      html: el("span", { text: text, "data-count": n, title: n + " incidents — click to zoom in" }),
      className: "cluster",
      iconSize: [size, size],
    });
  }
  function textIcon(cls, text, code) {
    return L.divIcon({ className: cls, html: el("span", { text: text, "data-code": code }), iconSize: null });
  }

  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    const box = el("div", { class: "map-legend" }, [el("div", { text: "numbered circle: incidents grouped; zoom in to split" })]);
    for (const t of TYPES) box.appendChild(el("div", {}, [el("span", { class: "dot t-" + t }), " " + label(t)]));
    box.appendChild(el("div", {}, [el("span", { class: "dot ring" }), " selected incident"]));
    return box;
  };
  legend.addTo(map);

  // Region- and country-level incidents are listed here, never drawn as a point.
  const areaBox = L.control({ position: "topright" });
  areaBox.onAdd = function () {
    const box = el("div", { class: "map-areas", id: "areas" });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  areaBox.addTo(map);

  async function loadBaseLayers() {
    try {
      const [topo, lines, pl] = await Promise.all([
        getJSON("/static/countries-50m.json"),
        getJSON("/static/admin1-lines.json"),
        getJSON("/static/places.json"),
      ]);
      const countries = topojson.feature(topo, topo.objects.countries);
      for (const f of countries.features) unwrapGeometry(f.geometry);
      L.geoJSON(countries, { style: () => ({ className: "country", color: "#8795a3", weight: 0.8, fillColor: "#fbfbf8", fillOpacity: 1 }), interactive: false }).addTo(map);
      const admin1 = topojson.feature(lines, lines.objects.admin1);
      L.geoJSON(admin1, { renderer: baseCanvas, pane: "borders", interactive: false, style: () => ({ color: "#8a97a6", weight: 1, dashArray: "4 3", opacity: 1 }) }).addTo(map);
      state.base.countries = countries.features.length;
      state.base.admin1 = admin1.features.length;
      places = pl;
      $("map").setAttribute("data-admin1", String(state.base.admin1));
      drawLabels();
    } catch (e) {
      setStatus("base map unavailable: " + e.message);
    }
  }

  // Rings that cross the antimeridian jump from +180 to -180; Leaflet draws that jump as a
  // band across the whole map. Unwrap each ring so its longitudes run on continuously.
  function unwrapRing(ring) {
    for (let i = 1; i < ring.length; i++) {
      const d = ring[i][0] - ring[i - 1][0];
      if (d > 180) ring[i] = [ring[i][0] - 360, ring[i][1]];
      else if (d < -180) ring[i] = [ring[i][0] + 360, ring[i][1]];
    }
    if (ring.length && ring.every((p) => p[0] < -180)) for (const p of ring) p[0] += 360;
  }
  function unwrapGeometry(g) {
    if (!g) return;
    if (g.type === "Polygon") g.coordinates.forEach(unwrapRing);
    else if (g.type === "MultiPolygon") g.coordinates.forEach((poly) => poly.forEach(unwrapRing));
  }

  // City labels by size for the zoom (capitals first), region names from zoom 6; at most a few
  // hundred DOM labels at a time, only inside the view.
  function drawLabels() {
    if (!places) return;
    labelLayer.clearLayers();
    const z = map.getZoom(), b = map.getBounds().pad(0.1);
    let n = 0;
    const taken = [];
    const cell = 360 / Math.pow(2, z) / 256 * 70; // keep labels ~70 px apart
    function free(lat, lon) {
      for (const [a, o] of taken) if (Math.abs(a - lat) < cell * 0.45 && Math.abs(o - lon) < cell) return false;
      taken.push([lat, lon]);
      return true;
    }
    if (z >= 6) {
      for (const [name, code, lat, lon] of places.regions) {
        if (!b.contains([lat, lon]) || !free(lat, lon)) continue;
        L.marker([lat, lon], { pane: "labels", interactive: false, keyboard: false, icon: textIcon("region-label", name, code) }).addTo(labelLayer);
        if (++n > 80) break;
      }
    }
    let c = 0;
    for (const [name, lat, lon, minz] of places.cities) {
      if (minz > z || !b.contains([lat, lon]) || !free(lat, lon)) continue;
      L.marker([lat, lon], { pane: "labels", interactive: false, keyboard: false, icon: textIcon("city-label", name, null) }).addTo(labelLayer);
      if (++c > 220) break;
    }
    state.base.cities = c;
  }
  map.on("zoomend moveend", debounce(drawLabels, 60));

  // ---- selection: filters, chart period, map view ---------------------------------------
  function fillSelect(select, values, labels) {
    for (const v of values) select.appendChild(el("option", { value: v, text: labels ? labels[v] : label(v) }));
  }
  fillSelect($("f-type"), TYPES);
  fillSelect($("f-grade"), Object.keys(GRADES), GRADES);

  function formFilters() {
    const p = new URLSearchParams();
    for (const id of FILTERS) {
      const v = $("f-" + id).value.trim();
      if (v) p.set(id, v);
    }
    return p;
  }
  function viewBox() {
    const b = map.getBounds();
    const w = Math.max(-180, b.getWest()), e = Math.min(180, b.getEast());
    const s = Math.max(-90, b.getSouth()), n = Math.min(90, b.getNorth());
    return [w, s, e, n].map((x) => x.toFixed(4)).join(",");
  }
  // The selection every view shows: the form's filters, narrowed by the chart's period and
  // (when asked) by the map view. `withBrush` false: the chart's own query (it shows context).
  function selection(withBrush) {
    const p = formFilters();
    if (withBrush !== false && state.brush) {
      const a = p.get("start"), b = p.get("end");
      p.set("start", a && a > state.brush[0] ? a : state.brush[0]);
      p.set("end", b && b < state.brush[1] ? b : state.brush[1]);
    }
    if ($("f-view").checked) p.set("bbox", viewBox());
    return p;
  }
  function withToken(url) {
    return READ_TOKEN ? url + (url.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(READ_TOKEN) : url;
  }

  // ---- address: the whole view in the fragment -------------------------------------------
  function stateHash() {
    const p = formFilters();
    if ($("f-view").checked) p.set("view", "1");
    if (state.brush) p.set("brush", state.brush.join(","));
    const c = map.getCenter();
    p.set("map", [c.lat.toFixed(4), c.lng.toFixed(4), map.getZoom()].join(","));
    if (state.selected) p.set("inc", state.selected);
    if (READ_TOKEN) p.set("token", READ_TOKEN);
    return "#" + p.toString();
  }
  let restoring = false;
  function saveState(push) {
    if (restoring) return;
    const h = stateHash();
    if (h === location.hash) return;
    if (push) history.pushState(null, "", h);
    else history.replaceState(null, "", h);
  }
  // Read the fragment into the form, period, view and selection; true when it set a map view.
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    for (const id of FILTERS) $("f-" + id).value = p.get(id) || "";
    $("f-view").checked = p.get("view") === "1";
    const brush = (p.get("brush") || "").split(",");
    state.brush = brush.length === 2 && /^\d{4}-\d\d-\d\d$/.test(brush[0]) && /^\d{4}-\d\d-\d\d$/.test(brush[1]) ? brush : null;
    state.selected = p.get("inc") || null;
    const m = (p.get("map") || "").split(",").map(Number);
    if (m.length === 3 && m.every(Number.isFinite)) {
      quiet = true;
      try { map.setView([m[0], m[1]], m[2], { animate: false }); } finally { quiet = false; }
      return true;
    }
    return false;
  }
  window.addEventListener("popstate", () => {
    restoring = true;
    try {
      const hadView = readHash();
      state.fitted = hadView || state.fitted;
      reload();
      if (state.selected) openIncident(state.selected, false);
      else closePanel(false);
    } finally {
      restoring = false;
    }
  });

  // ---- loading ----------------------------------------------------------------------------
  async function reload() {
    const gen = ++state.generation;
    setStatus("loading…");
    updateDownloads();
    try {
      const tasks = [loadList(gen, true), loadOverview(gen)];
      if (state.brush) tasks.push(loadDaily(gen)); // the chart keeps the whole period as context
      if (state.fitted) tasks.push(loadMap(gen));
      await Promise.all(tasks);
      if (gen === state.generation) setStatus(statusText());
    } catch (e) {
      if (gen === state.generation) setStatus("error: " + e.message);
    }
  }
  function statusText() {
    const t = state.totals;
    return t ? num(t.incidents) + " incident" + (t.incidents === 1 ? "" : "s") + " selected" : "";
  }

  async function loadList(gen, fresh) {
    if (fresh) {
      state.incidents = [];
      state.listCursor = null;
      state.listPhase = "dated";
    }
    let want = PAGE;
    while (want > 0 && state.listPhase !== "done") {
      const p = selection();
      p.set("dated", state.listPhase === "dated" ? "true" : "false");
      p.set("limit", String(Math.min(1000, want)));
      if (state.listCursor) p.set("cursor", state.listCursor);
      const page = await getJSON("/api/incidents?" + p.toString());
      if (gen !== state.generation) return;
      for (const inc of page.incidents || []) state.incidents.push(Object.assign({ dated: state.listPhase === "dated" }, inc.summary || inc));
      want -= (page.incidents || []).length;
      state.listCursor = page.next_cursor;
      if (!state.listCursor) {
        state.listPhase = state.listPhase === "dated" ? "undated" : "done";
      }
      if (state.listCursor) break; // a full page: the rest waits for "Load more"
    }
    renderList();
  }

  // One pass on the server: totals, region table, areas, the first view's bounds and (with
  // no period brushed) the chart.
  async function loadOverview(gen) {
    const body = await getJSON("/api/stats/overview?" + selection().toString());
    if (gen !== state.generation) return;
    let markers = null;
    if (!state.fitted) { // fit the first view and ask for its markers before drawing anything
      state.fitted = true;
      if (body.bounds) {
        const [s, w, n, e] = body.bounds;
        quiet = true; // this move needs no reload of its own
        try { map.fitBounds([[s, w], [n, e]], { padding: [30, 30], maxZoom: 9, animate: false }); } finally { quiet = false; }
        saveState(false);
      }
      markers = loadMap(gen);
    }
    state.totals = body.totals;
    renderTotals();
    updateMore();
    renderRegions(body.regions || []);
    renderAreas(body);
    if (!state.brush) {
      state.daily = body;
      renderTimeline();
    }
    if (markers) await markers;
  }

  async function loadDaily(gen) {
    const body = await getJSON("/api/stats/daily?" + selection(false).toString());
    if (gen !== state.generation) return;
    state.daily = body;
    renderTimeline();
  }

  // The map's markers follow the view (the areas come with the selection's overview).
  let mapGen = 0;
  let quiet = false;
  async function loadMap(gen) {
    const mine = ++mapGen;
    const p = selection();
    p.set("zoom", String(map.getZoom()));
    p.set("view", viewBox());
    p.set("parts", "markers");
    const body = await getJSON("/api/stats/map?" + p.toString());
    if (mine !== mapGen || (gen !== undefined && gen !== state.generation)) return;
    state.mapData = body;
    renderMap(body);
  }
  const reloadMap = debounce(() => loadMap().catch((e) => setStatus("error: " + e.message)), 60);

  // ---- render: map ----------------------------------------------------------------------
  function renderMap(body) {
    clusterLayer.clearLayers();
    cellLayer.clearLayers();
    state.markers.clear();
    const markers = [];
    for (const [id, lat, lon, type, precision] of body.points || []) {
      const m = L.circleMarker([lat, lon], {
        radius: precision === 2 ? 8 : 6,
        color: "#1d2430",
        weight: 1,
        fillColor: TYPE_COLOURS[type] || "#333",
        fillOpacity: 0.85,
        className: "incident-marker t-" + type,
      });
      m.bindTooltip(label(type) + (precision === 2 ? " (district or nearby)" : ""));
      m.on("click", () => openIncident(id, true));
      m.on("add", () => { const n = m.getElement && m.getElement(); if (n) n.setAttribute("data-id", id); });
      state.markers.set(id, m);
      markers.push(m);
    }
    clusterLayer.addLayers(markers);
    for (const [lat, lon, n, one] of body.cells || []) {
      const m = L.marker([lat, lon], { icon: clusterIcon(n), keyboard: true, title: n + " incidents — click to zoom in" });
      m.on("click", () => (one ? openIncident(one, true) : map.setView([lat, lon], Math.min(map.getZoom() + 2, 18))));
      m.addTo(cellLayer);
    }
    $("map").setAttribute("data-markers", String(state.markers.size));
    $("map").setAttribute("data-mode", body.cells ? "cells" : "points");
    drawHighlight();
  }

  function renderAreas(body) {
    const box = $("areas");
    clear(box);
    const areas = body.areas || [];
    if (!areas.length && !body.unlocated) { box.hidden = true; return; }
    box.hidden = false;
    const total = areas.reduce((s, a) => s + a.count, 0);
    const details = el("details", { open: window.innerWidth > 700 ? "" : null }, [
      el("summary", { text: num(total + (body.unlocated || 0)) + " not on the map as points" }),
      el("div", { class: "muted small", text: "Placed only to a region or country: filter to see them." }),
    ]);
    const ul = el("ul");
    for (const a of areas.slice(0, 12)) {
      const name = a.level === "region" ? (a.admin1 || a.admin1_code) + (a.country ? " (" + a.country + ")" : "") : (a.country || "?") + " — whole country";
      const b = el("button", { type: "button", class: "linkish", "data-admin1": a.admin1_code || a.admin1 || "", "data-country": a.country || "" }, [name + ": " + num(a.count)]);
      b.addEventListener("click", () => {
        if (a.level === "region") { $("f-admin1").value = a.admin1_code || a.admin1 || ""; $("f-country").value = ""; }
        else { $("f-country").value = a.country || ""; $("f-admin1").value = ""; }
        applyFilters();
      });
      ul.appendChild(el("li", {}, [b]));
    }
    if (areas.length > 12) ul.appendChild(el("li", { class: "muted", text: "… and " + (areas.length - 12) + " more areas" }));
    if (body.unlocated) ul.appendChild(el("li", { class: "muted", text: num(body.unlocated) + " with no place" }));
    details.appendChild(ul);
    box.appendChild(details);
  }

  function drawHighlight() {
    highlightLayer.clearLayers();
    for (const n of document.querySelectorAll("#map .incident-marker.selected")) n.classList.remove("selected");
    const s = state.selectedInfo;
    if (!s || typeof s.lat !== "number" || typeof s.lon !== "number") return;
    if (s.geo_precision === 3) return; // a region's centre is no place to point at
    const ring = L.circleMarker([s.lat, s.lon], { radius: 13, color: "#ffb000", weight: 4, fill: false, interactive: false, className: "selected-ring" });
    ring.addTo(highlightLayer);
    const m = state.markers.get(s.id);
    if (m && m.getElement && m.getElement()) m.getElement().classList.add("selected");
  }

  // ---- render: totals, regions, list --------------------------------------------------------
  function renderTotals() {
    const t = state.totals || {};
    const box = $("totals");
    clear(box);
    const cell = (n, what, key) => el("div", { class: "total", "data-total": key }, [el("strong", { text: num(n) }), el("span", { text: what })]);
    box.appendChild(cell(t.incidents, "incidents", "incidents"));
    box.appendChild(cell(t.intercepted, "intercepted", "intercepted"));
    box.appendChild(cell(t.count, "counted (all types)", "count"));
    box.appendChild(cell(t.killed, "killed", "killed"));
    box.appendChild(cell(t.injured, "injured", "injured"));
  }
  function updateDownloads() {
    const p = selection();
    $("dl-csv").href = withToken("/api/export?" + p.toString());
    p.set("format", "geojson");
    $("dl-geojson").href = withToken("/api/export?" + p.toString());
  }

  function renderRegions(rows) {
    const body = document.querySelector("#regions tbody");
    clear(body);
    const active = $("f-admin1").value.trim().toLowerCase();
    for (const r of rows.slice(0, 200)) {
      const key = r.admin1_code || r.admin1 || "";
      const name = r.admin1_code || r.admin1 ? (r.admin1 || r.admin1_code) : "no region" + (r.country ? " (" + r.country + ")" : "");
      const btn = el("button", { type: "button", class: "linkish", "data-admin1": key, "data-country": r.country || "" }, [name]);
      btn.addEventListener("click", () => {
        if (key) { $("f-admin1").value = key.toLowerCase() === active ? "" : key; }
        else { $("f-country").value = r.country || ""; $("f-admin1").value = ""; }
        applyFilters();
      });
      const selected = key && (key.toLowerCase() === active || (r.admin1 || "").toLowerCase() === active);
      body.appendChild(el("tr", { class: selected ? "selected" : "", "data-admin1": key }, [
        el("th", { scope: "row" }, [btn, r.country && key ? el("span", { class: "muted", text: " " + r.country }) : null]),
        el("td", { text: num(r.incidents) }),
        el("td", { text: num(r.intercepted) }),
        el("td", { text: num(r.killed) }),
        el("td", { text: num(r.injured) }),
      ]));
    }
    if (!rows.length) body.appendChild(el("tr", {}, [el("td", { colspan: 5, class: "muted", text: "No incidents match." })]));
    const rf = $("region-filter");
    clear(rf);
    if (active) {
      const b = el("button", { type: "button", class: "chip", id: "region-clear" }, ["region: " + $("f-admin1").value + " ×"]);
      b.addEventListener("click", (ev) => { ev.preventDefault(); $("f-admin1").value = ""; applyFilters(); });
      rf.appendChild(b);
    }
  }

  function listItem(inc) {
    const li = el("li", {
      "data-id": inc.id,
      class: inc.id === state.selected ? "selected" : "",
      tabindex: "-1",
      "aria-selected": inc.id === state.selected ? "true" : "false",
      role: "option",
    }, [
      el("span", { class: "dot t-" + inc.type, "aria-hidden": "true" }),
      el("strong", { text: label(inc.type) }),
      " ",
      el("span", { text: inc.place || inc.admin1 || "place unknown" }),
      inc.geo_precision === 3 ? el("span", { class: "badge", text: inc.admin1 ? "region-level" : "country-level" }) : null,
      el("span", { class: "badge g-" + (inc.grade || "none"), text: GRADES[inc.grade] || inc.grade || "ungraded" }),
      el("div", { class: "meta", text: [inc.date || "date unknown", inc.admin1, inc.count != null ? "count " + inc.count : null, inc.killed != null ? "killed " + inc.killed : null, inc.injured != null ? "injured " + inc.injured : null, (inc.n_sources || 0) + " source(s)"].filter(Boolean).join(" · ") }),
    ]);
    li.addEventListener("click", () => openIncident(inc.id, true));
    return li;
  }

  function renderList() {
    const list = $("list");
    const focusedId = document.activeElement && document.activeElement.closest && document.activeElement.closest("#list li") ? document.activeElement.getAttribute("data-id") : null;
    clear(list);
    let undatedHead = false;
    for (const inc of state.incidents) {
      if (!inc.dated && !undatedHead) {
        undatedHead = true;
        list.appendChild(el("li", { class: "group", role: "presentation", id: "undated-head" }));
      }
      list.appendChild(listItem(inc));
    }
    if (!state.incidents.length) list.appendChild(el("li", { class: "muted", role: "presentation", text: "No incidents match." }));
    const items = list.querySelectorAll("li[data-id]");
    let focusable = focusedId ? list.querySelector("li[data-id='" + CSS.escape(focusedId) + "']") : null;
    focusable = focusable || list.querySelector("li.selected") || items[0];
    if (focusable) focusable.tabIndex = 0;
    if (focusedId && focusable && focusable.getAttribute("data-id") === focusedId) focusable.focus();
    updateMore();
  }
  // The list's counts come from the selection's totals, which may arrive after the list.
  function listHeads() {
    const t = state.totals;
    $("list-count").textContent = "(" + num(state.incidents.length) + (t && t.incidents > state.incidents.length ? " of " + num(t.incidents) : "") + ")";
    const head = $("undated-head");
    if (head) head.textContent = "Undated" + (t ? " (" + num(t.undated) + ")" : "") + " — no time given in any report";
  }
  // "Load more" while the list has more to show (the undated half may be empty).
  function updateMore() {
    listHeads();
    const t = state.totals;
    const undated = state.incidents.filter((i) => !i.dated).length;
    $("list-more").hidden = state.listPhase === "done" || (state.listPhase === "undated" && !!t && undated >= t.undated);
  }
  $("list-more").addEventListener("click", () => loadList(state.generation, false).catch((e) => setStatus("error: " + e.message)));

  // Keyboard: arrows move through the list, Enter or Space opens, Escape closes the panel.
  $("list").addEventListener("keydown", (ev) => {
    const items = [...$("list").querySelectorAll("li[data-id]")];
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    let j = null;
    if (ev.key === "ArrowDown") j = Math.min(items.length - 1, i + 1);
    else if (ev.key === "ArrowUp") j = Math.max(0, i - 1);
    else if (ev.key === "Home") j = 0;
    else if (ev.key === "End") j = items.length - 1;
    else if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openIncident(items[i].getAttribute("data-id"), true); return; }
    if (j === null) return;
    ev.preventDefault();
    items[i].tabIndex = -1;
    items[j].tabIndex = 0;
    items[j].focus();
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !$("panel").hidden) closePanel(true);
  });

  // ---- chart: incidents per day, stacked by type; brush with mouse, pen or finger -----------
  const SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const n = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    return n;
  }
  let timelineScale = null;

  (function timelineLegend() {
    const box = $("timeline-legend");
    for (const t of TYPES) box.appendChild(el("span", { class: "key" }, [el("span", { class: "dot t-" + t }), " " + label(t)]));
  })();

  function renderTimeline() {
    const box = $("timeline");
    clear(box);
    const d = state.daily || { days: [], undated: 0 };
    const days = d.days;
    const width = box.clientWidth || 600, height = box.clientHeight || 100, pad = 16;
    $("undated-label").textContent = d.undated ? "+ " + num(d.undated) + " undated (not in the chart)" : "";
    if (!days.length) {
      timelineScale = null;
      const t = svg("text", { x: 10, y: 30, class: "axis" });
      t.textContent = d.undated ? "No incident has a known date." : "No incidents.";
      box.appendChild(t);
      $("brush-label").textContent = "";
      $("brush-clear").hidden = true;
      return;
    }
    const first = days[0].day, last = days[days.length - 1].day;
    const t0 = Date.parse(first + "T00:00:00Z") - DAY, t1 = Date.parse(last + "T00:00:00Z") + 2 * DAY;
    const x = (t) => pad + (t - t0) / (t1 - t0) * (width - 2 * pad);
    timelineScale = { t0, t1, pad, width, x, inv: (px) => t0 + (px - pad) / (width - 2 * pad) * (t1 - t0) };
    const max = Math.max(...days.map((r) => r.total));
    const bw = Math.max(1, (width - 2 * pad) / ((t1 - t0) / DAY) - (days.length > 200 ? 0 : 1));
    const frag = document.createDocumentFragment();
    for (const r of days) {
      const t = Date.parse(r.day + "T00:00:00Z");
      const inBrush = !state.brush || (r.day >= state.brush[0] && r.day <= state.brush[1]);
      const g = svg("g", { class: "bar" + (inBrush ? "" : " out"), "data-day": r.day, "data-total": r.total });
      let y = height - pad;
      for (const type of TYPES) {
        const n = r.by_type[type] || 0;
        if (!n) continue;
        const h = (n / max) * (height - 2 * pad);
        g.appendChild(svg("rect", { x: x(t), y: y - h, width: bw, height: Math.max(0.5, h), fill: TYPE_COLOURS[type] }));
        y -= h;
      }
      const tip = svg("title");
      tip.textContent = r.day + ": " + r.total + " — " + TYPES.filter((k) => r.by_type[k]).map((k) => label(k) + " " + r.by_type[k]).join(", ");
      g.appendChild(tip);
      frag.appendChild(g);
    }
    box.appendChild(frag);
    for (const t of [t0 + DAY, t1 - 2 * DAY]) {
      const txt = svg("text", { x: x(t), y: height - 3, class: "axis", "text-anchor": t === t0 + DAY ? "start" : "end" });
      txt.textContent = new Date(t).toISOString().slice(0, 10);
      box.appendChild(txt);
    }
    const ytxt = svg("text", { x: 2, y: 10, class: "axis" });
    ytxt.textContent = "max " + max + "/day";
    box.appendChild(ytxt);
    if (state.brush) {
      const a = Date.parse(state.brush[0] + "T00:00:00Z"), b = Date.parse(state.brush[1] + "T00:00:00Z") + DAY;
      box.appendChild(svg("rect", { x: x(a), y: 0, width: Math.max(2, x(b) - x(a)), height: height - pad, class: "brush" }));
    }
    $("brush-label").textContent = state.brush ? "Period " + state.brush[0] + " to " + state.brush[1] + "." : "";
    $("brush-clear").hidden = !state.brush;
  }

  function setBrush(range) {
    state.brush = range;
    saveState(true);
    reload();
  }
  window.skylogBrush = setBrush; // lets tests brush without a pointer
  window.skylogMap = map;
  $("brush-clear").addEventListener("click", () => setBrush(null));

  (function brushing() {
    const box = $("timeline");
    let startX = null, live = null;
    function toDay(px) { return new Date(timelineScale.inv(px)).toISOString().slice(0, 10); }
    function localX(ev) { return Math.max(0, Math.min(box.clientWidth, ev.clientX - box.getBoundingClientRect().left)); }
    box.addEventListener("pointerdown", (ev) => {
      if (!timelineScale || ev.button > 0) return;
      startX = localX(ev);
      box.setPointerCapture(ev.pointerId);
      live = svg("rect", { x: startX, y: 0, width: 1, height: box.clientHeight - timelineScale.pad, class: "brush live" });
      box.appendChild(live);
      ev.preventDefault();
    });
    box.addEventListener("pointermove", (ev) => {
      if (startX === null || !live) return;
      const x = localX(ev);
      live.setAttribute("x", String(Math.min(startX, x)));
      live.setAttribute("width", String(Math.max(1, Math.abs(x - startX))));
    });
    function end(ev) {
      if (startX === null || !timelineScale) return;
      const endX = localX(ev);
      const [a, b] = [Math.min(startX, endX), Math.max(startX, endX)];
      startX = null;
      if (live) { live.remove(); live = null; }
      if (b - a < 3) return; // a tap or click, not a drag
      setBrush([toDay(a), toDay(b)]);
    }
    box.addEventListener("pointerup", end);
    box.addEventListener("pointercancel", () => { startX = null; if (live) { live.remove(); live = null; } });
    box.addEventListener("dblclick", () => setBrush(null));
  })();

  // ---- incident panel -------------------------------------------------------------------
  async function openIncident(id, push) {
    state.selected = id;
    for (const li of $("list").querySelectorAll("li[data-id]")) {
      const on = li.getAttribute("data-id") === id;
      li.classList.toggle("selected", on);
      li.setAttribute("aria-selected", on ? "true" : "false");
    }
    saveState(push);
    const panel = $("panel"), body = $("panel-body");
    panel.hidden = false;
    document.body.classList.add("panel-open");
    clear(body);
    body.appendChild(el("p", { class: "muted", text: "loading…" }));
    try {
      const inc = await getJSON("/api/incidents/" + encodeURIComponent(id));
      if (state.selected !== id) return;
      clear(body);
      renderPanel(body, inc);
      state.selectedInfo = Object.assign({ id: id }, inc.summary || {});
      drawHighlight();
      const s = state.selectedInfo;
      if (typeof s.lat === "number" && s.geo_precision !== 3 && !map.getBounds().contains([s.lat, s.lon])) map.panTo([s.lat, s.lon], { animate: false });
      $("panel-close").focus({ preventScroll: true });
    } catch (e) {
      clear(body);
      body.appendChild(el("p", { class: "muted", text: "Could not load incident: " + e.message }));
    }
  }
  function closePanel(push) {
    const was = state.selected;
    $("panel").hidden = true;
    document.body.classList.remove("panel-open");
    state.selected = null;
    state.selectedInfo = null;
    drawHighlight();
    for (const li of $("list").querySelectorAll("li.selected")) li.classList.remove("selected");
    if (push) saveState(true);
    const li = was ? $("list").querySelector("li[data-id='" + CSS.escape(was) + "']") : null;
    if (li) { li.tabIndex = 0; li.focus({ preventScroll: true }); }
  }
  $("panel-close").addEventListener("click", () => closePanel(true));

  // Why these reports were joined: each member's link evidence (when the linker gives it).
  function linkSection(inc) {
    const members = (inc.members || []).filter((m) => m && typeof m === "object");
    const related = (inc.related || []).filter((r) => r && r.id);
    if (!members.length && !related.length) return null;
    const box = el("section", { class: "why", id: "why-linked" }, [el("h4", { text: "Why linked: " + members.length + " report mention" + (members.length === 1 ? "" : "s") + " joined" })]);
    const ol = el("ol", { class: "members" });
    for (const m of members) {
      const ev = m.evidence && typeof m.evidence === "object" ? m.evidence : null;
      const score = ev && ev.score != null ? ev.score : m.score;
      const parts = [];
      if (ev) {
        for (const k of ["time", "place", "text_similarity"]) {
          if (ev[k] !== null && ev[k] !== undefined) parts.push(label(k) + " " + (typeof ev[k] === "number" ? ev[k].toFixed(2) : fmtValue(ev[k])));
        }
      }
      const li = el("li", { "data-mention": m.mention_id != null ? m.mention_id : "" }, [
        el("strong", { text: m.source || "unknown source" }),
        " · " + (m.published_at ? String(m.published_at).slice(0, 16).replace("T", " ") : "date unknown"),
        m.type ? " · " + label(m.type) : "",
        score !== null && score !== undefined ? el("span", { class: "badge", text: "link score " + Number(score).toFixed(2) }) : el("span", { class: "badge", text: "first report" }),
        parts.length ? el("div", { class: "meta", text: parts.join(" · ") }) : null,
        ev && Array.isArray(ev.reasons) && ev.reasons.length ? el("ul", { class: "reasons" }, ev.reasons.map((r) => el("li", { text: fmtValue(r) }))) : null,
        ev && ev.created_by ? el("div", { class: "meta", text: "linked by " + fmtValue(ev.created_by) }) : null,
      ]);
      ol.appendChild(li);
    }
    box.appendChild(ol);
    if (related.length) {
      box.appendChild(el("div", { class: "meta", text: "Related incidents:" }));
      const ul = el("ul", { class: "related" });
      for (const r of related) {
        const b = el("button", { type: "button", class: "linkish", "data-related": r.id }, [label(r.relation || "related") + ": " + r.id]);
        b.addEventListener("click", () => openIncident(String(r.id), true));
        ul.appendChild(el("li", {}, [b]));
      }
      box.appendChild(ul);
    }
    return box;
  }

  function claimCard(c, conflict) {
    const who = [c.claimant || c.source || "?", c.source && c.claimant && c.source !== c.claimant ? "via " + c.source : null].filter(Boolean).join(" ");
    return el("span", { class: "claim h-" + (c.hedge || "asserted") + (conflict ? " conflict" : ""), title: c.evidence || "" }, [
      el("strong", { text: (c.qualifier ? c.qualifier + " " : "") + fmtValue(c.value) }),
      " ",
      el("span", { class: "who", text: "— " + who + (c.hedge && c.hedge !== "asserted" ? " (" + c.hedge + ")" : "") }),
    ]);
  }

  function renderPanel(body, inc) {
    const s = inc.summary || {};
    body.appendChild(el("h3", { text: label(inc.type) + " — " + (s.place || s.admin1 || "place unknown") }));
    body.appendChild(el("div", {}, [
      el("span", { text: s.date || "date unknown" }),
      el("span", { class: "badge g-" + (inc.grade || "none"), id: "panel-grade", text: GRADES[inc.grade] || inc.grade_label || inc.grade || "ungraded" }),
      inc.grade_reason ? el("div", { class: "muted", text: inc.grade_reason }) : null,
    ]));
    // Who says so (claimant, with role) and who published it (carrier).
    if (inc.claimant || inc.carrier) {
      const who = inc.claimant ? inc.claimant + (inc.claimant_role ? " (" + inc.claimant_role + ")" : "") : "not named";
      body.appendChild(el("div", { class: "provenance", id: "panel-provenance" }, [
        el("span", { text: "according to: " + who }),
        inc.carrier ? el("span", { class: "muted", text: " · published by " + inc.carrier }) : null,
      ]));
    }

    const why = linkSection(inc);

    // Resolved fields with every claim side by side.
    body.appendChild(el("h4", { text: "Resolved fields and claims" }));
    const table = el("table", { class: "fields" });
    table.appendChild(el("tr", {}, [el("th", { text: "field" }), el("th", { text: "resolved" }), el("th", { text: "claims" })]));
    const fields = inc.fields || {};
    const order = ["time", "places", "count", "launched", "killed", "injured", "damage", "perpetrator", "target", "weapon"];
    for (const name of order.concat(Object.keys(fields).filter((k) => !order.includes(k)))) {
      const f = fields[name];
      if (!f) continue;
      let resolved = f.value;
      if (name === "weapon" && f.values) resolved = f.value;
      if ((name === "killed" || name === "injured" || name === "count") && f.low !== undefined && f.low !== f.high) {
        resolved = fmtValue(f.value) + " (range " + f.low + "–" + f.high + ")";
      }
      let claims = f.claims || [];
      if (typeof resolved === "string" && /^[{[]/.test(resolved)) {
        // a structured value that came back as text: show the structured claim it came from
        const structured = claims.find((c) => c.value && typeof c.value === "object");
        if (structured) resolved = structured.value;
      }
      if (name === "places") claims = (f.places || []).flatMap((p) => (p.claims || []).map((c) => Object.assign({}, c, { value: p.name || c.value })));
      const cell = el("div", { class: "claims" }, claims.map((c) => claimCard(c, !!f.conflict)));
      const row = el("tr", { "data-field": name, class: f.conflict ? "conflict" : "" }, [
        el("th", { text: name + (f.conflict ? " ⚠" : "") }),
        el("td", { text: fmtValue(resolved) }),
        el("td", {}, [claims.length ? cell : el("span", { class: "muted", text: "—" })]),
      ]);
      table.appendChild(row);
    }
    body.appendChild(table);

    if (why) body.appendChild(why);

    // Each source's text with the evidence spans highlighted.
    body.appendChild(el("h4", { text: "Sources and evidence" }));
    body.appendChild(el("div", { class: "legend", text: "Highlighted: the words each claim rests on (hover for field and claimant)." }));
    for (const r of inc.reports || []) body.appendChild(reportBlock(r));
  }

  function reportBlock(r) {
    const head = el("div", { class: "rhead" }, [
      el("strong", { text: r.source || "unknown source" }),
      " (" + (r.source_kind || "unknown") + ") · " + (r.published_at || "date unknown"),
      r.title ? el("div", { text: r.title }) : null,
      sourceLine(r),
    ]);
    const text = el("div", { class: "text", "data-report": r.id });
    appendHighlighted(text, r.text || "", r.highlights || []);
    if (r.truncated) text.appendChild(el("div", { class: "muted", text: "[text cut for display]" }));
    return el("div", { class: "report", "data-report": r.id }, [head, text]);
  }

  // The followed source a report came from (kind, office) and a link to the original post;
  // only http(s) URLs become links, opened without handing this page to the other site.
  function sourceLine(r) {
    const reg = r.registered_source;
    const who = reg ? [reg.name, reg.kind, reg.official_of].filter(Boolean).join(" · ") : null;
    let link = null;
    if (r.url) {
      let ok = false;
      try { ok = ["http:", "https:"].includes(new URL(r.url).protocol); } catch (e) { ok = false; }
      link = ok ? el("a", { href: r.url, target: "_blank", rel: "noopener noreferrer", text: "original post" }) : el("span", { text: r.url });
    }
    if (!who && !link) return null;
    return el("div", { class: "muted source-line" }, [who ? "via " + who : null, who && link ? " · " : null, link, link && r.url ? " " + r.url : null]);
  }

  // Split text at every span boundary; a piece covered by spans becomes a <mark> (text only).
  function appendHighlighted(node, text, spans) {
    const cuts = new Set([0, text.length]);
    const good = spans.filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.end <= text.length && h.start < h.end);
    for (const h of good) { cuts.add(h.start); cuts.add(h.end); }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const cover = good.filter((h) => h.start <= a && h.end >= b);
      if (!cover.length) { node.appendChild(document.createTextNode(piece)); continue; }
      const main = cover.find((h) => h.field !== "event") || cover[0];
      const m = el("mark", {
        class: "f-" + main.field,
        "data-start": a, "data-end": b,
        "data-fields": [...new Set(cover.map((h) => h.field))].join(" "),
        title: cover.map((h) => h.field + ": " + fmtValue(h.value) + (h.claimant ? " — " + h.claimant : "") + (h.hedge && h.hedge !== "asserted" ? " (" + h.hedge + ")" : "")).join("\n"),
      }, [piece]);
      node.appendChild(m);
    }
  }


  // ---- wiring ---------------------------------------------------------------------------
  function applyFilters() {
    state.brush = null;
    saveState(true);
    reload();
  }
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
  $("f-clear").addEventListener("click", () => {
    for (const id of FILTERS) $("f-" + id).value = "";
    $("f-view").checked = false;
    applyFilters();
  });
  $("f-view").addEventListener("change", () => { saveState(true); reload(); });
  map.on("moveend", () => {
    saveState(false);
    if (quiet) return;
    if ($("f-view").checked) debouncedReload();
    else reloadMap();
  });
  const debouncedReload = debounce(reload, 200);
  window.addEventListener("resize", debounce(renderTimeline, 100));

  async function poll() {
    try {
      const st = await getJSON("/api/status");
      if (state.version !== null && st.version !== state.version) await reload();
      state.version = st.version;
    } catch (e) { /* server away: try again later */ }
    setTimeout(poll, POLL_MS);
  }

  if (window.matchMedia("(min-width: 701px)").matches) $("filters-box").open = true;
  const hadView = readHash();
  state.fitted = hadView;
  loadBaseLayers();
  const first = reload();
  if (state.selected) openIncident(state.selected, false);
  first.then(() => { document.body.setAttribute("data-ready", "1"); });
  poll();
})();
