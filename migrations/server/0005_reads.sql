-- Read tracking: which delegate has opened which document (see ecab_core::reading).
CREATE TABLE reads (
    document_id BLOB NOT NULL REFERENCES documents(id),
    user_id     BLOB NOT NULL REFERENCES users(id),
    meeting_id  BLOB NOT NULL REFERENCES meetings(id),
    version     INTEGER NOT NULL,        -- the newest version opened
    first_at    TEXT NOT NULL,
    last_at     TEXT NOT NULL,
    PRIMARY KEY (document_id, user_id)
);
CREATE INDEX reads_meeting ON reads(meeting_id);
