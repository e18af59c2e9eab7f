import type { PiiSpan } from "./types.ts";

// Local part, @, dot-separated domain labels, a letter-only top-level domain (RFC 5321 without quoted forms).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]*@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}/gu;

// "omar (dot) haddad (at) proton (dot) me", "bill.young at outlook dot com": spelled out to dodge filters.
const AT = String.raw`\s*[(\[{]?\s*(?:at|@)\s*[)\]}]?\s*`;
const DOT = String.raw`(?:\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+|\.)`;
const LABEL = String.raw`[\p{L}\p{N}_%+-]+`;
const SPELLED = new RegExp(String.raw`(?<![\p{L}\p{N}])${LABEL}(?:${DOT}${LABEL})*${AT}${LABEL}(?:${DOT}${LABEL})*${DOT}(?<tld>[\p{L}]{2,6})(?![\p{L}\p{N}])`, "giu");
// A spelled-out address must end in a real-looking top-level domain, so "look at the box dot com"-like prose is rare.
const TLDS = new Set(["com", "net", "org", "edu", "gov", "io", "me", "co", "uk", "de", "fr", "es", "it", "nl", "be", "at", "ch", "ie", "pl", "pt", "se", "no", "dk", "fi", "ca", "au", "us", "info", "biz", "mail", "email"]);

/** E-mail addresses, including ones spelled out with "at" and "dot". */
export function findEmails(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(EMAIL)) spans.push({ kind: "email", start: m.index, end: m.index + m[0].length });
  if (/\bdot\b/i.test(text)) {
    for (const m of text.matchAll(SPELLED)) {
      const spelledAt = /\bat\b|@/i.test(m[0]) && !m[0].includes("@");
      if (spelledAt && TLDS.has(m.groups!.tld!.toLowerCase())) spans.push({ kind: "email", start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}
