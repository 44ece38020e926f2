"""``vigil caps``: the resolution 2397 petroleum ledger (notifications, status, findings)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.console import out, print_json, print_table

app = typer.Typer(
    no_args_is_help=True,
    help="Resolution 2397 petroleum caps: notifications, running totals, alerts and gaps.",
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command()
def ingest(
    path: Annotated[Path, typer.Argument(help="Notification table (CSV).")],
    as_json: JsonOpt = False,
) -> None:
    """Ingest a notification table; bad rows are quarantined with their line and reason."""
    from vigil.caps.ingest import ingest_and_check
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        result = ingest_and_check(store, path)
    if as_json:
        print_json(result)
        return
    done = result["ingest"]
    if done["already_ingested"]:
        out.print(f"{path}: already ingested (file {done['file_id']}); nothing added")
    else:
        out.print(f"{path}: {done['rows_kept']} of {done['rows_read']} rows kept,"
                  f" quarantined {done['quarantined'] or 'none'}")  # fmt: skip
        for problem in done["problems"]:
            out.print(f"  line {problem['line']}: {problem['reason']}: {problem['detail']}",
                      markup=False)  # fmt: skip
    out.print(f"{result['findings_added']} new findings ({len(result['findings'])} in all)")


@app.command()
def status(
    year: Annotated[
        int | None, typer.Option(help="Calendar year (default: latest notified).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Notified deliveries against each cap, with observed-delivery scenarios."""
    from vigil.caps.status import ledger_status
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings(), read_only=True) as store:
        result = ledger_status(store, year).as_dict()
    if as_json:
        print_json(result)
        return
    for cap in result["caps"]:
        rows = [("reported", f"{cap['reported_bbl']:,.0f}", f"{cap['percent_of_cap']:.1f}%")]
        for label, value in cap["reported_plus_observed"].items():
            rows.append((f"reported + observed at {label} laden", f"{value['total_bbl']:,.0f}",
                         f"{value['percent_of_cap']:.1f}%"))  # fmt: skip
        print_table(f"{cap['cap']} {cap['period']}: cap {cap['cap_bbl']:,.0f} bbl ({cap['resolution']})",
                    ["", "bbl", "of cap"], rows)  # fmt: skip
        for gap in cap["gaps"]:
            out.print(
                f"  gap: {gap['supplier']} {gap['from']}..{gap['to']} ({gap['months']} months)"
            )


@app.command()
def check(as_json: JsonOpt = False) -> None:
    """Recompute and store the ledger's findings (alerts, caps exceeded, reporting gaps)."""
    from vigil.caps.alerts import check_caps
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        result = check_caps(store)
    if as_json:
        print_json(result)
        return
    rows = [(f["id"], f["kind"], f["summary"]) for f in result["findings"]]
    print_table(
        f"{len(rows)} ledger findings ({result['added']} new)", ["id", "kind", "summary"], rows
    )
