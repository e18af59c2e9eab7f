/** Live shop data: idempotent upserts of customers, products, orders, status changes and behaviour events; Shopify webhooks. */
export { createIngestService, fieldError, type FieldIssue, type IngestBatch, type IngestService, type IngestServiceOptions, type IngestSummary } from "./ingest-service.ts";
export { createIntegrations, type Integrations } from "./integrations.ts";
export * from "./schemas.ts";
export { mapShopifyCustomer, mapShopifyOrder, shopifyOrderId, signShopifyBody, SHOPIFY_TOPICS, verifyShopifyHmac, type ShopifyMapping } from "./shopify.ts";
