"""Collect what the report shows from the store: findings with reviews, tracks and provenance.

The report reads stored findings, the register and AIS tracks; it never detects anything itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from vigil.findings.measures import get_measure
from vigil.findings.review import FindingFilter, query_findings
from vigil.register.versions import current_versions
from vigil.report.svgmap import Track
from vigil.store import Store

TRACK_MARGIN: Final = timedelta(hours=6)  # track shown around a finding's span
MAX_TRACK_POINTS: Final = 400
MAX_FINDINGS: Final = 100_000


@dataclass
class VesselProfile:
    """An annex entry: a vessel's identities, findings and track."""

    mmsi: int
    names: list[str]
    identity: list[dict[str, Any]]
    finding_ids: list[str]
    positions: int
    track: Track | None = None


@dataclass
class ReportData:
    """Everything the template needs."""

    title: str
    generated_at: datetime
    confirmed_only: bool
    findings: list[dict[str, Any]]
    list_versions: list[dict[str, Any]]
    ais_files: list[dict[str, Any]]
    vessels: list[VesselProfile] = field(default_factory=list)
    ledger: dict[str, Any] | None = None  # vigil.caps.status.ledger_status(...).as_dict()

    def counts(self, key: str) -> list[tuple[str, int]]:
        """Findings per value of ``key`` (kind, measure_id or review status), largest first."""
        values = Counter(_value(f, key) for f in self.findings)
        return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))

    def chapters(self) -> list[tuple[Any, list[dict[str, Any]]]]:
        """(measure, findings) per measure that has findings, in the measures table's order."""
        by_measure: dict[str, list[dict[str, Any]]] = {}
        for finding in self.findings:
            by_measure.setdefault(finding["measure_id"], []).append(finding)
        return [(get_measure(mid), items) for mid, items in sorted(by_measure.items())]


def _value(finding: dict[str, Any], key: str) -> str:
    if key == "status":
        return str((finding.get("review") or {}).get("status", "unreviewed"))
    return str(finding[key])


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def track(store: Store, mmsi: int, start: datetime, end: datetime, label: str) -> Track:
    """Positions of ``mmsi`` between ``start`` and ``end`` (UTC), thinned evenly."""
    rows = store.conn.execute(
        "WITH p AS (SELECT ts, lon, lat, row_number() OVER (ORDER BY ts) AS n, count(*) OVER ()"
        " AS total FROM ais_positions WHERE mmsi = ? AND ts BETWEEN ? AND ?)"
        " SELECT lon, lat, ts FROM p WHERE (n - 1) % greatest(1, ceil(total / ?)::BIGINT) = 0"
        " ORDER BY ts",
        [mmsi, start.astimezone(UTC).replace(tzinfo=None), end.astimezone(UTC).replace(tzinfo=None),
         MAX_TRACK_POINTS],
    ).fetchall()  # fmt: skip
    return Track(label, [(float(r[0]), float(r[1])) for r in rows])


def finding_tracks(store: Store, finding: dict[str, Any]) -> list[Track]:
    """Tracks of the finding's vessels around its span."""
    start, end = _time(finding["start"]) - TRACK_MARGIN, _time(finding["end"]) + TRACK_MARGIN
    tracks = []
    for subject in finding["subjects"]:
        if subject.get("mmsi"):
            label = subject.get("name") or str(subject["mmsi"])
            found = track(store, int(subject["mmsi"]), start, end, label)
            if len(found.points) > 1:
                tracks.append(found)
    return tracks


def source_files(store: Store, finding: dict[str, Any]) -> list[str]:
    """The AIS files holding the finding's position evidence."""
    ids = [int(e["ref"]) for e in finding["evidence"]
           if e["kind"] in ("ais_position", "ais_raw") and str(e["ref"]).isdigit()]  # fmt: skip
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = store.conn.execute(
        "SELECT DISTINCT f.path FROM ais_files f WHERE f.file_id IN (SELECT file_id FROM"
        f" ais_positions WHERE position_id IN ({marks}) UNION SELECT CAST(r // 4294967296 AS"
        f" INTEGER) FROM (SELECT unnest([{marks}]) AS r)) ORDER BY 1",
        [*ids, *ids],
    ).fetchall()
    return [r[0] for r in rows]


def vessel_profiles(store: Store, findings: list[dict[str, Any]]) -> list[VesselProfile]:
    """One profile per vessel named in the findings, most findings first."""
    by_mmsi: dict[int, list[str]] = {}
    for finding in findings:
        for subject in finding["subjects"]:
            if subject.get("mmsi"):
                by_mmsi.setdefault(int(subject["mmsi"]), []).append(finding["id"])
    profiles = []
    for mmsi, ids in sorted(by_mmsi.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        rows = store.conn.execute(
            "SELECT field, value, CAST(first_seen AS VARCHAR), CAST(last_seen AS VARCHAR),"
            " observations FROM ais_identity WHERE mmsi = ? ORDER BY field, first_seen",
            [mmsi],
        ).fetchall()
        identity = [dict(zip(("field", "value", "first_seen", "last_seen", "observations"), r,
                             strict=True)) for r in rows]  # fmt: skip
        count = store.conn.execute(
            "SELECT count(*), min(ts), max(ts) FROM ais_positions WHERE mmsi = ?", [mmsi]
        ).fetchone()
        names = [i["value"] for i in identity if i["field"] == "name"]
        profile = VesselProfile(
            mmsi, names, identity, sorted(set(ids)), int(count[0]) if count else 0
        )
        if count and count[0]:
            first, last = count[1].replace(tzinfo=UTC), count[2].replace(tzinfo=UTC)
            profile.track = track(store, mmsi, first, last, names[-1] if names else str(mmsi))
        profiles.append(profile)
    return profiles


def gather(store: Store, title: str, confirmed_only: bool = False) -> ReportData:
    """Findings (all, or only confirmed ones) with reviews, vessels and provenance."""
    flt = FindingFilter(statuses=("confirmed",) if confirmed_only else ())
    findings = query_findings(store, flt, 0, MAX_FINDINGS).findings
    findings.sort(key=lambda f: (f["measure_id"], f["start"], f["id"]))
    versions = [v.as_dict() for v in current_versions(store).values()]
    files = store.conn.execute(
        "SELECT path, sha256, format, CAST(ingested_at AS VARCHAR), positions, quarantined"
        " FROM ais_files ORDER BY file_id"
    ).fetchall()
    keys = ("path", "sha256", "format", "ingested_at", "positions", "quarantined")
    return ReportData(
        title=title,
        generated_at=datetime.now(UTC).replace(microsecond=0),
        confirmed_only=confirmed_only,
        findings=findings,
        list_versions=versions,
        ais_files=[dict(zip(keys, r, strict=True)) for r in files],
        vessels=vessel_profiles(store, findings),
        ledger=cap_ledger(store),
    )


def cap_ledger(store: Store) -> dict[str, Any] | None:
    """The petroleum cap ledger of the latest notified year, if notifications were ingested."""
    from vigil.caps.status import ledger_status

    row = store.conn.execute("SELECT count(*) FROM caps_notifications").fetchone()
    if not row or not row[0]:
        return None
    return ledger_status(store).as_dict()
