"""The UN DPRK sanctions measures a finding may breach, as data.

``data/measures.csv`` is the project's copy of the shared measures table (27 measures: id,
measure, direction, resolution and paragraph, HS codes, cap or rule, reporting duty, what
evidences a violation, and whether the paragraph number was verified). Its provenance is in
``data/PROVENANCE.md``. ``para_verified`` other than ``yes`` means the paragraph is to be checked.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from vigil.findings.errors import UnknownMeasureError

# Which measure each kind of finding may breach, by default. Detectors may name another.
KIND_MEASURES: Final[dict[str, str]] = {
    "encounter": "STS",
    "loitering": "STS",
    "ais_gap": "VESSEL_DESIG",
    "spoofing": "FLAG",
    "identity_change": "FLAG",
    "port_call": "VESSEL_DESIG",
    "dprk_waters": "FLAG",
    "designated_vessel": "VESSEL_DESIG",
    "cap_alert": "PETRO_REF",
    "cap_exceeded": "PETRO_REF",
    "reporting_gap": "PETRO_REF",
    "mirror_trade": "COAL",
    "document_mention": "ASSET_FREEZE",
    "identity_mismatch": "FLAG",
}


@dataclass(frozen=True)
class Measure:
    """One sanctions measure."""

    id: str
    measure: str
    direction: str
    resolution_paragraph: str
    hs_codes: str
    cap_or_rule: str
    reporting_duty: str
    violation_evidence: str
    para_verified: str

    @property
    def verified(self) -> bool:
        """Whether the paragraph number was confirmed against the resolution text."""
        return self.para_verified.strip().lower().startswith("yes")


@cache
def measures() -> dict[str, Measure]:
    """Every measure, by id."""
    text = resources.files("vigil.findings").joinpath("data/measures.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return {row["id"]: Measure(**row) for row in rows}


def get_measure(measure_id: str) -> Measure:
    """The measure with this id (raises ``UnknownMeasureError``)."""
    found = measures().get(measure_id)
    if found is None:
        raise UnknownMeasureError(f"unknown measure {measure_id!r}; known: {', '.join(measures())}")
    return found


def measure_for_kind(kind: str) -> Measure:
    """The default measure a finding of ``kind`` may breach."""
    if kind not in KIND_MEASURES:
        raise UnknownMeasureError(f"no default measure for finding kind {kind!r}")
    return get_measure(KIND_MEASURES[kind])
