import { readJson } from "@/lib/api/read-json";
import { json } from "@/lib/api/with-api";
import { withAuth } from "@/lib/auth/with-auth";
import { inviteMember, inviteSchema } from "@/lib/organisation/invite-member";
import { listInvitations } from "@/lib/organisation/list-invitations";

export const runtime = "nodejs";

export const GET = withAuth({ permission: "org:manage-members" }, async (_request, { db, actor }) => json({ invitations: await listInvitations(db, actor) }));

export const POST = withAuth({ permission: "org:manage-members" }, async (request, { db, actor, audit }) =>
  json(await inviteMember(db, actor, audit, await readJson(request, inviteSchema)), { status: 201 }),
);
