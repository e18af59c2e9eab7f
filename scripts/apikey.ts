/**
 * Manage API keys in the server's database (reads DATA_DIR / DATABASE_URL like the server).
 * Usage: npm run apikey -- create --name shopify --scopes ingest:write[,admin:read] [--json]
 *        npm run apikey -- list [--json]
 *        npm run apikey -- revoke <key id>
 * A created key is printed once; only its SHA-256 is stored.
 */
import { API_SCOPES, createApiKeys } from "../server/apikeys/index.ts";
import { loadConfig } from "../server/config.ts";
import { describeDatabase, openStorage, storageOptionsFor } from "../server/storage/index.ts";
import { flagBool, flagString, parseArgs } from "./lib/index.ts";

const USAGE = `usage: npm run apikey -- create --name <name> --scopes <${API_SCOPES.join("|")},…> [--json]
       npm run apikey -- list [--json]
       npm run apikey -- revoke <key id>
options: --data-dir <dir> (default DATA_DIR or ./data); DATABASE_URL selects PostgreSQL`;

async function main() {
  const args = parseArgs(process.argv.slice(2), { valued: ["name", "scopes", "data-dir"], boolean: ["json", "help"] });
  const [command, id] = args.positionals;
  if (flagBool(args, "help") || !command) {
    console.log(USAGE);
    return;
  }
  const json = flagBool(args, "json");
  const dataDir = flagString(args, "data-dir");
  const config = loadConfig(process.env, dataDir ? [`--data-dir=${dataDir}`] : []);
  const storage = await openStorage(storageOptionsFor(config.database));
  try {
    const keys = createApiKeys({ store: storage.apiKeys });
    if (command === "create") {
      const name = flagString(args, "name");
      const scopes = flagString(args, "scopes");
      if (!name || !scopes) throw new Error(`create needs --name and --scopes\n${USAGE}`);
      const { key, record } = await keys.create({ name, scopes: scopes.split(",").map((s) => s.trim()).filter(Boolean), createdBy: "cli" });
      if (json) console.log(JSON.stringify({ key, ...record }));
      else {
        console.log(`created API key ${record.id} "${record.name}" (${record.scopes.join(", ")}) in ${describeDatabase(config.database)}`);
        console.log(`key (shown once, store it now): ${key}`);
        console.log(`use it as:  Authorization: Bearer ${key}`);
      }
    } else if (command === "list") {
      const list = await keys.list();
      if (json) console.log(JSON.stringify(list));
      else for (const k of list) console.log(`${k.id}  ${k.prefix}…  ${k.name}  [${k.scopes.join(", ")}]  created ${k.createdAt}  last used ${k.lastUsedAt ?? "never"}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ""}`);
    } else if (command === "revoke") {
      if (!id) throw new Error(`revoke needs a key id\n${USAGE}`);
      const k = await keys.revoke(id);
      console.log(`revoked ${k.id} "${k.name}" at ${k.revokedAt}`);
    } else throw new Error(`unknown command ${command}\n${USAGE}`);
  } finally {
    await storage.close();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
