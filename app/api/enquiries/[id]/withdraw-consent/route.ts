import { parseId } from "@/lib/api/parse-id";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { withdrawConsent } from "@/lib/enquiries/withdraw-consent";

export const runtime = "nodejs";

export const POST = withAuth<{ id: string }>({ permission: "enquiry:create" }, async (_request, { db, actor, audit, params }) =>
  json(await withdrawConsent(db, actor, audit, parseId(params.id, "Enquiry"))),
);
