import { randomBytes } from "node:crypto";
import { AppError } from "../errors.ts";
import type { IntegrationRecord, IntegrationStore } from "../storage/index.ts";

/** Shop platforms that push signed webhooks: created by an admin with the platform's signing secret. */
export interface Integrations {
  create(input: { kind: "shopify"; name: string; secret: string }): Promise<IntegrationRecord>;
  list(): Promise<IntegrationRecord[]>;
  disable(id: string): Promise<void>;
  /** The enabled integration and its secret, or undefined. */
  active(id: string): Promise<(IntegrationRecord & { secret: string }) | undefined>;
}

/**
 * Create the integrations service over its store.
 * @example const int = await integrations.create({ kind: "shopify", name: "main shop", secret: process.env.SHOPIFY_WEBHOOK_SECRET });
 */
export function createIntegrations(store: IntegrationStore, clock: () => Date = () => new Date()): Integrations {
  return {
    async create(input) {
      if (input.secret.length < 16) throw new AppError("CHAT_ERR_VALIDATION", "secret: must be the platform's webhook signing secret (at least 16 characters).");
      return store.insert({ id: `int_${randomBytes(8).toString("hex")}`, kind: input.kind, name: input.name, secret: input.secret, createdAt: clock().toISOString(), disabledAt: null });
    },
    list: () => store.list(),
    async disable(id) {
      if (!(await store.disable(id, clock().toISOString()))) throw new AppError("CHAT_ERR_NOT_FOUND", `No enabled integration ${id}.`);
    },
    active: (id) => store.getActive(id),
  };
}
