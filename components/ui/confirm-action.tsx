"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button, type ButtonProps } from "./button";
import { Spinner } from "./spinner";

export interface ConfirmActionProps {
  /** The first button. */
  label: ReactNode;
  /** Says what will happen, shown with Cancel / Confirm once the first button is pressed. */
  question: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  /** Resolves with an error message to show, or nothing on success. */
  onConfirm: () => Promise<string | undefined>;
  variant?: ButtonProps["variant"];
  /** The confirming button's look: destructive unless the action is a harmless one (enable, restore). */
  confirmVariant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  className?: string;
  disabled?: boolean;
}

/** A destructive action that asks first, inline (no modal to trap phones), and shows its own error. */
export function ConfirmAction({ label, question, confirmLabel, pendingLabel, onConfirm, variant = "destructive-outline", confirmVariant = "destructive", size = "sm", className, disabled }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <div className={className}>
        <Button ref={triggerRef} type="button" variant={variant} size={size} disabled={disabled} onClick={() => setAsking(true)}>
          {label}
        </Button>
      </div>
    );
  }

  return (
    <div role="group" aria-labelledby={questionId} className={className}>
      <div className={confirmVariant === "destructive" ? "flex flex-col gap-2 rounded-md border border-red-200 bg-red-50/60 p-3" : "flex flex-col gap-2 rounded-md border border-border bg-muted/60 p-3"}>
        <p id={questionId} className="text-sm text-foreground">
          {question}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            ref={confirmRef}
            type="button"
            size={size}
            variant={confirmVariant}
            disabled={pending}
            aria-busy={pending || undefined}
            onClick={() => {
              setPending(true);
              setError(undefined);
              onConfirm()
                .then((message) => {
                  setError(message);
                  if (!message) setAsking(false);
                })
                .catch(() => setError("Something went wrong. Try again."))
                .finally(() => setPending(false));
            }}
          >
            {pending ? <Spinner /> : null}
            {pending && pendingLabel ? pendingLabel : confirmLabel}
          </Button>
          <Button type="button" size={size} variant="outline" disabled={pending} onClick={() => setAsking(false)}>
            Cancel
          </Button>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
