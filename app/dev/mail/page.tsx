import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false, follow: false } };

interface CapturedMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

function isMail(value: unknown): value is CapturedMail {
  if (typeof value !== "object" || value === null) return false;
  const mail = value as Record<string, unknown>;
  return (
    typeof mail.id === "string" &&
    typeof mail.subject === "string" &&
    typeof mail.text === "string" &&
    typeof mail.from === "string" &&
    typeof mail.receivedAt === "string" &&
    Array.isArray(mail.to) &&
    mail.to.every((recipient) => typeof recipient === "string")
  );
}

async function readOutbox(url: string): Promise<{ messages: CapturedMail[] } | { error: string }> {
  try {
    const response = await fetch(`${url.replace(/\/$/, "")}/messages`, { cache: "no-store", signal: AbortSignal.timeout(3000) });
    if (!response.ok) return { error: `The mail stand-in answered ${response.status}.` };
    const body: unknown = await response.json();
    const messages = typeof body === "object" && body !== null && "messages" in body && Array.isArray(body.messages) ? body.messages.filter(isMail) : [];
    return { messages };
  } catch {
    return { error: "The mail stand-in is not answering. Is `npm run dev` running?" };
  }
}

const URL_PATTERN = /(https?:\/\/[^\s<>"')]+)/g;

/** Mail text with its links clickable; everything else stays plain text (React escapes it). */
function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <pre className="whitespace-pre-wrap break-words font-sans text-sm leading-relaxed">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className="break-all font-medium text-primary underline underline-offset-2">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

/** Development only: what the app "sent", read from the local SMTP stand-in. */
export default async function DevMailPage() {
  const outboxUrl = env.DEV_MAIL_OUTBOX_URL;
  if (env.NODE_ENV === "production" || !outboxUrl) notFound();
  const outbox = await readOutbox(outboxUrl);

  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-8">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm font-semibold text-primary">TenantLens · development</p>
          <h1 className="text-2xl font-bold tracking-tight">Outbox</h1>
          <p className="text-sm text-muted-foreground">Every email the app sent through the local SMTP stand-in, newest first. Nothing here left this machine.</p>
        </div>
        <Button asChild variant="outline" size="sm">
          <Link href="/dev/mail" prefetch={false}>
            Refresh
          </Link>
        </Button>
      </header>
      {"error" in outbox ? (
        <Alert variant="error" role={undefined}>
          {outbox.error}
        </Alert>
      ) : outbox.messages.length === 0 ? (
        <p className="text-sm text-muted-foreground">No mail yet. Sign up or ask for a password reset to see one here.</p>
      ) : (
        <ol className="flex flex-col gap-4">
          {outbox.messages.map((mail) => (
            <li key={mail.id}>
              <Card className="p-4 sm:p-6">
                <article aria-labelledby={`mail-${mail.id}`}>
                  <h2 id={`mail-${mail.id}`} className="text-base font-semibold">
                    {mail.subject || "(no subject)"}
                  </h2>
                  <dl className="mt-2 grid grid-cols-[3.5rem_1fr] gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
                    <dt>To</dt>
                    <dd className="break-all">{mail.to.join(", ")}</dd>
                    <dt>From</dt>
                    <dd className="break-all">{mail.from}</dd>
                    <dt>Received</dt>
                    <dd>
                      <time dateTime={mail.receivedAt}>{formatDateTime(mail.receivedAt)}</time>
                    </dd>
                  </dl>
                  <div className="mt-4 border-t border-border pt-4">
                    <LinkifiedText text={mail.text} />
                  </div>
                </article>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
