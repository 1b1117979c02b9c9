import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthPanel } from "@/components/auth/auth-panel";
import { currentActor } from "@/lib/auth/page-actor";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await currentActor()) redirect("/dashboard");
  return (
    <AuthPanel
      title="Create your account"
      description="Screen tenants with their consent, using TPN bureau data. It takes a minute; we'll email you a link to confirm your address."
      footer={
        <>
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </>
      }
    >
      <SignUpForm />
    </AuthPanel>
  );
}
