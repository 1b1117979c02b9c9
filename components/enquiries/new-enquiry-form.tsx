"use client";

import { Building2, ChevronDown, IdCard, Plane } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { Section } from "@/components/app-shell/page-header";
import { SelectField, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Spinner } from "@/components/ui/spinner";
import { CONSENT_NOTICE, CONSENT_NOTICE_VERSION } from "@/lib/consent/notice";
import {
  ISO_3166_ALPHA3,
  validateCipcRegistrationNumber,
  validateNationality,
  validatePassportDateOfBirth,
  validatePassportNumber,
  validateSaIdNumber,
} from "@/lib/identity";
import { cn } from "@/lib/ui/cn";
import { requestJson, type EnquiryApiError } from "./api";
import { CONSENT_FORM_ACCEPT, checkConsentFormFile, uploadConsentForm } from "./consent-form-upload";
import { parseRandAmount } from "./money";

type SubjectKind = "sa-id" | "passport" | "company";
type ConsentMode = "" | "attested" | "request";

/** The form's own field names; the API's dotted paths map onto them (SERVER_FIELDS). */
const FIELD_ORDER = [
  "idNumber",
  "passportNumber",
  "nationality",
  "dateOfBirth",
  "registrationNumber",
  "firstName",
  "surname",
  "companyName",
  "monthlyRent",
  "grossMonthlyIncome",
  "reference",
  "consentMode",
  "consentMethod",
  "obtainedAt",
  "applicantEmail",
] as const;
type Field = (typeof FIELD_ORDER)[number];
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;

const SERVER_FIELDS: Record<string, Field> = {
  "subject.idNumber": "idNumber",
  "subject.passport": "passportNumber",
  "subject.passport.number": "passportNumber",
  "subject.passport.nationality": "nationality",
  "subject.passport.dateOfBirth": "dateOfBirth",
  "subject.registrationNumber": "registrationNumber",
  "subject.firstName": "firstName",
  "subject.surname": "surname",
  "subject.name": "companyName",
  monthlyRent: "monthlyRent",
  grossMonthlyIncome: "grossMonthlyIncome",
  reference: "reference",
  consent: "consentMode",
  "consent.confirmed": "consentMode",
  "consent.method": "consentMethod",
  "consent.obtainedAt": "obtainedAt",
  "consent.requestFromApplicant": "applicantEmail",
  "consent.requestFromApplicant.email": "applicantEmail",
  "consent.requestFromApplicant.phone": "applicantEmail",
};

const SUBJECT_KINDS: { value: SubjectKind; title: string; body: string; icon: typeof IdCard }[] = [
  { value: "sa-id", title: "Person with SA ID", body: "South African citizens and permanent residents.", icon: IdCard },
  { value: "passport", title: "Person with passport", body: "Foreign nationals without an SA ID number.", icon: Plane },
  { value: "company", title: "Company", body: "A business renting the property, by CIPC number.", icon: Building2 },
];

const CONSENT_METHODS = [
  { value: "signed_form", label: "Signed consent form" },
  { value: "electronic", label: "Electronically (email or web form)" },
  { value: "whatsapp", label: "WhatsApp message" },
] as const;

const COUNTRIES = Object.entries(ISO_3166_ALPHA3)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

const EMPTY: Values = Object.fromEntries(FIELD_ORDER.map((field) => [field, ""])) as Values;

/** The identity validators speak in fragments ("the check digit does not match"); the API adds the sentence. */
function asSentence(message: string): string {
  const capitalised = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** South Africa keeps UTC+2 all year: "now" for a datetime-local field, read as SA time. */
function saNowForInput(): string {
  return new Date(Date.now() + 2 * 3_600_000).toISOString().slice(0, 16);
}

function saInputToIso(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value);
  if (!match) return undefined;
  const date = new Date(`${match[1]}T${match[2]}${match[3] ?? ":00"}+02:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function todayInSa(): string {
  return saNowForInput().slice(0, 10);
}

/** Every problem the browser can see without asking the server; the same rules the API applies. */
function validate(values: Values, kind: SubjectKind, consent: ConsentMode): Errors {
  const errors: Errors = {};
  if (kind === "sa-id") {
    const result = validateSaIdNumber(values.idNumber);
    if (!result.ok) errors.idNumber = asSentence(result.message);
  } else if (kind === "passport") {
    const number = validatePassportNumber(values.passportNumber);
    if (!number.ok) errors.passportNumber = asSentence(number.message);
    if (values.nationality === "") errors.nationality = "Choose the country that issued the passport.";
    else {
      const nationality = validateNationality(values.nationality);
      if (!nationality.ok) errors.nationality = asSentence(nationality.message);
    }
    if (values.dateOfBirth === "") errors.dateOfBirth = "Enter the date of birth shown in the passport.";
    else {
      const birth = validatePassportDateOfBirth(values.dateOfBirth);
      if (!birth.ok) errors.dateOfBirth = asSentence(birth.message);
    }
  } else {
    const result = validateCipcRegistrationNumber(values.registrationNumber);
    if (!result.ok) errors.registrationNumber = asSentence(result.message);
  }
  if (kind !== "company") {
    if (values.firstName.trim().length > 80) errors.firstName = "Use at most 80 characters.";
    if (values.surname.trim().length > 80) errors.surname = "Use at most 80 characters.";
  } else if (values.companyName.trim().length > 160) errors.companyName = "Use at most 160 characters.";

  const rent = parseRandAmount(values.monthlyRent, "The monthly rent");
  if (!rent.ok) errors.monthlyRent = rent.message;
  const income = parseRandAmount(values.grossMonthlyIncome, "The gross monthly income");
  if (!income.ok) errors.grossMonthlyIncome = income.message;
  if (values.reference.trim().length > 64) errors.reference = "Use at most 64 characters.";

  if (consent === "") errors.consentMode = "Choose how the applicant gives consent.";
  if (consent === "attested") {
    if (values.consentMethod === "") errors.consentMethod = "Choose how the applicant gave consent.";
    const iso = saInputToIso(values.obtainedAt);
    if (!iso) errors.obtainedAt = "Give the date and time consent was obtained.";
    else {
      const age = Date.now() - new Date(iso).getTime();
      if (age < -5 * 60_000) errors.obtainedAt = "Consent cannot be obtained in the future.";
      else if (age > 90 * 86_400_000) errors.obtainedAt = "Consent older than 90 days is stale; ask the applicant again.";
    }
  }
  if (consent === "request") {
    const email = values.applicantEmail.trim();
    if (email === "") errors.applicantEmail = "Give the applicant's email address to send the consent request to.";
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) errors.applicantEmail = "Enter a valid email address.";
  }
  return errors;
}

/**
 * While typing, an identity number is judged only once it is long enough to be complete (or has a
 * character it can never contain), so the message does not nag after the first digit; after the field
 * is left once, every keystroke re-checks it.
 */
function judgeWhileTyping(field: Field, value: string): boolean {
  const compact = value.replace(/[\s\u2010-\u2015\u2212/-]/g, "");
  if (field === "idNumber") return compact.length >= 13 || /\D/.test(compact);
  if (field === "registrationNumber") return compact.length >= 12 || /\D/.test(compact);
  if (field === "passportNumber") return compact.length > 12 || /[^A-Za-z0-9]/.test(compact);
  if (field === "monthlyRent" || field === "grossMonthlyIncome") return /[^\d\s\u00a0.,R]/i.test(value);
  return false;
}

interface CreatedEnquiry {
  id: string;
  status: string;
}

export function NewEnquiryForm() {
  const router = useRouter();
  const formId = useId();
  const [kind, setKind] = useState<SubjectKind>("sa-id");
  const [consent, setConsent] = useState<ConsentMode>("");
  const [values, setValues] = useState<Values>(EMPTY);
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<EnquiryApiError | undefined>();
  const [pending, setPending] = useState(false);
  const [retryUntil, setRetryUntil] = useState<number | undefined>();
  const [focusField, setFocusField] = useState<{ field: Field } | undefined>();
  const problemRef = useRef<HTMLDivElement>(null);
  // The optional signed consent form: checked here as soon as it is chosen, uploaded once the enquiry exists.
  const [consentFile, setConsentFile] = useState<File | undefined>();
  const [consentFileError, setConsentFileError] = useState<string | undefined>();
  const [uploadFailure, setUploadFailure] = useState<{ enquiryId: string; message: string } | undefined>();
  const uploadFailureRef = useRef<HTMLDivElement>(null);
  const attachesForm = consent === "attested" && values.consentMethod === "signed_form";

  const clientErrors = useMemo(() => validate(values, kind, consent), [values, kind, consent]);

  function errorFor(field: Field): string | undefined {
    if (serverErrors[field]) return serverErrors[field];
    const message = clientErrors[field];
    if (!message) return undefined;
    return submitted || touched.has(field) || judgeWhileTyping(field, values[field]) ? message : undefined;
  }

  function fieldProps(field: Field) {
    return {
      name: field,
      value: values[field],
      error: errorFor(field),
      onChange: (event: { target: { value: string } }) => {
        const value = event.target.value;
        setValues((current) => ({ ...current, [field]: value }));
        setServerErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
      },
      onBlur: () => setTouched((current) => (current.has(field) ? current : new Set(current).add(field))),
    };
  }

  // Focus moves to the first field with a problem, once the form is enabled again.
  useEffect(() => {
    if (!focusField || pending) return;
    const element = document.getElementById(`${formId}-${focusField.field}`) ?? document.querySelector<HTMLElement>(`[name="${focusField.field}"]`);
    element?.focus();
  }, [focusField, pending, formId]);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  useEffect(() => {
    if (uploadFailure) uploadFailureRef.current?.focus();
  }, [uploadFailure]);

  // A 429 disables submitting until the server's Retry-After has passed.
  useEffect(() => {
    if (retryUntil === undefined) return;
    const timer = setTimeout(() => setRetryUntil(undefined), Math.max(0, retryUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [retryUntil]);

  function buildBody(ignoreRecentReport: boolean) {
    const optionalName = (value: string) => (value.trim() ? value.trim() : undefined);
    const subject =
      kind === "sa-id"
        ? { type: "individual", idNumber: values.idNumber, firstName: optionalName(values.firstName), surname: optionalName(values.surname) }
        : kind === "passport"
          ? {
              type: "individual",
              passport: { number: values.passportNumber, nationality: values.nationality, dateOfBirth: values.dateOfBirth },
              firstName: optionalName(values.firstName),
              surname: optionalName(values.surname),
            }
          : { type: "company", registrationNumber: values.registrationNumber, name: optionalName(values.companyName) };
    const consentBody =
      consent === "attested"
        ? { method: values.consentMethod, obtainedAt: saInputToIso(values.obtainedAt), confirmed: true }
        : { requestFromApplicant: { email: values.applicantEmail.trim() } };
    const rent = parseRandAmount(values.monthlyRent, "");
    const income = parseRandAmount(values.grossMonthlyIncome, "");
    return {
      subject,
      consent: consentBody,
      ...(rent.ok && rent.value !== undefined ? { monthlyRent: rent.value } : {}),
      ...(income.ok && income.value !== undefined ? { grossMonthlyIncome: income.value } : {}),
      ...(values.reference.trim() ? { reference: values.reference.trim() } : {}),
      ...(ignoreRecentReport ? { ignoreRecentReport: true } : {}),
    };
  }

  async function submit(ignoreRecentReport = false) {
    if (pending || uploadFailure) return;
    setSubmitted(true);
    setProblem(undefined);
    const firstInvalid = FIELD_ORDER.find((field) => clientErrors[field] || serverErrors[field]);
    if (firstInvalid) {
      setFocusField({ field: firstInvalid });
      return;
    }
    if (attachesForm && consentFileError) {
      document.getElementById(`${formId}-consentForm`)?.focus();
      return;
    }
    setPending(true);
    const result = await requestJson<CreatedEnquiry>("/api/enquiries", { method: "POST", body: buildBody(ignoreRecentReport) });
    if (result.ok) {
      if (attachesForm && consentFile) {
        const upload = await uploadConsentForm(result.data.id, consentFile);
        // The enquiry stands either way; say what went wrong and keep the form locked so it is not sent twice.
        if (!upload.ok) {
          setUploadFailure({ enquiryId: result.data.id, message: upload.message });
          setPending(false);
          return;
        }
      }
      // Stay disabled while the detail page loads.
      router.push(`/enquiries/${encodeURIComponent(result.data.id)}`);
      return;
    }
    setPending(false);
    const error = result.error;
    const field = error.field ? SERVER_FIELDS[error.field] : undefined;
    if (field) {
      setServerErrors({ [field]: error.message });
      setFocusField({ field });
      return;
    }
    if (error.retryAfterSeconds) setRetryUntil(Date.now() + error.retryAfterSeconds * 1000);
    setProblem(error);
  }

  const waiting = retryUntil !== undefined;
  const consentError = errorFor("consentMode");

  return (
    <form
      noValidate
      aria-label="New enquiry"
      className="flex flex-col gap-6"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <fieldset disabled={pending || uploadFailure !== undefined} className="flex min-w-0 flex-col gap-6">
        <Section title="Applicant" description="Who you want to screen. We show only the last digits of the number afterwards.">
          <div className="flex flex-col gap-5">
            <ChoiceGroup legend="Applicant type" name="subjectKind" value={kind} onChange={(value) => setKind(value)} options={SUBJECT_KINDS} columns="sm:grid-cols-3" />

            {kind === "sa-id" ? (
              <TextField
                {...fieldProps("idNumber")}
                id={`${formId}-idNumber`}
                label="SA ID number"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                maxLength={20}
                placeholder="13 digits"
                hint="As printed on the ID book or card: 13 digits."
              />
            ) : null}

            {kind === "passport" ? (
              <div className="grid gap-5 sm:grid-cols-3">
                <TextField
                  {...fieldProps("passportNumber")}
                  id={`${formId}-passportNumber`}
                  label="Passport number"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={20}
                />
                <SelectField {...fieldProps("nationality")} id={`${formId}-nationality`} label="Issuing country">
                  <option value="">Choose the country</option>
                  {COUNTRIES.map((country) => (
                    <option key={country.code} value={country.code}>
                      {country.name} ({country.code})
                    </option>
                  ))}
                </SelectField>
                <TextField {...fieldProps("dateOfBirth")} id={`${formId}-dateOfBirth`} label="Date of birth" type="date" max={todayInSa()} />
              </div>
            ) : null}

            {kind === "company" ? (
              <>
                <TextField
                  {...fieldProps("registrationNumber")}
                  id={`${formId}-registrationNumber`}
                  label="CIPC registration number"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={20}
                  placeholder="2015/123456/07"
                  hint="YYYY/NNNNNN/NN, from the company's CIPC certificate."
                />
                <TextField {...fieldProps("companyName")} id={`${formId}-companyName`} label="Company name (optional)" autoComplete="off" maxLength={160} />
              </>
            ) : (
              <div className="grid gap-5 sm:grid-cols-2">
                <TextField {...fieldProps("firstName")} id={`${formId}-firstName`} label="First name (optional)" autoComplete="off" maxLength={80} />
                <TextField {...fieldProps("surname")} id={`${formId}-surname`} label="Surname (optional)" autoComplete="off" maxLength={80} />
              </div>
            )}
          </div>
        </Section>

        <Section title="Rental details" description="Optional. With both amounts the report shows how affordable the rent is.">
          <div className="grid gap-5 sm:grid-cols-3">
            <TextField {...fieldProps("monthlyRent")} id={`${formId}-monthlyRent`} label="Monthly rent (R)" inputMode="decimal" autoComplete="off" placeholder="e.g. 8500" />
            <TextField
              {...fieldProps("grossMonthlyIncome")}
              id={`${formId}-grossMonthlyIncome`}
              label="Applicant's gross monthly income (R)"
              inputMode="decimal"
              autoComplete="off"
              placeholder="e.g. 32000"
            />
            <TextField
              {...fieldProps("reference")}
              id={`${formId}-reference`}
              label="Your reference"
              autoComplete="off"
              maxLength={64}
              hint="e.g. the unit or your lease number; you can search by it."
            />
          </div>
        </Section>

        <Section title="Consent" description="The law (POPIA and the National Credit Act) requires the applicant's consent before we ask TPN.">
          <div className="flex flex-col gap-5">
            <ChoiceGroup
              legend="How the applicant consents"
              name="consentMode"
              value={consent}
              error={consentError}
              onChange={(value) => {
                setConsent(value);
                setServerErrors((current) => ({ ...current, consentMode: undefined }));
                if (value === "attested") setValues((current) => (current.obtainedAt ? current : { ...current, obtainedAt: saNowForInput() }));
              }}
              options={[
                { value: "attested", title: "I confirm the applicant consented", body: "You have their signed form, email or WhatsApp message and keep it on file." },
                { value: "request", title: "Ask the applicant by email", body: "We email them the notice and a link to consent. The check starts when they agree; the link lasts 7 days." },
              ]}
              columns="sm:grid-cols-2"
            />

            {consent === "attested" ? (
              <div className="grid gap-5 sm:grid-cols-2">
                <SelectField {...fieldProps("consentMethod")} id={`${formId}-consentMethod`} label="How consent was given">
                  <option value="">Choose one</option>
                  {CONSENT_METHODS.map((method) => (
                    <option key={method.value} value={method.value}>
                      {method.label}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  {...fieldProps("obtainedAt")}
                  id={`${formId}-obtainedAt`}
                  label="Date and time obtained (SA time)"
                  type="datetime-local"
                  max={saNowForInput()}
                  hint="Within the last 90 days."
                />
                {attachesForm ? (
                  <TextField
                    name="consentForm"
                    id={`${formId}-consentForm`}
                    className="sm:col-span-2"
                    label="Signed consent form (optional)"
                    type="file"
                    accept={CONSENT_FORM_ACCEPT}
                    error={consentFileError}
                    hint={consentFile && !consentFileError ? `${consentFile.name} is attached when you submit.` : "A PDF, or a PNG, JPEG or WEBP photo or scan, at most 5 MB. Kept encrypted with the enquiry."}
                    onChange={(event) => {
                      const file = event.target.files?.[0];
                      setConsentFile(file);
                      setConsentFileError(undefined);
                      if (file) void checkConsentFormFile(file).then(setConsentFileError);
                    }}
                  />
                ) : null}
              </div>
            ) : null}

            {consent === "request" ? (
              <TextField
                {...fieldProps("applicantEmail")}
                id={`${formId}-applicantEmail`}
                label="Applicant's email address"
                type="email"
                inputMode="email"
                autoComplete="off"
                spellCheck={false}
                maxLength={254}
              />
            ) : null}

            <details className="group rounded-md border border-border bg-muted/40">
              <summary className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-md px-3 py-3 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring [&::-webkit-details-marker]:hidden">
                What the applicant consents to
                <ChevronDown aria-hidden className="size-4 shrink-0 transition-transform group-open:rotate-180" />
              </summary>
              <div className="border-t border-border px-3 py-3 text-sm text-muted-foreground">
                <p>{CONSENT_NOTICE.replace(/\s*\n\s*/g, " ")}</p>
                <p className="mt-2 text-xs">Notice version {CONSENT_NOTICE_VERSION}</p>
              </div>
            </details>
          </div>
        </Section>
      </fieldset>

      {uploadFailure ? (
        <div ref={uploadFailureRef} tabIndex={-1} className="focus:outline-none">
          <Alert variant="warning" title="The enquiry was submitted, but the signed form was not attached" role="alert">
            <p>{uploadFailure.message}</p>
            <div className="mt-3">
              <Button asChild size="sm" className="no-underline!">
                <Link href={`/enquiries/${encodeURIComponent(uploadFailure.enquiryId)}`}>Open the enquiry</Link>
              </Button>
            </div>
          </Alert>
        </div>
      ) : null}

      {problem ? (
        <div ref={problemRef} tabIndex={-1} className="focus:outline-none">
          <ProblemAlert problem={problem} waiting={waiting} pending={pending} onRunAnyway={() => void submit(true)} />
        </div>
      ) : null}

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button asChild variant="outline" className="h-11 sm:h-10">
          <Link href="/enquiries">Cancel</Link>
        </Button>
        <SubmitButton pending={pending} pendingLabel="Submitting…" disabled={waiting || uploadFailure !== undefined} className="h-11 sm:h-10">
          Submit enquiry
        </SubmitButton>
      </div>
    </form>
  );
}

function ProblemAlert({ problem, waiting, pending, onRunAnyway }: { problem: EnquiryApiError; waiting: boolean; pending: boolean; onRunAnyway: () => void }) {
  if (problem.code === "RECENT_REPORT_AVAILABLE") {
    const existing = problem.details?.enquiryId;
    return (
      <Alert variant="warning" title="A recent report on this applicant exists" role="alert">
        <p>You can open it at no cost, or pay for a new check if something may have changed.</p>
        <div className="mt-3 flex flex-col gap-2 sm:flex-row">
          {existing ? (
            <Button asChild size="sm" className="no-underline!">
              <Link href={`/enquiries/${encodeURIComponent(existing)}`}>Open the existing report</Link>
            </Button>
          ) : null}
          <Button type="button" size="sm" variant="outline" className="bg-white" disabled={pending} onClick={onRunAnyway}>
            {pending ? <Spinner /> : null}
            Run a new check anyway
          </Button>
        </div>
      </Alert>
    );
  }
  if (problem.code === "EMAIL_NOT_VERIFIED") {
    return (
      <Alert variant="error" title="Confirm your email address first">
        {problem.message} Open the link we emailed you; the banner at the top of the page sends a new one.
      </Alert>
    );
  }
  if (problem.code === "MONTHLY_CAP_REACHED") {
    return (
      <Alert variant="error" title="Monthly limit reached">
        {problem.message}
      </Alert>
    );
  }
  if (problem.retryAfterSeconds) {
    return (
      <Alert variant="error" title="Too many enquiries in a short time">
        {problem.message} {waiting ? `You can submit again in about ${formatWait(problem.retryAfterSeconds)}.` : "You can submit again now."}
      </Alert>
    );
  }
  return <Alert variant="error">{problem.message}</Alert>;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}

interface ChoiceOption<T extends string> {
  value: T;
  title: string;
  body: string;
  icon?: typeof IdCard;
}

/** Radio buttons as large cards: easy to hit with a thumb, and the choice reads as a sentence. */
function ChoiceGroup<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
  columns,
}: {
  legend: ReactNode;
  name: string;
  value: T | "";
  options: ChoiceOption<T>[];
  onChange: (value: T) => void;
  error?: string;
  columns: string;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} className="flex min-w-0 flex-col gap-2">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className={cn("grid gap-2", columns)}>
        {options.map((option) => {
          const Icon = option.icon;
          return (
            <label
              key={option.value}
              className={cn(
                "flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                value === option.value ? "border-primary bg-primary/5" : error ? "border-red-300 hover:bg-muted" : "border-border hover:bg-muted",
              )}
            >
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                className="mt-0.5 size-4 shrink-0 accent-primary"
              />
              <span className="min-w-0">
                <span className="flex items-center gap-1.5 font-medium">
                  {Icon ? <Icon aria-hidden className="size-4 text-muted-foreground" /> : null}
                  {option.title}
                </span>
                <span className="block text-muted-foreground">{option.body}</span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
