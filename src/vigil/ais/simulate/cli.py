"""``vigil simulate``: write a labelled AIS scenario (NMEA, CSV, truth.json)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from vigil.console import print_json, print_table


def simulate_command(
    scenario: Annotated[
        str, typer.Option(help="scenario name (korea-bay, yellow-sea, east-sea, hard, scale)")
    ] = "korea-bay",
    out: Annotated[Path, typer.Option(help="output directory")] = Path("simulated"),
    vessels: Annotated[
        int | None, typer.Option(help="number of vessels (overrides the scenario)")
    ] = None,
    days: Annotated[
        int | None, typer.Option(help="number of days (overrides the scenario)")
    ] = None,
    seed: Annotated[int, typer.Option(help="random seed; the same seed gives the same output")] = 0,
    json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """Simulate AIS traffic with labelled events around the Korean peninsula."""
    from vigil.ais.simulate.runner import simulate  # numpy and the land mask: load when run

    summary = simulate(scenario, out, vessels=vessels, days=days, seed=seed)
    if json:
        print_json(asdict(summary))
        return
    rows = [(k, v) for k, v in asdict(summary).items() if k != "events"]
    rows += [(f"events: {k}", v) for k, v in sorted(summary.events.items())]
    print_table(f"simulated {summary.scenario}", ["", "value"], rows)
