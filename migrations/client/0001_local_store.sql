-- The client's local store: what one signed-in user has pulled from the server's change
-- feed, the blobs cached on this device, and the writes waiting to be delivered.
-- Ids are hyphenated UUID text; times are UTC RFC 3339 text.

-- Facts about this store: its random installation id (names the secrets of this data
-- folder in the OS keyring), the user it belongs to, the server it talks to.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- How far the change feed has been read (one row).
CREATE TABLE sync_cursor (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    since     INTEGER NOT NULL,
    last_sync TEXT
);
INSERT INTO sync_cursor (id, since) VALUES (1, 0);

-- The newest state of every entity the feed delivered: meetings, agenda items, documents,
-- invitees (keyed by meeting id), users, units, bridge points. `data` is the change's JSON.
CREATE TABLE entities (
    entity     TEXT NOT NULL,
    id         TEXT NOT NULL,
    meeting_id TEXT,
    seq        INTEGER NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (entity, id)
);
CREATE INDEX entities_by_meeting ON entities (meeting_id, entity);

-- Every change applied, for "what changed since my last visit" to a meeting.
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY,
    meeting_id TEXT,
    change     TEXT NOT NULL
);
CREATE INDEX change_log_by_meeting ON change_log (meeting_id, seq);

-- When the user last looked at a meeting, and the feed position at that moment.
CREATE TABLE seen (
    meeting_id TEXT PRIMARY KEY,
    seen_at    TEXT NOT NULL,
    seen_seq   INTEGER NOT NULL
);

-- Cached document content, named by SHA-256. A row exists only once the blob is complete
-- and verified (state 'complete'); a download in progress is just its file under
-- blobs/partial, whose length says where to resume. `path` is relative to the data folder;
-- `encrypted` blobs use the format documented in ecab-client's `crypto` module.
CREATE TABLE blobs (
    sha256    TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    state     TEXT NOT NULL CHECK (state IN ('complete')),
    encrypted INTEGER NOT NULL,
    path      TEXT NOT NULL
);

-- Page text of documents, fetched when online.
CREATE TABLE document_texts (
    document_id TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    data        TEXT NOT NULL
);

-- Local writes waiting for the server. `id` (UUID v7) is sent as the Idempotency-Key, so a
-- retry after a lost answer changes nothing. `last_error` is an ApiError as JSON. A write
-- the server acknowledged is deleted; one it refused for good stays 'failed' for the ui.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    method          TEXT NOT NULL,
    path            TEXT NOT NULL,
    body            TEXT,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
