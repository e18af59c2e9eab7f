import { describe, expect, it } from "vitest";
import { openStorage } from "../storage/index.ts";
import { createAuthService } from "./auth-service.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

async function setup() {
  let t = new Date("2026-03-04T12:00:00Z").getTime();
  const storage = await openStorage({ sqlitePath: ":memory:" });
  const auth = createAuthService({ store: storage.auth, sessionTtlMs: 60_000, maxFailedLogins: 3, lockoutMs: 300_000, clock: () => new Date(t) });
  return { auth, advance: (ms: number) => (t += ms), storage };
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
    const { auth, advance } = await setup();
    await auth.createAgent({ email: "Sam@Shop.example", name: "Sam", password: "password-1" });
    const { token, agent } = await auth.login("sam@shop.example", "password-1");
    expect(agent.email).toBe("sam@shop.example");
    expect((await auth.authenticate(token))?.id).toBe(agent.id);
    advance(61_000);
    expect(await auth.authenticate(token)).toBeUndefined();
    const again = await auth.login("sam@shop.example", "password-1");
    await auth.logout(again.token);
    expect(await auth.authenticate(again.token)).toBeUndefined();
  });

  it("locks an account after repeated failures, answers exactly as for a wrong password, and unlocks it after the lockout", async () => {
    const { auth, advance } = await setup();
    await auth.createAgent({ email: "sam@shop.example", name: "Sam", password: "password-1" });
    const answer = (email: string, password: string) => auth.login(email, password).then(() => "ok", (e: { code: string; message: string }) => `${e.code} ${e.message}`);
    const wrong = [];
    for (let i = 0; i < 3; i++) wrong.push(await answer("sam@shop.example", "nope"));
    const locked = await answer("sam@shop.example", "password-1");
    const unknown = await answer("nobody@shop.example", "password-1");
    expect(new Set([...wrong, locked, unknown])).toEqual(new Set([wrong[0]]));
    expect(wrong[0]).toMatch(/^CHAT_ERR_UNAUTHORIZED/);
    advance(301_000);
    await expect(auth.login("sam@shop.example", "password-1")).resolves.toMatchObject({ agent: { email: "sam@shop.example" } });
  });

  it("holds the lock when wrong passwords and the right one arrive in parallel", async () => {
    const { auth } = await setup();
    await auth.createAgent({ email: "sam@shop.example", name: "Sam", password: "password-1" });
    // The audit's attack (there with 30): wrong passwords and the right one at once. Before the fix the right one logged in
    // and the count was written back stale, so the account never locked.
    const attempts = [...Array.from({ length: 12 }, () => "wrong-password"), "password-1"];
    const results = await Promise.allSettled(attempts.map((p) => auth.login("sam@shop.example", p)));
    const after = await auth.login("sam@shop.example", "password-1").then(() => "logged in", () => "refused");
    expect(after).toBe("refused");
    expect(results.slice(0, 12).every((r) => r.status === "rejected")).toBe(true);
  });

  it("creates the first admin and two demo agents once, on an empty database", async () => {
    const { auth } = await setup();
    const first = await auth.bootstrap({ demoAgents: true });
    expect(first.map((c) => c.role)).toEqual(["admin", "agent", "agent"]);
    expect(await auth.bootstrap({ demoAgents: true })).toEqual([]);
    await expect(auth.login(first[1].email, first[1].password)).resolves.toBeDefined();
  });

  it("rejects invalid accounts with the reason", async () => {
    const { auth } = await setup();
    await expect(auth.createAgent({ email: "nope", name: "X", password: "password-1" })).rejects.toThrow(/email/);
    await expect(auth.createAgent({ email: "a@b.example", name: "X", password: "short" })).rejects.toThrow(/password/);
    await expect(auth.createAgent({ email: "a@b.example", name: "X", password: "password-1", skills: ["cooking" as never] })).rejects.toThrow(/skills/);
  });
});
