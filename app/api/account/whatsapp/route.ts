import { z } from "zod";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { readWhatsAppSettings, unlinkWhatsApp, updateWhatsAppSettings } from "@/lib/whatsapp/whatsapp-settings";

export const runtime = "nodejs";

const updateSchema = z.object({ notifyWebEnquiries: z.boolean({ message: "notifyWebEnquiries must be true or false" }) });

export const GET = withAuth({ permission: "whatsapp:link" }, async (_request, { db, actor }) => json(await readWhatsAppSettings(db, actor)));

export const PATCH = withAuth({ permission: "whatsapp:link" }, async (request, { db, actor, audit }) => {
  await updateWhatsAppSettings(db, actor, audit, await readJson(request, updateSchema));
  return json(await readWhatsAppSettings(db, actor));
});

export const DELETE = withAuth({ permission: "whatsapp:link" }, async (_request, { db, actor, audit }) => {
  await unlinkWhatsApp(db, actor, audit);
  return json({ message: "WhatsApp number unlinked." });
});
