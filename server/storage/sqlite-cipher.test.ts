import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { openStorage } from "./database.ts";
import { CIPHER_PACKAGE, rekeySqliteDatabase } from "./sqlite-cipher.ts";

const installed = (() => {
  try {
    createRequire(import.meta.url)(CIPHER_PACKAGE);
    return true;
  } catch {
    console.warn(`[skip] ${CIPHER_PACKAGE} (optional dependency) is not installed: SQLite encryption tests are skipped`);
    return false;
  }
})();

const SECRET_TEXT = "my card is in the drawer, Zebulon Quartermaine";
const dirs: string[] = [];
const tempDb = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-cipher-"));
  dirs.push(dir);
  return path.join(dir, "shop.db");
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Every file of the database (db, -wal, -shm) as bytes. */
const rawFiles = (file: string) => ["", "-wal", "-shm"].filter((s) => fs.existsSync(file + s)).map((s) => ({ name: path.basename(file + s), bytes: fs.readFileSync(file + s) }));

async function storeMessage(file: string, key?: string) {
  const s = await openStorage({ sqlitePath: file, sqliteKey: key });
  const c = await s.conversations.create(null);
  await s.conversations.append(c.id, { sender: "shopper", clientId: "m1", replyTo: null, text: SECRET_TEXT, action: null, payload: {} });
  return { storage: s, conversationId: c.id };
}

describe.skipIf(!installed)("SQLite encryption at rest (DATABASE_KEY)", () => {
  it("leaves no plaintext of a stored message in the db, -wal or -shm file, and reads it back with the key", async () => {
    const file = tempDb();
    const { storage, conversationId } = await storeMessage(file, "correct horse battery staple");
    const files = rawFiles(file);
    expect(files.map((f) => f.name)).toEqual(["shop.db", "shop.db-wal", "shop.db-shm"]);
    expect(files.find((f) => f.name === "shop.db-wal")!.bytes.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f.bytes.includes(Buffer.from("Quartermaine")), f.name).toBe(false);
      expect(f.bytes.includes(Buffer.from("CREATE TABLE")), f.name).toBe(false);
    }
    await storage.close();
    const again = await openStorage({ sqlitePath: file, sqliteKey: "correct horse battery staple" });
    expect((await again.conversations.messagesAfter(conversationId, 0))[0].text).toBe(SECRET_TEXT);
    await again.close();
  });

  it("the same message without a key is plain text in the file (the control)", async () => {
    const file = tempDb();
    const { storage } = await storeMessage(file);
    expect(rawFiles(file).some((f) => f.bytes.includes(Buffer.from("Quartermaine")))).toBe(true);
    await storage.close();
  });

  it("refuses a wrong key, and an encrypted file opened without a key, with CHAT_ERR_DATABASE_KEY", async () => {
    const file = tempDb();
    await (await storeMessage(file, "correct horse battery staple")).storage.close();
    const wrong = await openStorage({ sqlitePath: file, sqliteKey: "not the right key" }).catch((e: unknown) => e);
    expect(isAppError(wrong, "CHAT_ERR_DATABASE_KEY")).toBe(true);
    expect((wrong as Error).message).toMatch(/could not be opened with DATABASE_KEY: the key is wrong/);
    expect((wrong as Error).message).not.toContain("not the right key");
    const none = await openStorage({ sqlitePath: file }).catch((e: unknown) => e);
    expect(isAppError(none, "CHAT_ERR_DATABASE_KEY")).toBe(true);
    expect((none as Error).message).toMatch(/is encrypted .*set DATABASE_KEY/);
  });

  it("encrypts a plain database and rotates its key with rekey; the old key stops working", async () => {
    const file = tempDb();
    const { storage, conversationId } = await storeMessage(file);
    await storage.close();
    expect(rekeySqliteDatabase(file, { newKey: "first key 123456" })).toEqual({ encrypted: true });
    expect(rawFiles(file).some((f) => f.bytes.includes(Buffer.from("Quartermaine")))).toBe(false);
    rekeySqliteDatabase(file, { oldKey: "first key 123456", newKey: "second key 654321" });
    const old = await openStorage({ sqlitePath: file, sqliteKey: "first key 123456" }).catch((e: unknown) => e);
    expect(isAppError(old, "CHAT_ERR_DATABASE_KEY")).toBe(true);
    const s = await openStorage({ sqlitePath: file, sqliteKey: "second key 654321" });
    expect((await s.conversations.messagesAfter(conversationId, 0))[0].text).toBe(SECRET_TEXT);
    await s.close();
  });
});
