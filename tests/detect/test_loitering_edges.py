"""Loitering under patchy reception: the edges of a stop dated from the neighbouring moving
reports (the right way round), and silences inside a stop bridged only when the vessel stayed."""

from __future__ import annotations

import pytest

from tests.detect.tracks import T0, H, Tracks
from vigil.detect.driver import run
from vigil.store import Store

SEA = (38.50, 123.20)
NORTH = (SEA[0] + 0.10, SEA[1])  # 11 km north: 1 h at 6 kn


def _spans(store: Store) -> list[tuple[float, float]]:
    found = run(store, ["loitering"], save=False).findings
    return sorted(((f.start.timestamp() - T0) / H, (f.end.timestamp() - T0) / H) for f in found)


# A vessel sails to SEA (reports every 5 min), stops there and later sails back north. In the
# second case reception loses the first 54 min and the last hour of the stop.
EDGES = [
    # case, tracks, expected (start_h, end_h) or None, tolerance_h
    ("all heard", Tracks().sail(1, NORTH, SEA, 0, 1).still(1, *SEA, 1.05, 5.5)
     .sail(1, SEA, NORTH, 5.55, 6.55), (1.0, 5.55), 0.1),
    # Without edge dating the slow reports span 3.5 h (< 4 h): the stop is found only if the
    # arrival is the moving report + its travel time (not the first slow report - it).
    ("edges in silence", Tracks().sail(1, NORTH, SEA, 0, 0.9).still(1, *SEA, 1.8, 5.3)
     .sail(1, (SEA[0] + 0.02, SEA[1]), NORTH, 6.3, 7.1), (0.83, 6.1), 0.05),
]  # fmt: skip


@pytest.mark.parametrize(("case", "tracks", "expected", "tol"), EDGES, ids=[c[0] for c in EDGES])
def test_edges(
    store: Store, case: str, tracks: Tracks, expected: tuple[float, float], tol: float
) -> None:
    tracks.write(store)
    (start, end), *rest = _spans(store)
    assert not rest
    assert start == pytest.approx(expected[0], abs=tol)
    assert end == pytest.approx(expected[1], abs=tol)


SILENCES = [
    # case, tracks, episodes expected
    ("5 h silence, stayed", Tracks().still(1, *SEA, 0, 3).still(1, *SEA, 8, 11), [(0, 11)]),
    ("5 h silence, moved 30 km",
     Tracks().still(1, *SEA, 0, 4.5).still(1, SEA[0] + 0.27, SEA[1], 9.5, 14), [(0, 4.5), (9.5, 14)]),
    ("14 h silence, stayed", Tracks().still(1, *SEA, 0, 4.5).still(1, *SEA, 18.5, 23),
     [(0, 4.5), (18.5, 23)]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "tracks", "expected"), SILENCES, ids=[c[0] for c in SILENCES])
def test_silences(
    store: Store, case: str, tracks: Tracks, expected: list[tuple[float, float]]
) -> None:
    tracks.write(store)
    assert _spans(store) == [pytest.approx(e, abs=0.01) for e in expected]
