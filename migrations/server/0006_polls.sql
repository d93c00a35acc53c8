-- Written opinion polls (phiếu lấy ý kiến, see ecab_core::polls): a question on one of the
-- meeting's documents, sent to its members, answered until the deadline.
CREATE TABLE polls (
    id          BLOB PRIMARY KEY,                    -- made by the client: a retry creates once
    meeting_id  BLOB NOT NULL REFERENCES meetings(id),
    document_id BLOB REFERENCES documents(id),
    question    TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    status      TEXT NOT NULL,                       -- draft | open | closed
    created_by  BLOB NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL,
    sent_at     TEXT,
    closed_at   TEXT,
    updated_at  TEXT NOT NULL
);
CREATE INDEX polls_meeting ON polls(meeting_id);
CREATE INDEX polls_open ON polls(deadline) WHERE status = 'open';

-- The members asked, fixed when the poll is sent.
CREATE TABLE poll_voters (
    poll_id  BLOB NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    user_id  BLOB NOT NULL REFERENCES users(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (poll_id, user_id)
);

CREATE TABLE poll_answers (
    poll_id     BLOB NOT NULL,
    user_id     BLOB NOT NULL,
    choice      TEXT NOT NULL,                       -- agree | disagree | other
    comment     TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, user_id),
    FOREIGN KEY (poll_id, user_id) REFERENCES poll_voters(poll_id, user_id) ON DELETE CASCADE
);
