"""Registers the main job's commands on the ``vigil`` app: run, report, serve, api, review, cases."""

from __future__ import annotations

import typer

from vigil.api.cli import app as api_app
from vigil.api.cli import serve_command
from vigil.report.cli import report_command
from vigil.run.cli import run_command
from vigil.run.review_cli import cases_app, review_app


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""
    app.command("run")(run_command)
    app.command("report")(report_command)
    app.command("serve")(serve_command)
    app.add_typer(api_app, name="api")
    app.add_typer(review_app, name="review")
    app.add_typer(cases_app, name="cases")
