-- Câu hỏi, ý kiến, đề xuất: what delegates send before a meeting, and the secretary's
-- aggregation of them (see ecab_core::questions).
CREATE TABLE questions (
    id               BLOB PRIMARY KEY,          -- made by the client: a retry creates it once
    meeting_id       BLOB NOT NULL REFERENCES meetings(id),
    agenda_item_id   BLOB REFERENCES agenda_items(id),
    document_id      BLOB REFERENCES documents(id),
    page             INTEGER,                   -- 0-based page of that document
    kind             TEXT NOT NULL,             -- question | opinion | proposal
    text             TEXT NOT NULL,
    status           TEXT NOT NULL,             -- submitted | assigned | answered | merged | withdrawn
    merged_into      BLOB REFERENCES questions(id),
    position         INTEGER NOT NULL,          -- the secretary's order within the agenda item
    for_discussion   INTEGER NOT NULL DEFAULT 0,
    assigned_unit_id BLOB REFERENCES units(id),
    answer_text      TEXT,
    answer_by        BLOB REFERENCES users(id),
    answer_at        TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX questions_meeting ON questions(meeting_id, agenda_item_id, position);

-- Who sent a question: its writer (ord 0), then the authors of the questions merged into
-- it. A merge only ever adds rows here.
CREATE TABLE question_authors (
    question_id BLOB NOT NULL REFERENCES questions(id),
    user_id     BLOB NOT NULL REFERENCES users(id),
    ord         INTEGER NOT NULL,
    PRIMARY KEY (question_id, user_id)
);
CREATE INDEX question_authors_user ON question_authors(user_id);
