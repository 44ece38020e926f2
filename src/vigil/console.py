"""Shared output helpers for the CLI: JSON, tables and progress bars.

Progress bars show on a terminal and never when output is piped (``VIGIL_PROGRESS`` overrides).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

import orjson
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from vigil.settings import Settings

T = TypeVar("T")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(message: str) -> None:
    """Write one error line to standard error, unwrapped, with no markup in ``message``."""
    err.print("[red]error:[/red] ", end="")
    err.print(message, markup=False)


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON to standard output."""
    sys.stdout.write(
        orjson.dumps(
            data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS, default=str
        ).decode()
    )
    sys.stdout.write("\n")
    sys.stdout.flush()


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Print a rich table with the given header and rows."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    out.print(table)


def show_progress(settings: Settings) -> bool:
    """Whether long work should draw a progress bar."""
    if settings.progress == "never":
        return False
    if settings.progress == "always":
        return True
    return err.is_terminal


def progress(
    items: Iterable[T], settings: Settings, description: str, total: int | None = None
) -> Iterator[T]:
    """Iterate over ``items``, drawing a progress bar on stderr when :func:`show_progress`."""
    if not show_progress(settings):
        yield from items
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        yield from bar.track(items, total=total, description=description)
