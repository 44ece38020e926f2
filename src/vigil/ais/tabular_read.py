"""Reading a CSV file for the fast path (:mod:`vigil.ais.tabular_fast`), with its checks.

``chunks`` cuts the (possibly gzip or zstd) file into chunks of about ``CHUNK_BYTES`` at line
ends and parses each with pyarrow, every column as text. Each check that fails raises
:class:`FastPathUnfit` (the reasons are in :mod:`vigil.ais.tabular_fast`): a ``"`` outside
the header, a chunk pyarrow cannot parse, a chunk whose rows are not its lines one for one,
a header unlike the one DuckDB's reader would see (``sniff``), a dialect other than commas.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import zlib
from collections.abc import Generator, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Final, TypeVar

import duckdb
import pyarrow as pa
import pyarrow.csv as pcsv
import zstandard

from vigil.ais.sources import compression, open_binary

CHUNK_BYTES: Final = 8 << 20
PLAIN_QUOTES: Final = ('"', "(empty)")  # with no '"' in the values, both read alike
Chunk = tuple[int, pa.Table]  # the line number of its first row, its text columns
T = TypeVar("T")


class FastPathUnfit(Exception):
    """The file needs the DuckDB path (see :mod:`vigil.ais.tabular_fast`); not an input error."""


def sniff(scratch: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The header as DuckDB's reader names it, if its sniffer sees plain commas."""
    quoted = "'" + str(path).replace("'", "''") + "'"
    codec = compression(path) or "none"
    try:
        row = scratch.execute(
            "SELECT Delimiter, Quote, Comment, SkipRows, Columns FROM sniff_csv("
            f"{quoted}, all_varchar = true, header = true, null_padding = true,"
            f" compression = '{codec}')"
        ).fetchone()
    except duckdb.Error as exc:
        raise FastPathUnfit(f"DuckDB cannot sniff it: {exc}") from exc
    if row is None or row[:4] != (",", row[1], "(empty)", 0) or row[1] not in PLAIN_QUOTES:
        raise FastPathUnfit(f"not a plain comma-separated file: {row and row[:4]}")
    return [str(c["name"]) for c in row[4]]


def prefetched(items: Generator[T, None, None]) -> Iterator[T]:
    """``items``, made one ahead in a thread (pyarrow and DuckDB release the GIL)."""
    ready: queue.Queue[tuple[T | None, BaseException | None]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        ready.put((item, None), timeout=0.05)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ready.put((None, None))
        except BaseException as exc:  # handed to the consumer
            ready.put((None, exc))
        finally:
            items.close()  # closes the file when the consumer stopped early

    thread = threading.Thread(target=produce, name="vigil-csv-reader", daemon=True)
    thread.start()
    try:
        while True:
            item, error = ready.get()
            if error is not None:
                raise error
            if item is None:
                return
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            with contextlib.suppress(queue.Empty):
                ready.get(timeout=0.05)
        thread.join()


def chunks(path: Path, sniffed: Future[list[str]]) -> Generator[Chunk, None, None]:
    """(first line number, text columns) of each chunk; raises FastPathUnfit (module doc)."""
    line_no, columns = 1, list[str]()
    try:
        with open_binary(path) as stream:
            while block := stream.read(CHUNK_BYTES):
                if not block.endswith(b"\n"):
                    block += b"".join(stream.readlines(1))  # up to the end of the line
                header = line_no == 1
                table = _parse(block, _header(block) if header else columns, header)
                if header and table.column_names != (columns := sniffed.result()):
                    raise FastPathUnfit(f"header {table.column_names} is not DuckDB's {columns}")
                lines = block.count(b"\n") + (not block.endswith(b"\n"))
                if table.num_rows != lines - header:
                    raise FastPathUnfit(f"{table.num_rows} rows on {lines} lines from {line_no}")
                yield line_no + header, table
                line_no += lines
    except (EOFError, OSError, zlib.error, zstandard.ZstdError) as exc:
        raise FastPathUnfit(f"cannot read on: {exc}") from exc


def _header(block: bytes) -> list[str]:
    """The names on the first line, each bare or wholly in double quotes (no other quotes)."""
    try:
        names = block.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8-sig").split(",")
    except UnicodeDecodeError as exc:
        raise FastPathUnfit(f"header is not UTF-8: {exc}") from exc
    bare = [n[1:-1] if len(n) > 1 and n[0] == n[-1] == '"' else n for n in names]
    if any('"' in n for n in bare):
        raise FastPathUnfit("quotes inside header names")
    return bare


def _parse(block: bytes, columns: list[str], header: bool) -> pa.Table:
    """Parse a chunk with every column as text ('' is NULL, as DuckDB reads it).

    Only the header may quote (names checked by ``_header``); quoted values are for DuckDB.
    """
    if b'"' in (block.split(b"\n", 1)[-1] if header else block):
        raise FastPathUnfit("quoted fields")
    read = pcsv.ReadOptions(column_names=None if header else columns, block_size=1 << 20)
    convert = pcsv.ConvertOptions(
        column_types=dict.fromkeys(columns, pa.string()),
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    try:
        table = pcsv.read_csv(pa.py_buffer(block), read_options=read, convert_options=convert)
    except pa.ArrowInvalid as exc:
        raise FastPathUnfit(f"pyarrow cannot parse it: {exc}") from exc
    if table.column_names != columns:
        raise FastPathUnfit(f"pyarrow reads the header as {table.column_names}")
    return table
