"""AIS ingest benchmark: pyais decode loop vs Vigil ingest, CSV rows/s, peak memory."""
