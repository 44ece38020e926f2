"""A writer thread that appends batches to the store while the next chunk is decoded.

DuckDB releases the GIL while it appends (``insert_into``), and so do most of the Arrow and
numpy kernels of decoding, so on two cores the store's append overlaps the decoding of the
next chunk instead of following it. The queue holds at most ``QUEUE_BATCHES`` batches, so
memory stays bounded by a few chunks however large the file.

Only the writer thread touches the connection between :meth:`BatchWriter.__enter__` and
:meth:`BatchWriter.__exit__`; the caller's transaction (one per file) is shared, so the
batches commit or roll back with the file. An append that fails stops the writer and the
error is raised in the caller at its next :meth:`~BatchWriter.put` or on exit, so the
caller's transaction rolls back only once the thread has stopped.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Final

import duckdb

from vigil.ais.pipeline import Batch

QUEUE_BATCHES: Final = 2
WriteBatch = Callable[[duckdb.DuckDBPyConnection, Batch], None]


class BatchWriter:
    """Append batches from a background thread; a context manager that joins it on exit."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, write: WriteBatch) -> None:
        self.conn = conn
        self.write = write
        self.batches: queue.Queue[Batch | None] = queue.Queue(maxsize=QUEUE_BATCHES)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="vigil-ais-writer", daemon=True)

    def __enter__(self) -> BatchWriter:
        self.thread.start()
        return self

    def put(self, batch: Batch) -> None:
        """Queue a batch (blocks while the queue is full); raises the writer's error if any."""
        self._raise()
        self.batches.put(batch)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.batches.put(None)  # the writer drains the queue, or skips it after an error
        self.thread.join()
        if kind is None:
            self._raise()

    def _run(self) -> None:
        while (batch := self.batches.get()) is not None:
            if self.error is not None:
                continue  # keep taking batches so the caller never blocks on a dead writer
            try:
                self.write(self.conn, batch)
            except BaseException as exc:  # handed to the caller's thread
                self.error = exc

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error
