-- The outbox names an operation of ecab_protocol::ops and its path parameters, instead of
-- a method and a path: only writes of the operation list can be queued or sent.
CREATE TABLE outbox_ops (
    id              TEXT PRIMARY KEY,
    -- An `OpInfo::name` (e.g. `add_agenda_item`).
    operation       TEXT NOT NULL,
    -- The path parameters as a JSON array of strings, in the order of the path.
    params          TEXT NOT NULL,
    body            TEXT,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL
);

-- Writes queued by an earlier version are kept, not sent: they are marked failed with the
-- method and path they had, for the user to see and discard.
INSERT INTO outbox_ops (id, operation, params, body, state, attempts, next_attempt_at, last_error, created_at)
SELECT id, 'legacy ' || method || ' ' || path, '[]', body, 'failed', attempts, next_attempt_at,
       json_object('code', 'bad_request', 'message', 'queued by an earlier version as ' || method || ' ' || path),
       created_at
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_ops RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
