"""The demo: the bundled lists load and the sample names get the verdicts the sample expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli


def test_demo_loads_lists_and_screens_the_sample(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    # The simulated AIS part is left out here to keep the suite fast; `make demo` runs it whole.
    outcome = run_cli(capsys, "demo", "--json", "--no-ais")
    assert outcome.code == 0, outcome.stderr
    result = json.loads(outcome.stdout)
    assert [item["list"] for item in result["lists"]] == ["un", "ofac"]
    assert result["dprk"]["un"] == {"Organization": 75, "Person": 80}
    assert result["dprk"]["ofac"]["Vessel"] == 105
    unexpected = [s["name"] for s in result["screening"] if not s["as_expected"]]
    assert unexpected == []
    # The main job ran on the sample: the German article was scanned and the report written.
    job = result["job"]["stages"]
    assert job["detect"] == {"skipped": "no positions"}
    assert job["documents"][0]["mentions"] > 0
    report = Path(result["report"]["html"])
    assert report.is_file() and report.parent == tmp_path / "report"
    assert result["report"]["findings"] >= 1
    # Running again adds no versions, and the readable output says how the sample fared.
    again = run_cli(capsys, "demo", "--no-ais")
    assert again.code == 0, again.stderr
    assert "already stored" in again.stdout and "new version" not in again.stdout
    assert "DPRK regime in un: 75 Organization, 80 Person" in again.stdout
    assert "11 of 11 verdicts as the sample expects" in again.stdout
    assert "report.html" in again.stdout and "vigil serve" in again.stdout
