import { parseQuery } from "@/lib/api/parse-query";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { createEnquiry } from "@/lib/enquiries/create-enquiry";
import { enquiryBodySchema } from "@/lib/enquiries/enquiry-input";
import { listEnquiries, listQuerySchema } from "@/lib/enquiries/list-enquiries";

export const runtime = "nodejs";

/** 202: accepted for processing; follow it at GET /api/enquiries/:id or live on the requester's user channel. */
export const POST = withAuth({ permission: "enquiry:create" }, async (request, { db, actor, audit }) => {
  const body = await readJson(request, enquiryBodySchema);
  const created = await createEnquiry(db, actor, audit, body, actor.via === "api-token" ? "api" : "web");
  return json(created, { status: 202, headers: { location: `/api/enquiries/${created.id}` } });
});

export const GET = withAuth({ permission: "enquiry:read" }, async (request, { db, actor }) =>
  json(await listEnquiries(db, actor, parseQuery(request, listQuerySchema))),
);
