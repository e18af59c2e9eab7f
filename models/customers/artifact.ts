import fs from "node:fs";
import path from "node:path";
import type { ChurnModel } from "./churn.ts";
import type { LifetimeValueModel } from "./lifetime-value.ts";
import type { RecommenderModel } from "./recommender.ts";
import type { RfmCutpoints } from "./segments.ts";

/** Format version of the customer-model artifact; bump when the shape changes. */
export const CUSTOMER_ARTIFACT_VERSION = 1;

/** What data a model bundle was trained on. */
export interface DataSnapshot {
  /** The moment the snapshot describes (latest activity in the data). */
  asOf: string;
  customers: number;
  buyers: number;
  orders: number;
  events: number;
  products: number;
}

/** Every customer model, trained together from one snapshot, with metadata and metrics. */
export interface CustomerModelArtifact {
  version: number;
  trainedAt: string;
  snapshot: DataSnapshot;
  /** Training settings (churn window, cut-offs, seeds). */
  settings: { churnWindowDays: number; churnCutoff: string; seed: number };
  /** RFM cut-points; null when the shop has no buyers yet. */
  rfm: RfmCutpoints | null;
  /** BG/NBD + Gamma-Gamma; null in cold start (too few buyers to fit). */
  lifetimeValue: LifetimeValueModel | null;
  /** The churn classifier; null when there is too little history to learn it. */
  churn: ChurnModel | null;
  recommender: RecommenderModel;
  /**
   * Set when some models could not be trained from the data (a small or new shop): what runs instead, in words
   * (popular items, no CLV- or churn-based rules). Absent for a fully trained bundle.
   */
  coldStart?: { reason: string; missing: ("rfm" | "lifetimeValue" | "churn")[] };
  /** Evaluation metrics computed during training (e.g. churn AUC on the calibration fold). */
  metrics: Record<string, number | string | null>;
}

/** Write an artifact atomically (temp file + rename) so a reader never sees half a file. */
export function saveCustomerArtifact(file: string, artifact: CustomerModelArtifact): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(artifact));
  fs.renameSync(tmp, file);
}

/** Read and check an artifact; throws with a clear message when missing, unreadable or of another version. */
export function loadCustomerArtifact(file: string): CustomerModelArtifact {
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`customer model artifact not found at ${file}; run \`npm run train\``, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`customer model artifact ${file} is not valid JSON`, { cause: err });
  }
  const a = parsed as Partial<CustomerModelArtifact>;
  if (a.version !== CUSTOMER_ARTIFACT_VERSION) throw new Error(`customer model artifact ${file} has version ${String(a.version)}, expected ${CUSTOMER_ARTIFACT_VERSION}; retrain`);
  const optional = new Set<string>(a.coldStart?.missing ?? []);
  for (const key of ["snapshot", "rfm", "lifetimeValue", "churn", "recommender"] as const) {
    if (!a[key] && !optional.has(key)) throw new Error(`customer model artifact ${file} lacks "${key}"; retrain`);
  }
  return a as CustomerModelArtifact;
}
