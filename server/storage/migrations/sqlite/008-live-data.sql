-- Live data from the shop (issue: marketing automation, first half): API keys, shop-platform
-- integrations, ingest bookkeeping, coupon redemptions and outbound webhooks with a persisted queue.
-- Times are ISO-8601 UTC strings; money is integer cents.

-- API keys for integrations and admins: only the SHA-256 of the key is stored; the key is shown once.
CREATE TABLE api_keys (
  id            TEXT PRIMARY KEY,              -- key_<hex>
  name          TEXT NOT NULL,
  prefix        TEXT NOT NULL,                 -- the key's first characters (ffk_ab12cd34), to recognise it in lists
  key_hash      TEXT NOT NULL UNIQUE,          -- sha256 hex of the whole key
  scopes        TEXT NOT NULL,                 -- JSON array: ingest:write | admin:read | admin:write | privacy
  created_by    TEXT,                          -- an agent id, 'cli' or 'bootstrap-token'
  created_at    TEXT NOT NULL,
  last_used_at  TEXT,
  revoked_at    TEXT
);

-- A shop platform sending signed webhooks (Shopify): the secret verifies X-Shopify-Hmac-Sha256.
CREATE TABLE integrations (
  id           TEXT PRIMARY KEY,               -- int_<hex>, part of the webhook URL
  kind         TEXT NOT NULL CHECK (kind IN ('shopify')),
  name         TEXT NOT NULL,
  secret       TEXT NOT NULL,                  -- the platform's signing secret (needed in clear to compute the HMAC)
  created_at   TEXT NOT NULL,
  disabled_at  TEXT
);

-- The discount codes an order used (coupon attribution).
CREATE TABLE order_discount_codes (
  order_id      TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  code          TEXT NOT NULL,                 -- upper-cased
  amount_cents  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, code)
);
CREATE INDEX order_discount_codes_code ON order_discount_codes(code);

-- Every status an order went through, from ingest or webhooks.
CREATE TABLE order_status_history (
  order_id  TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  status    TEXT NOT NULL,
  at        TEXT NOT NULL,
  source    TEXT NOT NULL,                     -- api | shopify
  PRIMARY KEY (order_id, status, at)
);

-- Behaviour events sent with an id are stored once.
ALTER TABLE events ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX events_external_id ON events(external_id) WHERE external_id IS NOT NULL;

-- A coupon redeemed in a later order is attributed to its offer (and so to its experiment arm).
ALTER TABLE offers ADD COLUMN redeemed_order_id TEXT;
ALTER TABLE offers ADD COLUMN redeemed_at TEXT;
CREATE INDEX offers_code ON offers(code);

-- Outbound webhooks: where to send which events, signed with the endpoint's secret.
CREATE TABLE webhook_endpoints (
  id           TEXT PRIMARY KEY,               -- whe_<hex>
  url          TEXT NOT NULL,
  secret       TEXT NOT NULL,                  -- whsec_<hex>, shown once at creation; signs every delivery
  events       TEXT NOT NULL,                  -- JSON array of event types, or ["*"]
  description  TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  disabled_at  TEXT
);

-- One delivery per event and endpoint: a persisted queue (a restart loses nothing); an instance claims a
-- due delivery with a conditional UPDATE, so only one instance sends it at a time.
CREATE TABLE webhook_deliveries (
  id                TEXT PRIMARY KEY,          -- evt id + endpoint, whd_<hex>
  endpoint_id       TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_id          TEXT NOT NULL,             -- evt_<hex>, the same for every endpoint of one event
  event_type        TEXT NOT NULL,
  payload           TEXT NOT NULL,             -- the JSON body sent
  status            TEXT NOT NULL CHECK (status IN ('pending','delivered','failed')),
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   TEXT NOT NULL,
  claimed_by        TEXT,
  claim_expires_at  TEXT,
  last_status_code  INTEGER,
  last_error        TEXT,
  created_at        TEXT NOT NULL,
  delivered_at      TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, created_at);

-- Every attempt of a delivery (the delivery log).
CREATE TABLE webhook_attempts (
  id           INTEGER PRIMARY KEY,
  delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt      INTEGER NOT NULL,
  at           TEXT NOT NULL,
  status_code  INTEGER,                        -- NULL when no response (timeout, refused)
  error        TEXT,
  duration_ms  INTEGER NOT NULL,
  instance     TEXT NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, attempt);
