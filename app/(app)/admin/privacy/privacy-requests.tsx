"use client";

import { Search } from "lucide-react";
import { useState } from "react";
import { callApi } from "@/components/forms/api";
import { FormError, SelectField, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import type { Jsonified } from "@/components/enquiries/jsonified";
import { StatusBadge } from "@/components/enquiries/status-badge";
import { isEnquiryStatus } from "@/components/enquiries/status";
import { formatDate, formatDateTime } from "@/components/format";
import { DownloadPdfLink } from "@/components/reports/download-pdf-link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SubjectHoldings } from "@/lib/privacy/find-subject";

type Holdings = Jsonified<SubjectHoldings>;

interface LookupBody {
  identifier: string;
  identifierType?: string;
  nationality?: string;
}

const CHANNEL_LABELS: Record<string, string> = { web: "Web", api: "API", whatsapp: "WhatsApp" };

/** Find a data subject by their number, see what we hold, download it for them, or erase it. */
export function PrivacyRequests() {
  const form = useApiForm(["identifier", "identifierType", "nationality"] as const);
  const [type, setType] = useState("");
  const [lookup, setLookup] = useState<LookupBody | undefined>();
  const [holdings, setHoldings] = useState<Holdings | undefined>();
  const [missing, setMissing] = useState(false);
  const [erasedNow, setErasedNow] = useState<string | undefined>();

  async function find(body: LookupBody) {
    const result = await form.send<Holdings>("/api/admin/privacy/subject-lookup", { body });
    setMissing(!result.ok && result.status === 404);
    if (!result.ok && result.status === 404) form.setError(undefined);
    setHoldings(result.ok ? result.data : undefined);
    return result;
  }

  return (
    <div className="flex flex-col gap-4">
      <form
        noValidate
        role="search"
        aria-label="Find a data subject"
        autoComplete="off"
        className="flex flex-col gap-4 rounded-lg border border-border bg-card p-4 shadow-sm sm:p-6"
        onSubmit={form.handleSubmit(async (data) => {
          const body: LookupBody = { identifier: formText(data, "identifier") };
          const chosen = formText(data, "identifierType");
          if (chosen) body.identifierType = chosen;
          const nationality = formText(data, "nationality");
          if (chosen === "passport" && nationality) body.nationality = nationality;
          setErasedNow(undefined);
          setLookup(body);
          await find(body);
        })}
      >
        <FormError message={form.formError} />
        <fieldset disabled={form.pending} className="grid gap-4 sm:grid-cols-[2fr_1fr] lg:grid-cols-[2fr_1fr_1fr]">
          <TextField
            label="ID, passport or registration number"
            name="identifier"
            required
            spellCheck={false}
            autoCapitalize="characters"
            maxLength={64}
            hint="As the applicant gives it; spaces and dashes do not matter."
            error={form.fieldError("identifier")}
          />
          <SelectField label="Kind of number" name="identifierType" value={type} onChange={(event) => setType(event.target.value)} error={form.fieldError("identifierType")}>
            <option value="">Work it out</option>
            <option value="sa-id">SA ID number</option>
            <option value="passport">Passport</option>
            <option value="cipc">CIPC registration number</option>
          </SelectField>
          {type === "passport" ? (
            <TextField label="Passport nationality" name="nationality" required maxLength={8} autoCapitalize="characters" hint="3 letters, e.g. ZWE" error={form.fieldError("nationality")} />
          ) : null}
        </fieldset>
        <div>
          <SubmitButton pending={form.pending} pendingLabel="Looking up…">
            <Search aria-hidden className="size-4" />
            Look up
          </SubmitButton>
        </div>
      </form>

      <div aria-live="polite" className="flex flex-col gap-4">
        {missing ? (
          <Alert variant="info" title="Nothing held under that number">
            TenantLens holds no personal information under this number. (Someone erased because their retention period ended is not found either: nothing about them is
            left.)
          </Alert>
        ) : null}
        {erasedNow ? <Alert variant="success">{erasedNow}</Alert> : null}
        {holdings ? (
          <SubjectCard
            holdings={holdings}
            onErased={async (message) => {
              setErasedNow(message);
              if (lookup) await find(lookup);
            }}
          />
        ) : null}
      </div>
    </div>
  );
}

function SubjectCard({ holdings, onErased }: { holdings: Holdings; onErased: (message: string) => Promise<void> }) {
  const { subject } = holdings;
  const [reference, setReference] = useState("");
  const erased = subject.erasedAt !== null;

  const facts: Array<[string, string]> = [
    ["Enquiries", String(holdings.enquiries.length)],
    ["Reports", String(holdings.reports)],
    ["Consent records", String(holdings.consents)],
    ["Signed consent forms", String(holdings.signedConsentForms)],
    ["Share links", `${holdings.shareLinks.active} active of ${holdings.shareLinks.total}`],
    ["WhatsApp messages about them", String(holdings.whatsapp.messages)],
    ["Their WhatsApp numbers", holdings.whatsapp.applicantNumbers.join(", ") || "None"],
    ["Reports shared with support", String(holdings.supportSharedReports)],
  ];

  async function erase() {
    const trimmed = reference.trim();
    if (!trimmed) return "Give the request's reference (ticket or case number).";
    const result = await callApi<{ erasedAt: string; alreadyErased: boolean; enquiriesStopped: number }>(`/api/admin/privacy/subjects/${encodeURIComponent(subject.id)}/erase`, {
      method: "POST",
      body: { reason: "data-subject-request", reference: trimmed },
    });
    if (!result.ok) return result.error.message;
    const stopped = result.data.enquiriesStopped;
    await onErased(
      result.data.alreadyErased
        ? `This data subject was already erased on ${formatDateTime(result.data.erasedAt)}.`
        : `Erased under reference ${trimmed}. Their data key is destroyed${stopped > 0 ? ` and ${stopped} running ${stopped === 1 ? "enquiry was" : "enquiries were"} stopped` : ""}.`,
    );
    setReference("");
    return undefined;
  }

  return (
    <Card className="flex flex-col gap-5 p-4 sm:p-6">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <CardTitle>{subject.kind === "company" ? "Company" : "Person"} on record</CardTitle>
          <p className="mt-1 break-all text-xs text-muted-foreground">Subject {subject.id}</p>
          <p className="mt-1 text-sm text-muted-foreground">First recorded {formatDate(subject.createdAt)}</p>
        </div>
        {erased ? (
          <Badge variant="danger" className="self-start">
            Erased {formatDate(subject.erasedAt)}
          </Badge>
        ) : (
          <Badge variant="success" className="self-start">
            Data held
          </Badge>
        )}
      </div>

      {erased ? (
        <Alert variant="info" role={undefined}>
          Their personal information was erased on {formatDateTime(subject.erasedAt)}: what is listed below are the bare records (dates, statuses, organisations) that stay, and
          nothing in them can be read. A new enquiry about them is refused.
        </Alert>
      ) : (
        <p className="text-sm text-muted-foreground">
          {holdings.retention.erasesAfter
            ? `Erased automatically after ${formatDate(holdings.retention.erasesAfter)} (${holdings.retention.days} days after their last enquiry ended) unless they are screened again.`
            : "An enquiry about them is still running; the retention period starts when it ends."}
        </p>
      )}

      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {facts.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 border-b border-border py-1">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="text-right font-medium">{value}</dd>
          </div>
        ))}
      </dl>

      {holdings.enquiries.length > 0 ? (
        <Table aria-label="Enquiries about this data subject">
          <TableHead>
            <tr>
              <TableHeader>Organisation</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>Channel</TableHeader>
              <TableHeader>Requested</TableHeader>
              <TableHeader>Ended</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {holdings.enquiries.map((enquiry) => (
              <TableRow key={enquiry.id}>
                <TableCell className="font-medium">
                  <span className="break-words">{enquiry.organisationName}</span>
                  <span className="text-xs font-normal text-muted-foreground md:block">Enquiry {enquiry.id.slice(0, 8)}</span>
                </TableCell>
                <TableCell label="Status">{isEnquiryStatus(enquiry.status) ? <StatusBadge status={enquiry.status} /> : enquiry.status}</TableCell>
                <TableCell label="Channel">{CHANNEL_LABELS[enquiry.channel] ?? enquiry.channel}</TableCell>
                <TableCell label="Requested">{formatDateTime(enquiry.createdAt)}</TableCell>
                <TableCell label="Ended">{formatDateTime(enquiry.completedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <p className="text-sm text-muted-foreground">No enquiries about them.</p>
      )}

      {erased ? null : (
        <div className="flex flex-col gap-3 border-t border-border pt-4 sm:flex-row sm:flex-wrap sm:items-start">
          <DownloadPdfLink href={`/api/admin/privacy/subjects/${encodeURIComponent(subject.id)}/export`} label="Download export" variant="outline" />
          <ConfirmAction
            label="Erase…"
            className="sm:flex-1"
            confirmLabel="Erase for good"
            pendingLabel="Erasing…"
            onConfirm={erase}
            question={
              <span className="flex flex-col gap-2">
                <span>
                  Erase everything TenantLens holds about this {subject.kind === "company" ? "company" : "person"}? Their data key is destroyed: reports, consent records and files
                  become unreadable for good, running enquiries stop, share links end, and a new enquiry about them is refused. This cannot be undone.
                </span>
                <span className="flex flex-col gap-1.5">
                  <Label htmlFor="erase-reference">Request reference</Label>
                  <Input
                    id="erase-reference"
                    value={reference}
                    onChange={(event) => setReference(event.target.value)}
                    maxLength={100}
                    autoComplete="off"
                    placeholder="e.g. DSR-2026-0042"
                  />
                  <span className="text-xs text-muted-foreground">The ticket or case number only: it goes into the audit log.</span>
                </span>
              </span>
            }
          />
        </div>
      )}
    </Card>
  );
}
