"""Input files as provenance: their content hash, read in pieces so memory stays bounded."""

from __future__ import annotations

import hashlib
from pathlib import Path

BLOCK_BYTES = 1 << 20


def sha256_files(*paths: Path) -> str:
    """The hex SHA-256 over the bytes of ``paths``, in order (one path: that file's hash)."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            while block := handle.read(BLOCK_BYTES):
                digest.update(block)
    return digest.hexdigest()
