import { getDatabaseHandle } from "@/db";
import { logger } from "@/lib/logger";
import { rewrapDataKeys } from "./data-keys";

/** Key rotation, step 2: once the new key is first in ENCRYPTION_KEYS, move every data key under it. */
const handle = await getDatabaseHandle();
const moved = await rewrapDataKeys(handle.db);
await handle.close();
logger.info({ moved }, "data keys re-wrapped under the primary key; older keys can leave ENCRYPTION_KEYS now");
