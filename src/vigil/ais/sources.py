"""Open AIS inputs: sniff compression (gzip, zstd) and format, hash, read lines in chunks.

Input is streamed: lines come in chunks of about ``CHUNK_BYTES`` so memory stays flat as
files grow. A compressed file that ends early raises :class:`AisInputError` naming the line.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, Protocol

import zstandard

from vigil.ais.errors import AisInputError

GZIP_MAGIC: Final = b"\x1f\x8b"
ZSTD_MAGIC: Final = b"\x28\xb5\x2f\xfd"
PARQUET_MAGIC: Final = b"PAR1"
CHUNK_BYTES: Final = 4 << 20
FORMATS: Final = ("nmea", "csv", "marinecadastre", "dma", "parquet")
NMEA_MARKERS: Final = (b"!AIVD", b"!BSVD", b"!ABVD", b"$PGHP", b"\\", b"!")


def compression(path: Path) -> str | None:
    """``gzip``, ``zstd`` or None, from the file's first bytes."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


class ByteStream(Protocol):
    """What the readers need of an open (possibly decompressing) file."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readlines(self, hint: int = -1, /) -> list[bytes]: ...


@contextmanager
def open_binary(path: Path) -> Iterator[ByteStream]:
    """Open ``path`` for reading bytes, decompressing gzip or zstd on the fly."""
    kind = compression(path)
    with path.open("rb") as raw:
        if kind == "gzip":
            with gzip.GzipFile(fileobj=raw) as stream:
                yield stream
        elif kind == "zstd":
            reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
            with io.BufferedReader(reader) as stream:
                yield stream
        else:
            yield raw


def detect_format(path: Path, requested: str | None = None) -> str:
    """The input format: as requested, else from the name, else sniffed from the content."""
    if requested is not None:
        if requested not in FORMATS:
            raise AisInputError(path, f"unknown format {requested!r}; known: {FORMATS}")
        return requested
    name = path.name.lower().removesuffix(".gz").removesuffix(".zst")
    if name.endswith(".parquet"):
        return "parquet"
    with open_binary(path) as stream:
        head = stream.read(4096)
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    first = next((line.strip() for line in head.splitlines() if line.strip()), b"")
    if first.startswith(b"MMSI,BaseDateTime"):
        return "marinecadastre"
    if first.startswith(b"# Timestamp,Type of mobile"):
        return "dma"
    if name.endswith(".csv"):
        return "csv"
    return "nmea"


def read_chunks(path: Path) -> Iterator[tuple[int, list[bytes]]]:
    """Yield (first line number, lines) chunks of the file, decompressing as needed."""
    line_no = 1
    with open_binary(path) as stream:
        while True:
            try:
                lines = stream.readlines(CHUNK_BYTES)
            except (EOFError, OSError, zlib.error, zstandard.ZstdError) as exc:
                raise AisInputError(path, f"cannot read on: {exc}", line=line_no) from exc
            if not lines:
                return
            yield line_no, lines
            line_no += len(lines)
