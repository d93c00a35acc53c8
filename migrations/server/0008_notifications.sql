-- The browser's list of notifications reads the newest changes of one entity.
CREATE INDEX changes_entity ON changes(entity, seq);
