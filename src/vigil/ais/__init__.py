"""AIS ingest: decode, quarantine, store positions and identity history, tracks, live feed.

The flow, one module per stage::

    sources (gzip/zstd, chunks) -> nmea / nmea_fast (wrappers, receive time) -> frames
    -> assemble (multi-sentence) -> decode (bulk numpy paths: bulk for position reports,
    bulk_static for types 5 and 24; pyais for the rest) -> validate (quarantine rules)
    -> pipeline (rows) -> writer (a thread appending while the next chunk decodes)
    -> storage (one transaction per file)
    tabular / tabular_sql: CSV and Parquet through DuckDB, same rules
    identity: history of static and voyage values; tracks / resample: segments for detectors
    listen: TCP/UDP feeds; query: stats and vessel summaries; citation: a raw id's line
    cli: ``vigil ais ...``

Decisions (see each module for details):

- **Ids and citations.** Every kept line has ``raw_id = file_id << 32 | line_no``; a
  position's ``position_id`` is the raw id of its line, so a finding cites position rows and
  raw lines. ``ais_files`` records each file's path and SHA-256: the file is the raw record,
  and :mod:`vigil.ais.citation` reads a cited line back after checking the hash. Copying the
  text into ``ais_raw`` is optional (``--keep-raw``; always for live feeds, which have no
  file): it cost about a fifth of an NMEA ingest's CPU time and most of the store's size.
- **Partitioning.** One ``ais_positions`` table with a ``day`` DATE column, appended sorted by
  day, MMSI and time, so row groups cluster by day (:mod:`vigil.ais.storage`).
- **Atomic, idempotent.** A file is ingested in one transaction (all or nothing, a killed
  process leaves nothing); a file whose SHA-256 is known is skipped.
- **Time.** Receive time comes from the line (tag block ``c:``, unix prefix, USCG trailer,
  Gatehouse). A line without one is quarantined as ``no_timestamp`` unless the analyst passes
  ``assume_time``; "now" is never invented (a live feed uses arrival time, which is the
  receive time).
- **Nothing dropped silently.** Each line gets one disposition; the summary counts them and
  quarantined lines keep reason, detail and raw text.
"""
