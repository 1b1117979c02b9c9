"use client";

import { signOut } from "next-auth/react";

/**
 * Clears the session cookie, then goes to `path` on this same origin. Auth.js would otherwise
 * redirect to an absolute URL built from its idea of the host, which behind a proxy or on a bare
 * IP can differ from the address in the browser (and land on a host without the cookie).
 */
export async function signOutTo(path: string): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign(path);
}
