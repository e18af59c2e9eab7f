import type { Logger } from "pino";
import type { ShopRepository } from "../storage/index.ts";
import { answerProductQuestion, type ProductAnswer } from "./answer.ts";
import { productImageUrl, productUrl } from "./paths.ts";
import { toProductCard, type ProductCardOptions } from "./product-card.ts";
import type { ProductPolicyFacts } from "./product-facts.ts";
import { createProductMatcher, type ProductMatcher } from "./product-matcher.ts";
import type { CatalogueProduct, CatalogueProductCard } from "./types.ts";

/** The live catalogue: products with variants, the product matcher over them, cards and answers. */
export interface CatalogueService {
  /** Answer a question about a named product from catalogue data, or null when it names none. */
  answer(text: string): ProductAnswer | null;
  /** Cards for products by id (unknown ids left out), in the order asked. */
  cards(ids: readonly string[], options?: (id: string) => ProductCardOptions): CatalogueProductCard[];
  get(id: string): CatalogueProduct | undefined;
  /** Read the catalogue again (after products or stock change) and rebuild the matcher. */
  refresh(): Promise<void>;
  /** Products known now. */
  size(): number;
}

/**
 * Load the catalogue from the shop and keep it in memory (a shop's catalogue is small); `refresh()`
 * after an import or an ingest keeps prices, stock and names current.
 * @example const catalogue = await createCatalogueService({ shop: storage.shop, policyFacts: DEMO_PRODUCT_POLICY, logger });
 */
export async function createCatalogueService(options: { shop: ShopRepository; policyFacts?: ProductPolicyFacts; logger: Logger }): Promise<CatalogueService> {
  let byId = new Map<string, CatalogueProduct>();
  let matcher: ProductMatcher<CatalogueProduct> | undefined;
  const load = async () => {
    const products = (await options.shop.listProductsWithDetails()).map((p): CatalogueProduct => ({ ...p, url: productUrl(p.id), image: productImageUrl(p.id) }));
    byId = new Map(products.map((p) => [p.id, p]));
    if (matcher) matcher.update(products);
    else matcher = createProductMatcher(products);
  };
  await load();
  options.logger.info({ products: byId.size }, "catalogue loaded");
  return {
    answer(text) {
      if (!matcher || byId.size === 0) return null;
      return answerProductQuestion(text, { matcher, products: byId, policyFacts: options.policyFacts });
    },
    cards(ids, cardOptions) {
      return ids.flatMap((id) => {
        const p = byId.get(id);
        return p ? [toProductCard(p, cardOptions?.(id))] : [];
      });
    },
    get: (id) => byId.get(id),
    refresh: load,
    size: () => byId.size,
  };
}
