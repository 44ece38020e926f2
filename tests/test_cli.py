"""The CLI as a user runs it: help lists every command, bad input exits non-zero naming the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data import ROOT, UN_XML


def vigil(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VIGIL_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "vigil.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = vigil(tmp_path, "--help")
    assert result.returncode == 0
    for command in ("register", "version"):
        assert command in result.stdout
    sub = vigil(tmp_path, "register", "--help")
    for command in ("ingest", "stats", "show", "versions", "diff", "export"):
        assert command in sub.stdout


@pytest.mark.parametrize(
    ("content", "fmt", "message"),
    [
        ("", None, "file is empty"),
        ("<CONSOLIDATED_LIST><INDIVIDUALS>", "un-xml", "malformed XML"),
        ("hello", None, "format not recognised"),
    ],
)
def test_bad_input_exits_non_zero_and_names_the_file(
    tmp_path: Path, content: str, fmt: str | None, message: str
) -> None:
    path = tmp_path / "input.dat"
    path.write_text(content)
    args = ["register", "ingest", str(path)] + (["--format", fmt] if fmt else [])
    result = vigil(tmp_path / "home", *args)
    assert result.returncode != 0
    assert str(path) in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_values_are_refused(tmp_path: Path) -> None:
    result = vigil(tmp_path, "register", "ingest", str(UN_XML), "--format", "pdf")
    assert result.returncode != 0 and "--format" in result.stderr


def test_ingest_stats_show_versions_export_as_json(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ingested = json.loads(vigil(home, "register", "ingest", str(UN_XML), "--json").stdout)
    assert ingested[0]["created"] is True and ingested[0]["record_count"] == 1003
    stats = json.loads(vigil(home, "register", "stats", "--json").stdout)
    assert stats["lists"]["un"]["dprk"] == {"Organization": 75, "Person": 80}
    shown = json.loads(vigil(home, "register", "show", "un-kpi-001", "--json").stdout)
    assert shown["provenance"]["record"] == "KPi.001"
    assert shown["provenance"]["published"] == "2026-02-27"
    assert "<REFERENCE_NUMBER>KPi.001</REFERENCE_NUMBER>" in shown["provenance"]["raw"]
    versions = json.loads(vigil(home, "register", "versions", "--json").stdout)
    assert [v["list"] for v in versions] == ["un"]
    exported = vigil(home, "register", "export", "--format", "ftm").stdout.splitlines()
    entities = [json.loads(line) for line in exported]
    mains = [e for e in entities if e["schema"] in ("Person", "Organization")]
    assert len(mains) == 155  # the DPRK view
    csv_out = vigil(home, "register", "export", "--format", "csv", "--all-regimes").stdout
    assert csv_out.startswith("entity_id,schema,prop,value")
    missing = vigil(home, "register", "show", "un-nope")
    assert missing.returncode != 0 and "un-nope" in missing.stderr
