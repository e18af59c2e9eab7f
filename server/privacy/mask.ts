import { createPiiMasker, type PiiMasker } from "./masker.ts";
import type { PiiMaskResult } from "./types.ts";

export { luhnValid } from "./card.ts";

/** What kinds of personal data were found and masked in a text (every kind of `PiiMaskResult`). */
export type MaskResult = PiiMaskResult;

let shared: PiiMasker | undefined;

/**
 * Mask e-mail addresses, IBANs, payment card numbers, phone numbers, street addresses and self-introduced
 * names (POLICIES.md A4) before a text is stored, embedded or logged. Knows no customer names: build a
 * masker with `createPiiMasker({ knownNames })` for those.
 * @example maskPii("mail me at a@b.com").text === "mail me at [email]"
 */
export function maskPii(text: string): MaskResult {
  shared ??= createPiiMasker();
  return shared.mask(text);
}
