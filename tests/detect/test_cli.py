"""``vigil detect``, ``vigil findings list`` and ``vigil vessels risk`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.detect.tracks import Tracks
from vigil.settings import Settings
from vigil.store import Store


def _fleet(home: Path) -> None:
    with Store.open(Settings(home=home, progress="never")) as store:
        Tracks().still(1, 38.5, 123.2, 0, 5).still(2, 38.5018, 123.2, 0, 5).write(store)


def test_detect_list_risk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fleet(tmp_path)
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    first = run_cli(capsys, "detect", "--detectors", "encounter,loitering", "--json")
    assert first.code == 0, first.stderr
    assert json.loads(first.stdout)["findings"] == {"encounter": 1, "loitering": 2}
    again = run_cli(capsys, "detect", "--detectors", "encounter,loitering", "--json")
    assert json.loads(again.stdout)["added"] == 0
    listed = json.loads(run_cli(capsys, "findings", "list", "--kind", "encounter", "--json").stdout)
    assert [f["kind"] for f in listed] == ["encounter"]
    risk = json.loads(run_cli(capsys, "vessels", "risk", "--json").stdout)
    assert {p["mmsi"] for p in risk} == {1, 2}
    assert all(p["findings"] == {"encounter": 1, "loitering": 1} for p in risk)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["detect", "--detectors", "nope"], "unknown detector"),
        (["detect", "--param", "encounter.max_distance_m=x"], "is not a float"),
        (["detect", "--since", "yesterday"], "--since must be an ISO date"),
        (["detect", "--engine", "oracle"], "unknown engine"),
    ],
)
def test_detect_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    _fleet(tmp_path)
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    outcome = run_cli(capsys, *args)
    assert outcome.code != 0
    assert message in outcome.stderr + outcome.stdout


def test_detect_on_empty_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    outcome = run_cli(capsys, "detect")
    assert outcome.code != 0
    assert "no AIS positions" in outcome.stderr
