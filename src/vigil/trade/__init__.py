"""Mirror trade: what the DPRK's partners report trading with it (UN Comtrade format).

Library functions the CLI, the API and the report call:

- :func:`vigil.trade.ingest.ingest_trade` ``(store, path) -> TradeIngestResult``: one Comtrade
  CSV, atomically; invalid, duplicate and conflicting rows are quarantined with their line.
- :func:`vigil.trade.check.check_trade` ``(store) -> TradeCheck``: ``mirror_trade`` findings for
  banned HS codes (measure by code and direction, ``data/banned_hs.csv``) and for petroleum
  exports beyond the supplier's notifications in the cap ledger; ``check_and_store`` also
  stores them.
"""
