/** Campaigns (docs/campaigns.md): audiences from the customer models, proactive widget messages, e-mail export, results. */
export { createCampaigns, planMixingSd, type Campaign, type Campaigns, type CampaignsOptions, type AudiencePreview, type EmailExportRow, type ProactiveMessage } from "./campaigns.ts";
export { CampaignInputSchema, CampaignPatchSchema, type Audience, type CampaignInput, type CampaignMessage, type CampaignPatchInput, type CampaignTrigger, type CouponRule } from "./definition.ts";
export { inAudience, triggerHolds, type AudienceFacts } from "./audience.ts";
export { couponValueCents } from "./coupon.ts";
export { computeCampaignReport, customerOutcomes, MIN_UNITS_PER_ARM, type CampaignReport, type ResultsCampaign, type ResultsData, type ResultsDay } from "./results.ts";
export { toCsv } from "./export.ts";
export { simulateAdminReports, type AdminReportSimulation, type AdminReportSimulationOptions, type CoverageTally } from "./report-simulation.ts";
