-- Campaigns (issue 14): an audience from the customer models, a message with an optional coupon and product
-- cards, channels (a proactive widget message, an export for the shop's e-mail tool), a schedule, a budget and a
-- randomised holdout. Times are ISO-8601 UTC strings; money is integer cents.
CREATE TABLE campaigns (
  id                      TEXT PRIMARY KEY,        -- cmp_<hex>
  name                    TEXT NOT NULL,
  status                  TEXT NOT NULL CHECK (status IN ('draft','active','paused','stopped')),
  stop_reason             TEXT,                    -- why it stopped (early stop, budget spent, an admin)
  audience                TEXT NOT NULL,           -- JSON: the audience rules (server/campaigns/audience.ts)
  message                 TEXT NOT NULL,           -- JSON: text, coupon rule, product cards
  channels                TEXT NOT NULL,           -- JSON array: widget | email
  trigger_rule            TEXT NOT NULL,           -- JSON: none | became_at_risk | first_purchase
  starts_at               TEXT NOT NULL,
  ends_at                 TEXT,
  budget_cents            INTEGER NOT NULL CHECK (budget_cents >= 0),
  holdout_share           REAL NOT NULL CHECK (holdout_share > 0 AND holdout_share < 1),
  conversion_window_days  INTEGER NOT NULL CHECK (conversion_window_days > 0),
  early_stop              INTEGER NOT NULL DEFAULT 0,
  mixing_sd               REAL NOT NULL,        -- the mSPRT's mixing sd on the conversion uplift, fixed at creation
  created_by              TEXT NOT NULL,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);

-- One arm per campaign and customer, drawn once and stored; the coupon code a treated customer got.
CREATE TABLE campaign_assignments (
  campaign_id   TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  customer_id   TEXT NOT NULL REFERENCES customers(id),
  arm           TEXT NOT NULL CHECK (arm IN ('treatment','holdout')),
  channel       TEXT NOT NULL CHECK (channel IN ('widget','email')),
  coupon_code   TEXT,                            -- upper-cased; NULL for the holdout or a message without a coupon
  coupon_cents  INTEGER NOT NULL DEFAULT 0,
  assigned_at   TEXT NOT NULL,
  PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX campaign_assignments_customer ON campaign_assignments(customer_id);
CREATE UNIQUE INDEX campaign_assignments_code ON campaign_assignments(coupon_code) WHERE coupon_code IS NOT NULL;

-- The proactive message's life in the widget: shown once, then maybe opened and/or dismissed.
CREATE TABLE campaign_deliveries (
  campaign_id   TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  customer_id   TEXT NOT NULL REFERENCES customers(id),
  channel       TEXT NOT NULL CHECK (channel IN ('widget','email')),
  shown_at      TEXT NOT NULL,
  opened_at     TEXT,
  dismissed_at  TEXT,
  PRIMARY KEY (campaign_id, customer_id, channel)
);
CREATE INDEX campaign_deliveries_customer ON campaign_deliveries(customer_id, shown_at);

-- When each customer entered their current lifecycle stage (as first seen by the campaign scorer): the
-- "became at risk" trigger.
CREATE TABLE customer_stages (
  customer_id  TEXT PRIMARY KEY REFERENCES customers(id),
  stage        TEXT NOT NULL,
  since        TEXT NOT NULL
);
