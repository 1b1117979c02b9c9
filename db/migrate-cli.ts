import { getDatabaseHandle } from "./index";
import { migrateDatabase } from "./migrate";
import { logger } from "@/lib/logger";

const handle = await getDatabaseHandle();
await migrateDatabase(handle);
logger.info({ driver: handle.driver }, "database migrated");
await handle.close();
