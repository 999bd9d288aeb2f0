-- When a session was last used, for the idle timeout. Existing sessions
-- count as used when they were created.
ALTER TABLE session ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE session SET last_seen_at = created_at;
