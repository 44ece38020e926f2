"""``vigil demo``: print the main job's results on the bundled sample, readably or as JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from vigil.console import out, print_json, print_table


def demo_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Run Vigil's main job on the bundled sample data (lists, register, screening)."""
    from vigil.demo import run_demo
    from vigil.settings import get_settings
    from vigil.store import Store

    settings = get_settings()
    with Store.open(settings) as store:
        result = run_demo(store)
    if as_json:
        print_json(result)
        return
    out.print(f"[bold]Vigil demo[/bold] — store: {settings.db_path}")
    for item in result["lists"]:
        state = "new version" if item["created"] else "already stored"
        out.print(f"  {item['file']}: {state} {item['label']}, {item['record_count']} records")
    for name, counts in result["dprk"].items():
        listed = ", ".join(f"{n} {schema}" for schema, n in counts.items())
        out.print(f"  DPRK regime in {name}: {listed}")
    rows = []
    for item in result["screening"]:
        best = item["best"] or {}
        verdict = "MATCH" if best.get("match") else "no match"
        if not item["as_expected"]:
            verdict += " (unexpected)"
        rows.append(
            (item["name"], verdict, best.get("caption", "—"), ", ".join(best.get("lists", [])),
             f"{best.get('score', 0.0):.2f}", item["why"])
        )  # fmt: skip
    print_table(
        "Screening the sample names (best entry)",
        ["name", "verdict", "best entry", "list", "score", "why it is in the sample"],
        rows,
    )
    agreed = sum(item["as_expected"] for item in result["screening"])
    out.print(f"{agreed} of {len(result['screening'])} verdicts as the sample expects.")
    out.print("Explain any result: vigil screen NAME --json; inspect: vigil register show ID")
