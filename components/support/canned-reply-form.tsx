"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import type { ApiError } from "@/components/forms/api";

/** Title and text of a canned reply; used to add one and to edit one in place. */
export function CannedReplyForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: { title: string; body: string };
  submitLabel: string;
  /** Resolves with the API's error, or nothing on success. */
  onSubmit: (reply: { title: string; body: string }) => Promise<ApiError | undefined>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);
  const titleError = error?.field === "title" ? error.message : !title.trim() && error?.code === "LOCAL" ? "Give it a short title." : undefined;
  const bodyError = error?.field === "body" ? error.message : !body.trim() && error?.code === "LOCAL" ? "Write the reply text." : undefined;
  const otherError = error && !titleError && !bodyError ? error.message : undefined;

  async function submit() {
    if (!title.trim() || !body.trim()) {
      setError({ code: "LOCAL", message: "Fill in both fields." });
      return;
    }
    setPending(true);
    const failed = await onSubmit({ title: title.trim(), body: body.trim() });
    setPending(false);
    setError(failed);
    if (!failed && !initial) {
      setTitle("");
      setBody("");
    }
  }

  return (
    <form
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-title`}>Title</Label>
        <Input
          id={`${id}-title`}
          value={title}
          maxLength={80}
          onChange={(event) => setTitle(event.target.value)}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? `${id}-title-error` : undefined}
          placeholder="e.g. Report takes longer than usual"
        />
        <FieldError id={`${id}-title-error`} message={titleError} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-body`}>Reply text</Label>
        <textarea
          id={`${id}-body`}
          value={body}
          rows={4}
          maxLength={2000}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? `${id}-body-error` : undefined}
          className="w-full rounded-md border border-border bg-background px-3 py-2 text-base shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-red-600 sm:text-sm"
        />
        <FieldError id={`${id}-body-error`} message={bodyError} />
      </div>
      {otherError ? (
        <p role="alert" className="text-sm text-red-700">
          {otherError}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? <Spinner /> : null}
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" size="sm" variant="ghost" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
