-- AIS: ingested files, raw lines, positions (clustered by day), quarantine, identity history,
-- and track segments. Every position and kept message has raw_id = file_id * 2^32 + line_no,
-- which is stable for the life of the store and cites the raw line in ais_raw.
CREATE TABLE ais_files (
    file_id INTEGER PRIMARY KEY,
    sha256 VARCHAR NOT NULL UNIQUE,
    path VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL,
    lines_read BIGINT NOT NULL,
    positions BIGINT NOT NULL,
    quarantined BIGINT NOT NULL,
    summary JSON NOT NULL
);

CREATE TABLE ais_raw (
    raw_id BIGINT NOT NULL,
    file_id INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    ts TIMESTAMP,
    mmsi INTEGER,
    msg_type TINYINT,
    raw VARCHAR NOT NULL
);

CREATE TABLE ais_positions (
    position_id BIGINT NOT NULL,
    day DATE NOT NULL,
    ts TIMESTAMP NOT NULL,
    mmsi INTEGER NOT NULL,
    lat DOUBLE NOT NULL,
    lon DOUBLE NOT NULL,
    sog_knots DOUBLE,
    cog_deg DOUBLE,
    heading_deg SMALLINT,
    nav_status TINYINT,
    msg_type TINYINT NOT NULL,
    source VARCHAR,
    channel VARCHAR,
    file_id INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    raw_id BIGINT NOT NULL
);

CREATE TABLE ais_quarantine (
    file_id INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR,
    raw VARCHAR NOT NULL
);

CREATE TABLE ais_identity (
    mmsi INTEGER NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    last_seen TIMESTAMP NOT NULL,
    first_raw_id BIGINT NOT NULL,
    observations BIGINT NOT NULL,
    PRIMARY KEY (mmsi, field, value)
);

CREATE TABLE ais_segments (
    segment_id BIGINT PRIMARY KEY,
    mmsi INTEGER NOT NULL,
    start_ts TIMESTAMP NOT NULL,
    end_ts TIMESTAMP NOT NULL,
    positions BIGINT NOT NULL,
    params_version VARCHAR NOT NULL
);

CREATE TABLE ais_track_points (
    position_id BIGINT NOT NULL,
    segment_id BIGINT NOT NULL
);
