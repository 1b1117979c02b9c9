import { parseId } from "@/lib/api/parse-id";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { getEnquiry } from "@/lib/enquiries/read-enquiry";

export const runtime = "nodejs";

export const GET = withAuth<{ id: string }>({ permission: "enquiry:read" }, async (_request, { db, actor, audit, params }) =>
  json(await getEnquiry(db, actor, audit, parseId(params.id, "Enquiry"))),
);
