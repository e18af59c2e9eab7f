import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { EntityRow } from "../../server/privacy/index.ts";

/**
 * Every row of the Bitext customer-support sample (../shared/datasets/bitext, 4,514 shopper messages) with
 * the one entity Bitext labelled in it (person_name, order_id, invoice_id, refund_amount, delivery_city, …;
 * empty when none). Used as PII-masking data written by someone else than this project.
 */
export async function loadBitextEntities(dir: string): Promise<EntityRow[]> {
  const file = join(dir, "customer_support_27_intents.csv");
  const rows = parse(await readFile(file, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  if (rows.length === 0 || !("instruction" in rows[0]!) || !("entity_type" in rows[0]!)) throw new Error(`${file} lacks the instruction / entity_type columns`);
  return rows.map((r) => ({ text: r.instruction!, entityType: r.entity_type ?? "", entityValue: r.entity_value ?? "" }));
}
