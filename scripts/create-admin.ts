/**
 * Create an agent-console admin (or agent) in the server's database.
 * Usage: npm run create-admin -- --email you@shop.example [--name "Your Name"] [--password ...] [--role agent]
 *        [--skills orders,returns] [--capacity 3]
 * Without --password a random one is generated and printed once. Reads DATA_DIR / DATABASE_URL like the server.
 */
import { createAuthService, generatePassword } from "../server/auth/index.ts";
import { loadConfig } from "../server/config.ts";
import { describeDatabase, openStorage, storageOptionsFor, TEAMS, type Team } from "../server/storage/index.ts";
import { flagString, parseArgs } from "./lib/index.ts";

async function main() {
  const args = parseArgs(process.argv.slice(2), { valued: ["email", "name", "password", "role", "skills", "capacity", "data-dir"], boolean: [] });
  const email = flagString(args, "email");
  if (!email) throw new Error("--email is required");
  const config = loadConfig(process.env, flagString(args, "data-dir") ? [`--data-dir=${flagString(args, "data-dir")}`] : []);
  const role = flagString(args, "role", "admin");
  if (role !== "admin" && role !== "agent") throw new Error("--role must be admin or agent");
  const skills = (flagString(args, "skills") ?? (role === "admin" ? TEAMS.join(",") : "general")).split(",").map((s) => s.trim()) as Team[];
  const generated = !flagString(args, "password");
  const password = flagString(args, "password") ?? generatePassword();
  const storage = await openStorage(storageOptionsFor(config.database));
  try {
    const auth = createAuthService({ store: storage.auth, sessionTtlMs: config.handoff.sessionTtlMs, maxFailedLogins: config.handoff.maxFailedLogins, lockoutMs: config.handoff.lockoutMs });
    const agent = await auth.createAgent({
      email,
      name: flagString(args, "name", email.split("@")[0]),
      role,
      password,
      skills,
      capacity: Number(flagString(args, "capacity", role === "admin" ? "5" : "3")),
    });
    console.log(`created ${agent.role} ${agent.email} (skills: ${agent.skills.join(", ")}) in ${describeDatabase(config.database)}`);
    if (generated) console.log(`password (shown once): ${password}`);
  } finally {
    await storage.close();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
