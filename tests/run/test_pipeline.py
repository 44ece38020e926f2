"""The main job over a small seeded store: every stage runs, and running again changes nothing."""

from __future__ import annotations

from pathlib import Path

from tests.api.seed import UN_VESSELS, seed_ais
from vigil.run.config import DetectConfig, ReportConfig, SourcesConfig, VigilConfig
from vigil.run.pipeline import STAGES, run_job
from vigil.store import Store


def test_run_job_stages_and_idempotence(store: Store, tmp_path: Path) -> None:
    seed_ais(store)  # 72 constructed positions of two vessels, one of them renamed
    config = VigilConfig(
        sources=SourcesConfig(lists=[UN_VESSELS]),
        detect=DetectConfig(enabled=True, screening=True),
        report=ReportConfig(out=tmp_path / "report", pdf="never"),
    )
    first = run_job(store, config)
    assert list(first.stages) == [name for name, _ in STAGES]
    assert first.stages["lists"][0]["created"] is True
    assert "positions" in first.stages["detect"]  # the detectors ran over the positions
    screening = first.stages["screening"]
    assert screening["names"] == 3
    assert {m["name"] for m in screening["matches"]} == {"RYE SONG GANG 1"}
    assert Path(first.stages["report"]["html"]).is_file()
    again = run_job(store, config)
    assert again.stages["lists"][0]["created"] is False
    assert again.stages["detect"]["added"] == 0
    assert again.stages["report"]["findings"] == first.stages["report"]["findings"]


def test_detection_can_be_switched_off(store: Store, tmp_path: Path) -> None:
    seed_ais(store)
    config = VigilConfig(detect=DetectConfig(enabled=False, screening=False),
                         report=ReportConfig(out=tmp_path / "r", pdf="never"))  # fmt: skip
    stages = run_job(store, config).stages
    assert stages["detect"] == {"skipped": "detection disabled"}
    assert stages["screening"] == {"skipped": "screening disabled"}
