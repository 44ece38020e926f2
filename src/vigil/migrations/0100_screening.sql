-- Screening decisions: an analyst marks a result as a false positive for a query, so that it
-- is suppressed next time. Who, when, why and under which algorithm are kept for audit.
CREATE TABLE IF NOT EXISTS screening_decisions (
    query_key VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    decision VARCHAR NOT NULL DEFAULT 'false_positive',
    analyst VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    algorithm VARCHAR NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (query_key, entity_id)
);
