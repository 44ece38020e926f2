"""The CLI as a user runs it: help lists every command, bad input exits non-zero naming the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tests.data import ROOT, UN_XML


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VIGIL_PROGRESS", "never")
    return tmp_path / "home"


def test_real_process_help_and_exit_code(tmp_path: Path) -> None:
    env = {**os.environ, "VIGIL_HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    help_out = subprocess.run(
        [sys.executable, "-m", "vigil.cli", "--help"], capture_output=True, text=True, env=env
    )
    assert help_out.returncode == 0
    for command in ("register", "screen", "ais", "simulate", "version"):
        assert command in help_out.stdout
    empty = tmp_path / "empty.xml"
    empty.write_text("")
    failed = subprocess.run(
        [sys.executable, "-m", "vigil.cli", "register", "ingest", str(empty)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert failed.returncode == 3
    assert f"{empty}: file is empty" in failed.stderr and "Traceback" not in failed.stderr


def test_register_help_lists_its_commands(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "register", "--help")
    for command in ("ingest", "stats", "show", "versions", "diff", "export"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("content", "fmt", "message"),
    [
        ("", None, "file is empty"),
        ("<CONSOLIDATED_LIST><INDIVIDUALS>", "un-xml", "malformed XML"),
        ("hello", None, "format not recognised"),
    ],
)
def test_bad_input_exits_non_zero_and_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, fmt: str | None, message: str
) -> None:
    path = tmp_path / "input.dat"
    path.write_text(content)
    args = ["register", "ingest", str(path)] + (["--format", fmt] if fmt else [])
    result = run_cli(capsys, *args)
    assert result.code != 0
    assert str(path) in result.stderr and message in result.stderr


def test_unknown_option_values_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "register", "ingest", str(UN_XML), "--format", "pdf")
    assert result.code == 2 and "--format" in result.stderr
    result = run_cli(capsys, "register", "diff", "--list", "nope")
    assert result.code == 2 and "--list" in result.stderr


def test_ingest_stats_show_versions_export_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    ingested = json.loads(run_cli(capsys, "register", "ingest", str(UN_XML), "--json").stdout)
    assert ingested[0]["created"] is True and ingested[0]["record_count"] == 1003
    stats = json.loads(run_cli(capsys, "register", "stats", "--json").stdout)
    assert stats["lists"]["un"]["dprk"] == {"Organization": 75, "Person": 80}
    shown = json.loads(run_cli(capsys, "register", "show", "un-kpi-001", "--json").stdout)
    assert shown["provenance"]["record"] == "KPi.001"
    assert shown["provenance"]["published"] == "2026-02-27"
    assert "<REFERENCE_NUMBER>KPi.001</REFERENCE_NUMBER>" in shown["provenance"]["raw"]
    versions = json.loads(run_cli(capsys, "register", "versions", "--json").stdout)
    assert [v["list"] for v in versions] == ["un"]
    exported = run_cli(capsys, "register", "export", "--format", "ftm").stdout.splitlines()
    entities = [json.loads(line) for line in exported]
    mains = [e for e in entities if e["schema"] in ("Person", "Organization")]
    assert len(mains) == 155  # the DPRK view
    csv_out = run_cli(capsys, "register", "export", "--format", "csv", "--all-regimes").stdout
    assert csv_out.startswith("entity_id,schema,prop,value")
    missing = run_cli(capsys, "register", "show", "un-nope")
    assert missing.code != 0 and "un-nope" in missing.stderr
