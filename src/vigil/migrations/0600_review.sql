-- Review of findings by analysts, cases grouping findings, the audit log of every change, and
-- the API's tokens (stored as salted hashes, never in clear).
CREATE TABLE finding_reviews (
    finding_id   VARCHAR PRIMARY KEY,
    status       VARCHAR NOT NULL,            -- confirmed | dismissed | needs-info
    note         VARCHAR NOT NULL,
    reviewer     VARCHAR NOT NULL,
    reviewed_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE cases (
    case_id      VARCHAR PRIMARY KEY,
    title        VARCHAR NOT NULL,
    description  VARCHAR NOT NULL,
    created_by   VARCHAR NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE case_findings (
    case_id      VARCHAR NOT NULL,
    finding_id   VARCHAR NOT NULL,
    added_by     VARCHAR NOT NULL,
    added_at     TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE audit_seq START 1;

CREATE TABLE audit_log (
    audit_id     BIGINT PRIMARY KEY,
    logged_at    TIMESTAMPTZ NOT NULL,
    actor        VARCHAR NOT NULL,
    action       VARCHAR NOT NULL,            -- review | case_create | case_add | case_remove | token_*
    target       VARCHAR NOT NULL,
    detail       JSON NOT NULL
);

CREATE TABLE api_tokens (
    token_id     VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,            -- reader | analyst | admin
    salt         VARCHAR NOT NULL,
    token_hash   VARCHAR NOT NULL,            -- hex scrypt(secret, salt)
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
