"use client";

import { CircleCheck, CircleX } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Section } from "@/components/app-shell/page-header";
import { FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { formatDateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/ui/cn";

export interface RecordedDecision {
  /** "approved" or "declined". */
  decision: string;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

const NOTE_MAX = 2000;

/**
 * The person's decision on the application (POPIA s71: the score is advice), with a note that the
 * applicant can be given on request. Recording it refreshes the server-rendered page, which then shows
 * the decision as stored.
 */
export function DecisionPanel({ enquiryId, decision, canDecide }: { enquiryId: string; decision: RecordedDecision | null; canDecide: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(decision === null);
  const [saved, setSaved] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const form = useApiForm(["decision", "note"] as const);
  const ids = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const [noteLength, setNoteLength] = useState(decision?.note?.length ?? 0);

  const submit = form.handleSubmit(async (data) => {
    const choice = formText(data, "decision");
    if (choice !== "approved" && choice !== "declined") {
      form.setError({ code: "VALIDATION", field: "decision", message: "Choose approve or decline." });
      return;
    }
    const note = formText(data, "note");
    const result = await form.send(`/api/reports/${encodeURIComponent(enquiryId)}/decision`, { body: { decision: choice, ...(note ? { note } : {}) } });
    if (!result.ok) return;
    setSaved(true);
    setEditing(false);
    startRefresh(() => router.refresh());
  });

  const showForm = canDecide && (editing || decision === null);

  return (
    <Section title="Your decision" id="decision" description="The score is advice: you decide (POPIA s71). Record the decision with a note; the applicant may ask for the reasons.">
      <div className="flex flex-col gap-4">
        <div aria-live="polite" className="empty:hidden">
          {saved && !refreshing && decision ? <p className="text-sm font-medium text-emerald-800">Decision recorded.</p> : null}
        </div>
        {decision ? <Recorded decision={decision} /> : <p className="text-sm text-muted-foreground">No decision recorded yet.</p>}

        {showForm ? (
          <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Record your decision">
            <FormError message={form.formError} />
            <fieldset className="flex flex-col gap-2" aria-describedby={form.fieldError("decision") ? `${ids}-decision-error` : undefined}>
              <legend className="text-sm font-medium">{decision ? "Change the decision" : "Decision"}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                <Choice name="decision" value="approved" label="Approve" defaultChecked={decision?.decision === "approved"} />
                <Choice name="decision" value="declined" label="Decline" defaultChecked={decision?.decision === "declined"} />
              </div>
              <FieldError id={`${ids}-decision-error`} message={form.fieldError("decision")} />
            </fieldset>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${ids}-note`}>Note (optional)</Label>
              <textarea
                id={`${ids}-note`}
                name="note"
                rows={3}
                maxLength={NOTE_MAX}
                defaultValue={decision?.note ?? ""}
                onChange={(event) => setNoteLength(event.currentTarget.value.length)}
                aria-invalid={form.fieldError("note") ? true : undefined}
                aria-describedby={`${ids}-note-hint${form.fieldError("note") ? ` ${ids}-note-error` : ""}`}
                className="w-full rounded-md border border-border bg-background px-3 py-2 text-base shadow-sm placeholder:text-muted-foreground/70 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 aria-[invalid=true]:border-red-600 sm:text-sm"
              />
              <p id={`${ids}-note-hint`} className="text-xs text-muted-foreground">
                Why you decided this way. The applicant may ask for the reasons. {noteLength}/{NOTE_MAX}
              </p>
              <FieldError id={`${ids}-note-error`} message={form.fieldError("note")} />
            </div>
            <div className="flex flex-wrap gap-2">
              <SubmitButton pending={form.pending || refreshing} pendingLabel="Recording…">
                Record decision
              </SubmitButton>
              {decision ? (
                <Button type="button" variant="outline" onClick={() => setEditing(false)} disabled={form.pending}>
                  Cancel
                </Button>
              ) : null}
            </div>
          </form>
        ) : canDecide ? (
          <div>
            <Button type="button" variant="outline" size="sm" onClick={() => setEditing(true)}>
              Change decision
            </Button>
          </div>
        ) : decision ? null : (
          <p className="text-sm text-muted-foreground">Your role cannot record decisions.</p>
        )}
      </div>
    </Section>
  );
}

function Recorded({ decision }: { decision: RecordedDecision }) {
  const approved = decision.decision === "approved";
  const Icon = approved ? CircleCheck : CircleX;
  return (
    <div
      data-testid="recorded-decision"
      data-decision={decision.decision}
      className={cn("rounded-md border p-3 text-sm", approved ? "border-emerald-200 bg-emerald-50 text-emerald-950" : "border-red-200 bg-red-50 text-red-950")}
    >
      <p className="flex items-center gap-2 font-semibold">
        <Icon aria-hidden className="size-4 shrink-0" />
        {approved ? "Approved" : "Declined"}
      </p>
      <p className="mt-1 text-xs opacity-80">
        {decision.decidedBy ? `By ${decision.decidedBy}` : "Recorded"}
        {decision.decidedAt ? (
          <>
            {" "}
            on <time dateTime={decision.decidedAt}>{formatDateTime(decision.decidedAt)}</time>
          </>
        ) : null}
      </p>
      {decision.note ? <p className="mt-2 whitespace-pre-line break-words">{decision.note}</p> : null}
    </div>
  );
}

function Choice({ name, value, label, defaultChecked }: { name: string; value: string; label: string; defaultChecked: boolean }) {
  return (
    <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-border px-3 py-2 text-sm font-medium has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
      <input type="radio" name={name} value={value} defaultChecked={defaultChecked} className="size-4 accent-[var(--color-primary)]" />
      {label}
    </label>
  );
}
