"use client";

import { useState } from "react";
import { FormError, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { Alert } from "@/components/ui/alert";

export interface OrganisationSettings {
  monthlyEnquiryCap: number | null;
  reportReuseDays: number;
  whatsappRelinkDays: number | null;
  usage: { enquiriesThisMonth: number; billedThisMonth: number };
}

const optionalWholeNumber = (value: string) => (value === "" ? null : Number(value));

/** The Property Manager's limits: a monthly cap, how long a report is offered for reuse, and the WhatsApp re-link period. */
export function OrganisationSettingsForm({ initial }: { initial: OrganisationSettings }) {
  const [saved, setSaved] = useState(false);
  const form = useApiForm(["monthlyEnquiryCap", "reportReuseDays", "whatsappRelinkDays"] as const);
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit(async (data) => {
        setSaved(false);
        const result = await form.send("/api/organisation/settings", {
          method: "PATCH",
          body: {
            monthlyEnquiryCap: optionalWholeNumber(formText(data, "monthlyEnquiryCap")),
            reportReuseDays: Number(formText(data, "reportReuseDays") || "0"),
            whatsappRelinkDays: optionalWholeNumber(formText(data, "whatsappRelinkDays")),
          },
        });
        if (result.ok) setSaved(true);
      })}
    >
      <p className="text-sm text-muted-foreground" data-testid="monthly-usage">
        This month: {initial.usage.enquiriesThisMonth} enquiries, {initial.usage.billedThisMonth} billed by TPN.
      </p>
      {saved ? (
        <Alert variant="success" role="status">
          Settings saved.
        </Alert>
      ) : null}
      <FormError message={form.formError} />
      <fieldset disabled={form.pending} className="grid gap-4 sm:grid-cols-3">
        <TextField label="Monthly enquiry cap" name="monthlyEnquiryCap" inputMode="numeric" defaultValue={initial.monthlyEnquiryCap ?? ""} hint="Empty: no cap." error={form.fieldError("monthlyEnquiryCap")} />
        <TextField label="Offer recent reports for (days)" name="reportReuseDays" inputMode="numeric" defaultValue={initial.reportReuseDays} hint="0: never offer." error={form.fieldError("reportReuseDays")} />
        <TextField label="Re-link WhatsApp every (days)" name="whatsappRelinkDays" inputMode="numeric" defaultValue={initial.whatsappRelinkDays ?? ""} hint="Empty: never. Guards against SIM swaps." error={form.fieldError("whatsappRelinkDays")} />
      </fieldset>
      <div>
        <SubmitButton pending={form.pending} pendingLabel="Saving…" className="w-full sm:w-auto">
          Save settings
        </SubmitButton>
      </div>
    </form>
  );
}
