/**
 * Static checks of the production layout in docs/deploy (Docker cannot run here): every instance's
 * environment passes the server's own configuration check, the instances share what they must, and the
 * proxy reaches each of them without sticky sessions.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONFIG_KEYS, loadConfig } from "../server/config.ts";

const DIR = "docs/deploy";
type Service = { build?: unknown; image?: string; environment?: Record<string, string>; volumes?: string[]; depends_on?: Record<string, { condition: string }>; ports?: string[]; healthcheck?: unknown };
const compose = parse(fs.readFileSync(`${DIR}/docker-compose.yml`, "utf8"), { merge: true }) as { services: Record<string, Service> };

/** The example .env, as docker compose reads it. */
const dotenv = Object.fromEntries(
  fs
    .readFileSync(`${DIR}/env.example`, "utf8")
    .split("\n")
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);

/** Compose's interpolation: ${X}, ${X:-default}, ${X:?error}. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, op: string | undefined, arg: string) => {
    if (dotenv[name] !== undefined && dotenv[name] !== "") return dotenv[name];
    if (op === "-") return arg;
    throw new Error(`${name} is required: ${arg}`);
  });
}

const instances = Object.entries(compose.services).filter(([, s]) => s.build);
const envOf = (s: Service) => Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));

describe("docs/deploy", () => {
  it("runs two instances whose settings pass the server's configuration check", () => {
    expect(instances.map(([name]) => name)).toHaveLength(2);
    for (const [, service] of instances) {
      const env = envOf(service);
      expect(Object.keys(env).filter((k) => !CONFIG_KEYS.includes(k))).toEqual([]);
      // The example's placeholders are refused on a public address: an operator sets real secrets first.
      expect(() => loadConfig(env)).toThrow(/SHOP_SECRET, ADMIN_TOKEN.*demo values/);
      const real = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, /^change-me/.test(v ?? "") ? `${k.toLowerCase()}-0f3c1a9e7d5b4c2a8e6f` : v]));
      const config = loadConfig(real);
      expect(config.database.kind).toBe("postgres");
      expect(config.redisUrl).toBeDefined();
      expect(config.host).toBe("0.0.0.0");
    }
  });

  it("shares the database, Redis, the data folder and the knowledge folder between the instances, with distinct ids", () => {
    const [[, a], [, b]] = instances;
    const [ea, eb] = [envOf(a), envOf(b)];
    for (const key of ["DATABASE_URL", "REDIS_URL", "REDIS_PREFIX", "DATA_DIR", "KNOWLEDGE_DIR", "SHOP_SECRET", "ADMIN_TOKEN"]) expect([key, ea[key]]).toEqual([key, eb[key]]);
    expect(ea.INSTANCE_ID).not.toBe(eb.INSTANCE_ID);
    const mountAt = (s: Service, target: string) => s.volumes?.find((v) => v.split(":")[1] === target)?.split(":")[0];
    for (const target of [ea.DATA_DIR, ea.KNOWLEDGE_DIR]) {
      expect(mountAt(a, target)).toBeDefined();
      expect(mountAt(a, target)).toBe(mountAt(b, target));
    }
    for (const s of [a, b]) expect(s.depends_on).toMatchObject({ postgres: { condition: "service_healthy" }, redis: { condition: "service_healthy" } });
    expect(compose.services.postgres.healthcheck).toBeDefined();
    expect(compose.services.redis.healthcheck).toBeDefined();
  });

  it("routes through the proxy to every instance by open connections, checking /healthz, without sticky sessions", () => {
    const caddy = fs.readFileSync(`${DIR}/Caddyfile`, "utf8").replace(/#.*$/gm, "");
    const upstreams = /reverse_proxy\s+([^{]+)\{/.exec(caddy)![1].trim().split(/\s+/);
    expect(upstreams.sort()).toEqual(instances.map(([name, s]) => `${name}:${envOf(s).PORT}`).sort());
    expect(caddy).toMatch(/health_uri\s+\/healthz/);
    expect(caddy).toMatch(/lb_policy\s+least_conn/);
    expect(caddy).not.toMatch(/lb_policy\s+(ip_hash|client_ip_hash|cookie|header|uri_hash)/);
    expect(compose.services.proxy.volumes).toContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
  });

  it("builds an image that runs what `npm start` runs", () => {
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(fs.readFileSync(`${DIR}/Dockerfile`, "utf8"))![1];
    const start = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
    expect((JSON.parse(cmd) as string[]).join(" ")).toBe(start);
  });
});
