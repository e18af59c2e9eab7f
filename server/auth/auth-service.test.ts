import { describe, expect, it } from "vitest";
import { createAuthStore, openDatabase } from "../storage/index.ts";
import { createAuthService } from "./auth-service.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

function setup() {
  let t = new Date("2026-03-04T12:00:00Z").getTime();
  const db = openDatabase(":memory:");
  const auth = createAuthService({ store: createAuthStore(db), sessionTtlMs: 60_000, maxFailedLogins: 3, lockoutMs: 300_000, clock: () => new Date(t) });
  return { auth, advance: (ms: number) => (t += ms), db };
}

describe("agent auth", () => {
  it("hashes passwords with scrypt and a salt", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("wrong horse", a)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });

  it("logs in, authenticates the session until it expires, and logs out", async () => {
    const { auth, advance } = setup();
    await auth.createAgent({ email: "Sam@Shop.example", name: "Sam", password: "password-1" });
    const { token, agent } = await auth.login("sam@shop.example", "password-1");
    expect(agent.email).toBe("sam@shop.example");
    expect(auth.authenticate(token)?.id).toBe(agent.id);
    advance(61_000);
    expect(auth.authenticate(token)).toBeUndefined();
    const again = await auth.login("sam@shop.example", "password-1");
    auth.logout(again.token);
    expect(auth.authenticate(again.token)).toBeUndefined();
  });

  it("locks an account after repeated failures and unlocks it after the lockout", async () => {
    const { auth, advance } = setup();
    await auth.createAgent({ email: "sam@shop.example", name: "Sam", password: "password-1" });
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) await auth.login("sam@shop.example", "nope").catch((e: { code: string }) => codes.push(e.code));
    expect(codes).toEqual(["CHAT_ERR_UNAUTHORIZED", "CHAT_ERR_UNAUTHORIZED", "CHAT_ERR_ACCOUNT_LOCKED"]);
    await expect(auth.login("sam@shop.example", "password-1")).rejects.toMatchObject({ code: "CHAT_ERR_ACCOUNT_LOCKED" });
    advance(301_000);
    await expect(auth.login("sam@shop.example", "password-1")).resolves.toMatchObject({ agent: { email: "sam@shop.example" } });
  });

  it("creates the first admin and two demo agents once, on an empty database", async () => {
    const { auth } = setup();
    const first = await auth.bootstrap({ demoAgents: true });
    expect(first.map((c) => c.role)).toEqual(["admin", "agent", "agent"]);
    expect(await auth.bootstrap({ demoAgents: true })).toEqual([]);
    await expect(auth.login(first[1].email, first[1].password)).resolves.toBeDefined();
  });

  it("rejects invalid accounts with the reason", async () => {
    const { auth } = setup();
    await expect(auth.createAgent({ email: "nope", name: "X", password: "password-1" })).rejects.toThrow(/email/);
    await expect(auth.createAgent({ email: "a@b.example", name: "X", password: "short" })).rejects.toThrow(/password/);
    await expect(auth.createAgent({ email: "a@b.example", name: "X", password: "password-1", skills: ["cooking" as never] })).rejects.toThrow(/skills/);
  });
});
