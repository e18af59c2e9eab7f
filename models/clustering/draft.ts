import type { QuestionCluster } from "./types.ts";

/** The fields of a draft FAQ entry made from a cluster; the owner writes the answer before it goes live. */
export interface FaqDraft {
  /** Kebab-case id from the title, e.g. "gift-wrap" (the caller makes it unique among existing entries). */
  readonly id: string;
  readonly title: string;
  /** Single-word top terms, for the entry's `tags`. */
  readonly tags: readonly string[];
  /** Up to `maxQuestions` distinct shopper questions from the cluster, central and varied ones first. */
  readonly questions: readonly string[];
  /** The cluster it came from. */
  readonly clusterKey: string;
}

const MASKED = /\[(?:email|card|phone)\]/i;

/**
 * Turn a cluster into a draft FAQ entry (knowledge/README.md format, without the answer): the suggested title, the
 * suggested questions then the other examples, leaving out questions that held masked personal data.
 * @example const draft = draftFaqEntry(cluster); // { id: "gift-wrap", title: "Gift wrap", questions: [...] }
 */
export function draftFaqEntry(cluster: Pick<QuestionCluster, "key" | "suggestedTitle" | "topTerms" | "suggestedQuestions" | "examples">, maxQuestions = 10): FaqDraft {
  const seen = new Set<string>();
  const questions: string[] = [];
  for (const q of [...cluster.suggestedQuestions, ...cluster.examples]) {
    const k = q.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (questions.length >= maxQuestions || seen.has(k) || MASKED.test(q)) continue;
    seen.add(k);
    questions.push(q);
  }
  const slug = cluster.suggestedTitle
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return {
    id: slug || cluster.key,
    title: cluster.suggestedTitle,
    tags: cluster.topTerms.filter((t) => !t.includes(" ")).slice(0, 5),
    questions,
    clusterKey: cluster.key,
  };
}
