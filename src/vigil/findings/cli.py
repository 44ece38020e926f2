"""``vigil findings``: list and show stored findings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from vigil.console import out, print_json, print_table
from vigil.errors import ConfigError

app = typer.Typer(no_args_is_help=True, help="Stored findings, each tied to a sanctions measure.")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def parse_time(text: str | None, option: str) -> datetime | None:
    """An ISO date or time given on the command line, as UTC."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ConfigError(f"{option} must be an ISO date or time, not {text!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` as four floats."""
    if text is None:
        return None
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError as exc:
        raise ConfigError(f"--bbox must be min_lon,min_lat,max_lon,max_lat, not {text!r}") from exc
    if len(values) != 4 or values[0] > values[2] or values[1] > values[3]:
        raise ConfigError(f"--bbox must be min_lon,min_lat,max_lon,max_lat, not {text!r}")
    return (values[0], values[1], values[2], values[3])


@app.command("list")
def list_cmd(
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only these kinds.")] = None,
    since: Annotated[str | None, typer.Option(help="Ending at or after (ISO, UTC).")] = None,
    until: Annotated[str | None, typer.Option(help="Starting at or before (ISO, UTC).")] = None,
    bbox: Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat")] = None,
    mmsi: Annotated[int | None, typer.Option(help="Only findings about this MMSI.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List stored findings, newest first."""
    from vigil.findings.store import list_findings
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings(), read_only=True) as store:
        found = list_findings(
            store, kind, parse_time(since, "--since"), parse_time(until, "--until"),
            parse_bbox(bbox), mmsi, limit,
        )  # fmt: skip
    if as_json:
        print_json(found)
        return
    rows = [
        (f["id"], f["kind"], f["start"], f["measure_id"], f"{f['confidence']:.2f}", f["summary"])
        for f in found
    ]
    print_table(
        f"{len(found)} findings", ["id", "kind", "start", "measure", "conf.", "summary"], rows
    )


@app.command()
def show(finding_id: str, as_json: JsonOpt = False) -> None:
    """One finding with its subjects, evidence and confidence reasons."""
    from vigil.findings.store import get_finding
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings(), read_only=True) as store:
        finding = get_finding(store, finding_id)
    if as_json:
        print_json(finding)
        return
    out.print(f"[bold]{finding['id']}[/bold] {finding['summary']}")
    out.print(f"  measure {finding['measure_id']}: {finding['resolution_paragraph']}")
    out.print(f"  {finding['start']} .. {finding['end']}, confidence {finding['confidence']:.2f}")
    for reason in finding["reasons"]:
        out.print(f"  - {reason}", markup=False)
    print_table("evidence", ["kind", "ref"], [(e["kind"], e["ref"]) for e in finding["evidence"]])
