import express from "express";
import { PRODUCT_ID_PATTERN, renderProductPage, renderProductSvg, type CatalogueService } from "../catalogue/index.ts";
import { AppError } from "../errors.ts";

/**
 * The product pages and images that product cards link to: `GET /p/:id` (a page with the widget and an
 * add-to-cart button) and `GET /img/products/:id.svg`. A shop with its own pages and images sends its own
 * URLs through the catalogue instead.
 */
export function createCatalogueRoutes(catalogue: CatalogueService, options: { shopName?: string } = {}): express.Router {
  const router = express.Router();
  const product = (id: string) => {
    const p = PRODUCT_ID_PATTERN.test(id) ? catalogue.get(id) : undefined;
    if (!p) throw new AppError("CHAT_ERR_NOT_FOUND", `No product ${id.slice(0, 64)}.`);
    return p;
  };
  router.get("/p/:id", (req, res) => {
    res.type("html").set("cache-control", "no-cache").send(renderProductPage(product(req.params.id), { shopName: options.shopName, widgetScriptSrc: "/widget.js" }));
  });
  router.get("/img/products/:file", (req, res) => {
    const m = /^(.+)\.svg$/.exec(req.params.file);
    if (!m) throw new AppError("CHAT_ERR_NOT_FOUND", "Product images are SVG files.");
    res.type("image/svg+xml").set({ "cache-control": "public, max-age=3600", "x-content-type-options": "nosniff" }).send(renderProductSvg(product(m[1])));
  });
  return router;
}
