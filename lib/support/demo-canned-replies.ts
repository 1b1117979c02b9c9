import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { cannedReplies, users } from "@/db/schema";

/** Answers the demo agents use most, so the inbox's canned-reply picker has something in it (dev only). */
export const DEMO_CANNED_REPLIES = [
  { title: "Greeting", body: "Hi, thanks for getting in touch with TenantLens support. I'm looking into this for you now." },
  { title: "Report still processing", body: "TPN usually answers within a minute. If your check still shows \"fetching\" after 10 minutes, we retry automatically; you will be notified the moment the report is ready." },
  { title: "How the score works", body: "The score runs from 0 to 100 (higher is safer). Every deduction is listed with the bureau fact behind it under \"Why this score\" on the report." },
  { title: "Consent form", body: "Before a check we need the applicant's consent: either you confirm you hold their signed form, or you use \"Ask the applicant\" and we send them a link to consent themselves." },
  { title: "Closing", body: "Is there anything else I can help with? If not, I'll mark this conversation as resolved." },
];

export async function seedDemoCannedReplies(db: DbExecutor): Promise<void> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.tenantlens.test"));
  if (!admin) return;
  await db.insert(cannedReplies).values(DEMO_CANNED_REPLIES.map((reply) => ({ ...reply, createdBy: admin.id })));
}
