"""``vigil ais`` as a user runs it, on the real captures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ais.conftest import SHARED_AIS

ROOT = Path(__file__).resolve().parents[2]


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


def test_ingest_stats_vessel(tmp_path: Path) -> None:
    first = vigil(
        tmp_path,
        "ais",
        "ingest",
        str(SHARED_AIS),
        "--assume-time",
        "2024-01-01T00:00:00Z",
        "--json",
    )
    assert first.returncode == 0, first.stderr
    files = json.loads(first.stdout)["files"]
    assert len(files) == 10 and all(
        f["lines_read"] == sum(f["dispositions"].values()) for f in files
    )
    stats = json.loads(vigil(tmp_path, "ais", "stats", "--json").stdout)
    assert stats["files"] == 10 and stats["positions"] == sum(f["positions"] for f in files)
    assert stats["quarantined"] == sum(f["quarantined"] for f in files)
    by_imo = json.loads(vigil(tmp_path, "ais", "vessel", "IMO9307839", "--json").stdout)
    assert [v["mmsi"] for v in by_imo["vessels"]] == [636021061]
    names = [i["value"] for i in by_imo["vessels"][0]["identity"] if i["field"] == "name"]
    assert names == ["MSC NAISHA III"]
    assert by_imo["vessels"][0]["track"]["segments"]
    assert stats["messages_kept"] == sum(
        f["dispositions"].get(k, 0) for f in files for k in ("position", "static", "other")
    )
    first_id = min(i["first_raw_id"] for i in by_imo["vessels"][0]["identity"])
    cited = vigil(tmp_path, "ais", "line", str(first_id), "--json")
    assert cited.returncode == 0, cited.stderr
    line = json.loads(cited.stdout)
    assert line["raw_id"] == first_id and not line["copied"]
    written = Path(line["path"]).read_text().splitlines()
    assert written[line["line_no"] - 1] == line["text"] and "636021061" in line["text"]


def test_errors_exit_non_zero_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    result = vigil(tmp_path, "ais", "ingest", str(bad), "--format", "csv")
    assert (
        result.returncode == 3
        and "bad.csv" in result.stderr
        and "missing required" in result.stderr
    )
    unknown = vigil(tmp_path, "ais", "vessel", "123456789", "--json")
    assert unknown.returncode != 0 and "no vessel" in unknown.stderr
