"""Findings: stable ids from content, idempotent storage, filters, and refusal of bad records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from vigil.findings.errors import UnknownFindingError, UnknownMeasureError
from vigil.findings.measures import get_measure, measures
from vigil.findings.model import Evidence, Finding, Subject
from vigil.findings.store import get_finding, list_findings, save_findings
from vigil.store import Store

T0 = datetime(2024, 3, 1, 12, tzinfo=UTC)


def encounter(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "kind": "encounter",
        "start": T0,
        "end": T0 + timedelta(hours=3),
        "subjects": (
            Subject("vessel", "party", mmsi=445123000),
            Subject("vessel", "party", mmsi=412000001),
        ),
        "evidence": (Evidence("ais_position", "101"), Evidence("ais_position", "102")),
        "confidence": 0.8,
        "reasons": ("within 500 m for 3 h",),
        "detector": "encounters",
        "detector_version": "1",
        "parameters": {"max_distance_m": 500},
        "geometry": {"type": "Point", "coordinates": [124.5, 38.6]},
        "summary": "two tankers met",
    }
    values.update(changes)
    return Finding(**values)


def test_measures_table_is_complete() -> None:
    assert len(measures()) == 27
    assert get_measure("PETRO_REF").verified
    assert "2375 OP11" in get_measure("STS").resolution_paragraph


def test_id_is_stable_and_content_derived() -> None:
    assert encounter().id == encounter().id
    assert encounter().id.startswith("encounter-")
    assert encounter(confidence=0.9).id == encounter().id  # confidence is judgement, not identity
    assert encounter(end=T0 + timedelta(hours=4)).id != encounter().id
    assert encounter(parameters={"max_distance_m": 400}).id != encounter().id
    reordered = encounter(subjects=tuple(reversed(encounter().subjects)))
    assert reordered.id == encounter().id


def test_measure_defaults_from_kind_and_round_trip() -> None:
    finding = encounter()
    assert finding.measure_id == "STS"
    assert finding.resolution_paragraph.startswith("2375 OP11")
    assert Finding.from_dict(finding.to_dict()) == finding
    assert finding.bbox() == (124.5, 38.6, 124.5, 38.6)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"confidence": 1.5}, ValueError),
        ({"end": T0 - timedelta(hours=1)}, ValueError),
        ({"start": datetime(2024, 3, 1)}, ValueError),
        ({"measure_id": "NOPE"}, UnknownMeasureError),
        ({"kind": "unheard_of"}, UnknownMeasureError),
    ],
)
def test_bad_findings_are_refused(changes: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        encounter(**changes)


def test_storing_again_adds_nothing(store: Store) -> None:
    first = save_findings(store, [encounter(), encounter()])
    assert (first.added, first.existing) == (1, 0)
    second = save_findings(store, [encounter()])
    assert (second.added, second.existing) == (0, 1)
    assert store.conn.execute("SELECT count(*) FROM findings").fetchone() == (1,)
    assert get_finding(store, encounter().id)["summary"] == "two tankers met"
    with pytest.raises(UnknownFindingError):
        get_finding(store, "encounter-0000")


def test_filters(store: Store) -> None:
    far = encounter(
        start=T0 + timedelta(days=10),
        end=T0 + timedelta(days=10, hours=2),
        geometry={"type": "Point", "coordinates": [129.0, 41.0]},
        subjects=(Subject("vessel", "party", mmsi=999),),
    )
    save_findings(store, [encounter(), far])
    assert len(list_findings(store)) == 2
    assert [f["id"] for f in list_findings(store, mmsi=999)] == [far.id]
    assert [f["id"] for f in list_findings(store, bbox=(124, 38, 125, 39))] == [encounter().id]
    assert [f["id"] for f in list_findings(store, since=T0 + timedelta(days=5))] == [far.id]
    assert list_findings(store, kinds=["loitering"]) == []
