import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { createLinkFromPhoneCode } from "@/lib/whatsapp/link-number";

export const runtime = "nodejs";

/** A code to send from the phone as "LINK 123456" (valid 10 minutes). */
export const POST = withAuth({ permission: "whatsapp:link" }, async (_request, { db, actor, audit }) => json(await createLinkFromPhoneCode(db, actor, audit), { status: 201 }));
