"""Maps as inline SVG, drawn on the server from the packaged basemap (no tiles, no CDN).

The projection is equirectangular scaled by the cosine of the map's middle latitude, which keeps
shapes right at the scale of a sea (a few hundred kilometres). Land vertices outside the frame are
clamped to a margin around it, which keeps the SVG small and draws the same picture inside.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any, Final

from vigil.report.basemap import Bbox, land_in
from vigil.report.places import dprk_ports

KIND_COLOURS: Final = {
    "encounter": "#d62728", "loitering": "#ff7f0e", "ais_gap": "#7f7f7f", "spoofing": "#9467bd",
    "identity_change": "#8c564b", "port_call": "#e377c2", "dprk_waters": "#bcbd22",
    "designated_vessel": "#17becf",
}  # fmt: skip
TRACK_COLOURS: Final = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf")
MIN_SPAN_DEG: Final = 1.0


@dataclass(frozen=True)
class Track:
    """A vessel's positions to draw: a label and (lon, lat) points in time order."""

    label: str
    points: Sequence[tuple[float, float]]


@dataclass
class Frame:
    """A map frame: the bbox shown and the SVG size in pixels."""

    bbox: Bbox
    width_px: int = 640
    height_px: int = field(init=False)

    def __post_init__(self) -> None:
        self.height_px = max(120, round(self.width_px * self._dlat() / self._dlon_scaled()))

    def _dlon_scaled(self) -> float:
        mid = math.radians((self.bbox[1] + self.bbox[3]) / 2)
        return (self.bbox[2] - self.bbox[0]) * max(0.2, math.cos(mid))

    def _dlat(self) -> float:
        return self.bbox[3] - self.bbox[1]

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel position of a (lon, lat) point."""
        x = (lon - self.bbox[0]) / (self.bbox[2] - self.bbox[0]) * self.width_px
        y = (self.bbox[3] - lat) / self._dlat() * self.height_px
        return round(x, 1), round(y, 1)


def fit_bbox(points: Sequence[tuple[float, float]], pad: float = 0.25) -> Bbox:
    """A frame around ``points`` with a margin, at least :data:`MIN_SPAN_DEG` wide and tall."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    half_w = max(MIN_SPAN_DEG, (max(lons) - min(lons)) * (1 + pad)) / 2
    half_h = max(MIN_SPAN_DEG * 0.75, (max(lats) - min(lats)) * (1 + pad)) / 2
    return (cx - half_w, max(-85.0, cy - half_h), cx + half_w, min(85.0, cy + half_h))


def _path(frame: Frame, ring: Sequence[tuple[float, float]]) -> str:
    b, mx, my = (
        frame.bbox,
        (frame.bbox[2] - frame.bbox[0]) * 0.1,
        (frame.bbox[3] - frame.bbox[1]) * 0.1,
    )
    out: list[str] = []
    last = None
    for lon, lat in ring:
        lon = min(max(lon, b[0] - mx), b[2] + mx)
        lat = min(max(lat, b[1] - my), b[3] + my)
        point = frame.xy(lon, lat)
        if point != last:
            out.append(f"{point[0]},{point[1]}")
            last = point
    return "M" + "L".join(out) + "Z" if len(out) > 2 else ""


def land_svg(frame: Frame) -> str:
    """The land inside the frame as one SVG path."""
    rings = [_path(frame, ring) for poly in land_in(frame.bbox) for ring in poly]
    return f'<path class="land" fill-rule="evenodd" d="{"".join(r for r in rings if r)}"/>'


def ports_svg(frame: Frame) -> str:
    """DPRK ports in the frame as small labelled triangles."""
    parts = []
    for port in dprk_ports():
        b = frame.bbox
        if b[0] <= port["lon"] <= b[2] and b[1] <= port["lat"] <= b[3]:
            x, y = frame.xy(port["lon"], port["lat"])
            parts.append(f'<path class="port" d="M{x},{y - 5}L{x + 4},{y + 3}L{x - 4},{y + 3}Z">'
                         f'<title>{escape(port["name"])} (DPRK port)</title></path>')  # fmt: skip
    return "".join(parts)


def geometry_svg(frame: Frame, geometry: dict[str, Any], colour: str, label: str) -> str:
    """A GeoJSON Point, MultiPoint or LineString drawn as markers or a line."""
    kind, coords = geometry["type"], geometry["coordinates"]
    title = f"<title>{escape(label)}</title>"
    if kind == "Point":
        coords, kind = [coords], "MultiPoint"
    if kind == "MultiPoint":
        return "".join(
            f'<circle class="finding" cx="{x}" cy="{y}" r="7" stroke="{colour}">{title}</circle>'
            for x, y in (frame.xy(c[0], c[1]) for c in coords)
        )
    if kind == "LineString":
        pts = " ".join(f"{x},{y}" for x, y in (frame.xy(c[0], c[1]) for c in coords))
        return (f'<polyline class="finding-line" points="{pts}" stroke="{colour}">'
                f"{title}</polyline>")  # fmt: skip
    return ""


def track_svg(frame: Frame, track: Track, colour: str) -> str:
    """A vessel's track as a thin line with its label at the last point."""
    if len(track.points) < 2:
        return ""
    pts = [frame.xy(lon, lat) for lon, lat in track.points]
    line = " ".join(f"{x},{y}" for x, y in pts)
    x, y = pts[-1]
    return (f'<polyline class="track" points="{line}" stroke="{colour}"><title>'
            f'{escape(track.label)}</title></polyline><text class="track-label" x="{x + 4}" '
            f'y="{y - 4}" fill="{colour}">{escape(track.label)}</text>')  # fmt: skip


def draw_map(
    bbox: Bbox, features: Sequence[tuple[dict[str, Any], str, str]] = (),
    tracks: Sequence[Track] = (), width_px: int = 640, caption: str = "",
) -> str:  # fmt: skip
    """An SVG map: land, DPRK ports, tracks, then features as (geometry, kind, label)."""
    frame = Frame(bbox, width_px)
    body = [land_svg(frame), ports_svg(frame)]
    body += [
        track_svg(frame, t, TRACK_COLOURS[i % len(TRACK_COLOURS)]) for i, t in enumerate(tracks)
    ]
    body += [
        geometry_svg(frame, g, KIND_COLOURS.get(k, "#d62728"), label) for g, k, label in features
    ]
    scale = (f'<text class="map-note" x="6" y="{frame.height_px - 6}">{bbox[1]:.2f}°N–'
             f"{bbox[3]:.2f}°N, {bbox[0]:.2f}°E–{bbox[2]:.2f}°E · Natural Earth 1:50m</text>")  # fmt: skip
    return (f'<svg class="map" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {frame.width_px} {frame.height_px}" width="{frame.width_px}" '
            f'height="{frame.height_px}"><title>{escape(caption)}</title>'
            f'<rect class="sea" width="100%" height="100%"/>{"".join(body)}{scale}</svg>')  # fmt: skip
