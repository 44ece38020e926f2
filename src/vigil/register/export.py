"""Export the register's current entities as followthemoney JSON lines or as CSV statements."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

import orjson

from vigil.register.query import iter_entities
from vigil.store import Store

EXPORT_FORMATS = ("ftm", "csv")
CSV_COLUMNS = (
    "entity_id",
    "schema",
    "prop",
    "value",
    "original_value",
    "lang",
    "dataset",
    "origin",
)


def export(
    store: Store,
    out: TextIO,
    fmt: str = "ftm",
    lists: Sequence[str] | None = None,
    dprk_only: bool = True,
) -> int:
    """Write the entities to ``out``; returns how many were written.

    ``ftm`` writes one followthemoney entity per line, with its statements (provenance) kept;
    ``csv`` writes one statement per row.
    """
    count = 0
    writer = csv.writer(out) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    for entity in iter_entities(store, lists=lists, dprk_only=dprk_only):
        count += 1
        if writer is None:
            out.write(orjson.dumps(entity.to_statement_dict()).decode())
            out.write("\n")
            continue
        for stmt in entity.statements:
            if stmt.prop == "id":
                continue
            writer.writerow(
                (stmt.entity_id, stmt.schema, stmt.prop, stmt.value, stmt.original_value or "",
                 stmt.lang or "", stmt.dataset, stmt.origin or "")
            )  # fmt: skip
    return count
