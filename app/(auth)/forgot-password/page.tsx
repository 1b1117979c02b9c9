import type { Metadata } from "next";
import Link from "next/link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <AuthPanel
      title="Reset your password"
      description="Enter the email address you sign in with. If it has an account, we'll send a link to choose a new password."
      footer={
        <>
          Remembered it? <Link href="/sign-in">Back to sign in</Link>
        </>
      }
    >
      <ForgotPasswordForm />
    </AuthPanel>
  );
}
