-- The designations register: every ingested list snapshot is a version; its statements,
-- source records and an entity index are stored per version, so any two versions can be diffed.
CREATE SEQUENCE register_version_seq START 1;

CREATE TABLE register_versions (
    version_id     INTEGER PRIMARY KEY DEFAULT nextval('register_version_seq'),
    list           VARCHAR NOT NULL,          -- un | ofac | un-vessels
    format         VARCHAR NOT NULL,          -- un-xml | ofac-csv | un-vessels-csv
    published      DATE,                      -- the list's own publication date, if it gives one
    content_hash   VARCHAR NOT NULL,          -- sha256 of the canonical statements and records
    files          VARCHAR[] NOT NULL,        -- source paths as given at ingest
    file_sha256    VARCHAR NOT NULL,          -- sha256 of the source bytes
    ingested_at    TIMESTAMPTZ NOT NULL,
    entity_count   INTEGER NOT NULL,
    record_count   INTEGER NOT NULL,
    statement_count INTEGER NOT NULL,
    UNIQUE (list, content_hash)
);

CREATE TABLE register_statements (
    version_id     INTEGER NOT NULL,
    id             VARCHAR NOT NULL,          -- followthemoney statement key
    entity_id      VARCHAR NOT NULL,
    schema         VARCHAR NOT NULL,
    prop           VARCHAR NOT NULL,
    value          VARCHAR NOT NULL,
    lang           VARCHAR,
    original_value VARCHAR,
    dataset        VARCHAR NOT NULL,
    origin         VARCHAR NOT NULL           -- the list's record id (KPi.001, an OFAC ent_num, an IMO)
);

CREATE TABLE register_records (
    version_id     INTEGER NOT NULL,
    record_id      VARCHAR NOT NULL,
    entity_id      VARCHAR NOT NULL,
    location       VARCHAR NOT NULL,          -- where in the source file (line)
    raw            VARCHAR NOT NULL           -- the record verbatim
);

CREATE TABLE register_entities (
    version_id     INTEGER NOT NULL,
    entity_id      VARCHAR NOT NULL,
    record_id      VARCHAR NOT NULL,
    schema         VARCHAR NOT NULL,
    caption        VARCHAR NOT NULL,
    is_main        BOOLEAN NOT NULL,          -- the designated party itself, not a sub-entity
    programs       VARCHAR[] NOT NULL,        -- regimes or programs of the record
    dprk           BOOLEAN NOT NULL           -- in the DPRK regime (the default view)
);
