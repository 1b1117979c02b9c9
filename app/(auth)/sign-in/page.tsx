import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthPanel } from "@/components/auth/auth-panel";
import { firstParam, safeCallbackUrl, type SearchParams } from "@/components/search-params";
import { Alert } from "@/components/ui/alert";
import { currentActor } from "@/lib/auth/page-actor";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Why the visitor was sent here, in words; unknown values show nothing. */
const NOTICES: Record<string, { variant: "success" | "info" | "warning"; text: string }> = {
  "password-changed": { variant: "success", text: "Your password was changed and every session was signed out. Sign in with your new password." },
  "password-reset": { variant: "success", text: "Your password was reset. Sign in with your new password." },
  "signed-out-everywhere": { variant: "success", text: "You were signed out on every device. Sign in again to continue." },
  "invitation-accepted": { variant: "success", text: "Your account is ready. Sign in to continue." },
  "email-verified": { variant: "success", text: "Your email address is confirmed. Sign in to continue." },
  "email-changed": { variant: "success", text: "Your email address was changed and every session was signed out. Sign in with your new address." },
  "session-ended": { variant: "info", text: "Your session ended. Sign in again to continue." },
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(firstParam(params.callbackUrl));
  if (await currentActor()) redirect(callbackUrl);

  const notice = NOTICES[firstParam(params.notice) ?? ""];
  // Auth.js sends failures of its own (e.g. a tampered request) here as ?error=...
  const authError = firstParam(params.error);

  return (
    <AuthPanel
      title="Sign in"
      description="Welcome back. Sign in to screen tenants and manage your account."
      footer={
        <>
          New to TenantLens? <Link href="/sign-up">Create an account</Link>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {notice ? (
          <Alert variant={notice.variant} role={undefined}>
            {notice.text}
          </Alert>
        ) : null}
        {authError && !notice ? (
          <Alert variant="error" role={undefined}>
            We could not sign you in. Try again.
          </Alert>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </AuthPanel>
  );
}
