"""Shared paths of the mirror-trade tests."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT / ".." / "shared" / "data"
MEASURES_CSV = SHARED_DATA / "measures" / "measures.csv"
FIXTURES = ROOT / "tests" / "fixtures" / "trade"
GOOD = FIXTURES / "comtrade_dprk_partners.csv"
BAD = FIXTURES / "comtrade_bad_rows.csv"
PUBLIC = Path(str(resources.files("vigil.caps").joinpath("data/notifications_public.csv")))
