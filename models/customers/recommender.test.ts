import { describe, expect, it } from "vitest";
import type { Embedder } from "../embedder.ts";
import { createWordHashEmbedder } from "../embedders/index.ts";
import { createRandom } from "./random.ts";
import { createRecommenderRuntime, frequentlyBoughtTogether, recommend, trainRecommender, type InteractionData } from "./recommender.ts";
import { makeCatalogue } from "./test-data.ts";

const wordEmbedder = (): Embedder => createWordHashEmbedder(64);

const AS_OF = new Date("2026-06-01T00:00:00Z");
const catalogue = makeCatalogue(30);
const byId = new Map(catalogue.map((p) => [p.id, p]));

/** Buyers of P001 also buy P002; buyers of P010 also buy P011; plus random noise baskets. */
function interactions(seed = 1): InteractionData {
  const rnd = createRandom(seed);
  const baskets: InteractionData["baskets"] = [];
  const browsing: InteractionData["browsing"] = [];
  for (let c = 0; c < 300; c++) {
    const at = new Date(AS_OF.getTime() - (1 + Math.floor(rnd() * 300)) * 86_400_000).toISOString();
    const pattern = c % 3;
    const noise = catalogue[3 + Math.floor(rnd() * 27)].id;
    if (pattern === 0) baskets.push({ customerId: `C${c}`, at, items: ["P001", "P002", noise] });
    else if (pattern === 1) baskets.push({ customerId: `C${c}`, at, items: ["P010", "P011"] }, { customerId: `C${c}`, at, items: [noise] });
    else {
      baskets.push({ customerId: `C${c}`, at, items: [noise] });
      browsing.push({ customerId: `C${c}`, productId: "P020", at, type: "view" }, { customerId: `C${c}`, productId: "P021", at, type: "view" });
    }
  }
  return { baskets, browsing };
}

describe("item-to-item recommender", () => {
  it("recovers a planted co-purchase pattern with a reason naming the seed product", async () => {
    const model = await trainRecommender(interactions(), catalogue);
    const rt = createRecommenderRuntime(model, byId);
    const recs = recommend(rt, { purchases: [{ productId: "P001", at: AS_OF.toISOString() }], browsing: [] }, { k: 3, asOf: AS_OF });
    expect(recs[0].productId).toBe("P002");
    expect(recs[0].reason).toMatch(/Product 1\b/);
    expect(recs.map((r) => r.productId)).not.toContain("P001");
  });

  it("learns co-views: a shopper who viewed P020 is shown P021", async () => {
    const rt = createRecommenderRuntime(await trainRecommender(interactions(), catalogue), byId);
    const recs = recommend(rt, { purchases: [], browsing: [{ productId: "P020", at: AS_OF.toISOString(), type: "view" }] }, { k: 1, asOf: AS_OF });
    expect(recs[0].productId).toBe("P021");
    expect(recs[0].source).toBe("co-view");
  });

  it("offers frequently-bought-together items for a cart", async () => {
    const rt = createRecommenderRuntime(await trainRecommender(interactions(), catalogue), byId);
    const fbt = frequentlyBoughtTogether(rt, ["P010"], { k: 2 });
    expect(fbt[0].productId).toBe("P011");
    expect(fbt[0].reason).toMatch(/Bought together with Product 10 in \d+ orders/);
  });

  it("applies business filters: stock, price band, category, owned non-consumables", async () => {
    const cat = makeCatalogue(30).map((p) => (p.id === "P002" ? { ...p, stock: 0 } : p));
    const rt = createRecommenderRuntime(await trainRecommender(interactions(), cat), new Map(cat.map((p) => [p.id, p])));
    const signals = { purchases: [{ productId: "P001", at: AS_OF.toISOString() }], browsing: [] };
    const recs = recommend(rt, signals, { k: 30, asOf: AS_OF, maxPriceCents: 3000, category: "apparel" });
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) {
      const p = cat.find((x) => x.id === r.productId)!;
      expect(p.stock).toBeGreaterThan(0);
      expect(p.priceCents).toBeLessThanOrEqual(3000);
      expect(p.category).toBe("apparel");
      expect(r.reason.length).toBeGreaterThan(5);
    }
    expect(recs.map((r) => r.productId)).not.toContain("P002");
  });

  it("ranks by fit to a question vector, also for an anonymous shopper and a cold-start product", async () => {
    const cat = makeCatalogue(30).map((p) => (p.id === "P029" ? { ...p, name: "Waterproof trail shoe", description: "Grippy trail running shoe for wet weather" } : p));
    const embedder = wordEmbedder();
    const rt = createRecommenderRuntime(await trainRecommender(interactions(), cat, { embedder }), new Map(cat.map((p) => [p.id, p])));
    const [q] = await embedder.embed(["waterproof trail shoe for wet weather"]);
    const recs = recommend(rt, { purchases: [], browsing: [] }, { k: 3, queryVector: q, asOf: AS_OF });
    expect(recs[0].productId).toBe("P029");
    expect(recs[0].reason).toMatch(/question/);
  });
});

describe("restocking consumables", () => {
  it("suggests a consumable bought before again, and caps restocks when asked", async () => {
    const cat = makeCatalogue(30).map((p) => (["P005", "P006"].includes(p.id) ? { ...p, consumable: true } : p));
    const rt = createRecommenderRuntime(await trainRecommender(interactions(), cat), new Map(cat.map((p) => [p.id, p])));
    const at = AS_OF.toISOString();
    const signals = { purchases: [{ productId: "P005", at }, { productId: "P005", at }, { productId: "P006", at }, { productId: "P007", at }], browsing: [] };
    const recs = recommend(rt, signals, { k: 5, asOf: AS_OF });
    expect(recs[0].productId).toBe("P005");
    expect(recs.map((r) => r.productId)).toContain("P006");
    expect(recs[0].reason).toMatch(/restock/i);
    expect(recs.map((r) => r.productId)).not.toContain("P007");
    const capped = recommend(rt, signals, { k: 5, asOf: AS_OF, maxRestock: 1 });
    expect(capped.filter((r) => r.source === "restock")).toHaveLength(1);
  });
});
