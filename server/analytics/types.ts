/** One chart's data: a table whose first column is the x axis (a day, a month or a category). */
export interface Chart {
  /** Stable id, used in the CSV download URL: /admin/api/analytics/<id>.csv */
  readonly id: string;
  readonly title: string;
  /** How the page draws it: a time series (x = day or month), bars over categories, or a table only. */
  readonly kind: "time" | "bar" | "table";
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
  /** What a value means, e.g. "share 0–1", "seconds". */
  readonly unit?: string;
  /** Caveats in words (e.g. "observational: not a causal effect"). */
  readonly note?: string;
}

/** A date range [from, to) in ISO-8601. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

/** The whole dashboard for one range. */
export interface Dashboard {
  readonly range: DateRange;
  /** Headline numbers (conversations, containment, CSAT …) for the cards above the charts. */
  readonly summary: Readonly<Record<string, number | null>>;
  readonly charts: readonly Chart[];
  /** Milliseconds the server took to compute it. */
  readonly ms: number;
  /** Milliseconds per query (they overlap on PostgreSQL) and for the computation in memory. */
  readonly timings: Readonly<Record<string, number>>;
}
