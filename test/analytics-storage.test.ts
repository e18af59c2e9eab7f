import { analyticsContract } from "./contracts/analytics.contract.ts";
import { onEveryDatabase } from "./helpers/databases.ts";

await onEveryDatabase(analyticsContract);
