"use client";

import { Link2 } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { Section } from "@/components/app-shell/page-header";
import { callApi, type ApiResult } from "@/components/forms/api";
import { FormError, SelectField, TextField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useApiForm } from "@/components/forms/use-api-form";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { CopyButton } from "@/components/ui/copy-button";
import { Spinner } from "@/components/ui/spinner";

interface ShareLink {
  id: string;
  label: string | null;
  expiresAt: string;
  revokedAt: string | null;
  views: number;
  lastViewedAt: string | null;
  createdAt: string;
}

interface CreatedLink {
  id: string;
  url: string;
  expiresAt: string;
  label: string | null;
}

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function linkState(link: ShareLink, now: number): "active" | "expired" | "revoked" {
  if (link.revokedAt) return "revoked";
  return new Date(link.expiresAt).getTime() <= now ? "expired" : "active";
}

const STATE_BADGES = {
  active: { label: "Active", variant: "success" },
  expired: { label: "Expired", variant: "muted" },
  revoked: { label: "Revoked", variant: "danger" },
} as const;

/**
 * Read-only links to the report for someone without an account (a co-owner, the managing agent):
 * they last 1 to 7 days, the address is shown once (only its hash is stored), and each can be revoked.
 */
export function ShareLinksPanel({ enquiryId, available }: { enquiryId: string; available: boolean }) {
  const base = `/api/reports/${encodeURIComponent(enquiryId)}/share-links`;
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [loadError, setLoadError] = useState<string | undefined>();
  const [created, setCreated] = useState<CreatedLink | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const form = useApiForm(["expiresInDays", "label"] as const);

  const apply = useCallback((result: ApiResult<{ links: ShareLink[] }>) => {
    if (result.ok) {
      setLinks(result.data.links);
      setLoadError(undefined);
    } else setLoadError(result.error.message);
    setNow(Date.now());
  }, []);
  const load = useCallback(() => callApi<{ links: ShareLink[] }>(base, { method: "GET" }).then(apply), [base, apply]);

  useEffect(() => {
    let current = true;
    void callApi<{ links: ShareLink[] }>(base, { method: "GET" }).then((result) => {
      if (current) apply(result);
    });
    return () => {
      current = false;
    };
  }, [base, apply]);

  const submit = form.handleSubmit(async (data, element) => {
    const label = formText(data, "label");
    const result = await form.send<CreatedLink>(base, { body: { expiresInDays: Number(formText(data, "expiresInDays")), ...(label ? { label } : {}) } });
    if (!result.ok) return;
    setCreated(result.data);
    element.reset();
    await load();
  });

  if (!available) {
    return (
      <Section title="Share this report" id="share">
        <p className="text-sm text-muted-foreground">The PDF is not ready yet, so the report cannot be shared. Reload the page in a minute.</p>
      </Section>
    );
  }

  return (
    <Section
      title="Share this report"
      id="share"
      description="A read-only link for someone without an account. It works for 1 to 7 days and you can revoke it at any time; every view is counted."
    >
      <div className="flex flex-col gap-5">
        <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Create a share link">
          <FormError message={form.formError} />
          <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
            <SelectField label="Expires after" name="expiresInDays" defaultValue="3" error={form.fieldError("expiresInDays")}>
              {DAYS.map((days) => (
                <option key={days} value={days}>
                  {days} {days === 1 ? "day" : "days"}
                </option>
              ))}
            </SelectField>
            <TextField label="Label (optional)" name="label" maxLength={80} placeholder="e.g. For the co-owner" hint="Only you see it, in the list below." error={form.fieldError("label")} />
          </div>
          <div>
            <SubmitButton pending={form.pending} pendingLabel="Creating…">
              <Link2 aria-hidden className="size-4" />
              Create share link
            </SubmitButton>
          </div>
        </form>

        {created ? (
          <Alert variant="success" title="Share link created: copy it now" data-testid="new-share-link">
            <p>It is shown only this once. Anyone with the link can read the report until {formatDateTime(created.expiresAt)}.</p>
            <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
              <input
                readOnly
                value={created.url}
                aria-label="Share link"
                onFocus={(event) => event.currentTarget.select()}
                className="h-10 w-full min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 font-mono text-xs text-foreground"
              />
              <CopyButton value={created.url} label="Copy link" className="shrink-0 bg-white" />
            </div>
          </Alert>
        ) : null}

        <div>
          <h3 className="text-sm font-semibold">Links</h3>
          {loadError ? (
            <p role="alert" className="mt-2 text-sm text-red-800">
              {loadError}
            </p>
          ) : links === null ? (
            <p className="mt-2 flex items-center gap-2 text-sm text-muted-foreground">
              <Spinner /> Loading…
            </p>
          ) : links.length === 0 ? (
            <p className="mt-2 text-sm text-muted-foreground">No links yet.</p>
          ) : (
            <ul className="mt-2 flex flex-col gap-3" aria-label="Share links">
              {links.map((link) => {
                const state = linkState(link, now);
                const badge = STATE_BADGES[state];
                return (
                  <li key={link.id} className="rounded-md border border-border p-3 text-sm" data-share-link={link.id} data-state={state}>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <p className="min-w-0 break-words font-medium">{link.label ?? "Unlabelled link"}</p>
                      <Badge variant={badge.variant}>{badge.label}</Badge>
                    </div>
                    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-muted-foreground">
                      <dt>Created</dt>
                      <dd>{formatDateTime(link.createdAt)}</dd>
                      <dt>{state === "revoked" ? "Revoked" : state === "expired" ? "Expired" : "Expires"}</dt>
                      <dd>{formatDateTime(state === "revoked" ? link.revokedAt : link.expiresAt)}</dd>
                      <dt>Views</dt>
                      <dd data-testid="share-link-views">
                        {link.views}
                        {link.lastViewedAt ? `, last ${formatDateTime(link.lastViewedAt)}` : ""}
                      </dd>
                    </dl>
                    {state === "active" ? (
                      <ConfirmAction
                        className="mt-3"
                        label="Revoke"
                        question="Revoke this link? Anyone who has it can no longer open the report. This cannot be undone."
                        confirmLabel="Yes, revoke the link"
                        pendingLabel="Revoking…"
                        onConfirm={async () => {
                          const result = await callApi(`${base}/${encodeURIComponent(link.id)}`, { method: "DELETE" });
                          if (!result.ok && result.status !== 404) return result.error.message;
                          if (created?.id === link.id) setCreated(null);
                          await load();
                          return undefined;
                        }}
                      />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
    </Section>
  );
}
