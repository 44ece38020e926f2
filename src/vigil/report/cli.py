"""``vigil report``: write the HTML (and PDF) report from the stored findings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.console import out, print_json


def report_command(
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="folder (default: [report] out)")
    ] = None,
    confirmed_only: Annotated[
        bool | None, typer.Option("--confirmed-only/--all", help="only confirmed findings")
    ] = None,
    pdf: Annotated[str | None, typer.Option(help="auto, always or never")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="vigil.toml to use")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Write the Panel-of-Experts-style report (summary, a chapter per measure, vessel annexes)."""
    from vigil.report.write import write_report
    from vigil.run.config import ReportConfig, load_config
    from vigil.settings import get_settings
    from vigil.store import Store

    settings = get_settings()
    loaded = load_config(settings, config).report
    changes = {
        k: v for k, v in {"confirmed_only": confirmed_only, "pdf": pdf}.items() if v is not None
    }
    report = ReportConfig.model_validate({**loaded.model_dump(), **changes})
    with Store.open(settings) as store:
        files = write_report(store, report, out_dir)
    result = {"html": str(files.html), "pdf": str(files.pdf) if files.pdf else None,
              "findings": files.findings}  # fmt: skip
    if as_json:
        print_json(result)
        return
    out.print(f"report: {files.html} ({files.findings} findings)")
    if files.pdf:
        out.print(f"pdf: {files.pdf}")
