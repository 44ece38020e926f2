"""Shared paths and helpers of the cap-ledger tests."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT / ".." / "shared" / "data"
PETROLEUM_RULES = SHARED_DATA / "measures" / "petroleum_rules.json"
MEASURES_CSV = SHARED_DATA / "measures" / "measures.csv"
FIXTURES = ROOT / "tests" / "fixtures"
PUBLIC = Path(str(resources.files("vigil.caps").joinpath("data/notifications_public.csv")))
HEADER = ("period", "supplier", "product", "quantity", "unit", "source", "published")


def write_notifications(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A notification table with ``HEADER`` columns (``published`` may be left out)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([(*row, "")[: len(HEADER)] for row in rows])
    return path
