"use client";

import { Archive, Pencil } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { Section } from "@/components/app-shell/page-header";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Spinner } from "@/components/ui/spinner";
import type { CannedReplyDto } from "@/lib/support/dto";
import * as api from "./api";
import { CannedReplyForm } from "./canned-reply-form";

/** Admins: list, add, edit and archive the canned replies (archived ones leave the agents' picker). */
export function CannedRepliesManager() {
  const [replies, setReplies] = useState<CannedReplyDto[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | undefined>();

  const reload = useCallback(
    () =>
      api.listCannedReplies().then((result) => {
        if (result.ok) {
          setReplies(result.data.cannedReplies);
          setError(undefined);
        } else setError(result.error.message);
      }),
    [],
  );

  useEffect(() => {
    let current = true;
    void api.listCannedReplies().then((result) => {
      if (!current) return;
      if (result.ok) setReplies(result.data.cannedReplies);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, []);

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem] [&>*]:min-w-0">
      <Section title="Canned replies" description="Agents pick these from “Canned reply” in the inbox; the text lands in the reply box for them to adjust.">
        {notice ? (
          <p role="status" className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-950">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        ) : null}
        {replies === null && !error ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Spinner /> Loading…
          </p>
        ) : replies?.length === 0 ? (
          <p className="text-sm text-muted-foreground">No canned replies yet. Add the answers your team gives most often.</p>
        ) : (
          <ul className="flex flex-col gap-3" aria-label="Canned replies">
            {replies?.map((reply) => (
              <li key={reply.id} className="rounded-md border border-border p-3" data-testid="canned-reply">
                {editing === reply.id ? (
                  <CannedReplyForm
                    initial={reply}
                    submitLabel="Save changes"
                    onCancel={() => setEditing(null)}
                    onSubmit={async (change) => {
                      const result = await api.updateCannedReply(reply.id, change);
                      if (!result.ok) return result.error;
                      setEditing(null);
                      setNotice(`Saved “${change.title}”.`);
                      await reload();
                      return undefined;
                    }}
                  />
                ) : (
                  <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
                    <div className="min-w-0 flex-1">
                      <h3 className="font-semibold">{reply.title}</h3>
                      <p className="mt-1 whitespace-pre-wrap break-words text-sm text-muted-foreground">{reply.body}</p>
                    </div>
                    <div className="flex shrink-0 flex-wrap items-start gap-2">
                      <Button type="button" variant="outline" size="sm" onClick={() => setEditing(reply.id)} aria-label={`Edit “${reply.title}”`}>
                        <Pencil aria-hidden className="size-4" /> Edit
                      </Button>
                      <ConfirmAction
                        label={
                          <>
                            <Archive aria-hidden className="size-4" /> Archive
                          </>
                        }
                        question={`Archive “${reply.title}”? Agents will no longer see it.`}
                        confirmLabel="Archive"
                        pendingLabel="Archiving…"
                        onConfirm={async () => {
                          const result = await api.archiveCannedReply(reply.id);
                          if (!result.ok) return result.error.message;
                          setNotice(`Archived “${reply.title}”.`);
                          await reload();
                          return undefined;
                        }}
                      />
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Add a canned reply">
        <CannedReplyForm
          submitLabel="Add canned reply"
          onSubmit={async (reply) => {
            const result = await api.createCannedReply(reply);
            if (!result.ok) return result.error;
            setNotice(`Added “${reply.title}”.`);
            await reload();
            return undefined;
          }}
        />
      </Section>
    </div>
  );
}
