import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { AppError } from "../errors.ts";

/**
 * Encryption at rest for the SQLite file. better-sqlite3-multiple-ciphers (SQLite3 Multiple Ciphers,
 * the same API as better-sqlite3) is an optional dependency, loaded only when a key is set, so a shop
 * without DATABASE_KEY never needs it and `npm ci` stays reliable where it cannot be built.
 * The SQLCipher scheme (AES-256-CBC with HMAC-SHA512 per page, PBKDF2 key derivation) encrypts the
 * database, its WAL and its journal; the -shm file holds only page numbers and hashes.
 */

/** The optional package that opens encrypted files. */
export const CIPHER_PACKAGE = "better-sqlite3-multiple-ciphers";

const require = createRequire(import.meta.url);

function cipherDatabase(): typeof Database {
  try {
    return require(CIPHER_PACKAGE) as typeof Database;
  } catch (err) {
    throw new AppError(
      "CHAT_ERR_CONFIG",
      `DATABASE_KEY is set, but the optional package ${CIPHER_PACKAGE} is not installed or did not build (${(err as Error).message.split("\n")[0]}). Install it with \`npm install ${CIPHER_PACKAGE}\` (it compiles SQLite; needs a C compiler and python3).`,
      { cause: err },
    );
  }
}

/** A string literal for a PRAGMA (single quotes doubled). */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Read the schema once, so a wrong key (or an encrypted file opened without one) fails now with a clear error. */
function probe(db: Database.Database, file: string, keyed: boolean): void {
  try {
    db.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === "SQLITE_NOTADB") {
      throw new AppError(
        "CHAT_ERR_DATABASE_KEY",
        keyed
          ? `The database ${file} could not be opened with DATABASE_KEY: the key is wrong, or the file is not encrypted (encrypt it with \`npm run privacy -- rekey --new-key-env NEW_KEY\`, docs/privacy.md).`
          : `The database ${file} is encrypted (or is not a SQLite database): set DATABASE_KEY to open it.`,
        { cause: err },
      );
    }
    throw err;
  }
}

/**
 * Open a SQLite file: plain better-sqlite3 without a key; with one, the multiple-ciphers build with the
 * SQLCipher scheme and the key (never logged). Throws CHAT_ERR_DATABASE_KEY for a wrong or missing key.
 * @example const db = openSqliteDatabase("./data/shop.db", process.env.DATABASE_KEY);
 */
export function openSqliteDatabase(file: string, key?: string): Database.Database {
  if (!key) {
    const db = new Database(file);
    if (file !== ":memory:") probe(db, file, false);
    return db;
  }
  const Cipher = cipherDatabase();
  const db = new Cipher(file);
  db.pragma(`cipher=${literal("sqlcipher")}`);
  db.pragma(`key=${literal(key)}`);
  probe(db, file, true);
  return db;
}

/**
 * Change the key of a SQLite file (or encrypt a plain one, or decrypt with `newKey` empty). The file is
 * switched out of WAL mode for the rewrite (SQLite3 Multiple Ciphers cannot rekey in WAL mode) and
 * back, then reopened with the new key to check it. Stop the server first.
 * @example rekeySqliteDatabase("./data/shop.db", { oldKey: process.env.DATABASE_KEY, newKey: process.env.NEW_DATABASE_KEY })
 */
export function rekeySqliteDatabase(file: string, keys: { oldKey?: string; newKey?: string }): { encrypted: boolean } {
  const Cipher = cipherDatabase();
  const db = new Cipher(file);
  if (keys.oldKey) {
    db.pragma(`cipher=${literal("sqlcipher")}`);
    db.pragma(`key=${literal(keys.oldKey)}`);
  }
  probe(db, file, !!keys.oldKey);
  try {
    db.pragma("journal_mode = DELETE");
    db.pragma(`cipher=${literal("sqlcipher")}`);
    db.pragma(`rekey=${literal(keys.newKey ?? "")}`);
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
  openSqliteDatabase(file, keys.newKey || undefined).close();
  return { encrypted: !!keys.newKey };
}
