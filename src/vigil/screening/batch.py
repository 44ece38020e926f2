"""Batch screening of a CSV file: one row per name, the best entry added to each row.

Input columns: ``name`` and optionally ``schema``, ``birth_date``, ``country``, ``identifier``.
Rows that cannot be screened are reported with their line numbers and the rest is screened.
Rows asking the same question (same name, schema, birth date, country and identifier: crew
lists and ledgers repeat names) are screened once and the answer is written to each of them.
Work is spread over this process and forked ones that share the index (copy-on-write), each
taking the next chunk of rows from a shared counter; the index's objects are frozen out of
the garbage collector first (``gc.freeze``), since a collection in a worker would touch, and
so copy, every page of them.
"""

from __future__ import annotations

import csv
import gc
import multiprocessing
import queue
import traceback
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from vigil.console import progress
from vigil.screening.api import Screener
from vigil.screening.errors import BatchInputError, ScreeningError
from vigil.screening.models import Query
from vigil.settings import Settings

OUTPUT_COLUMNS: Final = ("match_id", "match_caption", "match_score", "match", "explanation")
CHUNK_ROWS: Final = 64
# With workers, a batch of at least one question per this many entries builds every entry's
# name forms once before forking (shared copy-on-write) rather than in each worker as queries
# first meet them: each question builds about ten entry names' forms.
WARM_ENTRIES_PER_QUESTION: Final = 10
_WORKER: dict[str, Screener] = {}
_WORKER_TASKS: list[tuple[int, dict[str, str], float | None]] = []  # read by forked workers


@dataclass
class BatchReport:
    """What a batch run did: rows read and screened, and the rows it had to skip."""

    rows: int = 0
    distinct: int = 0  # rows asking different questions (each screened once)
    screened: int = 0
    matched: int = 0
    bad_rows: list[tuple[int, str]] = field(default_factory=list)


def read_queries(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row; :class:`BatchInputError` if there is no name."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise BatchInputError(path, f"cannot read: {exc.strerror}") from exc
    with handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise BatchInputError(path, "needs a 'name' column", line=1)
        for row in reader:
            yield reader.line_num, {k: (v or "") for k, v in row.items() if k is not None}


def _query(row: dict[str, str]) -> Query:
    return Query(
        name=row.get("name", ""),
        schema=row.get("schema") or "any",
        birth_date=row.get("birth_date") or None,
        countries=tuple(c for c in [row.get("country", "")] if c),
        identifiers=tuple(i for i in [row.get("identifier", "")] if i),
    )


def _question(row: dict[str, str]) -> tuple[str, ...]:
    """What a row asks: the screened columns (rows asking the same are screened once)."""
    return tuple(row.get(c, "") for c in ("name", "schema", "birth_date", "country", "identifier"))


def screen_row(screener: Screener, row: dict[str, str], threshold: float | None) -> dict[str, str]:
    """The output columns for one row (empty when nothing was found)."""
    results = screener.screen(_query(row), threshold=threshold, limit=1)
    if not results:
        return dict.fromkeys(OUTPUT_COLUMNS, "")
    best = results[0]
    return {
        "match_id": best.entity_id,
        "match_caption": best.caption,
        "match_score": f"{best.score:.4f}",
        "match": "true" if best.match else "false",
        "explanation": best.explain(),
    }


def _work(task: tuple[int, dict[str, str], float | None]) -> tuple[int, dict[str, str] | str]:
    line, row, threshold = task
    try:
        return line, screen_row(_WORKER["screener"], row, threshold)
    except ScreeningError as exc:
        return line, str(exc)


Task = tuple[int, dict[str, str], float | None]
Output = tuple[int, dict[str, str] | str]


def _in_parallel(tasks: list[Task], workers: int) -> Iterator[tuple[int, Output]]:
    """(task number, output) of every task, screened by this process and ``workers - 1``
    forked ones, in the order they finish.

    Every process takes the next ``CHUNK_ROWS`` tasks from a shared counter until none are
    left, so none waits while another has work; the forked ones send their outputs back on a
    queue. This process screens too (its caches are the originals: forked processes copy
    every memory page they touch, so fewer of them copy less).
    """
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    results: Any = context.Queue()
    _WORKER_TASKS[:] = tasks
    children = [
        context.Process(target=_child, args=(counter, results), daemon=True)
        for _ in range(workers - 1)
    ]
    try:
        for child in children:
            child.start()
        finished = 0
        while (first := _claim(counter, len(tasks))) is not None:
            for number in range(first, min(first + CHUNK_ROWS, len(tasks))):
                yield number, _work(tasks[number])
            while not results.empty():
                finished += yield from _received(results.get())
        while finished < len(children):
            try:
                message = results.get(timeout=1.0)
            except queue.Empty:
                if any(c.exitcode not in (None, 0) for c in children):
                    raise ScreeningError("a batch worker process died") from None
                continue
            finished += yield from _received(message)
    finally:
        _WORKER_TASKS.clear()
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()


def _claim(counter: Any, total: int) -> int | None:
    """The first of the next ``CHUNK_ROWS`` tasks, or None when all are taken."""
    with counter.get_lock():
        first = int(counter.value)
        counter.value = first + CHUNK_ROWS
    return first if first < total else None


def _received(message: tuple[str, Any]) -> Generator[tuple[int, Output], None, int]:
    """The outputs in a forked process's message; returns 1 when it says it is done."""
    kind, body = message
    if kind == "error":
        raise ScreeningError(f"a batch worker process failed: {body}")
    if kind == "done":
        return 1
    first, chunk = body
    for offset, output in enumerate(chunk):
        yield first + offset, output
    return 0


def _child(counter: Any, results: Any) -> None:
    """A forked worker: screen chunks until none are left, sending each chunk's outputs."""
    try:
        tasks = _WORKER_TASKS
        while (first := _claim(counter, len(tasks))) is not None:
            chunk = [_work(t) for t in tasks[first : first + CHUNK_ROWS]]
            results.put(("chunk", (first, chunk)))
        results.put(("done", None))
    except BaseException:  # a bug, not a bad row (those are outputs): tell the parent
        results.put(("error", traceback.format_exc(limit=5)))
    finally:
        results.close()
        results.join_thread()


def screen_file(
    screener: Screener,
    in_path: Path,
    out_path: Path,
    *,
    threshold: float | None = None,
    workers: int = 1,
    settings: Settings | None = None,
) -> BatchReport:
    """Screen every row of ``in_path`` into ``out_path``; bad rows are listed in the report."""
    rows = list(read_queries(in_path))
    slots: dict[tuple[str, ...], int] = {}
    tasks: list[tuple[int, dict[str, str], float | None]] = []
    for line, row in rows:
        if slots.setdefault(_question(row), len(tasks)) == len(tasks):
            tasks.append((line, row, threshold))
    report = BatchReport(rows=len(rows), distinct=len(tasks))
    _WORKER["screener"] = screener
    bar = settings or Settings(progress="never")
    outputs: list[Output] = [(0, "")] * len(tasks)
    if workers > 1 and len(tasks) > CHUNK_ROWS:
        if not screener.warmed and len(tasks) * WARM_ENTRIES_PER_QUESTION >= len(screener.index):
            screener.warm()
        gc.freeze()  # the index's objects stay out of the workers' collections: no page copies
        try:
            done = _in_parallel(tasks, workers)
            for number, result in progress(done, bar, "screening", total=len(tasks)):
                outputs[number] = result
        finally:
            gc.unfreeze()
    else:
        for number, task in enumerate(progress(tasks, bar, "screening", total=len(tasks))):
            outputs[number] = _work(task)
    columns = list(rows[0][1].keys()) if rows else ["name"]
    with out_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*columns, *OUTPUT_COLUMNS, "error"])
        writer.writeheader()
        for line, row in rows:
            output = outputs[slots[_question(row)]][1]
            if isinstance(output, str):
                report.bad_rows.append((line, output))
                writer.writerow({**row, "error": output})
                continue
            report.screened += 1
            report.matched += output["match"] == "true"
            writer.writerow({**row, **output, "error": ""})
    return report
