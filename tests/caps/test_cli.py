"""``vigil caps`` and ``vigil trade`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.caps.conftest import FIXTURES, PUBLIC
from tests.cli_runner import run_cli


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VIGIL_PROGRESS", "never")
    return tmp_path / "home"


def test_caps_and_trade_commands(capsys: pytest.CaptureFixture[str]) -> None:
    ingested = run_cli(capsys, "caps", "ingest", str(PUBLIC), "--json")
    assert ingested.code == 0
    body = json.loads(ingested.stdout)
    assert (body["ingest"]["rows_kept"], body["findings_added"]) == (10, 1)
    status = json.loads(run_cli(capsys, "caps", "status", "--year", "2024", "--json").stdout)
    assert status["caps"][0]["reported_bbl"] == 168679
    human = run_cli(capsys, "caps", "status")
    assert "gap: Russian Federation 2024-02..2024-10" in human.stdout
    trade = FIXTURES / "trade" / "comtrade_dprk_partners.csv"
    assert run_cli(capsys, "trade", "ingest", str(trade)).code == 0
    checked = json.loads(run_cli(capsys, "trade", "check", "--json").stdout)
    assert checked["added"] == 6  # 2021 petroleum is within what China notified
    listed = json.loads(
        run_cli(capsys, "findings", "list", "--kind", "mirror_trade", "--json").stdout
    )
    assert len(listed) == 6


def test_bad_rows_are_reported_with_lines(capsys: pytest.CaptureFixture[str]) -> None:
    outcome = run_cli(capsys, "caps", "ingest", str(FIXTURES / "caps" / "notifications_bad.csv"))
    assert outcome.code == 0
    assert "line 4: invalid: unknown unit 'gallons'" in outcome.stdout


@pytest.mark.parametrize("command", ["caps", "trade"])
def test_a_missing_file_is_one_line_and_non_zero(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    outcome = run_cli(capsys, command, "ingest", str(tmp_path / "nope.csv"))
    assert outcome.code == 3
    assert "nope.csv" in outcome.stderr and len(outcome.stderr.strip().splitlines()) == 1
