import type { AuditEntry, AuditFilter, AuditStore, NewAuditEntry } from "../storage/index.ts";

/** The audited actions: reads of a customer's data, changes to it, and the privacy operations. */
export const AUDIT_ACTIONS = {
  profileRead: "profile.read",
  sidebarRead: "sidebar.read",
  noteAdd: "note.add",
  customerExport: "customer.export",
  customerErase: "customer.erase",
  retentionPurge: "retention.purge",
} as const;

/** Where code paths report who touched which customer's data (the handoff and the API receive this). */
export interface AuditSink {
  /** Append an entry; reads wait for it, so nothing is shown that was not logged. */
  record(entry: NewAuditEntry): Promise<void>;
}

/** The audit log: a sink plus reading it back. */
export interface AuditLog extends AuditSink {
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
}

/** The actor string of an agent or admin signed in to the console. */
export const agentActor = (agentId: string): string => `agent:${agentId}`;

/**
 * Create the audit log over its store. Entries are append-only; an erasure moves its customer's
 * entries to the erasure pseudonym (storage/privacy.ts).
 * @example const audit = createAuditLog(storage.audit); await audit.record({ actor: "admin-token", action: "profile.read", subject: "C00042" });
 */
export function createAuditLog(store: AuditStore): AuditLog {
  return {
    async record(entry) {
      await store.append(entry);
    },
    list: (filter) => store.list(filter),
  };
}
