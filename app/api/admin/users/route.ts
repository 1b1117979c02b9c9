import { createStaffUser, staffUserSchema } from "@/lib/admin/create-staff-user";
import { listUsers, userSearchSchema } from "@/lib/admin/users";
import { readJson } from "@/lib/api/read-json";
import { parseQuery } from "@/lib/api/parse-query";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "user:manage" }, async (request, { db, actor }) =>
  json({ users: await listUsers(db, actor, parseQuery(request, userSearchSchema)) }),
);

export const POST = withAuth({ permission: "user:manage" }, async (request, { db, actor, audit }) =>
  json(await createStaffUser(db, actor, audit, await readJson(request, staffUserSchema)), { status: 201 }),
);
