"""``vigil register``: ingest lists, and show, compare and export their versions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from vigil.console import out, print_json, print_table, progress
from vigil.errors import ConfigError
from vigil.settings import get_settings
from vigil.store import Store

# The register's modules load followthemoney (about a second): commands import them when run,
# so that `vigil --help` and other parts' commands start fast.
LISTS = ("un", "ofac", "un-vessels")
FORMATS = ("un-xml", "ofac-csv", "un-vessels-csv")
EXPORT_FORMATS = ("ftm", "csv")

app = typer.Typer(no_args_is_help=True, help="The designations register (UN, OFAC, 1718 vessels).")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _check_list(name: str | None) -> None:
    if name is not None and name not in LISTS:
        raise ConfigError(f"--list must be one of {', '.join(LISTS)}, not {name!r}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="List files (or an OFAC CSV folder).")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=f"One of {', '.join(FORMATS)}; detected if omitted."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest list snapshots; each becomes a version (identical content adds nothing)."""
    from vigil.register.ingest import ingest as ingest_path

    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    results = []
    settings = get_settings()
    with Store.open(settings) as store:
        for path in progress(paths, settings, "ingesting lists", total=len(paths)):
            result = ingest_path(store, path, fmt)
            results.append(
                {"path": str(path), "created": result.created, **result.version.as_dict()}
            )
            if not as_json:
                verb = "new version" if result.created else "unchanged, already stored as"
                v = result.version
                out.print(
                    f"{path}: {verb} {v.version_id} ({v.label}): {v.record_count} records,"
                    f" {v.entity_count} entities, {v.statement_count} statements"
                )
                if result.quarantined:
                    out.print(f"  {result.quarantined} rows set aside (see register_quarantine)")
    if as_json:
        print_json(results)


@app.command()
def stats(as_json: JsonOpt = False) -> None:
    """Counts of the current versions by list, regime or program, and schema."""
    from vigil.register import query

    with Store.open(get_settings(), read_only=True) as store:
        data = query.stats(store)
    if as_json:
        print_json(data)
        return
    for name, info in data["lists"].items():
        out.print(f"[bold]{name}[/bold] {info['version']['label']}")
        dprk = ", ".join(f"{k} {v}" for k, v in info["dprk"].items())
        out.print(f"  DPRK regime: {dprk or 'none'}")
        rows = [
            (p, ", ".join(f"{s} {n}" for s, n in c.items())) for p, c in info["programs"].items()
        ]
        print_table(f"{name}: designated parties by regime or program", ["program", "count"], rows)


@app.command()
def show(entity_id: str, as_json: JsonOpt = False) -> None:
    """One entity with every value's provenance."""
    from vigil.register import query

    with Store.open(get_settings(), read_only=True) as store:
        data = query.get_entity(store, entity_id)
    if as_json:
        print_json(data)
        return
    prov = data["provenance"]
    out.print(f"[bold]{data['caption']}[/bold] ({data['schema']}, {data['id']})")
    out.print(f"  from {prov['list']} published {prov['published']}, record {prov['record']}")
    rows = [(s["prop"], s["value"], s["original_value"] or "") for s in data["statements"]]
    print_table("values", ["property", "value", "as given"], rows)


@app.command("versions")
def versions_cmd(
    list_name: Annotated[str | None, typer.Option("--list", help="Only this list.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every stored list version."""
    from vigil.register import versions

    _check_list(list_name)
    with Store.open(get_settings(), read_only=True) as store:
        found = versions.list_versions(store, list_name)
    if as_json:
        print_json([v.as_dict() for v in found])
        return
    rows = [
        (v.version_id, v.label, v.ingested_at, v.record_count, ", ".join(v.files)) for v in found
    ]
    print_table("register versions", ["id", "version", "ingested", "records", "files"], rows)


@app.command()
def diff(
    old: Annotated[int | None, typer.Argument(help="Old version id.")] = None,
    new: Annotated[int | None, typer.Argument(help="New version id.")] = None,
    list_name: Annotated[
        str | None, typer.Option("--list", help="Diff the two latest versions of this list.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """What changed between two versions: entries added, removed, and changed field by field."""
    from vigil.register import diff as diff_mod

    _check_list(list_name)
    with Store.open(get_settings(), read_only=True) as store:
        result = diff_mod.diff(store, list_name, old, new)
    if as_json:
        print_json(result.as_dict())
        return
    out.print(f"{result.old.label} -> {result.new.label}")
    for item in result.added:
        out.print(f"[green]+ {item['record']}[/green] {item['caption']}")
    for item in result.removed:
        out.print(f"[red]- {item['record']}[/red] {item['caption']}")
    for change in result.changed:
        out.print(f"[yellow]~ {change.record}[/yellow] {change.caption}")
        for ch in change.changes:
            for value in ch.removed:
                out.print(f"    {ch.field}: - {value}", markup=False)
            for value in ch.added:
                out.print(f"    {ch.field}: + {value}", markup=False)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="ftm (JSON lines) or csv.")] = "ftm",
    list_name: Annotated[str | None, typer.Option("--list", help="Only this list.")] = None,
    all_regimes: Annotated[
        bool, typer.Option("--all-regimes", help="All regimes, not only the DPRK view.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--out", help="File to write (default stdout).")
    ] = None,
) -> None:
    """Export the current entities (the DPRK regime unless --all-regimes)."""
    from vigil.register import export as export_mod

    _check_list(list_name)
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    lists = [list_name] if list_name else None
    with Store.open(get_settings(), read_only=True) as store:
        if output is None:
            export_mod.export(store, sys.stdout, fmt, lists, dprk_only=not all_regimes)
            return
        with output.open("w", encoding="utf-8", newline="") as fh:
            count = export_mod.export(store, fh, fmt, lists, dprk_only=not all_regimes)
    out.print(f"wrote {count} entities to {output}")
