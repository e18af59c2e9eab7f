import type { Chart } from "./types.ts";

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; formula-leading text is prefixed with '. */
function field(v: string | number | null): string {
  if (v === null) return "";
  let s = String(v);
  // Spreadsheets run cells that start with = + - @ as formulas (CSV injection); masked shopper text never should.
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A chart's data as CSV with a header row (CRLF line ends).
 * @example chartCsv({ columns: ["day", "n"], rows: [["2026-11-01", 3]] }) // "day,n\r\n2026-11-01,3\r\n"
 */
export function chartCsv(chart: Pick<Chart, "columns" | "rows">): string {
  return [chart.columns, ...chart.rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
