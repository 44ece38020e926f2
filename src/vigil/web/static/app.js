// Vigil's web UI: hash routes (#/map, #/findings, #/vessel/MMSI, #/entity/ID, #/screen,
// #/report), filters shared by the map and the list, reviews sent with the analyst's token.
// Every list is paged and filtered on the server, so the UI stays fast with 100k findings.
"use strict";

const $ = (sel) => document.querySelector(sel);
const PAGE = 50;
const state = { offset: 0, total: 0 };
const esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function headers(write) {
  const h = { "Content-Type": "application/json" };
  const token = $("#token").value.trim();
  if (token) h.Authorization = `Bearer ${token}`;
  else if (write) h.Authorization = "";
  return h;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: headers(options.method && options.method !== "GET") });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = Array.isArray(body.detail) ? body.detail.map((d) => d.msg).join("; ") : body.detail;
    throw new Error(`${response.status}: ${detail || response.statusText}`);
  }
  return body;
}

function say(text) { $("#message").textContent = text || ""; }

function filterParams(withView) {
  const p = new URLSearchParams();
  const kind = $("#kind-filter").value, status = $("#status-filter").value;
  if (kind) p.set("kind", kind);
  if (status) p.set("status", status);
  if ($("#since-filter").value) p.set("since", `${$("#since-filter").value}T00:00:00Z`);
  if ($("#until-filter").value) p.set("until", `${$("#until-filter").value}T23:59:59Z`);
  if (withView || $("#view-filter").checked) p.set("bbox", map.bbox().join(","));
  return p;
}

const statusBadge = (s) => `<span class="status status-${esc(s)}">${esc(s)}</span>`;
const vesselLinks = (subjects) => subjects.filter((s) => s.mmsi)
  .map((s) => `<a class="vessel-link" href="#/vessel/${s.mmsi}">${esc(s.name || s.mmsi)}</a>`).join(", ");
const reviewButtons = (id) => ["confirmed", "needs-info", "dismissed"].map((s) =>
  `<button class="btn-${s === "confirmed" ? "confirm" : s === "dismissed" ? "dismiss" : "needs-info"}" data-id="${esc(id)}" data-status="${s}">${s}</button>`).join("");

let findingsRequest = 0;

async function loadFindings() {
  const ticket = ++findingsRequest;
  const p = filterParams(false);
  p.set("offset", state.offset); p.set("limit", PAGE);
  try {
    const page = await api(`/findings?${p}`);
    if (ticket !== findingsRequest) return;  // a newer filter or page asked meanwhile: its answer wins
    state.total = page.total;
    $("#findings-table tbody").innerHTML = page.findings.map((f) => {
      const status = f.review ? f.review.status : "unreviewed";
      return `<tr data-id="${esc(f.id)}"><td>${esc(f.start.slice(0, 16))}</td><td>${esc(f.kind)}</td>
        <td>${esc(f.summary)}</td><td>${vesselLinks(f.subjects)}</td><td class="status-cell">${statusBadge(status)}</td>
        <td class="review">${reviewButtons(f.id)}</td></tr>`;
    }).join("");
    const last = Math.min(state.offset + PAGE, page.total);
    $("#page-info").textContent = `${page.total ? state.offset + 1 : 0}–${last} of ${page.total}`;
    $("#filter-count").textContent = `${page.total} findings`;
  } catch (err) { say(err.message); }
}

async function review(id, status) {
  const note = status === "confirmed" ? "" : prompt("Note (optional)") || "";
  try {
    const r = await api(`/findings/${encodeURIComponent(id)}/review`, { method: "PUT", body: JSON.stringify({ status, note }) });
    document.querySelectorAll(`tr[data-id="${CSS.escape(id)}"] .status-cell`).forEach((td) => { td.innerHTML = statusBadge(r.status); });
    say(`${id}: ${r.status} by ${r.reviewer}`);
  } catch (err) { say(err.message); }
}

document.addEventListener("click", (e) => {
  const b = e.target.closest(".review button, #map-detail .review button");
  if (b) review(b.dataset.id, b.dataset.status);
});

// The map draws single findings when at most map.pointsLimit are in view, else clusters
// counted on the server on a grid of about CLUSTER_PX screen pixels (stays fast with 100k).
const CLUSTER_PX = 40;
let mapRequest = 0;

async function loadMapFindings() {
  const ticket = ++mapRequest;
  const p = filterParams(true);
  p.set("cell_deg", (map.degPerPx * CLUSTER_PX).toFixed(6));
  try {
    const cl = await api(`/findings/clusters?${p}`);
    if (ticket !== mapRequest) return;  // the view moved on meanwhile
    if (cl.total <= map.pointsLimit) {
      const q = filterParams(true);
      q.set("limit", map.pointsLimit);
      const fc = await api(`/findings/geojson?${q}`);
      if (ticket !== mapRequest) return;
      map.layers.findings = fc.features;
      map.layers.clusters = [];
      $("#filter-count").textContent = `${fc.total} findings in view (${fc.features.length} drawn)`;
    } else {
      map.layers.findings = [];
      map.layers.clusters = cl.features;
      $("#filter-count").textContent = `${cl.total} findings in view (${cl.features.length} clusters; zoom in for single findings)`;
    }
    map.draw();
  } catch (err) { say(err.message); }
}

function showFinding(feature) {
  const p = feature.properties;
  if (p.count !== undefined) { map.zoomTo(p.extent); return; }  // a cluster: zoom into it
  $("#map-detail").innerHTML = `<h3>${esc(p.kind)}</h3><p>${esc(p.summary)}</p>
    <p>${esc(p.start)} – ${esc(p.end)}<br>${statusBadge(p.status)} · confidence ${p.confidence}</p>
    <p>${p.mmsi.map((m) => `<a class="vessel-link" href="#/vessel/${m}">MMSI ${m}</a>`).join(", ")}</p>
    <p class="review"><code>${esc(p.id)}</code><br>${reviewButtons(p.id)}</p>`;
}

function identityTimeline(identity) {
  if (!identity.length) return "";
  const t = (s) => Date.parse(s);
  const lo = Math.min(...identity.map((i) => t(i.first_seen))), hi = Math.max(...identity.map((i) => t(i.last_seen)));
  const span = Math.max(1, hi - lo), w = 700, left = 200;
  const rows = identity.map((i, n) => {
    const x = left + ((t(i.first_seen) - lo) / span) * (w - left - 10);
    const x2 = left + ((t(i.last_seen) - lo) / span) * (w - left - 10);
    return `<text x="4" y="${n * 18 + 14}" font-size="11">${esc(i.field)}: ${esc(i.value).slice(0, 24)}</text>
      <rect x="${x}" y="${n * 18 + 4}" width="${Math.max(2, x2 - x)}" height="10" fill="#1f4e79"><title>${esc(i.first_seen)} – ${esc(i.last_seen)}</title></rect>`;
  }).join("");
  return `<svg class="timeline" viewBox="0 0 ${w} ${identity.length * 18 + 8}">${rows}</svg>`;
}

async function showVessel(mmsi) {
  const page = $("#page-vessel");
  page.innerHTML = "<p>loading…</p>";
  try {
    const v = await api(`/vessels/${mmsi}`);
    const names = [...new Set(v.identity.filter((i) => i.field === "name").map((i) => i.value))];
    page.innerHTML = `<h2>Vessel ${v.mmsi}${names.length ? " – " + esc(names.join(" / ")) : ""}</h2>
      <p>${v.positions} positions · ${v.findings.length} findings · <a href="#/map" id="show-track">show track on the map</a></p>
      <h3>Identity timeline</h3>${identityTimeline(v.identity)}
      <table><tr><th>Field</th><th>Value</th><th>First seen</th><th>Last seen</th><th>Messages</th></tr>
      ${v.identity.map((i) => `<tr><td>${esc(i.field)}</td><td>${esc(i.value)}</td><td>${esc(i.first_seen)}</td><td>${esc(i.last_seen)}</td><td>${i.observations}</td></tr>`).join("")}</table>
      <h3>Findings</h3><table id="vessel-findings"><tbody>${v.findings.map((f) => `<tr data-id="${esc(f.id)}"><td>${esc(f.start.slice(0, 16))}</td><td>${esc(f.kind)}</td><td>${esc(f.summary)}</td>
        <td class="status-cell">${statusBadge(f.review ? f.review.status : "unreviewed")}</td><td class="review">${reviewButtons(f.id)}</td></tr>`).join("")}</tbody></table>`;
    const coords = v.track.geometry ? v.track.geometry.coordinates : [];
    map.layers.track = coords;
    $("#show-track").addEventListener("click", () => {
      if (coords.length) map.center = coords[Math.floor(coords.length / 2)];
    });
  } catch (err) { page.innerHTML = `<p>${esc(err.message)}</p>`; }
}

async function showEntity(id) {
  const page = $("#page-entity");
  try {
    const e = await api(`/entities/${encodeURIComponent(id)}`);
    const props = Object.entries(e.properties).map(([k, vs]) => `<tr><th>${esc(k)}</th><td>${vs.map(esc).join("; ")}</td></tr>`).join("");
    page.innerHTML = `<h2>${esc(e.caption)} <small>(${esc(e.schema)}, ${esc(e.id)})</small></h2>
      <p>List version ${esc(e.provenance.list)} ${esc(e.provenance.published || "")}, record ${esc(e.provenance.record)}</p>
      <table>${props}</table><h3>Findings</h3><ul>${e.findings.map((f) => `<li><code>${esc(f)}</code></li>`).join("") || "<li>none</li>"}</ul>`;
  } catch (err) { page.innerHTML = `<p>${esc(err.message)}</p>`; }
}

$("#screen-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const p = new URLSearchParams({ q: $("#screen-name").value, schema: $("#screen-schema").value, limit: 10 });
  try {
    const r = await api(`/search?${p}`);
    $("#screen-results tbody").innerHTML = r.results.map((x) => `<tr><td><a href="#/entity/${encodeURIComponent(x.id)}">${esc(x.caption)}</a></td>
      <td>${esc(x.schema)}</td><td>${esc(x.datasets.join(", "))}</td><td>${x.score.toFixed(2)}</td><td>${x.match ? "MATCH" : ""}</td>
      <td>${esc(Object.values(x.explanations).join("; "))}</td></tr>`).join("") || `<tr><td>no result${r.detail ? ": " + esc(r.detail) : ""}</td></tr>`;
  } catch (err) { say(err.message); }
});

function route() {
  say("");
  const [, page, arg] = (location.hash || "#/map").split("/");
  document.querySelectorAll(".page").forEach((s) => s.classList.remove("active"));
  const target = $(`#page-${page}`) || $("#page-map");
  target.classList.add("active");
  $("#filters").style.display = page === "map" || page === "findings" || !page ? "" : "none";
  if (page === "findings") loadFindings();
  else if (page === "vessel") showVessel(arg);
  else if (page === "entity") showEntity(decodeURIComponent(arg));
  else { map.draw(); loadMapFindings(); }
}

const map = new VigilMap($("#map"), () => loadMapFindings(), showFinding);

async function start() {
  $("#token").value = localStorage.getItem("vigil-token") || "";
  $("#token").addEventListener("change", () => localStorage.setItem("vigil-token", $("#token").value));
  const spec = await api("/openapi.json");
  const kindRef = spec.paths["/findings"].get.parameters.find((p) => p.name === "kind").schema.anyOf[0].items.$ref;
  for (const kind of spec.components.schemas[kindRef.split("/").pop()].enum) {
    $("#kind-filter").insertAdjacentHTML("beforeend", `<option>${esc(kind)}</option>`);
  }
  $("#legend").innerHTML = Object.entries(KIND_COLOURS).map(([k, c]) => `<span><i style="background:${c}"></i>${k}</span>`).join("");
  ["#kind-filter", "#status-filter", "#since-filter", "#until-filter", "#view-filter"].forEach((sel) =>
    $(sel).addEventListener("change", () => { state.offset = 0; route(); }));
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadFindings(); });
  $("#next").addEventListener("click", () => { if (state.offset + PAGE < state.total) { state.offset += PAGE; loadFindings(); } });
  $("#zoom-in").addEventListener("click", () => map.zoom(0.67));
  $("#zoom-out").addEventListener("click", () => map.zoom(1.5));
  const [land, places] = await Promise.all([api("/layers/land?bbox=100,15,150,55&simplify=2"), api("/layers/dprk")]);
  map.layers.land = land.features;
  map.layers.places = places.features;
  window.addEventListener("hashchange", route);
  route();
  document.body.dataset.ready = "1";
}
start().catch((err) => say(err.message));
