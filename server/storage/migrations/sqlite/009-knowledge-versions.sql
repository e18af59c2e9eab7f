-- Knowledge versions (docs/admin.md): every save of a knowledge file through the admin area, with its full text,
-- author and regression-check summary, so history, diffs and rollback need nothing but this table. Times are ISO-8601 UTC.
CREATE TABLE knowledge_versions (
  id                    INTEGER PRIMARY KEY,
  path                  TEXT NOT NULL,              -- relative to the knowledge folder: faq/shipping/express-shipping.md
  version               INTEGER NOT NULL,           -- 1, 2, … per path
  kind                  TEXT NOT NULL CHECK (kind IN ('faq','translation','intent')),
  entry_id              TEXT NOT NULL,              -- the FAQ entry's id or the intent's name
  lang                  TEXT,                       -- a translation's language
  action                TEXT NOT NULL CHECK (action IN ('found','create','edit','delete','rollback')),
  content               TEXT,                       -- the file's full text; NULL once deleted
  content_hash          TEXT,                       -- sha256 of content
  author_id             TEXT,                       -- the admin's agent id; NULL for 'found' (the text found on disk)
  author_email          TEXT,
  created_at            TEXT NOT NULL,
  change_id             TEXT NOT NULL,              -- files saved together (an entry and its translations) share it
  rollback_of           INTEGER,                    -- the version a rollback restored
  gate                  TEXT,                       -- JSON: the regression check's summary for this save
  regression_confirmed  INTEGER NOT NULL DEFAULT 0, -- 1 when the admin confirmed a save that made answers worse
  note                  TEXT
);
CREATE UNIQUE INDEX knowledge_versions_path_version ON knowledge_versions(path, version);
CREATE INDEX knowledge_versions_entry ON knowledge_versions(entry_id);
CREATE INDEX knowledge_versions_created ON knowledge_versions(created_at);
