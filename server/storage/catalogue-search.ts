import type { SqlExecutor } from "./driver.ts";

/** A table and its columns, as the database's own catalogue lists them. */
export interface CatalogueTable {
  table: string;
  columns: string[];
}

/** Where a searched string was found: table, column and how many rows hold it. */
export interface TraceHit {
  needle: string;
  table: string;
  column: string;
  rows: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every table of the database with its columns, from the catalogue (sqlite_master and table_info on
 * SQLite, information_schema on PostgreSQL's current schema), so a search covers tables added later too.
 */
export async function listCatalogueTables(db: SqlExecutor): Promise<CatalogueTable[]> {
  if (db.dialect === "sqlite") {
    const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const out: CatalogueTable[] = [];
    for (const { name } of tables) {
      const cols = await db.all<{ name: string }>("SELECT name FROM pragma_table_info(?) ORDER BY cid", [name]);
      out.push({ table: name, columns: cols.map((c) => c.name) });
    }
    return out;
  }
  const rows = await db.all<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const r of rows) {
    let cols = byTable.get(r.table_name);
    if (!cols) byTable.set(r.table_name, (cols = []));
    cols.push(r.column_name);
  }
  return [...byTable].map(([table, columns]) => ({ table, columns }));
}

/**
 * Search every column of every table for each string (case-insensitive, as a substring of the value
 * read as text) and return where it occurs. One scan per table and string.
 * @example await findTraces(storage.driver, ["C00042", "ann@example.com"]) // [] when nothing holds them
 */
export async function findTraces(db: SqlExecutor, needles: readonly string[]): Promise<TraceHit[]> {
  const hits: TraceHit[] = [];
  const contains = (col: string) =>
    db.dialect === "sqlite" ? `instr(lower(CAST(${quote(col)} AS TEXT)), ?) > 0` : `strpos(lower(CAST(${quote(col)} AS TEXT)), CAST(? AS TEXT)) > 0`;
  for (const { table, columns } of await listCatalogueTables(db)) {
    if (!columns.length) continue;
    const sums = columns.map((c, i) => `SUM(CASE WHEN ${contains(c)} THEN 1 ELSE 0 END) AS c${i}`).join(", ");
    for (const needle of needles) {
      const lowered = needle.toLowerCase();
      if (!lowered) continue;
      const row = await db.get<Record<string, number | null>>(`SELECT ${sums} FROM ${quote(table)}`, columns.map(() => lowered));
      columns.forEach((column, i) => {
        const n = Number(row?.[`c${i}`] ?? 0);
        if (n > 0) hits.push({ needle, table, column, rows: n });
      });
    }
  }
  return hits;
}
