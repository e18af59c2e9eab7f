import path from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProductCard } from "../server/protocol.ts";
import { launchBrowser } from "./helpers/browser.ts";

/**
 * The product cards as a component in real Chromium, with the full card contract (image, url, stock,
 * currency, variants) that the demo server does not send yet. The page is served as https://shop.test.
 */
const SHOP = "https://shop.test";
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#8aa79a"/></svg>`;

const TENT: ProductCard = {
  id: "P-TENT",
  name: "Fjellhus 2-Person Tent",
  price: 289,
  url: "/p/P-TENT",
  image: "/img/products/P-TENT.svg",
  stock: "low_stock",
  variants: [
    { id: "green", label: "Forest green", stock: "out_of_stock" },
    { id: "sand", label: "Sand", stock: "low_stock" },
    { id: "grey", label: "Slate grey", stock: "in_stock" },
  ],
};
const BOOK: ProductCard = { id: "P-BOOK", name: "trail running handbook", price: 24.5 };
const GONE: ProductCard = { id: "P-GONE", name: "Sold-out Shell", price: 1299, currency: "EUR", stock: "out_of_stock", url: "https://elsewhere.test/p/1" };

/** Draws cards in the page with the widget's own code and CSS; `addToCart` records or fails. */
async function draw(page: Page, products: ProductCard[], options: { locale?: string; handler?: "ok" | "fail" | "none" } = {}): Promise<void> {
  await page.evaluate(
    ({ products, locale, handler }) => {
      const w = window as unknown as {
        cards: { render(p: unknown, o: unknown): HTMLElement };
        added: unknown[];
        announced: string[];
      };
      w.added = [];
      w.announced = [];
      const addToCart =
        handler === "none"
          ? undefined
          : (detail: unknown) => {
              w.added.push(detail);
              return handler === "fail" ? Promise.reject(new Error("cart is down")) : Promise.resolve();
            };
      const host = document.getElementById("host")!;
      host.replaceChildren(w.cards.render(products, { locale, addToCart, announce: (t: string, failed?: boolean) => w.announced.push(`${failed ? "failed" : "ok"}: ${t}`) }));
    },
    { products, locale: options.locale ?? "en-US", handler: options.handler ?? "ok" },
  );
}

describe("product cards in a real browser", () => {
  let browser: Browser;
  let bundle: string;

  beforeAll(async () => {
    const root = path.resolve(".");
    const out = await build({
      stdin: {
        contents: `
          import { renderProductCards } from "./widget/product-cards.ts";
          import { createFormatter, pickLocale } from "./widget/i18n.ts";
          import { WIDGET_STRINGS } from "./widget/strings.ts";
          import { WIDGET_STYLES } from "./widget/widget-styles.ts";
          const style = document.createElement("style");
          style.textContent = WIDGET_STYLES;
          document.head.appendChild(style);
          window.cards = {
            render(products, o) {
              const lang = pickLocale(o.locale, []);
              return renderProductCards(products, { t: WIDGET_STRINGS[lang.language], fmt: createFormatter(lang.formatLocale), addToCart: o.addToCart, announce: o.announce });
            },
          };`,
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      format: "iife",
      write: false,
      target: "es2019",
      logLevel: "silent",
    });
    bundle = out.outputFiles[0].text;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function shopPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 420, height: 700 } });
    await page.route(`${SHOP}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.endsWith(".svg")) return route.fulfill({ contentType: "image/svg+xml", body: SVG });
      return route.fulfill({ contentType: "text/html", body: `<!doctype html><html lang="en"><head><title>Cards</title></head><body><main><h1>Cards</h1><div class="root" id="host" style="width:352px"></div></main></body></html>` });
    });
    await page.goto(`${SHOP}/`);
    await page.addScriptTag({ content: bundle });
    return page;
  }

  it("draws image, product-page link, price, stock and options, and adds the chosen option to the cart", async () => {
    const page = await shopPage();
    await draw(page, [TENT, BOOK]);
    const tent = page.locator(".card").first();
    await expect(tent.locator(".pic img").getAttribute("src")).resolves.toBe(`${SHOP}/img/products/P-TENT.svg`);
    await expect.poll(() => tent.locator(".pic img").evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(300);
    const link = tent.getByRole("link", { name: TENT.name });
    await expect(link.getAttribute("href")).resolves.toBe(`${SHOP}/p/P-TENT`);
    // Same origin: the product page opens in place and the chat resumes there.
    await expect(link.getAttribute("target")).resolves.toBeNull();
    await expect(tent.locator(".price").textContent()).resolves.toBe("$289.00");

    // The first option that can be bought is chosen; sold-out options cannot be picked.
    const select = tent.getByRole("combobox", { name: `Option: ${TENT.name}` });
    await expect(select.inputValue()).resolves.toBe("sand");
    await expect(tent.locator("option[value=green]").evaluate((o) => [(o as HTMLOptionElement).disabled, o.textContent])).resolves.toEqual([true, "Forest green (Out of stock)"]);
    await expect(tent.locator(".stock").textContent()).resolves.toBe("Only a few left");
    await select.selectOption("grey");
    await expect(tent.locator(".stock").textContent()).resolves.toBe("In stock");

    await tent.getByRole("button", { name: `Add to cart: ${TENT.name}` }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { added: unknown[] }).added)).toEqual([
      { product: { id: "P-TENT", name: TENT.name, price: 289, currency: "USD", url: "/p/P-TENT", image: "/img/products/P-TENT.svg" }, variant: { id: "grey", label: "Slate grey" }, quantity: 1 },
    ]);
    await expect.poll(() => tent.locator(".add").textContent()).toBe("✓ Added");
    await expect(page.evaluate(() => (window as unknown as { announced: string[] }).announced)).resolves.toEqual([`ok: ${TENT.name} (Slate grey) was added to your cart.`]);
  });

  it("draws a placeholder and plain name without image or link, and no stock line without stock", async () => {
    const page = await shopPage();
    await draw(page, [BOOK]);
    const card = page.locator(".card");
    await expect(card.locator("img").count()).resolves.toBe(0);
    await expect(card.locator(".ph").textContent()).resolves.toBe("T");
    await expect(card.getByRole("link").count()).resolves.toBe(0);
    await expect(card.locator(".stock").isHidden()).resolves.toBe(true);
    await expect(card.locator(".name").textContent()).resolves.toBe(BOOK.name);
  });

  it("formats the card's currency for the shopper's locale, opens other shops in a new tab, and will not add a sold-out product", async () => {
    const page = await shopPage();
    await draw(page, [GONE], { locale: "de-DE" });
    const card = page.locator(".card");
    await expect(card.locator(".price").textContent()).resolves.toBe("1.299,00\u00a0€");
    await expect(card.locator(".stock").textContent()).resolves.toBe("Ausverkauft");
    await expect(card.getByRole("link").getAttribute("target")).resolves.toBe("_blank");
    await expect(card.getByRole("button", { name: /^In den Warenkorb/ }).isDisabled()).resolves.toBe(true);
  });

  it("has no add button when the page does not handle add-to-cart, and says so politely when the page's cart fails", async () => {
    const page = await shopPage();
    await draw(page, [BOOK], { handler: "none" });
    await expect(page.locator(".card .add").count()).resolves.toBe(0);
    await draw(page, [BOOK], { handler: "fail" });
    await page.locator(".card .add").click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { announced: string[] }).announced)).toEqual([`failed: Sorry, ${BOOK.name} couldn't be added to your cart.`]);
    await expect(page.locator(".card .add").textContent()).resolves.toBe("Add to cart");
  });

  it("scrolls a row of more cards than fit with its next and previous buttons", async () => {
    const page = await shopPage();
    await draw(page, [TENT, BOOK, GONE, { ...BOOK, id: "P-4", name: "Fourth" }]);
    const next = page.getByRole("button", { name: "Next products" });
    const prev = page.getByRole("button", { name: "Previous products" });
    await expect.poll(() => next.getAttribute("aria-disabled")).toBe("false");
    await expect(prev.getAttribute("aria-disabled")).resolves.toBe("true");
    // Pressed quickly, faster than the smooth scroll: each press still moves one card on.
    for (let i = 0; i < 4; i++) await next.click({ force: true });
    await expect.poll(() => next.getAttribute("aria-disabled"), { timeout: 10_000 }).toBe("true");
    await expect(prev.getAttribute("aria-disabled")).resolves.toBe("false");
    await expect(page.locator(".cards").evaluate((r) => Math.abs(r.scrollLeft + r.clientWidth - r.scrollWidth) <= 2)).resolves.toBe(true);
  });
});
