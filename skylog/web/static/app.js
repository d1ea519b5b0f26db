// skylog web page: map, timeline, incident list and evidence panel.
//
// Report text is hostile data. This file never uses innerHTML, outerHTML,
// insertAdjacentHTML or document.write: every value reaches the page through
// textContent / createTextNode, and the server's Content-Security-Policy
// forbids inline script and any other origin.
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
    air_strike: "#d35400", shelling: "#6d4c41", debris_fall: "#607d8b",
  };
  // The most incidents the page holds; past that the timeline's counts come from the server.
  const MAX_INCIDENTS = Number(new URLSearchParams(location.search).get("max")) || 5000;
  const POLL_MS = 5000;
  const DAY = 86400000;

  const state = {
    incidents: [],   // summaries from /api/incidents
    truncated: false, // more incidents match than the page loaded
    serverDays: null, // Map day -> count from /api/timeline (when truncated)
    serverBrush: false, // the brushed period is applied by the server
    brush: null,     // [startDay, endDay] (ISO yyyy-mm-dd), from the timeline
    selected: null,  // incident id
    version: null,   // /api/status version, to refresh without reload
    markers: new Map(),
    loading: false,
  };
  window.skylog = state; // for tests and the curious

  // ---- small DOM helpers (text only) ----------------------------------------------------
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined) continue;
        if (k === "class") node.className = String(v);
        else if (k === "text") node.textContent = String(v);
        else if (k === "title") node.title = String(v);
        else if (k.startsWith("data-")) node.setAttribute(k, String(v));
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

  // ---- map ------------------------------------------------------------------------------
  const map = L.map("map", { worldCopyJump: true, preferCanvas: false, attributionControl: true }).setView([49, 33], 5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
  const pointLayer = L.layerGroup().addTo(map);
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    const box = el("div", { class: "map-legend" }, [el("div", { text: "circle size: larger = vaguer place (precision 1–3)" })]);
    for (const t of TYPES) {
      const dot = el("span", { class: "dot t-" + t });
      box.appendChild(el("div", {}, [dot, " " + label(t)]));
    }
    return box;
  };
  legend.addTo(map);

  async function loadBaseLayer() {
    try {
      const topo = await getJSON("/static/countries-50m.json");
      const countries = topojson.feature(topo, topo.objects.countries);
      for (const f of countries.features) unwrapGeometry(f.geometry);
      L.geoJSON(countries, { style: () => ({ className: "country", color: "#9aa6b2", weight: 0.6, fillColor: "#fbfbf8", fillOpacity: 1 }), interactive: false }).addTo(map);
      pointLayer.eachLayer((m) => m.bringToFront && m.bringToFront());
    } catch (e) {
      setStatus("base layer unavailable: " + e.message);
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

  function radiusFor(precision) {
    // ACLED geo_precision: 1 point/settlement, 2 near/district, 3 region. Vaguer = larger circle.
    return { 1: 6, 2: 10, 3: 15 }[precision] || 12;
  }

  // ---- filters --------------------------------------------------------------------------
  function fillSelect(select, values, labels) {
    for (const v of values) select.appendChild(el("option", { value: v, text: labels ? labels[v] : label(v) }));
  }
  fillSelect($("f-type"), TYPES);
  fillSelect($("f-grade"), Object.keys(GRADES), GRADES);

  function queryString(withBrush) {
    const p = new URLSearchParams();
    for (const id of ["start", "end", "type", "grade", "admin1", "q"]) {
      const v = $("f-" + id).value.trim();
      if (v) p.set(id, v);
    }
    if (withBrush && state.brush && state.serverBrush) {
      // more incidents than the page holds: the brushed period is fetched from the server
      const a = p.get("start"), b = p.get("end");
      p.set("start", a && a > state.brush[0] ? a : state.brush[0]);
      p.set("end", b && b < state.brush[1] ? b : state.brush[1]);
    }
    return p;
  }

  async function loadServerDays() {
    const p = queryString(false);
    p.delete("q");
    try {
      const body = await getJSON("/api/timeline?" + p.toString());
      state.serverDays = new Map(body.days.map((d) => [d.day, d.count]));
    } catch (e) {
      state.serverDays = null;
    }
  }

  async function loadIncidents() {
    if (state.loading) return;
    state.loading = true;
    setStatus("loading…");
    try {
      const items = [];
      let cursor = null;
      do {
        const p = queryString(true);
        p.set("limit", String(Math.min(1000, MAX_INCIDENTS - items.length)));
        if (cursor) p.set("cursor", cursor);
        const page = await getJSON("/api/incidents?" + p.toString());
        for (const inc of page.incidents || []) items.push(inc.summary || inc);
        cursor = page.next_cursor;
      } while (cursor && items.length < MAX_INCIDENTS);
      state.incidents = items;
      if (!state.serverBrush) state.truncated = !!cursor;
      if (state.truncated && !state.serverBrush) await loadServerDays();
      render();
      setStatus(items.length + " incident" + (items.length === 1 ? "" : "s") + (cursor ? " (first " + MAX_INCIDENTS + ")" : ""));
    } catch (e) {
      setStatus("error: " + e.message);
    } finally {
      state.loading = false;
    }
  }

  // Brushed period and (optionally) the map view narrow the loaded incidents on the client.
  function inPeriod(i) {
    if (!state.brush) return true;
    return i.date && i.date >= state.brush[0] && i.date <= state.brush[1];
  }
  function visible() {
    const inView = $("f-view").checked ? map.getBounds() : null;
    return state.incidents.filter(
      (i) => inPeriod(i) && (!inView || (typeof i.lat === "number" && inView.contains([i.lat, i.lon])))
    );
  }

  // ---- render: map, list, timeline ------------------------------------------------------
  function render() {
    renderMap(state.incidents.filter(inPeriod)); // the map view filter applies to the list only
    renderList(visible());
    renderTimeline();
  }

  function renderMap(shown) {
    pointLayer.clearLayers();
    state.markers.clear();
    const pts = [];
    for (const inc of shown) {
      if (typeof inc.lat !== "number" || typeof inc.lon !== "number") continue;
      const m = L.circleMarker([inc.lat, inc.lon], {
        radius: radiusFor(inc.geo_precision),
        color: TYPE_COLOURS[inc.type] || "#333",
        weight: inc.id === state.selected ? 3 : 1.5,
        fillOpacity: inc.geo_precision === 3 ? 0.2 : 0.45,
        className: "incident-marker",
      });
      m.bindTooltip(label(inc.type) + " · " + (inc.place || "?") + " · " + (inc.date || "date unknown"));
      m.on("click", () => select(inc.id));
      m.addTo(pointLayer);
      if (m.getElement && m.getElement()) m.getElement().setAttribute("data-id", String(inc.id));
      state.markers.set(inc.id, m);
      pts.push([inc.lat, inc.lon]);
    }
    $("map").setAttribute("data-markers", String(state.markers.size));
    if (pts.length && !state.fitted) {
      map.fitBounds(L.latLngBounds(pts).pad(0.5), { maxZoom: 6, animate: false });
      state.fitted = true;
    }
  }

  function renderList(shown) {
    const list = $("list");
    clear(list);
    $("list-count").textContent = "(" + shown.length + ")";
    for (const inc of shown.slice(0, 1000)) {
      const li = el("li", { "data-id": inc.id, class: inc.id === state.selected ? "selected" : "" }, [
        el("strong", { text: label(inc.type) }),
        " ",
        el("span", { text: inc.place || inc.admin1 || "place unknown" }),
        el("span", { class: "badge g-" + (inc.grade || "none"), text: GRADES[inc.grade] || inc.grade || "ungraded" }),
        el("div", { class: "meta", text: [inc.date || "date unknown", inc.admin1, inc.count != null ? "count " + inc.count : null, inc.killed != null ? "killed " + inc.killed : null, (inc.n_sources || 0) + " source(s)"].filter(Boolean).join(" · ") }),
      ]);
      li.addEventListener("click", () => select(inc.id));
      list.appendChild(li);
    }
    if (!shown.length) list.appendChild(el("li", { class: "muted", text: "No incidents match." }));
  }

  // Timeline: incidents per day over the loaded set; drag to brush, double-click to clear.
  const SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const n = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    return n;
  }
  let timelineScale = null;

  function dayCounts() {
    if (state.truncated && state.serverDays && !$("f-q").value.trim()) return state.serverDays;
    const counts = new Map();
    for (const inc of state.incidents) if (inc.date) counts.set(inc.date, (counts.get(inc.date) || 0) + 1);
    return counts;
  }

  function renderTimeline() {
    const box = $("timeline");
    clear(box);
    const counts = dayCounts();
    const days = [...counts.keys()].sort();
    const width = box.clientWidth || 600, height = box.clientHeight || 100, pad = 14;
    if (!days.length) {
      timelineScale = null;
      const t = svg("text", { x: 10, y: 30, class: "axis" });
      t.textContent = state.incidents.length ? "No incident has a known date yet." : "No incidents.";
      box.appendChild(t);
      $("brush-label").textContent = "";
      return;
    }
    const t0 = Date.parse(days[0] + "T00:00:00Z") - DAY, t1 = Date.parse(days[days.length - 1] + "T00:00:00Z") + 2 * DAY;
    const x = (t) => pad + (t - t0) / (t1 - t0) * (width - 2 * pad);
    timelineScale = { t0, t1, pad, width, x, inv: (px) => t0 + (px - pad) / (width - 2 * pad) * (t1 - t0) };
    const max = Math.max(...counts.values());
    const bw = Math.max(1, (width - 2 * pad) / ((t1 - t0) / DAY) - 1);
    for (const d of days) {
      const t = Date.parse(d + "T00:00:00Z");
      const h = (counts.get(d) / max) * (height - 2 * pad);
      const inBrush = !state.brush || (d >= state.brush[0] && d <= state.brush[1]);
      const r = svg("rect", { x: x(t), y: height - pad - h, width: bw, height: Math.max(1, h), class: "bar" + (inBrush ? "" : " out"), "data-day": d });
      const tip = svg("title");
      tip.textContent = d + ": " + counts.get(d);
      r.appendChild(tip);
      box.appendChild(r);
    }
    for (const t of [t0 + DAY, t1 - 2 * DAY]) {
      const txt = svg("text", { x: x(t), y: height - 2, class: "axis" });
      txt.textContent = new Date(t).toISOString().slice(0, 10);
      box.appendChild(txt);
    }
    if (state.brush) {
      const a = Date.parse(state.brush[0] + "T00:00:00Z"), b = Date.parse(state.brush[1] + "T00:00:00Z") + DAY;
      box.appendChild(svg("rect", { x: x(a), y: 0, width: Math.max(1, x(b) - x(a)), height: height - pad, class: "brush" }));
    }
    $("brush-label").textContent = state.brush ? "Showing " + state.brush[0] + " to " + state.brush[1] + "." : "";
  }

  function setBrush(range) {
    state.brush = range;
    if (state.truncated) {
      state.serverBrush = !!range;
      loadIncidents();
    } else {
      render();
    }
  }
  window.skylogBrush = setBrush; // lets tests brush without a mouse
  window.skylogMap = map;

  (function brushing() {
    const box = $("timeline");
    let startX = null;
    function toDay(px) { return new Date(timelineScale.inv(px)).toISOString().slice(0, 10); }
    function localX(ev) { return ev.clientX - box.getBoundingClientRect().left; }
    box.addEventListener("mousedown", (ev) => { if (timelineScale) { startX = localX(ev); ev.preventDefault(); } });
    window.addEventListener("mouseup", (ev) => {
      if (startX === null || !timelineScale) return;
      const endX = localX(ev);
      const [a, b] = [Math.min(startX, endX), Math.max(startX, endX)];
      startX = null;
      if (b - a < 3) return; // a click, not a drag
      setBrush([toDay(a), toDay(b)]);
    });
    box.addEventListener("dblclick", () => setBrush(null));
  })();

  // ---- incident panel -------------------------------------------------------------------
  async function select(id) {
    state.selected = id;
    for (const li of $("list").children) li.classList.toggle("selected", li.getAttribute("data-id") === id);
    const panel = $("panel"), body = $("panel-body");
    panel.hidden = false;
    clear(body);
    body.appendChild(el("p", { class: "muted", text: "loading…" }));
    try {
      const inc = await getJSON("/api/incidents/" + encodeURIComponent(id));
      if (state.selected !== id) return;
      clear(body);
      renderPanel(body, inc);
      const m = state.markers.get(id);
      if (m) map.panTo(m.getLatLng());
    } catch (e) {
      clear(body);
      body.appendChild(el("p", { class: "muted", text: "Could not load incident: " + e.message }));
    }
  }
  $("panel-close").addEventListener("click", () => { $("panel").hidden = true; state.selected = null; });

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
  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.fitted = false;
    state.brush = null;
    state.serverBrush = false;
    loadIncidents();
  });
  $("f-clear").addEventListener("click", () => {
    for (const id of ["start", "end", "type", "grade", "admin1", "q"]) $("f-" + id).value = "";
    $("f-view").checked = false;
    state.brush = null;
    state.serverBrush = false;
    state.fitted = false;
    loadIncidents();
  });

  async function poll() {
    try {
      const st = await getJSON("/api/status");
      if (state.version !== null && st.version !== state.version) await loadIncidents();
      state.version = st.version;
    } catch (e) { /* server away: try again later */ }
    setTimeout(poll, POLL_MS);
  }

  $("f-view").addEventListener("change", () => renderList(visible()));
  map.on("moveend", () => { if ($("f-view").checked) renderList(visible()); });
  window.addEventListener("resize", () => renderTimeline());
  loadBaseLayer();
  loadIncidents().then(() => { document.body.setAttribute("data-ready", "1"); });
  poll();
})();
