import { getDb } from "@/db";
import { ForbiddenError, PayloadTooLargeError } from "@/lib/api/errors";
import { afterResponse } from "@/lib/api/after-response";
import { json, withApi } from "@/lib/api/with-api";
import { env } from "@/lib/env";
import { dispatchOutboxEvents } from "@/lib/outbox/dispatch-outbox";
import { receiveWebhook, WEBHOOK_LIMIT_BYTES } from "@/lib/whatsapp/receive-webhook";
import { safeEqual } from "@/lib/security/safe-equal";

export const runtime = "nodejs";

/** Meta's subscription check: echo hub.challenge when hub.verify_token is ours. */
export const GET = withApi((request) => {
  const params = new URL(request.url).searchParams;
  const expected = env.WHATSAPP_VERIFY_TOKEN;
  const challenge = params.get("hub.challenge") ?? "";
  if (!expected || params.get("hub.mode") !== "subscribe" || !safeEqual(params.get("hub.verify_token") ?? "", expected) || !/^[\w-]{1,128}$/.test(challenge)) {
    throw new ForbiddenError("Webhook verification failed.", "WEBHOOK_VERIFICATION_FAILED");
  }
  return Promise.resolve(new Response(challenge, { status: 200, headers: { "content-type": "text/plain", "cache-control": "no-store" } }));
});

/** Deliveries: verified and stored here, handled by Inngest functions (Meta expects a fast 200). */
export const POST = withApi(async (request) => {
  if (Number(request.headers.get("content-length") ?? "0") > WEBHOOK_LIMIT_BYTES) throw new PayloadTooLargeError(WEBHOOK_LIMIT_BYTES);
  const body = new Uint8Array(await request.arrayBuffer());
  const db = await getDb();
  const received = await receiveWebhook(db, body, request.headers.get("x-hub-signature-256"));
  // Only this delivery's own events: under a burst, requests never queue on each other's outbox rows.
  if (received.eventIds.length > 0) afterResponse("whatsapp-outbox", () => dispatchOutboxEvents(db, received.eventIds));
  return json({ received: received.messages + received.statuses, duplicates: received.duplicates });
});
