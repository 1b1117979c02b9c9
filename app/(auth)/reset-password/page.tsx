import type { Metadata } from "next";
import Link from "next/link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { firstParam, type SearchParams } from "@/components/search-params";
import { Alert } from "@/components/ui/alert";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const token = firstParam((await searchParams).token);
  return (
    <AuthPanel
      title="Choose a new password"
      description="Changing your password signs you out on every device."
      footer={<Link href="/sign-in">Back to sign in</Link>}
    >
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Alert variant="error" role={undefined} title="This link is incomplete">
          Open the link from your email again, or <Link href="/forgot-password">ask for a new one</Link>.
        </Alert>
      )}
    </AuthPanel>
  );
}
