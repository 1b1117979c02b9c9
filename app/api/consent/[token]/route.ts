import { z } from "zod";
import { withPublicRoute } from "@/lib/api/public-route";
import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { declineConsentByApplicant, grantConsentByApplicant, readConsentRequest } from "@/lib/consent/applicant-consent";

export const runtime = "nodejs";

const decisionSchema = z
  .object({
    decision: z.enum(["grant", "decline"], { message: 'Choose "grant" or "decline".' }),
    noticeVersion: z.string().max(40),
    confirmDetails: z.boolean().optional(),
  })
  .refine((body) => body.decision === "decline" || body.confirmDetails === true, {
    path: ["confirmDetails"],
    message: "Confirm that the details shown are yours.",
  });

/** The applicant's public page reads the request through this (the token is the only credential). */
export const GET = withPublicRoute<{ token: string }>({ rateLimit: "auth:public-form" }, async (_request, { db, params }) =>
  json(await readConsentRequest(db, params.token)),
);

export const POST = withPublicRoute<{ token: string }>({ rateLimit: "auth:public-form" }, async (request, { db, audit, params, ip, userAgent }) => {
  const body = await readJson(request, decisionSchema);
  if (body.decision === "decline") {
    await declineConsentByApplicant(db, audit, params.token);
    return json({ status: "declined" });
  }
  await grantConsentByApplicant(db, audit, params.token, { ip, userAgent }, body.noticeVersion);
  return json({ status: "granted" });
});
