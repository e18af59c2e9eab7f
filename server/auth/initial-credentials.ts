import fs from "node:fs";
import path from "node:path";
import type { AgentRole, Team } from "../storage/index.ts";

/** The file the generated first passwords are written to (inside DATA_DIR). */
export const INITIAL_CREDENTIALS_FILE = "initial-credentials.txt";

/**
 * Write the accounts created at first start, with their passwords, to DATA_DIR/initial-credentials.txt, readable and
 * writable by the server's user only (0600), and return its path. The log names the file, never a password.
 * @example const file = writeInitialCredentials(config.dataDir, created);
 */
export function writeInitialCredentials(dataDir: string, created: readonly { email: string; password: string; role: AgentRole; skills: readonly Team[] }[]): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, INITIAL_CREDENTIALS_FILE);
  const lines = created.map((c) => `${c.role.padEnd(5)} ${c.email}  password: ${c.password}  skills: ${c.skills.join(", ")}`);
  const text = `# Agent console accounts created ${new Date().toISOString()}. Log in at /console, change what you keep, delete this file.\n${lines.join("\n")}\n`;
  fs.appendFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
