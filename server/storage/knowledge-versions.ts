import type { SqlExecutor } from "./driver.ts";

/** What a knowledge file is: an FAQ entry, a translation of one, or an intent's examples. */
export type KnowledgeFileKind = "faq" | "translation" | "intent";

/**
 * What a version records: `found` is the text found on disk before an admin's save (the first version of a file
 * that existed before, or an edit made outside the admin area); the others are saves through the admin area.
 */
export type KnowledgeVersionAction = "found" | "create" | "edit" | "delete" | "rollback";

/** One saved version of one knowledge file. */
export interface KnowledgeVersion {
  id: number;
  /** Relative to the knowledge folder, `/`-separated: `faq/shipping/express-shipping.md`. */
  path: string;
  /** 1, 2, … per path. */
  version: number;
  kind: KnowledgeFileKind;
  entryId: string;
  lang: string | null;
  action: KnowledgeVersionAction;
  /** The file's full text; null when this version deleted it. */
  content: string | null;
  contentHash: string | null;
  authorId: string | null;
  authorEmail: string | null;
  createdAt: string;
  /** Files saved together share a change id. */
  changeId: string;
  /** The version a rollback restored. */
  rollbackOf: number | null;
  /** The regression check's summary for this save (JSON-serialisable). */
  gate: unknown;
  /** True when the admin confirmed a save that made answers worse. */
  regressionConfirmed: boolean;
  note: string | null;
}

/** A version to record; its id and number are assigned by the store. */
export type NewKnowledgeVersion = Omit<KnowledgeVersion, "id" | "version">;

/** Persistence of knowledge versions (docs/admin.md). */
export interface KnowledgeVersionStore {
  /** Record versions saved together, each as the next version of its path, in one transaction. */
  record(rows: readonly NewKnowledgeVersion[]): Promise<KnowledgeVersion[]>;
  get(id: number): Promise<KnowledgeVersion | undefined>;
  /** The newest version of a path. */
  latest(path: string): Promise<KnowledgeVersion | undefined>;
  /** The newest version of every path that has one. */
  latestOfEach(): Promise<KnowledgeVersion[]>;
  /** The version of `path` before `version`. */
  previous(path: string, version: number): Promise<KnowledgeVersion | undefined>;
  /** Versions newest first: of one path, or of every path when none is given. */
  history(filter: { path?: string; limit?: number }): Promise<KnowledgeVersion[]>;
}

type VersionRow = {
  id: number; path: string; version: number; kind: KnowledgeFileKind; entry_id: string; lang: string | null; action: KnowledgeVersionAction;
  content: string | null; content_hash: string | null; author_id: string | null; author_email: string | null; created_at: string; change_id: string;
  rollback_of: number | null; gate: string | null; regression_confirmed: number; note: string | null;
};

const toVersion = (r: VersionRow): KnowledgeVersion => ({
  id: Number(r.id), path: r.path, version: Number(r.version), kind: r.kind, entryId: r.entry_id, lang: r.lang, action: r.action, content: r.content,
  contentHash: r.content_hash, authorId: r.author_id, authorEmail: r.author_email, createdAt: r.created_at, changeId: r.change_id,
  rollbackOf: r.rollback_of === null ? null : Number(r.rollback_of), gate: r.gate === null ? null : JSON.parse(r.gate),
  regressionConfirmed: Number(r.regression_confirmed) === 1, note: r.note,
});

/** The knowledge version store over a driver (SQLite or PostgreSQL). */
export function createKnowledgeVersionStore(db: SqlExecutor): KnowledgeVersionStore {
  const get = async (id: number) => {
    const r = await db.get<VersionRow>("SELECT * FROM knowledge_versions WHERE id = ?", [id]);
    return r && toVersion(r);
  };
  return {
    record(rows) {
      return db.transaction(async (tx) => {
        const out: KnowledgeVersion[] = [];
        for (const v of rows) {
          const last = await tx.get<{ n: number | null }>("SELECT MAX(version) AS n FROM knowledge_versions WHERE path = ?", [v.path]);
          const row = await tx.get<VersionRow>(
            `INSERT INTO knowledge_versions (path, version, kind, entry_id, lang, action, content, content_hash, author_id, author_email, created_at, change_id, rollback_of, gate, regression_confirmed, note)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
            [
              v.path, Number(last?.n ?? 0) + 1, v.kind, v.entryId, v.lang, v.action, v.content, v.contentHash, v.authorId, v.authorEmail, v.createdAt, v.changeId,
              v.rollbackOf, v.gate === undefined || v.gate === null ? null : JSON.stringify(v.gate), v.regressionConfirmed ? 1 : 0, v.note,
            ],
          );
          out.push(toVersion(row!));
        }
        return out;
      });
    },
    get,
    async latest(path) {
      const r = await db.get<VersionRow>("SELECT * FROM knowledge_versions WHERE path = ? ORDER BY version DESC LIMIT 1", [path]);
      return r && toVersion(r);
    },
    async latestOfEach() {
      const rows = await db.all<VersionRow>(
        "SELECT * FROM knowledge_versions v WHERE v.version = (SELECT MAX(w.version) FROM knowledge_versions w WHERE w.path = v.path) ORDER BY v.path",
      );
      return rows.map(toVersion);
    },
    async previous(path, version) {
      const r = await db.get<VersionRow>("SELECT * FROM knowledge_versions WHERE path = ? AND version < ? ORDER BY version DESC LIMIT 1", [path, version]);
      return r && toVersion(r);
    },
    async history({ path, limit = 100 }) {
      const rows = path
        ? await db.all<VersionRow>("SELECT * FROM knowledge_versions WHERE path = ? ORDER BY version DESC LIMIT ?", [path, limit])
        : await db.all<VersionRow>("SELECT * FROM knowledge_versions ORDER BY id DESC LIMIT ?", [limit]);
      return rows.map(toVersion);
    },
  };
}
