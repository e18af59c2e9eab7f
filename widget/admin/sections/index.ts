/**
 * The admin area's sections, in tab order. To add one (analytics, unanswered questions, …): write a module
 * exporting an `AdminSection` (../shell.ts) and list it here; see docs/admin.md.
 */
import type { AdminSection } from "../shell.ts";
import { analyticsSection } from "./analytics.ts";
import { campaignsSection } from "./campaigns.ts";
import { knowledgeSection } from "./knowledge.ts";
import { unansweredSection } from "./unanswered.ts";

/** Every section of the admin area, in tab order. */
export const SECTIONS: readonly AdminSection[] = [knowledgeSection, analyticsSection, unansweredSection, campaignsSection];
