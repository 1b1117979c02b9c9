import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/db";
import { probe, type ComponentStatus } from "./types";

export function checkDatabase(): Promise<ComponentStatus> {
  return probe(async () => {
    const handle = await getDatabaseHandle();
    await handle.db.execute(sql`select 1`);
    return handle.driver;
  });
}
