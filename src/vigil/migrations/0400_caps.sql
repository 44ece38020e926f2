-- Petroleum cap ledger: ingested notification files, the notifications kept (each with its
-- quantity in barrels and tonnes and the factor used), and the rows kept out with a reason.
-- A notification's ref is '<first 16 hex of the file's sha256>:<line>', stable across stores.
CREATE TABLE caps_files (
    file_id INTEGER PRIMARY KEY,
    sha256 VARCHAR NOT NULL UNIQUE,
    path VARCHAR NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL,
    rows_read INTEGER NOT NULL,
    rows_kept INTEGER NOT NULL,
    rows_quarantined INTEGER NOT NULL
);

CREATE TABLE caps_notifications (
    ref VARCHAR PRIMARY KEY,
    file_id INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    supplier VARCHAR NOT NULL,          -- ISO code(s), 'cn+ru' for a joint total
    supplier_name VARCHAR NOT NULL,
    product VARCHAR NOT NULL,
    cap VARCHAR NOT NULL,               -- refined | crude (data/caps.json)
    quantity DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    quantity_bbl DOUBLE NOT NULL,
    quantity_t DOUBLE NOT NULL,
    bbl_per_t DOUBLE NOT NULL,
    factor_source VARCHAR NOT NULL,
    basis VARCHAR NOT NULL,             -- reported_month | reported_total | derived_total
    published DATE,
    source VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    raw JSON NOT NULL
);

CREATE TABLE caps_quarantine (
    file_id INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    reason VARCHAR NOT NULL,            -- invalid | duplicate | overlap
    detail VARCHAR NOT NULL,
    raw JSON NOT NULL
);
