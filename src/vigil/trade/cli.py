"""``vigil trade``: UN Comtrade mirror statistics checked against the DPRK trade bans."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.console import out, print_json, print_table

app = typer.Typer(no_args_is_help=True, help="Mirror trade: partner-reported trade with the DPRK.")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command()
def ingest(
    path: Annotated[Path, typer.Argument(help="UN Comtrade-format CSV.")],
    as_json: JsonOpt = False,
) -> None:
    """Ingest a Comtrade CSV; bad rows are quarantined with their line and reason."""
    from vigil.settings import get_settings
    from vigil.store import Store
    from vigil.trade.ingest import ingest_trade

    with Store.open(get_settings()) as store:
        result = ingest_trade(store, path).as_dict()
    if as_json:
        print_json(result)
        return
    if result["already_ingested"]:
        out.print(f"{path}: already ingested (file {result['file_id']}); nothing added")
        return
    out.print(f"{path}: {result['rows_kept']} of {result['rows_read']} rows kept,"
              f" quarantined {result['quarantined'] or 'none'}")  # fmt: skip
    for problem in result["problems"]:
        out.print(
            f"  line {problem['line']}: {problem['reason']}: {problem['detail']}", markup=False
        )


@app.command()
def check(as_json: JsonOpt = False) -> None:
    """Flag banned goods traded with the DPRK and petroleum beyond notifications; store findings."""
    from vigil.settings import get_settings
    from vigil.store import Store
    from vigil.trade.check import check_and_store

    with Store.open(get_settings()) as store:
        result = check_and_store(store)
    if as_json:
        print_json(result)
        return
    rows = [(f["id"], f["measure_id"], f["summary"]) for f in result["findings"]]
    print_table(f"{len(rows)} mirror-trade findings ({result['added']} new)",
                ["id", "measure", "summary"], rows)  # fmt: skip
