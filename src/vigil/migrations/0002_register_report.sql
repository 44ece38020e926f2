-- What each ingest counted and set aside: counters by key, and quarantined source rows with
-- their location and reason (nothing a parser skips is dropped silently).
CREATE TABLE register_counts (
    version_id     INTEGER NOT NULL,
    key            VARCHAR NOT NULL,
    count          INTEGER NOT NULL
);

CREATE TABLE register_quarantine (
    version_id     INTEGER NOT NULL,
    location       VARCHAR NOT NULL,
    record         VARCHAR,
    reason         VARCHAR NOT NULL
);
