"use client";

import { Eye, EyeOff } from "lucide-react";
import { useId, useState, type ComponentProps, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field-error";
import { Input, Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/ui/cn";

interface FieldFrame {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

function useFieldIds(name: string, id: string | undefined, hint: ReactNode, error: string | undefined) {
  const generated = useId();
  const fieldId = id ?? `${name}-${generated.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(" ") || undefined;
  return { fieldId, hintId, errorId, describedBy, a11y: { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy } };
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="text-xs text-muted-foreground">
      {children}
    </p>
  );
}

export function TextField({ label, name, hint, error, className, id, ...props }: FieldFrame & Omit<ComponentProps<"input">, "name">) {
  const ids = useFieldIds(name, id, hint, error);
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={ids.fieldId}>{label}</Label>
      <Input id={ids.fieldId} name={name} {...ids.a11y} {...props} />
      <Hint id={ids.hintId}>{hint}</Hint>
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}

/** A password input with a show/hide toggle (long passphrases are easier to type when visible). */
export function PasswordField({ label, name, hint, error, className, id, ...props }: FieldFrame & Omit<ComponentProps<"input">, "name" | "type">) {
  const ids = useFieldIds(name, id, hint, error);
  const [visible, setVisible] = useState(false);
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={ids.fieldId}>{label}</Label>
      <div className="relative">
        <Input id={ids.fieldId} name={name} type={visible ? "text" : "password"} className="pr-11" {...ids.a11y} {...props} />
        <button
          type="button"
          onClick={() => setVisible((value) => !value)}
          aria-controls={ids.fieldId}
          aria-pressed={visible}
          className="absolute inset-y-0 right-0 flex w-11 items-center justify-center rounded-r-md text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          {visible ? <EyeOff aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
          <span className="sr-only">{visible ? "Hide password" : "Show password"}</span>
        </button>
      </div>
      <Hint id={ids.hintId}>{hint}</Hint>
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}

export function SelectField({ label, name, hint, error, className, id, children, ...props }: FieldFrame & Omit<ComponentProps<"select">, "name">) {
  const ids = useFieldIds(name, id, hint, error);
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={ids.fieldId}>{label}</Label>
      <Select id={ids.fieldId} name={name} {...ids.a11y} {...props}>
        {children}
      </Select>
      <Hint id={ids.hintId}>{hint}</Hint>
      <FieldError id={ids.errorId} message={error} />
    </div>
  );
}

/** Errors that belong to no single field, at the top of the form. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <Alert variant="error">{message}</Alert>;
}
