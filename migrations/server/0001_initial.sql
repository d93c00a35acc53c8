-- eCabinet server store. Ids are UUIDs (16-byte blobs); times are UTC RFC 3339 text.

-- Sở, ban, ngành; huyện, thị xã, thành phố; Văn phòng.
CREATE TABLE units (
    id   BLOB PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE users (
    id            BLOB PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    unit_id       BLOB REFERENCES units(id),
    password_hash TEXT NOT NULL,            -- argon2id PHC string
    active        INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,                     -- back-off after repeated failures
    created_at    TEXT NOT NULL
);

-- Bearer tokens are stored only as their SHA-256.
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id    BLOB NOT NULL REFERENCES users(id),
    device     TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Điểm cầu.
CREATE TABLE bridge_points (
    id         BLOB PRIMARY KEY,
    name       TEXT NOT NULL,
    unit_id    BLOB REFERENCES units(id),
    location   TEXT NOT NULL DEFAULT '',
    account_id BLOB REFERENCES users(id),
    main       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE meetings (
    id                BLOB PRIMARY KEY,
    title             TEXT NOT NULL,
    kind              TEXT NOT NULL,
    status            TEXT NOT NULL,
    review_stage      TEXT,
    rejection_reason  TEXT,
    starts_at         TEXT NOT NULL,
    ends_at           TEXT NOT NULL,
    place             TEXT NOT NULL DEFAULT '',
    chair_id          BLOB NOT NULL REFERENCES users(id),
    secretary_id      BLOB NOT NULL REFERENCES users(id),
    confidentiality   TEXT NOT NULL,
    question_deadline TEXT,
    recurrence        TEXT NOT NULL DEFAULT 'none',
    series_id         BLOB,
    series_day        TEXT,                 -- local (Asia/Ho_Chi_Minh) date of a repeated meeting
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX meetings_series_day ON meetings(series_id, series_day) WHERE series_id IS NOT NULL;
CREATE INDEX meetings_starts ON meetings(starts_at);

CREATE TABLE agenda_items (
    id                 BLOB PRIMARY KEY,
    meeting_id         BLOB NOT NULL REFERENCES meetings(id),
    position           INTEGER NOT NULL,
    title              TEXT NOT NULL,
    presenter          TEXT NOT NULL DEFAULT '',
    presenting_unit_id BLOB REFERENCES units(id),
    minutes            INTEGER NOT NULL DEFAULT 0,
    summary            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_meeting ON agenda_items(meeting_id, position);

CREATE TABLE meeting_delegates (
    meeting_id BLOB NOT NULL REFERENCES meetings(id),
    user_id    BLOB NOT NULL REFERENCES users(id),
    PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX meeting_delegates_user ON meeting_delegates(user_id);

CREATE TABLE meeting_bridge_points (
    meeting_id      BLOB NOT NULL REFERENCES meetings(id),
    bridge_point_id BLOB NOT NULL REFERENCES bridge_points(id),
    PRIMARY KEY (meeting_id, bridge_point_id)
);

-- Content-addressed blobs, validated by pdfium before they are kept.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE blob_pages (
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    page   INTEGER NOT NULL,
    text   TEXT NOT NULL,
    PRIMARY KEY (sha256, page)
);

CREATE TABLE documents (
    id              BLOB PRIMARY KEY,
    meeting_id      BLOB NOT NULL REFERENCES meetings(id),
    agenda_item_id  BLOB REFERENCES agenda_items(id),
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    confidentiality TEXT NOT NULL,
    revoked         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX documents_meeting ON documents(meeting_id);

CREATE TABLE document_versions (
    document_id BLOB NOT NULL REFERENCES documents(id),
    version     INTEGER NOT NULL,
    sha256      TEXT NOT NULL REFERENCES blobs(sha256),
    filename    TEXT NOT NULL,
    uploaded_by BLOB NOT NULL REFERENCES users(id),
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
);
CREATE INDEX document_versions_sha ON document_versions(sha256);

-- The change feed. `audience` says who may see a change (see ecab_core::access::Audience);
-- `target_user` narrows it to one user (an invitation or its withdrawal).
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    meeting_id  BLOB,
    audience    TEXT NOT NULL,
    target_user BLOB,
    entity      TEXT NOT NULL,
    entity_id   BLOB NOT NULL,
    op          TEXT NOT NULL,
    data        TEXT NOT NULL
);

-- Every write: who, what, when, from where.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    user_id    BLOB,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  BLOB,
    ip         TEXT,
    user_agent TEXT,
    detail     TEXT NOT NULL DEFAULT '{}'
);

-- Responses to writes made with an Idempotency-Key, replayed on a retry.
CREATE TABLE idempotency (
    user_id     BLOB NOT NULL,
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,              -- method and path
    status      INTEGER,                    -- NULL while the first request runs
    body        BLOB,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
