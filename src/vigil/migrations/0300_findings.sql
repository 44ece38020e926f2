-- Findings: one row per finding (id derived from content), plus a subjects table for filtering
-- by vessel or entity. Review status and cases live on top of this (issue 6).
CREATE TABLE findings (
    finding_id        VARCHAR PRIMARY KEY,
    kind              VARCHAR NOT NULL,
    measure_id        VARCHAR NOT NULL,
    resolution_paragraph VARCHAR NOT NULL,
    start_ts          TIMESTAMPTZ NOT NULL,
    end_ts            TIMESTAMPTZ NOT NULL,
    min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE,
    confidence        DOUBLE NOT NULL,
    detector          VARCHAR NOT NULL,
    detector_version  VARCHAR NOT NULL,
    summary           VARCHAR NOT NULL,
    body              JSON NOT NULL,          -- the whole finding as Finding.to_dict()
    first_stored_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE finding_subjects (
    finding_id        VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,       -- vessel | entity
    role              VARCHAR NOT NULL,
    mmsi              BIGINT,
    imo               VARCHAR,
    entity_id         VARCHAR,
    name              VARCHAR
);
