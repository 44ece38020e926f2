"""The finding: what was detected, the measure it may breach, and the evidence behind it.

A finding's id is derived from its content (kind, detector and version, parameters, time span,
subjects and evidence references), so running a detector again on the same data gives the same
ids and storing them again adds nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import orjson

from vigil.findings.measures import get_measure, measure_for_kind

SubjectKind = Literal["vessel", "entity"]


@dataclass(frozen=True)
class Subject:
    """Who or what a finding is about: a vessel (by MMSI, IMO or register id) or an entity."""

    kind: SubjectKind
    role: str = "subject"  # e.g. "party", "receiver", "supplier", "mentioned"
    mmsi: int | None = None
    imo: str | None = None
    entity_id: str | None = None  # register id, e.g. "un-kpe-001" or "ofac-17069"
    name: str | None = None


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence, by reference to the row that holds it.

    ``kind`` names the table or source (``ais_position``, ``ais_raw``, ``register_version``,
    ``document``, ``trade_row``, ``cap_notification``); ``ref`` is the row's stable id there.
    ``detail`` carries what a reader needs without a look-up (time, position, the line).
    """

    kind: str
    ref: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """A detection, tied to the sanctions measure it may breach."""

    kind: str
    start: datetime
    end: datetime
    subjects: tuple[Subject, ...]
    evidence: tuple[Evidence, ...]
    confidence: float
    reasons: tuple[str, ...]
    detector: str
    detector_version: str
    parameters: dict[str, Any]
    measure_id: str = ""
    geometry: dict[str, Any] | None = None  # GeoJSON Point, LineString or MultiPoint (lon, lat)
    summary: str = ""

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0..1, not {self.confidence}")
        for moment in (self.start, self.end):
            if moment.tzinfo is None:
                raise ValueError("finding times must be timezone-aware (UTC)")
        if self.end < self.start:
            raise ValueError(f"finding ends ({self.end}) before it starts ({self.start})")
        if not self.measure_id:
            object.__setattr__(self, "measure_id", measure_for_kind(self.kind).id)
        get_measure(self.measure_id)

    @property
    def resolution_paragraph(self) -> str:
        """The resolution and paragraph of the measure, as the measures table gives them."""
        return get_measure(self.measure_id).resolution_paragraph

    @property
    def id(self) -> str:
        """A stable id from the content: the same detection always has the same id."""
        key = {
            "kind": self.kind,
            "detector": self.detector,
            "version": self.detector_version,
            "parameters": self.parameters,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "subjects": sorted(orjson.dumps(asdict(s), option=orjson.OPT_SORT_KEYS).decode()
                               for s in self.subjects),
            "evidence": sorted(f"{e.kind}:{e.ref}" for e in self.evidence),
            "measure": self.measure_id,
        }  # fmt: skip
        digest = hashlib.sha256(orjson.dumps(key, option=orjson.OPT_SORT_KEYS)).hexdigest()
        return f"{self.kind}-{digest[:16]}"

    def bbox(self) -> tuple[float, float, float, float] | None:
        """(min_lon, min_lat, max_lon, max_lat) of the geometry, if any."""
        if self.geometry is None:
            return None
        points = list(_points(self.geometry["coordinates"]))
        if not points:
            return None
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return (min(lons), min(lats), max(lons), max(lats))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the id and the measure's resolution paragraph."""
        data = asdict(self)
        data["start"], data["end"] = _iso(self.start), _iso(self.end)
        return {
            "id": self.id,
            "resolution_paragraph": self.resolution_paragraph,
            **data,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """The inverse of :meth:`to_dict` (the id and paragraph are derived, not read)."""
        return cls(
            kind=data["kind"],
            start=_parse_time(data["start"]),
            end=_parse_time(data["end"]),
            subjects=tuple(Subject(**s) for s in data["subjects"]),
            evidence=tuple(Evidence(**e) for e in data["evidence"]),
            confidence=float(data["confidence"]),
            reasons=tuple(data["reasons"]),
            detector=data["detector"],
            detector_version=data["detector_version"],
            parameters=dict(data["parameters"]),
            measure_id=data["measure_id"],
            geometry=data.get("geometry"),
            summary=data.get("summary", ""),
        )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _points(coords: Any) -> list[tuple[float, float]]:
    if coords and isinstance(coords[0], int | float):
        return [(float(coords[0]), float(coords[1]))]
    found: list[tuple[float, float]] = []
    for item in coords:
        found.extend(_points(item))
    return found
