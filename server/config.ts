import path from "node:path";
import { z } from "zod";
import { AppError } from "./errors.ts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The environment variables the server reads, with defaults; nothing else reads process.env. */
const EnvSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  KNOWLEDGE_DIR: z.string().min(1).default("./knowledge"),
  MODELS_DIR: z.string().min(1).default("./models/hub"),
  EMBEDDER: z
    .string()
    .regex(/^(use-lite|transformers:[A-Za-z0-9._\/-]+)$/, "must be `use-lite` or `transformers:<model folder under MODELS_DIR>`")
    .default("use-lite"),
  ALLOW_REMOTE_MODELS: bool.default(false),
  EMBEDDING_CACHE_SIZE: int(0, 1_000_000).default(5000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SEED_DEMO: bool.default(true),
  SEED: int(0, 2 ** 31 - 1).default(42),
  SHOP_SECRET: z.string().min(8, "must be at least 8 characters").default("demo-shop-secret-change-me"),
  ADMIN_TOKEN: z.string().min(8, "must be at least 8 characters").default("demo-admin-token"),
  MAX_FRAME_BYTES: int(256, 1_048_576).default(16_384),
  MAX_CONNECTIONS: int(1, 1_000_000).default(2000),
  RATE_LIMIT_MESSAGES: int(1, 10_000).default(20),
  RATE_LIMIT_WINDOW_MS: int(100, 3_600_000).default(10_000),
  HEARTBEAT_MS: int(50, 3_600_000).default(30_000),
  KNOWLEDGE_WATCH: bool.default(true),
  ANSWER_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
});

/** The validated, frozen server configuration; built once by loadConfig and passed down. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly dbPath: string;
  readonly knowledgeDir: string;
  readonly modelsDir: string;
  readonly embedder: string;
  readonly allowRemoteModels: boolean;
  readonly embeddingCacheSize: number;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  readonly seedDemo: boolean;
  readonly seed: number;
  readonly shopSecret: string;
  readonly adminToken: string;
  readonly limits: {
    readonly maxFrameBytes: number;
    readonly maxConnections: number;
    readonly rateLimitMessages: number;
    readonly rateLimitWindowMs: number;
    readonly heartbeatMs: number;
  };
  readonly knowledgeWatch: boolean;
  readonly answerMinConfidence: number;
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
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}=${JSON.stringify(raw[String(i.path[0])])}: ${i.message}`);
    throw new AppError("CHAT_ERR_CONFIG", `Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbPath: path.join(dataDir, "shop.db"),
    knowledgeDir: path.resolve(e.KNOWLEDGE_DIR),
    modelsDir: path.resolve(e.MODELS_DIR),
    embedder: e.EMBEDDER,
    allowRemoteModels: e.ALLOW_REMOTE_MODELS,
    embeddingCacheSize: e.EMBEDDING_CACHE_SIZE,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    seed: e.SEED,
    shopSecret: e.SHOP_SECRET,
    adminToken: e.ADMIN_TOKEN,
    limits: Object.freeze({
      maxFrameBytes: e.MAX_FRAME_BYTES,
      maxConnections: e.MAX_CONNECTIONS,
      rateLimitMessages: e.RATE_LIMIT_MESSAGES,
      rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS,
      heartbeatMs: e.HEARTBEAT_MS,
    }),
    knowledgeWatch: e.KNOWLEDGE_WATCH,
    answerMinConfidence: e.ANSWER_MIN_CONFIDENCE,
  };
  return Object.freeze(config);
}
