"""``vigil run``: the main job, configured by ``vigil.toml``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.console import err, out, print_json


def run_command(
    config: Annotated[Path | None, typer.Option("--config", help="vigil.toml to use")] = None,
    check: Annotated[bool, typer.Option("--check", help="only validate the config")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Ingest the configured sources, run detectors and screening, and write the report."""
    from vigil.run.config import load_config
    from vigil.run.pipeline import run_job
    from vigil.settings import get_settings
    from vigil.store import Store

    settings = get_settings()
    loaded = load_config(settings, config)
    if check:
        print_json(loaded.model_dump(mode="json")) if as_json else out.print("config is valid")
        return
    with Store.open(settings) as store:
        report = run_job(store, loaded, None if as_json else lambda s: err.print(f"… {s}"))
    if as_json:
        print_json(report.as_dict())
        return
    for stage, seconds in report.seconds.items():
        out.print(f"{stage}: done in {seconds:.1f} s")
    out.print(f"report: {report.stages['report']['html']}")
