import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../models/embedder.ts";
import { createWordHashEmbedder } from "../../models/embedders/index.ts";
import { seedDemoShop } from "../demo-shop/index.ts";
import { isAppError } from "../errors.ts";
import { openStorage, type SqlDriver } from "../storage/index.ts";
import { CUSTOMER_ARTIFACT_FILE, createCustomerInsights } from "./customer-insights.ts";

const wordEmbedder = (): Embedder => createWordHashEmbedder(128);

describe("customer insights service", () => {
  let db: SqlDriver;
  let dir: string;
  const embedder = wordEmbedder();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "insights-"));
    db = (await openStorage({ sqlitePath: path.join(dir, "shop.db") })).driver;
    await seedDemoShop(db, { seed: 7, customers: 400 });
  });

  it("refuses queries before training with a not-ready error", async () => {
    const svc = createCustomerInsights({ db, artifactsDir: path.join(dir, "artifacts"), embedder });
    await expect(svc.getInsights("C00001")).rejects.toSatisfy((e: unknown) => isAppError(e, "CHAT_ERR_NOT_READY"));
  });

  it("trains on first start, then a new instance loads the artifact without retraining", async () => {
    const artifactsDir = path.join(dir, "artifacts");
    const first = await createCustomerInsights({ db, artifactsDir, embedder }).ensureTrained();
    expect(first.trained).toBe(true);
    expect(fs.existsSync(path.join(artifactsDir, CUSTOMER_ARTIFACT_FILE))).toBe(true);
    const svc = createCustomerInsights({ db, artifactsDir, embedder });
    expect((await svc.ensureTrained()).trained).toBe(false);
    expect(svc.status()?.snapshot.customers).toBe(400);
  });

  it("answers a profile query with profile, segment, stage, CLV, churn reasons and recommendations", async () => {
    const svc = createCustomerInsights({ db, artifactsDir: path.join(dir, "artifacts"), embedder });
    const buyer = (await db.get<{ id: string }>("SELECT customer_id AS id FROM orders GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1"))!.id;
    const ins = await svc.getInsights(buyer);
    expect(ins.profile?.orders).toBeGreaterThan(1);
    expect(ins.profile?.summary).toMatch(/orders totalling/);
    expect(ins.segment?.name).toBeTruthy();
    expect(ins.stage).toMatch(/^(new|active|growing|at_risk|churned)$/);
    expect(ins.clv?.clvCents).toBeGreaterThan(0);
    expect(ins.churn?.risk).toBeGreaterThan(0);
    expect(ins.churn?.risk).toBeLessThan(1);
    expect(ins.churn?.reasons.length).toBeGreaterThan(0);
    expect(ins.recommendations.length).toBe(5);
    for (const r of ins.recommendations) expect(r.reason.length).toBeGreaterThan(5);
    await expect(svc.getInsights("C99999")).rejects.toSatisfy((e: unknown) => isAppError(e, "CHAT_ERR_NOT_FOUND"));
  });

  it("ranks by a question for an anonymous shopper and suggests bought-together items", async () => {
    const svc = createCustomerInsights({ db, artifactsDir: path.join(dir, "artifacts"), embedder });
    const recs = await svc.recommend(null, { query: "waterproof trail running shoes", k: 3 });
    expect(recs).toHaveLength(3);
    expect(recs[0].reason).toMatch(/question/);
    const popular = (await db.get<{ id: string }>("SELECT product_id AS id FROM order_items GROUP BY product_id ORDER BY count(*) DESC LIMIT 1"))!.id;
    const fbt = await svc.frequentlyBoughtTogether([popular], { k: 3 });
    expect(fbt.length).toBeGreaterThan(0);
    expect(fbt.map((r) => r.productId)).not.toContain(popular);
  });

  it("picks up a retrained artifact on reload without a restart", async () => {
    const artifactsDir = path.join(dir, "artifacts");
    const svc = createCustomerInsights({ db, artifactsDir, embedder });
    await svc.ensureTrained();
    const before = svc.status()!.trainedAt;
    expect(svc.reload()).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    await createCustomerInsights({ db, artifactsDir, embedder }).train();
    expect(svc.reload()).toBe(true);
    expect(svc.status()!.trainedAt).not.toBe(before);
  });
});
