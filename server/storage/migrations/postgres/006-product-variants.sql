-- Product variants (issue 9): each size/colour option with its own SKU and stock, and the products'
-- outside measurements. products.stock stays the sum of a product's variants.
CREATE TABLE product_variants (
  id           TEXT PRIMARY KEY,              -- the SKU, e.g. P0062-BLK-10.5
  product_id   TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,              -- display order
  size         TEXT,
  size_system  TEXT CHECK (size_system IN ('US', 'apparel')),
  colour       TEXT,
  colour_hex   TEXT,
  stock        INTEGER NOT NULL CHECK (stock >= 0)
);
CREATE INDEX product_variants_product ON product_variants(product_id, position);
ALTER TABLE products ADD COLUMN length_cm DOUBLE PRECISION;
ALTER TABLE products ADD COLUMN width_cm DOUBLE PRECISION;
ALTER TABLE products ADD COLUMN height_cm DOUBLE PRECISION;
ALTER TABLE products ADD COLUMN dimensions_note TEXT;
