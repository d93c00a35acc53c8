-- Annotations on documents (see ecab_core::annotations): private to their author unless
-- shared with the meeting. A deleted one keeps its row (deleted_at), so a late retry of its
-- creation cannot bring it back.
CREATE TABLE annotations (
    id          BLOB PRIMARY KEY,                    -- made by the client: a retry creates once
    document_id BLOB NOT NULL REFERENCES documents(id),
    meeting_id  BLOB NOT NULL REFERENCES meetings(id),
    author      BLOB NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL,                       -- highlight | underline | ink | note
    color       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    shared      INTEGER NOT NULL DEFAULT 0,
    anchor      TEXT NOT NULL,                       -- JSON: ecab_protocol::annotation::Anchor
    made_on     TEXT,                                -- the version it was made on, once carried
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX annotations_document ON annotations(document_id, author) WHERE deleted_at IS NULL;
