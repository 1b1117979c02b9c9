import type { NextAuthConfig } from "next-auth";
import type { UserRole } from "@/db/schema";

/**
 * The edge-safe half of the Auth.js config: no database, no argon2. proxy.ts uses it only to redirect
 * signed-out visitors away from app pages; every handler, action and page checks the session itself.
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const SIGNED_IN_AREAS = ["/dashboard", "/settings", "/organisation", "/admin", "/enquiries", "/reports", "/support"];

export function isSignedInArea(pathname: string): boolean {
  return SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
}

export const authConfig = {
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Sliding: the token is re-issued (and its 8 h restart) whenever it is more than 5 minutes old.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 5 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (!isSignedInArea(request.nextUrl.pathname)) return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
        token.role = user.role;
        token.org = user.organisationId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) {
        session.user.id = token.uid;
        session.user.role = token.role;
        session.user.organisationId = token.org;
        session.sessionVersion = token.sv;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface User {
    role?: UserRole;
    organisationId?: string;
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    /** user_sessions.id: lets one session be ended without ending the others. */
    sid?: string;
    role?: UserRole;
    org?: string;
  }
}
