import { createHmac } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { AppError } from "./errors.ts";
import type { PriorityConfig } from "./handoff/priority.ts";
import { DEFAULT_SUPPORT_HOURS, parseSupportHours } from "./handoff/support-hours.ts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** A number from text; "abc" fails with "must be a number" rather than a NaN. */
const num = () => z.coerce.number({ error: (issue) => (issue.code === "invalid_type" ? "must be a number" : undefined) });
const int = (min: number, max: number) => num().int("must be a whole number").min(min).max(max);

/** `key=number,key=number` with exactly the given keys, each a finite number >= 0. */
const numberMap = <K extends string>(keys: readonly K[]) =>
  z.string().transform((text, ctx) => {
    const out: Partial<Record<K, number>> = {};
    for (const part of text.split(",")) {
      const m = /^\s*([a-z_]+)\s*=\s*([0-9]*\.?[0-9]+)\s*$/i.exec(part);
      if (!m || !keys.includes(m[1] as K)) {
        ctx.addIssue({ code: "custom", message: `must be like ${keys.map((k) => `${k}=<number>`).join(",")}` });
        return z.NEVER;
      }
      out[m[1] as K] = Number(m[2]);
    }
    const missing = keys.filter((k) => out[k] === undefined);
    if (missing.length) {
      ctx.addIssue({ code: "custom", message: `missing ${missing.join(", ")}` });
      return z.NEVER;
    }
    return out as Record<K, number>;
  });

/** The environment variables the server reads, with defaults; nothing else reads process.env. */
const EnvSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  KNOWLEDGE_DIR: z.string().min(1).default("./knowledge"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, "must be a PostgreSQL URL, postgres://user@host:5432/database").optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL identifier").optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, "must be a Redis URL, redis://host:6379").optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:._-]{1,40}$/, "must be 1-40 letters, digits, colons, dots, dashes or underscores").default("fjell:"),
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, "must be 1-40 letters, digits, dots, dashes or underscores").optional(),
  RECOVER_HOURS: int(0, 24 * 30).default(24),
  MODELS_DIR: z.string().min(1).default("./models/hub"),
  CACHE_DIR: z.string().min(1).optional(),
  EMBEDDER: z
    .string()
    .regex(/^(use-lite|transformers:[A-Za-z0-9._\/-]+)$/, "must be `use-lite` or `transformers:<model folder under MODELS_DIR>`")
    .default("use-lite"),
  ALLOW_REMOTE_MODELS: bool.default(false),
  EMBEDDER_WORKERS: int(1, 64).default(1),
  EMBEDDING_CACHE_SIZE: int(0, 1_000_000).default(5000),
  EMBEDDING_BATCH: bool.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SEED_DEMO: bool.default(true),
  SEED: int(0, 2 ** 31 - 1).default(42),
  DEMO_CUSTOMERS: int(10, 99_999).default(5000),
  IDENTITY_MAX_AGE_S: int(60, 30 * 86_400).default(86_400),
  IDENTITY_CLOCK_SKEW_S: int(0, 3600).default(300),
  IDENTITY_ALLOW_LEGACY: bool.default(false),
  DEMO_MODE: bool.optional(),
  SHOP_SECRET: z.string().min(8, "must be at least 8 characters").default("demo-shop-secret-change-me"),
  ADMIN_TOKEN: z.string().min(8, "must be at least 8 characters").optional(),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  MODEL_REFRESH_MINUTES: int(0, 7 * 24 * 60).default(24 * 60),
  WEBHOOK_POLL_MS: int(50, 600_000).default(1000),
  WEBHOOK_MAX_ATTEMPTS: int(1, 50).default(12),
  WEBHOOK_BACKOFF_BASE_MS: int(10, 86_400_000).default(30_000),
  WEBHOOK_BACKOFF_MAX_MS: int(10, 7 * 86_400_000).default(6 * 3_600_000),
  WEBHOOK_TIMEOUT_MS: int(100, 120_000).default(10_000),
  MAX_FRAME_BYTES: int(256, 1_048_576).default(16_384),
  MAX_CONNECTIONS: int(1, 1_000_000).default(2000),
  RATE_LIMIT_MESSAGES: int(1, 10_000).default(20),
  RATE_LIMIT_WINDOW_MS: int(100, 3_600_000).default(10_000),
  HEARTBEAT_MS: int(50, 3_600_000).default(30_000),
  KNOWLEDGE_WATCH: bool.default(true),
  ANSWER_MIN_CONFIDENCE: num().min(0).max(1).default(0.5),
  ANSWER_MIN_CONFIDENCE_TRANSLATED: num().min(0).max(1).default(0.6),
  LANGUAGE_DETECTION: bool.default(true),
  LANGUAGE_DETECTOR: z.enum(["eld-small", "eld-medium", "eld-large"]).default("eld-small"),
  SUPPORT_HOURS: z
    .string()
    .default(DEFAULT_SUPPORT_HOURS)
    .superRefine((v, ctx) => {
      try {
        parseSupportHours(v);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
  ADMIN_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address").optional(),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  DEMO_AGENTS: bool.optional(),
  SESSION_TTL_S: int(60, 30 * 86_400).default(8 * 3600),
  LOGIN_MAX_ATTEMPTS: int(1, 100).default(5),
  LOGIN_LOCKOUT_S: int(1, 86_400).default(900),
  OFFER_TIMEOUT_S: int(1, 3600).default(30),
  PRIORITY_WEIGHTS: numberMap(["wait", "reason", "value"] as const).default({ wait: 0.1, reason: 1, value: 1 }),
  PRIORITY_THRESHOLDS: numberMap(["high", "normal"] as const)
    .refine((t) => t.high > t.normal && t.high <= 1, "high must be above normal and at most 1")
    .default({ high: 0.6, normal: 0.3 }),
  SLA_SECONDS: numberMap(["high", "normal", "low"] as const).default({ high: 60, normal: 180, low: 600 }),
  PRIORITY_CLV_REFERENCE: num().positive().default(250),
  HOLDOUT_SHARE: num().min(0).max(1).default(0.1),
  CONVERSION_WINDOW_DAYS: int(1, 365).default(14),
  CAMPAIGN_FREQUENCY_CAP_DAYS: num().min(0).max(365).default(7),
  HIGH_VALUE_CLV: num().min(0).default(500),
  RETENTION_MIN_CHURN_RISK: num().min(0).max(1).default(0.5),
  RETENTION_MIN_CLV: num().min(0).default(100),
  RETENTION_MAX_COUPON: num().min(0).default(25),
  RETENTION_BUDGET_PER_MONTH: num().min(0).default(1000),
  TRANSCRIPT_RETENTION_DAYS: int(0, 36_500).default(365),
  DATABASE_KEY: z.string().min(12, "must be at least 12 characters").optional(),
  RECEIPT_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  TRUST_PROXY: bool.default(false),
  SHOP_ORIGINS: z
    .string()
    .regex(/^(\*|https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*)$/, "must be `*` or a comma-separated list of origins like https://shop.example")
    .optional(),
  MAX_SOCKETS_PER_IP: int(1, 1_000_000).default(50),
  HELLO_TIMEOUT_MS: int(100, 600_000).default(10_000),
  LOGIN_MAX_PER_IP: int(1, 10_000).default(30),
  LOGIN_IP_WINDOW_S: int(1, 86_400).default(900),
  ORDER_CHECKS_PER_IP: int(1, 10_000).default(20),
  ORDER_CHECKS_PER_EMAIL: int(1, 10_000).default(10),
  ORDER_CHECKS_GLOBAL: int(1, 10_000_000).default(2000),
  ORDER_CHECK_WINDOW_S: int(1, 86_400).default(3600),
  HANDOFFS_PER_IP: int(1, 10_000).default(30),
  HANDOFF_WINDOW_S: int(1, 86_400).default(3600),
  ALLOW_DEMO_SECRETS: bool.default(false),
});

/** Settings whose values are never printed (config errors say "(hidden)"). */
const SECRET_KEYS: ReadonlySet<string> = new Set(["SHOP_SECRET", "ADMIN_TOKEN", "METRICS_TOKEN", "ADMIN_PASSWORD", "DATABASE_KEY", "RECEIPT_SECRET"]);

/** The values shipped in the code and docs/deploy/env.example: fine on a laptop, never on a public address. */
const DEMO_SECRET = /change-me|^demo-/i;

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const ADMIN_TOKEN_NOTE = (given: string | undefined, known: string[]) =>
  known.includes("ADMIN_TOKEN") && given === undefined ? " (ADMIN_TOKEN defaults to a demo token in demo mode)" : "";

/** The erasure-receipt key derived from SHOP_SECRET when RECEIPT_SECRET is not set (a separate purpose, so a separate key). */
export function deriveReceiptSecret(shopSecret: string): string {
  return createHmac("sha256", shopSecret).update("fjell-field/erasure-receipts/v1", "utf8").digest("hex");
}

/** Every environment variable the server reads (deployment files are checked against it). */
export const CONFIG_KEYS: readonly string[] = Object.freeze(Object.keys(EnvSchema.shape));

/** The validated, frozen server configuration; built once by loadConfig and passed down. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Where the data lives: the SQLite file in DATA_DIR (default), or PostgreSQL (DATABASE_URL). */
  readonly database: { readonly kind: "sqlite"; readonly path: string; /** DATABASE_KEY: encrypt the file at rest (never logged). */ readonly key?: string } | { readonly kind: "postgres"; readonly url: string; readonly schema?: string; readonly poolSize: number };
  /** Redis, for several instances (bus, presence, locks, rate limits); in-process when absent. */
  readonly redisUrl?: string;
  /** Prefix of every Redis key and channel (several deployments or test runs can share one Redis). */
  readonly redisPrefix: string;
  /** This instance's name in logs and the cluster (default: random). */
  readonly instanceId?: string;
  /** On start, answer shopper messages of the last RECOVER_HOURS hours that never got their reply (0 = off). */
  readonly recoverHours: number;
  readonly knowledgeDir: string;
  readonly modelsDir: string;
  /** Built knowledge indexes, keyed by content (default <DATA_DIR>/cache). */
  readonly cacheDir: string;
  readonly embedder: string;
  readonly allowRemoteModels: boolean;
  /** Worker threads for the USE-lite embedder (1 = in-process); more raise batched throughput on multi-core machines. */
  readonly embedderWorkers: number;
  /** Most embeddings kept in the LRU cache; 0 turns the cache off. */
  readonly embeddingCacheSize: number;
  /** Micro-batch concurrent embedding calls (EMBEDDING_BATCH; false = one model call per caller). */
  readonly embeddingBatch: boolean;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  readonly seedDemo: boolean;
  readonly seed: number;
  /** Customers generated for the demo shop on an empty data folder. */
  readonly demoCustomers: number;
  readonly shopSecret: string;
  /** Secrets still at a demo value (allowed on a loopback address only; the server warns at start). */
  readonly demoSecrets: readonly string[];
  /** Signed customer identities (docs/identity.md): how old a signature may be, the clock skew allowed, and whether the old unsigned-time form is accepted. */
  readonly identity: { readonly maxAgeS: number; readonly clockSkewS: number; readonly allowLegacy: boolean };
  /** The demo shop page signs in a demo customer (default: with SEED_DEMO). */
  readonly demoMode: boolean;
  /**
   * Deprecated: the old shared bearer token of the /api routes, still accepted as a bootstrap (create an API key with
   * it, then unset it). Default: "demo-admin-token" in demo mode only, otherwise off.
   */
  readonly adminToken?: string;
  /** Bearer token for GET /metrics; unset: /metrics answers loopback callers only (docs/metrics.md). */
  readonly metricsToken?: string;
  /** Minutes between scheduled retrains of the customer models (0 = only on demand, POST /api/admin/models/refresh). */
  readonly modelRefreshMinutes: number;
  /** Outbound webhook delivery (docs/ingest.md). */
  readonly webhooks: { readonly pollMs: number; readonly maxAttempts: number; readonly backoffBaseMs: number; readonly backoffMaxMs: number; readonly timeoutMs: number };
  /** Browser-facing protections (docs/security.md). */
  readonly web: {
    /** TRUST_PROXY: take the client address and https from X-Forwarded-For/-Proto (behind a reverse proxy). */
    readonly trustProxy: boolean;
    /** Origins whose pages may open the widget socket /ws ("*" = any; default: any in demo mode, else the server's own). */
    readonly shopOrigins: "*" | readonly string[];
  };
  /** Abuse budgets per client address, per e-mail and in total (docs/security.md). */
  readonly abuse: {
    readonly loginPerIp: number;
    readonly loginWindowS: number;
    readonly orderChecksPerIp: number;
    readonly orderChecksPerEmail: number;
    readonly orderChecksGlobal: number;
    readonly orderCheckWindowS: number;
    readonly handoffsPerIp: number;
    readonly handoffWindowS: number;
  };
  readonly limits: {
    /** Open sockets allowed from one client address (each endpoint). */
    readonly maxSocketsPerIp: number;
    /** A widget socket that sends no hello within this time is closed (4408). */
    readonly helloTimeoutMs: number;
    readonly maxFrameBytes: number;
    readonly maxConnections: number;
    readonly rateLimitMessages: number;
    readonly rateLimitWindowMs: number;
    readonly heartbeatMs: number;
  };
  readonly knowledgeWatch: boolean;
  readonly answerMinConfidence: number;
  /** The answer bar for questions answered from knowledge translations. */
  readonly answerMinConfidenceTranslated: number;
  /** Detect each message's language (off: everything is answered as English); the detector's database size. */
  readonly languageDetection: { readonly enabled: boolean; readonly detector: "eld-small" | "eld-medium" | "eld-large" };
  /** Human handoff and the agent console (docs/handoff.md). */
  readonly handoff: {
    /** SUPPORT_HOURS as given (parse with parseSupportHours). */
    readonly supportHours: string;
    readonly adminEmail?: string;
    readonly adminPassword?: string;
    /** Create a demo admin and two demo agents on a database without accounts. */
    readonly demoAgents: boolean;
    readonly sessionTtlMs: number;
    readonly maxFailedLogins: number;
    readonly lockoutMs: number;
    readonly offerTimeoutMs: number;
    readonly priority: Omit<PriorityConfig, "reasonScores">;
  };
  /** Sales experiments (upsell, retention offers); money in cents. */
  readonly experiments: {
    readonly holdoutShare: number;
    readonly conversionWindowDays: number;
    readonly highValueClvCents: number;
    readonly retentionMinChurnRisk: number;
    readonly retentionMinClvCents: number;
    readonly retentionCouponMaxCents: number;
    readonly retentionBudgetCentsPerMonth: number;
    /** At most one proactive campaign message per customer in this many days, across campaigns (docs/campaigns.md). */
    readonly campaignFrequencyCapDays: number;
  };
  /** Privacy operations (docs/privacy.md). */
  readonly privacy: {
    /** Transcripts of conversations idle longer than this are purged daily (0 = keep forever). */
    readonly transcriptRetentionDays: number;
    /** HMAC key of erasure receipts: RECEIPT_SECRET, or derived from SHOP_SECRET. */
    readonly receiptSecret: string;
  };
}

/**
 * Build the configuration from environment variables (and `--key=value` CLI flags, which win),
 * apply defaults, validate with precise messages, and freeze.
 * @example loadConfig({ PORT: "0", DATA_DIR: "/tmp/x" }, [])
 */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  const fromArgs: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--([a-z0-9-]+)=(.*)$/i.exec(arg);
    if (m) fromArgs[m[1].toUpperCase().replace(/-/g, "_")] = m[2];
  }
  const known = Object.keys(EnvSchema.shape);
  const raw: Record<string, string> = {};
  for (const key of known) {
    const v = fromArgs[key] ?? env[key];
    if (v !== undefined && v !== "") raw[key] = v;
  }
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    // Secrets are never echoed back, even when invalid.
    const shown = (key: string) => (SECRET_KEYS.has(key) ? "(hidden)" : JSON.stringify(raw[key]));
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}=${shown(String(i.path[0]))}: ${i.message}`);
    throw new AppError("CHAT_ERR_CONFIG", `Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  if (e.DATABASE_KEY && e.DATABASE_URL) {
    throw new AppError("CHAT_ERR_CONFIG", "Invalid configuration:\n  DATABASE_KEY encrypts the SQLite file; with DATABASE_URL (PostgreSQL) use the server's own encryption instead (docs/privacy.md).");
  }
  // A public address with a secret everyone knows (the defaults, the env.example placeholders) is refused (issue 12).
  const adminToken = e.ADMIN_TOKEN ?? ((e.DEMO_MODE ?? e.SEED_DEMO) ? "demo-admin-token" : undefined);
  const demoSecrets = [
    ["SHOP_SECRET", e.SHOP_SECRET],
    ["ADMIN_TOKEN", adminToken],
    ["ADMIN_PASSWORD", e.ADMIN_PASSWORD],
    ["RECEIPT_SECRET", e.RECEIPT_SECRET],
    ["DATABASE_KEY", e.DATABASE_KEY],
  ].filter(([, v]) => v !== undefined && DEMO_SECRET.test(v)).map(([k]) => k as string);
  if (demoSecrets.length && !isLoopbackHost(e.HOST) && !e.ALLOW_DEMO_SECRETS) {
    throw new AppError(
      "CHAT_ERR_CONFIG",
      `Invalid configuration:\n  HOST=${JSON.stringify(e.HOST)} is reachable from other machines, but ${demoSecrets.join(", ")} still ${demoSecrets.length > 1 ? "have their demo values" : "has its demo value"}${ADMIN_TOKEN_NOTE(e.ADMIN_TOKEN, demoSecrets)}. ` +
        "Set long random values (e.g. `openssl rand -hex 32`), or listen on 127.0.0.1 (ALLOW_DEMO_SECRETS=true overrides, for throw-away demos only).",
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: Object.freeze(
      e.DATABASE_URL
        ? { kind: "postgres" as const, url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE }
        : { kind: "sqlite" as const, path: path.join(dataDir, "shop.db"), ...(e.DATABASE_KEY ? { key: e.DATABASE_KEY } : {}) },
    ),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    instanceId: e.INSTANCE_ID,
    recoverHours: e.RECOVER_HOURS,
    knowledgeDir: path.resolve(e.KNOWLEDGE_DIR),
    modelsDir: path.resolve(e.MODELS_DIR),
    cacheDir: path.resolve(e.CACHE_DIR ?? path.join(dataDir, "cache")),
    embedder: e.EMBEDDER,
    allowRemoteModels: e.ALLOW_REMOTE_MODELS,
    embedderWorkers: e.EMBEDDER_WORKERS,
    embeddingCacheSize: e.EMBEDDING_CACHE_SIZE,
    embeddingBatch: e.EMBEDDING_BATCH,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    seed: e.SEED,
    demoCustomers: e.DEMO_CUSTOMERS,
    shopSecret: e.SHOP_SECRET,
    demoSecrets: Object.freeze(demoSecrets),
    identity: Object.freeze({ maxAgeS: e.IDENTITY_MAX_AGE_S, clockSkewS: e.IDENTITY_CLOCK_SKEW_S, allowLegacy: e.IDENTITY_ALLOW_LEGACY }),
    demoMode: e.DEMO_MODE ?? e.SEED_DEMO,
    metricsToken: e.METRICS_TOKEN,
    adminToken,
    modelRefreshMinutes: e.MODEL_REFRESH_MINUTES,
    webhooks: Object.freeze({
      pollMs: e.WEBHOOK_POLL_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      backoffBaseMs: e.WEBHOOK_BACKOFF_BASE_MS,
      backoffMaxMs: Math.max(e.WEBHOOK_BACKOFF_MAX_MS, e.WEBHOOK_BACKOFF_BASE_MS),
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    }),
    web: Object.freeze({
      trustProxy: e.TRUST_PROXY,
      shopOrigins: e.SHOP_ORIGINS === "*" ? ("*" as const) : e.SHOP_ORIGINS ? Object.freeze(e.SHOP_ORIGINS.split(",").map((o) => o.trim().toLowerCase())) : (e.DEMO_MODE ?? e.SEED_DEMO) ? ("*" as const) : Object.freeze([]),
    }),
    abuse: Object.freeze({
      loginPerIp: e.LOGIN_MAX_PER_IP,
      loginWindowS: e.LOGIN_IP_WINDOW_S,
      orderChecksPerIp: e.ORDER_CHECKS_PER_IP,
      orderChecksPerEmail: e.ORDER_CHECKS_PER_EMAIL,
      orderChecksGlobal: e.ORDER_CHECKS_GLOBAL,
      orderCheckWindowS: e.ORDER_CHECK_WINDOW_S,
      handoffsPerIp: e.HANDOFFS_PER_IP,
      handoffWindowS: e.HANDOFF_WINDOW_S,
    }),
    limits: Object.freeze({
      maxSocketsPerIp: e.MAX_SOCKETS_PER_IP,
      helloTimeoutMs: e.HELLO_TIMEOUT_MS,
      maxFrameBytes: e.MAX_FRAME_BYTES,
      maxConnections: e.MAX_CONNECTIONS,
      rateLimitMessages: e.RATE_LIMIT_MESSAGES,
      rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS,
      heartbeatMs: e.HEARTBEAT_MS,
    }),
    knowledgeWatch: e.KNOWLEDGE_WATCH,
    answerMinConfidence: e.ANSWER_MIN_CONFIDENCE,
    answerMinConfidenceTranslated: e.ANSWER_MIN_CONFIDENCE_TRANSLATED,
    languageDetection: Object.freeze({ enabled: e.LANGUAGE_DETECTION, detector: e.LANGUAGE_DETECTOR }),
    handoff: Object.freeze({
      supportHours: e.SUPPORT_HOURS,
      adminEmail: e.ADMIN_EMAIL?.toLowerCase(),
      adminPassword: e.ADMIN_PASSWORD,
      demoAgents: e.DEMO_AGENTS ?? e.SEED_DEMO,
      sessionTtlMs: e.SESSION_TTL_S * 1000,
      maxFailedLogins: e.LOGIN_MAX_ATTEMPTS,
      lockoutMs: e.LOGIN_LOCKOUT_S * 1000,
      offerTimeoutMs: e.OFFER_TIMEOUT_S * 1000,
      priority: Object.freeze({
        weights: Object.freeze(e.PRIORITY_WEIGHTS),
        thresholds: Object.freeze(e.PRIORITY_THRESHOLDS),
        slaSeconds: Object.freeze(e.SLA_SECONDS),
        clvReferenceCents: Math.round(e.PRIORITY_CLV_REFERENCE * 100),
      }),
    }),
    experiments: Object.freeze({
      holdoutShare: e.HOLDOUT_SHARE,
      conversionWindowDays: e.CONVERSION_WINDOW_DAYS,
      highValueClvCents: Math.round(e.HIGH_VALUE_CLV * 100),
      retentionMinChurnRisk: e.RETENTION_MIN_CHURN_RISK,
      retentionMinClvCents: Math.round(e.RETENTION_MIN_CLV * 100),
      retentionCouponMaxCents: Math.round(e.RETENTION_MAX_COUPON * 100),
      retentionBudgetCentsPerMonth: Math.round(e.RETENTION_BUDGET_PER_MONTH * 100),
      campaignFrequencyCapDays: e.CAMPAIGN_FREQUENCY_CAP_DAYS,
    }),
    privacy: Object.freeze({
      transcriptRetentionDays: e.TRANSCRIPT_RETENTION_DAYS,
      receiptSecret: e.RECEIPT_SECRET ?? deriveReceiptSecret(e.SHOP_SECRET),
    }),
  };
  return Object.freeze(config);
}
