import { liveDataContract } from "./contracts/live-data.contract.ts";
import { onEveryDatabase } from "./helpers/databases.ts";

await onEveryDatabase(liveDataContract);
