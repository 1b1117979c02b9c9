import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { findSubject } from "@/lib/privacy/find-subject";
import { subjectLookupSchema } from "@/lib/privacy/resolve-identifier";

export const runtime = "nodejs";

/** A POST, so the ID number travels in the body and never sits in a URL, a log line or browser history. */
export const POST = withAuth({ permission: "privacy:handle-requests" }, async (request, { db, actor, audit }) =>
  json(await findSubject(db, actor, audit, await readJson(request, subjectLookupSchema))),
);
