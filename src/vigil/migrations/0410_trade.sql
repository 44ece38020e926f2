-- Mirror trade: ingested UN Comtrade-format files, their rows (a row's ref is
-- '<first 16 hex of the file's sha256>:<line>'), and the rows kept out with a reason.
CREATE TABLE trade_files (
    file_id INTEGER PRIMARY KEY,
    sha256 VARCHAR NOT NULL UNIQUE,
    path VARCHAR NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL,
    rows_read INTEGER NOT NULL,
    rows_kept INTEGER NOT NULL,
    rows_quarantined INTEGER NOT NULL
);

CREATE TABLE trade_rows (
    ref VARCHAR PRIMARY KEY,
    file_id INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    row_key VARCHAR NOT NULL,           -- freq|period|reporter|flow|partner|partner2|cmd|customs|mos|mot
    freq_code VARCHAR NOT NULL,         -- A (annual) | M (monthly)
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    reporter_code INTEGER NOT NULL,
    reporter_iso VARCHAR,
    reporter_desc VARCHAR,
    flow_code VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,         -- import | export (as the reporter sees it)
    partner_code INTEGER NOT NULL,
    partner_iso VARCHAR,
    partner_desc VARCHAR,
    cmd_code VARCHAR NOT NULL,
    cmd_desc VARCHAR,
    qty_unit_code INTEGER,
    qty DOUBLE,
    net_wgt_kg DOUBLE,
    primary_value_usd DOUBLE,
    raw JSON NOT NULL
);

CREATE TABLE trade_quarantine (
    file_id INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    reason VARCHAR NOT NULL,            -- invalid | duplicate | conflict
    detail VARCHAR NOT NULL,
    raw JSON NOT NULL
);
