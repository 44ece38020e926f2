"""Empty stores, empty windows, one-position vessels and malformed parameters: clear errors."""

from __future__ import annotations

import pytest

from tests.detect.tracks import T0, Tracks
from vigil.detect.driver import run
from vigil.detect.engine import Window
from vigil.detect.errors import NoDataError, ParameterError, UnknownDetectorError
from vigil.detect.params import parse_param_options
from vigil.errors import VigilError
from vigil.store import Store


def test_empty_store(store: Store) -> None:
    with pytest.raises(NoDataError, match="no AIS positions; ingest"):
        run(store)


def test_empty_window(store: Store) -> None:
    Tracks().still(1, 38.5, 123.2, 0, 2).write(store)
    with pytest.raises(NoDataError, match="no AIS positions in the chosen window"):
        run(store, window=Window(since_s=T0 + 86400 * 30))


def test_vessels_with_one_position(store: Store) -> None:
    Tracks().still(1, 38.5, 123.2, 0, 0).still(2, 38.6, 123.3, 1, 1).write(store)
    assert run(store, save=False).findings == []


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (["encounter.max_distance_m"], ParameterError, "must look like DETECTOR.NAME=VALUE"),
        (
            ["encounter.max_distance_m=near"],
            ParameterError,
            "encounter.max_distance_m='near' is not a float",
        ),
        (["encounter.max_distance_m=-5"], ParameterError, "must be positive"),
        (["encounter.speed=3"], ParameterError, "unknown parameter encounter.speed"),
        (["nothing.x=1"], ParameterError, "unknown detector 'nothing'"),
        (["loitering.min_duration_s=4.5"], ParameterError, "is not a int"),
    ],
)
def test_malformed_parameters(
    store: Store, options: list[str], error: type[VigilError], message: str
) -> None:
    Tracks().still(1, 38.5, 123.2, 0, 2).write(store)
    with pytest.raises(error, match=message):
        run(store, overrides=parse_param_options(options), save=False)


def test_unknown_detector(store: Store) -> None:
    Tracks().still(1, 38.5, 123.2, 0, 2).write(store)
    with pytest.raises(UnknownDetectorError, match="unknown detector"):
        run(store, ["encounters"])


def test_override_is_applied(store: Store) -> None:
    Tracks().still(1, 38.5, 123.2, 0, 3).write(store)
    assert run(store, ["loitering"], save=False).findings == []
    result = run(
        store,
        ["loitering"],
        overrides=parse_param_options(["loitering.min_duration_s=7200"]),
        save=False,
    )
    assert [f.kind for f in result.findings] == ["loitering"]
    assert result.findings[0].parameters["min_duration_s"] == 7200
