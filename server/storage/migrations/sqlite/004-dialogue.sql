-- Lifecycle-aware dialogue: per-conversation memory, experiment assignments, offers shown or held out.

CREATE TABLE dialogue_memory (
  conversation_id  TEXT PRIMARY KEY REFERENCES conversations(id),
  data             TEXT NOT NULL,     -- JSON DialogueMemory
  updated_at       TEXT NOT NULL
);

-- One assignment per unit (a customer id, or a conversation id for anonymous shoppers) and experiment, made once at random.
CREATE TABLE experiment_assignments (
  experiment   TEXT NOT NULL,          -- upsell | retention
  unit         TEXT NOT NULL,
  customer_id  TEXT REFERENCES customers(id),
  arm          TEXT NOT NULL CHECK (arm IN ('treatment','holdout')),
  assigned_at  TEXT NOT NULL,
  PRIMARY KEY (experiment, unit)
);

-- Every time an offer was due: shown to treatment, withheld from holdout (exposure), with its reason and cost.
CREATE TABLE offers (
  id               INTEGER PRIMARY KEY,
  experiment       TEXT NOT NULL,
  arm              TEXT NOT NULL CHECK (arm IN ('treatment','holdout')),
  conversation_id  TEXT NOT NULL REFERENCES conversations(id),
  customer_id      TEXT REFERENCES customers(id),
  kind             TEXT NOT NULL,      -- coupon | free_return_label | bought_together
  shown            INTEGER NOT NULL,   -- 1 when the shopper saw it
  code             TEXT,
  value_cents      INTEGER NOT NULL DEFAULT 0,
  cost_cents       INTEGER NOT NULL DEFAULT 0,
  product_ids      TEXT NOT NULL DEFAULT '[]',
  reason           TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX offers_experiment ON offers(experiment, created_at);
CREATE INDEX offers_customer ON offers(customer_id);
