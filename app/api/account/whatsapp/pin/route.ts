import { z } from "zod";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { setWhatsAppPin } from "@/lib/whatsapp/pin";

export const runtime = "nodejs";

const schema = z.object({ pin: z.string({ message: "Choose a PIN of 4 to 6 digits." }).max(16), currentPassword: z.string().min(1, "Enter your current password.").max(256) });

export const PUT = withAuth({ permission: "whatsapp:link" }, async (request, { db, actor, audit }) => {
  await setWhatsAppPin(db, actor, audit, await readJson(request, schema));
  return json({ message: "WhatsApp PIN saved." });
});
