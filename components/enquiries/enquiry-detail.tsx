"use client";

import { ArrowLeft, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { PageHeader, Section } from "@/components/app-shell/page-header";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import type { EnquiryStatus } from "@/db/schema";
import type { getEnquiry } from "@/lib/enquiries/read-enquiry";
import { useInterval } from "@/lib/ui/use-interval";
import type { LiveState } from "@/lib/ui/use-channel-event";
import { useEnquiryStatusChannels, type EnquiryStatusChannels, type EnquiryStatusEvent } from "@/lib/ui/use-enquiry-status-channels";
import { requestJson } from "./api";
import type { Jsonified } from "./jsonified";
import { formatRand } from "./money";
import { CONSENT_METHOD_LABELS, ENQUIRY_STATUSES, IDENTIFIER_KIND_LABELS, isEnquiryStatus, isFinalStatus } from "./status";
import { StatusBadge } from "./status-badge";
import { StatusTimeline, timelineSteps } from "./status-timeline";

export type EnquiryDetail = Jsonified<Awaited<ReturnType<typeof getEnquiry>>>;

/** Without live updates the page asks every 3 s; with them, every 15 s in case an event was missed. */
const FALLBACK_POLL_MS = 3_000;
const SAFETY_POLL_MS = 15_000;
/** Once ready, the page asks the server for the report; it tries again a few times if it is not there yet. */
const REPORT_REFRESH_ATTEMPTS = 5;
const REPORT_RETRY_MS = 3_000;

function rank(status: EnquiryStatus): number {
  return ENQUIRY_STATUSES.indexOf(status);
}

/** A status event moves the page at once; the fetch that follows brings the authoritative timeline. */
function applyEvent(detail: EnquiryDetail, event: EnquiryStatusEvent): EnquiryDetail {
  const status = event.status;
  if (!isEnquiryStatus(status) || isFinalStatus(detail.status) || rank(status) <= rank(detail.status)) return detail;
  return {
    ...detail,
    status,
    // A failure event carries the reason the requester reads; the fetch fills in the rest.
    failure: status === "failed" ? { code: detail.failure?.code ?? "FAILED", message: event.message } : detail.failure,
    timeline: [...detail.timeline, { status, message: event.message, at: event.at }],
  };
}

export function EnquiryDetailView({
  initial,
  realtime,
  canWithdraw,
  report = null,
}: {
  initial: EnquiryDetail;
  realtime: EnquiryStatusChannels | null;
  canWithdraw: boolean;
  /** The finished report, rendered by the server page once the enquiry is ready. */
  report?: ReactNode;
}) {
  const router = useRouter();
  const [detail, setDetail] = useState(initial);
  const [notice, setNotice] = useState<string | undefined>();
  const requestSeq = useRef(0);
  const id = initial.id;

  const reload = useCallback(async () => {
    const seq = ++requestSeq.current;
    const result = await requestJson<EnquiryDetail>(`/api/enquiries/${encodeURIComponent(id)}`);
    // Only the newest answer counts: a slow one must not roll the page back.
    if (result.ok && seq === requestSeq.current) setDetail(result.data);
  }, [id]);

  const live = useEnquiryStatusChannels(
    realtime,
    useCallback(
      (event: EnquiryStatusEvent) => {
        if (event.enquiryId !== id) return;
        setDetail((current) => applyEvent(current, event));
        void reload();
      },
      [id, reload],
    ),
  );

  const final = isFinalStatus(detail.status);
  useInterval(() => void reload(), final ? null : live === "live" ? SAFETY_POLL_MS : FALLBACK_POLL_MS);

  // The status turned ready (live or by a poll) but the server rendered no report yet: refresh the
  // server component, which then reads the report, without a page load.
  const hasReport = report !== null && report !== undefined && report !== false;
  const [refreshingReport, startReportRefresh] = useTransition();
  const [reportAttempts, setReportAttempts] = useState(0);
  useEffect(() => {
    if (detail.status !== "ready" || hasReport || refreshingReport || reportAttempts >= REPORT_REFRESH_ATTEMPTS) return;
    const timer = setTimeout(
      () => {
        setReportAttempts((count) => count + 1);
        startReportRefresh(() => router.refresh());
      },
      reportAttempts === 0 ? 0 : REPORT_RETRY_MS,
    );
    return () => clearTimeout(timer);
  }, [detail.status, hasReport, refreshingReport, reportAttempts, router]);
  const reportMissing = detail.status === "ready" && !hasReport && reportAttempts >= REPORT_REFRESH_ATTEMPTS && !refreshingReport;

  const askedApplicant = detail.consentDeadline !== null;
  const steps = timelineSteps(detail.status, detail.timeline, askedApplicant);
  const title = detail.subject.name ?? (detail.subject.type === "company" ? "Company enquiry" : "Applicant enquiry");
  const mayWithdraw = canWithdraw && (detail.status === "awaiting_consent" || detail.status === "queued");

  return (
    <>
      <div className="mb-3">
        <Link href="/enquiries" className="inline-flex items-center gap-1 rounded-sm text-sm font-medium text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <ArrowLeft aria-hidden className="size-4" /> All enquiries
        </Link>
      </div>
      <PageHeader
        title={title}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <StatusBadge status={detail.status} />
            <span className="font-mono">{detail.subject.identifier}</span>
            {detail.reference ? <span className="min-w-0 break-words">Ref: {detail.reference}</span> : null}
          </span>
        }
      />

      <div className="flex flex-col gap-6">
        <div aria-live="polite" className="flex flex-col gap-3 empty:hidden">
          <StatusNotice detail={detail} hasReport={hasReport} reportMissing={reportMissing} />
          {notice ? (
            <Alert variant="info" role={undefined}>
              {notice}
            </Alert>
          ) : null}
        </div>

        {hasReport ? <div className="min-w-0">{report}</div> : null}

        {hasReport ? (
          <h2 className="-mb-2 mt-2 text-lg font-semibold tracking-tight" id="enquiry-record">
            The enquiry
          </h2>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <Section title="Progress" description={<LiveIndicator live={live} final={final} />}>
              <StatusTimeline steps={steps} />
            </Section>
          </div>

          <div className="flex flex-col gap-6">
            <Section title="Summary">
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <Term label={IDENTIFIER_KIND_LABELS[detail.subject.identifierKind] ?? "Identifier"}>
                  <span className="font-mono">{detail.subject.identifier}</span>
                </Term>
                <Term label={detail.subject.type === "company" ? "Company" : "Name"}>{detail.subject.name ?? "Not given"}</Term>
                <Term label="Reference">{detail.reference ?? "None"}</Term>
                {detail.subject.type === "individual" ? (
                  <>
                    <Term label="Monthly rent">{formatRand(detail.monthlyRent, "Not given")}</Term>
                    <Term label="Gross income">{formatRand(detail.grossMonthlyIncome, "Not given")}</Term>
                  </>
                ) : (
                  <Term label="Monthly rent">{formatRand(detail.monthlyRent, "Not given")}</Term>
                )}
                <Term label="Requested by">{detail.requestedBy ?? "Unknown"}</Term>
                <Term label="Submitted">{formatDateTime(detail.createdAt)}</Term>
                {detail.completedAt ? <Term label="Finished">{formatDateTime(detail.completedAt)}</Term> : null}
                {detail.channel !== "web" ? <Term label="Submitted via">{detail.channel === "api" ? "API" : "WhatsApp"}</Term> : null}
              </dl>
            </Section>

            <Section title="Consent">
              {detail.consents.length === 0 ? (
                <p className="text-sm text-muted-foreground">
                  {detail.status === "awaiting_consent" ? "None yet: the applicant has not answered." : "No consent records."}
                </p>
              ) : (
                <ul className="flex flex-col gap-3 text-sm" aria-label="Consent records">
                  {detail.consents.map((record, index) => (
                    <li key={`${record.obtainedAt}-${index}`} className="rounded-md border border-border p-3">
                      <p className={record.kind === "withdrawn" ? "font-medium text-red-800" : "font-medium text-emerald-900"}>
                        {record.kind === "withdrawn" ? "Withdrawn or declined" : "Consent given"}
                      </p>
                      <p className="text-muted-foreground">{CONSENT_METHOD_LABELS[record.method] ?? record.method}</p>
                      <p className="text-muted-foreground">
                        <time dateTime={record.obtainedAt}>{formatDateTime(record.obtainedAt)}</time> · notice {record.noticeVersion}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              {detail.consentForm ? (
                <p className="mt-3 text-sm">
                  Signed consent form: <span className="break-all font-medium">{detail.consentForm.filename}</span>{" "}
                  (<a href={`/api/enquiries/${encodeURIComponent(id)}/consent-form`} download={detail.consentForm.filename} className="underline underline-offset-2">
                    download
                  </a>
                  )
                </p>
              ) : null}
              {mayWithdraw ? (
                <ConfirmAction
                  className="mt-4"
                  label="Withdraw consent"
                  question="The applicant withdraws consent? The enquiry stops now and TPN is not contacted. This cannot be undone."
                  confirmLabel="Yes, withdraw consent"
                  pendingLabel="Withdrawing…"
                  onConfirm={async () => {
                    const result = await requestJson<{ stopped: boolean; message: string }>(`/api/enquiries/${encodeURIComponent(id)}/withdraw-consent`, { method: "POST" });
                    if (!result.ok) return result.error.message;
                    // When the enquiry stopped, the failure notice above says so; otherwise say what happened.
                    setNotice(result.data.stopped ? undefined : result.data.message);
                    await reload();
                    return undefined;
                  }}
                />
              ) : null}
            </Section>
          </div>
        </div>
      </div>
    </>
  );
}

function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words font-medium">{children}</dd>
    </>
  );
}

function LiveIndicator({ live, final }: { live: LiveState; final: boolean }) {
  if (final) return null;
  if (live === "live") {
    return (
      <span className="inline-flex items-center gap-1.5" data-live="on">
        <span aria-hidden className="size-2 rounded-full bg-emerald-500" /> Updates live as the check runs.
      </span>
    );
  }
  return <span data-live="polling">Checking for updates every few seconds.</span>;
}

/** What the status means for the person waiting, and what to do when it stopped. */
function StatusNotice({ detail, hasReport, reportMissing }: { detail: EnquiryDetail; hasReport: boolean; reportMissing: boolean }) {
  switch (detail.status) {
    case "awaiting_consent":
      return (
        <Alert variant="info" role={undefined} title="Waiting for the applicant's consent">
          We emailed the applicant a link to read the notice and consent.
          {detail.consentDeadline ? ` The link expires on ${formatDateTime(detail.consentDeadline)}; ` : " "}
          the check starts as soon as they agree.
        </Alert>
      );
    case "scoring":
    case "rendering":
      return (
        <Alert variant="info" role={undefined} title="TPN record received; the risk report is being prepared">
          This usually takes under a minute. You can leave this page; the enquiry list shows when it is ready.
        </Alert>
      );
    case "ready":
      if (hasReport) return null;
      return (
        <Alert variant="success" role={undefined} title="The check is complete">
          {reportMissing ? "The risk report could not be loaded. Reload the page to see it." : "Loading the risk report…"}
        </Alert>
      );
    case "failed":
      return (
        <Alert variant="error" role={undefined} title="The check could not be completed">
          <p>{detail.failure?.message ?? "Something went wrong. Contact support with the enquiry reference."}</p>
          <NewEnquiryLink />
        </Alert>
      );
    case "expired":
      return (
        <Alert variant="warning" role={undefined} title="The consent request expired">
          <p>
            {detail.failure?.message ?? "The applicant did not give consent within 7 days."} TPN was not contacted and you were not charged. Submit a new enquiry to
            ask again, or record consent you obtained yourself.
          </p>
          <NewEnquiryLink />
        </Alert>
      );
    default:
      return null;
  }
}

function NewEnquiryLink() {
  return (
    <Button asChild size="sm" variant="outline" className="mt-3 bg-white no-underline!">
      <Link href="/enquiries/new">
        <Plus aria-hidden className="size-4" />
        Start a new enquiry
      </Link>
    </Button>
  );
}
