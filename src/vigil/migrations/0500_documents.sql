-- Scanned documents (by content hash) and the register entries they mention (issue 8).
CREATE TABLE documents (
    sha256        VARCHAR PRIMARY KEY,
    path          VARCHAR NOT NULL,          -- where it was last scanned from
    format        VARCHAR NOT NULL,          -- text | html | pdf
    encoding      VARCHAR,
    size_bytes    BIGINT NOT NULL,
    chars         BIGINT NOT NULL,
    algorithm     VARCHAR NOT NULL,
    finding_id    VARCHAR,                   -- the document_mention finding, if any
    scanned_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE document_mentions (
    sha256        VARCHAR NOT NULL,
    entity_id     VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,          -- name | identifier | reference
    start_char    BIGINT NOT NULL,
    end_char      BIGINT NOT NULL,
    text          VARCHAR NOT NULL,
    score         DOUBLE NOT NULL,
    explanation   VARCHAR NOT NULL
);
