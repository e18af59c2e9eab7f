/**
 * A small copy of the shipped knowledge for admin tests: a few FAQ entries (two state the express price), a Spanish
 * translation, every intent file, and a few regression cases, so that a draft index builds in seconds.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The FAQ files copied (relative to knowledge/faq). */
export const SMALL_FAQ = [
  "shipping/express-shipping.md",
  "shipping/express-shipping.es.md",
  "shipping/standard-shipping-time.md",
  "returns/return-window.md",
  "payment/payment-methods.md",
  "account/password-reset.md",
  "contact/phone-support.md",
];

/** The regression cases written to tests/cases.json. */
export const SMALL_CASES = [
  { id: "express-price", question: "how much extra to get it to me faster?", entry: "express-shipping" },
  { id: "return-days", question: "how many days do I have to send back a jacket?", entry: "return-window" },
  { id: "paypal", question: "can I pay with paypal", entry: "payment-methods" },
  { id: "password", question: "I forgot my password", entry: "password-reset" },
  { id: "phone", question: "is there a number I can call?", entry: "phone-support" },
  { id: "hi", question: "hi there", action: "smalltalk" },
  { id: "weather", question: "what's the weather going to be like tomorrow?", action: "fallback" },
];

/** Make the copy in a new temporary folder (remove it with fs.rmSync(dir, { recursive: true })). */
export function makeSmallKnowledge(source = path.resolve("knowledge")): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-kb-small-"));
  for (const rel of SMALL_FAQ) {
    fs.mkdirSync(path.join(dir, "faq", path.dirname(rel)), { recursive: true });
    fs.copyFileSync(path.join(source, "faq", rel), path.join(dir, "faq", rel));
  }
  fs.cpSync(path.join(source, "intents"), path.join(dir, "intents"), { recursive: true });
  fs.mkdirSync(path.join(dir, "tests"));
  fs.writeFileSync(path.join(dir, "tests", "cases.json"), JSON.stringify({ cases: SMALL_CASES }, null, 1));
  return dir;
}
