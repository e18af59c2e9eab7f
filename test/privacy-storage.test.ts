import { privacyContract } from "./contracts/privacy.contract.ts";
import { onEveryDatabase } from "./helpers/databases.ts";

await onEveryDatabase(privacyContract);
