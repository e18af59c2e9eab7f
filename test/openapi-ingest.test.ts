import fs from "node:fs";
import type express from "express";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { BatchInput, CustomerInput, EventsInput, OrderInput, ProductInput, StatusChangeInput } from "../server/ingest/index.ts";
import { WEBHOOK_EVENTS } from "../server/webhooks/index.ts";
import { API_SCOPES } from "../server/apikeys/index.ts";
import { mountApiRoutes } from "../server/transport/api-routes.ts";
import { createApiKeyRoutes } from "../server/transport/apikeys-http.ts";
import { createIngestRoutes, createLiveDataAdminRoutes, createShopifyReceiver } from "../server/transport/ingest-http.ts";
import expressLib from "express";

type Operation = { "x-scope"?: string; requestBody?: { content?: Record<string, { schema?: { $ref?: string }; examples?: Record<string, { value: unknown }> }> } };
type Spec = { openapi: string; paths: Record<string, Record<string, Operation>>; webhooks: Record<string, unknown>; components: { schemas: Record<string, { enum?: string[] }> } };
const spec = parse(fs.readFileSync("docs/openapi/ingest.yaml", "utf8")) as Spec;
const METHODS = ["get", "put", "post", "delete", "patch"];

/** "METHOD /path/{param}" for every route a router defines, under `prefix`. */
function routesOf(prefix: string, router: express.Router): string[] {
  const stack = (router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }).stack;
  return stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path.replace(/:(\w+)/g, "{$1}")}`) : [],
  );
}

const none = {} as never;
const legacy = expressLib.Router();
mountApiRoutes(legacy, none);
const served = [
  ...routesOf("/api/ingest", createIngestRoutes(none)),
  ...routesOf("/api", createShopifyReceiver(none)),
  ...routesOf("/api/admin", createApiKeyRoutes(none)),
  ...routesOf("/api/admin", createLiveDataAdminRoutes(none)),
  ...routesOf("/api", legacy),
].sort();
const documented = Object.entries(spec.paths)
  .flatMap(([path, ops]) => Object.keys(ops).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path.replace(/\{integrationId\}/, "{integrationId}")}`))
  .sort();

const SCHEMAS: Record<string, z.ZodType> = { CustomerInput, ProductInput, OrderInput, StatusChangeInput, EventsInput, BatchInput };

describe("docs/openapi/ingest.yaml", () => {
  it("is OpenAPI 3.1", () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
  });

  it("documents every route the server serves under /api, and no route it does not serve", () => {
    expect(served.length).toBeGreaterThan(20);
    expect(documented).toEqual(served);
  });

  it("names a scope for every operation behind an API key, from the scopes that exist", () => {
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (path.startsWith("/api/ingest/shopify")) continue;
        expect(API_SCOPES as readonly string[], `${method} ${path}`).toContain(op["x-scope"]);
      }
    }
  });

  it("has request examples that the server's own validation accepts", () => {
    let checked = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const media = op.requestBody?.content?.["application/json"];
        const name = media?.schema?.$ref?.split("/").pop();
        if (!name || !SCHEMAS[name]) continue;
        for (const [example, { value }] of Object.entries(media?.examples ?? {})) {
          // A PUT takes its id from the URL.
          const body = method === "put" ? { ...(value as object), id: "X1" } : value;
          const r = SCHEMAS[name].safeParse(body);
          expect(r.success, `${method} ${path} example ${example}: ${r.success ? "" : JSON.stringify(r.error.issues)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it("describes every outbound webhook event the server sends", () => {
    expect(Object.keys(spec.webhooks).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(spec.components.schemas.WebhookEventType.enum?.sort()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(spec.components.schemas.Scope.enum?.sort()).toEqual([...API_SCOPES].sort());
  });
});
