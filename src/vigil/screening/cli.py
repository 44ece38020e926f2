"""``vigil screen`` and ``vigil screen-decide``: thin commands over the screening API."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vigil.console import err, print_json, print_table
from vigil.screening.errors import QueryError
from vigil.settings import Settings, get_settings
from vigil.store import Store

if TYPE_CHECKING:
    from vigil.screening.api import Screener

# The screening modules load followthemoney, rigour and numpy: commands import them when run.
DEFAULT_LIMIT = 10  # the API's default (vigil.screening.api.DEFAULT_LIMIT, checked by a test)

app = typer.Typer(no_args_is_help=True, help="Screen names against the register.")


def _screener(settings: Settings, store: Store) -> Screener:
    from vigil.screening.api import Screener
    from vigil.screening.cache import load_index
    from vigil.screening.decisions import suppressed_pairs

    return Screener(load_index(settings, store), suppressed_pairs(store))


def screen(
    name: Annotated[str | None, typer.Argument(help="Name to screen, in any script.")] = None,
    schema: Annotated[
        str, typer.Option(help="Person, Organization, Company, Vessel or any.")
    ] = "any",
    birth_date: Annotated[str | None, typer.Option(help="Birth date or year (ISO).")] = None,
    country: Annotated[list[str] | None, typer.Option(help="Nationality or country.")] = None,
    id_: Annotated[list[str] | None, typer.Option("--id", help="IMO, MMSI, passport...")] = None,
    threshold: Annotated[float | None, typer.Option(help="Match threshold.")] = None,
    limit: Annotated[int, typer.Option(help="Results to show.")] = DEFAULT_LIMIT,
    list_: Annotated[list[str] | None, typer.Option("--list", help="un, ofac, un-vessels.")] = None,
    algorithm: Annotated[str | None, typer.Option(help="Algorithm version.")] = None,
    batch: Annotated[Path | None, typer.Option(help="CSV of names to screen.")] = None,
    out: Annotated[Path | None, typer.Option(help="Output CSV for --batch.")] = None,
    workers: Annotated[int, typer.Option(help="Processes for --batch.")] = 2,
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Screen one name, or a CSV file with --batch IN.csv --out OUT.csv."""
    from vigil.screening.algorithms import get_algorithm
    from vigil.screening.batch import screen_file
    from vigil.screening.models import Query

    settings = get_settings()
    get_algorithm(algorithm)
    with Store.open(settings) as store:
        screener = _screener(settings, store)
    if batch is not None:
        if out is None:
            raise QueryError("--batch needs --out")
        report = screen_file(
            screener, batch, out, threshold=threshold, workers=workers, settings=settings
        )
        summary = {
            "rows": report.rows,
            "distinct": report.distinct,
            "screened": report.screened,
            "matched": report.matched,
        }
        bad = [{"line": line, "error": message} for line, message in report.bad_rows]
        if json:
            print_json({**summary, "bad_rows": bad})
            return
        print_table("batch", list(summary), [list(summary.values())])
        for row in bad:
            err.print(f"line {row['line']}: {row['error']}")
        return
    if name is None:
        raise QueryError("give a NAME or --batch IN.csv")
    query = Query(name, schema, birth_date, tuple(country or ()), tuple(id_ or ()))
    results = screener.screen(
        query, threshold=threshold, limit=limit, lists=list_, algorithm=algorithm
    )
    if json:
        print_json({"query": query.__dict__, "results": [r.to_dict() for r in results]})
        return
    rows = [[r.entity_id, r.caption, f"{r.score:.3f}", r.match, r.explain()] for r in results]
    print_table(f"screening {name!r}", ["id", "caption", "score", "match", "why"], rows)


@app.command("false-positive")
def false_positive(
    name: Annotated[str, typer.Argument(help="The query name.")],
    entity_id: Annotated[str, typer.Argument(help="The entry to suppress for it.")],
    analyst: Annotated[str, typer.Option(help="Who decides.")],
    reason: Annotated[str, typer.Option(help="Why it is not a match.")],
    schema: Annotated[str, typer.Option(help="Schema of the query.")] = "any",
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Mark an entry as a false positive for a query (it is suppressed from then on)."""
    from vigil.screening.algorithms import get_algorithm
    from vigil.screening.decisions import mark_false_positive
    from vigil.screening.models import Query

    with Store.open(get_settings()) as store:
        decision = mark_false_positive(
            store, Query(name, schema), entity_id, analyst, reason, get_algorithm().name
        )
    if json:
        print_json(decision.__dict__)
        return
    print_table("decision", ["query", "entity", "analyst", "when"],
                [[decision.query_key, decision.entity_id, decision.analyst, decision.decided_at]])  # fmt: skip


@app.command("list")
def list_(json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the analysts' decisions, newest first."""
    from vigil.screening.decisions import list_decisions

    with Store.open(get_settings()) as store:
        decisions = list_decisions(store)
    if json:
        print_json([d.__dict__ for d in decisions])
        return
    rows = [[d.query_key, d.entity_id, d.analyst, d.reason, d.algorithm, d.decided_at]
            for d in decisions]  # fmt: skip
    print_table("screening decisions", ["query", "entity", "analyst", "why", "algo", "when"], rows)


def register(root: typer.Typer) -> None:
    """Add ``vigil screen`` and ``vigil screen-decide`` to the root app."""
    root.command("screen")(screen)
    root.add_typer(app, name="screen-decide", help="Analysts' decisions on screening results.")
