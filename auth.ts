import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { authConfig } from "@/auth.config";
import { authenticateCredentials, SignInRefused } from "@/lib/accounts/authenticate-credentials";
import { requestContext } from "@/lib/api/request-context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { endSession } from "@/lib/sessions/end-sessions";

class SignInFailed extends CredentialsSignin {
  constructor(reason: string) {
    super(reason);
    this.code = reason;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: env.AUTH_SECRET,
  useSecureCookies: env.APP_URL.startsWith("https://"),
  // Auth.js logs through console by default; ours redacts and never prints credentials.
  logger: {
    error: (error) => logger.warn({ kind: error.name }, "auth error"),
    warn: (code) => logger.warn({ code }, "auth warning"),
    debug: () => undefined,
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, totp: {} },
      async authorize(credentials, request) {
        const context = requestContext(request);
        try {
          return await authenticateCredentials(await getDb(), { actorType: "anonymous", channel: "web", ...context }, credentials);
        } catch (error) {
          if (error instanceof SignInRefused) throw new SignInFailed(error.reason);
          throw error;
        }
      },
    }),
  ],
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.uid || !token.sid) return;
      const db = await getDb();
      // Ending the session row is what makes sign-out real: a copy of this JWT stops working too.
      await endSession(db, token.uid, token.sid);
      await recordAuditEvent(db, { actorType: "user", actorId: token.uid, organisationId: token.org, channel: "web" }, {
        action: "auth.sign-out",
        resourceType: "session",
        resourceId: token.sid,
      });
    },
  },
});
