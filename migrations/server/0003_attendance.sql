-- Replies of invited delegates before a meeting: attending, absent with a reason, or a
-- deputy sent in their place (see ecab_core::attendance). No row: not answered yet.
CREATE TABLE replies (
    meeting_id BLOB NOT NULL REFERENCES meetings(id),
    user_id    BLOB NOT NULL REFERENCES users(id),   -- the invitee
    status     TEXT NOT NULL,                         -- attending | absent | deputy
    reason     TEXT NOT NULL DEFAULT '',
    deputy_id  BLOB REFERENCES users(id),             -- with status 'deputy' only
    by_user    BLOB NOT NULL REFERENCES users(id),    -- the invitee, or the secretary for them
    updated_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX replies_deputy ON replies(deputy_id) WHERE deputy_id IS NOT NULL;

-- Đăng ký phát biểu: registrations to speak, in the order they came.
CREATE TABLE speakers (
    id             BLOB PRIMARY KEY,                  -- made by the client: a retry registers once
    meeting_id     BLOB NOT NULL REFERENCES meetings(id),
    agenda_item_id BLOB NOT NULL REFERENCES agenda_items(id),
    user_id        BLOB NOT NULL REFERENCES users(id),
    topic          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX speakers_once ON speakers(agenda_item_id, user_id);
CREATE INDEX speakers_meeting ON speakers(meeting_id, created_at);
