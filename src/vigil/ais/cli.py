"""``vigil ais``: ingest files, listen to feeds, build tracks, and show what is stored."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from vigil.ais.errors import AisError
from vigil.console import print_json, print_table
from vigil.settings import get_settings
from vigil.store import Store

app = typer.Typer(no_args_is_help=True, help="AIS: ingest, live feeds, tracks and identities.")

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def parse_time(value: str | None) -> float | None:
    """An ISO 8601 time (UTC unless it says otherwise) as unix seconds."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise AisError(
            f"--assume-time must be ISO 8601 (e.g. 2024-01-01T00:00:00Z), not {value!r}"
        ) from exc
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def parse_mapping(value: str | None) -> dict[str, str] | None:
    """``field=Column,field=Column`` as a dict."""
    if not value:
        return None
    pairs = [item.split("=", 1) for item in value.split(",") if item]
    if any(len(p) != 2 for p in pairs):
        raise AisError(f"--map must be field=Column pairs separated by commas, not {value!r}")
    return {k.strip(): v.strip() for k, v in pairs}


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(exists=True, help="Files or folders.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="nmea, csv, marinecadastre, dma or parquet (default: sniff)."
        ),
    ] = None,
    mapping: Annotated[
        str | None, typer.Option("--map", help="CSV/Parquet columns, e.g. mmsi=MMSI,ts=Time.")
    ] = None,
    assume_time: Annotated[
        str | None,
        typer.Option(help="Receive time (ISO 8601) for NMEA lines that carry none."),
    ] = None,
    tracks: Annotated[bool, typer.Option(help="Update track segments afterwards.")] = True,
    keep_raw: Annotated[
        bool,
        typer.Option(
            help="Also copy every kept line's text into the store (by default kept rows cite"
            " their file and line; the file is the raw record)."
        ),
    ] = False,
    json: JsonOption = False,
) -> None:
    """Ingest AIS files (NMEA, CSV, Parquet; gzip or zstd) into the store."""
    from vigil.ais.ingest import ingest_paths
    from vigil.ais.tracks import build_tracks
    from vigil.ais.validate import Limits

    limits = Limits(now_s=time.time(), assume_time_s=parse_time(assume_time))
    with Store.open(get_settings()) as store:
        summaries = [
            s.as_dict()
            for s in ingest_paths(store, paths, limits, fmt, parse_mapping(mapping), keep_raw)
        ]
        track_summary = build_tracks(store) if tracks else None
    if json:
        print_json({"files": summaries, "tracks": track_summary})
        return
    rows = [
        (
            s["path"],
            "skipped (known)" if s["skipped"] else "",
            s["lines_read"],
            s["positions"],
            s["quarantined"],
        )
        for s in summaries
    ]
    print_table("AIS ingest", ["file", "status", "lines", "positions", "quarantined"], rows)


@app.command()
def stats(json: JsonOption = False) -> None:
    """Counts of what the store holds, and the quarantine by reason."""
    from vigil.ais import query

    with Store.open(get_settings()) as store:
        data = query.stats(store)
    if json:
        print_json(data)
        return
    print_table("AIS store", ["measure", "value"], [(k, v) for k, v in data.items()])


@app.command()
def line(
    raw_id: Annotated[int, typer.Argument(help="A raw id (file_id << 32 | line_no), as cited.")],
    json: JsonOption = False,
) -> None:
    """Show the line a raw id cites (from the copied text or the hash-checked file)."""
    from vigil.ais.citation import cite

    with Store.open(get_settings()) as store:
        cited = cite(store, raw_id)
    if json:
        print_json(cited.as_dict())
        return
    print_table("AIS line", ["file", "line", "text"], [(cited.path, cited.line_no, cited.text)])


@app.command()
def vessel(
    key: Annotated[str, typer.Argument(help="MMSI or IMO number.")], json: JsonOption = False
) -> None:
    """Identity history and track summary of one vessel."""
    from vigil.ais import query

    with Store.open(get_settings()) as store:
        data = query.vessel(store, key)
    if json:
        print_json(data)
        return
    for item in data["vessels"]:
        rows = [(i["field"], i["value"], i["first_seen"], i["last_seen"]) for i in item["identity"]]
        print_table(f"MMSI {item['mmsi']}", ["field", "value", "first seen", "last seen"], rows)
        print_table("track", ["measure", "value"], list(item["track"].items())[:3])


@app.command("tracks")
def tracks_command(json: JsonOption = False) -> None:
    """Rebuild the track segments of every MMSI with new positions."""
    from vigil.ais.tracks import build_tracks

    with Store.open(get_settings()) as store:
        data = build_tracks(store)
    if json:
        print_json(data)
        return
    print_table("AIS tracks", ["measure", "value"], list(data.items()))


@app.command("listen")
def listen_command(
    url: Annotated[str, typer.Argument(help="tcp://HOST:PORT (connect) or udp://:PORT (bind).")],
    max_messages: Annotated[int | None, typer.Option(help="Stop after this many lines.")] = None,
    duration: Annotated[float | None, typer.Option(help="Stop after this many seconds.")] = None,
    batch_lines: Annotated[int, typer.Option(help="Lines per stored batch.")] = 2_000,
    json: JsonOption = False,
) -> None:
    """Store positions from a live feed as they arrive, in batches."""
    from vigil.ais.listen import FeedOptions, listen

    options = FeedOptions(max_messages=max_messages, duration_s=duration, batch_lines=batch_lines)
    with Store.open(get_settings()) as store:
        data = listen(store, url, options)
    if json:
        print_json(data)
        return
    print_table("AIS feed", ["measure", "value"], list(data.items()))
