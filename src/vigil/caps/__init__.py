"""The resolution 2397 petroleum cap ledger.

Library functions the CLI, the API and the report call:

- :func:`vigil.caps.ingest.ingest_notifications` ``(store, path) -> IngestResult``: one
  notification table, atomically; invalid, duplicate and overlapping rows are quarantined.
- :func:`vigil.caps.status.ledger_status` ``(store, year=None) -> LedgerStatus``: per cap, the
  period, notified barrels and tonnes, running totals by month, thresholds reached, gaps, and
  observed-delivery scenarios (``.as_dict()`` is JSON-ready; ``months[*].total_bbl`` and
  ``months[*].observed_total_bbl`` are the chart's series).
- :func:`vigil.caps.observed.observed_deliveries` ``(store, start, end) -> ObservedEstimate``.
- :func:`vigil.caps.alerts.cap_findings` ``(store) -> list[Finding]`` and ``check_caps(store)``
  (also stores them): ``cap_alert``, ``cap_exceeded`` and ``reporting_gap`` findings.

Declared data (``data/``): ``caps.json`` (caps, thresholds, gap rule), ``products.csv``
(products, caps, barrels per tonne with sources), ``units.csv``, ``capacity.json`` (tanker
capacity model), ``public_estimates.csv``, and ``notifications_public.csv`` (publicly reported
totals in the notification format). ``data/PROVENANCE.md`` gives the sources.
"""
