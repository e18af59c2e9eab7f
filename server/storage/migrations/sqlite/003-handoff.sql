-- Human handoff (issue 6): agents and their sessions, the handoff queue, state transitions,
-- internal notes, canned responses and out-of-hours tickets. Times are ISO-8601 UTC strings.

CREATE TABLE agents (
  id             TEXT PRIMARY KEY,
  email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('agent','admin')),
  password_hash  TEXT NOT NULL,                    -- scrypt$N$r$p$salt$hash (base64)
  skills         TEXT NOT NULL DEFAULT '["general"]', -- JSON array: orders | returns | equipment | general
  capacity       INTEGER NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 1 AND 50),
  failed_logins  INTEGER NOT NULL DEFAULT 0,
  locked_until   TEXT,
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
);

CREATE TABLE agent_sessions (
  token_hash  TEXT PRIMARY KEY,                    -- sha256 of the bearer token; the token itself is never stored
  agent_id    TEXT NOT NULL REFERENCES agents(id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id);

-- One row per handoff episode of a conversation; at most one open (queued or assigned) per conversation.
CREATE TABLE handoffs (
  id                 INTEGER PRIMARY KEY,
  conversation_id    TEXT NOT NULL REFERENCES conversations(id),
  status             TEXT NOT NULL CHECK (status IN ('queued','assigned','returned','closed')),
  team               TEXT NOT NULL,
  reason             TEXT NOT NULL,
  priority_base      REAL NOT NULL,
  priority_class     TEXT NOT NULL CHECK (priority_class IN ('high','normal','low')),
  customer_value     TEXT NOT NULL DEFAULT '{}',     -- JSON: clvCents, churnRisk used by the priority
  queued_at          TEXT NOT NULL,
  agent_id           TEXT REFERENCES agents(id),
  assigned_at        TEXT,
  ended_at           TEXT,
  resolution         TEXT
);
CREATE UNIQUE INDEX handoffs_open ON handoffs(conversation_id) WHERE status IN ('queued','assigned');
CREATE INDEX handoffs_status ON handoffs(status);

CREATE TABLE conversation_transitions (
  id               INTEGER PRIMARY KEY,
  conversation_id  TEXT NOT NULL REFERENCES conversations(id),
  from_state       TEXT NOT NULL,
  to_state         TEXT NOT NULL,
  actor            TEXT NOT NULL,                  -- 'bot', 'system' or an agent id
  reason           TEXT,
  at               TEXT NOT NULL
);
CREATE INDEX conversation_transitions_conv ON conversation_transitions(conversation_id, id);

CREATE TABLE agent_notes (
  id               INTEGER PRIMARY KEY,
  conversation_id  TEXT NOT NULL REFERENCES conversations(id),
  agent_id         TEXT NOT NULL REFERENCES agents(id),
  text             TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX agent_notes_conv ON agent_notes(conversation_id, id);

CREATE TABLE canned_responses (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  text        TEXT NOT NULL,
  updated_by  TEXT,
  updated_at  TEXT NOT NULL
);

-- Out-of-hours messages: 'collecting' while the assistant asks for an email, then 'open' until an agent closes it.
CREATE TABLE tickets (
  id               INTEGER PRIMARY KEY,
  conversation_id  TEXT NOT NULL REFERENCES conversations(id),
  status           TEXT NOT NULL CHECK (status IN ('collecting','open','closed')),
  email            TEXT,
  message          TEXT NOT NULL DEFAULT '',       -- PII-masked shopper text
  reason           TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  closed_at        TEXT,
  closed_by        TEXT
);
CREATE UNIQUE INDEX tickets_collecting ON tickets(conversation_id) WHERE status = 'collecting';
CREATE INDEX tickets_status ON tickets(status, id);
