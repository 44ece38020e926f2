"""The report: offline HTML with SVG maps, chapters per measure, annexes, review status, PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.api.seed import DARK_MMSI, seed_store
from vigil.findings.model import Finding
from vigil.findings.review import set_review
from vigil.report.basemap import decode_arcs, ring
from vigil.report.charts import cap_usage, findings_over_time
from vigil.report.pdf import find_chromium
from vigil.report.render import cap_charts
from vigil.report.svgmap import Frame, draw_map, fit_bbox
from vigil.report.write import write_report
from vigil.run.config import ReportConfig
from vigil.store import Store


@pytest.fixture
def seeded(store: Store) -> list[Finding]:
    return seed_store(store, with_register=False)


def _write(store: Store, tmp_path: Path, **options: object) -> str:
    config = ReportConfig.model_validate({"pdf": "never", "out": tmp_path / "r", **options})
    files = write_report(store, config)
    return files.html.read_text("utf-8")


def test_report_has_chapters_maps_timelines_and_annexes(
    store: Store, seeded: list[Finding], tmp_path: Path
) -> None:
    html = _write(store, tmp_path)
    assert '<h2 class="first" id="summary">Summary</h2>' in html
    for measure in ("m-STS", "m-VESSEL_DESIG", "m-PETRO_REF"):
        assert f'id="{measure}"' in html
    for finding in seeded:
        assert f'id="{finding.id}"' in html
    assert html.count('<svg class="map"') == 1 + 3 + 2  # overview, located findings, 2 vessels
    assert html.count("<title>Timeline</title>") == 4
    assert f"Annex 1: MMSI {DARK_MMSI} – RYE SONG GANG 1 / SEA STAR" in html
    assert 'class="land"' in html and "Natural Earth" in html


def test_report_is_offline(store: Store, seeded: list[Finding], tmp_path: Path) -> None:
    html = _write(store, tmp_path)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script" not in html


def test_review_status_and_confirmed_only(
    store: Store, seeded: list[Finding], tmp_path: Path
) -> None:
    encounter = seeded[0]
    set_review(store, encounter.id, "confirmed", "two tankers, imagery agrees", "alice")
    html = _write(store, tmp_path)
    assert "by alice" in html and "two tankers, imagery agrees" in html
    assert html.count('class="status status-unreviewed"') == 3
    only = _write(store, tmp_path, confirmed_only=True)
    assert f'id="{encounter.id}"' in only and f'id="{seeded[1].id}"' not in only
    assert "restricted to findings an analyst <strong>confirmed</strong>" in only


def test_topojson_decoding_of_quantized_delta_arcs() -> None:
    topology = {"transform": {"scale": [0.5, 0.25], "translate": [100.0, 30.0]},
                "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, -4]]]}  # fmt: skip
    arcs = decode_arcs(topology)
    assert arcs[0] == [(100.0, 30.0), (101.0, 30.0), (101.0, 31.0)]
    assert ring(arcs, [0, 1]) == [(100.0, 30.0), (101.0, 30.0), (101.0, 31.0), (100.0, 30.0)]
    assert ring(arcs, [~1]) == [(100.0, 30.0), (101.0, 31.0)]


@pytest.mark.parametrize(
    ("lon", "lat", "xy"),
    [(120.0, 40.0, (0.0, 0.0)), (130.0, 30.0, (640.0, None)), (125.0, 35.0, (320.0, None))],
)
def test_frame_projects_corners(lon: float, lat: float, xy: tuple[float, float | None]) -> None:
    frame = Frame((120.0, 30.0, 130.0, 40.0), 640)
    x, y = frame.xy(lon, lat)
    assert x == xy[0] and (xy[1] is None or y == xy[1])
    assert 0 <= y <= frame.height_px


def test_korea_is_land_and_the_yellow_sea_is_not(tmp_path: Path) -> None:
    svg = draw_map(fit_bbox([(124.0, 37.0), (128.0, 40.0)]))
    assert len(re.findall(r"L", svg)) > 200  # a detailed coastline is drawn


@pytest.mark.parametrize(
    ("used", "cap", "share"), [(250_000, 500_000, "50%"), (600_000, 500_000, "120%")]
)
def test_cap_usage_bar(used: float, cap: float, share: str) -> None:
    svg = cap_usage(used, cap, "PETRO_REF 2024")
    assert f"({share})" in svg and ("#c0392b" in svg) == (used / cap >= 0.9)


def test_cap_charts_sum_the_evidence_of_cap_findings() -> None:
    finding = {"measure_id": "PETRO_REF", "parameters": {"cap": "refined", "period": "2024",
               "cap_bbl": 500_000.0}, "evidence": [{"detail": {"quantity_bbl": 300_000.0}},
               {"detail": {"quantity_bbl": 400_000.0, "share_in_period": 0.5}}]}  # fmt: skip
    (svg,) = cap_charts([finding])
    assert "500,000 of 500,000 bbl (100%)" in svg


def test_findings_over_time_counts_per_period(seeded: list[Finding]) -> None:
    svg = findings_over_time([f.start for f in seeded])
    assert "<title>2024-05: 3</title>" in svg and "<title>2024-03: 1</title>" in svg


@pytest.mark.skipif(
    find_chromium() is None, reason="chromium is not installed here (CI installs it)"
)
def test_pdf_is_printed(store: Store, seeded: list[Finding], tmp_path: Path) -> None:
    config = ReportConfig(pdf="always", out=tmp_path / "r")
    files = write_report(store, config)
    assert files.pdf is not None and files.pdf.read_bytes()[:5] == b"%PDF-"


def test_report_has_the_cap_ledger_chapter(store: Store, tmp_path: Path) -> None:
    from importlib import resources

    from vigil.caps.ingest import ingest_notifications

    assert 'id="ledger"' not in _write(store, tmp_path / "before")
    path = Path(str(resources.files("vigil.caps").joinpath("data/notifications_public.csv")))
    ingest_notifications(store, path)
    html = _write(store, tmp_path / "after")
    assert '<h2 id="ledger">Petroleum cap ledger (resolution 2397), 2024</h2>' in html
    assert "168,679 bbl" in html and "33.7 %" in html
    assert "Russian Federation 2024-02 to 2024-10 (9 months)" in html
    assert "notified + observed at 50% laden" in html
