"""Paths of the real data the tests read (read-only; see ../shared/data/PROVENANCE.md)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
UN_XML = SHARED_DATA / "sanctions" / "un_consolidated_2026-02-27.xml"
OFAC_2024 = SHARED_DATA / "sanctions" / "ofac_sdn_2024-05-03.csv"
OFAC_2021 = SHARED_DATA / "sanctions" / "ofac_sdn_2021"
FIXTURES = ROOT / "tests" / "fixtures"
