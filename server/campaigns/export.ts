import type { EmailExportRow } from "./campaigns.ts";

const cell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  // RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * The e-mail export as CSV (RFC 4180, header row), for the shop's e-mail tool.
 * @example toCsv(rows) // "customer_id,email,name,text,coupon_code,coupon_value,product_ids,assigned_at\r\n…"
 */
export function toCsv(rows: readonly EmailExportRow[]): string {
  const header = ["customer_id", "email", "name", "text", "coupon_code", "coupon_value", "product_ids", "assigned_at"];
  const lines = rows.map((r) => [r.customerId, r.email, r.name, r.text, r.couponCode, r.couponValueCents === null ? null : (r.couponValueCents / 100).toFixed(2), r.productIds.join(" "), r.assignedAt].map(cell).join(","));
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
