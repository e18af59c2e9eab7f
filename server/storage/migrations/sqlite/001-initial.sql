-- Shop catalogue, customers, orders, behaviour, and conversations.
-- Times are ISO-8601 UTC strings; money is integer cents.

CREATE TABLE products (
  id            TEXT PRIMARY KEY,            -- e.g. P0001
  name          TEXT NOT NULL,
  category      TEXT NOT NULL,               -- fitness-equipment | sports-books | running-shoes | apparel | outdoor-gear
  subcategory   TEXT NOT NULL,
  brand         TEXT NOT NULL,
  description   TEXT NOT NULL,
  price_cents   INTEGER NOT NULL CHECK (price_cents >= 0),
  stock         INTEGER NOT NULL CHECK (stock >= 0),
  weight_kg     REAL NOT NULL,
  consumable    INTEGER NOT NULL DEFAULT 0,  -- 1 for items bought again (socks, supplements, gels)
  tags          TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
  created_at    TEXT NOT NULL
);
CREATE INDEX products_category ON products(category);

CREATE TABLE customers (
  id                 TEXT PRIMARY KEY,       -- e.g. C00001
  email              TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  country            TEXT NOT NULL,          -- ISO 3166 alpha-2
  region             TEXT,
  created_at         TEXT NOT NULL,
  summit_member      INTEGER NOT NULL DEFAULT 0,
  marketing_consent  INTEGER NOT NULL DEFAULT 0,
  profiling_consent  INTEGER NOT NULL DEFAULT 1,
  persona            TEXT                    -- latent behaviour of generated demo customers; NULL for real shops
);

CREATE TABLE orders (
  id               TEXT PRIMARY KEY,         -- FF-123456
  customer_id      TEXT NOT NULL REFERENCES customers(id),
  email            TEXT NOT NULL,            -- the email on the order (checked before telling an anonymous shopper anything)
  placed_at        TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('processing','shipped','delivered','returned','cancelled')),
  shipping_method  TEXT NOT NULL CHECK (shipping_method IN ('standard','express','freight','international')),
  ship_country     TEXT NOT NULL,
  subtotal_cents   INTEGER NOT NULL,
  discount_cents   INTEGER NOT NULL DEFAULT 0,
  shipping_cents   INTEGER NOT NULL DEFAULT 0,
  total_cents      INTEGER NOT NULL,
  promo_code       TEXT,
  carrier          TEXT,
  tracking_number  TEXT,
  shipped_at       TEXT,
  delivered_at     TEXT,
  returned_at      TEXT,
  cancelled_at     TEXT
);
CREATE INDEX orders_customer ON orders(customer_id, placed_at);
CREATE INDEX orders_placed ON orders(placed_at);

CREATE TABLE order_items (
  order_id          TEXT NOT NULL REFERENCES orders(id),
  product_id        TEXT NOT NULL REFERENCES products(id),
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_cents  INTEGER NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX order_items_product ON order_items(product_id);

CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  customer_id  TEXT REFERENCES customers(id),  -- NULL for anonymous browsing
  type         TEXT NOT NULL CHECK (type IN ('view','search','cart_add')),
  product_id   TEXT REFERENCES products(id),   -- for view and cart_add
  query        TEXT,                           -- for search
  at           TEXT NOT NULL
);
CREATE INDEX events_customer ON events(customer_id, at);

CREATE TABLE conversations (
  id           TEXT PRIMARY KEY,
  session_id   TEXT NOT NULL UNIQUE,
  customer_id  TEXT REFERENCES customers(id),  -- set only for a verified (signed) customer
  state        TEXT NOT NULL DEFAULT 'bot' CHECK (state IN ('bot','queued','agent','closed')),
  last_seq     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX conversations_customer ON conversations(customer_id);

CREATE TABLE messages (
  conversation_id  TEXT NOT NULL REFERENCES conversations(id),
  seq              INTEGER NOT NULL,
  sender           TEXT NOT NULL CHECK (sender IN ('shopper','bot','agent','system')),
  client_id        TEXT,                       -- the shopper's client message id (de-duplication)
  reply_to         TEXT,
  text             TEXT NOT NULL,              -- PII-masked
  action           TEXT,
  payload          TEXT NOT NULL DEFAULT '{}', -- JSON: intent, sources, products, quickReplies
  created_at       TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
CREATE UNIQUE INDEX messages_client_id ON messages(conversation_id, client_id) WHERE client_id IS NOT NULL;

CREATE TABLE feedback (
  id               INTEGER PRIMARY KEY,
  conversation_id  TEXT NOT NULL REFERENCES conversations(id),
  seq              INTEGER,                    -- NULL rates the whole conversation (CSAT)
  rating           TEXT NOT NULL CHECK (rating IN ('up','down')),
  created_at       TEXT NOT NULL
);
