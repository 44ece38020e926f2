-- Detection runs: which detectors ran, on which engine and window, with which parameters, and
-- how many findings each produced (the findings themselves are in `findings`).
CREATE TABLE detect_runs (
    run_id       VARCHAR PRIMARY KEY,      -- hash of engine, window, detectors and parameters + start time
    started_at   TIMESTAMPTZ NOT NULL,
    engine       VARCHAR NOT NULL,
    since_ts     TIMESTAMPTZ,
    until_ts     TIMESTAMPTZ,
    bbox         VARCHAR,
    detectors    VARCHAR NOT NULL,         -- comma-separated
    parameters   JSON NOT NULL,            -- {detector: {name: value}}
    positions    BIGINT NOT NULL,
    findings     JSON NOT NULL,            -- {detector: count}
    added        BIGINT NOT NULL,
    seconds      JSON NOT NULL             -- {detector: seconds}
);
