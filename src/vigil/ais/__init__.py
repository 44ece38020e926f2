"""AIS ingest: decode, quarantine, store positions and identity history, tracks, live feed."""
