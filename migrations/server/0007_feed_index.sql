-- The change feed read by who it may concern (see http/sync.rs), not in full: a pull reads
-- the rows targeted at the caller, the directory's, and those of the caller's meetings.

-- A meeting's untargeted changes, and the directory's (meeting_id and target_user NULL), in
-- seq order.
CREATE INDEX changes_meeting ON changes(meeting_id, target_user, seq);
-- The changes meant for one user only (an invitation, its withdrawal, their own copy of a
-- question, reply or poll), in seq order.
CREATE INDEX changes_target ON changes(target_user, seq) WHERE target_user IS NOT NULL;

-- The meetings a user stands in some relation to (store::meetings::relation), found from the
-- user: owner, chair, bridge point's device account. Invitations and deputies already have
-- theirs (meeting_delegates_user, replies_deputy).
CREATE INDEX meetings_secretary ON meetings(secretary_id);
CREATE INDEX meetings_chair ON meetings(chair_id);
CREATE INDEX bridge_points_account ON bridge_points(account_id);
CREATE INDEX meeting_bridge_points_point ON meeting_bridge_points(bridge_point_id);
