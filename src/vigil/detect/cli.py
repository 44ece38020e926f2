"""``vigil detect`` (run detectors, store findings) and ``vigil vessels risk`` (ranked profiles)."""

from __future__ import annotations

from typing import Annotated

import typer

from vigil.console import print_json, print_table
from vigil.findings.cli import parse_bbox, parse_time

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
vessels_app = typer.Typer(no_args_is_help=True, help="Vessels: risk profiles from their findings.")


def detect_command(
    since: Annotated[str | None, typer.Option(help="Positions at or after (ISO, UTC).")] = None,
    until: Annotated[str | None, typer.Option(help="Positions before (ISO, UTC).")] = None,
    bbox: Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat")] = None,
    detectors: Annotated[
        str | None, typer.Option(help="Comma-separated detectors (default: all).")
    ] = None,
    engine: Annotated[str, typer.Option(help="duckdb (default) or spark.")] = "duckdb",
    param: Annotated[
        list[str] | None,
        typer.Option("--param", help="Override: DETECTOR.NAME=VALUE (repeatable)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run maritime detectors over stored AIS positions and store their findings."""
    from vigil.detect.driver import run
    from vigil.detect.engine import Window
    from vigil.detect.params import parse_param_options
    from vigil.settings import get_settings
    from vigil.store import Store

    start, end = parse_time(since, "--since"), parse_time(until, "--until")
    window = Window(
        int(start.timestamp()) if start else None,
        int(end.timestamp()) if end else None,
        parse_bbox(bbox),
    )
    names = [d.strip() for d in detectors.split(",") if d.strip()] if detectors else None
    with Store.open(get_settings()) as store:
        result = run(store, names, window, engine, parse_param_options(param or []))
    if as_json:
        print_json(result.as_dict())
        return
    rows = [[k, str(v), f"{result.seconds[k]:.2f}"] for k, v in result.counts.items()]
    title = (
        f"{result.positions} positions on {result.engine}: {result.added} new findings,"
        f" {result.superseded} superseded"
    )
    print_table(title, ["detector", "findings", "seconds"], rows)


@vessels_app.command("risk")
def risk_command(
    limit: Annotated[int | None, typer.Option(help="At most this many vessels.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Vessels ranked by their stored findings and register links."""
    from vigil.detect.risk import profiles
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings(), read_only=True) as store:
        ranked = profiles(store, limit)
    if as_json:
        print_json(ranked)
        return
    rows = [
        [
            str(p["mmsi"]),
            f"{p['score']:.2f}",
            ", ".join(f"{k} {n}" for k, n in p["findings"].items()),
        ]
        for p in ranked
    ]
    print_table("Vessel risk", ["mmsi", "score", "findings"], rows)


def register(app: typer.Typer) -> None:
    """Add ``detect`` and ``vessels`` to the top-level app."""
    app.command("detect")(detect_command)
    app.add_typer(vessels_app, name="vessels")
