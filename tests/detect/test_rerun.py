"""Re-running detection after new data: an episode that grew is a new finding and the shorter
one is marked superseded (not duplicated as live); unchanged episodes keep their ids."""

from __future__ import annotations

import pytest

from tests.detect.tracks import Tracks
from vigil.detect.driver import run
from vigil.detect.risk import profiles
from vigil.findings.review import FindingFilter, query_findings
from vigil.findings.store import get_finding, list_findings
from vigil.findings.supersede import superseded_ids
from vigil.store import Store

SEA = (38.50, 123.20)
FAR = (36.80, 123.60)


def first_day() -> Tracks:
    # vessel 1 loiters 5 h (and keeps loitering tomorrow); vessel 2 loiters 6 h, then sails off
    t = Tracks().still(1, *SEA, 0, 5)
    return t.still(2, *FAR, 0, 6).sail(2, FAR, (36.0, 123.6), 6.1, 10)


@pytest.mark.parametrize(
    ("more_hours", "superseded"),
    [
        (0.0, 0),  # nothing new for vessel 1: nothing superseded
        (4.0, 1),  # vessel 1's stop grew from 5 h to 9 h: the 5 h finding is superseded
    ],
)
def test_grown_episode_supersedes_the_shorter(
    store: Store, more_hours: float, superseded: int
) -> None:
    first_day().write(store)
    before = {f.subjects[0].mmsi: f.id for f in run(store, ["loitering"]).findings}
    assert set(before) == {1, 2}
    if more_hours:
        Tracks().still(1, *SEA, 5 + 300 / 3600, 5 + more_hours).write(store, first_id=10_000)
    again = run(store, ["loitering"])
    after = {f.subjects[0].mmsi: f.id for f in again.findings}
    assert after[2] == before[2]  # vessel 2's episode did not change: same id
    assert again.superseded == superseded
    marked = superseded_ids(store)
    assert marked == ({before[1]} if superseded else set())
    assert (after[1] == before[1]) == (not superseded)
    live = store.conn.execute(
        "SELECT count(*) FROM findings WHERE finding_id NOT IN"
        " (SELECT finding_id FROM finding_superseded)"
    ).fetchone()
    assert live is not None and live[0] == 2  # one live finding per episode
    assert run(store, ["loitering"]).superseded == 0  # a third run changes nothing
    risk = {r["mmsi"]: r["findings"] for r in profiles(store, None)}
    assert risk[1] == {"loitering": 1}  # the superseded finding is not counted twice


def test_readers_leave_superseded_findings_out(store: Store) -> None:
    first_day().write(store)
    old = {f.subjects[0].mmsi: f.id for f in run(store, ["loitering"]).findings}[1]
    Tracks().still(1, *SEA, 5 + 300 / 3600, 9).write(store, first_id=10_000)
    new = {f.subjects[0].mmsi: f.id for f in run(store, ["loitering"]).findings}[1]
    listed = {f["id"] for f in list_findings(store)}
    assert old not in listed and new in listed
    assert old in {f["id"] for f in list_findings(store, include_superseded=True)}
    page = query_findings(store, FindingFilter(), 0, 100)
    assert page.total == 2 and old not in {f["id"] for f in page.findings}
    assert query_findings(store, FindingFilter(include_superseded=True), 0, 100).total == 3
    assert get_finding(store, old)["superseded_by"] == new  # still readable, with its successor
    assert "superseded_by" not in get_finding(store, new)
