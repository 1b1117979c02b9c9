"use client";

import { CircleCheck, CircleX, LinkIcon } from "lucide-react";
import { useId, useState } from "react";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { Spinner } from "@/components/ui/spinner";
import type { readConsentRequest } from "@/lib/consent/applicant-consent";
import { requestJson, type EnquiryApiError } from "./api";

export type ConsentRequestView = Awaited<ReturnType<typeof readConsentRequest>>;

type Outcome = "granted" | "declined";

export function InvalidConsentLink() {
  return (
    <Card className="flex flex-col gap-3 p-5 sm:p-8">
      <LinkIcon aria-hidden className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-bold tracking-tight">This link no longer works</h1>
      <p className="text-sm text-muted-foreground">
        It may have expired (links last 7 days), been used already, or been copied incompletely. Nothing has been checked with it.
      </p>
      <p className="text-sm text-muted-foreground">If you still want to give consent, ask the landlord or letting agent to send you a new link.</p>
    </Card>
  );
}

/** The applicant reads who asks and why, confirms the details are theirs, and decides. */
export function ConsentDecision({ token, request }: { token: string; request: ConsentRequestView }) {
  const checkboxId = useId();
  const [confirmed, setConfirmed] = useState(false);
  const [checkboxError, setCheckboxError] = useState<string | undefined>();
  const [pending, setPending] = useState<Outcome | undefined>();
  const [askingDecline, setAskingDecline] = useState(false);
  const [problem, setProblem] = useState<EnquiryApiError | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [gone, setGone] = useState(false);

  async function decide(decision: "grant" | "decline") {
    setProblem(undefined);
    if (decision === "grant" && !confirmed) {
      setCheckboxError("Tick the box to confirm these are your details, or choose “I do not consent”.");
      document.getElementById(checkboxId)?.focus();
      return;
    }
    setPending(decision === "grant" ? "granted" : "declined");
    const result = await requestJson<{ status: Outcome }>(`/api/consent/${encodeURIComponent(token)}`, {
      method: "POST",
      body: { decision, noticeVersion: request.noticeVersion, confirmDetails: confirmed },
    });
    setPending(undefined);
    if (result.ok) {
      setOutcome(result.data.status);
      return;
    }
    if (result.status === 404) {
      setGone(true);
      return;
    }
    if (result.error.field === "confirmDetails") {
      setCheckboxError(result.error.message);
      return;
    }
    setProblem(result.error);
  }

  if (gone) return <InvalidConsentLink />;

  if (outcome === "granted") {
    return (
      <Card role="status" className="flex flex-col gap-3 p-5 sm:p-8">
        <CircleCheck aria-hidden className="size-10 text-emerald-600" />
        <h1 className="text-2xl font-bold tracking-tight">Thank you: your consent is recorded</h1>
        <p className="text-sm text-muted-foreground">
          {request.organisationName} can now check your record with TPN for this rental application. You can close this page.
        </p>
        <p className="text-sm text-muted-foreground">
          Changed your mind? Tell {request.organisationName} straight away, or write to privacy@tenantlens.co.za; the check stops if it has not run yet.
        </p>
      </Card>
    );
  }

  if (outcome === "declined") {
    return (
      <Card role="status" className="flex flex-col gap-3 p-5 sm:p-8">
        <CircleX aria-hidden className="size-10 text-muted-foreground" />
        <h1 className="text-2xl font-bold tracking-tight">You did not consent</h1>
        <p className="text-sm text-muted-foreground">
          Nothing was sent to TPN and your record was not checked. We have let {request.organisationName} know. You can close this page.
        </p>
      </Card>
    );
  }

  const busy = pending !== undefined;

  return (
    <Card className="flex flex-col gap-5 p-5 sm:p-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">
          {request.organisationName} asks for your consent
        </h1>
        <p className="mt-2 text-sm text-muted-foreground">
          To assess your application to rent a property, they would like to check your credit and rental-payment record with TPN Credit Bureau.
        </p>
      </div>

      <section aria-labelledby="consent-details" className="rounded-md border border-border bg-muted/40 p-4">
        <h2 id="consent-details" className="text-sm font-semibold">
          The details they gave
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {request.applicantName ? (
            <>
              <dt className="text-muted-foreground">Name</dt>
              <dd className="min-w-0 break-words font-medium">{request.applicantName}</dd>
            </>
          ) : null}
          <dt className="text-muted-foreground">Identity</dt>
          <dd className="font-medium">{request.identifier}</dd>
        </dl>
      </section>

      <section aria-labelledby="consent-notice">
        <h2 id="consent-notice" className="text-sm font-semibold">
          What you agree to
        </h2>
        <p className="mt-2 text-sm leading-relaxed">{request.notice.replace(/\s*\n\s*/g, " ")}</p>
        <p className="mt-2 text-sm">
          The landlord or letting agent: <strong className="font-semibold">{request.organisationName}</strong>
        </p>
        <p className="mt-2 text-xs text-muted-foreground">
          Notice version {request.noticeVersion}. This link expires on {formatDateTime(request.expiresAt)}.
        </p>
      </section>

      <div className="flex flex-col gap-1.5">
        <label htmlFor={checkboxId} className="flex cursor-pointer items-start gap-3 rounded-md border border-border p-3 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
          <input
            id={checkboxId}
            type="checkbox"
            checked={confirmed}
            disabled={busy}
            aria-invalid={checkboxError ? true : undefined}
            aria-describedby={checkboxError ? `${checkboxId}-error` : undefined}
            onChange={(event) => {
              setConfirmed(event.target.checked);
              if (event.target.checked) setCheckboxError(undefined);
            }}
            className="mt-0.5 size-5 shrink-0 accent-primary"
          />
          <span>
            <span className="block font-medium">These are my details</span>
            <span className="block text-muted-foreground">The name and number above are mine, and I am the applicant.</span>
          </span>
        </label>
        <FieldError id={`${checkboxId}-error`} message={checkboxError} />
      </div>

      {problem ? (
        <Alert variant="error" title={problem.code === "NOTICE_OUTDATED" ? "The notice has changed" : undefined}>
          {problem.message}
          {problem.code === "NOTICE_OUTDATED" ? (
            <Button type="button" size="sm" variant="outline" className="mt-2 bg-white" onClick={() => window.location.reload()}>
              Reload the page
            </Button>
          ) : null}
        </Alert>
      ) : null}

      {askingDecline ? (
        <div role="group" aria-labelledby={`${checkboxId}-decline`} className="flex flex-col gap-3 rounded-md border border-border bg-muted/60 p-3">
          <p id={`${checkboxId}-decline`} className="text-sm">
            Decline? {request.organisationName} will not be able to check your record for this application, which may affect it.
          </p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button type="button" size="lg" variant="destructive" disabled={busy} onClick={() => void decide("decline")} className="w-full sm:w-auto">
              {pending === "declined" ? <Spinner /> : null}
              Yes, I do not consent
            </Button>
            <Button type="button" size="lg" variant="outline" disabled={busy} onClick={() => setAskingDecline(false)} className="w-full sm:w-auto">
              Go back
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button type="button" size="lg" disabled={busy} aria-busy={pending === "granted" || undefined} onClick={() => void decide("grant")} className="w-full sm:flex-1">
            {pending === "granted" ? <Spinner /> : null}
            {pending === "granted" ? "Recording…" : "I consent"}
          </Button>
          <Button type="button" size="lg" variant="outline" disabled={busy} onClick={() => setAskingDecline(true)} className="w-full sm:flex-1">
            I do not consent
          </Button>
        </div>
      )}
    </Card>
  );
}
