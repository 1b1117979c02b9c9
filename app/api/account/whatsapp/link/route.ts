import { z } from "zod";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { sendLinkCode } from "@/lib/whatsapp/link-number";

export const runtime = "nodejs";

const schema = z.object({ phone: z.string({ message: "Give your WhatsApp number." }).max(32, "That is too long for a phone number.") });

/** Sends a 6-digit code to the number by WhatsApp; confirm it at /api/account/whatsapp/link/confirm. */
export const POST = withAuth({ permission: "whatsapp:link" }, async (request, { db, actor, audit }) => {
  const { phone } = await readJson(request, schema);
  return json(await sendLinkCode(db, actor, audit, phone), { status: 202 });
});
