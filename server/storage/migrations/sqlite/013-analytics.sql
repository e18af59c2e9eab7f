-- Analytics and unanswered questions (issue 11): clusters of unanswered questions an admin dismissed (kept hidden by
-- their centroid and members, models/clustering/dismissal.ts), and indexes the dashboard's range queries use.
CREATE TABLE unanswered_dismissals (
  id            INTEGER PRIMARY KEY,
  cluster_key   TEXT NOT NULL,
  title         TEXT NOT NULL,
  centroid      TEXT NOT NULL,                   -- JSON array of numbers (unit vector of the embedder in use)
  members       TEXT NOT NULL DEFAULT '[]',      -- JSON array of question ids ("<conversation id>:<seq>")
  dimensions    INTEGER NOT NULL,
  dismissed_by  TEXT,                            -- the admin's agent id
  dismissed_at  TEXT NOT NULL
);
CREATE INDEX conversations_created ON conversations(created_at);
CREATE INDEX feedback_created ON feedback(created_at);
CREATE INDEX handoffs_queued ON handoffs(queued_at);
