-- Privacy (issue: export, erasure, retention, audit): who read or changed which customer's data, the
-- register of signed erasure receipts, and the index the transcript retention job scans.
-- Deleted rows are overwritten with zeros (the driver sets secure_delete), so an erased customer's
-- data does not linger in free pages of the file.

CREATE TABLE audit_log (
  id               INTEGER PRIMARY KEY,
  at               TEXT NOT NULL,
  actor            TEXT NOT NULL,                  -- admin-token | agent:<id> | apikey:<id> | cli:<user> | system:<job>
  action           TEXT NOT NULL,                  -- profile.read | sidebar.read | note.add | customer.export | customer.erase | retention.purge
  subject          TEXT,                           -- the customer id (replaced by the erasure pseudonym when the customer is erased)
  conversation_id  TEXT,                           -- no foreign key: the log outlives erased and purged conversations
  detail           TEXT NOT NULL DEFAULT '{}'      -- JSON; never holds names, e-mails or message text
);
CREATE INDEX audit_log_subject ON audit_log(subject, id);
CREATE INDEX audit_log_at ON audit_log(at);

-- One signed receipt per erasure. The customer id is kept only as a keyed hash (subject_hash).
CREATE TABLE erasure_receipts (
  id            TEXT PRIMARY KEY,
  subject_hash  TEXT NOT NULL,
  pseudonym     TEXT NOT NULL,
  requested_by  TEXT NOT NULL,
  at            TEXT NOT NULL,
  receipt       TEXT NOT NULL                      -- the signed receipt, JSON
);
CREATE INDEX erasure_receipts_subject ON erasure_receipts(subject_hash);

CREATE INDEX conversations_updated ON conversations(updated_at);

-- Deleting a conversation (erasure) checks every table that references it: without these indexes each
-- deleted conversation scanned feedback, offers, tickets and handoffs whole (1,000 conversations among
-- 20,000: 5.7 s on SQLite, now well under a second; `npm run privacy -- bench`).
CREATE INDEX feedback_conversation ON feedback(conversation_id);
CREATE INDEX offers_conversation ON offers(conversation_id);
CREATE INDEX tickets_conversation ON tickets(conversation_id);
CREATE INDEX handoffs_conversation ON handoffs(conversation_id);
