import Link from "next/link";
import { FileCheck2, MessageCircle, ShieldCheck, Smartphone } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";

const FEATURES = [
  {
    icon: FileCheck2,
    title: "Risk you can explain",
    body: "A score with the reasons behind it: late rent, judgments, defaults, each with the bureau fact it rests on.",
  },
  {
    icon: ShieldCheck,
    title: "POPIA by design",
    body: "Consent on record before every check, ID numbers encrypted per applicant, every access in a tamper-evident audit log.",
  },
  {
    icon: Smartphone,
    title: "Made for the phone too",
    body: "Property managers run checks and read reports on the move; landlords get a PDF they can file.",
  },
  {
    icon: MessageCircle,
    title: "WhatsApp and live support",
    body: "Start an enquiry or ask for help on WhatsApp; our agents answer web and WhatsApp from one inbox.",
  },
];

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-12 px-4 py-12 sm:px-6 sm:py-20">
      <header className="flex items-center justify-between">
        <span className="text-xl font-bold text-primary">TenantLens</span>
        <nav aria-label="Account" className="flex items-center gap-2">
          <Button variant="ghost" size="sm" asChild>
            <Link href="/sign-in">Sign in</Link>
          </Button>
          <Button size="sm" asChild>
            <Link href="/sign-up">Create account</Link>
          </Button>
        </nav>
      </header>

      <section className="flex flex-col gap-6">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Screen tenants in minutes, with reasons you can check.</h1>
        <p className="max-w-2xl text-lg text-muted-foreground">
          Enter an applicant&apos;s South African ID number or a company&apos;s CIPC registration number with their consent. We
          fetch their TPN credit record, score the risk and deliver a clear report on screen, as a PDF and on WhatsApp.
        </p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Button size="lg" asChild>
            <Link href="/sign-up">Create a free account</Link>
          </Button>
          <Button size="lg" variant="outline" asChild>
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </div>
      </section>

      <section aria-label="Features" className="grid gap-4 sm:grid-cols-2">
        {FEATURES.map(({ icon: Icon, title, body }) => (
          <Card key={title}>
            <Icon aria-hidden className="mb-3 size-6 text-primary" />
            <CardTitle>{title}</CardTitle>
            <CardDescription>{body}</CardDescription>
          </Card>
        ))}
      </section>

      <footer className="flex flex-col gap-2 border-t border-border pt-6 text-sm text-muted-foreground sm:flex-row sm:justify-between">
        <p>TenantLens processes personal information only for tenant screening, with the applicant&apos;s consent (POPIA s11).</p>
        <Link href="/api/health" prefetch={false} className="shrink-0 underline-offset-4 hover:underline">
          System status
        </Link>
      </footer>
    </main>
  );
}
