import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { listEnquiries } from "@/lib/enquiries/list-enquiries";
import { env } from "@/lib/env";
import { text } from "./bot-messages";
import type { OutboundMessage } from "./outbound-message";
import { shortReference } from "./replier";

const LABELS: Record<string, string> = {
  awaiting_consent: "waiting for consent",
  queued: "queued",
  fetching: "asking TPN",
  scoring: "scoring",
  rendering: "preparing the report",
  ready: "ready",
  failed: "failed",
  expired: "expired (no consent)",
};

const day = new Intl.DateTimeFormat("en-ZA", { day: "numeric", month: "short", timeZone: "Africa/Johannesburg" });

/** "My recent checks": the same list the portal shows the user (a Landlord's own, a Property Manager's organisation's). */
export async function recentChecks(db: Database, actor: Actor): Promise<OutboundMessage> {
  const { items } = await listEnquiries(db, actor, { limit: 5 });
  if (items.length === 0) return text("You have no checks yet. Type CHECK and the applicant's SA ID number to start one.");
  const lines = items.map((item) => `• ${shortReference(item.id)} ${item.identifier}${item.reference ? ` (${item.reference})` : ""}: ${LABELS[item.status] ?? item.status}, ${day.format(item.createdAt)}`);
  return text(`Your recent checks:\n${lines.join("\n")}\n\nAll of them: ${new URL("/enquiries", env.APP_URL).toString()}`);
}
