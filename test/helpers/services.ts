/**
 * PostgreSQL and Redis for tests. Tests that need them skip with one clear line when they are not
 * running, unless REQUIRE_SERVICES=1 (set by .ci/run), which makes their absence a failure.
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import pg from "pg";

/** True when the run must have PostgreSQL and Redis (CI). */
export const servicesRequired = process.env.REQUIRE_SERVICES === "1";

/** The PostgreSQL server tests use (TEST_DATABASE_URL, default the local trust-auth `test` database). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** The Redis server tests use (TEST_REDIS_URL, default the local one). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const reported = new Set<string>();

function absent(what: string, why: string): false {
  if (servicesRequired) throw new Error(`${what} is required (REQUIRE_SERVICES=1) but not reachable: ${why}`);
  if (!reported.has(what)) {
    reported.add(what);
    console.warn(`[skip] ${what} not reachable (${why}): its tests are skipped; set REQUIRE_SERVICES=1 to make this a failure`);
  }
  return false;
}

/** Whether PostgreSQL answers at TEST_DATABASE_URL. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (err) {
    return absent(`PostgreSQL at ${TEST_DATABASE_URL}`, (err as Error).message);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether Redis answers PING at TEST_REDIS_URL. */
export async function redisAvailable(): Promise<boolean> {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const ok = await new Promise<string | true>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (r: string | true) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(2000, () => done("timeout"));
    socket.on("error", (err) => done(err.message));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (d) => done(d.toString().startsWith("+PONG") ? true : `unexpected reply ${JSON.stringify(d.toString())}`));
  });
  return ok === true ? true : absent(`Redis at ${TEST_REDIS_URL}`, ok);
}

/** A fresh schema name for one test run (dropped with dropSchema). */
export const freshSchema = (): string => `t_${randomBytes(6).toString("hex")}`;

/** Drop a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
