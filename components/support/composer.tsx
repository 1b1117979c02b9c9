"use client";

import { Paperclip, SendHorizontal, X } from "lucide-react";
import { useId, useRef, useState, type ReactNode } from "react";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/ui/cn";
import { ATTACHMENT_ACCEPT, attachmentProblem, formatBytes } from "./attachment-rules";

export interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  /** Sends the text (and the chosen file, if any); resolves true when it went out, so the box is cleared. */
  onSend: (text: string, file: File | null) => Promise<boolean>;
  onTyping?: () => void;
  label: string;
  placeholder?: string;
  inputTestId: string;
  sendTestId: string;
  sendLabel?: string;
  disabled?: boolean;
  /** Attaching is offered only where the API takes files. */
  allowAttachments?: boolean;
  /** Extra controls beside the attach button (canned replies, internal note, share a report). */
  tools?: ReactNode;
  className?: string;
  textareaClassName?: string;
}

/**
 * The reply box: Enter sends, Shift+Enter starts a new line; a paperclip attaches one screenshot or
 * PDF (checked here for type and size before anything is uploaded).
 */
export function Composer({
  value,
  onChange,
  onSend,
  onTyping,
  label,
  placeholder,
  inputTestId,
  sendTestId,
  sendLabel = "Send",
  disabled = false,
  allowAttachments = true,
  tools,
  className,
  textareaClassName,
}: ComposerProps) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const canSend = !disabled && !sending && (value.trim().length > 0 || file !== null);

  async function send() {
    if (!canSend) return;
    setSending(true);
    const sent = await onSend(value.trim(), file).catch(() => false);
    setSending(false);
    if (sent) {
      onChange("");
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  function choose(chosen: File | undefined) {
    if (!chosen) return;
    const problem = attachmentProblem(chosen);
    if (problem) {
      setFile(null);
      setFileError(problem);
      if (fileInput.current) fileInput.current.value = "";
      return;
    }
    setFileError(undefined);
    setFile(chosen);
  }

  const errorId = `${id}-file-error`;
  return (
    <form
      className={cn("flex flex-col gap-2", className)}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {fileError ? (
        <p id={errorId} role="alert" className="flex items-start gap-1.5 rounded-md border border-red-200 bg-red-50 px-2 py-1.5 text-xs text-red-900" data-testid="support-attachment-error">
          <span className="min-w-0 flex-1">{fileError}</span>
          <button type="button" onClick={() => setFileError(undefined)} className="rounded-sm p-0.5 hover:bg-red-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
            <X aria-hidden className="size-3.5" />
            <span className="sr-only">Dismiss</span>
          </button>
        </p>
      ) : null}
      {file ? (
        <p className="flex items-center gap-2 rounded-md border border-border bg-muted px-2 py-1.5 text-xs" data-testid="support-attachment-chosen">
          <Paperclip aria-hidden className="size-3.5 shrink-0" />
          <span className="min-w-0 flex-1 truncate font-medium">{file.name}</span>
          <span className="shrink-0 text-muted-foreground">{formatBytes(file.size)}</span>
          <button
            type="button"
            onClick={() => {
              setFile(null);
              if (fileInput.current) fileInput.current.value = "";
            }}
            className="rounded-sm p-0.5 hover:bg-background focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <X aria-hidden className="size-3.5" />
            <span className="sr-only">Remove attachment {file.name}</span>
          </button>
        </p>
      ) : null}
      <label htmlFor={`${id}-text`} className="sr-only">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        value={value}
        rows={2}
        maxLength={4000}
        placeholder={placeholder}
        disabled={disabled}
        data-testid={inputTestId}
        aria-describedby={fileError ? errorId : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          if (event.target.value) onTyping?.();
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void send();
          }
        }}
        className={cn(
          "max-h-40 min-h-11 w-full resize-y rounded-md border border-border bg-background px-3 py-2 text-base shadow-sm placeholder:text-muted-foreground/70 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60 sm:text-sm",
          textareaClassName,
        )}
      />
      <div className="flex flex-wrap items-center gap-1">
        {allowAttachments ? (
          <>
            <input
              ref={fileInput}
              type="file"
              accept={ATTACHMENT_ACCEPT}
              className="sr-only"
              tabIndex={-1}
              aria-hidden
              data-testid="support-attachment-input"
              onChange={(event) => choose(event.target.files?.[0])}
            />
            <button
              type="button"
              disabled={disabled || sending}
              onClick={() => fileInput.current?.click()}
              className="inline-flex h-9 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50"
              title="Attach a screenshot or PDF (up to 5 MB)"
            >
              <Paperclip aria-hidden className="size-4" />
              <span>Attach</span>
              <span className="sr-only"> a screenshot or PDF, up to 5 MB</span>
            </button>
          </>
        ) : null}
        {tools}
        <button
          type="submit"
          disabled={!canSend}
          data-testid={sendTestId}
          className="ml-auto inline-flex h-9 items-center gap-1.5 rounded-md bg-primary px-3 text-sm font-medium text-primary-foreground hover:bg-primary/90 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 disabled:opacity-50"
        >
          {sending ? <Spinner /> : <SendHorizontal aria-hidden className="size-4" />}
          {sendLabel}
        </button>
      </div>
    </form>
  );
}
