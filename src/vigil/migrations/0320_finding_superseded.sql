-- Findings superseded by a later detection of the same episode (same detector and subjects,
-- overlapping time, at least as long): re-running after new data extends an episode, which
-- gives a new finding id; the old finding stays (reviews may cite it) and is marked here.
CREATE TABLE finding_superseded (
    finding_id     VARCHAR PRIMARY KEY,     -- the stale finding
    superseded_by  VARCHAR NOT NULL,        -- the finding that covers its episode now
    run_id         VARCHAR,                 -- the detection run that found the newer one
    superseded_at  TIMESTAMPTZ NOT NULL
);
