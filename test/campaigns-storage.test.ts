import { campaignsContract } from "./contracts/campaigns.contract.ts";
import { onEveryDatabase } from "./helpers/databases.ts";

await onEveryDatabase(campaignsContract);
