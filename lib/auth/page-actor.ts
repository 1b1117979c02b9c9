import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import { can, requiresMfa, type Action } from "./permissions";
import { resolveActor, type ResolvedActor } from "./resolve-actor";

/** The signed-in actor for a server component or server action, re-checked against the database. */
export async function currentActor(): Promise<ResolvedActor | undefined> {
  const cookieHeader = (await cookies()).toString();
  if (!cookieHeader) return undefined;
  return resolveActor(await getDb(), new Request("http://page.local", { headers: { cookie: cookieHeader } }));
}

/**
 * For pages: signed-out visitors go to sign-in (and come back), staff without MFA go to set it up,
 * and a role without the permission gets the not-found page rather than a hint that the page exists.
 */
export async function requirePageActor(permission?: Action): Promise<ResolvedActor> {
  const actor = await currentActor();
  if (!actor) {
    const path = (await headers()).get("x-pathname") ?? "/dashboard";
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (requiresMfa(actor.role) && !actor.mfaEnrolled && permission !== "account:manage-own") redirect("/settings/security?mfa=required");
  if (permission && !can(actor, permission)) {
    notFound();
  }
  return actor;
}
