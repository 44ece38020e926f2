"""``vigil demo``: print the main job's results on the bundled sample, readably or as JSON."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from vigil.console import out, print_json, print_table


def demo_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    vessels: Annotated[int, typer.Option(help="vessels in the simulated scenario")] = 30,
    ais: Annotated[bool, typer.Option("--ais/--no-ais", help="simulate and analyse AIS")] = True,
) -> None:
    """Run Vigil's main job on the bundled sample: lists, screening, simulated AIS, report."""
    from vigil.demo import Scenario, run_demo
    from vigil.settings import get_settings
    from vigil.store import Store

    settings = get_settings()
    with Store.open(settings) as store:
        result = run_demo(store, settings.home, Scenario(vessels=vessels) if ais else None)
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
    ship = result["designated_vessel"]
    if ship:
        out.print(f"Designated vessel in the scenario: {ship['name']} (IMO {ship['imo']}, "
                  f"MMSI {ship['mmsi']}, register {ship['entity_id']})")  # fmt: skip
    job = result["job"]
    for stage, seconds in job["seconds"].items():
        out.print(f"  {stage}: {_stage_line(stage, job['stages'][stage])} ({seconds:.1f} s)")
    report = result["report"]
    out.print(f"[bold]Report[/bold]: {report['html']} ({report['findings']} findings)")
    if report["pdf"]:
        out.print(f"[bold]PDF[/bold]: {report['pdf']}")
    out.print(f"[bold]Web UI[/bold]: VIGIL_HOME={settings.home} vigil serve, then open "
              "http://127.0.0.1:8000/ (API docs at /docs)")  # fmt: skip


def _stage_line(stage: str, result: Any) -> str:
    """One line on what a stage of the main job did."""
    if stage == "detect" and "findings" in result:
        return f"{sum(result['findings'].values())} findings ({result['added']} new)"
    if stage == "ais":
        return f"{sum(r.get('positions', 0) for r in result)} positions from {len(result)} files"
    if stage == "documents":
        return f"{sum(r.get('mentions', 0) for r in result)} mentions in {len(result)} documents"
    if stage == "screening" and "matches" in result:
        return f"{len(result['matches'])} of {result['names']} broadcast names match the register"
    if stage == "report":
        return f"{result['findings']} findings reported"
    return f"{len(result)} items" if isinstance(result, list) else str(result)[:80]
