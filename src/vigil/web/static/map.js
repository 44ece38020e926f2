// A small offline map on a canvas: equirectangular projection scaled by cos(latitude), pan by
// dragging, zoom with the wheel or buttons. Layers are GeoJSON from the API (land, DPRK places,
// findings in the current view or their server-side clusters, an optional vessel track). No
// tiles, no external requests.
"use strict";

const KIND_COLOURS = {
  encounter: "#d62728", loitering: "#ff7f0e", ais_gap: "#7f7f7f", spoofing: "#9467bd",
  identity_change: "#8c564b", port_call: "#e377c2", dprk_waters: "#bcbd22",
  designated_vessel: "#17becf", document_mention: "#2ca02c",
};

class VigilMap {
  constructor(canvas, onView, onPick) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.center = [124.5, 38.0];
    this.degPerPx = 0.012;
    this.layers = { land: [], places: [], findings: [], clusters: [], track: null };
    this.pointsLimit = 2000;  // more findings than this in view: draw the server's clusters
    this.hits = [];
    this.onView = onView;
    this.onPick = onPick;
    this._wire();
  }
  kx() { return Math.cos((this.center[1] * Math.PI) / 180); }
  project(lon, lat) {
    const w = this.canvas.width, h = this.canvas.height;
    return [w / 2 + ((lon - this.center[0]) * this.kx()) / this.degPerPx,
            h / 2 - (lat - this.center[1]) / this.degPerPx];
  }
  bbox() {
    const w = this.canvas.width, h = this.canvas.height;
    const dx = (w / 2) * this.degPerPx / this.kx(), dy = (h / 2) * this.degPerPx;
    const c = this.center;
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    return [clamp(c[0] - dx, -180, 180), clamp(c[1] - dy, -89, 89),
            clamp(c[0] + dx, -180, 180), clamp(c[1] + dy, -89, 89)].map((v) => v.toFixed(3));
  }
  zoom(factor) {
    this.degPerPx = Math.min(0.5, Math.max(0.0005, this.degPerPx * factor));
    this.draw();
    this.onView();
  }
  zoomTo(extent) {
    const [x0, y0, x1, y1] = extent;
    this.center = [(x0 + x1) / 2, (y0 + y1) / 2];
    const span = Math.max(((x1 - x0) * this.kx()) / this.canvas.width, (y1 - y0) / this.canvas.height);
    this.zoom(Math.max(span * 1.5, this.degPerPx / 4) / this.degPerPx);
  }
  _cluster(f) {
    const [x, y] = this.project(...f.geometry.coordinates);
    const n = f.properties.count, r = 7 + 4 * Math.log10(n);
    const ctx = this.ctx;
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = KIND_COLOURS[f.properties.kind] || "#d62728"; ctx.globalAlpha = 0.75; ctx.fill();
    ctx.globalAlpha = 1; ctx.strokeStyle = "#fff"; ctx.lineWidth = 1.5; ctx.stroke();
    ctx.fillStyle = "#fff"; ctx.font = "bold 10px sans-serif"; ctx.textAlign = "center";
    ctx.fillText(n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n), x, y + 3.5);
    ctx.textAlign = "start";
    this.hits.push([x, y, f]);
  }
  _wire() {
    let drag = null;
    this.canvas.addEventListener("mousedown", (e) => { drag = [e.offsetX, e.offsetY, false]; });
    this.canvas.addEventListener("mousemove", (e) => {
      if (!drag) return;
      const dx = e.offsetX - drag[0], dy = e.offsetY - drag[1];
      if (Math.abs(dx) + Math.abs(dy) < 3 && !drag[2]) return;
      drag[2] = true;
      this.center = [this.center[0] - (dx * this.degPerPx) / this.kx(), this.center[1] + dy * this.degPerPx];
      drag[0] = e.offsetX; drag[1] = e.offsetY;
      this.draw();
    });
    this.canvas.addEventListener("mouseup", (e) => {
      const moved = drag && drag[2];
      drag = null;
      if (moved) this.onView(); else this.pick(e.offsetX, e.offsetY);
    });
    this.canvas.addEventListener("wheel", (e) => { e.preventDefault(); this.zoom(e.deltaY > 0 ? 1.25 : 0.8); });
  }
  pick(x, y) {
    let best = null, bestD = 12;
    for (const [hx, hy, feature] of this.hits) {
      const d = Math.hypot(hx - x, hy - y);
      if (d < bestD) { best = feature; bestD = d; }
    }
    if (best) this.onPick(best);
  }
  _ring(coords) {
    const ctx = this.ctx;
    coords.forEach(([lon, lat], i) => {
      const [x, y] = this.project(lon, lat);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.closePath();
  }
  _polygons(features, fill, stroke) {
    const ctx = this.ctx;
    ctx.beginPath();
    for (const f of features) {
      const g = f.geometry;
      const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      for (const poly of polys) for (const ring of poly) this._ring(ring);
    }
    ctx.fillStyle = fill; ctx.fill("evenodd");
    ctx.strokeStyle = stroke; ctx.lineWidth = 0.7; ctx.stroke();
  }
  _line(coords, colour, width, dash) {
    const ctx = this.ctx;
    ctx.beginPath();
    coords.forEach(([lon, lat], i) => {
      const [x, y] = this.project(lon, lat);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.setLineDash(dash || []); ctx.strokeStyle = colour; ctx.lineWidth = width; ctx.stroke();
    ctx.setLineDash([]);
  }
  _dot(lon, lat, colour, radius, feature) {
    const [x, y] = this.project(lon, lat);
    const ctx = this.ctx;
    ctx.beginPath(); ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = colour; ctx.fill(); ctx.strokeStyle = "#fff"; ctx.lineWidth = 1; ctx.stroke();
    if (feature) this.hits.push([x, y, feature]);
  }
  draw() {
    const ctx = this.ctx;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.hits = [];
    this._polygons(this.layers.land, "#f2efe6", "#9a9a8a");
    const waters = this.layers.places.filter((f) => f.properties.layer === "dprk_waters");
    this._polygons(waters, "rgba(188,189,34,0.15)", "#bcbd22");
    for (const f of this.layers.places.filter((p) => p.properties.layer === "dprk_port")) {
      const [x, y] = this.project(...f.geometry.coordinates);
      ctx.beginPath(); ctx.moveTo(x, y - 6); ctx.lineTo(x + 5, y + 4); ctx.lineTo(x - 5, y + 4); ctx.closePath();
      ctx.fillStyle = "#b00"; ctx.fill();
      ctx.fillStyle = "#600"; ctx.font = "10px sans-serif"; ctx.fillText(f.properties.name, x + 6, y + 3);
    }
    if (this.layers.track && this.layers.track.length > 1) this._line(this.layers.track, "#1f77b4", 2);
    for (const f of this.layers.clusters) this._cluster(f);
    for (const f of this.layers.findings) {
      const colour = KIND_COLOURS[f.properties.kind] || "#d62728";
      const g = f.geometry;
      if (g.type === "LineString") {
        this._line(g.coordinates, colour, 2.5, [6, 3]);
        const mid = g.coordinates[Math.floor(g.coordinates.length / 2)];
        this._dot(mid[0], mid[1], colour, 4, f);
      } else if (g.type === "Point") this._dot(g.coordinates[0], g.coordinates[1], colour, 6, f);
      else if (g.type === "MultiPoint") for (const c of g.coordinates) this._dot(c[0], c[1], colour, 5, f);
    }
  }
}
window.VigilMap = VigilMap;
window.KIND_COLOURS = KIND_COLOURS;
